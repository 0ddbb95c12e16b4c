"""The page cache for anonymous visitors: served from the cache, never stale after a write."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netzwerk.pagecache import cache_public_page
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


def test_public_pages_are_the_same_for_every_visitor_and_set_no_cookie(client, db):
    url = reverse("home")
    first = client.__class__().get(url)
    second, queries = _get(client.__class__(), url)
    assert queries == 0
    assert second.content == first.content
    assert not TOKEN.search(second.content.decode())
    assert not second.cookies and not first.cookies


def test_the_language_switch_needs_no_token(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


def test_a_page_that_uses_a_csrf_token_is_not_cached(rf, db):
    renders = []

    @cache_public_page
    def view(request):
        renders.append(request)
        return HttpResponse(Template("{% csrf_token %}").render(RequestContext(request)))

    for _ in range(2):
        request = rf.get("/formular/")
        request.user = AnonymousUser()
        assert TOKEN.search(view(request).content.decode())
    assert len(renders) == 2


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
