"""The OParl 1.1 endpoint's views: read-only JSON for everyone (docs/oparl.md).

Every answer is `application/json; charset=utf-8` with `Access-Control-Allow-Origin: *`
(OParl requires CORS for every JSON answer), errors included. The content is German
whatever language the visitor chose on the website. Lists are paginated with
`page` and `limit` and filtered with `created_since`, `created_until`,
`modified_since` and `modified_until`; a malformed value is a 400 with an OParl error
object, never a 500.
"""

import datetime
import math
from urllib.parse import urlencode

from django.db.models import Max, Min
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from core.uploads import file_response
from meetings.models import MeetingDocument
from oparl import objects, policies

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
DEFAULT_LIMIT = 50
MAX_LIMIT = 100


class BadRequest(Exception):
    """A parameter the endpoint cannot read: answered with 400."""


def _json(data, status=200):
    response = JsonResponse(
        data,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status, message, debug=""):
    return _json(
        {"type": objects.SCHEMA + "Error", "message": message, "debug": debug}, status=status
    )


def oparl_view(view):
    """GET only, German content, errors as OParl error objects."""

    @require_safe
    def wrapped(request, *args, **kwargs):
        with translation.override("de"), objects.remembering():
            try:
                return view(request, *args, **kwargs)
            except BadRequest as error:
                return _error(400, "Ungültige Anfrage.", str(error))
            except Http404:
                return _error(404, "Dieses Objekt gibt es nicht.")

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- parameters ------------------------------------------------------------------


def _datetime(name, value):
    # A "+" that was not URL-encoded arrives as a space.
    try:
        parsed = parse_datetime(value.strip().replace(" ", "+"))
        # In UTC, as the database compares it: year 1 at +01:00 would be year 0.
        parsed = parsed.astimezone(datetime.UTC) if parsed and parsed.tzinfo else None
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        raise BadRequest(
            f"{name}: erwartet wird ein Zeitpunkt mit Zeitzone, z. B. 2026-01-01T00:00:00+01:00"
        )
    return parsed


def _number(request, name, default):
    value = request.GET.get(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit() and len(value) <= 9) or int(value) < 1:
        raise BadRequest(f"{name}: erwartet wird eine ganze Zahl von 1 bis 999999999")
    return int(value)


class Query:
    """What a list request asks for: filters, page, page size."""

    def __init__(self, request):
        self.filters = {
            name: _datetime(name, request.GET[name]) for name in FILTERS if name in request.GET
        }
        self.page = _number(request, "page", 1)
        self.limit = min(_number(request, "limit", DEFAULT_LIMIT), MAX_LIMIT)
        self.omit_internal = request.GET.get("omit_internal") == "true"
        # Kept in the links of every page, in one canonical order.
        self.kept = [
            (name, request.GET[name])
            for name in (*FILTERS, "limit", "omit_internal")
            if name in request.GET
        ]

    def apply(self, queryset, created="oparl_created", modified="oparl_modified", changed=None):
        """The filters on a queryset; `changed(since)` narrows it cheaply first
        (objects.CHANGED_SINCE)."""
        if changed is not None and "modified_since" in self.filters:
            queryset = queryset.filter(changed(self.filters["modified_since"]))
        lookups = {
            "created_since": f"{created}__gte",
            "created_until": f"{created}__lte",
            "modified_since": f"{modified}__gte",
            "modified_until": f"{modified}__lte",
        }
        return queryset.filter(**{lookups[name]: value for name, value in self.filters.items()})

    def url(self, path, page):
        params = list(self.kept) + ([("page", str(page))] if page > 1 else [])
        return objects.absolute(path + ("?" + urlencode(params) if params else ""))


# --- sources of a list: querysets, fixed objects, deleted objects --------------------


class Rows:
    """A queryset written by `write`: counted and sliced in the database."""

    def __init__(self, queryset, write, *, keyed=True):
        self.queryset, self.write, self.keyed = queryset, write, keyed

    def count(self):
        return self.queryset.count()

    def fetch(self, start, stop):
        # The page's keys first, then its rows: with OFFSET the database would compute
        # the dates (subqueries) of every row it skips, 10,000 partners deep.
        if not self.keyed:  # grouped history rows: sliced as they are
            return [self.write(row) for row in self.queryset[start:stop]]
        keys = list(self.queryset.values_list("pk", flat=True)[start:stop])
        return [self.write(obj) for obj in self.queryset.filter(pk__in=keys)]


class Fixed:
    def __init__(self, writers):
        self.writers = writers

    def count(self):
        return len(self.writers)

    def fetch(self, start, stop):
        return [write() for write in self.writers[start:stop]]


def deleted_rows(model, live):
    """The rows of `model` that were published once and are no longer (deleted or
    depublished), with their first and latest change, from the model's history."""
    history = objects.history_model(model).objects
    once = history.filter(policies.ONCE_PUBLISHED[model]).values("id")
    rows = (
        history.filter(id__in=once)
        .exclude(id__in=live.values("pk"))
        .values("id")
        .annotate(created=Min("history_date"), modified=Max("history_date"))
        .order_by("id")
    )
    if "order" in objects.REQUIRED.get(model, ()):  # an AgendaItem keeps its required order
        rows = rows.annotate(order=Max("order"))
    return rows


def _deleted(kind, key, row):
    return objects.deleted_object(kind, key, row["created"], row["modified"], row.get("order"))


def deleted_source(kind, model, live, query, key=lambda pk: pk):
    rows = query.apply(deleted_rows(model, live), "created", "modified")
    # Only what changed since then can have been deleted since then (history_date is
    # indexed): the grouping then reads the recent history, not all of it.
    recent = objects.history_model(model).objects.filter(
        history_date__gte=query.filters["modified_since"]
    )
    rows = rows.filter(id__in=recent.values("id"))
    return Rows(rows, lambda row: _deleted(kind, key(row["id"]), row), keyed=False)


def _sources(kind, query):
    """The sources of a list, in their stable order. Deleted objects only with
    `modified_since`, as OParl 1.1 asks."""
    with_deleted = "modified_since" in query.filters
    if kind == "paper":  # the network has no papers (Drucksachen); OParl requires the list
        return []
    if kind in objects.PREFIXED_KINDS:
        sources = []
        if kind == "organization" and not query.filters:
            # the network's own bodies carry no dates to filter on
            sources.append(Fixed(list(objects.FIXED_ORGANISATIONS.values())))
        for prefix, (queryset, write, model) in objects.PREFIXED_KINDS[kind].items():
            live = queryset()
            changed = objects.CHANGED_SINCE[f"{kind}:{prefix}" if prefix else kind]
            sources.append(Rows(query.apply(live, changed=changed).order_by("pk"), write))
            if with_deleted and model in policies.ONCE_PUBLISHED:
                sources.append(
                    deleted_source(kind, model, live, query, key=lambda pk, p=prefix: f"{p}{pk}")
                )
        return sources
    if kind not in objects.KINDS:
        raise Http404
    queryset, write, model = objects.KINDS[kind]
    live = query.apply(queryset(), changed=objects.CHANGED_SINCE[kind]).order_by("pk")
    if kind == "meeting":
        omit = query.omit_internal
        sources = [Rows(live, lambda m: write(m, omit_internal=omit))]
    else:
        sources = [Rows(live, write)]
    if with_deleted and model in policies.ONCE_PUBLISHED:
        sources.append(deleted_source(kind, model, queryset(), query))
    return sources


# --- the views ---------------------------------------------------------------------


@oparl_view
def system(request):
    """The entry point: the System object."""
    return _json(objects.system_object())


@oparl_view
def body_list(request):
    """The list of bodies: the network is the one body."""
    Query(request)  # reads and checks the parameters
    return _json(
        {
            "data": [objects.body_object()],
            "pagination": {
                "totalElements": 1,
                "elementsPerPage": 1,
                "currentPage": 1,
                "totalPages": 1,
            },
            "links": {
                "first": objects.absolute(request.path),
                "last": objects.absolute(request.path),
            },
        }
    )


@oparl_view
def body(request, key):
    if key != objects.NETWORK["key"]:
        raise Http404
    return _json(objects.body_object())


@oparl_view
def object_list(request, key, kind):
    """One page of an external object list of the body."""
    if key != objects.NETWORK["key"]:
        raise Http404
    query = Query(request)
    sources = _sources(kind, query)
    counts = [source.count() for source in sources]
    total = sum(counts)
    pages = max(1, math.ceil(total / query.limit))
    if query.page > pages:
        raise Http404
    start = (query.page - 1) * query.limit
    stop = start + query.limit
    data = []
    offset = 0
    for source, count in zip(sources, counts, strict=True):
        if start < offset + count and stop > offset:
            data += source.fetch(max(0, start - offset), min(count, stop - offset))
        offset += count
    path = request.path
    links = {
        "first": query.url(path, 1),
        "self": query.url(path, query.page),
        "last": query.url(path, pages),
    }
    if query.page > 1:
        links["prev"] = query.url(path, query.page - 1)
    if query.page < pages:
        links["next"] = query.url(path, query.page + 1)
    return _json(
        {
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": query.limit,
                "currentPage": query.page,
                "totalPages": pages,
            },
            "links": links,
        }
    )


def _find(queryset, write, model, kind, pk, key):
    obj = queryset.filter(pk=pk).first()
    if obj is not None:
        return write(obj)
    if model is not None and model in policies.ONCE_PUBLISHED:
        row = deleted_rows(model, queryset).filter(id=pk).first()
        if row is not None:
            return _deleted(kind, key, row)
    raise Http404


@oparl_view
def object_detail(request, kind, key):
    """One object; a deleted or depublished one as `deleted: true`."""
    if kind == "organization" and key in objects.FIXED_ORGANISATIONS:
        return _json(objects.FIXED_ORGANISATIONS[key]())
    if kind in objects.PREFIXED_KINDS:
        for prefix, (queryset, write, model) in objects.PREFIXED_KINDS[kind].items():
            rest = key.removeprefix(prefix)
            if key.startswith(prefix) and _is_key(rest):
                return _json(_find(queryset(), write, model, kind, int(rest), key))
        raise Http404
    if kind not in objects.KINDS or not _is_key(key):
        raise Http404
    queryset, write, model = objects.KINDS[kind]
    return _json(_find(queryset(), write, model, kind, int(key), key))


def _is_key(text):
    """A primary key as written in URLs: digits, no leading zero (one URL per object)."""
    return text.isascii() and text.isdigit() and not text.startswith("0")


@require_safe
def file_download(request, key):
    """A public meeting document as an attachment (the File's downloadUrl); 410 Gone
    for one that was published once and no longer is."""
    if not _is_key(key):
        raise Http404
    document = policies.files().filter(pk=int(key)).first()
    if document is None:
        if deleted_rows(MeetingDocument, policies.files()).filter(id=int(key)).exists():
            return _error(410, "Diese Datei wurde gelöscht.")
        raise Http404
    response = file_response(document.file, inline=False)
    response["Access-Control-Allow-Origin"] = "*"
    return response
