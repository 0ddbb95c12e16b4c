"""An election's page for visitors: kept as a fragment of the elections' data
(core/fragments.py), every step of the election shown at once, never a person's view."""

import pytest
from django.test import Client
from django.urls import reverse

from elections import services
from tests.elections.factories import voting_election
from tests.pagecache_helpers import (
    page_cache,  # noqa: F401 - the autouse fixture applies here
    visit_fresh,
)

pytestmark = pytest.mark.django_db


def test_visitors_get_the_kept_page_and_each_step_at_once(
    coordinator, candidates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        election = voting_election(coordinator, candidates, title="Wahl der Sprechergruppe")
    url = reverse("elections:detail", kwargs={"pk": election.pk})
    page, read = visit_fresh(url)
    assert "Kulturkiste Bothfeld" in page and "elections_nomination" in read
    again, read = visit_fresh(url)
    assert again == page
    assert "elections_nomination" not in read  # the candidates came from the fragment
    with django_capture_on_commit_callbacks(execute=True):
        services.close_voting(election=election, by=coordinator)
    closed, read = visit_fresh(url)
    assert closed != page and "elections_nomination" in read


def test_a_representative_sees_their_own_organisation_not_the_visitors_page(
    coordinator, candidates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        election = voting_election(coordinator, candidates, title="Wahl der Sprechergruppe")
    url = reverse("elections:detail", kwargs={"pk": election.pk})
    visitors = visit_fresh(url)[0]
    assert "Ihre Organisation" not in visitors
    _organisation, representative = candidates[0]
    client = Client()
    client.force_login(representative)
    for _ in range(2):
        assert "Ihre Organisation" in client.get(url).content.decode()
    assert "Ihre Organisation" not in visit_fresh(url)[0]


def test_a_draft_stays_hidden_from_visitors(coordinator):
    election = services.create_election(by=coordinator, title="Noch geheim")
    url = reverse("elections:detail", kwargs={"pk": election.pk})
    assert Client().get(url).status_code == 404
    client = Client()
    client.force_login(coordinator)
    assert "Noch geheim" in client.get(url).content.decode()
