"""Nominating an organisation, and the nominee's answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from core.actions import ServiceActionView, ServiceFormMixin
from core.roles import RepresentativeRequiredMixin, get_roles
from elections import services
from elections.forms import NominationAcceptForm, NominationForm
from elections.models import Nomination
from elections.views.common import ElectionMixin


class NominationCreateView(RepresentativeRequiredMixin, ElectionMixin, ServiceFormMixin, FormView):
    template_name = "elections/nomination_form.html"
    form_class = NominationForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "represented": get_roles(self.request.user).represented_organisations,
        }

    def perform(self, form):
        try:
            return services.nominate_organisation(
                election=self.get_election(),
                organisation=form.cleaned_data["organisation"],
                nominated_by=form.cleaned_data["nominated_by"],
                by=self.request.user,
            )
        except PermissionDenied as error:
            # Not a representative of the organisation chosen in the form: a form error.
            raise ValidationError(str(error)) from None

    def get_success_message(self, result):
        return _("%(organisation)s ist vorgeschlagen und wird um Zustimmung gebeten.") % {
            "organisation": result.organisation
        }

    def get_success_url(self):
        return self.get_election().get_absolute_url()


class NominationMixin:
    """Nominations of the organisations the user represents; others are 404."""

    def get_nomination(self):
        if not hasattr(self, "_nomination"):
            represented = get_roles(self.request.user).represented_organisations
            self._nomination = get_object_or_404(
                Nomination.objects.select_related("election", "organisation").filter(
                    organisation__in=represented
                ),
                pk=self.kwargs["pk"],
            )
        return self._nomination

    def get_context_data(self, **kwargs):
        return super().get_context_data(nomination=self.get_nomination(), **kwargs)


class NominationAcceptView(
    RepresentativeRequiredMixin, NominationMixin, ServiceFormMixin, FormView
):
    template_name = "elections/nomination_accept.html"
    form_class = NominationAcceptForm
    success_message = gettext_lazy("Ihre Organisation kandidiert.")

    def get_initial(self):
        return {"statement": self.get_nomination().statement}

    def perform(self, form):
        return services.accept_nomination(
            nomination=self.get_nomination(),
            statement=form.cleaned_data["statement"],
            by=self.request.user,
        )

    def get_success_url(self):
        return self.get_nomination().election.get_absolute_url()


class NominationDeclineView(RepresentativeRequiredMixin, NominationMixin, ServiceActionView):
    template_name = "elections/nomination_confirm_decline.html"
    http_method_names = ["get", "post"]
    success_message = gettext_lazy("Sie haben den Vorschlag abgelehnt.")

    def get(self, request, *args, **kwargs):
        return TemplateResponse(request, self.template_name, {"nomination": self.get_nomination()})

    def perform(self):
        return services.decline_nomination(nomination=self.get_nomination(), by=self.request.user)

    def get_success_url(self):
        return self.get_nomination().election.get_absolute_url()
