import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from elections import services
from elections.models import Election, Term
from tests.elections.factories import election_with_candidates, representative_of, voting_election
from tests.factories import OrganisationFactory
from tests.meetings.factories import berlin

pytestmark = pytest.mark.django_db


def _voters(count, prefix="Wählende"):
    users = []
    for index in range(count):
        organisation = OrganisationFactory(name=f"{prefix} {index}")
        users.append(representative_of(organisation))
    return users


def _vote(election, users_and_choices):
    for user, orgs in users_and_choices:
        ids = [election.nominations.get(organisation=o).pk for o in orgs]
        services.cast_ballot(election=election, representative=user, choices=ids)


def test_tally_counts_votes_and_most_votes_take_the_seats(coordinator, candidates):
    voters = _voters(3)
    election = voting_election(coordinator, candidates, seats=2)
    (a, _), (b, _), (c, _), (d, _) = candidates
    _vote(election, [(voters[0], [a, b]), (voters[1], [a, c]), (voters[2], [a, b])])
    election = services.close_voting(election=election, by=coordinator)
    assert election.status == Election.Status.CLOSED
    assert election.ballots_cast == 3
    assert not election.tie
    votes = {n.organisation: (n.votes, n.elected) for n in election.nominations.all()}
    assert votes == {a: (3, True), b: (2, True), c: (1, False), d: (0, False)}


def _tied_election(coordinator, candidates):
    """Two seats; a leads, b and c are tied for the last seat."""
    voters = _voters(2)
    election = voting_election(coordinator, candidates[:3], seats=2)
    (a, _), (b, _), (c, _) = candidates[:3]
    _vote(election, [(voters[0], [a, b]), (voters[1], [a, c])])
    return services.close_voting(election=election, by=coordinator)


def test_tally_flags_tie_and_publishing_is_refused_until_resolved(coordinator, candidates):
    election = _tied_election(coordinator, candidates)
    assert election.tie and election.tie_unresolved
    assert {n.organisation.name for n in election.nominations.filter(tied=True)} == {
        "Lernpaten Bemerode",
        "Jugendforum Döhren",
    }
    with pytest.raises(ValidationError, match="Gleichstand"):
        services.publish_result(election=election, start=timezone.localdate(), by=coordinator)
    assert not Term.objects.exists()


def test_tie_resolved_by_lot_with_a_recorded_note(coordinator, candidates, client_as):
    election = _tied_election(coordinator, candidates)
    tied = list(election.nominations.filter(tied=True))
    with pytest.raises(ValidationError, match="genau 1"):
        services.resolve_tie_by_lot(election=election, winners=tied, note="Los", by=coordinator)
    with pytest.raises(ValidationError, match="wie gelost wurde"):
        services.resolve_tie_by_lot(election=election, winners=tied[:1], note=" ", by=coordinator)
    client = client_as("coordinator")
    response = client.post(
        reverse("elections:lot", kwargs={"pk": election.pk}),
        {"winners": [tied[1].pk], "note": "Gezogen von Frau Amt beim Treffen am 3. März."},
    )
    assert response.status_code == HTTPStatus.FOUND
    election.refresh_from_db()
    assert election.tie_resolution == Election.TieResolution.LOT
    services.publish_result(election=election, start=timezone.localdate(), by=coordinator)
    assert {t.organisation for t in Term.objects.all()} == {
        candidates[0][0],
        tied[1].organisation,
    }
    text = client_as("anonymous").get(election.get_absolute_url()).content.decode()
    assert "Gezogen von Frau Amt" in text


def test_tie_resolved_by_runoff_created_in_one_step(coordinator, candidates, client_as):
    election = _tied_election(coordinator, candidates)
    response = client_as("coordinator").post(
        reverse("elections:runoff", kwargs={"pk": election.pk})
    )
    runoff = Election.objects.get(runoff_of=election)
    assert response.url == runoff.get_absolute_url()
    assert runoff.seats == 1
    assert runoff.status == Election.Status.NOMINATIONS
    assert {n.organisation.name for n in runoff.nominations.accepted()} == {
        "Lernpaten Bemerode",
        "Jugendforum Döhren",
    }
    start = timezone.localdate()
    services.publish_result(election=election, start=start, by=coordinator)
    assert [t.organisation for t in Term.objects.all()] == [candidates[0][0]]
    voter = _voters(1, prefix="Nachzügler")[0]
    services.open_voting(election=runoff, by=coordinator)
    _vote(runoff, [(voter, [candidates[2][0]])])
    runoff = services.close_voting(election=runoff, by=coordinator)
    services.publish_result(election=runoff, start=start, by=coordinator)
    assert {t.organisation for t in Term.objects.current()} == {
        candidates[0][0],
        candidates[2][0],
    }
    assert Term.objects.values("seat").distinct().count() == 2


def test_paper_election_counts_entered_votes(coordinator, candidates, client_as, clock):
    # Held on 20 February 2026 by at least twelve organisations, so its terms start in March.
    clock(berlin(2026, 2, 20, 12))
    _voters(9)
    election = election_with_candidates(coordinator, candidates[:3], seats=2, is_paper=True)
    with pytest.raises(ValidationError, match="Papier"):
        services.open_voting(election=election, by=coordinator)
    client = client_as("coordinator")
    url = reverse("elections:paper_result", kwargs={"pk": election.pk})
    nominations = list(election.nominations.order_by("pk"))
    too_many = {"ballots": 5} | {f"votes_{n.pk}": 6 for n in nominations}
    response = client.post(url, too_many)
    assert response.status_code == HTTPStatus.OK
    assert "mehr Stimmen" in response.content.decode()
    data = {"ballots": 12, f"votes_{nominations[0].pk}": 9, f"votes_{nominations[1].pk}": 7}
    data[f"votes_{nominations[2].pk}"] = 7
    client.post(url, data)
    election.refresh_from_db()
    assert election.status == Election.Status.CLOSED
    assert election.ballots_cast == 12
    assert election.tie
    services.resolve_tie_by_lot(
        election=election, winners=[nominations[2]], note="Los beim Treffen", by=coordinator
    )
    start = datetime.date(2026, 3, 1)
    services.publish_result(election=election, start=start, by=coordinator)
    terms = Term.objects.order_by("seat__number")
    assert [(t.start, t.end) for t in terms] == [(start, datetime.date(2028, 3, 1))] * 2
