"""Who may do what to a working group, its memberships and documents, and when.

A working group (paragraph 5 of the agreement) is founded only on an adopted
resolution of a held network meeting (Netzwerktreffen): the founding names it, on
every path (form, service; the admin adds no groups); founded, it is active until a
coordinator closes it; a closed group is final (a record of what the network did).

| state                     | allowed verbs (who)                                        | next state        |
|---------------------------|------------------------------------------------------------|-------------------|
| (none)                    | found (coordinators; required: an adopted resolution of a  | active            |
|                           | held Netzwerktreffen)                                      |                   |
| active                    | edit (lead, coordinators), set lead (coordinators),        | active            |
|                           | join/request, leave (partner contacts), approve/reject     |                   |
|                           | requests, add members, message, plan meetings (lead,       |                   |
|                           | coordinators), upload documents (members, coordinators),   |                   |
|                           | delete documents (uploader, lead, coordinators)            |                   |
| active                    | close (coordinators)                                       | closed            |
| closed                    | correct (coordinators, a Berichtigung with reason)         | closed (final)    |

Founding date and founding resolution are locked from the founding on; a founded group
is never deleted (it is closed); every field of a closed group is locked.

Memberships of an active group:

| state                 | allowed verbs (who)                                   | next state |
|-----------------------|-------------------------------------------------------|------------|
| (none), declined, left| join an open group (partner contacts)                 | active     |
| (none), declined, left| request to join a group by request (partner contacts) | requested  |
| (none), declined, left| add member (lead, coordinators)                       | active     |
| requested             | approve (lead, coordinators)                          | active     |
| requested             | reject (lead, coordinators)                           | declined   |
| requested, active     | leave / withdraw (its contacts, lead, coordinators;   | left       |
|                       | never the lead organisation of an active group)       |            |

Closing a group declines its open requests; after that nothing about its memberships
changes through the site.
"""

from django.utils.translation import gettext_lazy as _

from core.policies import (
    ALLOW,
    Decision,
    can_correct_record,
    coordinators_only,
    first_refusal,
)
from core.roles import get_roles

# The fields that the founding fixes; only a Berichtigung changes them afterwards.
FOUNDING_FIELDS = frozenset({"founding_resolution", "founded_on"})

MANAGERS_ONLY = _("Nur die Leitung der Gruppe oder die Koordination darf das.")
MEMBERS_ONLY = _("Nur Mitglieder der Gruppe und die Koordination dürfen das.")


def _active(group):
    if group.is_active:
        return ALLOW
    return Decision.refuse(_("Die Arbeitsgruppe ist geschlossen."))


def _manager(user, group):
    if group.may_be_managed_by(user):
        return ALLOW
    return Decision.forbid(MANAGERS_ONLY)


def _contact_of(user, organisation):
    """The user's contact in this (active) organisation, or None."""
    if organisation is None:
        return None
    for contact in get_roles(user).contacts:
        if contact.organisation_id == organisation.pk:
            return contact
    return None


# Founding ---------------------------------------------------------------------------


def can_found_group(user, *, resolution=None):
    """Coordinators found groups, each on an adopted resolution of a held Netzwerktreffen.

    Without a resolution (the default) only the role is answered: whether the person
    may found groups at all (to show or hide the founding form).
    """
    return first_refusal(coordinators_only(user), lambda: resolution_may_found_group(resolution))


NO_RESOLUTION = _(
    "Eine Arbeitsgruppe wird nur auf einen angenommenen Beschluss des Netzwerktreffens "
    "gegründet: Bitte wählen Sie den Gründungsbeschluss."
)


def resolution_may_found_group(resolution, *, required=False):
    """Only an adopted ("angenommen") resolution of a held Netzwerktreffen founds a group.

    `required=True` (the founding itself) refuses a missing resolution.
    """
    if resolution is None:
        return Decision.refuse(NO_RESOLUTION) if required else ALLOW
    meeting = resolution.agenda_item.meeting
    if not meeting.is_plenary or not meeting.is_held:
        return Decision.refuse(
            _(
                "Der gewählte Beschluss stammt nicht von einem abgehaltenen Netzwerktreffen. "
                "Eine Arbeitsgruppe wird nur auf einen angenommenen Beschluss des "
                "Netzwerktreffens gegründet."
            )
        )
    if resolution.is_adopted:
        return ALLOW
    return Decision.refuse(
        _(
            "Der gewählte Beschluss wurde nicht angenommen (%(outcome)s). Eine Arbeitsgruppe "
            "wird nur auf einen angenommenen Beschluss des Netzwerktreffens gegründet."
        )
        % {"outcome": resolution.outcome_label}
    )


# The group ----------------------------------------------------------------------------


def can_edit_group(user, group, *, now=None):
    """Describe the group, change its topic and how partners join: lead or coordinators."""
    return first_refusal(_manager(user, group), _active(group))


def can_close_group(user, group, *, now=None):
    return first_refusal(coordinators_only(user), _active(group))


def can_set_lead(user, group, *, now=None):
    """Hand the lead to another member organisation: coordinators, while the group is active."""
    return first_refusal(coordinators_only(user), _active(group))


def can_message_group(user, group, *, now=None):
    return first_refusal(_manager(user, group), _active(group))


def can_plan_meeting(user, group, *, now=None):
    return first_refusal(_manager(user, group), _active(group))


def can_change_group(user, group, *, now=None):
    """The admin's change form: coordinators, on a group that is not final."""
    decision = coordinators_only(user)
    if not decision:
        return decision
    if group.is_final():
        return Decision.refuse(
            _(
                "Die Arbeitsgruppe ist geschlossen; ändern lässt sie sich nur durch eine Berichtigung."
            )
        )
    return ALLOW


def can_delete_group(user, group, *, now=None):
    """A founded group stays on record: it is closed, never deleted."""
    return Decision.refuse(
        _("Eine gegründete Arbeitsgruppe wird nicht gelöscht, sondern geschlossen.")
    )


def can_correct_group(user, group, *, now=None):
    """Coordinators correct what is locked: a closed group, or the founding of an active one."""
    if group.is_final():
        return can_correct_record(user, group)
    return coordinators_only(user)


# Memberships ----------------------------------------------------------------------------


def can_join_group(user, group, organisation=None, *, membership=None, now=None):
    """Join an open group or ask to join a group by request, for one's own organisation.

    `membership` is the organisation's existing membership, if any (the caller loads it).
    """
    if organisation is not None and _contact_of(user, organisation) is None:
        return Decision.forbid(_("Sie sind keine Ansprechperson dieser Organisation."))
    if organisation is None and not get_roles(user).organisations:
        return Decision.forbid(_("Sie sind keine Ansprechperson einer Partnerorganisation."))
    decision = _active(group)
    if not decision:
        return decision
    if membership is not None and membership.status == membership.Status.REQUESTED:
        return Decision.refuse(_("Ihre Organisation hat den Beitritt bereits angefragt."))
    return ALLOW


def can_add_member(user, group, organisation=None, *, now=None):
    decision = first_refusal(_manager(user, group), _active(group))
    if not decision:
        return decision
    if organisation is not None and not organisation.is_active:
        return Decision.refuse(_("Nur aktive Partner können Mitglied werden."))
    return ALLOW


def can_decide_membership(user, membership, *, now=None):
    """Approve or reject a request to join: the group's lead or a coordinator, once."""
    group = membership.group
    decision = first_refusal(_manager(user, group), _active(group))
    if not decision:
        return decision
    if membership.status != membership.Status.REQUESTED:
        return Decision.refuse(_("Über diese Anfrage wurde bereits entschieden."))
    return ALLOW


can_approve_membership = can_decide_membership
can_reject_membership = can_decide_membership


def can_leave_group(user, membership, *, now=None):
    """End a membership or withdraw a request: the organisation's contacts or the managers."""
    group = membership.group
    if _contact_of(user, membership.organisation) is None and not group.may_be_managed_by(user):
        return Decision.forbid(_("Sie dürfen diese Organisation nicht abmelden."))
    if membership.status not in (membership.Status.ACTIVE, membership.Status.REQUESTED):
        return Decision.refuse(_("Ihre Organisation ist nicht Mitglied dieser Gruppe."))
    if membership.organisation_id == group.lead_organisation_id and group.is_active:
        return Decision.refuse(
            _(
                "Die leitende Organisation kann nicht austreten. Bitten Sie die Koordination, "
                "die Leitung zu übergeben oder die Gruppe zu schließen."
            )
        )
    return ALLOW


def can_change_membership(user, membership, *, now=None):
    """The admin's membership form: coordinators, while the group is active."""
    return first_refusal(coordinators_only(user), _active(membership.group))


# Documents ------------------------------------------------------------------------------


def can_upload_document(user, group, *, now=None):
    """Members of the group and coordinators add documents while the group is active."""
    if not group.may_be_read_internally_by(user):
        return Decision.forbid(MEMBERS_ONLY)
    return _active(group)


def can_delete_document(user, document, *, now=None):
    """Its uploader, the group's lead or a coordinator; a closed group's documents stay."""
    group = document.group
    own = user is not None and user.is_authenticated and document.uploaded_by_id == user.pk
    if not (own and group.may_be_read_internally_by(user)) and not group.may_be_managed_by(user):
        return Decision.forbid(
            _("Nur wer das Dokument hochgeladen hat, die Leitung oder die Koordination darf das.")
        )
    return _active(group)


# The admin's document form: the same people as may delete it.
can_change_document = can_delete_document
