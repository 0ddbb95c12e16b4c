import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django_filters.views import FilterView

from netzwerk import registry
from netzwerk.actions import CorrectionView, ServiceActionView, ServiceFormMixin
from netzwerk.network import get_network
from netzwerk.pagecache import cache_personal_page, cache_public_page
from netzwerk.ratelimit import rate_limit
from netzwerk.roles import (
    CoordinatorRequiredMixin,
    LoginRequiredMixin,
    PartnerContactRequiredMixin,
    RepresentativeRequiredMixin,
    get_roles,
    is_coordinator,
)
from netzwerk.uploads import file_response
from partners import policies, services, standing
from partners.filters import OrganisationFilter
from partners.forms import (
    AgreementVersionForm,
    ApplicationForm,
    ContactInviteForm,
    DeclarationForm,
    ExitForm,
    OrganisationForm,
    RejectForm,
)
from partners.models import (
    AgreementVersion,
    Contact,
    Declaration,
    Organisation,
    OrganisationSlugAlias,
    Sponsor,
)
from partners.pdf import declaration_pdf
from partners.standing import standings_of


def _profile_data(form):
    return {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}


# The public directory and profiles


@method_decorator(cache_public_page, name="dispatch")
class OrganisationListView(FilterView):
    filterset_class = OrganisationFilter
    paginate_by = 24
    template_name = "partners/organisation_list.html"

    def get_queryset(self):
        return Organisation.objects.active().prefetch_related("fields").order_by("name")


@method_decorator(cache_public_page, name="dispatch")
class OrganisationDetailView(DetailView):
    def get_queryset(self):
        return Organisation.objects.active().prefetch_related(
            "fields",
            Prefetch("contacts", queryset=Contact.objects.public(), to_attr="public_contacts"),
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An earlier address (before a renaming) leads to the current one for good.
            alias = (
                OrganisationSlugAlias.objects.filter(
                    slug=kwargs["slug"], organisation__status=Organisation.Status.ACTIVE
                )
                .select_related("organisation")
                .first()
            )
            if alias is None:
                raise
            return redirect(alias.organisation, permanent=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=registry.collect("profile_sections", self.request, self.object),
            may_edit=self.object.contacts.filter(user_id=self.request.user.pk).exists()
            if self.request.user.is_authenticated
            else False,
            **kwargs,
        )


class OrganisationLogoView(View):
    def get(self, request, slug):
        organisation = get_object_or_404(Organisation, slug=slug)
        visible = organisation.is_active or (
            request.user.is_authenticated
            and (
                is_coordinator(request.user)
                or organisation.contacts.filter(user=request.user).exists()
            )
        )
        if not visible or not organisation.logo:
            raise Http404
        return file_response(organisation.logo, inline=True)


class SponsorLogoView(View):
    def get(self, request, pk):
        sponsor = get_object_or_404(Sponsor.objects.shown(), pk=pk)
        if not sponsor.logo:
            raise Http404
        return file_response(sponsor.logo, inline=True)


# Joining: /mitmachen/


class JoinView(TemplateView):
    template_name = "partners/join.html"

    def get_context_data(self, **kwargs):
        application = services.pending_application_of(self.request.user)
        signed = application is not None and application.declarations.exists()
        if not self.request.user.is_authenticated:
            step = 1
        elif application is None or not application.name:
            step = 2
        elif not signed:
            step = 3
        else:
            step = 4
        return super().get_context_data(
            agreement=AgreementVersion.objects.current(),
            application=application,
            step=step,
            next_url=reverse("partners:join_organisation"),
            **kwargs,
        )


@method_decorator(rate_limit("join", limit=20, period=60), name="dispatch")
class JoinOrganisationView(LoginRequiredMixin, ServiceFormMixin, FormView):
    form_class = ApplicationForm
    template_name = "partners/join_organisation.html"

    @cached_property
    def application(self):
        return services.pending_application_of(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and self.application
            and self.application.declarations.exists()
        ):
            return redirect("partners:join_done")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.application
        kwargs["applicant"] = self.request.user
        if self.application is not None:
            contact = self.application.contacts.filter(user=self.request.user).first()
            kwargs["initial"] = {
                "contact_name": contact.name if contact else "",
                "contact_function": contact.function if contact else "",
                "recruited_by": self.application.recruited_by_id,
            }
        else:
            kwargs["initial"] = {"contact_name": self.request.user.name}
        return kwargs

    success_message = _lazy("Die Daten Ihrer Organisation sind gespeichert.")

    def perform(self, form):
        return services.save_application(
            by=self.request.user,
            data=_profile_data(form),
            fields=form.cleaned_data["fields"],
            logo=form.new_logo(),
            recruited_by=form.cleaned_data["recruited_by"],
            contact={
                "name": form.cleaned_data["contact_name"],
                "function": form.cleaned_data["contact_function"],
            },
        )

    def get_success_url(self):
        return reverse("partners:join_sign")


@method_decorator(rate_limit("join", limit=20, period=60), name="dispatch")
class JoinSignView(LoginRequiredMixin, ServiceFormMixin, FormView):
    form_class = DeclarationForm
    template_name = "partners/join_sign.html"

    @cached_property
    def application(self):
        return services.pending_application_of(self.request.user)

    @cached_property
    def agreement(self):
        return AgreementVersion.objects.current()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if self.application is None:
                return redirect("partners:join_organisation")
            if self.application.declarations.exists():
                return redirect("partners:join_done")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        contact = self.application.contacts.filter(user=self.request.user).first()
        return {
            **super().get_form_kwargs(),
            "organisation": self.application,
            "agreement_version": self.agreement,
            "initial": {
                "full_name": contact.name if contact else self.request.user.name,
                "function": contact.function if contact else "",
                "place": self.application.city or get_network().city,
            },
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.application, agreement=self.agreement, **kwargs
        )

    success_message = _lazy("Vielen Dank! Ihre Erklärung zur Mitarbeit ist abgegeben.")

    def perform(self, form):
        return services.sign_declaration(
            organisation=self.application,
            by=self.request.user,
            full_name=form.cleaned_data["full_name"],
            function=form.cleaned_data["function"],
            place=form.cleaned_data["place"],
            agreement_version=self.agreement,
        )

    def get_success_url(self):
        return reverse("partners:join_done")


class JoinDoneView(LoginRequiredMixin, TemplateView):
    template_name = "partners/join_done.html"

    def get(self, request, *args, **kwargs):
        self.application = services.pending_application_of(request.user)
        if self.application is None or not self.application.declarations.exists():
            return redirect("partners:join")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.application,
            declaration=self.application.declarations.select_related("agreement_version").first(),
            **kwargs,
        )


# /mein-netzwerk/


@method_decorator(cache_personal_page, name="get")
class MyNetworkView(LoginRequiredMixin, TemplateView):
    """/mein-netzwerk/: contacts of active partners, and of organisations that left.

    After its exit an organisation's contacts still find their signed declarations
    (PDF) and their personal data here; nothing else of the organisation.
    """

    template_name = "partners/my_network.html"

    @cached_property
    def former_contacts(self):
        return list(
            Contact.objects.filter(
                user=self.request.user, organisation__status=Organisation.Status.LEFT
            )
            .select_related("organisation")
            .prefetch_related(
                Prefetch(
                    "organisation__declarations",
                    queryset=Declaration.objects.select_related(
                        "agreement_version"
                    ).prefetch_related("corrections__corrected_by", "corrections__content_type"),
                )
            )
        )

    @cached_property
    def standings(self):
        return standings_of(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        # Nobody logged in meets a bare 403 here: an applicant is sent to the page that
        # says how far the application is; anyone else sees where they stand.
        roles = get_roles(request.user)
        if (
            request.user.is_authenticated
            and not (roles.is_partner_contact or roles.is_coordinator)
            and not self.former_contacts
        ):
            states = {s.state for s in self.standings}
            if standing.PENDING in states:
                return redirect("partners:join_done")
            if standing.DRAFT in states:
                return redirect("partners:join")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        current = AgreementVersion.objects.current()
        user = self.request.user
        entries = []
        for contact in get_roles(user).contacts:
            organisation = contact.organisation
            declarations = list(
                organisation.declarations.select_related("agreement_version").prefetch_related(
                    "corrections__corrected_by", "corrections__content_type"
                )
            )
            entries.append(
                {
                    "contact": contact,
                    "organisation": organisation,
                    "declarations": declarations,
                    "contacts": list(organisation.contacts.all())
                    if contact.is_representative
                    else [],
                    "must_sign": current is not None
                    and all(d.agreement_version_id != current.pk for d in declarations),
                    "may_declare_exit": policies.can_declare_exit(user, organisation),
                    "may_withdraw_exit": policies.can_withdraw_exit(user, organisation),
                }
            )
        return super().get_context_data(
            entries=entries,
            former=[
                {
                    "contact": contact,
                    "organisation": contact.organisation,
                    "declarations": list(contact.organisation.declarations.all()),
                }
                for contact in self.former_contacts
            ],
            agreement=current,
            # Applications of the person's other organisations: waiting, unfinished, rejected.
            applications=[
                s
                for s in self.standings
                if s.state in (standing.DRAFT, standing.PENDING, standing.REJECTED)
            ],
            sections=registry.collect("my_network_sections", self.request)
            if entries or get_roles(user).is_coordinator
            else [],
            **kwargs,
        )


class OwnOrganisationMixin:
    """The organisation from the URL, among the active ones the user is a contact of."""

    representative_only = False

    @cached_property
    def organisation(self):
        organisations = Organisation.objects.active()
        if self.representative_only:
            organisations = organisations.represented_by(self.request.user)
        else:
            organisations = organisations.of_user(self.request.user)
        return get_object_or_404(organisations, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)


class OrganisationUpdateView(
    PartnerContactRequiredMixin, OwnOrganisationMixin, ServiceFormMixin, FormView
):
    form_class = OrganisationForm
    template_name = "partners/organisation_form.html"

    success_message = _lazy("Das Profil ist gespeichert.")

    def get_form_kwargs(self):
        # The form validates a copy: the service, not the form, changes the organisation.
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Organisation.objects.get(pk=self.organisation.pk)
        return kwargs

    def perform(self, form):
        return services.update_organisation(
            organisation=self.organisation,
            by=self.request.user,
            data=_profile_data(form),
            fields=form.cleaned_data["fields"],
            logo=form.new_logo(),
            remove_logo=form.cleaned_data.get("remove_logo", False),
        )

    def get_success_url(self):
        return reverse("partners:my_network")


class ContactInviteView(
    RepresentativeRequiredMixin, OwnOrganisationMixin, ServiceFormMixin, FormView
):
    form_class = ContactInviteForm
    template_name = "partners/contact_form.html"
    representative_only = True

    def perform(self, form):
        return services.invite_contact(
            organisation=self.organisation, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, contact):
        return _("%(name)s ist eingeladen und erhält eine E-Mail.") % {"name": contact.name}

    def get_success_url(self):
        return reverse("partners:my_network")


class ContactRemoveView(RepresentativeRequiredMixin, OwnOrganisationMixin, TemplateView):
    template_name = "partners/contact_confirm_delete.html"
    representative_only = True

    @cached_property
    def contact(self):
        return get_object_or_404(self.organisation.contacts, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact=self.contact, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.remove_contact(contact=self.contact, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("partners:my_network")
        messages.success(request, _("Die Ansprechperson ist entfernt."))
        return redirect("partners:my_network")


class ContactConsentView(PartnerContactRequiredMixin, View):
    def post(self, request, pk):
        contact = get_object_or_404(request.user.contacts, pk=pk)
        consent = request.POST.get("consent") == "1"
        services.set_public_consent(contact=contact, by=request.user, consent=consent)
        if consent:
            messages.success(request, _("Ihr Name und Ihre E-Mail-Adresse werden jetzt gezeigt."))
        else:
            messages.success(request, _("Ihr Name und Ihre E-Mail-Adresse werden nicht gezeigt."))
        return redirect("partners:my_network")


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


# Coordination: /koordination/…


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
        from netzwerk.services import corrected_values

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


def _csv_cell(value):
    # Spreadsheets run cells starting with these characters as formulas.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_response(filename, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the BOM makes Excel read UTF-8
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class PartnerExportView(CoordinatorRequiredMixin, View):
    def get(self, request):
        organisations = (
            Organisation.objects.exclude(status=Organisation.Status.REJECTED)
            .select_related("recruited_by")
            .prefetch_related("fields", "contacts")
            .order_by("name")
        )
        header = [
            _("Organisation"),
            _("Status"),
            _("Stadtbezirk"),
            _("Anschrift"),
            _("Website"),
            _("E-Mail"),
            _("Telefon"),
            _("Engagementfelder"),
            _("Partner seit"),
            _("ausgetreten am"),
            _("geworben von"),
            _("Ansprechperson"),
            _("Funktion"),
            _("E-Mail der Ansprechperson"),
            _("Telefon der Ansprechperson"),
            _("vertretungsberechtigt"),
        ]

        def rows():
            for organisation in organisations:
                base = [
                    organisation.name,
                    organisation.get_status_display(),
                    organisation.get_district_display(),
                    f"{organisation.street}, {organisation.postal_code} {organisation.city}",
                    organisation.website,
                    organisation.email,
                    organisation.phone,
                    ", ".join(f.name for f in organisation.fields.all()),
                    organisation.joined_on or "",
                    organisation.left_on or "",
                    organisation.recruited_by or "",
                ]
                contacts = list(organisation.contacts.all()) or [None]
                for contact in contacts:
                    if contact is None:
                        yield [*base, "", "", "", "", ""]
                    else:
                        yield [
                            *base,
                            contact.name,
                            contact.function,
                            contact.email,
                            contact.phone,
                            _("ja") if contact.is_representative else _("nein"),
                        ]

        stamp = timezone.localdate().isoformat()
        return _csv_response(f"partner-{stamp}.csv", header, rows())


class DeclarationExportView(CoordinatorRequiredMixin, View):
    def get(self, request):
        declarations = Declaration.objects.select_related(
            "organisation", "agreement_version"
        ).order_by("organisation__name", "agreement_version__number")
        header = [
            _("Organisation"),
            _("Fassung"),
            _("unterzeichnet am"),
            _("Vor- und Nachname"),
            _("Funktion"),
            pgettext("place of signing", "Ort"),
            _("SHA-256"),
        ]
        rows = (
            [
                d.organisation.name,
                d.agreement_version.number,
                timezone.localtime(d.signed_at).strftime("%d.%m.%Y %H:%M"),
                d.signer_name,
                d.signer_function,
                d.place,
                d.sha256,
            ]
            for d in declarations
        )
        stamp = timezone.localdate().isoformat()
        return _csv_response(f"erklaerungen-{stamp}.csv", header, rows)
