"""Resolutions: their outcome, the register and recording them after a meeting."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting, Resolution
from tests.factories import OrganisationFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "two_thirds", "adopted"),
    [
        (5, 4, 10, False, True),  # abstentions are not votes cast
        (4, 4, 0, False, False),  # a tie is no majority
        (0, 0, 5, False, False),
        (10, 5, 0, True, True),  # exactly two thirds
        (9, 5, 0, True, False),
        (2, 1, 30, True, True),
    ],
)
def test_outcome_from_votes_cast(yes, no, abstain, two_thirds, adopted):
    item = AgendaItemFactory(asks_two_thirds=two_thirds)
    resolution = ResolutionFactory(
        agenda_item=item, votes_yes=yes, votes_no=no, votes_abstain=abstain
    )
    assert resolution.is_adopted is adopted
    assert resolution.outcome_label == ("angenommen" if adopted else "abgelehnt")


def _meetings(count):
    now = timezone.now()
    for n in range(count):
        start = now - datetime.timedelta(days=10 + n)
        meeting = MeetingFactory(
            start=start, end=start + datetime.timedelta(hours=2), status=Meeting.Status.HELD
        )
        item = AgendaItemFactory(meeting=meeting)
        ResolutionFactory(agenda_item=item)
        ResolutionFactory(agenda_item=item, is_public=False)
        MeetingFactory(
            start=now + datetime.timedelta(days=10 + n),
            end=now + datetime.timedelta(days=10 + n, hours=2),
        )


@pytest.mark.parametrize("role", ["anonymous", "partner_contact", "coordinator"])
@pytest.mark.parametrize("url_name", ["meetings:list", "meetings:resolutions"])
def test_list_pages_run_a_constant_number_of_queries(
    client_as, role, url_name, django_assert_num_queries
):
    client = client_as(role)
    url = reverse(url_name)
    _meetings(5)
    client.get(url)  # warm up session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == HTTPStatus.OK
    _meetings(45)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_register_is_searchable_newest_first_and_links_to_meetings(client):
    now = timezone.now()
    old = MeetingFactory(
        title="Altes Treffen",
        start=now - datetime.timedelta(days=200),
        end=now - datetime.timedelta(days=200, hours=-2),
        status=Meeting.Status.HELD,
    )
    new = MeetingFactory(
        title="Neues Treffen",
        start=now - datetime.timedelta(days=2),
        end=now - datetime.timedelta(days=2, hours=-2),
        status=Meeting.Status.HELD,
    )
    ResolutionFactory(agenda_item=AgendaItemFactory(meeting=old), text="Fahrradwerkstatt gründen")
    ResolutionFactory(agenda_item=AgendaItemFactory(meeting=new), text="Sommerfest feiern")
    page = client.get(reverse("meetings:resolutions")).content.decode()
    assert page.index("Sommerfest") < page.index("Fahrradwerkstatt")
    assert old.get_absolute_url() in page and new.get_absolute_url() in page
    found = client.get(reverse("meetings:resolutions"), {"q": "fahrrad"}).content.decode()
    assert "Fahrradwerkstatt" in found and "Sommerfest" not in found
    none = client.get(reverse("meetings:resolutions"), {"q": "Zeppelin"}).content.decode()
    assert "Kein Beschluss passt zu Ihrer Suche" in none


def test_coordinator_records_attendance_minutes_and_resolution(client_as, partner_org):
    now = timezone.now()
    meeting = MeetingFactory(
        start=now - datetime.timedelta(hours=3), end=now - datetime.timedelta(hours=1)
    )
    item = AgendaItemFactory(meeting=meeting, title="Satzung", asks_two_thirds=True)
    client = client_as("coordinator")
    # One vote per attending organisation: 13 votes need 13 organisations.
    others = [OrganisationFactory() for _ in range(12)]
    response = client.post(
        reverse("meetings:attendance", kwargs={"pk": meeting.pk}),
        {"organisations": [partner_org.pk, *(o.pk for o in others)]},
    )
    assert response.status_code == HTTPStatus.FOUND
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.attendances.count() == 13
    client.post(
        reverse("meetings:minutes", kwargs={"pk": meeting.pk, "item": item.pk}),
        {"minutes": "Lange Aussprache."},
    )
    response = client.post(
        reverse("meetings:resolution_create", kwargs={"pk": meeting.pk, "item": item.pk}),
        {
            "text": "Die Satzung wird geändert.",
            "votes_yes": 6,
            "votes_no": 4,
            "votes_abstain": 3,
            "is_public": "on",
        },
        follow=True,
    )
    assert "Der Beschluss ist gespeichert: abgelehnt." in response.content.decode()
    resolution = Resolution.objects.get()
    assert not resolution.is_adopted and resolution.recorded_by == client.user
    page = client_as("anonymous").get(meeting.get_absolute_url()).content.decode()
    assert "Die Satzung wird geändert." in page and "Lange Aussprache." not in page


def test_resolution_before_the_meeting_was_held_is_refused(client_as):
    item = AgendaItemFactory()
    response = client_as("coordinator").post(
        reverse("meetings:resolution_create", kwargs={"pk": item.meeting.pk, "item": item.pk}),
        {"text": "Zu früh", "votes_yes": 1, "votes_no": 0, "votes_abstain": 0},
    )
    assert response.status_code == HTTPStatus.OK
    assert "erst erfasst, wenn das Treffen stattgefunden hat" in response.content.decode()
    assert not Resolution.objects.exists()


def test_next_minutes_record_the_approval_of_the_previous_ones(client_as):
    now = timezone.now()
    previous = MeetingFactory(
        title="Treffen im Frühjahr",
        start=now - datetime.timedelta(days=90),
        end=now - datetime.timedelta(days=90, hours=-2),
        status=Meeting.Status.HELD,
    )
    meeting = MeetingFactory(
        start=now - datetime.timedelta(days=1),
        end=now - datetime.timedelta(days=1, hours=-2),
        status=Meeting.Status.HELD,
    )
    client = client_as("coordinator")
    client.post(
        reverse("meetings:agenda_create", kwargs={"pk": meeting.pk}),
        {
            "order": 1,
            "title": "Genehmigung des Protokolls",
            "is_public": "on",
            "approves_minutes_of": previous.pk,
        },
    )
    item = meeting.agenda_items.get()
    assert item.approves_minutes_of == previous
    page = client_as("anonymous").get(meeting.get_absolute_url()).content.decode()
    assert "Genehmigung des Protokolls von" in page and previous.get_absolute_url() in page


def test_the_admin_shows_resolutions_but_does_not_change_them(client_as):
    resolution = ResolutionFactory(votes_yes=7, votes_no=2, votes_abstain=1)
    client = client_as("coordinator")
    change = reverse("admin:meetings_resolution_change", args=[resolution.pk])
    page = client.get(change)
    assert page.status_code == HTTPStatus.OK
    assert 'name="votes_yes"' not in page.text
    assert client.post(change, {"votes_yes": 0}).status_code == HTTPStatus.FORBIDDEN
    assert client.get(reverse("admin:meetings_resolution_add")).status_code == 403
    resolution.refresh_from_db()
    assert resolution.votes_yes == 7


@pytest.mark.parametrize(("role", "shown"), [("anonymous", 1), ("coordinator", 2)])
def test_past_meetings_count_the_resolutions_each_reader_may_see(client_as, role, shown):
    """The list counts a meeting's resolutions as the reader sees them: the public its
    public ones, readers of the internals all; meetings without any show 0."""
    now = timezone.now()
    _meetings(1)
    empty = MeetingFactory(
        title="Treffen ohne Beschluss",
        start=now - datetime.timedelta(days=30),
        end=now - datetime.timedelta(days=30, hours=-2),
        status=Meeting.Status.HELD,
    )
    page = client_as(role).get(reverse("meetings:list")).content.decode()
    counts = [int(cell) for cell in re.findall(r"<td>(\d+)</td>\s*</tr>", page)]
    assert sorted(counts) == [0, shown]
    assert empty.title in page
