"""Whole public pages for anonymous visitors, kept in Django's cache.

On by default (settings.PAGE_CACHE): the default cache is shared by every process
that serves the site — Redis with CACHE_URL, otherwise files in CACHE_DIR, which
the workers of one machine share (core.cache.FileBasedCache). With a cache of
one process (local memory, dummy) nothing is cached unless PAGE_CACHE says so: one
process could not tell the others that a page changed.

Invalidation: every cached page is stored with the current *generation*, a value
in the shared cache, and served only while that generation is current. Any write
to the project's data replaces it — after the transaction commits (post_save,
post_delete, m2m_changed), and after every unsafe request (InvalidateAfterWrites,
which covers QuerySet.update() in services). So no page outlives a committed
change, in any worker. Pages that depend on the clock (upcoming meetings, open
votes) expire after PAGE_CACHE_TIMEOUT seconds.

Not cached: logged-in users, requests with a session or pending messages, pages
that used a CSRF token, set a cookie, added a message or touched the session, and
anything but a plain 200. What a request did is read from the request and the
response themselves, never from thread-local state, so WSGI and ASGI behave the
same. Public pages hold no CSRF token (the language switch needs none, see
netzwerk/urls.py), so a cached page is the same for every visitor.

Pages of logged-in people (the coordination overview, the account, the partner
area, a meeting) are kept too, but each for one person in one session only
(`cache_personal_page`, on the view's `get`): who may see the page is still
checked on every request by the view's own checks, which run before `get`; only
the rendering is reused, under the same generation and the same roles as read from
the database at this request (core.roles.Roles.fingerprint: coordinator group, second
factor, staff, contacts), so any write through Django, and a role revoked even by SQL
past Django, shows at once. The key holds the user, the session, the CSRF cookie (the
page's forms carry a token of that secret) and the password hash; a page that
added a message, set a new cookie or touched the session is not kept, and none is
served while messages wait or with a query string.

Query strings are bounded so that a crawler cannot fill the cache: a page is
cached with a query string only when every parameter is one the page knows — the
choice filters of its FilterSet and `page` of a paginated list — each given once,
with a canonical page number, and the filter form found the values valid. Free
text (the directory's search) and unknown parameters are served fresh.
"""

import contextlib
import hashlib
import pickle
import re
import uuid
from functools import wraps

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from core.commit import once_on_commit
from core.middleware import HybridMiddleware
from core.roles import get_roles

GENERATION_KEY = "pagecache:generation"
# Keys of cached pages and fragments start with these: the file cache culls them before
# anything else (core/cache.py), so they never crowd out rate-limit counters.
ENTRY_PREFIX = "pagecache:entry:"
PERSONAL_PREFIX = "pagecache:entry:personal:"
LOCAL_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
# Writes that never change a public page.
IGNORED_APPS = {"sessions", "admin", "contenttypes", "django_tasks_database", "django_tasks_db"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Unsafe requests that change no page: switching the language, logging in or out.
NEUTRAL_PATHS = ("/i18n/", "/konto/login/", "/konto/logout/")
# Bounds of a cacheable query string.
MAX_QUERY_LENGTH = 256
MAX_VALUE_LENGTH = 100
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,4}|last")


def enabled():
    configured = getattr(settings, "PAGE_CACHE", None)
    if configured is not None:
        return configured
    return settings.CACHES["default"]["BACKEND"] not in LOCAL_BACKENDS


def timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 60)


def generation(key=GENERATION_KEY):
    """The current generation under `key` (the pages', or an app's data: core/fragments.py);
    a new one when there is none yet or it was culled, so nothing stored before matches."""
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, None)
        value = cache.get(key)
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
        # Once per transaction: a ballot or a declaration saves several rows.
        once_on_commit("pagecache", invalidate, kwargs.get("using") or "default")


post_save.connect(_on_write, dispatch_uid="pagecache_post_save")
post_delete.connect(_on_write, dispatch_uid="pagecache_post_delete")
m2m_changed.connect(_on_write, dispatch_uid="pagecache_m2m_changed")


def _changes_data(request, response):
    """Whether an answered request may have changed data.

    Unsafe requests do, except those that reached no view: an unknown address, a
    method the view does not take (405), a form post refused for its missing CSRF
    token. So a bot posting at random does not empty the page cache.
    """
    if request.method in SAFE_METHODS or request.path_info.startswith(NEUTRAL_PATHS):
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or response.status_code == 405:
        return False
    refused_by_csrf = (
        response.status_code == 403
        and not getattr(request, "csrf_processing_done", False)
        and not getattr(match.func, "csrf_exempt", False)
    )
    return not refused_by_csrf


class InvalidateAfterWrites(HybridMiddleware):
    """After an unsafe request (POST, …) has been answered, no cached page is served.

    The view's transactions have committed when its response comes back (the
    project does not use ATOMIC_REQUESTS), so this covers writes that send no
    signal, such as QuerySet.update(). Works the same under WSGI and ASGI: what
    it needs is the request, not state kept by the thread.
    """

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        response = self.get_response(request)
        if _changes_data(request, response) and enabled():
            invalidate()
        return response

    async def __acall__(self, request):
        response = await self.get_response(request)
        if _changes_data(request, response) and enabled():
            await cache.aset(GENERATION_KEY, uuid.uuid4().hex, None)
        return response


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    return not request.user.is_authenticated


def _known_parameters(request):
    """The query parameters the requested page understands, with bounded values."""
    match = getattr(request, "resolver_match", None)
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    known = set()
    if getattr(view_class, "paginate_by", None):
        known.add("page")
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is not None:
        import django_filters

        known.update(
            name
            for name, field in filterset_class.base_filters.items()
            # Choices are bounded (checked against the form after rendering); free text is not.
            if isinstance(field, (django_filters.ChoiceFilter, django_filters.ModelChoiceFilter))
        )
    return known


def bounded_query(request):
    """Whether the query string may be part of a cache key (a bounded set of variants)."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    if len(query) > MAX_QUERY_LENGTH:
        return False
    known = _known_parameters(request)
    for name, values in request.GET.lists():
        if name not in known or len(values) != 1 or len(values[0]) > MAX_VALUE_LENGTH:
            return False
        if name == "page" and not PAGE_NUMBER.fullmatch(values[0]):
            return False
    return True


def _valid_filter(response):
    """A filtered list is cached only when its filter form accepted the values."""
    context = getattr(response, "context_data", None) or {}
    filterset = context.get("filter")
    form = getattr(filterset, "form", None)
    return form is None or not form.errors


def _sets_state(request, response):
    """Whether rendering left something for this visitor only (cookie, token, message, session)."""
    messages = getattr(request, "_messages", None)
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or getattr(getattr(request, "session", None), "modified", False)
        or getattr(messages, "_queued_messages", None)
    )


def _key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{ENTRY_PREFIX}{get_language()}:{request.method}:{path}"


def cache_public_page(view):
    """Decorator for a public view function: serve anonymous visitors from the cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not enabled() or not _cacheable_request(request) or not bounded_query(request):
            return view(request, *args, **kwargs)
        # core.pageserve in front looked for the page already and keeps the finished
        # response: here only the generation it is rendered in.
        served_early = getattr(request, "page_cache_served_early", False)
        if served_early:
            key, current, stored = None, generation(), None
        else:
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
            and not _sets_state(request, response)
            and _valid_filter(response)
        ):
            # One chunk: a response written piecewise (the Atom feed) would otherwise
            # be sent to every visitor in thousands of small writes.
            response.content = response.content
            if served_early:
                # Kept finished (headers of the inner middleware included) by core.pageserve.
                response.page_cache_entry = (current,)
            else:
                cache.set(key, (current, response), timeout())
        return response

    return wrapped


def _personal_key(request):
    user = request.user
    parts = [
        str(user.pk),
        user.get_session_auth_hash(),
        request.session.session_key or "",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{PERSONAL_PREFIX}{get_language()}:{request.method}:{digest}"


def _personal_request(request):
    """A logged-in GET without query string and without messages waiting to be shown."""
    return (
        request.method in ("GET", "HEAD")
        and request.user.is_authenticated
        and not request.META.get("QUERY_STRING")
        and "messages" not in request.COOKIES
        and "_messages" not in request.session
    )


def _sets_personal_state(request, response):
    """Like _sets_state, but the page may use the CSRF token of the session's cookie:
    the cached copy's token stays valid for the same cookie, which is in the key. A new
    CSRF secret (no cookie yet, or a rotated one) is not."""
    messages = getattr(request, "_messages", None)
    csrf_secret = request.META.get("CSRF_COOKIE")
    return bool(
        response.cookies
        or (csrf_secret and csrf_secret != request.COOKIES.get(settings.CSRF_COOKIE_NAME))
        or request.session.modified
        or getattr(messages, "_queued_messages", None)
    )


def cache_personal_page(view):
    """Decorator for the `get` handler of a page for logged-in people (with
    method_decorator(..., name="get")): the page is reused for the same person and
    session until the next write. Put it on `get`, never on `dispatch`, so that the
    view's access checks (login, role, second factor) run on every request."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not enabled() or not _personal_request(request):
            return view(request, *args, **kwargs)
        key = _personal_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = (found.get(GENERATION_KEY) or generation(), get_roles(request.user).fingerprint())
        stored = found.get(key)
        if stored is not None and stored[0] == current:
            return stored[1]
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response = response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not _sets_personal_state(request, response)
        ):
            with contextlib.suppress(TypeError, AttributeError, pickle.PicklingError):
                cache.set(key, (current, response), timeout())
        return response

    return wrapped
