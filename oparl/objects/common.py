"""URLs and values as OParl writes them, and the network's fixed keys."""

import datetime
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


def object_url(kind, key):
    return absolute(reverse("oparl:object", kwargs={"kind": kind, "key": str(key)}))


def list_url(kind):
    return absolute(reverse("oparl:list", kwargs={"key": NETWORK["key"], "kind": kind}))


def body_url():
    return absolute(reverse("oparl:body", kwargs={"key": NETWORK["key"]}))


def system_url():
    return absolute(reverse("oparl:system"))


def download_url(key):
    return absolute(reverse("oparl:download", kwargs={"key": str(key)}))


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
