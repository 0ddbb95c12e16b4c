"""The page cache for anonymous visitors: served from the cache, never stale after a write."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.posts.factories import PostFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _page_cache(settings):
    # One test process: local memory is shared enough; production needs CACHE_URL.
    settings.PAGE_CACHE = True


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_second_visitor_is_served_without_touching_the_database(client, partner_org):
    PostFactory(organisation=partner_org, published=True, title="Frühlingsfest im Quartier")
    url = reverse("posts:list")
    first, first_queries = _get(client, url)
    second, second_queries = _get(client.__class__(), url)
    assert first_queries > 0
    assert second_queries == 0
    assert "Frühlingsfest im Quartier" in second.content.decode()


def test_a_write_shows_on_the_next_visit(client, partner_org, django_capture_on_commit_callbacks):
    url = reverse("posts:list")
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        PostFactory(organisation=partner_org, published=True, title="Neuer Lesekreis")
    assert "Neuer Lesekreis" in client.get(url).content.decode()


def test_each_visitor_gets_their_own_csrf_token(client, db):
    url = reverse("home")
    first = client.__class__().get(url)
    second = client.__class__().get(url)
    tokens = [TOKEN.search(r.content.decode()).group(1) for r in (first, second)]
    assert "__netzwerk_csrf_token__" not in second.content.decode()
    assert tokens[0] != tokens[1]
    assert "csrftoken" in second.cookies


def test_logged_in_users_are_not_served_from_the_cache(client_as, partner_org):
    url = reverse("posts:list")
    client_as("anonymous").get(url)
    response, queries = _get(client_as("coordinator"), url)
    assert queries > 0
    assert "Abmelden" in response.content.decode()


def test_coordination_panels_are_shared_but_follow_writes(
    client_as, django_capture_on_commit_callbacks
):
    from tests.partners.factories import signed_application

    url = reverse("coordination")
    client_as("coordinator").get(url)
    with django_capture_on_commit_callbacks(execute=True):
        signed_application("Frisch beworben Hannover")
    assert "Frisch beworben Hannover" in client_as("coordinator").get(url).content.decode()
    assert "Frisch beworben Hannover" not in client_as("speaker").get(url).content.decode()
