"""Parts of pages kept by the generation of the data they show.

The page cache (core/pagecache.py) forgets every page after any write: cheap to get
right, but the first visitor after a write waits for the whole page. Here each app's
data has a generation of its own, and a fragment — the list of working groups, the
cards of a page of partners — is kept until a table of one of the apps it names is
written. A new post does not make the working groups render again.

**Every write is seen where the database is written.** An execute wrapper on every
connection (installed on `connection_created`) reads each INSERT, UPDATE and DELETE
that Django sends, finds the app of its table, and replaces that app's generation
when the transaction commits (at once in autocommit). That covers model saves,
`QuerySet.update()`, `bulk_create`, raw SQL through Django's connection, in views,
tasks, management commands and the shell alike; a rolled-back transaction changes
nothing. Only SQL sent past Django (psql) is not seen: fragments expire after
`FRAGMENT_TIMEOUT` (clock-independent ones) or `PAGE_CACHE_TIMEOUT` at the latest.

On and off with the page cache (settings.PAGE_CACHE): with a cache of one process,
one worker could not tell the others that data changed.
"""

import contextvars
import functools
import hashlib
import re
import threading
import time
import uuid
from collections import OrderedDict

from asgiref.sync import iscoroutinefunction
from django.apps import apps
from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.http import urlencode
from django.utils.translation import get_language

from core import pagecache
from core.commit import once_on_commit
from core.middleware import HybridMiddleware

GENERATION_PREFIX = "pagecache:app-generation:"
# Marked as a page entry: culled first when the file cache is full (core/cache.py).
FRAGMENT_PREFIX = f"{pagecache.ENTRY_PREFIX}fragment:"
# Fragments that do not depend on the clock: their data's generations alone decide.
FRAGMENT_TIMEOUT = 60 * 60 * 24
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"\[]?(\w+)', re.IGNORECASE)
# Apps whose writes never change what a page shows.
IGNORED = {"sessions", "django_tasks_database", "django_tasks_db"}


@functools.cache
def _tables():
    """{table: app label} of every model, many-to-many tables included."""
    return {
        model._meta.db_table: model._meta.app_label
        for model in apps.get_models(include_auto_created=True)
    }


def _key(app):
    return f"{GENERATION_PREFIX}{app}"


# The generations a GET request has read so far ({app: generation}), so that the many
# fragments of one page read each app's generation from the shared cache once. None
# outside such a request. A context variable: per request under WSGI and ASGI alike.
_seen = contextvars.ContextVar("fragment_generations", default=None)


class ReadGenerationsOncePerRequest(HybridMiddleware):
    """Each app's generation is read once per GET or HEAD request, not once per
    fragment: the page is rendered as of one moment. A write in the request itself
    replaces what it read (`bump`); other requests (POST) read every time."""

    def __call__(self, request):
        if iscoroutinefunction(self):
            return self.__acall__(request)
        token = _seen.set({} if request.method in ("GET", "HEAD") else None)
        try:
            return self.get_response(request)
        finally:
            _seen.reset(token)

    async def __acall__(self, request):
        token = _seen.set({} if request.method in ("GET", "HEAD") else None)
        try:
            return await self.get_response(request)
        finally:
            _seen.reset(token)


def bump(app):
    """A new generation for the app's data: its fragments are rendered afresh."""
    value = uuid.uuid4().hex
    cache.set(_key(app), value, None)
    seen = _seen.get()
    if seen is not None:
        seen[app] = value


def _generations(labels, found):
    """The generations of these apps: read in this request already, or from a
    `get_many` result (and then remembered for the request)."""
    seen = _seen.get()
    if seen is None:
        return tuple(found.get(_key(app)) or pagecache.generation(_key(app)) for app in labels)
    for app in labels:
        if app not in seen:
            seen[app] = found.get(_key(app)) or pagecache.generation(_key(app))
    return tuple(seen[app] for app in labels)


def _unread(labels):
    """The generation keys of these apps not yet read in this request."""
    seen = _seen.get() or {}
    return [_key(app) for app in labels if app not in seen]


def _record_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = WRITE.match(sql) if isinstance(sql, str) else None
    if match is not None:
        app = _tables().get(match.group(1))
        if app is not None and app not in IGNORED and pagecache.enabled():
            once_on_commit(
                f"fragments:{app}", functools.partial(bump, app), context["connection"].alias
            )
    return result


def _install(sender, connection, **kwargs):
    if _record_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_record_write)


connection_created.connect(_install, dispatch_uid="fragments_record_writes")
for _connection in connections.all(initialized_only=True):
    _install(None, _connection)


class _Memo:
    """This process's copies of recently used values, each with the generations it was
    made under and when it expires: a value found here costs only the reading of its
    generations from the shared cache, not the reading and unpickling of the value.
    At most MEMO_ENTRIES values (text, bytes or numbers) of at most MEMO_VALUE_SIZE
    characters each; the least recently used goes first."""

    def __init__(self):
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, current):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] != current or entry[2] <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def __contains__(self, key):
        return key in self.entries

    def put(self, key, current, value, expires):
        # Only values nobody can change in place (HTML, a count): the same object is
        # handed to every request of this process. A response is read afresh each time.
        if not isinstance(value, (str, bytes, int)) or (
            not isinstance(value, int) and len(value) > MEMO_VALUE_SIZE
        ):
            return
        with self.lock:
            self.entries[key] = (current, value, expires)
            self.entries.move_to_end(key)
            while len(self.entries) > MEMO_ENTRIES:
                self.entries.popitem(last=False)


MEMO_ENTRIES = 256
MEMO_VALUE_SIZE = 256 * 1024
_memo = _Memo()


def cached_value(name, app_labels, compute, *, vary=(), clock=False, keep=None, local=False):
    """`compute()`, kept while no table of `app_labels` was written.

    `vary`: what else the value depends on (a page number, a filter). `clock`: it
    changes with time too (upcoming meetings), so it is kept for PAGE_CACHE_TIMEOUT at
    most. `keep(value)` false, or a `vary` value of None (a query string that is not one
    of a bounded set): computed, not kept. `local`: kept in this process only, never in
    the shared cache (the page's header, varied by the address: many variants, each
    cheap to render). Either way the generations are read from the shared cache on
    every call, so a write in any process is seen at once.
    """
    if not pagecache.enabled() or None in vary:
        return compute()
    labels = sorted(set(app_labels))
    key = f"{FRAGMENT_PREFIX}{get_language()}:{name}:" + ":".join(str(v) for v in vary)
    if len(key) > 200:
        key = f"{FRAGMENT_PREFIX}{hashlib.sha256(key.encode()).hexdigest()}"
    generation_keys = _unread(labels)
    remembered = key in _memo
    wanted = generation_keys if remembered or local else [*generation_keys, key]
    found = cache.get_many(wanted) if wanted else {}
    current = _generations(labels, found)
    entry = _memo.get(key, current) if remembered else None
    if entry is not None:
        return entry[1]
    stored = None if local else (found.get(key) if not remembered else cache.get(key))
    # Entries of the shared cache: (generations, value, expiry as a Unix time).
    if stored is not None and stored[0] == current and len(stored) == 3:
        _memo.put(key, current, stored[1], stored[2])
        return stored[1]
    value = compute()
    if keep is None or keep(value):
        timeout = pagecache.timeout() if clock else FRAGMENT_TIMEOUT
        expires = time.time() + timeout
        if not local:
            cache.set(key, (current, value, expires), timeout)
        _memo.put(key, current, value, expires)
    return value


def cached_fragment(name, app_labels, render, *, vary=(), clock=False, local=False):
    """`render()`'s HTML, kept like `cached_value` — unless it holds a form's token,
    which is this visitor's alone."""
    return cached_value(
        name,
        app_labels,
        render,
        vary=vary,
        clock=clock,
        keep=lambda html: "csrfmiddlewaretoken" not in html,
        local=local,
    )


def query_variant(request):
    """The request's query string as part of a key, when it is one of a bounded set
    (core.pagecache's rule: known filters and a page number); else None."""
    if not pagecache.bounded_query(request):
        return None
    return request.META.get("QUERY_STRING", "")


def visitor_variant(request, filterset=None):
    """`query_variant` for a visitor who is not logged in; None (not kept) for people
    logged in, whose pages may show what their roles allow, and for filter values the
    list's filter form refused (a crawler's inventions)."""
    if request.user.is_authenticated:
        return None
    if filterset is not None and filterset.form.errors:
        return None
    return query_variant(request)


class CachedCountMixin:
    """For a paginated list view: the number of matching rows, kept like a fragment
    (the COUNT is often the list's slowest query). `count_depends`: the apps whose
    data the list shows; `count_clock`: whether the list changes with time."""

    count_depends = ()
    count_clock = False

    def get_paginator(self, queryset, per_page, *args, **kwargs):
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        filters = visitor_variant(self.request, getattr(self, "filterset", None))
        if filters is not None:
            filters = urlencode(sorted((k, v) for k, v in self.request.GET.items() if k != "page"))
        # Paginator.count is a cached_property: filled in here, never computed again.
        paginator.__dict__["count"] = cached_value(
            f"count:{self.request.path}",
            self.count_depends,
            queryset.count,
            vary=(filters,),
            clock=self.count_clock,
        )
        return paginator


def later(compute):
    """`compute()` for a template, run once on first use: inside a `{% fragment %}`
    that is found in the cache, never. (Templates call callables they are given.)"""
    return functools.cache(compute)


class LaterValues(dict):
    """A panel's or section's values for its template: the ones given by name at once
    (its template, order, depends, what the role allows), the others from the dict
    that `compute()` returns, on first use of any of them — inside a `{% fragment %}`
    found in the cache, never. For values read together (a list and its count), where
    a `later` for each would read twice or need a shared helper."""

    def __init__(self, compute, **known):
        super().__init__(**known)
        self._compute = compute

    def __missing__(self, key):
        # dict.__getitem__ asks this for a key it lacks (the template's `panel.upcoming`).
        compute, self._compute = self._compute, None
        if compute is not None:
            self.update(compute())
            if key in self:
                return self[key]
        raise KeyError(key)
