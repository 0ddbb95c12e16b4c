from http import HTTPStatus

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from netzwerk.ratelimit import RateLimitMixin

pytestmark = pytest.mark.django_db


class Echo(RateLimitMixin, View):
    rate_limit = ("test", 3, 60)

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
