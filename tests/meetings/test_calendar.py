"""The subscribable iCalendar feed and the per-meeting download."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.meetings.factories import MeetingFactory, berlin

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_feed_has_berlin_times_in_summer_and_winter_and_links_back(client):
    year = timezone.localdate().year + 1
    summer = MeetingFactory(
        title="Sommertreffen",
        start=berlin(year, 7, 1, 18),
        end=berlin(year, 7, 1, 20),
        online_url="https://meet.example.org/sommer",
    )
    winter = MeetingFactory(
        title="Wintertreffen", start=berlin(year, 12, 2, 18), end=berlin(year, 12, 2, 20)
    )
    found = events(client.get(reverse("meetings:calendar")))
    for meeting, offset in ((summer, 2), (winter, 1)):
        event = found[meeting.title]
        start = event.decoded("DTSTART")
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert (start.hour, start.minute) == (18, 0)
        assert start.utcoffset() == datetime.timedelta(hours=offset)
        assert start == meeting.start and event.decoded("DTEND") == meeting.end
        assert str(event["URL"]).endswith(f"/treffen/{meeting.pk}/")
        assert str(event["UID"]).startswith(f"treffen-{meeting.pk}@")
    assert "https://meet.example.org/sommer" in str(found["Sommertreffen"]["DESCRIPTION"])
    calendar = Calendar.from_ical(client.get(reverse("meetings:calendar")).content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_feed_reaches_twelve_months_back_only(client):
    now = timezone.now()
    MeetingFactory(
        title="Vor elf Monaten",
        start=now - datetime.timedelta(days=330),
        end=now - datetime.timedelta(days=330, hours=-2),
    )
    MeetingFactory(
        title="Vor zwei Jahren",
        start=now - datetime.timedelta(days=730),
        end=now - datetime.timedelta(days=730, hours=-2),
    )
    assert set(events(client.get(reverse("meetings:calendar")))) == {"Vor elf Monaten"}


def test_uid_stays_stable_when_the_meeting_changes(client):
    meeting = MeetingFactory(title="Treffen")
    first = events(client.get(reverse("meetings:ics", kwargs={"pk": meeting.pk})))["Treffen"]
    meeting.start += datetime.timedelta(days=1)
    meeting.end += datetime.timedelta(days=1)
    meeting.save()
    second = events(client.get(reverse("meetings:ics", kwargs={"pk": meeting.pk})))["Treffen"]
    assert first["UID"] == second["UID"]
    assert second.decoded("DTSTART") > first.decoded("DTSTART")


def test_meeting_list_explains_how_to_subscribe(client):
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Kalender abonnieren" in page
    assert "http://testserver/treffen/kalender.ics" in page
