"""An organisation's membership on /mein-netzwerk/: signing the agreement, the exit, the
signed declarations as PDF.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from core.actions import ServiceFormMixin
from core.network import get_network
from core.roles import LoginRequiredMixin, RepresentativeRequiredMixin
from partners import policies, services
from partners.forms import DeclarationForm, ExitForm
from partners.models import AgreementVersion, Declaration, Organisation
from partners.pdf import declaration_pdf
from partners.views.my_network import OwnOrganisationMixin


class SignAgreementView(
    RepresentativeRequiredMixin, OwnOrganisationMixin, ServiceFormMixin, FormView
):
    form_class = DeclarationForm
    template_name = "partners/declaration_form.html"
    representative_only = True

    @cached_property
    def agreement(self):
        return AgreementVersion.objects.current()

    def get_form_kwargs(self):
        contact = self.organisation.contacts.filter(user=self.request.user).first()
        return {
            **super().get_form_kwargs(),
            "organisation": self.organisation,
            "agreement_version": self.agreement,
            "initial": {
                "full_name": contact.name,
                "function": contact.function,
                "place": self.organisation.city or get_network().city,
            },
        }

    def get_context_data(self, **kwargs):
        signed = self.organisation.declarations.filter(agreement_version=self.agreement).exists()
        return super().get_context_data(agreement=self.agreement, signed=signed, **kwargs)

    success_message = _lazy("Die Erklärung zur Mitarbeit ist unterzeichnet.")

    def perform(self, form):
        return services.sign_declaration(
            organisation=self.organisation,
            by=self.request.user,
            full_name=form.cleaned_data["full_name"],
            function=form.cleaned_data["function"],
            place=form.cleaned_data["place"],
            agreement_version=self.agreement,
        )

    def get_success_url(self):
        return reverse("partners:my_network")


class ExitDeclareView(
    RepresentativeRequiredMixin, OwnOrganisationMixin, ServiceFormMixin, FormView
):
    form_class = ExitForm
    template_name = "partners/exit_form.html"
    representative_only = True

    def get_context_data(self, **kwargs):
        earliest, latest = policies.exit_date_bounds()
        return super().get_context_data(
            may_declare=policies.can_declare_exit(self.request.user, self.organisation),
            latest=latest,
            **kwargs,
        )

    def perform(self, form):
        return services.declare_exit(
            organisation=self.organisation,
            by=self.request.user,
            exit_on=form.cleaned_data["exit_on"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, organisation):
        if organisation.status == Organisation.Status.LEFT or policies.exit_is_due(organisation):
            return _("Der Austritt ist erklärt und wird heute wirksam.")
        return _(
            "Der Austritt zum %(date)s ist erklärt. Bis dahin bleibt Ihre Organisation "
            "Partner und Sie können ihn zurücknehmen."
        ) % {"date": date_format(organisation.exit_on, "SHORT_DATE_FORMAT")}

    def get_success_url(self):
        return reverse("partners:my_network")


class ExitWithdrawView(RepresentativeRequiredMixin, OwnOrganisationMixin, TemplateView):
    """GET asks for confirmation; POST withdraws the declared exit before its date."""

    template_name = "partners/exit_withdraw.html"
    representative_only = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            may_withdraw=policies.can_withdraw_exit(self.request.user, self.organisation),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.withdraw_exit(organisation=self.organisation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Der Austritt ist zurückgenommen; Ihre Organisation bleibt Partner.")
            )
        return redirect("partners:my_network")


class DeclarationPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        declaration = get_object_or_404(
            Declaration.objects.visible_to(request.user).select_related(
                "agreement_version", "organisation"
            ),
            pk=pk,
        )
        response = HttpResponse(declaration_pdf(declaration), content_type="application/pdf")
        filename = (
            f"erklaerung-{declaration.organisation.slug}-"
            f"fassung-{declaration.agreement_version.number}.pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
