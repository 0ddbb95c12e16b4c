"""Meeting pages, the management flows and the contributions to shared pages."""

import datetime
import html
import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation, Meeting, MeetingDocument
from tests.meetings.factories import PDF_BYTES, MeetingFactory, berlin

pytestmark = pytest.mark.django_db


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def test_meeting_list_shows_the_years_check_publicly(client):
    now = timezone.now()
    year = timezone.localdate().year
    page = client.get(reverse("meetings:list")).content.decode()
    assert f"{year}: 0 von 3 Netzwerktreffen abgehalten, 0 geplant" in page
    assert "Zurzeit ist kein Treffen geplant." in page
    MeetingFactory(title="Bald", start=now + datetime.timedelta(hours=1))
    page = client.get(reverse("meetings:list")).content.decode()
    assert "Bald" in page


def test_coordinator_creates_a_meeting_and_adds_agenda_items(client_as):
    client = client_as("coordinator")
    start = timezone.now() + datetime.timedelta(days=30)
    response = client.post(
        reverse("meetings:create"),
        {
            "kind": "plenary",
            "title": "Netzwerktreffen Winter",
            "start": local(start),
            "end": local(start + datetime.timedelta(hours=2)),
            "place": "Rathaus",
            "rsvp_deadline": local(start - datetime.timedelta(days=3)),
        },
    )
    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert meeting.created_by == client.user
    client.post(
        reverse("meetings:agenda_create", kwargs={"pk": meeting.pk}),
        {"order": 1, "title": "Haushalt", "asks_two_thirds": "on"},
    )
    item = meeting.agenda_items.get()
    assert not item.is_public and item.asks_two_thirds
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Haushalt" in page and "Einladung senden" in page


def test_meeting_form_refuses_bad_input(client_as):
    start = timezone.now() + datetime.timedelta(days=30)
    response = client_as("coordinator").post(
        reverse("meetings:create"),
        {
            "kind": "workgroup",
            "title": "Falsch",
            "start": local(start),
            "end": local(start - datetime.timedelta(hours=1)),
        },
    )
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    assert "Das Ende muss nach dem Beginn liegen." in content
    assert "Bitte wählen Sie die Arbeitsgruppe." in content
    assert "Bitte geben Sie einen Ort oder einen Online-Zugang an." in content
    assert not Meeting.objects.exists()


def test_document_upload_checks_the_file_type(client_as):
    meeting = MeetingFactory()
    client = client_as("coordinator")
    url = reverse("meetings:document_create", kwargs={"pk": meeting.pk})
    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = client.post(url, {"title": "Fake", "file": bad})
    assert response.status_code == HTTPStatus.OK
    assert "Dieser Dateityp ist nicht erlaubt." in response.content.decode()
    good = SimpleUploadedFile("Einladung.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(url, {"title": "Einladung", "file": good, "is_public": "on"})
    document = MeetingDocument.objects.get()
    assert document.uploaded_by == client.user and document.is_public
    delete = reverse("meetings:document_delete", kwargs={"pk": meeting.pk, "doc": document.pk})
    assert "wirklich löschen" in client.get(delete).content.decode()
    client.post(delete)
    assert not MeetingDocument.objects.exists()


def test_agenda_item_with_resolutions_cannot_be_deleted(client_as):
    from tests.meetings.factories import ResolutionFactory

    resolution = ResolutionFactory()
    item = resolution.agenda_item
    url = reverse("meetings:agenda_delete", kwargs={"pk": item.meeting.pk, "item": item.pk})
    response = client_as("coordinator").post(url, follow=True)
    assert "hat Beschlüsse und kann nicht gelöscht werden" in response.content.decode()
    item.refresh_from_db()  # still there


def test_home_shows_the_next_plenary(client):
    MeetingFactory(title="Das nächste Netzwerktreffen")
    page = client.get(reverse("home")).content.decode()
    assert "Nächstes Netzwerktreffen" in page and "Das nächste Netzwerktreffen" in page


@pytest.mark.parametrize(
    ("today", "year_line"),
    [
        (berlin(2026, 10, 15, 10), "2026: 0 von 3 Netzwerktreffen abgehalten, 1 geplant"),
        # From 2 December on, a meeting 30 days ahead belongs to next year.
        (berlin(2026, 12, 2, 10), "2026: 0 von 3 Netzwerktreffen abgehalten, 0 geplant"),
        (berlin(2028, 2, 29, 12), "2028: 0 von 3 Netzwerktreffen abgehalten, 1 geplant"),
    ],
    ids=["october", "december", "leap-day"],
)
def test_coordination_shows_check_rsvp_counts_and_links(
    client_as, partner_org, clock, today, year_line
):
    clock(today)
    start = today + datetime.timedelta(days=30)
    meeting = MeetingFactory(
        title="Herbsttreffen",
        start=start,
        end=start + datetime.timedelta(hours=2),
        invitation_sent_at=today,
    )
    Invitation.objects.create(meeting=meeting, organisation=partner_org, answer="yes")
    page = client_as("coordinator").get(reverse("coordination")).content.decode()
    assert year_line in page
    assert "1 Zusagen, 0 vielleicht, 0 Absagen, 0 offen" in page
    assert reverse("meetings:responses", kwargs={"pk": meeting.pk}) in page
    assert reverse("meetings:create") in page
    assert reverse("meetings:programme_create") in page
    speaker = client_as("speaker").get(reverse("coordination")).content.decode()
    assert "Herbsttreffen" in speaker
    assert reverse("meetings:create") not in speaker


def test_my_network_hook_lists_open_invitations(rf, partner_contact, partner_org, stranger):
    from meetings.hooks import my_network_sections

    meeting = MeetingFactory(title="Sommertreffen", invitation_sent_at=timezone.now())
    Invitation.objects.create(meeting=meeting, organisation=partner_org)
    request = rf.get("/mein-netzwerk/")
    request.user = partner_contact
    [section] = my_network_sections(request)
    assert [i.meeting for i in section["invitations"]] == [meeting]
    request.user = stranger
    assert my_network_sections(request) == []


def test_minutes_choice_tells_same_titled_meetings_apart_by_date(client_as):
    title = "Treffen der Arbeitsgruppe Engagement im Quartier"
    for start in (berlin(2025, 9, 10), berlin(2026, 3, 12)):
        MeetingFactory(
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=2),
            status=Meeting.Status.HELD,
        )
    meeting = MeetingFactory()
    page = (
        client_as("coordinator")
        .get(reverse("meetings:agenda_create", kwargs={"pk": meeting.pk}))
        .content.decode()
    )
    select = re.search(r'<select name="approves_minutes_of".*?</select>', page, re.S).group()
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select)
    labels = [html.unescape(label) for _pk, label in options]
    assert labels == [
        f"{title} – 12.03.2026",
        f"{title} – 10.09.2025",
    ]


@pytest.mark.parametrize("role", ["anonymous", "partner_contact"])
def test_visitors_of_a_meeting_without_agenda_are_told_it_follows(client_as, role):
    meeting = MeetingFactory()
    page = client_as(role).get(meeting.get_absolute_url()).content.decode()
    assert "Die Tagesordnung wird noch veröffentlicht." in page
    assert "Ersten Tagesordnungspunkt hinzufügen" not in page


def test_coordinator_of_a_meeting_without_agenda_is_led_to_the_first_item(client_as):
    meeting = MeetingFactory()
    page = client_as("coordinator").get(meeting.get_absolute_url()).content.decode()
    assert "Die Tagesordnung wird noch veröffentlicht." not in page
    assert "Die Tagesordnung ist noch leer." in page
    create = reverse("meetings:agenda_create", kwargs={"pk": meeting.pk})
    assert f'<a href="{create}">Ersten Tagesordnungspunkt hinzufügen</a>' in page
