from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.decorators import method_decorator
from django.views import View

from core.ratelimit import client_address, rate_limit
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@method_decorator(rate_limit("test", limit=3, period=60), name="dispatch")
class Echo(View):
    def post(self, request):
        return HttpResponse("ok")


def test_posts_beyond_the_limit_get_429(stranger):
    view = Echo.as_view()
    statuses = []
    for _ in range(5):
        request = RequestFactory().post("/")
        request.user = stranger
        statuses.append(view(request).status_code)
    assert statuses == [200, 200, 200, 429, 429]


def test_login_is_rate_limited_by_allauth(client, partner_contact):
    statuses = {
        client.post(
            "/konto/login/", {"login": partner_contact.email, "password": f"falsch{n}"}
        ).status_code
        for n in range(15)
    }
    response = client.post("/konto/login/", {"login": partner_contact.email, "password": "falsch"})
    assert (
        response.status_code == HTTPStatus.TOO_MANY_REQUESTS or "zu viele" in response.text.lower()
    )
    assert HTTPStatus.INTERNAL_SERVER_ERROR not in statuses


def test_ballot_submissions_are_rate_limited(client_as, settings):
    from django.urls import reverse

    client = client_as("representative")
    statuses = [
        client.post(reverse("elections:ballot", kwargs={"pk": 999999})).status_code
        for _ in range(12)
    ]
    assert HTTPStatus.TOO_MANY_REQUESTS in statuses
    assert HTTPStatus.INTERNAL_SERVER_ERROR not in statuses


def test_post_submissions_are_rate_limited(client_as):
    from django.urls import reverse

    client = client_as("partner_contact")
    statuses = [client.post(reverse("posts:create"), {"title": ""}).status_code for _ in range(25)]
    assert HTTPStatus.TOO_MANY_REQUESTS in statuses


# Behind the reverse proxy of the deployment guide: every request comes from the
# proxy's address, the proxy appends the address it saw to X-Forwarded-For.
PROXY = "10.0.0.2"
CLIENT_A = "198.51.100.7"
CLIENT_B = "203.0.113.24"


def _behind_proxy(client_address, forwarded_by_client=""):
    """The META the app sees for a request the client made with its own X-Forwarded-For."""
    chain = f"{forwarded_by_client}, {client_address}" if forwarded_by_client else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def _failed(response):
    return response.status_code == HTTPStatus.TOO_MANY_REQUESTS or (
        "zu viele" in response.text.lower()
    )


def test_production_settings_trust_one_proxy():
    # Tests run with DEBUG off, as in production (see also tests/test_settings.py).
    assert not settings.DEBUG
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 1


def test_failed_logins_from_one_client_do_not_stop_another_clients_login(
    client, coordinator, partner_contact
):
    attacker = client
    for n in range(15):
        target = coordinator.email if n % 2 else f"gibt-es-nicht-{n}@example.org"
        response = attacker.post(
            "/konto/login/", {"login": target, "password": f"falsch{n}"}, **_behind_proxy(CLIENT_A)
        )
        assert response.status_code != HTTPStatus.INTERNAL_SERVER_ERROR
    # The attacker is held up by now …
    assert _failed(
        attacker.post(
            "/konto/login/",
            {"login": "noch-einer@example.org", "password": "falsch"},
            **_behind_proxy(CLIENT_A),
        )
    )
    # … but another person behind the same proxy logs in to their own account.
    from django.test import Client

    other = Client()
    response = other.post(
        "/konto/login/",
        {"login": partner_contact.email, "password": PASSWORD},
        **_behind_proxy(CLIENT_B),
    )
    assert response.status_code == HTTPStatus.FOUND, response.text[:500]
    assert other.get("/konto/").status_code == HTTPStatus.OK


def test_a_made_up_x_forwarded_for_entry_does_not_escape_the_login_limit(client, partner_contact):
    outcomes = []
    for n in range(15):
        response = client.post(
            "/konto/login/",
            {"login": f"rate{n}@example.org", "password": "falsch"},
            # The client claims a new address each time; the proxy appends the real one.
            **_behind_proxy(CLIENT_A, forwarded_by_client=f"192.0.2.{n + 1}"),
        )
        outcomes.append(_failed(response))
    # allauth allows ten failed logins a minute per client address.
    assert outcomes == [False] * 10 + [True] * 5


def test_our_rate_limits_see_the_same_client_address_as_allauths():
    from allauth.core.internal.ratelimit import get_ip

    request = RequestFactory().post("/", **_behind_proxy(CLIENT_A, forwarded_by_client="1.2.3.4"))
    assert client_address(request) == get_ip(request) == CLIENT_A
    direct = RequestFactory().post("/", REMOTE_ADDR=CLIENT_B)
    assert client_address(direct) == CLIENT_B


def test_a_made_up_x_forwarded_for_entry_does_not_escape_our_rate_limit():
    view = Echo.as_view()
    statuses = []
    for n in range(5):
        request = RequestFactory().post(
            "/", **_behind_proxy(CLIENT_A, forwarded_by_client=f"192.0.2.{n + 1}")
        )
        request.user = AnonymousUser()
        statuses.append(view(request).status_code)
    assert statuses == [200, 200, 200, 429, 429]
    # Another client behind the same proxy is not affected.
    request = RequestFactory().post("/", **_behind_proxy(CLIENT_B))
    request.user = AnonymousUser()
    assert view(request).status_code == 200


def test_the_file_cache_counts_every_attempt_of_simultaneous_workers(tmp_path):
    """The default cache without CACHE_URL: no attempt is lost, one lock holder at a time."""
    import threading

    from core.cache import FileBasedCache

    workers = 8
    caches = [FileBasedCache(str(tmp_path), {}) for _ in range(workers)]
    caches[0].set("count", 0, 60)
    barrier = threading.Barrier(workers)
    won = []

    def attempt(cache):
        barrier.wait()
        for n in range(10):
            cache.incr("count")
            if cache.add(f"lock{n}", True, 60):
                won.append(n)

    threads = [threading.Thread(target=attempt, args=(cache,)) for cache in caches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert caches[0].get("count") == workers * 10
    assert sorted(won) == list(range(10))  # each lock taken exactly once
    # incr keeps the entry's expiry (Django's default incr would reset it to 5 minutes).
    caches[0].set("short", 1, 2)
    caches[0].incr("short")
    assert caches[0].get("short") == 2
    import time

    time.sleep(2.1)
    assert caches[0].get("short") is None
