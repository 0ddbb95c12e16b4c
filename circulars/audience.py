"""Who a circular goes to: an audience definition (plain data) resolved by queries.

The definition is a dict stored on the circular, so the archive shows what was chosen
and a draft resolves afresh until it is sent. Every key narrows the audience; none
given means all contacts of all active partners:

| key                     | value                      | keeps                                                  |
|-------------------------|----------------------------|--------------------------------------------------------|
| `representatives_only`  | bool                       | only representatives (vertretungsberechtigt)           |
| `district`              | a district's slug (settings) | organisations of that Stadtbezirk                      |
| `field`                 | FieldOfEngagement pk       | organisations in that field of engagement              |
| `working_group`         | WorkingGroup pk            | active members of that working group                   |
| `speaker_group`         | bool                       | organisations in the speaker group now                 |
| `not_signed`            | bool                       | organisations without a declaration of the current agreement version |
| `meeting_without_reply` | Meeting pk                 | organisations invited to it that have not answered     |

Then the kind decides: a newsletter goes only to addresses with consent
(MailPreference.newsletter); membership and meeting mail to everyone selected
(legitimate interest). One delivery per address, whichever organisations share it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from circulars.models import Circular, MailPreference
from core.network import get_network
from partners.models import AgreementVersion, Contact, FieldOfEngagement, Organisation

KEYS = [
    "representatives_only",
    "district",
    "field",
    "working_group",
    "speaker_group",
    "not_signed",
    "meeting_without_reply",
]


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    organisation_name: str
    contact_id: int
    user_id: int | None
    language: str


def clean_audience(data):
    """Only the known keys with a value: what is stored on the circular."""
    cleaned = {}
    for key in KEYS:
        value = (data or {}).get(key)
        if value in (None, "", False, 0):
            continue
        cleaned[key] = value
    return cleaned


def organisations(audience):
    """The active organisations the audience selects (a queryset)."""
    audience = clean_audience(audience)
    queryset = Organisation.objects.active()
    if "district" in audience:
        queryset = queryset.filter(district=audience["district"])
    if "field" in audience:
        queryset = queryset.filter(fields__pk=audience["field"])
    if "working_group" in audience:
        from workgroups.models import Membership

        queryset = queryset.filter(
            pk__in=Membership.objects.active()
            .filter(group_id=audience["working_group"])
            .values("organisation_id")
        )
    if audience.get("speaker_group"):
        from core.roles import speaker_group_organisation_ids

        queryset = queryset.filter(pk__in=speaker_group_organisation_ids())
    if audience.get("not_signed"):
        version = AgreementVersion.objects.current()
        if version is not None:
            queryset = queryset.without_declaration_of(version)
    if "meeting_without_reply" in audience:
        from meetings.models import Invitation

        queryset = queryset.filter(
            pk__in=Invitation.objects.unanswered()
            .filter(meeting_id=audience["meeting_without_reply"])
            .values("organisation_id")
        )
    return queryset


def contacts(audience):
    """The contacts of the selected organisations (before consent and de-duplication)."""
    queryset = Contact.objects.filter(organisation__in=organisations(audience))
    if clean_audience(audience).get("representatives_only"):
        queryset = queryset.representatives()
    return queryset


def reason_text(kind, audience, organisation_name):
    """Why this recipient gets the mail, in the active language."""
    role = (
        _("als vertretungsberechtigte Person")
        if clean_audience(audience).get("representatives_only")
        else _("als Ansprechperson")
    )
    group_id = clean_audience(audience).get("working_group")
    if group_id and kind != Circular.Kind.NEWSLETTER:
        from workgroups.models import WorkingGroup

        group = WorkingGroup.objects.filter(pk=group_id).values_list("name", flat=True).first()
        return _(
            "Sie erhalten dieses Rundschreiben %(role)s von „%(organisation)s“, einem Mitglied "
            "der Arbeitsgruppe „%(group)s“ im Netzwerk."
        ) % {"role": role, "organisation": organisation_name, "group": group or "?"}
    if kind == Circular.Kind.NEWSLETTER:
        return _(
            "Sie erhalten diesen Newsletter %(role)s von „%(organisation)s“, weil Sie ihn "
            "abonniert haben."
        ) % {"role": role, "organisation": organisation_name}
    return _(
        "Sie erhalten dieses Rundschreiben %(role)s von „%(organisation)s“, einer "
        "Partnerorganisation des Netzwerks; Mitteilungen zur Mitgliedschaft und zu den "
        "Treffen gehen an alle Ansprechpersonen."
    ) % {"role": role, "organisation": organisation_name}


def resolve(kind, audience):
    """The recipients, one per address, sorted by address; consent respected."""
    rows = (
        contacts(audience)
        .values_list("email", "name", "organisation__name", "pk", "user_id")
        .order_by("organisation__name", "pk")
    )
    preferences = {}
    if kind == Circular.Kind.NEWSLETTER:
        preferences = dict(
            MailPreference.objects.filter(newsletter=True).values_list("email", "language")
        )
    else:
        preferences = dict(MailPreference.objects.values_list("email", "language"))
    recipients = {}
    for email, name, organisation_name, contact_id, user_id in rows:
        address = email.strip().lower()
        if not address or address in recipients:
            continue
        if kind == Circular.Kind.NEWSLETTER and address not in preferences:
            continue
        recipients[address] = Recipient(
            email=address,
            name=name,
            organisation_name=organisation_name,
            contact_id=contact_id,
            user_id=user_id,
            language=preferences.get(address, "de"),
        )
    return [recipients[address] for address in sorted(recipients)]


def count(kind, audience):
    return len(resolve(kind, audience))


def describe(audience):
    """The audience in words (German at storing time, the active language on pages)."""
    audience = clean_audience(audience)
    parts = [
        _("vertretungsberechtigte Personen")
        if audience.get("representatives_only")
        else _("alle Ansprechpersonen")
    ]
    parts.append(_("aktiver Partnerorganisationen"))
    if "district" in audience:
        label = get_network().district_name(audience["district"])
        parts.append(_("im Stadtbezirk %(district)s") % {"district": label})
    if "field" in audience:
        field = FieldOfEngagement.objects.filter(pk=audience["field"]).first()
        parts.append(_("im Engagementfeld „%(field)s“") % {"field": field or "?"})
    if "working_group" in audience:
        from workgroups.models import WorkingGroup

        group = WorkingGroup.objects.filter(pk=audience["working_group"]).first()
        parts.append(_("in der Arbeitsgruppe „%(group)s“") % {"group": group or "?"})
    if audience.get("speaker_group"):
        parts.append(_("in der Sprechergruppe"))
    if audience.get("not_signed"):
        parts.append(_("die die aktuelle Kooperationsvereinbarung noch nicht unterzeichnet haben"))
    if "meeting_without_reply" in audience:
        from meetings.models import Meeting

        meeting = Meeting.objects.filter(pk=audience["meeting_without_reply"]).first()
        parts.append(
            _("ohne Antwort auf die Einladung zu „%(meeting)s“") % {"meeting": meeting or "?"}
        )
    return " ".join(str(part) for part in parts)
