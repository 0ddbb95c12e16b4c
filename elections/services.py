"""Every change to elections, ballots and terms goes through these functions.

Ballot secrecy: `cast_ballot` writes the receipt and the ballot apart; when voting
ends (`close_voting`, or `cancel_election` during voting) `_shuffle_ballots` rewrites
the election's ballots in the same transaction in a cryptographically random order
with new random ids, so that afterwards no id, time, row order, transaction id or
physical position lines a ballot up with its receipt. The design and its limits are
in the docstring of elections/models.py and in docs/security-ballots.md.
"""

import contextlib
import logging
import secrets
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from core.roles import coordinator_emails, get_roles
from elections import policies
from elections.models import (
    ELECTED_SEATS,
    REMINDER_DAYS,
    STATEMENT_MAX_LENGTH,
    Ballot,
    BallotChoice,
    BallotReceipt,
    Election,
    ElectorateMember,
    Nomination,
    Seat,
    Term,
    _rewriting_ballots,
    minute_now,
    term_end,
)
from partners.models import Contact, Organisation

LOT_NOTE_MAX_LENGTH = 5000

logger = logging.getLogger(__name__)


def _require_representative(by, organisation):
    """The user is a representative of this active organisation (checked in the DB)."""
    if by is None or not by.is_authenticated:
        raise PermissionDenied(_("Bitte melden Sie sich an."))
    allowed = Contact.objects.filter(
        user=by,
        organisation=organisation,
        is_representative=True,
        organisation__status=Organisation.Status.ACTIVE,
    ).exists()
    if not allowed:
        raise PermissionDenied(
            _("Sie sind nicht vertretungsberechtigt für %(organisation)s.")
            % {"organisation": organisation}
        )


def _lock(election):
    return Election.objects.select_for_update().get(pk=election.pk)


def _lock_shared(election):
    """A share lock on the election row: ballots are cast side by side, while a
    transition (FOR UPDATE, e.g. closing) waits for them and they wait for it.
    Each organisation's single vote is guarded by the receipt's unique constraint."""
    if connection.vendor != "postgresql":
        return _lock(election)
    table = connection.ops.quote_name(Election._meta.db_table)
    return Election.objects.raw(
        # The table name comes from the model, the id is a parameter.
        f"SELECT * FROM {table} WHERE id = %s FOR SHARE",  # noqa: S608  # nosec B608
        [election.pk],
    )[0]


def _representative_emails(organisation):
    return list(
        Contact.objects.representatives()
        .filter(organisation=organisation)
        .values_list("email", flat=True)
    )


@transaction.atomic
def create_election(
    *,
    by,
    title,
    seats=ELECTED_SEATS,
    description="",
    nominations_until=None,
    voting_until=None,
    coordinators_vote=True,
    is_paper=False,
):
    """Create an election in draft; only coordinators may.

    A draft holds no seats: it can be prepared while another election runs, and is
    opened once that one is counted (see policies.can_open_nominations).
    """
    policies.can_create_election(by).enforce()
    election = Election(
        title=title,
        seats=seats,
        description=description,
        nominations_until=nominations_until,
        voting_until=voting_until,
        coordinators_vote=coordinators_vote,
        is_paper=is_paper,
    )
    election.full_clean()
    election.save()
    return election


@transaction.atomic
def open_nominations(*, election, by):
    """Move a draft to open nominations, if no open election holds its seats."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    # Opening elections one after the other: the open ones' seats are read under a lock.
    list(Election.objects.open().select_for_update().values_list("pk", flat=True))
    policies.can_open_nominations(by, election).enforce()
    election.status = Election.Status.NOMINATIONS
    election.save(update_fields=["status"])
    return election


@transaction.atomic
def cancel_election(*, election, by):
    """Cancel an election that has no result yet."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    policies.can_cancel_election(by, election).enforce()
    was_voting = election.status == Election.Status.VOTING
    election.status = Election.Status.CANCELLED
    election.save(update_fields=["status"])
    if was_voting:
        # Its ballots stay (final), uncounted, and as unlinkable as a closed election's.
        _shuffle_ballots(election)
    return election


@transaction.atomic
def nominate_organisation(*, election, organisation, nominated_by, by):
    """Propose an active, non-coordinating organisation; the nominee is asked by mail."""
    _require_representative(by, nominated_by)
    election = _lock(election)
    policies.can_nominate(by, election).enforce()
    if not organisation.is_active or organisation.is_coordinating:
        raise ValidationError(
            _("Vorgeschlagen werden können nur aktive, nicht koordinierende Partner.")
        )
    if election.nominations.filter(organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s ist bereits vorgeschlagen.") % {"organisation": organisation}
        )
    nomination = Nomination.objects.create(
        election=election,
        organisation=organisation,
        nominated_by=nominated_by,
        nominated_by_user=by,
    )
    send_templated_mail(
        template="elections/email/nomination",
        context={
            "nomination": nomination,
            "url": reverse("elections:nomination_accept", kwargs={"pk": nomination.pk}),
        },
        to=_representative_emails(organisation),
    )
    return nomination


def _answer_nomination(nomination, by, status, statement=""):
    nomination = Nomination.objects.select_related("organisation").get(pk=nomination.pk)
    _require_representative(by, nomination.organisation)
    nomination.election = _lock(nomination.election)
    policies.can_answer_nomination(by, nomination).enforce()
    if len(statement) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "statement": _("Die Vorstellung darf höchstens %(max)s Zeichen lang sein.")
                % {"max": STATEMENT_MAX_LENGTH}
            },
            code="too_long",
        )
    nomination.status = status
    if statement:
        nomination.statement = statement
    nomination.save(update_fields=["status", "statement"])
    return nomination


@transaction.atomic
def accept_nomination(*, nomination, statement, by):
    """The nominee's representative accepts, with a short statement."""
    return _answer_nomination(nomination, by, Nomination.Status.ACCEPTED, statement.strip())


@transaction.atomic
def decline_nomination(*, nomination, by):
    """The nominee's representative declines; the organisation does not stand."""
    return _answer_nomination(nomination, by, Nomination.Status.DECLINED)


def _voters(election):
    """The organisations entitled to vote now: active partners (coordinators if they vote)."""
    voters = Organisation.objects.active()
    if not election.coordinators_vote:
        voters = voters.filter(is_coordinating=False)
    return voters


@transaction.atomic
def open_voting(*, election, by):
    """Open voting and freeze the electorate: the active partners at this moment."""
    policies.can_create_election(by).enforce()
    election = _lock(election)
    policies.can_open_voting(by, election).enforce()
    if not election.nominations.accepted().exists():
        raise ValidationError(_("Es gibt noch keine Kandidatur, die angenommen wurde."))
    election.status = Election.Status.VOTING
    election.voting_opened_at = timezone.now()
    voters = _voters(election)
    ElectorateMember.objects.bulk_create(
        ElectorateMember(election=election, organisation=o) for o in voters
    )
    election.electorate_size = voters.count()
    election.save(update_fields=["status", "voting_opened_at", "electorate_size"])
    return election


def _nomination_ids(election, choices):
    ids = []
    for choice in choices:
        try:
            ids.append(int(getattr(choice, "pk", choice)))
        except (TypeError, ValueError):
            raise ValidationError(_("Ungültige Auswahl.")) from None
    if len(ids) != len(set(ids)):
        raise ValidationError(_("Jede Kandidatur kann nur einmal angekreuzt werden."))
    if len(ids) > election.seats:
        raise ValidationError(
            _("Sie können höchstens %(seats)s Kandidaturen ankreuzen.") % {"seats": election.seats}
        )
    valid = set(election.nominations.accepted().filter(pk__in=ids).values_list("pk", flat=True))
    if valid != set(ids):
        raise ValidationError(_("Ungültige Auswahl."))
    return ids


@transaction.atomic
def cast_ballot(*, election, representative, choices, organisation=None):
    """Record that the organisation voted and, apart from that, what it voted.

    The first ballot of an organisation counts; every further one is refused.
    """
    election = _lock_shared(election)
    if election.status != Election.Status.VOTING:
        raise ValidationError(_("Die Abstimmung ist nicht geöffnet."))
    if organisation is None:
        # Only the user's own organisations are looked up in the electorate, which at
        # a national network's scale has tens of thousands of rows.
        own = get_roles(representative).represented_organisations
        electorate = set(
            election.electorate.filter(organisation__in=own).values_list(
                "organisation_id", flat=True
            )
        )
        represented = [o for o in own if o.pk in electorate]
        voted = set(
            election.receipts.filter(organisation__in=represented).values_list(
                "organisation_id", flat=True
            )
        )
        organisation = next((o for o in represented if o.pk not in voted), None) or next(
            iter(represented), None
        )
        if organisation is None:
            raise PermissionDenied(_("Ihre Organisation ist bei dieser Wahl nicht wahlberechtigt."))
    _require_representative(representative, organisation)
    if not election.electorate.filter(organisation=organisation).exists():
        raise PermissionDenied(_("Ihre Organisation ist bei dieser Wahl nicht wahlberechtigt."))
    ids = _nomination_ids(election, choices)
    if BallotReceipt.objects.filter(election=election, organisation=organisation).exists():
        raise ValidationError(_("Ihre Organisation hat bereits abgestimmt."), code="already_voted")
    try:
        with transaction.atomic():
            BallotReceipt.objects.create(
                election=election,
                organisation=organisation,
                cast_by=representative,
                cast_by_name=representative.name or representative.email,
                cast_at=minute_now(),
            )
    except IntegrityError:
        raise ValidationError(
            _("Ihre Organisation hat bereits abgestimmt."), code="already_voted"
        ) from None
    ballot = Ballot.objects.create(election=election)
    BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, nomination_id=i) for i in ids)
    return ballot


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


def _vacuum_ballot_tables():
    """Reclaim the old row versions of the rewritten ballots (PostgreSQL, after commit).

    Until VACUUM, the deleted rows stay in the table's files with their old positions
    and transaction ids. VACUUM FULL writes the two small tables anew. Best effort: a
    role that may not vacuum leaves it to autovacuum (docs/security-ballots.md).
    """
    tables = ", ".join(
        connection.ops.quote_name(model._meta.db_table) for model in (Ballot, BallotChoice)
    )
    try:
        with connection.cursor() as cursor:
            # Never queue behind a long reader (a running backup) with an exclusive lock
            # that would hold up every other reader of the tables meanwhile.
            cursor.execute("SET lock_timeout = '5s'")
            try:
                cursor.execute(f"VACUUM FULL {tables}")
            finally:
                cursor.execute("RESET lock_timeout")
    except Exception:  # noqa: BLE001 - the vote is counted; vacuuming only tidies up
        logger.warning("VACUUM FULL of the ballot tables failed", exc_info=True)


@contextlib.contextmanager
def _secure_delete():
    """On SQLite, overwrite deleted rows in the file instead of leaving them in free pages."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        before = cursor.fetchone()[0]
        cursor.execute("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA secure_delete = {int(before)}")


def _shuffle_ballots(election):
    """Rewrite the election's ballots in a random order with new random ids.

    Runs in the transaction that ends voting, after the election's state has left
    VOTING (the models allow the rewrite only then). Contents are kept exactly: the
    same multiset of ballots, each with the same crosses, empty ballots included.
    """
    contents = {
        pk: [] for pk in Ballot.objects.filter(election=election).values_list("pk", flat=True)
    }
    for ballot_id, nomination_id in BallotChoice.objects.filter(
        ballot__election=election
    ).values_list("ballot_id", "nomination_id"):
        contents[ballot_id].append(nomination_id)
    if not contents:
        return
    shuffled = list(contents.values())
    random = secrets.SystemRandom()
    random.shuffle(shuffled)
    with _rewriting_ballots(election), _secure_delete():
        BallotChoice.objects.filter(ballot__election=election).delete()
        Ballot.objects.filter(election=election).delete()
    ballots = [Ballot(id=uuid.uuid4(), election=election) for _ in shuffled]
    Ballot.objects.bulk_create(ballots)
    choices = []
    for ballot, nomination_ids in zip(ballots, shuffled, strict=True):
        random.shuffle(nomination_ids)
        choices.extend(
            BallotChoice(id=uuid.uuid4(), ballot=ballot, nomination_id=i) for i in nomination_ids
        )
    BallotChoice.objects.bulk_create(choices)
    if connection.vendor == "postgresql":
        transaction.on_commit(_vacuum_ballot_tables)


def count_ballots(election):
    """Votes per nomination id and number of ballots, counted from the stored ballots."""
    counts = {}
    for nomination_id in BallotChoice.objects.filter(ballot__election=election).values_list(
        "nomination_id", flat=True
    ):
        counts[nomination_id] = counts.get(nomination_id, 0) + 1
    return counts, Ballot.objects.filter(election=election).count()


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
    electorate = _voters(election).count()
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


def speaker_group_term_organisation_ids():
    """Ids of organisations holding an elected seat today (a SPEAKER_GROUP_PROVIDERS entry)."""
    return set(Term.objects.current().values_list("organisation_id", flat=True))


@transaction.atomic
def send_term_reminders(*, on=None):
    """Mail the coordinators once per term that ends within 90 days; returns the count.

    Nothing is sent while an election is already under way (a draft included): the
    reminder asks to prepare one. Terms stay unmarked, so a cancelled election
    brings the reminder back.
    """
    on = on or timezone.localdate()
    if Election.objects.running().exists():
        return 0
    terms = list(
        Term.objects.ending_within(REMINDER_DAYS, on)
        .filter(reminder_sent_at__isnull=True)
        .select_for_update()
        .select_related("organisation", "seat")
    )
    if not terms:
        return 0
    send_templated_mail(
        template="elections/email/term_reminder",
        context={
            "terms": terms,
            "url": reverse("elections:create"),
            "days": REMINDER_DAYS,
        },
        to=coordinator_emails(),
    )
    Term.objects.filter(pk__in=[t.pk for t in terms]).update(reminder_sent_at=timezone.now())
    return len(terms)


def reminder_due(on=None):
    """Current terms ending within 90 days (the "Wahl vorbereiten" warning)."""
    on = on or timezone.localdate()
    return Term.objects.ending_within(REMINDER_DAYS, on).select_related("organisation", "seat")
