"""What the public sees of meetings, and what only partners read."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ResolutionFactory,
    WorkProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    now = timezone.now()
    meeting = MeetingFactory(
        title="Treffen im Mai",
        start=now - datetime.timedelta(days=10),
        end=now - datetime.timedelta(days=10, hours=-2),
        status=Meeting.Status.HELD,
        online_url="https://meet.example.org/netzwerk",
    )
    public = AgendaItemFactory(
        meeting=meeting, title="Öffentlicher Punkt", is_public=True, minutes="Protokoll öffentlich"
    )
    internal = AgendaItemFactory(
        meeting=meeting, title="Interner Punkt", is_public=False, minutes="Vertrauliches"
    )
    ResolutionFactory(agenda_item=public, text="Öffentlicher Beschluss", is_public=True)
    ResolutionFactory(agenda_item=public, text="Interner Beschluss", is_public=False)
    ResolutionFactory(agenda_item=internal, text="Beschluss unter internem Punkt", is_public=True)
    DocumentFactory(meeting=meeting, title="Öffentliches Dokument", is_public=True)
    secret = DocumentFactory(meeting=meeting, title="Internes Dokument", is_public=False)
    meeting.secret_document = secret
    return meeting


@pytest.mark.parametrize("role", ["anonymous", "stranger"])
def test_public_sees_dates_public_items_and_public_resolutions_only(held, client_as, role):
    page = client_as(role).get(held.get_absolute_url()).content.decode()
    assert "Treffen im Mai" in page
    assert "Öffentlicher Punkt" in page
    assert "Öffentlicher Beschluss" in page
    assert "Öffentliches Dokument" in page
    for hidden in (
        "Interner Punkt",
        "Vertrauliches",
        "Protokoll öffentlich",
        "Interner Beschluss",
        "Internes Dokument",
    ):
        assert hidden not in page
    # The online link is public, like in the calendar feed.
    assert "meet.example.org/netzwerk" in page
    assert "1 weitere Punkte sind nur für Partner sichtbar" not in page
    assert "Ein weiterer Punkt ist nur für Partner sichtbar." in page
    register = client_as(role).get(reverse("meetings:resolutions")).content.decode()
    assert "Öffentlicher Beschluss" in register
    assert "Interner Beschluss" not in register
    # A resolution marked public under an internal item stays internal with it.
    assert "Beschluss unter internem Punkt" not in register


@pytest.mark.parametrize("role", ["partner_contact", "speaker", "coordinator"])
def test_partners_read_internal_items_minutes_and_documents(held, client_as, role):
    page = client_as(role).get(held.get_absolute_url()).content.decode()
    for shown in (
        "Interner Punkt",
        "Vertrauliches",
        "Interner Beschluss",
        "Internes Dokument",
        "meet.example.org/netzwerk",
    ):
        assert shown in page
    register = client_as(role).get(reverse("meetings:resolutions")).content.decode()
    assert "Interner Beschluss" in register


def test_guessing_an_internal_document_url(held, client_as):
    url = held.secret_document.get_absolute_url()
    anonymous = client_as("anonymous").get(url)
    assert anonymous.status_code == HTTPStatus.FOUND
    assert anonymous.url.startswith(reverse("account_login"))
    assert client_as("stranger").get(url).status_code == HTTPStatus.NOT_FOUND
    response = client_as("partner_contact").get(url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_document_of_another_meeting_is_not_found(held, client_as):
    other = MeetingFactory()
    url = reverse("meetings:document", kwargs={"pk": other.pk, "doc": held.secret_document.pk})
    assert client_as("coordinator").get(url).status_code == HTTPStatus.NOT_FOUND


def test_documents_are_not_under_a_public_media_url(held, client):
    assert "/media/" not in client.get(held.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("role", "linked"),
    [("anonymous", False), ("stranger", False), ("partner_contact", True), ("coordinator", True)],
)
def test_agenda_links_a_draft_programme_only_for_those_who_may_open_it(client_as, role, linked):
    programme = WorkProgrammeFactory(year=2027)
    item = AgendaItemFactory(title="Arbeitsprogramm beraten", work_programme=programme)
    client = client_as(role)
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert "Arbeitsprogramm 2027" in page
    url = programme.get_absolute_url()
    assert (f'href="{url}"' in page) is linked
    if linked:
        assert client.get(url).status_code == HTTPStatus.OK
    else:
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND
