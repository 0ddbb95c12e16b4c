import datetime
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from core.network import get_network
from posts.models import Post

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Events that ended longer ago than this drop out of the calendar.
PAST_DAYS = 180


def event_uid(post):
    """A UID that stays the same however often the calendar is fetched."""
    host = urlsplit(settings.SITE_URL).hostname or "netzwerk"
    return f"beitrag-{post.pk}@{host}"


def events_calendar():
    """The published events as an iCalendar document (bytes)."""
    calendar = Calendar()
    network = get_network()
    calendar.add("prodid", f"-//{network.short_name}//Aktuelles//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{network.brand} – Veranstaltungen")
    calendar.add("x-wr-timezone", "Europe/Berlin")
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    events = (
        Post.objects.filter(
            status=Post.Status.PUBLISHED, kind=Post.Kind.EVENT, starts_at__gte=since
        )
        .select_related("organisation")
        .order_by("starts_at")
    )
    base = settings.SITE_URL.rstrip("/")
    for post in events:
        event = Event()
        event.add("uid", event_uid(post))
        event.add("summary", post.title)
        event.add("dtstart", post.starts_at.astimezone(BERLIN))
        end = post.ends_at or post.starts_at + datetime.timedelta(hours=2)
        event.add("dtend", end.astimezone(BERLIN))
        event.add("dtstamp", post.updated_at)
        event.add("last-modified", post.updated_at)
        if post.place:
            event.add("location", post.place)
        event.add("description", f"{post.teaser}\n\n{post.organisation.name}")
        event.add("url", f"{base}{post.get_absolute_url()}")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
