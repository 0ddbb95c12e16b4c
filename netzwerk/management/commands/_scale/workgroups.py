"""Scale working groups: 100 groups, each founded on a resolution, with members."""

from django.db import transaction

from meetings import services as meeting_services
from meetings.models import Meeting
from netzwerk.management.commands._scale.partners import representatives

TOPICS = [
    "Engagement im Quartier",
    "Digitale Teilhabe",
    "Klimaschutz vor Ort",
    "Inklusion",
    "Ehrenamt im Alter",
    "Jugendbeteiligung",
]


def groups(seed, count):
    try:
        from workgroups import services
        from workgroups.models import WorkingGroup
    except ImportError:
        seed.stdout.write("  Arbeitsgruppen: App ohne Services, übersprungen.")
        return 0
    marker = "Skalierungsgruppe"
    existing = WorkingGroup.objects.filter(name__startswith=marker).count()
    pairs = representatives(300)
    made = 0
    with transaction.atomic():
        founding = None
        for number in range(existing, count):
            lead, _ = pairs[number % len(pairs)]
            name = f"{marker} {number + 1:03d}"
            founding = founding or _founding_item(seed)
            group = services.found_group(
                name=name,
                topic=TOPICS[number % len(TOPICS)],
                lead_organisation=lead,
                by=seed.coordinator,
                description="Eine Arbeitsgruppe des Netzwerks.",
                founding_resolution=_founding_resolution(seed, founding, name),
            )
            for offset in range(1, 9):
                member, _ = pairs[(number + offset * 7) % len(pairs)]
                if member.pk != lead.pk:
                    services.add_member(group=group, organisation=member, by=seed.coordinator)
            made += 1
    return made


def _founding_item(seed):
    """An agenda item of the latest held Netzwerktreffen (its minutes not yet approved:
    no later meeting was held) for the scale groups' founding resolutions."""
    meeting = (
        Meeting.objects.plenary().filter(status=Meeting.Status.HELD).order_by("-start").first()
    )
    last = meeting.agenda_items.order_by("-order").values_list("order", flat=True).first()
    return meeting_services.add_agenda_item(
        meeting=meeting,
        by=seed.coordinator,
        order=(last or 0) + 1,
        title="Gründung der Skalierungsgruppen",
        is_public=True,
    )


def _founding_resolution(seed, item, name):
    """A group is founded only on an adopted resolution: one vote per attendee."""
    present = item.meeting.attendances.count()
    return meeting_services.record_resolution(
        agenda_item=item,
        by=seed.coordinator,
        text=f"Das Netzwerk gründet die Arbeitsgruppe „{name}“.",
        votes_yes=present,
        votes_no=0,
        votes_abstain=0,
        is_public=True,
    )
