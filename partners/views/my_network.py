"""/mein-netzwerk/: the own organisations, their profile and contacts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from core import registry
from core.actions import ServiceFormMixin
from core.pagecache import cache_personal_page
from core.roles import (
    LoginRequiredMixin,
    PartnerContactRequiredMixin,
    RepresentativeRequiredMixin,
    get_roles,
)
from partners import policies, services, standing
from partners.forms import ContactInviteForm, OrganisationForm
from partners.models import AgreementVersion, Declaration, Organisation
from partners.standing import standings_of
from partners.views.joining import profile_data


@method_decorator(cache_personal_page, name="get")
class MyNetworkView(LoginRequiredMixin, TemplateView):
    """/mein-netzwerk/: contacts of active partners, and of organisations that left.

    After its exit an organisation's contacts still find their signed declarations
    (PDF) and their personal data here; nothing else of the organisation.
    """

    template_name = "partners/my_network.html"

    @cached_property
    def former_contacts(self):
        # The person's contacts of organisations that left, from the standings (read
        # anyway), with their declarations: one query more only when there are any.
        former = [s.contact for s in self.standings if s.state == standing.LEFT]
        prefetch_related_objects(
            former,
            Prefetch(
                "organisation__declarations",
                queryset=Declaration.objects.select_related("agreement_version").prefetch_related(
                    "corrections__corrected_by", "corrections__content_type"
                ),
            ),
        )
        return former

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
        contacts = get_roles(user).contacts
        # The declarations of all the person's organisations, and the contacts of those
        # they represent, each in one query however many organisations there are (kept
        # in attributes of their own: the roles' organisations are shared by the request).
        prefetch_related_objects(
            [contact.organisation for contact in contacts],
            Prefetch(
                "declarations",
                queryset=Declaration.objects.select_related("agreement_version").prefetch_related(
                    "corrections__corrected_by", "corrections__content_type"
                ),
                to_attr="my_network_declarations",
            ),
        )
        prefetch_related_objects(
            [contact.organisation for contact in contacts if contact.is_representative],
            Prefetch("contacts", to_attr="my_network_contacts"),
        )
        entries = []
        for contact in contacts:
            organisation = contact.organisation
            declarations = organisation.my_network_declarations
            entries.append(
                {
                    "contact": contact,
                    "organisation": organisation,
                    "declarations": declarations,
                    "contacts": organisation.my_network_contacts
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
            data=profile_data(form),
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
