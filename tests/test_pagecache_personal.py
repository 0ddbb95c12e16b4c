"""The page cache for logged-in people: coordination panels shared but never stale or
holding a token, personal pages kept per person and session with access checked every time.

Anonymous visitors: tests/test_pagecache.py.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.template import engines
from django.urls import reverse

from core.pagecache import CsrfTokenUse, cached_data
from core.roles import COORDINATOR_GROUP
from tests.pagecache_helpers import (
    TOKEN,
    get_counted,
    page_cache,  # noqa: F401 - the autouse fixture applies here
)


def test_logged_in_users_are_not_served_from_the_cache(client_as, partner_org):
    url = reverse("posts:list")
    client_as("anonymous").get(url)
    response, queries = get_counted(client_as("coordinator"), url)
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


# --- The coordination panels ------------------------------------------------------------


def test_a_revoked_coordinator_loses_the_coordination_page_at_once(client_as):
    client = client_as("coordinator")
    url = reverse("coordination")
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # panels now in the cache
    client.user.groups.remove(Group.objects.get(name=COORDINATOR_GROUP))
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "Verwaltung" not in response.content.decode()


def test_shared_panels_hold_no_csrf_token(client_as):
    url = reverse("coordination")
    client_as("coordinator").get(url)
    second = client_as("coordinator").get(url)
    assert second.status_code == 200
    stored = [
        value
        for key, value in _cache_entries()
        if isinstance(value, tuple) and isinstance(value[1], dict) and "fragments" in value[1]
    ]
    assert stored, "the panels were not shared"
    for _, data in stored:
        assert all("csrfmiddlewaretoken" not in fragment for fragment in data["fragments"])


def _cache_entries():
    import pickle
    import zlib

    for fname in caches["default"]._list_cache_files():
        with open(fname, "rb") as f:
            pickle.load(f)  # noqa: S301  # our own cache directory
            yield fname, pickle.loads(zlib.decompress(f.read()))  # noqa: S301


def test_a_fragment_that_uses_the_csrf_token_is_not_shared(rf, db):
    # What the coordination view does for each panel: the token is this request's,
    # and a fragment holding it stays out of the shared cache.
    request = rf.get("/koordination/")
    token = CsrfTokenUse(request)
    # As render_to_string(..., request=request) renders each panel.
    template = engines["django"].from_string('<form method="post">{% csrf_token %}</form>')
    html = template.render({"csrf_token": token}, request)
    assert token.used
    assert TOKEN.search(html).group(1)
    computed = []

    def render():
        computed.append(1)
        return {"fragments": [html], "shareable": not token.used}

    for _ in range(2):
        cached_data("test-panel", render, shareable=lambda value: value["shareable"])
    assert len(computed) == 2
    unused = CsrfTokenUse(request)
    assert engines["django"].from_string("<p>1</p>").render({"csrf_token": unused}, request)
    assert not unused.used


# Pages of logged-in people: kept per person and session, access checked every time.

PERSONAL_PAGES = ["coordination", "account_overview", "partners:my_network"]


def test_a_logged_in_page_is_reused_for_the_same_session_until_a_write(
    client_as, partner_org, django_capture_on_commit_callbacks
):
    client = client_as("representative")
    url = reverse("partners:my_network")
    client.get(reverse("home"))  # the browser has its CSRF cookie from the login page
    first, first_queries = get_counted(client, url)
    second, second_queries = get_counted(client, url)
    assert second.content == first.content
    # The access checks still run (session, user, roles); the page is not rendered again.
    assert second_queries < first_queries / 2
    with django_capture_on_commit_callbacks(execute=True):
        partner_org.name = "Nachbarschaft Linden-Süd"
        partner_org.save()
    assert "Nachbarschaft Linden-Süd" in client.get(url).content.decode()


def test_a_personal_page_is_never_served_to_another_person_or_session(client_as):
    url = reverse("account_overview")
    coordinator, representative = client_as("coordinator"), client_as("representative")
    for _ in range(2):
        assert "koordination@example.org" in coordinator.get(url).content.decode()
        page = representative.get(url).content.decode()
        assert "vertretung@example.org" in page
        assert "koordination@example.org" not in page
    # The same person in a second browser (another session) gets a page of their own.
    other_browser = client_as("coordinator")
    other_browser.get(reverse("home"))
    _, queries = get_counted(other_browser, url)
    _, again = get_counted(other_browser, url)
    assert queries > again


def test_a_cached_personal_page_carries_a_token_the_session_accepts(client_as):
    client = client_as("coordinator")
    client.handler.enforce_csrf_checks = True
    url = reverse("coordination")
    client.get(url)  # sets the CSRF cookie
    first = client.get(url).content.decode()
    second = client.get(url).content.decode()
    token = TOKEN.search(second).group(1)
    assert TOKEN.search(first).group(1) == token  # served from the cache
    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get(url).status_code == 302  # logged out: to the login page


@pytest.mark.parametrize("name", PERSONAL_PAGES)
def test_a_person_who_loses_access_is_refused_although_the_page_is_cached(client_as, name):
    client = client_as("coordinator")
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    client.user.groups.remove(Group.objects.get(name=COORDINATOR_GROUP))
    client.user.is_active = False
    client.user.save()
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "koordination@example.org" not in response.content.decode()


def test_waiting_messages_are_shown_not_a_cached_page(client_as, settings):
    client = client_as("representative")
    url = reverse("account_overview")
    client.get(url)
    client.get(url)
    session = client.session
    # A message left by the previous request (session storage, as after a redirect).
    session["_messages"] = '[["__json_message",0,25,"Ihre Angaben sind gespeichert."]]'
    session.save()
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    assert "Ihre Angaben sind gespeichert." in client.get(url).content.decode()
