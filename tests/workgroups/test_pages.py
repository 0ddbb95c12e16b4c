import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests.factories import ContactFactory, OrganisationFactory
from tests.workgroups.factories import GroupDocumentFactory, MembershipFactory, member_group
from workgroups.models import Membership, WorkingGroup

pytestmark = pytest.mark.django_db


def _fill(number, lead):
    """`number` groups with `number` members, meetings, documents and a closed group."""
    groups = []
    for index in range(number):
        group = member_group(lead=lead, name=f"Gruppe {len(WorkingGroup.objects.all())}")
        for _ in range(number):
            organisation = OrganisationFactory()
            ContactFactory(organisation=organisation)
            MembershipFactory(group=group, organisation=organisation)
        start = timezone.now() + datetime.timedelta(days=index + 1)
        for offset in (0, -40):
            meeting = Meeting.objects.create(
                kind=Meeting.Kind.WORKGROUP,
                workgroup=group,
                title="Treffen",
                start=start + datetime.timedelta(days=offset),
                end=start + datetime.timedelta(days=offset, hours=1),
            )
            meeting.agenda_items.create(title="Punkt", minutes="Protokoll")
        GroupDocumentFactory(group=group)
        GroupDocumentFactory(group=group, is_public=True)
        groups.append(group)
    closed = member_group(lead=lead, name=f"Archiv {number}")
    closed.status = WorkingGroup.Status.CLOSED
    closed.closed_on = timezone.localdate()
    closed.save()
    return groups


def _count(client, url):
    # ContentType's process-wide cache fills on the first request that needs it: start
    # each count from an empty one, so the count does not depend on the test order.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "partner_contact", "coordinator"])
def test_list_page_queries_do_not_grow_with_groups_and_members(client_as, partner_org, role):
    client = client_as(role)
    _fill(2, partner_org)
    few = _count(client, reverse("workgroups:list"))
    _fill(6, partner_org)
    many = _count(client, reverse("workgroups:list"))
    assert many == few
    assert many <= 12


@pytest.mark.parametrize("role", ["anonymous", "partner_contact", "coordinator", "representative"])
def test_detail_page_queries_do_not_grow_with_members_meetings_and_documents(
    client_as, partner_org, lead_contact, role
):
    client = client_as(role)
    [small] = _fill(1, partner_org)
    small.lead_contact = lead_contact
    small.save()
    few = _count(client, small.get_absolute_url())
    big = _fill(8, partner_org)[-1]
    big.lead_contact = lead_contact
    big.save()
    many = _count(client, big.get_absolute_url())
    assert many == few
    assert many <= 20


def test_list_shows_topic_lead_members_and_access(client_as, group, coordinating_org):
    MembershipFactory(group=group, organisation=coordinating_org)
    page = client_as("anonymous").get(reverse("workgroups:list")).text
    assert "Digitale Beteiligung" in page
    assert "Engagement im Stadtteil" in page
    assert "Nachbarschaft Linden" in page
    assert "Freiwilligenzentrum Hannover" in page
    assert "Offene Gruppe: Partner können direkt beitreten." in page


def test_list_names_active_members_only_in_name_order(client_as, group):
    """The card lists who takes part now, alphabetically; a request or an exit is not
    membership."""
    group.memberships.all().delete()
    for name, status in [
        ("Zeitbank Nord", Membership.Status.ACTIVE),
        ("Anwohner <Initiative>", Membership.Status.ACTIVE),
        ("Mittagstisch Süd", Membership.Status.REQUESTED),
        ("Bürgerbüro West", Membership.Status.LEFT),
    ]:
        MembershipFactory(group=group, organisation=OrganisationFactory(name=name), status=status)
    page = client_as("anonymous").get(reverse("workgroups:list")).text
    assert "Anwohner &lt;Initiative&gt;, Zeitbank Nord" in page
    assert "Mittagstisch Süd" not in page
    assert "Bürgerbüro West" not in page


def test_empty_list_says_what_to_do(client_as):
    page = client_as("anonymous").get(reverse("workgroups:list")).text
    assert "Zurzeit gibt es keine aktive Arbeitsgruppe." in page


def test_unknown_group_is_404(client_as):
    assert client_as("anonymous").get("/arbeitsgruppen/gibt-es-nicht/").status_code == 404


def test_detail_offers_joining_to_partners_and_login_hint_to_visitors(client_as, group, outsider):
    assert (
        "Mit Sportfreunde Kleefeld beitreten"
        in client_as("outsider").get(group.get_absolute_url()).text
    )
    assert (
        "Melden Sie sich an, um beizutreten."
        in client_as("anonymous").get(group.get_absolute_url()).text
    )


def test_member_table_scrolls_instead_of_overflowing_on_phones(client_as, group):
    text = (
        client_as("coordinator")
        .get(reverse("workgroups:members", kwargs={"slug": group.slug}))
        .text
    )
    assert text.count("<table") == 1
    assert re.search(r'<div class="table-responsive"[^>]*>\s*<table', text)
