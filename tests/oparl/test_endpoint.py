"""The OParl endpoint: schema-valid objects, pagination, filters, privacy, deletions."""

import datetime
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.services import record_correction
from meetings.models import AgendaItem, Meeting
from oparl.objects import TYPES
from partners.models import Contact, Organisation
from tests.elections.factories import published_election, representative_of, voting_election
from tests.factories import ContactFactory, OrganisationFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ResolutionFactory,
    berlin,
)
from tests.oparl.conftest import SCHEMA, SITE_URL, crawl, fetch, validate
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import Membership

pytestmark = pytest.mark.django_db

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


def test_modified_changes_with_the_object_and_filters_find_it(client, network, clock):
    meeting = network["meeting"]
    before = fetch(client, f"/oparl/meeting/{meeting.pk}/")
    assert before["modified"].startswith("2026-03-02T09:0")
    assert before["created"].startswith("2026-03-02T09:0")
    clock(berlin(2026, 6, 10, 12))
    item = AgendaItem.objects.get(pk=network["public_item"].pk)
    item.title = "Öffentlicher Punkt, neu gefasst"
    item.save()
    after = fetch(client, f"/oparl/meeting/{meeting.pk}/")
    assert after["modified"].startswith("2026-06-10T12:0")
    assert after["created"] == before["created"]
    item_json = fetch(client, f"/oparl/agendaitem/{item.pk}/")
    assert item_json["modified"].startswith("2026-06-10T12:0")
    since = "2026-06-01T00%3A00%3A00%2B02%3A00"
    changed = fetch(client, BODY + f"meeting/?modified_since={since}")["data"]
    assert [m["id"] for m in changed] == [after["id"]]
    items = fetch(client, BODY + f"agendaitem/?modified_since={since}")["data"]
    assert [i["name"] for i in items] == ["Öffentlicher Punkt, neu gefasst"]
    older = fetch(client, BODY + f"meeting/?modified_until={since}")["data"]
    assert after["id"] not in [m["id"] for m in older]
    created = fetch(client, BODY + "meeting/?created_until=2026-03-01T00%3A00%3A00%2B01%3A00")
    assert created["data"] == []


def test_depublished_and_deleted_objects_are_kept_as_deleted(client, network, clock):
    clock(berlin(2026, 7, 1, 12))
    item = AgendaItem.objects.get(pk=network["public_item"].pk)
    item.is_public = False
    item.save()
    petra = Contact.objects.get(name="Petra Öffentlich")
    petra.public_consent_at = None
    petra.save()
    document = network["meeting"].documents.get(is_public=True)
    document.delete()
    gone = MeetingFactory(title="Abgesetztes Treffen")
    gone_pk = gone.pk
    clock(berlin(2026, 7, 2, 12))
    Meeting.objects.filter(pk=gone_pk).delete()

    since = "?modified_since=2026-06-30T00%3A00%3A00%2B02%3A00"
    items = fetch(client, BODY + "agendaitem/" + since)["data"]
    assert items == [
        {
            "id": SITE_URL + f"/oparl/agendaitem/{item.pk}/",
            "type": SCHEMA + "AgendaItem",
            "order": 1,
            "created": items[0]["created"],
            "modified": items[0]["modified"],
            "deleted": True,
        }
    ]
    assert items[0]["modified"].startswith("2026-07-01T12:0")
    persons = fetch(client, BODY + "person/" + since)["data"]
    assert [p.get("deleted") for p in persons] == [True]
    assert "Petra" not in str(persons)
    files = fetch(client, BODY + "file/" + since)["data"]
    assert [f.get("deleted") for f in files] == [True]
    assert client.get(files[0]["accessUrl"].removeprefix(SITE_URL)).status_code == 410
    meetings = fetch(client, BODY + "meeting/" + since)["data"]
    deleted = [m for m in meetings if m.get("deleted")]
    assert [m["id"] for m in deleted] == [SITE_URL + f"/oparl/meeting/{gone_pk}/"]
    # Paged one by one, the live and the deleted meetings each come exactly once.
    page, paged = fetch(client, BODY + "meeting/" + since + "&limit=1"), []
    while True:
        paged += page["data"]
        if "next" not in page["links"]:
            break
        page = fetch(client, page["links"]["next"])
    assert paged == meetings and len(meetings) >= 2
    for obj in items + persons + files + deleted:
        validate(obj)
        assert fetch(client, obj["id"]) == obj  # the object's own URL says the same
    # Without modified_since no deleted object is listed (OParl 1.1).
    assert not [o for o in fetch(client, BODY + "agendaitem/")["data"] if o.get("deleted")]
    assert "Öffentlicher Punkt" not in str(
        fetch(client, f"/oparl/meeting/{network['meeting'].pk}/")
    )


def test_partner_that_left_is_deleted_organization(client, network, clock):
    partner = OrganisationFactory(name="Initiative auf Abschied")
    clock(berlin(2026, 8, 1, 12))
    Organisation.objects.filter(pk=partner.pk).update(status=Organisation.Status.LEFT)
    partner.refresh_from_db()
    partner.save()  # a history row, as the exit service writes
    url = f"/oparl/organization/partner-{partner.pk}/"
    assert fetch(client, url)["deleted"] is True
    listed = fetch(client, BODY + "organization/?modified_since=2026-07-31T00%3A00%3A00%2B02%3A00")
    assert SITE_URL + url in [o["id"] for o in listed["data"] if o.get("deleted")]


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


def test_modified_since_agrees_with_modified_on_every_list(client, network, clock):
    """The cheap narrowing (objects.CHANGED_SINCE) never drops an object whose
    `modified` is at or after the moment asked for."""
    clock(berlin(2026, 9, 1, 12))
    item = AgendaItem.objects.get(pk=network["public_item"].pk)
    item.save()
    petra = Contact.objects.get(name="Petra Öffentlich")
    petra.function = "Geschäftsführung"
    petra.save()
    group = network["group"]
    group.description = "Neu beschrieben"
    group.save()
    partner = Organisation.objects.get(pk=network["partner"].pk)
    partner.description = "Neu beschrieben"
    partner.save()
    for moment in ("2026-03-02T09%3A00%3A00%2B01%3A00", "2026-08-31T00%3A00%3A00%2B02%3A00"):
        since = parse_datetime(moment.replace("%3A", ":").replace("%2B", "+"))
        for kind in TYPES:
            everything = fetch(client, BODY + f"{kind}/?limit=100")["data"]
            expected = {
                o["id"]
                for o in everything
                if "modified" in o and parse_datetime(o["modified"]) >= since
            }
            listed = fetch(client, BODY + f"{kind}/?limit=100&modified_since={moment}")["data"]
            assert {o["id"] for o in listed if not o.get("deleted")} == expected, kind
    changed = fetch(client, BODY + "organization/?modified_since=2026-08-31T00%3A00%3A00%2B02%3A00")
    assert {o["name"] for o in changed["data"]} == {"AG Quartier", partner.name}


def test_a_corrected_term_changes_its_membership(client, network, clock, coordinator):
    """Terms are final; a Berichtigung is the one change, and OParl shows it."""
    term = network["election"].terms.get()
    before = fetch(client, f"/oparl/membership/{term.pk}/")
    clock(berlin(2026, 10, 5, 12))
    record_correction(
        record=term,
        changes={"end": datetime.date(2027, 6, 1)},
        reason="Austritt der Organisation",
        by=coordinator,
    )
    after = fetch(client, f"/oparl/membership/{term.pk}/")
    assert (before["endDate"], after["endDate"]) == ("2028-01-31", "2027-05-31")
    assert after["modified"].startswith("2026-10-05T12:0") and after["created"] == before["created"]
    listed = fetch(client, BODY + "membership/?modified_since=2026-10-01T00%3A00%3A00%2B02%3A00")
    assert [m["id"] for m in listed["data"]] == [after["id"]]
    body = fetch(client, BODY)
    assert body["legislativeTerm"][0]["endDate"] == "2027-05-31"


def test_working_group_members_are_memberships(client, network, clock):
    group, member = network["group"], network["member"]
    organization = fetch(client, f"/oparl/organization/arbeitsgruppe-{group.pk}/")
    url = SITE_URL + f"/oparl/membership/arbeitsgruppe-{member.pk}/"
    assert organization["membership"] == [url]  # not the request of another partner
    membership = fetch(client, url)
    validate(membership)
    assert membership["organization"] == organization["id"]
    assert (
        membership["onBehalfOf"]
        == SITE_URL + f"/oparl/organization/partner-{member.organisation_id}/"
    )
    assert membership["startDate"] == "2026-03-01" and membership["role"] == "Mitglied"
    listed = fetch(client, BODY + "membership/")["data"]
    assert url in [m["id"] for m in listed] and len(listed) == 2  # the term and this one
    # The partner leaves the group: the membership is kept as deleted.
    clock(berlin(2026, 11, 2, 12))
    member.status = Membership.Status.LEFT
    member.left_on = date(2026, 11, 2)
    member.save()
    assert fetch(client, url)["deleted"] is True
    since = fetch(client, BODY + "membership/?modified_since=2026-11-01T00%3A00%3A00%2B01%3A00")
    assert [m["id"] for m in since["data"]] == [url]
    assert fetch(client, organization["id"]).get("membership") is None
