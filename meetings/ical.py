"""iCalendar files for meetings: the subscribable feed and one event per meeting."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from core.network import get_network
from meetings.models import BERLIN


def _site_url():
    return settings.SITE_URL.rstrip("/")


def meeting_uid(meeting):
    """A UID that stays the same for the meeting's lifetime, whatever changes."""
    host = urlsplit(_site_url()).hostname or "localhost"
    return f"treffen-{meeting.pk}@{host}"


def meeting_event(meeting):
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("summary", meeting.title)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.start.astimezone(BERLIN))
    event.add("dtend", meeting.end.astimezone(BERLIN))
    url = _site_url() + meeting.get_absolute_url()
    event.add("url", url)
    if meeting.place:
        event.add("location", " ".join(meeting.place.split()))
    elif meeting.online_url:
        event.add("location", meeting.online_url)
    description = [meeting.description.strip()] if meeting.description else []
    if meeting.online_url:
        description.append(f"Online: {meeting.online_url}")
    description.append(url)
    event.add("description", "\n\n".join(description))
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    event.add("last-modified", meeting.updated_at)
    return event


def calendar_bytes(meetings, *, name):
    """An iCalendar document with one event per meeting and the Europe/Berlin VTIMEZONE."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{get_network().short_name}//Treffen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()
