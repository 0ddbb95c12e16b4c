"""The issue's reproductions, each through the page a person uses.

- a term start before the election was counted (2020 for an organisation that joined
  in 2026) is refused on /wahlen/<id>/veroeffentlichen/;
- a second and a third election for the same seats cannot be opened while one runs;
- after a lot, the loser reads "nicht gewählt (Los)", not "Gleichstand";
- speaker-group terms and published results cannot be deleted or edited in the admin;
- a candidacy statement longer than 1000 characters is refused by the server;
- numbers, dates and texts of every elections form are bounded, with German errors.
"""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from elections import services
from elections.models import Election, Nomination, Term, term_end
from tests.elections.factories import (
    election_with_candidates,
    nomination_of,
    published_election,
    representative_of,
    voting_election,
)
from tests.factories import OrganisationFactory
from tests.meetings.factories import berlin

pytestmark = pytest.mark.django_db


def _errors(response):
    form = response.context["form"]
    return [str(e) for errors in form.errors.values() for e in errors]


def _tied_paper_election(coordinator, candidates, seats=1):
    """A counted paper election: the first two candidates tie for the only seat."""
    election = election_with_candidates(coordinator, candidates[:2], seats=seats, is_paper=True)
    votes = {n.pk: 1 for n in election.nominations.all()}
    return services.enter_paper_result(election=election, ballots=2, votes=votes, by=coordinator)


# 4. Publishing ------------------------------------------------------------------------------


def test_publish_refuses_a_term_start_before_the_election_was_counted(
    client_as, coordinator, clock
):
    clock(berlin(2026, 11, 20, 12))
    newcomer = OrganisationFactory(name="Neu seit 2026", joined_on=datetime.date(2026, 3, 1))
    election = election_with_candidates(
        coordinator, [(newcomer, representative_of(newcomer))], seats=1, is_paper=True
    )
    election = services.enter_paper_result(
        election=election,
        ballots=1,
        votes={nomination_of(election, newcomer).pk: 1},
        by=coordinator,
    )
    client = client_as("coordinator")
    url = reverse("elections:publish", kwargs={"pk": election.pk})

    response = client.post(url, {"start": "2020-01-01"})

    assert response.status_code == HTTPStatus.OK
    assert _errors(response) == [
        "Die Amtszeit kann frühestens am Tag der Auszählung (20.11.2026) beginnen."
    ]
    assert not Term.objects.exists()
    election.refresh_from_db()
    assert election.status == Election.Status.CLOSED

    # Far in the future (a typo) is refused too, and never a 500.
    response = client.post(url, {"start": "9999-12-31"})
    assert response.status_code == HTTPStatus.OK
    assert "innerhalb von zwei Jahren" in _errors(response)[0]

    response = client.post(url, {"start": "2026-11-20"})
    assert response.status_code == HTTPStatus.FOUND
    term = Term.objects.get()
    assert (term.start, term.end) == (datetime.date(2026, 11, 20), datetime.date(2028, 11, 20))


def test_a_term_from_29_february_lasts_until_28_february(client_as, coordinator, candidates, clock):
    clock(berlin(2028, 2, 29, 12))
    election = election_with_candidates(coordinator, candidates[:1], seats=1, is_paper=True)
    services.enter_paper_result(
        election=election,
        ballots=1,
        votes={nomination_of(election, candidates[0][0]).pk: 1},
        by=coordinator,
    )
    response = client_as("coordinator").post(
        reverse("elections:publish", kwargs={"pk": election.pk}), {"start": "2028-02-29"}
    )
    assert response.status_code == HTTPStatus.FOUND
    term = Term.objects.get()
    assert term.last_day == datetime.date(2030, 2, 28)
    assert term.end == datetime.date(2030, 3, 1) == term_end(term.start)
    page = client_as("anonymous").get(reverse("elections:speaker_group")).content.decode()
    assert "vom 29. Februar 2028 bis zum 28. Februar 2030" in page


def test_a_second_and_third_election_for_the_same_seats_cannot_be_opened(
    client_as, coordinator, candidates
):
    voting = voting_election(coordinator, candidates[:2], seats=3, title="Laufende Wahl")
    second = services.create_election(by=coordinator, title="Zweite Wahl")
    third = services.create_election(by=coordinator, title="Dritte Wahl", seats=1)
    client = client_as("coordinator")

    for draft in (second, third):
        response = client.post(
            reverse("elections:open_nominations", kwargs={"pk": draft.pk}), follow=True
        )
        assert "Für diese Sitze läuft bereits eine Wahl." in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == Election.Status.DRAFT

    # The draft's page says why instead of offering the step.
    page = client.get(second.get_absolute_url()).content.decode()
    assert reverse("elections:open_nominations", kwargs={"pk": second.pk}) not in page
    assert "Für diese Sitze läuft bereits eine Wahl." in page

    # Once the running election is counted, the next one opens.
    services.close_voting(election=voting, by=coordinator)
    client.post(reverse("elections:open_nominations", kwargs={"pk": second.pk}))
    second.refresh_from_db()
    assert second.status == Election.Status.NOMINATIONS


def test_elections_for_different_seats_open_side_by_side(coordinator, candidates):
    """Two one-seat elections hold two of the three seats: both may be open."""
    voting_election(coordinator, candidates[:2], seats=1, title="Sitz A")
    other = election_with_candidates(coordinator, candidates[2:], seats=2, title="Sitze B und C")
    assert other.status == Election.Status.NOMINATIONS


def test_after_a_lot_the_loser_reads_not_elected_by_lot(client_as, coordinator, candidates):
    election = _tied_paper_election(coordinator, candidates)
    winner, loser = election.nominations.order_by("pk")
    client = client_as("coordinator")
    response = client.post(
        reverse("elections:lot", kwargs={"pk": election.pk}),
        {"winners": [winner.pk], "note": "Gelost beim Netzwerktreffen."},
    )
    assert response.status_code == HTTPStatus.FOUND
    services.publish_result(election=election, start=timezone.localdate(), by=coordinator)

    page = client_as("anonymous").get(election.get_absolute_url()).content.decode()
    row = page.split(loser.organisation.name, 1)[1].split("</tr>", 1)[0]
    assert "nicht gewählt (Los)" in row
    assert "Gleichstand" not in row
    winner_row = page.split(winner.organisation.name, 1)[1].split("</tr>", 1)[0]
    assert "gewählt" in winner_row and "Los)" not in winner_row


# 5. The admin --------------------------------------------------------------------------------


def test_admin_cannot_delete_or_edit_terms(client_as, coordinator, candidates):
    published_election(coordinator, candidates[:1], seats=1)
    term = Term.objects.get()
    client = client_as("coordinator")

    delete_url = reverse("admin:elections_term_delete", args=[term.pk])
    assert client.get(delete_url).status_code == HTTPStatus.FORBIDDEN
    assert client.post(delete_url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    changelist = reverse("admin:elections_term_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [term.pk], "post": "yes"}
    )
    assert Term.objects.filter(pk=term.pk).exists()

    change_url = reverse("admin:elections_term_change", args=[term.pk])
    response = client.post(change_url, {"end": "2099-01-01"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    term.refresh_from_db()
    assert term.end == term_end(term.start)


def test_admin_cannot_edit_or_delete_a_published_result(client_as, coordinator, candidates):
    election = published_election(coordinator, candidates[:1], seats=1)
    client = client_as("coordinator")
    change_url = reverse("admin:elections_election_change", args=[election.pk])
    assert client.get(change_url).status_code == HTTPStatus.OK  # shown, read-only
    response = client.post(change_url, {"title": "Umgeschrieben", "seats": 3})
    assert response.status_code == HTTPStatus.FORBIDDEN
    delete_url = reverse("admin:elections_election_delete", args=[election.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    election.refresh_from_db()
    assert election.title == "Wahl der Sprechergruppe"


def test_admin_deletes_a_draft_but_not_an_election_under_way(client_as, coordinator, candidates):
    draft = services.create_election(by=coordinator, title="Entwurf")
    running = election_with_candidates(coordinator, candidates[:1], seats=1)
    client = client_as("coordinator")
    url = reverse("admin:elections_election_delete", args=[running.pk])
    assert client.post(url, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    url = reverse("admin:elections_election_delete", args=[draft.pk])
    assert client.post(url, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert not Election.objects.filter(pk=draft.pk).exists()
    assert Election.objects.filter(pk=running.pk).exists()


# 6. Bounds on the server ------------------------------------------------------------------------


def test_statement_longer_than_1000_characters_is_refused_in_german(
    client_as, coordinator, candidates, representative, partner_org
):
    election = election_with_candidates(coordinator, candidates[:1], seats=1)
    nomination = services.nominate_organisation(
        election=election,
        organisation=partner_org,
        nominated_by=candidates[0][0],
        by=candidates[0][1],
    )
    url = reverse("elections:nomination_accept", kwargs={"pk": nomination.pk})
    client = client_as("representative")

    response = client.post(url, {"statement": "x" * 1001})

    assert response.status_code == HTTPStatus.OK
    assert _errors(response) == [
        "Die Vorstellung darf höchstens 1000 Zeichen lang sein (jetzt sind es 1001)."
    ]
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PROPOSED
    assert client.post(url, {"statement": "x" * 1000}).status_code == HTTPStatus.FOUND
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED


def test_the_service_refuses_a_long_statement_too(coordinator, candidates, partner_org):
    election = election_with_candidates(coordinator, candidates[:1], seats=1)
    organisation, user = candidates[1]
    nomination = services.nominate_organisation(
        election=election, organisation=organisation, nominated_by=organisation, by=user
    )
    with pytest.raises(ValidationError, match="höchstens 1000 Zeichen"):
        services.accept_nomination(nomination=nomination, statement="y" * 1001, by=user)


@pytest.mark.parametrize(
    ("seats", "error"),
    [
        ("0", "Es können 1 bis 3 Sitze gewählt werden."),
        ("4", "Es können 1 bis 3 Sitze gewählt werden."),
        ("99999999999999999999", "Es können 1 bis 3 Sitze gewählt werden."),
    ],
)
def test_election_form_bounds_the_seats(client_as, seats, error):
    response = client_as("coordinator").post(
        reverse("elections:create"), {"title": "Wahl", "seats": seats}
    )
    assert response.status_code == HTTPStatus.OK
    assert error in response.content.decode() or response.context["form"].errors["seats"]
    assert not Election.objects.exists()


def test_election_form_bounds_dates_and_texts(client_as, clock):
    clock(berlin(2026, 12, 1, 12))
    client = client_as("coordinator")
    response = client.post(
        reverse("elections:create"),
        {"title": "Wahl", "seats": 3, "nominations_until": "2099-01-01"},
    )
    assert _errors(response) == ["Dieses Datum liegt mehr als zwei Jahre in der Zukunft."]
    response = client.post(
        reverse("elections:create"), {"title": "Wahl", "seats": 3, "description": "x" * 5001}
    )
    assert response.status_code == HTTPStatus.OK
    assert not Election.objects.exists()


def test_paper_result_is_bounded_by_the_electorate(client_as, coordinator, candidates):
    election = election_with_candidates(coordinator, candidates[:2], seats=1, is_paper=True)
    first, second = election.nominations.order_by("pk")
    url = reverse("elections:paper_result", kwargs={"pk": election.pk})
    client = client_as("coordinator")
    electorate = 4  # the four candidates' organisations are the active partners

    response = client.post(url, {"ballots": 5, f"votes_{first.pk}": 1, f"votes_{second.pk}": 1})
    assert response.status_code == HTTPStatus.OK
    assert f"höchstens {electorate}" in " ".join(_errors(response)).replace(
        "kleiner oder gleich", "höchstens"
    )
    response = client.post(
        url, {"ballots": 2, f"votes_{first.pk}": 3, f"votes_{second.pk}": 10**30}
    )
    assert response.status_code == HTTPStatus.OK
    assert any("nicht mehr Stimmen" in e for e in _errors(response))
    election.refresh_from_db()
    assert election.status == Election.Status.NOMINATIONS

    response = client.post(url, {"ballots": 3, f"votes_{first.pk}": 2, f"votes_{second.pk}": 1})
    assert response.status_code == HTTPStatus.FOUND
    election.refresh_from_db()
    assert (election.ballots_cast, election.electorate_size) == (3, electorate)


def test_lot_note_is_bounded(client_as, coordinator, candidates):
    election = _tied_paper_election(coordinator, candidates)
    winner = election.nominations.order_by("pk").first()
    response = client_as("coordinator").post(
        reverse("elections:lot", kwargs={"pk": election.pk}),
        {"winners": [winner.pk], "note": "x" * 5001},
    )
    assert response.status_code == HTTPStatus.OK
    assert _errors(response) == ["Das Protokoll darf höchstens 5000 Zeichen lang sein."]
    election.refresh_from_db()
    assert election.tie_unresolved


def test_the_database_refuses_overlapping_terms_on_postgresql(coordinator, candidates):
    """Past Term.clean() (e.g. a bulk insert), PostgreSQL's exclusion constraint holds."""
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only; clean() holds elsewhere")
    published_election(coordinator, candidates[:1], seats=1)
    term = Term.objects.get()
    clash = Term(
        organisation=candidates[1][0],
        seat=term.seat,
        start=term.start + datetime.timedelta(days=1),
        end=term.end,
        election=term.election,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.bulk_create([clash])
    # The day the term ends, the seat is free (end is exclusive).
    clash.start, clash.end = term.end, term_end(term.end)
    Term.objects.bulk_create([clash])
    assert Term.objects.count() == 2
