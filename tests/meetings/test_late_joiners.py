"""Issue 17, findings 2 and 3: invitations follow membership.

An organisation approved as partner, or joining a working group, after the
invitations went out receives the invitations to the upcoming meetings it belongs to
(the same mail, with agenda and .ics) and can reply; one that leaves loses its open
replies, and its reply no longer counts on the meeting's reply list. Through the URLs
people use, with the real mail outbox.
"""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation, Meeting
from partners import services as partner_services
from partners.models import Organisation
from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, berlin
from tests.partners.factories import sign, signed_application
from tests.workgroups.factories import MembershipFactory, WorkingGroupFactory
from workgroups.models import Membership, WorkingGroup

pytestmark = pytest.mark.django_db


def _future(days, **kwargs):
    start = (timezone.now() + datetime.timedelta(days=days)).replace(second=0, microsecond=0)
    return MeetingFactory(start=start, end=start + datetime.timedelta(hours=2), **kwargs)


def _invite(client, meeting, capture):
    with capture(execute=True):
        response = client.post(reverse("meetings:invite", kwargs={"pk": meeting.pk}))
    assert response.status_code == HTTPStatus.FOUND
    meeting.refresh_from_db()
    assert meeting.invitation_sent_at is not None


def _mails_to(outbox, address):
    return [m for m in outbox if address in m.to]


def test_a_partner_approved_after_the_invitations_is_invited_and_can_reply(
    partner_org, representative, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    coordination = client_as("coordinator")
    plenary = _future(10, title="Netzwerktreffen Frühjahr")
    AgendaItemFactory(meeting=plenary, title="Begrüßung", order=1)
    not_yet_invited = _future(40, title="Netzwerktreffen Sommer")
    held_before = MeetingFactory(start=berlin(2020, 3, 1), end=berlin(2020, 3, 1, 20))
    _invite(coordination, plenary, django_capture_on_commit_callbacks)
    application, newcomer = signed_application(name="Neue Nachbarn Hannover")
    assert not Invitation.objects.filter(organisation=application).exists()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordination.post(reverse("partners:approve", kwargs={"slug": application.slug}))
    assert response.status_code == HTTPStatus.FOUND

    invitations = _mails_to(mailoutbox, newcomer.email)
    subjects = sorted(m.subject for m in invitations)
    assert any("Einladung: Netzwerktreffen Frühjahr" in s for s in subjects), subjects
    assert not any("Sommer" in s for s in subjects)
    invitation_mail = next(m for m in invitations if "Frühjahr" in m.subject)
    assert "1. Begrüßung" in invitation_mail.body
    assert invitation_mail.attachments[0][0] == f"treffen-{plenary.pk}.ics"
    # The partners invited before get nothing twice.
    assert not _mails_to(mailoutbox, representative.email)
    assert set(
        Invitation.objects.filter(organisation=application).values_list("meeting", flat=True)
    ) == {plenary.pk}
    assert not Invitation.objects.filter(
        meeting__in=[not_yet_invited, held_before], organisation=application
    ).exists()

    client = client_as("coordinator")
    client.force_login(newcomer)
    page = client.get(reverse("partners:my_network"))
    assert "Netzwerktreffen Frühjahr" in page.text
    assert "Zurzeit keine offenen Einladungen" not in page.text
    response = client.post(
        reverse("meetings:rsvp", kwargs={"pk": plenary.pk}),
        {
            "organisation": application.pk,
            "answer": "yes",
            "attendee_count": 1,
            "attendee_names": newcomer.name,
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Invitation.objects.get(meeting=plenary, organisation=application).answer == "yes"


def _group_with_meeting(coordination, capture, **group_kwargs):
    group = WorkingGroupFactory(name="Arbeitsgruppe Quartier", slug="ag-quartier", **group_kwargs)
    meeting = _future(
        12, title="Treffen der AG Quartier", kind=Meeting.Kind.WORKGROUP, workgroup=group
    )
    MembershipFactory(group=group, organisation=group.lead_organisation)
    _invite(coordination, meeting, capture)
    return group, meeting


def test_an_organisation_joining_an_open_group_is_invited_to_its_meetings(
    partner_org, representative, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    coordination = client_as("coordinator")
    group, meeting = _group_with_meeting(coordination, django_capture_on_commit_callbacks)
    other_group = WorkingGroupFactory(name="Arbeitsgruppe Kultur", slug="ag-kultur")
    other_meeting = _future(
        14, title="Treffen der AG Kultur", kind=Meeting.Kind.WORKGROUP, workgroup=other_group
    )
    MembershipFactory(group=other_group, organisation=other_group.lead_organisation)
    _invite(coordination, other_meeting, django_capture_on_commit_callbacks)
    assert not Invitation.objects.filter(organisation=partner_org).exists()
    mailoutbox.clear()

    client = client_as("representative")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workgroups:join", kwargs={"slug": group.slug}),
            {"organisation": partner_org.pk},
        )
    assert response.status_code == HTTPStatus.FOUND
    assert Membership.objects.get(group=group, organisation=partner_org).status == "active"

    mails = _mails_to(mailoutbox, representative.email)
    assert [m.subject for m in mails] == [
        "[Netzwerk Bürgermitwirkung] Einladung: Treffen der AG Quartier"
    ]
    assert list(
        Invitation.objects.filter(organisation=partner_org).values_list("meeting", flat=True)
    ) == [meeting.pk]
    page = client.get(reverse("partners:my_network"))
    assert "Treffen der AG Quartier" in page.text
    assert "Treffen der AG Kultur" not in page.text


def test_a_member_taken_in_on_request_is_invited_when_approved(
    partner_org, representative, client_as, mailoutbox, django_capture_on_commit_callbacks
):
    coordination = client_as("coordinator")
    group, meeting = _group_with_meeting(
        coordination, django_capture_on_commit_callbacks, access=WorkingGroup.Access.REQUEST
    )
    client = client_as("representative")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("workgroups:join", kwargs={"slug": group.slug}),
            {"organisation": partner_org.pk},
        )
    membership = Membership.objects.get(group=group, organisation=partner_org)
    assert membership.status == "requested"
    assert not Invitation.objects.filter(organisation=partner_org).exists()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordination.post(
            reverse("workgroups:approve", kwargs={"slug": group.slug, "pk": membership.pk})
        )
    assert response.status_code == HTTPStatus.FOUND
    subjects = [m.subject for m in _mails_to(mailoutbox, representative.email)]
    assert "[Netzwerk Bürgermitwirkung] Einladung: Treffen der AG Quartier" in subjects
    assert Invitation.objects.filter(meeting=meeting, organisation=partner_org).exists()


EXIT_ON = datetime.date(2027, 1, 31)


def test_a_departing_partners_reply_stops_counting_and_goes_with_the_exit(
    clock, partner_org, representative, client_as, django_capture_on_commit_callbacks
):
    clock(berlin(2026, 11, 25, 10))
    sign(partner_org, representative)
    staying = OrganisationFactory(name="Bleibt e. V.", slug="bleibt")
    ContactFactory(organisation=staying, user=UserFactory(), email="bleibt@example.org")
    before_exit = MeetingFactory(
        title="Treffen im Januar", start=berlin(2027, 1, 20), end=berlin(2027, 1, 20, 20)
    )
    after_exit = MeetingFactory(
        title="Treffen im Februar", start=berlin(2027, 2, 10), end=berlin(2027, 2, 10, 20)
    )
    coordination = client_as("coordinator")
    for meeting in (before_exit, after_exit):
        _invite(coordination, meeting, django_capture_on_commit_callbacks)
    client = client_as("representative")
    for meeting in (before_exit, after_exit):
        response = client.post(
            reverse("meetings:rsvp", kwargs={"pk": meeting.pk}),
            {
                "organisation": partner_org.pk,
                "answer": "yes",
                "attendee_count": 1,
                "attendee_names": "Rita",
            },
        )
        assert response.status_code == HTTPStatus.FOUND
    responses = reverse("meetings:responses", kwargs={"pk": after_exit.pk})
    assert "Zusagen: 1," in coordination.get(responses).text

    # The exit is declared for a day before the February meeting: from then on the
    # reply to it no longer counts, the January one (still a partner then) does.
    client.post(
        reverse("partners:exit", kwargs={"slug": partner_org.slug}),
        {"exit_on": EXIT_ON.isoformat(), "reason": "Umzug", "confirm": "on"},
    )
    page = coordination.get(responses).text
    assert "Zusagen: 0," in page
    assert "Nicht mehr Partner am Tag des Treffens" in page
    assert "Nachbarschaft Linden (Austritt zum 31. Januar 2027)" in page
    january = coordination.get(reverse("meetings:responses", kwargs={"pk": before_exit.pk})).text
    assert "Zusagen: 1," in january

    # The exit is carried out on its date: the open reply to February is removed.
    clock(berlin(2027, 1, 31, 0, 1))
    partner_services.carry_out_due_exits()
    assert Organisation.objects.get(pk=partner_org.pk).status == Organisation.Status.LEFT
    assert not Invitation.objects.filter(meeting=after_exit, organisation=partner_org).exists()
    coordination = client_as("coordinator")
    page = coordination.get(responses).text
    assert "Zusagen: 0," in page
    assert "Nachbarschaft Linden" not in page


def test_nobody_is_invited_twice_and_a_newcomer_without_meetings_gets_no_mail(
    client_as, mailoutbox, django_capture_on_commit_callbacks
):
    coordination = client_as("coordinator")
    _future(20, title="Noch nicht eingeladen")
    application, newcomer = signed_application(name="Ganz Neu Hannover")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        coordination.post(reverse("partners:approve", kwargs={"slug": application.slug}))
    assert not [m for m in _mails_to(mailoutbox, newcomer.email) if "Einladung" in m.subject]
    assert not Invitation.objects.filter(organisation=application).exists()
