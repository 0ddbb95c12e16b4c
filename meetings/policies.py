"""Who may do what to meetings, minutes, resolutions and work programmes, and when.

The lifecycle (services ask these functions first; views and the admin show what they allow):

| record | state | allowed | next state |
|---|---|---|---|
| meeting | planned | edit everything, add/edit/delete agenda items, invite, cancel, record attendance (from its start) | held / cancelled |
| meeting | held (attendance recorded) | edit title, place, description; record minutes and resolutions; correct date (Berichtigung) | minutes approved |
| meeting | minutes approved (an agenda item "approves_minutes_of" at a later held meeting) | nothing but corrections: meeting, its agenda items' minutes and its resolutions are final | – |
| resolution | recorded at a held meeting | edit (votes fit the attendance) | final with the approved minutes, or once it adopted a programme |
| resolution | final | correction only; never deleted | – |
| work programme | draft | edit, add/edit/delete items, adopt | adopted |
| work programme | adopted (by an "angenommen" resolution on it at the last plenary of the year before) | progress of items; corrections of items; nothing deleted, year fixed | – |

The programme of year Y+1 is adopted only by an adopted resolution under an agenda item
about that programme at the LAST held Netzwerktreffen of year Y; recording that resolution
adopts the programme in the same act. After that no later Netzwerktreffen of Y can be
scheduled (created or moved there).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.policies import ALLOW, Decision, coordinators_only, first_refusal
from meetings.models import Meeting, WorkProgramme, this_year, year_of
from meetings.models.programme import FIRST_PROGRAMME_YEAR

# A programme can be planned this many years ahead.
PROGRAMME_YEARS_AHEAD = 5


def programme_year_range(now=None):
    """The years a new work programme can be for: 2000 up to five years ahead."""
    return FIRST_PROGRAMME_YEAR, this_year(now) + PROGRAMME_YEARS_AHEAD


def _refuse_if_final_meeting(meeting):
    if meeting.is_held and meeting.minutes_approved():
        return Decision.refuse(
            _(
                "Das Protokoll dieses Treffens ist genehmigt; Treffen, Protokoll und Beschlüsse "
                "sind endgültig und lassen sich nur berichtigen."
            )
        )
    return ALLOW


# ---------------------------------------------------------------------------
# Meetings


def can_create_meeting(user, *, now=None):
    return coordinators_only(user)


def can_edit_meeting(user, meeting, *, now=None):
    """Coordinators edit a meeting until its minutes are approved (held: not its date)."""
    return first_refusal(coordinators_only(user), lambda: _refuse_if_final_meeting(meeting))


def can_delete_meeting(user, meeting, *, now=None):
    decision = coordinators_only(user)
    if decision and meeting.is_held:
        return Decision.refuse(_("Ein abgehaltenes Treffen wird nicht gelöscht."))
    return decision


def can_correct_meeting(user, meeting, *, now=None):
    """Date and kind of a held meeting change only by a correction with a reason."""
    decision = coordinators_only(user)
    if decision and not meeting.is_held:
        return Decision.refuse(
            _("Dieses Treffen hat noch nicht stattgefunden; es wird direkt bearbeitet.")
        )
    return decision


def can_record_attendance(user, meeting, *, now=None):
    now = now or timezone.now()
    decision = first_refusal(coordinators_only(user), lambda: _refuse_if_final_meeting(meeting))
    if not decision:
        return decision
    if meeting.is_cancelled:
        return Decision.refuse(_("Ein abgesagtes Treffen hat keine Anwesenheit."))
    if meeting.start > now:
        return Decision.refuse(
            _("Die Anwesenheit lässt sich erst ab Beginn des Treffens erfassen.")
        )
    return ALLOW


def later_plenary_refusal(*, start, kind, exclude=None):
    """Refusal when a Netzwerktreffen at `start` would follow the one that adopted next
    year's programme: that meeting must stay the last of its year."""
    if kind != Meeting.Kind.PLENARY or start is None:
        return ALLOW
    year = year_of(start)
    programme = (
        WorkProgramme.objects.adopted()
        .filter(year=year + 1)
        .select_related("adopted_by_resolution__agenda_item__meeting")
        .first()
    )
    if programme is None or programme.adopted_by_resolution is None:
        return ALLOW
    adopting = programme.adopted_by_resolution.agenda_item.meeting
    if adopting.pk == exclude or start <= adopting.start:
        return ALLOW
    return Decision.refuse(
        _(
            "Das Arbeitsprogramm %(next)s ist beim letzten Netzwerktreffen %(year)s („%(title)s“) "
            "beschlossen. Danach lässt sich %(year)s kein Netzwerktreffen mehr ansetzen."
        )
        % {"next": year + 1, "year": year, "title": adopting.title}
    )


# ---------------------------------------------------------------------------
# Agenda items and minutes


def can_add_agenda_item(user, meeting, *, now=None):
    return first_refusal(coordinators_only(user), lambda: _refuse_if_final_meeting(meeting))


def can_edit_agenda_item(user, item, *, now=None):
    return first_refusal(coordinators_only(user), lambda: _refuse_if_final_meeting(item.meeting))


def can_delete_agenda_item(user, item, *, now=None):
    decision = coordinators_only(user)
    if not decision:
        return decision
    if item.meeting.is_held:
        return Decision.refuse(
            _("Das Treffen hat stattgefunden; seine Tagesordnung wird nicht mehr gelöscht.")
        )
    if item.resolutions.exists():
        return Decision.refuse(_("Dieser Punkt hat Beschlüsse und kann nicht gelöscht werden."))
    return ALLOW


def can_record_minutes(user, item, *, now=None):
    return first_refusal(coordinators_only(user), lambda: _refuse_if_final_meeting(item.meeting))


def can_correct_minutes(user, item, *, now=None):
    decision = coordinators_only(user)
    if decision and not (item.meeting.is_held and item.meeting.minutes_approved()):
        return Decision.refuse(
            _("Das Protokoll ist noch nicht genehmigt; es wird direkt bearbeitet.")
        )
    return decision


# ---------------------------------------------------------------------------
# Resolutions


def can_record_resolution(user, item, *, now=None):
    decision = first_refusal(
        coordinators_only(user), lambda: _refuse_if_final_meeting(item.meeting)
    )
    if decision and not item.meeting.is_held:
        return Decision.refuse(
            _("Beschlüsse werden erst erfasst, wenn das Treffen stattgefunden hat.")
        )
    return decision


def _adopts_programme(resolution):
    adopts = getattr(resolution, "adopts_programme", None)  # annotated by list pages
    if adopts is None:
        adopts = resolution.adopted_programmes.exists()
    return adopts


def resolution_is_final(resolution):
    """Final with its meeting's approved minutes, or once it adopted a work programme."""
    meeting = resolution.agenda_item.meeting
    return meeting.is_held and (_adopts_programme(resolution) or meeting.minutes_approved())


def can_edit_resolution(user, resolution, *, now=None):
    decision = coordinators_only(user)
    if not decision:
        return decision
    if _adopts_programme(resolution):
        return Decision.refuse(
            _(
                "Dieser Beschluss hat ein Arbeitsprogramm beschlossen; er lässt sich nur "
                "berichtigen."
            )
        )
    return _refuse_if_final_meeting(resolution.agenda_item.meeting)


def can_delete_resolution(user, resolution, *, now=None):
    decision = coordinators_only(user)
    if decision and resolution.agenda_item.meeting.is_held:
        return Decision.refuse(_("Ein Beschluss eines abgehaltenen Treffens wird nicht gelöscht."))
    return decision


def can_correct_resolution(user, resolution, *, now=None):
    decision = coordinators_only(user)
    if decision and not resolution_is_final(resolution):
        return Decision.refuse(
            _("Dieser Beschluss ist noch nicht endgültig; er wird direkt bearbeitet.")
        )
    return decision


# ---------------------------------------------------------------------------
# Work programmes


def _refuse_if_adopted(programme):
    if programme.is_adopted:
        return Decision.refuse(
            _("Das Arbeitsprogramm %(year)s ist beschlossen; es lässt sich nur noch berichtigen.")
            % {"year": programme.year}
        )
    return ALLOW


def can_create_programme(user, *, now=None):
    return coordinators_only(user)


def can_edit_programme(user, programme, *, now=None):
    return first_refusal(coordinators_only(user), lambda: _refuse_if_adopted(programme))


def can_delete_programme(user, programme, *, now=None):
    """A draft goes, unless a held meeting already discussed it (its agenda keeps the link)."""
    return first_refusal(
        coordinators_only(user),
        lambda: _refuse_if_adopted(programme),
        lambda: (
            Decision.refuse(
                _(
                    "Über dieses Arbeitsprogramm wurde bei einem abgehaltenen Treffen beraten; "
                    "es bleibt erhalten."
                )
            )
            if programme.agenda_items.filter(meeting__status=Meeting.Status.HELD).exists()
            else ALLOW
        ),
    )


def can_adopt_programme(user, programme, *, now=None):
    decision = coordinators_only(user)
    if decision and programme.is_adopted:
        return Decision.refuse(_("Dieses Arbeitsprogramm ist bereits beschlossen."))
    return decision


def can_add_programme_item(user, programme, *, now=None):
    return first_refusal(coordinators_only(user), lambda: _refuse_if_adopted(programme))


def can_edit_programme_item(user, item, *, now=None):
    return first_refusal(coordinators_only(user), lambda: _refuse_if_adopted(item.programme))


def can_delete_programme_item(user, item, *, now=None):
    return first_refusal(coordinators_only(user), lambda: _refuse_if_adopted(item.programme))


def can_report_progress(user, item, *, now=None):
    """The progress (status, note) of an item is reported on through the year."""
    return coordinators_only(user)


def can_correct_programme_item(user, item, *, now=None):
    decision = coordinators_only(user)
    if decision and not item.programme.is_adopted:
        return Decision.refuse(
            _("Das Arbeitsprogramm ist noch ein Entwurf; das Vorhaben wird direkt bearbeitet.")
        )
    return decision


# ---------------------------------------------------------------------------
# Documents


def can_delete_document(user, document, *, now=None):
    """Coordinators remove a meeting's documents until its minutes are approved."""
    return first_refusal(
        coordinators_only(user),
        lambda: (
            Decision.refuse(
                _(
                    "Das Protokoll dieses Treffens ist genehmigt; seine Unterlagen gehören "
                    "zum Protokoll und bleiben erhalten."
                )
            )
            if document.meeting.is_final()
            else ALLOW
        ),
    )
