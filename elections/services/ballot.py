"""Casting a ballot, and rewriting the ballots when voting ends.

Ballot secrecy: `cast_ballot` writes the receipt and the ballot apart; when voting
ends (`close_voting`, or `cancel_election` during voting) `_shuffle_ballots` rewrites
the election's ballots in the same transaction in a cryptographically random order
with new random ids, so that afterwards no id, time, row order, transaction id or
physical position lines a ballot up with its receipt. The design and its limits are
in the docstring of elections/models/ballot.py and in docs/security-ballots.md.
"""

import contextlib
import logging
import secrets
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from core.roles import get_roles
from elections.eligibility import is_eligible, voting_organisation
from elections.models import (
    Ballot,
    BallotChoice,
    BallotReceipt,
    Election,
    _rewriting_ballots,
    minute_now,
)
from elections.services.common import _lock_shared, _require_representative

logger = logging.getLogger(__name__)


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
        # The first of the user's own organisations that may vote and has not voted yet.
        own = get_roles(representative).represented_organisations
        organisation = voting_organisation(election, own)[0]
        if organisation is None:
            raise PermissionDenied(_("Ihre Organisation ist bei dieser Wahl nicht wahlberechtigt."))
    _require_representative(representative, organisation)
    if not is_eligible(organisation, election):
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
