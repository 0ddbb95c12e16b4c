"""The page cache for anonymous visitors: served from the cache, never stale after a write.

Pages of logged-in people and the coordination panels: tests/test_pagecache_personal.py.
"""

import random
import string

from asgiref.sync import async_to_sync
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import AsyncClient, Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, resolve, reverse

from core import fragments, pagecache
from core.cache import FileBasedCache
from core.pagecache import cache_public_page
from partners.models import District
from tests.pagecache_helpers import (
    TOKEN,
    get_counted,
    page_cache,  # noqa: F401 - the autouse fixture applies here
)
from tests.posts.factories import PostFactory

RENDERS = []


@cache_public_page
def _page_with_a_message(request):
    RENDERS.append(request.path)
    messages.success(request, "Gespeichert.")
    return HttpResponse("<p>Seite mit Nachricht</p>")


@cache_public_page
def _page_with_a_cookie(request):
    RENDERS.append(request.path)
    response = HttpResponse("<p>Seite mit Cookie</p>")
    response.set_cookie("besucht", "ja")
    return response


@cache_public_page
def _plain_page(request):
    RENDERS.append(request.path)
    return HttpResponse("<p>Schlichte Seite</p>")


# The project's URLs plus three test pages (ROOT_URLCONF = this module in some tests).
urlpatterns = [
    path("test/nachricht/", _page_with_a_message),
    path("test/cookie/", _page_with_a_cookie),
    path("test/schlicht/", _plain_page),
    path("", include("netzwerk.urls")),
]


def test_second_visitor_is_served_without_touching_the_database(client, partner_org):
    PostFactory(organisation=partner_org, published=True, title="Frühlingsfest im Quartier")
    url = reverse("posts:list")
    first, first_queries = get_counted(client, url)
    second, second_queries = get_counted(client.__class__(), url)
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
    second, queries = get_counted(client.__class__(), url)
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


# --- Under ASGI as under WSGI ---------------------------------------------------------


def _aget(url, **extra):
    """A GET through Django's ASGI handler (and its async middleware chain)."""
    with CaptureQueriesContext(connection) as queries:
        response = async_to_sync(AsyncClient().get)(url, **extra)
    return response, len(queries)


def test_under_asgi_the_second_visitor_is_served_from_the_cache(partner_org):
    PostFactory(organisation=partner_org, published=True, title="Sommerfest am Kanal")
    url = reverse("posts:list")
    first, first_queries = _aget(url)
    second, second_queries = _aget(url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert "Sommerfest am Kanal" in second.content.decode()
    # The same entry serves WSGI visitors: one cache, whatever the server.
    assert get_counted(Client(), url)[1] == 0


def test_under_asgi_an_unsafe_request_invalidates_the_cached_pages(db):
    # A POST may change data without a signal (QuerySet.update()); under ASGI the
    # old request_started hook never saw it, as Django sends no WSGI environ there.
    # A page that reads the database when rendered (the home page's parts all come
    # from their fragments after a write elsewhere, core/fragments.py).
    url = reverse("netzwerk")
    _aget(url)
    assert _aget(url)[1] == 0
    before = cache.get(pagecache.GENERATION_KEY)
    async_to_sync(AsyncClient().post)(reverse("partners:join_sign"), {})
    assert cache.get(pagecache.GENERATION_KEY) != before
    assert _aget(url)[1] > 0


def test_under_asgi_a_page_that_adds_a_message_or_sets_a_cookie_is_not_cached(settings, db):
    settings.ROOT_URLCONF = __name__
    RENDERS.clear()
    for url in ("/test/nachricht/", "/test/cookie/", "/test/nachricht/", "/test/cookie/"):
        response = async_to_sync(AsyncClient().get)(url)
        assert response.status_code == 200
        assert response.cookies  # the message (or the cookie) goes to this visitor only
    assert RENDERS == ["/test/nachricht/", "/test/cookie/", "/test/nachricht/", "/test/cookie/"]
    # The same kind of page without a message or cookie is rendered once.
    for _ in range(2):
        async_to_sync(AsyncClient().get)("/test/schlicht/")
    assert RENDERS.count("/test/schlicht/") == 1


def test_under_wsgi_a_page_that_adds_a_message_is_not_cached(settings, db):
    settings.ROOT_URLCONF = __name__
    RENDERS.clear()
    for _ in range(2):
        Client().get("/test/nachricht/")
    assert RENDERS == ["/test/nachricht/", "/test/nachricht/"]


# --- Bounded keys: a crawler cannot fill the cache ------------------------------------


def _entries():
    return len(caches["default"]._list_cache_files())


def _random_word(rng, length):
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(length))


def test_a_query_string_with_a_thousand_random_parameters_is_not_cached(db):
    assert isinstance(caches["default"], FileBasedCache)  # the default without CACHE_URL
    rng = random.Random(16)
    query = "&".join(f"{_random_word(rng, 8)}={_random_word(rng, 12)}" for _ in range(1000))
    url = reverse("posts:list") + "?" + query
    Client().get(reverse("posts:list"))  # the plain page and the generation are cached
    before = _entries()
    for _ in range(2):
        response, queries = get_counted(Client(), url)
        assert response.status_code == 200
        assert queries > 0
    assert _entries() == before


def test_a_crawler_varying_unknown_parameters_or_free_text_adds_no_cache_entries(db):
    rng = random.Random(1000)
    Client().get(reverse("partners:list"))
    before = _entries()
    for _ in range(30):
        word = _random_word(rng, 10)
        for query in (f"{word}=1", f"q={word}", f"page=0{rng.randint(1, 9)}", f"district={word}"):
            assert Client().get(reverse("partners:list") + "?" + query).status_code in (200, 404)
    assert _entries() == before


def test_a_known_filter_value_is_cached(db):
    url = reverse("partners:list") + "?district=" + District.values[0]
    first, first_queries = get_counted(Client(), url)
    second, second_queries = get_counted(Client(), url)
    assert first.status_code == 200
    assert first_queries > 0
    assert second_queries == 0


# --- Invalidation and a full cache -------------------------------------------------------


def test_the_invalidating_middleware_works_in_an_async_chain(rf, db):
    async def answer(request):
        return HttpResponse("ok")

    middleware = pagecache.InvalidateAfterWrites(answer)
    generation = pagecache.generation()
    async_to_sync(middleware)(rf.get("/"))
    assert cache.get(pagecache.GENERATION_KEY) == generation
    request = rf.post("/mitmachen/erklaerung/")
    request.resolver_match = resolve("/mitmachen/erklaerung/")
    async_to_sync(middleware)(request)
    assert cache.get(pagecache.GENERATION_KEY) != generation


def test_a_full_file_cache_culls_pages_before_rate_limit_counters(tmp_path):
    files = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})
    for n in range(10):
        files.set(f"ratelimit:login:203.0.113.{n}", 3, 300)
    files.set(pagecache.GENERATION_KEY, "g1", None)
    # A crawler's worth of pages and fragments, far more than fit.
    for n in range(500):
        files.set(f"{pagecache.ENTRY_PREFIX}de:GET:{n}", ("g1", "<html>…</html>"), 60)
        files.set(f"{fragments.FRAGMENT_PREFIX}de:panels:{n}", ("g1", ["<p>…</p>"]), 60)
    assert len(files._list_cache_files()) <= 50
    assert [files.get(f"ratelimit:login:203.0.113.{n}") for n in range(10)] == [3] * 10
    assert files.get(pagecache.GENERATION_KEY) == "g1"
    # Pages still get cached, in the room the counters leave.
    assert files.get(f"{fragments.FRAGMENT_PREFIX}de:panels:499") is not None


def test_posts_that_reach_no_view_leave_the_cached_pages_alone(db):
    url = reverse("home")
    Client().get(url)
    before = cache.get(pagecache.GENERATION_KEY)
    bot = Client(enforce_csrf_checks=True)
    assert bot.post("/gibt-es-nicht/", {}).status_code == 404
    assert Client().post(url, {}).status_code == 405
    assert bot.post(reverse("partners:join_sign"), {}).status_code == 403  # no CSRF token
    assert cache.get(pagecache.GENERATION_KEY) == before
    assert get_counted(Client(), url)[1] == 0
    # A post the view took may have changed data.
    Client().post(reverse("partners:join_sign"), {})
    assert cache.get(pagecache.GENERATION_KEY) != before
