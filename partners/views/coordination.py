"""The coordinators' pages for partners: applications, agreement versions, exits,
corrections (/koordination/…).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import DetailView, FormView, ListView

from core.actions import CorrectionView, ServiceActionView, ServiceFormMixin
from core.roles import CoordinatorRequiredMixin
from partners import policies, services
from partners.forms import AgreementVersionForm, RejectForm
from partners.models import AgreementVersion, Declaration, Organisation


class ApplicationDetailView(CoordinatorRequiredMixin, DetailView):
    template_name = "partners/application_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.applicants().prefetch_related("fields", "contacts")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            declaration=self.object.declarations.select_related("agreement_version").first(),
            duplicates=Organisation.objects.duplicates_of(
                name=self.object.name, website=self.object.website, exclude=self.object
            ),
            **kwargs,
        )


class ApplicationApproveView(CoordinatorRequiredMixin, ServiceActionView):
    def perform(self):
        self.organisation = get_object_or_404(
            Organisation.objects.applicants(), slug=self.kwargs["slug"]
        )
        organisation = services.approve_application(
            organisation=self.organisation, by=self.request.user
        )
        messages.success(
            self.request,
            _("%(name)s ist jetzt Partner im Netzwerk.") % {"name": organisation.name},
        )
        return organisation

    def get_success_url(self):
        if getattr(self, "result", None) is not None:
            return reverse("coordination")
        return reverse("partners:application", kwargs={"slug": self.kwargs["slug"]})


class ApplicationRejectView(CoordinatorRequiredMixin, ServiceFormMixin, FormView):
    form_class = RejectForm
    template_name = "partners/application_reject.html"

    @cached_property
    def organisation(self):
        return get_object_or_404(Organisation.objects.applicants(), slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    success_message = _lazy("Die Bewerbung ist abgelehnt.")

    def perform(self, form):
        return services.reject_application(
            organisation=self.organisation,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_success_url(self):
        return reverse("coordination")


class AgreementPublishView(CoordinatorRequiredMixin, ServiceFormMixin, FormView):
    form_class = AgreementVersionForm
    template_name = "partners/agreementversion_form.html"

    def get_initial(self):
        from core.services import corrected_values

        current = AgreementVersion.objects.current()
        return {
            # The title as read now: a Berichtigung is kept beside the published row.
            "title": corrected_values(current, ["title"])["title"] if current else "",
            "text": current.text if current else "",
            "valid_from": timezone.localdate(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(number=services.next_agreement_number(), **kwargs)

    def perform(self, form):
        return services.publish_agreement_version(by=self.request.user, **form.cleaned_data)

    def get_success_message(self, version):
        return _("Fassung %(number)s ist veröffentlicht; die Partner werden benachrichtigt.") % {
            "number": version.number
        }

    def get_success_url(self):
        return reverse("partners:resign_list")


class ResignListView(CoordinatorRequiredMixin, ListView):
    template_name = "partners/resign_list.html"
    paginate_by = 50
    context_object_name = "organisations"

    @cached_property
    def agreement(self):
        return AgreementVersion.objects.current()

    def get_queryset(self):
        if self.agreement is None:
            return Organisation.objects.none()
        return Organisation.objects.active().without_declaration_of(self.agreement)

    def get_context_data(self, **kwargs):
        return super().get_context_data(agreement=self.agreement, **kwargs)


class ExitConfirmView(CoordinatorRequiredMixin, DetailView):
    """A declared exit, for the coordinators; it takes effect on its date by itself.

    POST carries out an exit whose date has come (should the worker lag behind);
    before the date it is refused: until then the organisation is a partner.
    """

    template_name = "partners/exit_confirm.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.exit_declared()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            may_carry_out=policies.can_carry_out_exit(self.request.user, self.object),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        organisation = self.get_object()
        try:
            services.carry_out_exit(organisation=organisation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("partners:exit_confirm", slug=organisation.slug)
        messages.success(
            request, _("Der Austritt von %(name)s ist vollzogen.") % {"name": organisation.name}
        )
        return redirect("coordination")


class DeclarationCorrectView(CoordinatorRequiredMixin, CorrectionView):
    """A Berichtigung of a signed declaration's typed name, function or place.

    The hashed parts (agreement text, organisation data) are not correctable.
    """

    correction_fields = ("signer_name", "signer_function", "place")

    def get_record(self):
        return get_object_or_404(Declaration, pk=self.kwargs["pk"])

    def get_success_url(self):
        return reverse("coordination")


class AgreementVersionCorrectView(CoordinatorRequiredMixin, CorrectionView):
    """A Berichtigung of a signed agreement version's title (its text is what was signed)."""

    correction_fields = ("title",)

    def get_record(self):
        return get_object_or_404(AgreementVersion, number=self.kwargs["number"])
