"""The page cache for anonymous visitors: served from the cache, never stale after a write."""

import random
import re
import string

import pytest
from asgiref.sync import async_to_sync
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template, engines
from django.test import AsyncClient, Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, resolve, reverse

from core import pagecache
from core.cache import FileBasedCache
from core.pagecache import CsrfTokenUse, cache_public_page, cached_data
from core.roles import COORDINATOR_GROUP
from partners.models import District
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

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _page_cache(settings):
    # Tests roll back, so no committed write moves the generation on between them: each
    # starts from an empty cache, or it could be served a page an earlier test cached.
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


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
    assert _get(Client(), url)[1] == 0


def test_under_asgi_an_unsafe_request_invalidates_the_cached_pages(db):
    # A POST may change data without a signal (QuerySet.update()); under ASGI the
    # old request_started hook never saw it, as Django sends no WSGI environ there.
    url = reverse("home")
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
        response, queries = _get(Client(), url)
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
    first, first_queries = _get(Client(), url)
    second, second_queries = _get(Client(), url)
    assert first.status_code == 200
    assert first_queries > 0
    assert second_queries == 0


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
    # A crawler's worth of pages and panel data, far more than fit.
    for n in range(500):
        files.set(f"{pagecache.ENTRY_PREFIX}de:GET:{n}", ("g1", "<html>…</html>"), 60)
        files.set(f"{pagecache.DATA_PREFIX}de:panels:{n}", ("g1", ["<p>…</p>"]), 60)
    assert len(files._list_cache_files()) <= 50
    assert [files.get(f"ratelimit:login:203.0.113.{n}") for n in range(10)] == [3] * 10
    assert files.get(pagecache.GENERATION_KEY) == "g1"
    # Pages still get cached, in the room the counters leave.
    assert files.get(f"{pagecache.DATA_PREFIX}de:panels:499") is not None


def test_posts_that_reach_no_view_leave_the_cached_pages_alone(db):
    url = reverse("home")
    Client().get(url)
    before = cache.get(pagecache.GENERATION_KEY)
    bot = Client(enforce_csrf_checks=True)
    assert bot.post("/gibt-es-nicht/", {}).status_code == 404
    assert Client().post(url, {}).status_code == 405
    assert bot.post(reverse("partners:join_sign"), {}).status_code == 403  # no CSRF token
    assert cache.get(pagecache.GENERATION_KEY) == before
    assert _get(Client(), url)[1] == 0
    # A post the view took may have changed data.
    Client().post(reverse("partners:join_sign"), {})
    assert cache.get(pagecache.GENERATION_KEY) != before


# Pages of logged-in people: kept per person and session, access checked every time.

PERSONAL_PAGES = ["coordination", "account_overview", "partners:my_network"]


def test_a_logged_in_page_is_reused_for_the_same_session_until_a_write(
    client_as, partner_org, django_capture_on_commit_callbacks
):
    client = client_as("representative")
    url = reverse("partners:my_network")
    client.get(reverse("home"))  # the browser has its CSRF cookie from the login page
    first, first_queries = _get(client, url)
    second, second_queries = _get(client, url)
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
    _, queries = _get(other_browser, url)
    _, again = _get(other_browser, url)
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
