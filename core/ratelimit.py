"""Rate limits for actions that attackers or scripts could flood.

Login, sign-up and password reset are limited by django-allauth
(ACCOUNT_RATE_LIMITS). Our own POST actions — casting a ballot, writing and
submitting a post, joining — use `rate_limit`: a fixed window counter per user (or
client address) in the cache, which is shared by every process of the machine (files)
or by every app server (Redis, CACHE_URL).

The client address is the one allauth's rate limits use (`client_address`): behind
TRUSTED_PROXY_COUNT proxies, the X-Forwarded-For entry that many places from the
right — the address the outermost trusted proxy saw. Entries further left are written
by the client and are never trusted.
"""

import time
from functools import wraps

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_address(request):
    """The client's address as allauth's rate limits see it (IPv6 cut to its /64 network)."""
    return allauth_ratelimit.get_ip(request)


def _client_key(request):
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return "ip:" + client_address(request)


def hit(request, action, *, limit, period):
    """Count one attempt; True while the client stays within `limit` per `period` seconds."""
    window = int(time.time() // period)
    key = f"ratelimit:{action}:{_client_key(request)}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit


def too_many_requests(request):
    response = render(
        request,
        "429.html",
        {"message": _("Zu viele Versuche in kurzer Zeit. Bitte warten Sie einen Moment.")},
        status=429,
    )
    response["Retry-After"] = "60"
    return response


def rate_limit(action, *, limit, period):
    """View decorator: at most `limit` POSTs per `period` seconds per client, else 429.

    For class-based views: `@method_decorator(rate_limit("ballot", limit=10, period=60),
    name="dispatch")`.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not hit(request, action, limit=limit, period=period):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
