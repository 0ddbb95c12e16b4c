"""Scale meetings: 300 held meetings with agenda, attendance, minutes and resolutions."""

import datetime

from django.db import transaction
from django.utils import timezone

from meetings import services
from meetings.models import BERLIN, AgendaItem, Meeting
from netzwerk.management.commands._scale.partners import representatives


def meetings(seed, count):
    marker = "Skalierungstreffen"
    existing = Meeting.objects.filter(title__startswith=marker).count()
    attendees = [o for o, _ in representatives(40)]
    now = timezone.now()
    made = 0
    for start in range(existing, count, 50):
        with transaction.atomic():
            for number in range(start, min(start + 50, count)):
                day = (now - datetime.timedelta(days=12 * (number + 1))).astimezone(BERLIN)
                begin = day.replace(hour=17, minute=0, second=0, microsecond=0)
                meeting = Meeting.objects.create(
                    title=f"{marker} {number + 1:03d}",
                    start=begin,
                    end=begin + datetime.timedelta(hours=2),
                    place="Freiwilligenzentrum Hannover, Karmarschstraße 30/32",
                    description="Netzwerktreffen mit Berichten und Beschlüssen.",
                    created_by=seed.coordinator,
                )
                items = AgendaItem.objects.bulk_create(
                    AgendaItem(meeting=meeting, order=order, title=title, is_public=public)
                    for order, title, public in [
                        (1, "Begrüßung", True),
                        (2, "Berichte aus den Arbeitsgruppen", True),
                        (3, "Finanzen", False),
                    ]
                )
                services.record_attendance(
                    meeting=meeting,
                    organisations=attendees[: 10 + number % 30],
                    by=seed.coordinator,
                )
                for item in items:
                    item.minutes = f"Aussprache zu „{item.title}“."
                    item.save(update_fields=["minutes"])
                for item in items[1:]:
                    services.record_resolution(
                        agenda_item=item,
                        by=seed.coordinator,
                        text=f"Das Netzwerk nimmt „{item.title}“ zur Kenntnis.",
                        votes_yes=9,  # one vote per attending organisation
                        votes_no=0,
                        votes_abstain=1,
                        is_public=item.is_public,
                    )
                made += 1
    return made
