"""Who may do what to an election, a nomination, a ballot and a term, and when.

An election (`Election.status`):

| state       | allowed verbs                                               | next state             |
|-------------|-------------------------------------------------------------|------------------------|
| draft       | edit, delete, open nominations (if seats are free), cancel | nominations, cancelled |
| nominations | edit texts, nominate, accept/decline, open voting (online), | voting, closed,        |
|             | enter the paper result (paper), cancel                      | cancelled              |
| voting      | cast a ballot (once per organisation), close and count,     | closed, cancelled      |
|             | cancel                                                      |                        |
| closed      | resolve a tie (runoff or lot), publish with a term start    | published              |
|             | on or after the day of counting                             |                        |
| published   | — final: corrections (Berichtigung) only                    | —                      |
| cancelled   | — final                                                     | —                      |

Elections in nominations or voting together elect at most ELECTED_SEATS (3) seats:
opening a second election for the same seats while one is open is refused (a runoff
opens for the seats its election left undecided). A draft reserves nothing, so the
next election can be prepared while one runs.

A term (`Term`), created only by publishing a result:

| state     | allowed verbs                          | next state |
|-----------|----------------------------------------|------------|
| published | — final; its end corrected only        | running    |
| running   | — final; its end corrected only        | expired    |
| expired   | — final; its end corrected only        | —          |

A term starts on or after the day its election was counted, lasts two years at most
(end = start + 2 years; from 29 February to the 28 February two years later), and
never overlaps another term of its seat or organisation (checked here and, on
PostgreSQL, by an exclusion constraint). Ballots, their choices and receipts are final
from the moment they are written: nobody changes or deletes them, not even by a
correction; nominations are final with their election's result. The one exception
changes no content: when voting ends, the closing (or cancelling) service rewrites the
election's ballots in a random order with new ids, so that none can be lined up with
its receipt (see elections/models/ballot.py).
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.policies import ALLOW, Decision, first_refusal
from core.roles import get_roles, is_coordinator
from elections.models import ELECTED_SEATS, Election, term_end

Status = Election.Status


def _coordinators(user):
    if user is not None and getattr(user, "is_authenticated", False) and is_coordinator(user):
        return ALLOW
    return Decision.forbid(_("Nur die Koordination darf Wahlen verwalten."))


def _state(election, *states, reason):
    return ALLOW if election.status in states else Decision.refuse(reason)


def seats_held_open(*, exclude=None):
    """Seats being elected right now: the sum over elections in nominations or voting."""
    elections = Election.objects.open()
    if exclude is not None:
        elections = elections.exclude(pk=exclude.pk)
    return sum(elections.values_list("seats", flat=True))


def seats_free_for(seats, *, exclude=None, held=None):
    """ALLOW if `seats` more seats can be opened for election now, else the refusal."""
    held = seats_held_open(exclude=exclude) if held is None else held
    if held + seats <= ELECTED_SEATS:
        return ALLOW
    return Decision.refuse(
        _(
            "Für diese Sitze läuft bereits eine Wahl. Eine weitere Wahl kann erst geöffnet "
            "werden, wenn die laufende ausgezählt oder abgesagt ist."
        )
    )


# Elections ---------------------------------------------------------------------------


def can_create_election(user, *, now=None):
    return _coordinators(user)


def can_change_election(user, election, *, now=None):
    """Edit title, description and dates (admin); a published or cancelled one is final."""
    return first_refusal(
        _coordinators(user),
        lambda: (
            Decision.refuse(
                _("Die Wahl ist abgeschlossen und lässt sich nur durch eine Berichtigung ändern.")
            )
            if election.status in Election.FINAL_STATES
            else ALLOW
        ),
    )


def can_delete_election(user, election, *, now=None):
    """Only a draft can be deleted; later an election is cancelled instead."""
    return first_refusal(
        _coordinators(user),
        lambda: _state(
            election,
            Status.DRAFT,
            reason=_("Nur ein Entwurf kann gelöscht werden; eine laufende Wahl wird abgesagt."),
        ),
    )


def can_open_nominations(user, election, *, now=None, held=None):
    return first_refusal(
        _coordinators(user),
        lambda: _state(
            election,
            Status.DRAFT,
            reason=_("Vorschläge können nur aus dem Entwurf geöffnet werden."),
        ),
        lambda: seats_free_for(election.seats, exclude=election, held=held),
    )


def can_open_voting(user, election, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: _state(
            election,
            Status.NOMINATIONS,
            reason=_("Die Abstimmung kann nur nach der Vorschlagsphase beginnen."),
        ),
        lambda: (
            Decision.refuse(_("Bei einer Wahl auf Papier wird das Ergebnis eingetragen."))
            if election.is_paper
            else ALLOW
        ),
    )


def can_close_voting(user, election, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: _state(
            election,
            Status.VOTING,
            reason=_("Nur eine laufende Abstimmung kann beendet werden."),
        ),
    )


def can_cancel_election(user, election, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: (
            ALLOW
            if election.can_change_status(Status.CANCELLED)
            else Decision.refuse(
                _("Eine ausgezählte oder veröffentlichte Wahl kann nicht mehr abgesagt werden.")
            )
        ),
    )


def can_enter_paper_result(user, election, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: (
            ALLOW
            if election.is_paper and election.status == Status.NOMINATIONS
            else Decision.refuse(
                _("Ein Papierergebnis kann nur für eine Wahl auf Papier eingetragen werden.")
            )
        ),
    )


def can_resolve_tie(user, election, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: (
            ALLOW
            if election.status == Status.CLOSED and election.tie_unresolved
            else Decision.refuse(_("Es gibt keinen offenen Gleichstand."))
        ),
    )


def can_publish_result(user, election, *, now=None):
    return first_refusal(
        _coordinators(user),
        lambda: _state(
            election,
            Status.CLOSED,
            reason=_("Nur eine ausgezählte Wahl kann veröffentlicht werden."),
        ),
        lambda: (
            Decision.refuse(_("Der Gleichstand um den letzten Sitz muss erst aufgelöst werden."))
            if election.tie_unresolved
            else ALLOW
        ),
    )


def term_start_allowed(election, start):
    """A term starts on or after the day of counting and at most two years later."""
    closed = election.close_date
    if closed is None:
        return Decision.refuse(_("Nur eine ausgezählte Wahl kann veröffentlicht werden."))
    if start < closed:
        return Decision.refuse(
            _("Die Amtszeit kann frühestens am Tag der Auszählung (%(date)s) beginnen.")
            % {"date": date_format(closed, "SHORT_DATE_FORMAT")}
        )
    if start > term_end(closed):
        return Decision.refuse(
            _("Die Amtszeit muss innerhalb von zwei Jahren nach der Auszählung beginnen.")
        )
    return ALLOW


def can_correct_election(user, election, *, now=None):
    """A published result is corrected (Berichtigung), never edited."""
    return first_refusal(
        _coordinators(user),
        lambda: _state(
            election,
            Status.PUBLISHED,
            reason=_("Nur ein veröffentlichtes Ergebnis wird berichtigt."),
        ),
    )


# Nominations --------------------------------------------------------------------------


def can_nominate(user, election, *, now=None):
    """State only: who nominates for whom is checked by the service."""
    if election.status != Status.NOMINATIONS or election.runoff_of_id:
        return Decision.refuse(_("Für diese Wahl können keine Vorschläge gemacht werden."))
    return ALLOW


def can_answer_nomination(user, nomination, *, now=None):
    election = nomination.election
    if election.status != Status.NOMINATIONS or election.runoff_of_id:
        return Decision.refuse(_("Die Vorschlagsphase ist beendet."))
    return ALLOW


def can_change_nomination(user, nomination, *, now=None):
    if nomination.is_final():
        return Decision.refuse(
            _("Der Vorschlag gehört zu einem abgeschlossenen Ergebnis und bleibt, wie er ist.")
        )
    return _coordinators(user)


# Ballots and receipts ------------------------------------------------------------------


def can_change_ballot(user, ballot, *, now=None):
    """Never: a ballot or a receipt is final once written (not even corrected)."""
    return Decision.refuse(_("Eine abgegebene Stimme wird nie geändert oder gelöscht."))


can_delete_ballot = can_change_ballot
can_correct_ballot = can_change_ballot


# Terms -----------------------------------------------------------------------------------


def term_state(term, *, now=None):
    """published (not begun), running or expired, on the local date (TIME_ZONE)."""
    today = timezone.localdate(now) if now else timezone.localdate()
    if today < term.start:
        return "published"
    if today < term.end:
        return "running"
    return "expired"


def can_change_term(user, term, *, now=None):
    return Decision.refuse(
        _("Eine Amtszeit ist veröffentlicht; ihr Ende lässt sich nur berichtigen.")
    )


def can_delete_term(user, term, *, now=None):
    return Decision.refuse(_("Eine Amtszeit wird nie gelöscht; ihr Ende lässt sich berichtigen."))


def can_correct_term(user, term, *, now=None):
    """Coordinators correct a term's end (e.g. an organisation left early), with a reason."""
    return _coordinators(user)


def election_actions(user, election, *, held=None):
    """The decisions the election page and the coordination panel show actions for."""
    if not get_roles(user).is_coordinator:
        return {}
    return {
        "open_nominations": can_open_nominations(user, election, held=held),
        "open_voting": can_open_voting(user, election),
        "paper_result": can_enter_paper_result(user, election),
        "close": can_close_voting(user, election),
        "resolve_tie": can_resolve_tie(user, election),
        "publish": can_publish_result(user, election),
        "cancel": can_cancel_election(user, election),
        "correct": can_correct_election(user, election),
    }
