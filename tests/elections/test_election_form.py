import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from elections import services
from elections.models import Election

pytestmark = pytest.mark.django_db


def _days(n):
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def _post(client, **dates):
    return client.post(
        reverse("elections:create"),
        {"title": "Wahl der Sprechergruppe", "seats": 3, "coordinators_vote": "on", **dates},
    )


def _field_errors(response, name):
    return [str(e) for e in response.context["form"].errors.get(name, [])]


def test_coordinator_creates_election_with_deadlines_in_order(client_as):
    response = _post(client_as("coordinator"), nominations_until=_days(14), voting_until=_days(28))
    assert response.status_code == HTTPStatus.FOUND
    election = Election.objects.get()
    assert election.voting_until - election.nominations_until == datetime.timedelta(days=14)


@pytest.mark.parametrize("voting_days", [7, 14])
def test_coordinator_cannot_end_voting_before_or_with_nominations(client_as, voting_days):
    response = _post(
        client_as("coordinator"), nominations_until=_days(14), voting_until=_days(voting_days)
    )
    assert response.status_code == HTTPStatus.OK
    assert _field_errors(response, "voting_until") == [
        "Die Abstimmung muss nach dem Ende der Vorschlagsphase enden."
    ]
    assert "Die Abstimmung muss nach dem Ende der Vorschlagsphase enden." in response.text
    assert not Election.objects.exists()


def test_coordinator_cannot_set_deadlines_in_the_past(client_as):
    response = _post(
        client_as("coordinator"), nominations_until="2020-03-01", voting_until="2020-04-01"
    )
    assert response.status_code == HTTPStatus.OK
    for name in ["nominations_until", "voting_until"]:
        assert _field_errors(response, name) == ["Dieses Datum liegt in der Vergangenheit."]
    assert not Election.objects.exists()


def test_deadline_today_is_accepted(client_as):
    response = _post(client_as("coordinator"), nominations_until=_days(0), voting_until=_days(7))
    assert response.status_code == HTTPStatus.FOUND


def test_edit_page_refuses_voting_before_nominations_but_keeps_old_dates(client_as, coordinator):
    election = services.create_election(by=coordinator, title="Wahl")
    # An election prepared long ago: its unchanged dates stay valid when edited.
    Election.objects.filter(pk=election.pk).update(
        nominations_until=datetime.date(2020, 3, 1), voting_until=datetime.date(2020, 4, 1)
    )
    client = client_as("coordinator")
    url = reverse("admin:elections_election_change", args=[election.pk])
    now = timezone.localtime()
    data = {
        "title": "Wahl 2020",
        "description": "",
        "seats": 3,
        "nominations_until": "2020-03-01",
        "voting_until": "2020-04-01",
        "coordinators_vote": "on",
        "created_at_0": now.date().isoformat(),
        "created_at_1": now.strftime("%H:%M:%S"),
    }
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    election.refresh_from_db()
    assert election.title == "Wahl 2020"

    swapped = {**data, "nominations_until": _days(30), "voting_until": _days(10)}
    response = client.post(url, swapped)
    assert response.status_code == HTTPStatus.OK
    assert "Die Abstimmung muss nach dem Ende der Vorschlagsphase enden." in response.text

    response = client.post(url, {**data, "voting_until": "2020-03-15"})
    assert response.status_code == HTTPStatus.OK
    assert "Dieses Datum liegt in der Vergangenheit." in response.text
    election.refresh_from_db()
    assert election.voting_until == datetime.date(2020, 4, 1)
