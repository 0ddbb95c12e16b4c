"""OParl list pages need the same number of queries however large the network grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import Meeting
from oparl.objects import TYPES
from tests.elections.factories import published_election, representative_of
from tests.factories import ContactFactory, OrganisationFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ResolutionFactory,
)
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import Membership

pytestmark = pytest.mark.django_db

KINDS = list(TYPES)  # every list of the body
QUERIES = ["", "?modified_since=2000-01-01T00%3A00%3A00%2B00%3A00", "?omit_internal=true&limit=5"]


def grow(n):
    """Add n of everything the lists show (and of what they must not show)."""
    for i in range(n):
        organisation = OrganisationFactory()
        ContactFactory(
            organisation=organisation,
            user=None,
            email=f"p{i}@example.org",
            public_consent_at=timezone.now(),
        )
        ContactFactory(organisation=organisation, user=None, email=f"q{i}@example.org")
        meeting = MeetingFactory(status=Meeting.Status.PLANNED)
        for public in (True, False):
            item = AgendaItemFactory(meeting=meeting, is_public=public)
            ResolutionFactory(agenda_item=item)
            DocumentFactory(meeting=meeting, is_public=public)
        group = WorkingGroupFactory(lead_organisation=organisation)
        MembershipFactory(group=group, organisation=organisation)
        MembershipFactory(group=group, status=Membership.Status.REQUESTED, joined_on=None)
        gone = MeetingFactory()
        gone.delete()


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("kind", KINDS)
def test_list_queries_do_not_grow(client, coordinator, kind, query, django_assert_max_num_queries):
    seated = OrganisationFactory(name="Initiative mit Sitz")
    published_election(coordinator, [(seated, representative_of(seated))], seats=1)
    grow(2)
    url = f"/oparl/body/netzwerk/{kind}/{query}"
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(6)
    with django_assert_max_num_queries(len(small)):
        assert client.get(url).status_code == 200
