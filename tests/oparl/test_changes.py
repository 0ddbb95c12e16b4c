"""The OParl endpoint over time: modified dates and their filters, deletions, depublished
objects, corrections and memberships that end."""

import datetime
from datetime import date

import pytest
from django.utils.dateparse import parse_datetime

from core.services import record_correction
from meetings.models import AgendaItem, Meeting
from oparl.objects import TYPES
from partners.models import Contact, Organisation
from tests.factories import OrganisationFactory
from tests.meetings.factories import MeetingFactory, berlin
from tests.oparl.conftest import BODY, SCHEMA, SITE_URL, fetch, validate
from workgroups.models import Membership

pytestmark = pytest.mark.django_db


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
