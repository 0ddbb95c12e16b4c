"""Where a person stands with each organisation they are a contact of (read-only).

One answer for `/konto/` and `/mein-netzwerk/`: every state of an organisation
(application being filled in, application waiting, rejected, active partner, exit
declared, left) with the page that says so and what to do next. Nobody who is
simply in another state meets a bare 403.
"""

from dataclasses import dataclass

from django.urls import reverse

from partners.models import Contact, Organisation

DRAFT = "draft"
PENDING = "pending"
REJECTED = "rejected"
ACTIVE = "active"
EXIT_DECLARED = "exit_declared"
LEFT = "left"


@dataclass
class Standing:
    state: str
    contact: Contact
    organisation: Organisation
    url: str  # the page that says so and what to do next

    @property
    def is_representative(self):
        return self.contact.is_representative


def _state(organisation, signed):
    status = organisation.status
    if status == Organisation.Status.APPLICANT:
        return PENDING if signed else DRAFT
    if status == Organisation.Status.REJECTED:
        return REJECTED
    if status == Organisation.Status.LEFT:
        return LEFT
    if organisation.exit_declared_at is not None:
        return EXIT_DECLARED
    return ACTIVE


_PAGES = {
    DRAFT: "partners:join",
    PENDING: "partners:join_done",
    REJECTED: "partners:my_network",
    ACTIVE: "partners:my_network",
    EXIT_DECLARED: "partners:my_network",
    LEFT: "partners:my_network",
}


def standings_of(user):
    """The user's Standing with each organisation they are a contact of, by name."""
    if not user.is_authenticated:
        return []
    contacts = list(
        Contact.objects.filter(user=user)
        .select_related("organisation", "organisation__decided_by")
        .order_by("organisation__name", "pk")
    )
    # Whether a declaration is signed matters only while the organisation applies: asked
    # only then (most people's organisations are partners already).
    applying = [
        c.organisation_id
        for c in contacts
        if c.organisation.status == Organisation.Status.APPLICANT
    ]
    signed = (
        set(
            Organisation.objects.filter(pk__in=applying, declarations__isnull=False).values_list(
                "pk", flat=True
            )
        )
        if applying
        else set()
    )
    result = []
    for contact in contacts:
        organisation = contact.organisation
        state = _state(organisation, organisation.pk in signed)
        result.append(
            Standing(
                state=state, contact=contact, organisation=organisation, url=reverse(_PAGES[state])
            )
        )
    return result
