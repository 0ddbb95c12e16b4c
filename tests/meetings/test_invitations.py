"""Invitations with agenda and .ics, RSVP until the deadline, reminders."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import services
from meetings.models import Invitation, Meeting
from partners.models import Organisation
from tests.factories import ContactFactory, OrganisationFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    start = (timezone.now() + datetime.timedelta(days=5)).replace(second=0, microsecond=0)
    meeting = MeetingFactory(
        title="Netzwerktreffen Herbst",
        start=start,
        end=start + datetime.timedelta(hours=2),
        online_url="https://meet.example.org/netzwerk",
        rsvp_deadline=start - datetime.timedelta(days=2),
    )
    AgendaItemFactory(meeting=meeting, title="Begrüßung", order=1)
    AgendaItemFactory(meeting=meeting, title="Arbeitsprogramm 2027", order=2, is_public=False)
    return meeting


def send(meeting, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitation(meeting=meeting, by=coordinator)


def test_invitation_mail_carries_agenda_and_a_valid_ics(
    meeting,
    coordinator,
    partner_contact,
    representative,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    left = OrganisationFactory(
        name="Ausgetreten e. V.", status=Organisation.Status.LEFT, joined_on=None
    )
    ContactFactory(organisation=left, email="weg@example.org", user=None)
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    recipients = sorted(address for mail in mailoutbox for address in mail.to)
    assert recipients == ["contact@example.org", "vertretung@example.org"]
    mail = mailoutbox[0]
    assert "Einladung: Netzwerktreffen Herbst" in mail.subject
    assert "1. Begrüßung" in mail.body
    assert "2. Arbeitsprogramm 2027" in mail.body
    assert reverse("meetings:rsvp", kwargs={"pk": meeting.pk}) in mail.body
    filename, content, mimetype = mail.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Netzwerktreffen Herbst"
    assert event.decoded("DTSTART") == meeting.start
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(event["URL"]).endswith(meeting.get_absolute_url())
    assert "Karmarschstraße" in str(event["LOCATION"])
    assert Invitation.objects.filter(meeting=meeting).count() == 1
    meeting.refresh_from_db()
    assert meeting.invitation_sent_at is not None


def test_coordinator_sends_invitation_through_the_confirm_page(
    meeting, client_as, partner_contact, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_as("coordinator")
    url = reverse("meetings:invite", kwargs={"pk": meeting.pk})
    assert "1 Organisation" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == HTTPStatus.FOUND
    assert len(mailoutbox) == 1
    page = client.get(reverse("meetings:responses", kwargs={"pk": meeting.pk})).content.decode()
    assert "Nachbarschaft Linden" in page
    assert "ohne Antwort: 1" in page


def test_only_coordinators_send_invitations(meeting, partner_contact):
    with pytest.raises(PermissionDenied):
        services.send_invitation(meeting=meeting, by=partner_contact)


def test_partner_answers_for_own_organisation_and_can_change_it(
    meeting, coordinator, partner_contact, client_as, django_capture_on_commit_callbacks
):
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    client = client_as("partner_contact")
    url = reverse("meetings:rsvp", kwargs={"pk": meeting.pk})
    org = partner_contact.contacts.get().organisation
    response = client.post(
        url,
        {"organisation": org.pk, "answer": "yes", "attendee_count": 2, "attendee_names": "A\nB"},
    )
    assert response.status_code == HTTPStatus.FOUND
    invitation = Invitation.objects.get(meeting=meeting, organisation=org)
    assert (invitation.answer, invitation.attendee_count) == ("yes", 2)
    assert invitation.answered_by == partner_contact
    client.post(url, {"organisation": org.pk, "answer": "no", "attendee_count": 0})
    invitation.refresh_from_db()
    assert invitation.answer == "no"
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Absage" in detail


def test_partner_cannot_answer_for_another_organisation(
    meeting, coordinator, partner_contact, client_as, django_capture_on_commit_callbacks
):
    other = OrganisationFactory(name="Andere Initiative")
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    response = client_as("partner_contact").post(
        reverse("meetings:rsvp", kwargs={"pk": meeting.pk}),
        {"organisation": other.pk, "answer": "yes", "attendee_count": 1},
    )
    assert response.status_code == HTTPStatus.OK  # form error: not a valid choice
    assert not Invitation.objects.filter(organisation=other).exclude(answer="").exists()
    with pytest.raises(PermissionDenied):
        services.answer_invitation(
            meeting=meeting, organisation=other, by=partner_contact, answer="yes"
        )


def test_rsvp_after_the_deadline_is_refused_with_a_message(
    meeting, coordinator, partner_contact, client_as, django_capture_on_commit_callbacks
):
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    meeting.rsvp_deadline = timezone.now() - datetime.timedelta(minutes=1)
    meeting.save()
    org = partner_contact.contacts.get().organisation
    with pytest.raises(ValidationError, match="Frist für Rückmeldungen ist am"):
        services.answer_invitation(
            meeting=meeting, organisation=org, by=partner_contact, answer="yes", attendee_count=1
        )
    client = client_as("partner_contact")
    url = reverse("meetings:rsvp", kwargs={"pk": meeting.pk})
    page = client.get(url).content.decode()
    assert "Die Frist für Rückmeldungen ist am" in page
    response = client.post(url, {"organisation": org.pk, "answer": "yes", "attendee_count": 1})
    assert "Die Frist für Rückmeldungen ist am" in response.content.decode()
    assert Invitation.objects.get(meeting=meeting).answer == ""


def test_who_comes_is_bounded_with_a_german_message(
    meeting, coordinator, partner_contact, client_as, django_capture_on_commit_callbacks
):
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    org = partner_contact.contacts.get().organisation
    url = reverse("meetings:rsvp", kwargs={"pk": meeting.pk})
    response = client_as("partner_contact").post(
        url,
        {
            "organisation": org.pk,
            "answer": "yes",
            "attendee_count": 2,
            "attendee_names": "x" * 10_000,
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "höchstens 500 Zeichen" in response.text
    assert 'maxlength="500"' in response.text
    assert Invitation.objects.get(meeting=meeting, organisation=org).answer == ""
    with pytest.raises(ValidationError, match="höchstens 500 Zeichen"):
        services.answer_invitation(
            meeting=meeting,
            organisation=org,
            by=partner_contact,
            answer="yes",
            attendee_count=2,
            attendee_names="x" * 501,
        )


def test_the_names_of_who_comes_fit_the_count(
    meeting, coordinator, partner_contact, client_as, django_capture_on_commit_callbacks
):
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    org = partner_contact.contacts.get().organisation
    url = reverse("meetings:rsvp", kwargs={"pk": meeting.pk})
    client = client_as("partner_contact")
    response = client.post(
        url,
        {
            "organisation": org.pk,
            "answer": "yes",
            "attendee_count": 1,
            "attendee_names": "Ada\nBo\nCy",
        },
    )
    assert response.status_code == HTTPStatus.OK
    # One person is "1 Person", not "1 Personen" (issue 17).
    assert "Sie haben 3 Namen angegeben, aber 1 Person angemeldet." in response.text
    assert Invitation.objects.get(meeting=meeting, organisation=org).answer == ""
    # Fewer names than people is fine (not everyone is known yet); blank lines don't count.
    response = client.post(
        url,
        {
            "organisation": org.pk,
            "answer": "yes",
            "attendee_count": 3,
            "attendee_names": "Ada\n\n Bo \n",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    invitation = Invitation.objects.get(meeting=meeting, organisation=org)
    assert (invitation.attendee_count, invitation.attendee_names) == (3, "Ada\n\n Bo")
    with pytest.raises(ValidationError, match="Sie haben 2 Namen angegeben, aber 1 Person "):
        services.answer_invitation(
            meeting=meeting,
            organisation=org,
            by=partner_contact,
            answer="maybe",
            attendee_count=1,
            attendee_names="Ada\nBo",
        )
    with pytest.raises(ValidationError, match="Sie haben 3 Namen angegeben, aber 2 Personen "):
        services.answer_invitation(
            meeting=meeting,
            organisation=org,
            by=partner_contact,
            answer="maybe",
            attendee_count=2,
            attendee_names="Ada\nBo\nCy",
        )


def test_reminders_reach_only_organisations_without_answer_and_only_once(
    meeting, coordinator, partner_contact, django_capture_on_commit_callbacks, mailoutbox
):
    silent = OrganisationFactory(name="Stille Initiative")
    ContactFactory(organisation=silent, user=None, email="still@example.org")
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    services.answer_invitation(
        meeting=meeting,
        organisation=partner_contact.contacts.get().organisation,
        by=partner_contact,
        answer="yes",
        attendee_count=1,
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders", "--days", "7")
    assert [m.to for m in mailoutbox] == [["still@example.org"]]
    assert "Erinnerung" in mailoutbox[0].subject
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_meeting_reminders")
    assert mailoutbox == []


def test_reminders_wait_until_the_meeting_is_near(
    meeting, coordinator, partner_contact, django_capture_on_commit_callbacks, mailoutbox
):
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(days=3) == 0
    assert mailoutbox == []


def test_cancelling_tells_the_invited_organisations(
    meeting, coordinator, partner_contact, client_as, django_capture_on_commit_callbacks, mailoutbox
):
    send(meeting, coordinator, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    client = client_as("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:cancel", kwargs={"pk": meeting.pk}), {"reason": "Krankheit"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert "Abgesagt" in mailoutbox[0].subject and "Krankheit" in mailoutbox[0].body
    response = client_as("partner_contact").get(meeting.get_absolute_url())
    assert "Dieses Treffen ist abgesagt." in response.content.decode()
