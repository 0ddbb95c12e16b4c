"""URLs and values as OParl writes them, and the network's fixed keys."""

import datetime
import re
from contextlib import contextmanager
from contextvars import ContextVar
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse

from core.network import get_network

SCHEMA = "https://schema.oparl.org/1.1/"
BERLIN = ZoneInfo("Europe/Berlin")
# Stands in for "no change recorded" when the latest of several dates is taken.
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

# The network as OParl names it: its key in the URLs is fixed, its names are the
# network's settings (core.network).
NETWORK = {"key": "netzwerk"}


def network_names():
    network = get_network()
    return {"name": network.name, "shortName": network.brand}


ASSEMBLY = "netzwerktreffen"
SPEAKER_GROUP = "sprechergruppe"
WORKGROUP_PREFIX = "arbeitsgruppe-"
PARTNER_PREFIX = "partner-"


# --- URLs and values -------------------------------------------------------------


def absolute(path):
    """The canonical URL of a path: OParl wants one URL per object, on SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


# A page of 50 meetings or working groups holds hundreds of URLs, and Django's reverse()
# costs about as much as the page's SQL each time; get_FOO_display() builds the
# dictionary of the field's choices on every call. Within one answer (remembering(),
# around every OParl view) each URL pattern is reversed once, with marks in place of
# its arguments, and the URLs are put together from the parts; each label is looked up
# once. Arguments are slugs or numbers (numbers where the converter is int); anything
# else, or outside an answer, goes through reverse() as before.
_remembered = ContextVar("oparl_remembered", default=None)
_SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")
_MARK = re.compile(r"9753(\d)1357")  # a number: the slug and int converters take it


@contextmanager
def remembering():
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def url(name, **kwargs):
    """reverse(name, kwargs=kwargs), remembered within one answer."""
    remembered = _remembered.get()
    if remembered is None:
        return reverse(name, kwargs=kwargs)
    values = []
    for value in kwargs.values():
        if type(value) is int:
            value = str(value)
        if type(value) is not str or not _SLUG.match(value):
            return reverse(name, kwargs=kwargs)
        values.append(value)
    parts = remembered.get((name, *kwargs))
    if parts is None:
        marked = reverse(name, kwargs={key: f"9753{i}1357" for i, key in enumerate(kwargs)})
        # Literal text at even places, an argument's place at odd ones.
        parts = _MARK.split(marked)
        parts[1::2] = [int(i) for i in parts[1::2]]
        if sorted(parts[1::2]) != list(range(len(kwargs))):  # a converter changed it
            parts = False
        remembered[(name, *kwargs)] = parts
    if parts is False:
        return reverse(name, kwargs=kwargs)
    return "".join([part if place % 2 == 0 else values[part] for place, part in enumerate(parts)])


def display(obj, field):
    """obj.get_<field>_display(), remembered per value within one answer."""
    remembered = _remembered.get()
    if remembered is None:
        return getattr(obj, f"get_{field}_display")()
    key = ("display", type(obj), field, getattr(obj, field))
    if key not in remembered:
        remembered[key] = getattr(obj, f"get_{field}_display")()
    return remembered[key]


def object_url(kind, key):
    return absolute(url("oparl:object", kind=kind, key=str(key)))


def list_url(kind):
    return absolute(url("oparl:list", key=NETWORK["key"], kind=kind))


def body_url():
    return absolute(url("oparl:body", key=NETWORK["key"]))


def system_url():
    return absolute(url("oparl:system"))


def download_url(key):
    return absolute(url("oparl:download", key=str(key)))


def organization_url(key):
    return object_url("organization", key)


def meeting_organization_url(meeting):
    if meeting.workgroup_id:
        return organization_url(f"{WORKGROUP_PREFIX}{meeting.workgroup_id}")
    return organization_url(ASSEMBLY)


def when(value):
    """A date-time as OParl writes it: ISO 8601 with the offset, in Berlin's time."""
    if value is None:
        return None
    return value.astimezone(BERLIN).isoformat(timespec="seconds")


def day(value):
    return value.isoformat() if value else None


def clean(data):
    """Leave out what has no value: OParl wants absent rather than empty fields."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def contact():
    # The coordination's address from the network's settings, if it is given; else the
    # platform's sender.
    network = get_network()
    if network.contact_email:
        return {"contactName": network.name, "contactEmail": network.contact_email}
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return {"contactName": name, "contactEmail": email}
