"""Counting, ties and publishing: from the closed vote to the terms of the elected."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from elections import policies
from elections.eligibility import eligible_organisations
from elections.models import ELECTED_SEATS, Election, Nomination, Seat, Term, term_end
from elections.services.ballot import _shuffle_ballots, count_ballots
from elections.services.common import _lock

LOT_NOTE_MAX_LENGTH = 5000


def _tally(election, counts, ballots):
    """Store votes per candidate; the most votes take the seats, a tie at the last is flagged."""
    nominations = list(election.nominations.accepted())
    for nomination in nominations:
        nomination.votes = counts.get(nomination.pk, 0)
        nomination.elected = False
        nomination.tied = False
    ranked = sorted(nominations, key=lambda n: -n.votes)
    seats = election.seats
    election.tie = False
    if len(ranked) <= seats:
        for nomination in ranked:
            nomination.elected = True
    else:
        cutoff = ranked[seats - 1].votes
        if ranked[seats].votes == cutoff:
            election.tie = True
            for nomination in ranked:
                nomination.elected = nomination.votes > cutoff
                nomination.tied = nomination.votes == cutoff
        else:
            for nomination in ranked[:seats]:
                nomination.elected = True
    Nomination.objects.bulk_update(nominations, ["votes", "elected", "tied"])
    election.ballots_cast = ballots
    election.closed_at = timezone.now()
    election.status = Election.Status.CLOSED
    election.save(update_fields=["status", "ballots_cast", "closed_at", "tie"])
    return election


@transaction.atomic
def close_voting(*, election, by):
    """End voting and count: votes per candidate and turnout; then unlink the ballots."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    policies.can_close_voting(by, election).enforce()
    counts, ballots = count_ballots(election)
    election = _tally(election, counts, ballots)
    _shuffle_ballots(election)
    return election


@transaction.atomic
def enter_paper_result(*, election, ballots, votes, by):
    """Record the count of a paper election: number of ballots and votes per candidate."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    policies.can_enter_paper_result(by, election).enforce()
    candidates = set(election.nominations.accepted().values_list("pk", flat=True))
    if not candidates:
        raise ValidationError(_("Es gibt noch keine Kandidatur, die angenommen wurde."))
    try:
        counts = {int(k): int(v) for k, v in votes.items()}
        ballots = int(ballots)
    except (TypeError, ValueError):
        raise ValidationError(_("Bitte tragen Sie ganze Zahlen ein.")) from None
    if set(counts) != candidates:
        raise ValidationError(_("Bitte tragen Sie für jede Kandidatur die Stimmen ein."))
    electorate = eligible_organisations(election).count()
    if ballots < 0 or ballots > electorate:
        raise ValidationError(
            {
                "ballots": _(
                    "Es können höchstens %(count)s Stimmzettel abgegeben worden sein: so "
                    "viele Organisationen sind wahlberechtigt."
                )
                % {"count": electorate}
            },
            code="ballots_over_electorate",
        )
    if any(v < 0 or v > ballots for v in counts.values()):
        raise ValidationError(
            _("Keine Kandidatur kann mehr Stimmen haben als Stimmzettel abgegeben wurden.")
        )
    if sum(counts.values()) > ballots * election.seats:
        raise ValidationError(_("Es sind mehr Stimmen eingetragen, als möglich sind."))
    election.electorate_size = electorate
    election.save(update_fields=["electorate_size"])
    return _tally(election, counts, ballots)


def _require_open_tie(election, by):
    policies.can_resolve_tie(by, election).enforce()


@transaction.atomic
def resolve_tie_by_lot(*, election, winners, note, by):
    """Decide a tie by lot: the drawn candidates take the remaining seats, with a note."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    _require_open_tie(election, by)
    tied = {n.pk: n for n in election.nominations.filter(tied=True)}
    remaining = election.seats - election.nominations.filter(elected=True).count()
    chosen = [int(getattr(w, "pk", w)) for w in winners]
    if len(set(chosen)) != remaining or not set(chosen) <= set(tied):
        raise ValidationError(
            _("Bitte wählen Sie genau %(count)s der gleichauf liegenden Kandidaturen.")
            % {"count": remaining}
        )
    if not note.strip():
        raise ValidationError(_("Bitte halten Sie fest, wie gelost wurde."))
    if len(note) > LOT_NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Das Protokoll darf höchstens %(max)s Zeichen lang sein.")
                % {"max": LOT_NOTE_MAX_LENGTH}
            }
        )
    Nomination.objects.filter(pk__in=chosen).update(elected=True)
    election.tie_resolution = Election.TieResolution.LOT
    election.lot_note = note.strip()
    election.save(update_fields=["tie_resolution", "lot_note"])
    return election


@transaction.atomic
def resolve_tie_by_runoff(*, election, by):
    """Create the runoff among the tied candidates in one step; it fills the open seats."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    _require_open_tie(election, by)
    tied = list(election.nominations.filter(tied=True))
    remaining = election.seats - election.nominations.filter(elected=True).count()
    list(Election.objects.open().select_for_update().values_list("pk", flat=True))
    policies.seats_free_for(remaining).enforce()
    runoff = Election.objects.create(
        title=_("Stichwahl: %(title)s") % {"title": election.title},
        seats=remaining,
        status=Election.Status.NOMINATIONS,
        coordinators_vote=election.coordinators_vote,
        is_paper=election.is_paper,
        runoff_of=election,
    )
    Nomination.objects.bulk_create(
        Nomination(
            election=runoff,
            organisation_id=n.organisation_id,
            nominated_by_id=n.nominated_by_id,
            nominated_by_user_id=n.nominated_by_user_id,
            status=Nomination.Status.ACCEPTED,
            statement=n.statement,
        )
        for n in tied
    )
    election.tie_resolution = Election.TieResolution.RUNOFF
    election.save(update_fields=["tie_resolution"])
    return runoff


@transaction.atomic
def publish_result(*, election, start, by):
    """Publish the result and give each elected organisation a two-year term on a free seat.

    Seats are locked, so terms of one seat never overlap and no organisation holds two.
    """
    policies.can_create_election(by).enforce()
    election = _lock(election)
    decision = policies.can_publish_result(by, election)
    if not decision:
        code = "tie" if election.tie_unresolved else "wrong_state"
        raise ValidationError(decision.reason, code=code)
    decision = policies.term_start_allowed(election, start)
    if not decision:
        raise ValidationError({"start": decision.reason}, code="start")
    for number in range(1, ELECTED_SEATS + 1):
        Seat.objects.get_or_create(number=number)
    seats = list(Seat.objects.select_for_update().order_by("number"))
    end = term_end(start)
    for nomination in election.nominations.filter(elected=True).select_related("organisation"):
        overlapping = Term.objects.overlapping(start, end)
        if overlapping.filter(organisation=nomination.organisation).exists():
            raise ValidationError(
                _("%(organisation)s hat in diesem Zeitraum bereits einen Sitz.")
                % {"organisation": nomination.organisation}
            )
        taken = set(overlapping.values_list("seat_id", flat=True))
        seat = next((s for s in seats if s.pk not in taken), None)
        if seat is None:
            raise ValidationError(
                _("Ab dem %(start)s ist kein Sitz frei: Wählen Sie einen späteren Beginn.")
                % {"start": date_format(start, "SHORT_DATE_FORMAT")}
            )
        term = Term(
            organisation=nomination.organisation,
            seat=seat,
            start=start,
            end=end,
            election=election,
        )
        term.full_clean()
        term.save()
    election.status = Election.Status.PUBLISHED
    election.published_at = timezone.now()
    election.term_start = start
    election.save(update_fields=["status", "published_at", "term_start"])
    return election
