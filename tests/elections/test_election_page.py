import re

import pytest
from django.urls import reverse

from core.roles import make_coordinator
from elections import services
from tests.elections.factories import published_election, voting_election
from tests.factories import ContactFactory, OrganisationFactory, UserFactory, give_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_coordinator(db):
    """A coordinator who also represents the Landeshauptstadt Hannover."""
    city = OrganisationFactory(
        name="Landeshauptstadt Hannover", slug="landeshauptstadt-hannover", is_coordinating=True
    )
    user = UserFactory(email="stadt@example.org", name="Sina Stadt")
    ContactFactory(organisation=city, user=user, is_representative=True)
    make_coordinator(user)
    return give_second_factor(user)


def _own_organisation_line(client, election):
    """What the page says after "Landeshauptstadt Hannover:" under "Ihre Organisation"."""
    text = client.get(reverse("elections:detail", kwargs={"pk": election.pk})).text
    match = re.search(r"<strong>Landeshauptstadt Hannover:</strong>(.*?)</li>", text, re.S)
    assert match, "the page has no line for the own organisation"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_draft_tells_the_own_organisation_that_voting_has_not_begun(client, city_coordinator):
    election = services.create_election(by=city_coordinator, title="Wahl der Sprechergruppe")
    client.force_login(city_coordinator)
    assert _own_organisation_line(client, election) == (
        "Die Wahl wird vorbereitet; die Abstimmung hat noch nicht begonnen."
    )


def test_nominations_tell_the_own_organisation_that_they_are_running(client, city_coordinator):
    election = services.create_election(by=city_coordinator, title="Wahl der Sprechergruppe")
    services.open_nominations(election=election, by=city_coordinator)
    client.force_login(city_coordinator)
    assert _own_organisation_line(client, election) == "Die Vorschlagsphase läuft."


def test_cancelled_election_says_so_to_the_own_organisation(client, city_coordinator):
    election = services.create_election(by=city_coordinator, title="Wahl der Sprechergruppe")
    services.cancel_election(election=election, by=city_coordinator)
    client.force_login(city_coordinator)
    assert _own_organisation_line(client, election) == "Die Wahl wurde abgesagt."


def test_closed_election_says_the_own_organisation_did_not_vote(
    client, city_coordinator, candidates
):
    election = voting_election(city_coordinator, candidates)
    services.close_voting(election=election, by=city_coordinator)
    client.force_login(city_coordinator)
    assert _own_organisation_line(client, election) == (
        "hat bei dieser Wahl keine Stimme abgegeben."
    )


def test_published_paper_election_says_it_was_held_on_paper(client, city_coordinator, candidates):
    election = published_election(city_coordinator, candidates)
    client.force_login(city_coordinator)
    assert _own_organisation_line(client, election) == "Die Wahl fand auf Papier statt."


def _tables_scroll_on_phones(text):
    """Every table sits directly in Bootstrap's .table-responsive, so it scrolls at 375 px."""
    tables = text.count("<table")
    return tables > 0 and tables == len(
        re.findall(r'<div class="table-responsive"[^>]*>\s*<table', text)
    )


def test_election_tables_scroll_instead_of_overflowing_on_phones(client, coordinator, candidates):
    election = published_election(coordinator, candidates)
    assert _tables_scroll_on_phones(client.get(reverse("elections:list")).text)
    detail = client.get(reverse("elections:detail", kwargs={"pk": election.pk})).text
    assert _tables_scroll_on_phones(detail)
