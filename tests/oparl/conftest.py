"""Helpers for the OParl endpoint's tests: fetch as a client, validate against the schemas,
and the small network with public and internal parts (`network`) they read."""

import datetime
import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from jsonschema import Draft7Validator, FormatChecker

from meetings.models import Meeting
from partners.models import Organisation
from tests.elections.factories import published_election, representative_of, voting_election
from tests.factories import ContactFactory, OrganisationFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ResolutionFactory,
    berlin,
)
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import Membership

SCHEMA = "https://schema.oparl.org/1.1/"
SCHEMAS = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in (Path(__file__).parent / "schemas").glob("*.json")
}
SITE_URL = "https://netzwerk.example.org"

formats = FormatChecker()


@formats.checks("url")
def _url(value):
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and " " not in value


@formats.checks("date-time", raises=ValueError)
def _date_time(value):
    parsed = parse_datetime(value)
    return parsed is not None and parsed.tzinfo is not None and "T" in value


@formats.checks("date", raises=ValueError)
def _date(value):
    datetime.date.fromisoformat(value)
    return len(value) == 10


VALIDATORS = {
    name: Draft7Validator(schema, format_checker=formats) for name, schema in SCHEMAS.items()
}


def validate(obj):
    """Validate an OParl object and every object embedded in it against its schema."""
    assert isinstance(obj, dict)
    kind = obj["type"].removeprefix(SCHEMA)
    errors = sorted(VALIDATORS[kind].iter_errors(obj), key=str)
    assert not errors, f"{obj['id']}: " + "; ".join(e.message for e in errors)
    for value in obj.values():
        for inner in value if isinstance(value, list) else [value]:
            if isinstance(inner, dict) and str(inner.get("type", "")).startswith(SCHEMA):
                validate(inner)


def path_of(url):
    assert url.startswith(SITE_URL + "/"), url
    return url.removeprefix(SITE_URL)


def fetch(client, url, status=200):
    """GET an OParl URL (absolute or path): JSON, UTF-8, CORS for everyone."""
    path = path_of(url) if url.startswith("http") else url
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def urls_in(value):
    """Every OParl URL in a JSON value (object ids, references, list links)."""
    if isinstance(value, dict):
        for inner in value.values():
            yield from urls_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from urls_in(inner)
    elif isinstance(value, str) and value.startswith(SITE_URL + "/oparl/"):
        yield value


def crawl(client, start="/oparl/"):
    """Follow every OParl link from the entry point; returns {url: JSON} of every page.

    Download URLs are files, not JSON: they are collected but not fetched here.
    """
    seen = {}
    todo = [SITE_URL + start]
    while todo:
        url = todo.pop()
        if url in seen or "/download/" in url:
            seen.setdefault(url, None)
            continue
        data = fetch(client, url)
        seen[url] = data
        if "data" in data:
            for obj in data["data"]:
                validate(obj)
        else:
            validate(data)
        todo.extend(u for u in urls_in(data) if u not in seen)
    return seen


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


# The network the endpoint's tests read ----------------------------------------------

BODY = "/oparl/body/netzwerk/"
# Every name below stands for something internal: none may appear anywhere.
SECRETS = [
    "Interner Punkt",
    "Geheimer Beschluss",
    "Vertraulicher Beschluss",
    "Internes Papier",
    "Nina Nichtöffentlich",
    "nina@example.org",
    "Bea Bewerberin",
    "Bewerberin Geheim",
    "Geheime Minuten",
    "Laufende Wahl",
]


def person(organisation, name, *, consented):
    """A contact without an account, who consented to be public or not."""
    return ContactFactory(
        organisation=organisation,
        user=None,
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        public_consent_at=timezone.now() if consented else None,
    )


@pytest.fixture
def network(clock, coordinator, partner_org):
    """A small network with public and internal parts, built on 2 March 2026."""
    clock(berlin(2026, 3, 2, 9))
    partner_org.contacts.update(public_consent_at=None)
    person(partner_org, "Petra Öffentlich", consented=True)
    person(partner_org, "Nina Nichtöffentlich", consented=False)
    applicant = OrganisationFactory(
        name="Bewerberin Geheim", status=Organisation.Status.APPLICANT, joined_on=None
    )
    person(applicant, "Bea Bewerberin", consented=True)
    meeting = MeetingFactory(
        title="Netzwerktreffen im März",
        start=berlin(2026, 3, 1, 18),
        end=berlin(2026, 3, 1, 20),
        status=Meeting.Status.HELD,
    )
    public = AgendaItemFactory(meeting=meeting, order=1, title="Öffentlicher Punkt")
    internal = AgendaItemFactory(
        meeting=meeting,
        order=2,
        title="Interner Punkt",
        is_public=False,
        minutes="Geheime Minuten",
    )
    ResolutionFactory(agenda_item=public, text="Das Netzwerk beschließt Offenes.")
    ResolutionFactory(agenda_item=public, text="Vertraulicher Beschluss", is_public=False)
    ResolutionFactory(agenda_item=internal, text="Geheimer Beschluss")
    DocumentFactory(meeting=meeting, title="Öffentliches Protokoll", is_public=True)
    DocumentFactory(meeting=meeting, title="Internes Papier", is_public=False)
    group = WorkingGroupFactory(name="AG Quartier", lead_organisation=partner_org)
    member = MembershipFactory(group=group, organisation=partner_org, joined_on=date(2026, 3, 1))
    asking = OrganisationFactory(name="Initiative mit Anfrage")
    MembershipFactory(
        group=group, organisation=asking, status=Membership.Status.REQUESTED, joined_on=None
    )
    group_meeting = MeetingFactory(
        title="Treffen der AG Quartier",
        kind=Meeting.Kind.WORKGROUP,
        workgroup=group,
        start=berlin(2026, 4, 1, 18),
        end=berlin(2026, 4, 1, 20),
        place="",
    )
    AgendaItemFactory(meeting=group_meeting, title="Interner Punkt", is_public=False)
    seated = OrganisationFactory(name="Initiative mit Sitz")
    election = published_election(
        coordinator,
        [(seated, representative_of(seated))],
        seats=1,
        start=datetime.date(2026, 2, 1),
    )
    runner = OrganisationFactory(name="Initiative in der Wahl")
    voting_election(coordinator, [(runner, representative_of(runner))], title="Laufende Wahl")
    return {
        "meeting": meeting,
        "public_item": public,
        "internal_item": internal,
        "group": group,
        "member": member,
        "election": election,
        "partner": partner_org,
    }
