"""Cached public pages answered before sessions, auth and URL resolution (core/pageserve.py).

What may be cached and when it expires: tests/test_pagecache.py.
"""

from asgiref.sync import async_to_sync
from django.test import AsyncClient, Client
from django.urls import reverse

from tests.pagecache_helpers import (
    get_counted,
    page_cache,  # noqa: F401 - the autouse fixture applies here
)
from tests.posts.factories import PostFactory


def test_a_cached_page_is_answered_before_sessions_and_auth_with_the_same_headers(
    partner_org,
):
    PostFactory(organisation=partner_org, published=True, title="Kiezfest im Herbst")
    url = reverse("posts:list")
    first = Client().get(url)
    second, queries = get_counted(Client(), url)
    assert queries == 0
    assert "Kiezfest im Herbst" in second.content.decode()
    # Neither the session nor the user was looked at: the stack stopped early.
    assert not hasattr(second.wsgi_request, "session")
    assert not hasattr(second.wsgi_request, "user")
    # The headers the inner middleware set on the first answer are kept.
    for header in ("Vary", "Content-Language", "X-Frame-Options", "Content-Type"):
        assert second.headers.get(header) == first.headers.get(header), header
    assert "Cookie" in second.headers["Vary"]


def test_a_logged_in_person_never_gets_the_visitors_page(client_as):
    url = reverse("home")
    Client().get(url)
    Client().get(url)  # cached for visitors
    coordinator = client_as("coordinator")
    page = coordinator.get(url).content.decode()
    assert "Mein Konto" in page
    assert "Anmelden" not in page


def test_each_language_has_its_own_cached_page(db):
    url = reverse("home")
    Client().get(url)
    english = Client()
    english.cookies["django_language"] = "en"
    assert '<html lang="en">' in english.get(url).content.decode()
    response, queries = get_counted(english, url)
    assert queries == 0
    assert '<html lang="en">' in response.content.decode()
    assert '<html lang="de">' in Client().get(url).content.decode()


def test_an_unknown_query_string_finds_nothing_and_stores_nothing(db):
    url = reverse("home") + "?utm_source=crawler"
    for _ in range(2):
        response, queries = get_counted(Client(), url)
        assert response.status_code == 200
        assert queries > 0  # rendered every time


def test_a_page_served_from_the_cache_names_the_server_that_sent_it(settings, db):
    url = reverse("home")
    settings.INSTANCE_NAME = "app-1"
    assert Client().get(url)["X-Served-By"] == "app-1"
    settings.INSTANCE_NAME = "app-2"
    response, queries = get_counted(Client(), url)
    assert queries == 0
    assert response["X-Served-By"] == "app-2"


def test_under_asgi_a_cached_page_is_answered_early_too(db):
    url = reverse("home")
    Client().get(url)
    Client().get(url)
    response = async_to_sync(AsyncClient().get)(url)
    assert response.status_code == 200
    assert not hasattr(response.asgi_request, "session")
