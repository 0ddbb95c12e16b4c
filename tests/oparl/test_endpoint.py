"""The OParl endpoint: schema-valid objects, pagination, filters, privacy."""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from oparl.objects import TYPES
from partners.models import Contact, Organisation
from tests.meetings.factories import MeetingFactory, berlin
from tests.oparl.conftest import BODY, SCHEMA, SECRETS, SITE_URL, crawl, fetch, validate

pytestmark = pytest.mark.django_db


def test_entry_point_is_a_system_object(client, network):
    system = fetch(client, "/oparl/")
    validate(system)
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    assert system["id"] == SITE_URL + "/oparl/"
    assert system["contactEmail"] and system["website"] == SITE_URL + "/"
    body = fetch(client, system["body"])["data"][0]
    assert body["id"] == SITE_URL + BODY
    assert body["legislativeTerm"][0]["startDate"] == "2026-02-01"


def test_crawl_everything_valid_and_nothing_internal(client, network):
    pages = crawl(client)
    objects = {}
    for data in pages.values():
        if data is None:
            continue
        for obj in data.get("data", [data]):
            objects.setdefault(obj["type"].removeprefix(SCHEMA), []).append(obj)
    types = set(objects)
    assert {"System", "Body", "Organization", "Meeting", "AgendaItem", "File", "Person"} <= types
    assert {"Location", "Membership", "LegislativeTerm"} <= types
    # Every object's own URL answers with the same object as its list.
    for found in objects.values():
        for obj in found:
            assert fetch(client, obj["id"]) == obj, obj["id"]
    text = str(pages)
    for secret in SECRETS:
        assert secret not in text
    assert "Petra Öffentlich" in text and "Öffentliches Protokoll" in text
    assert "Das Netzwerk beschließt Offenes." in text
    names = {o["name"] for o in objects["Organization"]}
    assert {"Netzwerktreffen", "Sprechergruppe", "AG Quartier", "Initiative mit Sitz"} <= names
    assert "Bewerberin Geheim" not in names
    # The working group's meeting belongs to the group, without its internal item.
    group_meeting = next(m for m in objects["Meeting"] if m["name"] == "Treffen der AG Quartier")
    assert group_meeting["organization"] == [
        SITE_URL + f"/oparl/organization/arbeitsgruppe-{network['group'].pk}/"
    ]
    assert "agendaItem" not in group_meeting
    # No ballot, receipt or election page is reachable.
    assert not [url for url in pages if "ballot" in url or "wahl" in url.lower()]


def test_internal_objects_are_not_found_by_their_url(client, network):
    internal = network["internal_item"]
    fetch(client, f"/oparl/agendaitem/{internal.pk}/", status=404)
    secret_document = network["meeting"].documents.get(is_public=False)
    fetch(client, f"/oparl/file/{secret_document.pk}/", status=404)
    assert client.get(f"/oparl/file/{secret_document.pk}/download/").status_code == 404
    hidden = Contact.objects.get(name="Nina Nichtöffentlich")
    fetch(client, f"/oparl/person/{hidden.pk}/", status=404)
    applicant = Organisation.objects.get(name="Bewerberin Geheim")
    fetch(client, f"/oparl/organization/partner-{applicant.pk}/", status=404)
    fetch(client, "/oparl/organization/partner-0001/", status=404)
    fetch(client, "/oparl/unbekannt/1/", status=404)
    fetch(client, "/oparl/body/anderswo/", status=404)
    fetch(client, "/oparl/body/netzwerk/unbekannt/", status=404)
    # Not even as deleted: they were never published.
    for kind in ("agendaitem", "file", "person", "organization"):
        page = fetch(client, BODY + f"{kind}/?modified_since=2000-01-01T00:00:00%2B00:00")
        assert not [o for o in page["data"] if o.get("deleted")]


def test_meeting_embeds_public_items_with_resolution_and_files(client, network):
    meeting = fetch(client, f"/oparl/meeting/{network['meeting'].pk}/")
    validate(meeting)
    assert [item["name"] for item in meeting["agendaItem"]] == ["Öffentlicher Punkt"]
    item = meeting["agendaItem"][0]
    assert item["resolutionText"] == "Das Netzwerk beschließt Offenes."
    assert item["result"] == "10–2–1 angenommen"
    assert [f["name"] for f in meeting["auxiliaryFile"]] == ["Öffentliches Protokoll"]
    assert meeting["location"]["description"].startswith("Freiwilligenzentrum")
    assert fetch(client, meeting["location"]["id"]) == meeting["location"]
    assert meeting["meetingState"] == "abgehalten" and meeting["cancelled"] is False
    assert meeting["start"] == "2026-03-01T18:00:00+01:00"
    lean = fetch(client, BODY + "meeting/?omit_internal=true")["data"]
    assert all("agendaItem" not in m and "auxiliaryFile" not in m for m in lean)


def test_file_access_and_download(client, network):
    document = network["meeting"].documents.get(is_public=True)
    file = fetch(client, f"/oparl/file/{document.pk}/")
    access = client.get(file["accessUrl"].removeprefix(SITE_URL))
    assert access.status_code == 200
    assert "attachment" not in access.get("Content-Disposition", "")
    download = client.get(file["downloadUrl"].removeprefix(SITE_URL))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Access-Control-Allow-Origin"] == "*"


def test_pagination_links_keep_filters(client, network):
    for day in range(1, 8):
        MeetingFactory(start=berlin(2026, 5, day, 18), end=berlin(2026, 5, day, 20))
    total = Meeting.objects.count()
    query = "?created_since=2026-01-01T00%3A00%3A00%2B01%3A00&limit=3"
    first = fetch(client, BODY + "meeting/" + query)
    pages = -(-total // 3)
    assert first["pagination"] == {
        "totalElements": total,
        "elementsPerPage": 3,
        "currentPage": 1,
        "totalPages": pages,
    }
    assert "prev" not in first["links"]
    seen = [m["id"] for m in first["data"]]
    page = first
    while "next" in page["links"]:
        assert "created_since=2026-01-01T00%3A00%3A00%2B01%3A00" in page["links"]["next"]
        assert page["links"]["first"] == first["links"]["self"]
        page = fetch(client, page["links"]["next"])
        seen += [m["id"] for m in page["data"]]
    assert page["links"]["self"] == first["links"]["last"]
    assert len(seen) == len(set(seen)) == total
    fetch(client, BODY + f"meeting/?limit=3&page={pages + 1}", status=404)
    # A limit above the largest page size is capped.
    assert fetch(client, BODY + "meeting/?limit=1000")["pagination"]["elementsPerPage"] == 100


@pytest.mark.parametrize(
    "query",
    [
        "modified_since=gestern",
        "modified_since=2026-13-01T00:00:00%2B01:00",
        "created_since=2026-01-01T00:00:00",
        "created_until=2026-01-01",
        "modified_until=",
        "modified_since=0001-01-01T00:00:00%2B01:00",
        "created_until=9999-12-31T23:59:59-23:59",
        "created_since=2026-02-30T00:00:00%2B01:00",
        "page=0",
        "page=zwei",
        "limit=-5",
    ],
)
def test_malformed_parameters_are_400(client, network, query):
    error = fetch(client, BODY + "meeting/?" + query, status=400)
    assert error["type"] == SCHEMA + "Error"


def test_only_get(client, network):
    response = client.post("/oparl/")
    assert response.status_code == 405


def test_content_is_german_whatever_the_visitor_chose(client, network):
    client.post(reverse("set_language"), {"language": "en"})
    meeting = fetch(client, f"/oparl/meeting/{network['meeting'].pk}/")
    assert meeting["meetingState"] == "abgehalten"


HOSTILE = [
    "x" * 10_000,
    "a\x00b\x1f",
    "<script>alert(1)</script>",
    "' OR 1=1; --",
    "-1e999",
    "9" * 40,
]


@pytest.mark.parametrize("kind", list(TYPES))
def test_hostile_parameters_never_fail(client, kind):
    for name in (
        "created_since",
        "created_until",
        "modified_since",
        "modified_until",
        "page",
        "limit",
    ):
        for value in HOSTILE:
            response = client.get(BODY + f"{kind}/", {name: value})
            expected = {200, 400} if name == "limit" else {400, 404}  # a large limit is capped
            assert response.status_code in expected, (name, value[:20], response.status_code)
            assert response["Content-Type"] == "application/json; charset=utf-8"
    for key in HOSTILE[3:]:
        assert client.get(f"/oparl/{kind}/{key}/").status_code == 404
        assert client.get(f"/oparl/file/{key}/download/").status_code == 404


def test_head_is_answered_like_get(client, network):
    response = client.head("/oparl/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
