from http import HTTPStatus

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.decorators import method_decorator
from django.views import View

from netzwerk.ratelimit import rate_limit

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
