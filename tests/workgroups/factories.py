import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import BERLIN, Attendance, Meeting
from tests.factories import OrganisationFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory
from workgroups.models import GroupDocument, Membership, WorkingGroup

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


FOUNDING_PLENARY = datetime.date(2020, 1, 15)


def adopted_resolution(*, attending=None, before=None, text=None, **meeting_fields):
    """An adopted resolution of a held Netzwerktreffen: what founds a working group.

    The meeting is held on FOUNDING_PLENARY (or 30 days before `before`, if earlier;
    `start=` sets another day), the `attending` organisations (default: one new
    organisation) attended it, and every one of them voted yes: one vote per attending
    organisation, as meetings requires.
    """
    attending = list(attending) if attending is not None else [OrganisationFactory()]
    # A fixed day long ago (not "last year", which tests of the yearly check count),
    # earlier still if the group is older.
    day = FOUNDING_PLENARY
    if before is not None:
        day = min(day, before - datetime.timedelta(days=30))
    start = datetime.datetime.combine(day, datetime.time(18), tzinfo=BERLIN)
    meeting = MeetingFactory(
        **{
            "title": "Netzwerktreffen zur Gründung",
            "kind": Meeting.Kind.PLENARY,
            "status": Meeting.Status.HELD,
            "start": start,
            **meeting_fields,
        }
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, organisation=organisation) for organisation in attending
    )
    resolution = ResolutionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, title="Gründung einer Arbeitsgruppe"),
        text=text or "Das Netzwerk gründet eine Arbeitsgruppe.",
        votes_yes=len(attending),
        votes_no=0,
        votes_abstain=0,
    )
    assert resolution.is_adopted
    return resolution


class WorkingGroupFactory(DjangoModelFactory):
    class Meta:
        model = WorkingGroup
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    topic = "Engagement im Stadtteil"
    description = "Wir tauschen Erfahrungen aus."
    founded_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))
    lead_organisation = factory.SubFactory(OrganisationFactory)
    # Founded on an adopted resolution of a held Netzwerktreffen the lead attended.
    founding_resolution = factory.LazyAttribute(
        lambda o: adopted_resolution(attending=[o.lead_organisation], before=o.founded_on)
    )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(WorkingGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Membership.Status.ACTIVE
    joined_on = factory.LazyFunction(timezone.localdate)


class GroupDocumentFactory(DjangoModelFactory):
    class Meta:
        model = GroupDocument

    group = factory.SubFactory(WorkingGroupFactory)
    title = factory.Sequence(lambda n: f"Protokoll {n}")
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="protokoll.pdf"))
    filename = "protokoll.pdf"
    is_public = False


def member_group(*, lead, members=(), **kwargs):
    """A group led by `lead` with active memberships of lead and `members`."""
    group = WorkingGroupFactory(lead_organisation=lead, **kwargs)
    for organisation in [lead, *members]:
        MembershipFactory(group=group, organisation=organisation)
    return group
