"""Who may do what to a circular (Rundschreiben), and when.

Coordinators write and send circulars; the recipients and, for a public circular,
everyone read them. A circular that has been sent (or cancelled) is kept as it went
out: its text, audience and deliveries are the archive and are not edited.

| state     | allowed verbs (who)                                           | next state |
|-----------|---------------------------------------------------------------|------------|
| (none)    | create (coordinators; a group's lead for its members, if allowed) | draft   |
| draft     | edit, preview, test send to oneself (coordinators)            | draft      |
| draft     | send, if the audience has at least one recipient (coordinators) | queued   |
| draft     | delete (coordinators, in the admin)                           | –          |
| queued    | the worker starts the first batch                              | sending    |
| sending   | the worker sends the last batch                                | sent       |
| queued, sending | cancel: no further batches (coordinators)               | cancelled  |
| queued, sending | resume: queue another batch after a worker restart (coordinators) | unchanged |
| any       | mark public / not public (coordinators)                        | unchanged  |
| sent      | read (public: everyone; else recipients and coordinators)      | –          |

A working group's lead writes to the active members of the group when the coordinators
allow it (`CircularSettings.leads_may_write`, switched on /koordination/rundschreiben/):
the audience is fixed to the group, and the lead sees, edits, tests, sends and cancels
only the circulars they wrote for it. The public flag stays with the coordinators.

Past the draft a circular is a final record: subject, text, kind and audience are what
went out (`Circular.LOCKED_WHEN_SENT`); the model refuses to change or delete it on
every path through Django (core.records.GuardedRecord), and the admin asks
`can_edit_circular`/`can_delete_circular` below.
"""

from django.utils.translation import gettext_lazy as _

from circulars.models import Circular, CircularSettings, Delivery
from core.policies import ALLOW, Decision, coordinators_only, first_refusal
from core.roles import get_roles


def _coordinators(user):
    return coordinators_only(user) or Decision.forbid(
        _("Nur die Koordination schreibt Rundschreiben.")
    )


def can_create_circular(user, *, now=None):
    return _coordinators(user)


def can_view_circulars(user, *, now=None):
    """The list of all circulars: coordinators."""
    return _coordinators(user)


def can_allow_lead_circulars(user, *, now=None):
    """Switch whether working groups' leads may write to their members: coordinators."""
    return coordinators_only(user)


def _is_lead(user, group):
    return user is not None and user.is_authenticated and group.is_led_by(user)


def can_view_group_circulars(user, group, *, now=None):
    """The page of a group's circulars: its lead (their own) and the coordinators."""
    if coordinators_only(user) or _is_lead(user, group):
        return ALLOW
    return Decision.forbid(_("Nur die Leitung der Arbeitsgruppe schreibt ihren Mitgliedern."))


def can_create_group_circular(user, group, *, now=None):
    """A circular to the group's active members: its lead, if the coordinators allow it."""
    return first_refusal(
        lambda: can_view_group_circulars(user, group),
        lambda: (
            ALLOW if group.is_active else Decision.refuse(_("Die Arbeitsgruppe ist geschlossen."))
        ),
        lambda: (
            ALLOW
            if coordinators_only(user) or CircularSettings.current().leads_may_write
            else Decision.refuse(
                _(
                    "Die Koordination hat Rundschreiben der Arbeitsgruppenleitungen an ihre "
                    "Mitglieder nicht freigegeben."
                )
            )
        ),
    )


def _manager(user, circular):
    """Coordinators; for a group circular also the lead who wrote it, while they lead."""
    if coordinators_only(user):
        return ALLOW
    group = circular.working_group
    if (
        group is not None
        and user is not None
        and user.is_authenticated
        and circular.created_by_id == user.pk
        and _is_lead(user, group)
    ):
        return ALLOW
    return _coordinators(user)


def _writer(user, circular):
    """Who may change or send a circular now: a lead only while writing is allowed."""
    if coordinators_only(user):
        return ALLOW
    return first_refusal(
        lambda: _manager(user, circular),
        lambda: can_create_group_circular(user, circular.working_group),
    )


def can_view_circular(user, circular, *, now=None):
    """Its coordination page, preview and recipient count."""
    return _manager(user, circular)


def can_edit_circular(user, circular, *, now=None):
    return first_refusal(
        lambda: _writer(user, circular),
        lambda: (
            ALLOW
            if circular.state == Circular.State.DRAFT
            else Decision.refuse(_("Ein versandtes Rundschreiben wird nicht mehr geändert."))
        ),
    )


def can_delete_circular(user, circular, *, now=None):
    """Only a draft is deleted (in the admin); what went out stays in the archive."""
    return first_refusal(
        _coordinators(user),
        lambda: (
            ALLOW
            if circular.state == Circular.State.DRAFT
            else Decision.refuse(_("Ein versandtes Rundschreiben bleibt im Archiv."))
        ),
    )


def can_test_circular(user, circular, *, now=None):
    """A test to oneself: while it is a draft, so what is tested is what will go out."""
    return can_edit_circular(user, circular, now=now)


def can_send_circular(user, circular, *, recipient_count=None, now=None):
    return first_refusal(
        lambda: can_edit_circular(user, circular, now=now),
        lambda: (
            ALLOW
            if recipient_count is None or recipient_count > 0
            else Decision.refuse(
                _("Dieser Empfängerkreis ist leer. Bitte wählen Sie andere Empfänger.")
            )
        ),
    )


def can_cancel_circular(user, circular, *, now=None):
    return first_refusal(
        lambda: _manager(user, circular),
        lambda: (
            ALLOW
            if circular.is_running
            else Decision.refuse(_("Nur ein laufender Versand kann abgebrochen werden."))
        ),
    )


def can_resume_circular(user, circular, *, now=None):
    """Queue another batch of a running circular (after a worker restart): harmless twice."""
    return first_refusal(
        lambda: _manager(user, circular),
        lambda: (
            ALLOW
            if circular.is_running
            else Decision.refuse(_("Nur ein laufender Versand kann fortgesetzt werden."))
        ),
    )


def can_publish_circular(user, circular, *, now=None):
    """Mark public or not: any time but after a cancel (a cancelled one reached only some)."""
    return first_refusal(
        _coordinators(user),
        lambda: (
            ALLOW
            if circular.state != Circular.State.CANCELLED
            else Decision.refuse(_("Ein abgebrochenes Rundschreiben wird nicht veröffentlicht."))
        ),
    )


def can_read_circular(user, circular, *, now=None):
    """The reading page: public and sent for everyone; recipients and coordinators always."""
    if circular.public and circular.state == Circular.State.SENT:
        return ALLOW
    if user is not None and user.is_authenticated:
        if get_roles(user).is_coordinator or _manager(user, circular):
            return ALLOW
        if circular.deliveries.filter(user=user, status=Delivery.Status.SENT).exists():
            return ALLOW
    return Decision.forbid(_("Dieses Rundschreiben ist nicht an Sie gegangen."))
