import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories import OrganisationFactory
from workgroups.models import GroupDocument, Membership, WorkingGroup

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


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
