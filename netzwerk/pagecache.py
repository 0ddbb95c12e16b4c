"""Whole public pages for anonymous visitors, kept in Django's cache.

Only a shared cache (Redis, Memcached, database, files — see CACHE_URL) is used:
with the per-process default (local memory) one process could not tell the
others that a page changed, so nothing is cached there unless PAGE_CACHE says so.

Invalidation: every cached page is stored with the current *generation*, a
value in the cache, and served only while that generation is current. Any write to the project's data bumps it — after the
transaction commits (post_save, post_delete, m2m_changed), and after every
unsafe request (which covers QuerySet.update() in services). Pages that depend on
the clock (upcoming meetings, open votes) expire after PAGE_CACHE_TIMEOUT seconds.

Not cached: logged-in users, requests with a session or pending messages, pages
that used a CSRF token or set a cookie, and anything but a plain 200. Public pages
hold no CSRF token (the language switch needs none, see netzwerk/urls.py), so a
cached page is the same for every visitor and sets no cookie.
"""

import contextlib
import hashlib
import pickle
import re
import threading
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

GENERATION_KEY = "pagecache:generation"
LOCAL_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
# Writes that never change a public page.
IGNORED_APPS = {"sessions", "admin", "contenttypes", "django_tasks_database", "django_tasks_db"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Unsafe requests that change no page: switching the language, logging in or out.
NEUTRAL_PATHS = ("/i18n/", "/konto/login/", "/konto/logout/")
# Shared fragments with forms (the coordination panels) are cached with a
# placeholder for the CSRF token; each request fills in its own.
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"__netzwerk_csrf_token__"

_state = threading.local()


def enabled():
    configured = getattr(settings, "PAGE_CACHE", None)
    if configured is not None:
        return configured
    return settings.CACHES["default"]["BACKEND"] not in LOCAL_BACKENDS


def timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 60)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    return value


def invalidate():
    """Forget every cached page (they stay in the cache, unserved, until they expire)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _on_write(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in IGNORED_APPS or meta.model_name.startswith("historical"):
        return
    if set(kwargs.get("update_fields") or ()) == {"last_login"}:
        return
    if enabled():
        transaction.on_commit(invalidate)


def _on_request_started(sender, environ=None, **kwargs):
    environ = environ or {}
    _state.unsafe = environ.get("REQUEST_METHOD", "GET") not in SAFE_METHODS and not environ.get(
        "PATH_INFO", ""
    ).startswith(NEUTRAL_PATHS)


def _on_request_finished(sender, **kwargs):
    if getattr(_state, "unsafe", False):
        _state.unsafe = False
        if enabled():
            invalidate()


post_save.connect(_on_write, dispatch_uid="pagecache_post_save")
post_delete.connect(_on_write, dispatch_uid="pagecache_post_delete")
m2m_changed.connect(_on_write, dispatch_uid="pagecache_m2m_changed")
request_started.connect(_on_request_started, dispatch_uid="pagecache_request_started")
request_finished.connect(_on_request_finished, dispatch_uid="pagecache_request_finished")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def _key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:{get_language()}:{request.method}:{path}"


def cache_public_page(view):
    """Decorator for a public view function: serve anonymous visitors from the cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not enabled() or not _cacheable_request(request):
            return view(request, *args, **kwargs)
        # One round trip: the page is stored with the generation it was rendered in.
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        stored = found.get(key)
        if stored is not None and stored[0] == current:
            return stored[1]
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response = response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(getattr(request, "session", None), "modified", False)
        ):
            # One chunk: a response written piecewise (the Atom feed) would otherwise
            # be sent to every visitor in thousands of small writes.
            response.content = response.content
            cache.set(key, (current, response), timeout())
        return response

    return wrapped


def cached_data(key, compute):
    """`compute()`'s result, kept like the pages: valid while no write happened.

    For data shared by many users (the coordination panels of one role); what
    cannot be pickled is simply computed every time.
    """
    if not enabled():
        return compute()
    key = f"pagedata:{get_language()}:{key}"
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return stored[1]
    value = compute()
    with contextlib.suppress(TypeError, AttributeError, pickle.PicklingError):
        cache.set(key, (current, value), timeout())
    return value


def without_csrf_token(html):
    """The HTML with every form's CSRF token replaced by a placeholder, for sharing."""
    return TOKEN_FIELD.sub(rb"\g<1>" + PLACEHOLDER + rb"\g<2>", html.encode()).decode()


def with_csrf_token(request, html):
    """Shared HTML with this request's CSRF token filled in, safe to output."""
    if PLACEHOLDER.decode() in html:
        html = html.replace(PLACEHOLDER.decode(), get_token(request))
    # Rendered by our own templates with autoescape; only the CSRF token is put in.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
