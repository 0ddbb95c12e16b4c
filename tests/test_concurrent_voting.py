"""Many organisations vote at once: each is counted exactly once (a small `make bench` run).

tests/elections covers several representatives of ONE organisation racing; this
covers many organisations voting together, each twice in the same wave, and a
second wave that must add nothing. Row locks need PostgreSQL; CI runs it there.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from elections import services
from elections.models import Ballot, BallotChoice, BallotReceipt, Election
from tests.elections.factories import candidate, representative_of, voting_election
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

ORGANISATIONS = 30
THREADS = 8


def _wave(election, attempts, choice):
    """Every (organisation, user) attempt at once from THREADS threads; returns the outcomes."""
    outcomes = []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)
    chunks = [attempts[i::THREADS] for i in range(THREADS)]

    def run(chunk):
        try:
            barrier.wait()
            for organisation, user in chunk:
                try:
                    services.cast_ballot(
                        election=Election.objects.get(pk=election.pk),
                        representative=user,
                        organisation=organisation,
                        choices=[choice],
                    )
                    outcome = "ok"
                except ValidationError as error:
                    outcome = error.messages[0]
                with lock:
                    outcomes.append(outcome)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(run, chunks))
    return outcomes


def test_many_organisations_voting_at_once_are_each_counted_exactly_once(coordinator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this test there")
    candidates = [candidate(f"Kandidatur {n} e. V.") for n in range(2)]
    voters = []
    for number in range(ORGANISATIONS):
        organisation = OrganisationFactory(name=f"Wählende Organisation {number:02d}")
        voters.append((organisation, representative_of(organisation)))
    election = voting_election(coordinator, candidates)
    choice = election.nominations.accepted().order_by("pk").first().pk

    # Each organisation submits twice in the same wave, from different threads.
    first = _wave(election, voters + voters[::-1], choice)
    assert first.count("ok") == ORGANISATIONS
    assert first.count("Ihre Organisation hat bereits abgestimmt.") == ORGANISATIONS

    second = _wave(election, voters, choice)
    assert second == ["Ihre Organisation hat bereits abgestimmt."] * ORGANISATIONS

    assert BallotReceipt.objects.filter(election=election).count() == ORGANISATIONS
    assert Ballot.objects.filter(election=election).count() == ORGANISATIONS
    assert BallotChoice.objects.filter(ballot__election=election).count() == ORGANISATIONS
    closed = services.close_voting(election=election, by=coordinator)
    assert closed.ballots_cast == ORGANISATIONS
    assert closed.nominations.get(pk=choice).votes == ORGANISATIONS
