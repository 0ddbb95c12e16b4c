from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from core.actions import CorrectionView, ServiceFormMixin
from core.models import Correction
from core.roles import (
    CoordinatorRequiredMixin,
    PartnerContactRequiredMixin,
    RepresentativeRequiredMixin,
    get_roles,
)
from core.uploads import file_response
from materials import policies, services
from materials.forms import AcceptTermsForm
from materials.models import Document, SealAcceptance, SealFile, SealTerms
from partners.models import Organisation


def seal_overview(user):
    """For each of the user's organisations: since when it may carry the seal, if at all."""
    roles = get_roles(user)
    represented = {o.pk for o in roles.represented_organisations}
    accepted = {}
    for acceptance in (
        SealAcceptance.objects.in_force()
        .filter(organisation__in=[o.pk for o in roles.organisations])
        .select_related("terms")
        .prefetch_related(
            Prefetch(
                "corrections",
                queryset=Correction.objects.select_related("corrected_by", "content_type"),
            )
        )
    ):
        accepted.setdefault(acceptance.organisation_id, []).append(acceptance)
    current = SealTerms.objects.current()
    rows = []
    for organisation in roles.organisations:
        acceptances = accepted.get(organisation.pk, [])
        rows.append(
            {
                "organisation": organisation,
                "since": min((a.accepted_at for a in acceptances), default=None),
                "accepted_current": current is not None
                and any(a.terms_id == current.pk for a in acceptances),
                "may_accept": organisation.pk in represented,
                "corrections": [c for a in acceptances for c in a.corrections.all()],
            }
        )
    return rows


class MaterialListView(PartnerContactRequiredMixin, TemplateView):
    template_name = "materials/material_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        overview = seal_overview(user)
        eligible = policies.can_download_seal(user, seal_overview=overview)
        return super().get_context_data(
            seal_overview=overview,
            seal_files=SealFile.objects.all() if eligible else [],
            may_download_seal=eligible,
            documents=Document.objects.visible_to(user).order_by("audience", "title"),
            terms=SealTerms.objects.current(),
            **kwargs,
        )


class SealView(TemplateView):
    template_name = "materials/seal.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        roles = get_roles(user)
        overview = seal_overview(user) if roles.is_partner_contact else []
        eligible = policies.can_download_seal(user, seal_overview=overview)
        terms = SealTerms.objects.current()
        return super().get_context_data(
            terms=terms,
            terms_corrections=terms.corrections.select_related("corrected_by", "content_type")
            if terms
            else [],
            may_correct_terms=bool(terms) and policies.can_correct_terms(user, terms),
            seal_overview=overview,
            seal_files=SealFile.objects.all() if eligible else [],
            may_download_seal=eligible,
            holder_count=Organisation.objects.active()
            .filter(seal_acceptances__isnull=False)
            .distinct()
            .count(),
            **kwargs,
        )


class AcceptTermsView(RepresentativeRequiredMixin, ServiceFormMixin, FormView):
    template_name = "materials/sealterms_accept.html"
    form_class = AcceptTermsForm
    success_url = reverse_lazy("materials:list")
    success_message = gettext_lazy(
        "Die Nutzungsbedingungen sind angenommen. Ihre Organisation darf das Gütesiegel tragen."
    )

    def dispatch(self, request, *args, **kwargs):
        self.terms = SealTerms.objects.current()
        return super().dispatch(request, *args, **kwargs)

    def open_organisations(self):
        roles = get_roles(self.request.user)
        done = set()
        if self.terms:
            done = set(self.terms.acceptances.values_list("organisation_id", flat=True))
        return Organisation.objects.filter(
            pk__in=[o.pk for o in roles.represented_organisations if o.pk not in done]
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisations": self.open_organisations()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            terms=self.terms,
            terms_corrections=self.terms.corrections.select_related("corrected_by", "content_type")
            if self.terms
            else [],
            open_organisations=self.open_organisations(),
            **kwargs,
        )

    def perform(self, form):
        if self.terms is None:
            raise Http404
        return services.accept_seal_terms(
            organisation=form.cleaned_data["organisation"], terms=self.terms, by=self.request.user
        )

    def get_success_url(self):
        return str(self.success_url)


class TermsCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A Berichtigung of published or accepted terms (a new wording is a new version)."""

    correction_fields = ["text", "valid_from"]
    policy = policies.can_correct_terms

    def get_record(self):
        return get_object_or_404(SealTerms, pk=self.kwargs["pk"])


class AcceptanceCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """A Berichtigung of the name or function recorded with an acceptance."""

    correction_fields = ["name", "function"]
    policy = policies.can_correct_acceptance

    def get_record(self):
        return get_object_or_404(SealAcceptance, pk=self.kwargs["pk"])


def seal_download(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    seal_file = get_object_or_404(SealFile, pk=pk)
    organisation = services.seal_organisation_for(request.user)
    policies.can_download_seal(request.user, seal_organisation=organisation).enforce()
    services.log_download(by=request.user, seal_file=seal_file, organisation=organisation)
    filename = f"guetesiegel-{slugify(seal_file.title)}.{seal_file.extension.lower()}"
    return file_response(seal_file.file, filename=filename)


def document_download(request, pk):
    visible = Document.objects.visible_to(request.user)
    if not request.user.is_authenticated and not visible.filter(pk=pk).exists():
        # Anonymous visitors learn nothing about non-public documents: they log in first.
        return redirect_to_login(request.get_full_path())
    document = get_object_or_404(visible, pk=pk)
    organisations = get_roles(request.user).organisations
    services.log_download(
        by=request.user, document=document, organisation=organisations[0] if organisations else None
    )
    filename = f"{slugify(document.title)}.{document.extension.lower()}"
    return file_response(document.file, filename=filename, inline=True)
