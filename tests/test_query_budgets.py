"""Query budgets: no list or detail page needs more queries when the network grows.

For every page of the permission matrix (GET rows; the Django admin is left to
Django) the test adds some of everything, counts the queries as the most
privileged role that may see the page, adds more of everything — organisations with contacts and declarations,
contacts of the partner in the world, meetings with agenda, minutes and
invitations, posts, elections with candidates, ballots, documents, working groups
with members — and counts again. The count must not grow: each page's work is
bounded by its page size, not by the size of the network.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.matrix import all_rows

# The most privileged role first: it sees the most panels, lists and links.
ROLE_ORDER = [
    "coordinator",
    "speaker",
    "representative",
    "partner_contact",
    "stranger",
    "anonymous",
]
ROWS = [
    row
    for row in all_rows()
    if row.method == "get"
    and not row.name.startswith("admin:")
    and any(row.expected[role] == 200 for role in ROLE_ORDER)
]


def _role(row):
    return next(role for role in ROLE_ORDER if row.expected[role] == 200)


def _url(row, world):
    kwargs = row.resolve_kwargs(world)
    if "args" in kwargs:
        url = reverse(row.name, args=kwargs["args"])
    else:
        url = reverse(row.name, kwargs=kwargs)
    return url + row.query


def _count(client, url, data):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data=data)
    return response.status_code, len(queries)


_numbers = itertools.count(1)


def _grow_partners(world, number):
    from partners.models import AgreementVersion

    version = AgreementVersion.objects.current()
    organisations = []
    for _ in range(number):
        index = next(_numbers)
        organisation = OrganisationFactory(
            name=f"Wachstum {index} Hannover", slug=f"wachstum-{index}-hannover"
        )
        user = UserFactory()
        ContactFactory(
            organisation=organisation,
            user=user,
            is_representative=True,
            public_consent_at=timezone.now(),
        )
        ContactFactory(organisation=organisation)
        if version is not None:
            from tests.partners.factories import sign

            sign(organisation, user, version)
        organisations.append((organisation, user))
    for target in [world.partner_org, world.coordinating_org]:
        for _ in range(2):
            ContactFactory(organisation=target, public_consent_at=timezone.now())
    return organisations


def _grow_meetings(world, organisations):
    from tests.meetings.factories import (
        AgendaItemFactory,
        InvitationFactory,
        MeetingFactory,
        ResolutionFactory,
    )

    past = timezone.now() - datetime.timedelta(days=40)
    for index in range(3):
        meeting = MeetingFactory(start=past - datetime.timedelta(days=index * 30))
        item = AgendaItemFactory(meeting=meeting, minutes="Besprochen.")
        ResolutionFactory(agenda_item=item)
        MeetingFactory()
    for meeting in {getattr(world, "meeting", None), getattr(world, "upcoming", None)} - {None}:
        for _ in range(2):
            AgendaItemFactory(meeting=meeting)
        for organisation, _user in organisations:
            InvitationFactory(meeting=meeting, organisation=organisation)


def _grow_posts(world, organisations):
    from tests.posts.factories import PostFactory

    for organisation, _user in [(world.partner_org, None), *organisations]:
        PostFactory(organisation=organisation, published=True)
        PostFactory(organisation=organisation, published=True, event=True)
        PostFactory(organisation=organisation, submitted=True)


def _grow_elections(world, organisations):
    from elections import services
    from tests.elections.factories import voting_election

    coordinator = world.users["coordinator"]
    election = voting_election(coordinator, organisations[:2])
    choice = election.nominations.accepted().first()
    for organisation, user in organisations[2:]:
        services.cast_ballot(
            election=election, representative=user, organisation=organisation, choices=[choice]
        )
    # Counted, so that its seats are free for the next growth (open elections elect
    # at most three seats together).
    services.close_voting(election=election, by=coordinator)


def _grow_materials():
    try:
        from tests.materials.factories import DocumentFactory
    except ImportError:
        return
    for _ in range(3):
        DocumentFactory()


def _grow_workgroups(world, organisations):
    try:
        from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
    except ImportError:
        return
    from workgroups.models import Membership

    groups = [WorkingGroupFactory() for _ in range(2)]
    group = getattr(world, "workgroup", None)
    if group is not None:
        groups.append(group)
    for group in groups:
        for organisation, _user in organisations:
            if not Membership.objects.filter(group=group, organisation=organisation).exists():
                MembershipFactory(group=group, organisation=organisation)


def grow(world):
    """More of everything the pages list."""
    organisations = _grow_partners(world, 5)
    _grow_meetings(world, organisations)
    _grow_posts(world, organisations)
    _grow_elections(world, organisations)
    _grow_materials()
    _grow_workgroups(world, organisations)


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_query_count_does_not_grow_with_the_network(row, world, client_as):
    client = client_as(_role(row))
    url = _url(row, world)
    data = row.resolve_data(world)
    # The first growth fills lists that the world leaves empty (an empty list may
    # skip its prefetch); the budget is compared between N and N + more.
    grow(world)
    client.get(url, data=data)  # warm up per-process caches (content types, site)
    status, small = _count(client, url, data)
    assert status == 200, f"{row} as {_role(row)}: {status}"
    grow(world)
    status, large = _count(client, url, data)
    assert status == 200, f"{row} after growing: {status}"
    assert large <= small, f"{url}: {small} queries with little data, {large} with more"
