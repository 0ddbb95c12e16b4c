import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import (
    BERLIN,
    AgendaItem,
    Invitation,
    Meeting,
    MeetingDocument,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)
from tests.factories import OrganisationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def berlin(year, month, day, hour=18, minute=0):
    """An aware datetime in Europe/Berlin."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Netzwerktreffen Nr. {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    end = factory.LazyAttribute(lambda m: m.start + datetime.timedelta(hours=2))
    place = "Freiwilligenzentrum, Karmarschstraße 30, 30159 Hannover"
    description = "Wir sprechen über das **Arbeitsprogramm**."


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    is_public = True


class ResolutionFactory(DjangoModelFactory):
    class Meta:
        model = Resolution

    agenda_item = factory.SubFactory(AgendaItemFactory)
    text = factory.Sequence(lambda n: f"Das Netzwerk beschließt Vorhaben {n}.")
    votes_yes = 10
    votes_no = 2
    votes_abstain = 1


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Dokument {n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="protokoll.pdf"))


class WorkProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = WorkProgramme
        django_get_or_create = ["year"]

    year = factory.LazyFunction(lambda: timezone.localdate().year + 1)


class WorkProgrammeItemFactory(DjangoModelFactory):
    class Meta:
        model = WorkProgrammeItem

    programme = factory.SubFactory(WorkProgrammeFactory)
    title = factory.Sequence(lambda n: f"Vorhaben {n}")


def held_meeting(start, *, organisations, title=None, kind=Meeting.Kind.PLENARY, **kwargs):
    """A meeting held at `start` with the organisations attending (its minutes not approved)."""
    from meetings.models import Attendance

    meeting = MeetingFactory(
        start=start,
        end=start + datetime.timedelta(hours=2),
        title=title or f"Netzwerktreffen {start.astimezone(BERLIN):%d.%m.%Y}",
        kind=kind,
        **kwargs,
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, organisation=o) for o in organisations
    )
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    meeting.refresh_from_db()
    return meeting
