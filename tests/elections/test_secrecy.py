"""Ballots cannot be lined up with their receipts once voting has ended.

An auditor with read access to the database tries what issue 15 found: pairing ballots
and receipts by every stored column, by SQLite's `rowid`, PostgreSQL's `ctid`, `xmin`
(and `xmin ± 1`), `cmin`, and by the row order of a `pg_dump --data-only`. Each voting
organisation gets a ballot no other organisation casts, so a pairing is checkable.

Before voting ends the physical order still links them (the control: the test can
fail); after the election is closed or cancelled nothing does better than chance, and
the recount from the stored ballots gives the stored result, each organisation's
ballot counted once.

How "no better than chance" is decided: an attack orders the n ballots (by a column,
rowid, ctid, dump position, ascending or descending) and pairs the k-th ballot with the
k-th receipt in the order the votes were cast. For a ballot order that is a uniformly
random permutation (what the rewrite produces), the number of correct pairs is the
number of fixed points of a random permutation of n = 16: P(≥ 9) = Σ_{j≥9} D(16−j) /
(j! (16−j)!) ≈ 1.13e-6 (D = derangements). An attack fails the test only with 9 or
more correct pairs; with at most 16 orders tried per test, a correct implementation
fails a run with probability < 2e-5. Transaction ids are checked deterministically:
all rewritten rows share one xmin.

These tests commit (threads, pg_dump), so they use transactional databases.
"""

from collections import Counter
from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse

from core.records import FinalRecordError
from elections import services
from elections.models import (
    Ballot,
    BallotChoice,
    BallotReceipt,
    Election,
    _rewriting_ballots,
)
from tests.elections.factories import candidate, voting_election
from tests.elections.secrecy_audit import (
    VOTERS,
    _assert_counted_once_each,
    _assert_receipts_to_the_minute,
    _assert_unlinkable,
    _best_pairing,
    _cast_at_once,
    _cast_one_after_another,
    _content,
    _end_voting,
    _post_ballot,
    _setup,
    _table_files,
    _transaction_ids,
    _xmin_pairs,
)

# The tests ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["close", "cancel"])
def test_ballots_cast_one_after_another_cannot_be_linked_once_voting_ends(coordinator, how):
    election, voters, votes = _setup(coordinator)
    _cast_one_after_another(election, voters, votes)
    _assert_receipts_to_the_minute(election)

    # Control: while voting runs, the physical order still gives every pair away.
    before = _best_pairing(election, votes)
    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    assert before[f"elections_ballot.{physical} asc"] == VOTERS
    assert before[f"elections_ballotchoice.{physical} asc"] == VOTERS
    if connection.vendor == "postgresql":
        assert before["pg_dump elections_ballot asc"] == VOTERS
        # The receipt is written in a savepoint: its xid is just above the ballot's
        # (the ballot's plus one, unless other sessions took ids in between).
        identified, right = _xmin_pairs(election, votes)["below"]
        assert right == VOTERS
    ids_before = set(Ballot.objects.filter(election=election).values_list("pk", flat=True))
    files_before = _table_files()

    election = _end_voting(election, coordinator, how)

    _assert_unlinkable(election, votes)
    if connection.vendor == "postgresql":
        # VACUUM FULL after the commit wrote both tables anew: the deleted row versions,
        # with their old positions and transaction ids, are no longer in the table files.
        assert not set(files_before) & set(_table_files())
    assert not ids_before & set(
        Ballot.objects.filter(election=election).values_list("pk", flat=True)
    )
    _assert_counted_once_each(election, votes)


@pytest.mark.django_db(transaction=True)
def test_ballots_cast_at_once_cannot_be_linked_once_voting_ends(coordinator):
    election, voters, votes = _setup(coordinator)
    _cast_at_once(election, voters, votes)
    _assert_receipts_to_the_minute(election)
    election = _end_voting(election, coordinator, "close")
    _assert_unlinkable(election, votes)
    _assert_counted_once_each(election, votes)


@pytest.mark.django_db(transaction=True)
def test_a_runoff_is_rewritten_and_its_recount_matches(coordinator):
    """A tie at the last seat, its runoff voted online and closed: same guarantees."""
    candidates = [candidate(f"Gleichauf {name} e. V.") for name in "ABC"]
    voters = [candidate(f"Stimme {n:02d} e. V.") for n in range(4)]
    election = voting_election(coordinator, candidates, seats=1)
    first, second, _ = sorted(election.nominations.accepted().values_list("pk", flat=True))
    for (_, user), choice in zip(voters, [first, first, second, second], strict=True):
        assert _post_ballot(election, user, {choice}).status_code == HTTPStatus.FOUND
    election = _end_voting(election, coordinator, "close")
    assert election.tie
    runoff = services.resolve_tie_by_runoff(election=election, by=coordinator)
    runoff = services.open_voting(election=runoff, by=coordinator)
    a, b = sorted(runoff.nominations.accepted().values_list("pk", flat=True))
    votes = {}
    for (organisation, user), choice in zip(voters, [a, b, b, b], strict=True):
        assert _post_ballot(runoff, user, {choice}).status_code == HTTPStatus.FOUND
        votes[organisation.pk] = frozenset({choice})
    runoff = _end_voting(runoff, coordinator, "close")
    assert not runoff.tie
    assert list(runoff.nominations.filter(elected=True).values_list("pk", flat=True)) == [b]
    assert Counter(_content(runoff).values()) == Counter(votes.values())
    counts, ballots = services.count_ballots(runoff)
    assert (counts, ballots) == ({a: 1, b: 3}, 4)
    if connection.vendor == "postgresql":
        ballots, choices, _ = _transaction_ids(runoff)
        assert len({xmin for _, xmin, _ in ballots + choices}) == 1


# The one rewrite, and only that ------------------------------------------------------


@pytest.fixture
def voted(coordinator, candidates):
    election = voting_election(coordinator, candidates[:3], seats=2)
    two = sorted(election.nominations.accepted().values_list("pk", flat=True))[:2]
    for organisation, user in candidates[:3]:
        services.cast_ballot(
            election=election, representative=user, organisation=organisation, choices=two
        )
    return election


@pytest.mark.django_db
def test_ballots_stay_final_outside_the_rewrite(voted, coordinator):
    ballots = Ballot.objects.filter(election=voted)
    choices = BallotChoice.objects.filter(ballot__election=voted)
    # While voting: not even inside the rewrite's context.
    with _rewriting_ballots(voted), pytest.raises(FinalRecordError):
        ballots.delete()
    closed = services.close_voting(election=voted, by=coordinator)
    for rows in (ballots, choices):
        with pytest.raises(FinalRecordError):
            rows.delete()
    # The context of another election does not open this one's ballots.
    other = Election.objects.create(title="Andere Wahl", status=Election.Status.CLOSED)
    with _rewriting_ballots(other), pytest.raises(FinalRecordError):
        ballots.delete()
    with _rewriting_ballots(other), pytest.raises(FinalRecordError):
        Ballot.objects.all().delete()
    ballot = ballots.first()
    with _rewriting_ballots(closed), pytest.raises(FinalRecordError):
        ballot.delete()
    assert ballots.count() == 3
    assert choices.count() == 6
    services.publish_result(election=closed, start=closed.close_date, by=coordinator)
    with _rewriting_ballots(closed), pytest.raises(FinalRecordError):
        ballots.delete()
    assert ballots.count() == 3


@pytest.mark.django_db
def test_receipts_show_the_minute_only(voted, candidates, client):
    organisation, user = candidates[0]
    receipt = BallotReceipt.objects.get(election=voted, organisation=organisation)
    assert (receipt.cast_at.second, receipt.cast_at.microsecond) == (0, 0)
    client.force_login(user)
    page = client.get(reverse("elections:ballot", kwargs={"pk": voted.pk})).content.decode()
    assert "hat bereits am" in page


@pytest.mark.django_db(transaction=True)
def test_the_migration_rewrites_elections_that_ended_before(coordinator):
    """Elections counted before the rewrite existed get it from migration 0003."""
    from importlib import import_module

    from django.db.migrations.executor import MigrationExecutor

    election, voters, votes = _setup(coordinator)
    _cast_one_after_another(election, voters, votes)
    # As the old close_voting left it: counted, ballots in the order they were cast.
    Election._base_manager.filter(pk=election.pk).update(status=Election.Status.CLOSED)
    physical = "rowid" if connection.vendor == "sqlite" else "ctid"
    assert _best_pairing(election, votes)[f"elections_ballot.{physical} asc"] == VOTERS

    executor = MigrationExecutor(connection)
    state = executor.loader.project_state(("elections", "0003_unlinkable_ballots"))
    migration = import_module("elections.migrations.0003_unlinkable_ballots")
    with connection.schema_editor() as schema_editor:
        migration.rewrite_ended_elections(state.apps, schema_editor)

    election.refresh_from_db()
    _assert_unlinkable(election, votes)
    assert Counter(_content(election).values()) == Counter(votes.values())
