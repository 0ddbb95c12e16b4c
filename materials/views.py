from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from materials import services
from materials.forms import AcceptTermsForm
from materials.models import Document, SealAcceptance, SealFile, SealTerms
from netzwerk.roles import PartnerContactRequiredMixin, RepresentativeRequiredMixin, get_roles
from netzwerk.uploads import file_response
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
            }
        )
    return rows


class MaterialListView(PartnerContactRequiredMixin, TemplateView):
    template_name = "materials/material_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        overview = seal_overview(user)
        eligible = get_roles(user).is_coordinator or any(row["since"] for row in overview)
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
        eligible = roles.is_coordinator or any(row["since"] for row in overview)
        return super().get_context_data(
            terms=SealTerms.objects.current(),
            seal_overview=overview,
            seal_files=SealFile.objects.all() if eligible else [],
            may_download_seal=eligible,
            holder_count=Organisation.objects.active()
            .filter(seal_acceptances__isnull=False)
            .distinct()
            .count(),
            **kwargs,
        )


class AcceptTermsView(RepresentativeRequiredMixin, FormView):
    template_name = "materials/sealterms_accept.html"
    form_class = AcceptTermsForm

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
            terms=self.terms, open_organisations=self.open_organisations(), **kwargs
        )

    def form_valid(self, form):
        if self.terms is None:
            raise Http404
        try:
            services.accept_seal_terms(
                organisation=form.cleaned_data["organisation"],
                terms=self.terms,
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Die Nutzungsbedingungen sind angenommen. Ihre Organisation darf das Gütesiegel tragen."
            ),
        )
        return redirect("materials:list")


def seal_download(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    seal_file = get_object_or_404(SealFile, pk=pk)
    organisation = services.seal_organisation_for(request.user)
    if organisation is None and not get_roles(request.user).is_coordinator:
        raise PermissionDenied(
            _(
                "Das Gütesiegel steht nur Partnern zur Verfügung, die die Nutzungsbedingungen angenommen haben."
            )
        )
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
