import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.roles import get_roles
from meetings.models import Meeting
from workgroups import services
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db


def _form(start):
    return {
        "title": "Auftakt",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "place": "Freizeitheim Linden, Raum 2",
        "online_url": "",
        "description": "Wir sammeln Themen.",
    }


def test_lead_plans_group_meeting_and_only_members_are_invited(
    client_as, group, outsider, speaker, django_capture_on_commit_callbacks, mailoutbox
):
    services.join_group(group=group, organisation=get_roles(outsider).organisations[0], by=outsider)
    start = timezone.localtime() + datetime.timedelta(days=14)
    client = client_as("representative")
    form = client.get(reverse("workgroups:meeting_create", kwargs={"slug": group.slug}))
    assert "Die Einladung geht an die 2 Mitgliedsorganisationen der Gruppe." in form.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workgroups:meeting_create", kwargs={"slug": group.slug}), _form(start)
        )
    assert response.status_code == HTTPStatus.FOUND
    meeting = Meeting.objects.get(kind=Meeting.Kind.WORKGROUP)
    assert meeting.kind == Meeting.Kind.WORKGROUP
    assert meeting.workgroup == group
    assert meeting.invitation_sent_at is not None
    assert sorted(meeting.invitations.values_list("organisation__slug", flat=True)) == [
        "nachbarschaft-linden",
        "sportfreunde-kleefeld",
    ]
    recipients = sorted(m.to[0] for m in mailoutbox)
    # The lead's organisation has no named participants: its representative is invited.
    assert recipients == ["aussen@example.org", "vertretung@example.org"]
    assert "sprecher@example.org" not in recipients
    assert "Einladung: Treffen der Arbeitsgruppe Digitale Beteiligung" in mailoutbox[0].subject
    page = client_as("anonymous").get(group.get_absolute_url()).text
    assert "Auftakt" in page


def test_group_meeting_end_must_follow_start(client_as, group):
    start = timezone.localtime() + datetime.timedelta(days=3)
    data = {**_form(start), "end": start.strftime("%Y-%m-%dT%H:%M")}
    response = client_as("coordinator").post(
        reverse("workgroups:meeting_create", kwargs={"slug": group.slug}), data
    )
    assert response.status_code == HTTPStatus.OK
    assert "Das Ende muss nach dem Beginn liegen." in response.text
    assert not Meeting.objects.filter(kind=Meeting.Kind.WORKGROUP).exists()


def test_non_lead_member_cannot_plan_a_group_meeting(client_as, group):
    start = timezone.localtime() + datetime.timedelta(days=3)
    response = client_as("partner_contact").post(
        reverse("workgroups:meeting_create", kwargs={"slug": group.slug}), _form(start)
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Meeting.objects.filter(kind=Meeting.Kind.WORKGROUP).exists()


def test_closed_group_cannot_meet(coordinator, group):
    services.close_group(group=group, by=coordinator)
    start = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ValidationError, match="geschlossen"):
        services.schedule_group_meeting(
            group=group,
            by=coordinator,
            title="Zu spät",
            start=start,
            end=start + datetime.timedelta(hours=1),
        )


def _held_meeting(group, *, days_ago, minutes="Wir haben **Ziele** vereinbart."):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.WORKGROUP,
        workgroup=group,
        title=f"Treffen vor {days_ago} Tagen",
        start=start,
        end=start + datetime.timedelta(hours=2),
        status=Meeting.Status.HELD,
    )
    meeting.agenda_items.create(title="Ziele", minutes=minutes, order=1)
    meeting.agenda_items.create(title="Begrüßung", is_public=True, order=0)
    return meeting


def test_minutes_on_the_group_page_are_for_members_only(client_as, group, outsider):
    _held_meeting(group, days_ago=10)
    member_page = client_as("partner_contact").get(group.get_absolute_url()).text
    assert "Wir haben <strong>Ziele</strong> vereinbart." in member_page
    assert "Wir haben <strong>Ziele</strong> vereinbart." in (
        client_as("coordinator").get(group.get_absolute_url()).text
    )
    for role in ["anonymous", "outsider", "speaker"]:
        page = client_as(role).get(group.get_absolute_url()).text
        assert "vereinbart" not in page, role
        assert "Begrüßung" in page, role


def test_next_meeting_is_shown_on_list_and_detail(client_as, group):
    start = timezone.now() + datetime.timedelta(days=5)
    Meeting.objects.create(
        kind=Meeting.Kind.WORKGROUP,
        workgroup=group,
        title="Werkstatt",
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    expected = timezone.localtime(start).strftime("%Y")
    for url in [reverse("workgroups:list"), group.get_absolute_url()]:
        page = client_as("anonymous").get(url).text
        assert "noch nicht geplant" not in page
        assert expected in page


def test_groups_without_a_meeting_in_six_months(group, coordinating_org, partner_org):
    from tests.workgroups.factories import member_group

    recent = member_group(lead=coordinating_org, name="Anerkennungskultur")
    _held_meeting(recent, days_ago=30)
    young = member_group(
        lead=partner_org, name="Neu", founded_on=timezone.localdate() - datetime.timedelta(days=20)
    )
    _held_meeting(group, days_ago=200)
    cancelled_start = timezone.now() - datetime.timedelta(days=5)
    Meeting.objects.create(
        kind=Meeting.Kind.WORKGROUP,
        workgroup=group,
        title="Abgesagt",
        start=cancelled_start,
        end=cancelled_start + datetime.timedelta(hours=1),
        status=Meeting.Status.CANCELLED,
        cancel_reason="Krank",
    )
    quiet = list(WorkingGroup.objects.active().without_recent_meeting())
    assert quiet == [group]
    assert young not in quiet


def test_group_meetings_never_count_toward_the_three_plenary_meetings(group, coordinator):
    year = timezone.localdate().year - 1
    for month in (2, 5, 8, 11):
        start = datetime.datetime(year, month, 10, 17, tzinfo=datetime.UTC)
        Meeting.objects.create(
            kind=Meeting.Kind.WORKGROUP,
            workgroup=group,
            title="Gruppentreffen",
            start=start,
            end=start + datetime.timedelta(hours=2),
            status=Meeting.Status.HELD,
        )
    check = Meeting.objects.yearly_check(year)
    assert check.held == 0
    assert check.state == "missed"
    for month in (3, 6):
        start = datetime.datetime(year, month, 10, 17, tzinfo=datetime.UTC)
        Meeting.objects.create(
            kind=Meeting.Kind.PLENARY,
            title="Netzwerktreffen",
            start=start,
            end=start + datetime.timedelta(hours=2),
            status=Meeting.Status.HELD,
        )
    check = Meeting.objects.yearly_check(year)
    assert check.held == 2
    assert check.state == "missed"


def test_planned_group_meetings_do_not_put_the_year_on_track(group, coordinator):
    start = timezone.now() + datetime.timedelta(days=2)
    for offset in range(3):
        services.schedule_group_meeting(
            group=group,
            by=coordinator,
            title="Gruppentreffen",
            start=start + datetime.timedelta(hours=offset * 3),
            end=start + datetime.timedelta(hours=offset * 3 + 1),
        )
    check = Meeting.objects.yearly_check(timezone.localtime(start).year)
    assert check.planned == 0


def test_group_meeting_invitees_are_the_members_even_when_the_coordination_invites(
    group, outsider, speaker, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    from meetings.services import send_invitation

    services.join_group(group=group, organisation=get_roles(outsider).organisations[0], by=outsider)
    start = timezone.now() + datetime.timedelta(days=9)
    meeting = Meeting.objects.create(
        kind=Meeting.Kind.WORKGROUP,
        workgroup=group,
        title="Werkstatt",
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    assert sorted(o.slug for o in meeting.invitees()) == [
        "nachbarschaft-linden",
        "sportfreunde-kleefeld",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        send_invitation(meeting=meeting, by=coordinator)
    assert sorted(meeting.invitations.values_list("organisation__slug", flat=True)) == [
        "nachbarschaft-linden",
        "sportfreunde-kleefeld",
    ]
    recipients = {m.to[0] for m in mailoutbox}
    assert "aussen@example.org" in recipients
    assert "sprecher@example.org" not in recipients


def test_non_members_cannot_read_group_minutes_or_documents_by_guessing_urls(
    client_as, group, outsider, speaker
):
    from tests.workgroups.factories import MINIMAL_PDF

    meeting = _held_meeting(group, days_ago=3)
    internal = meeting.documents.create(
        title="Teilnehmerliste", file=SimpleUploadedFile("liste.pdf", MINIMAL_PDF)
    )
    public = meeting.documents.create(
        title="Einladung", file=SimpleUploadedFile("einladung.pdf", MINIMAL_PDF), is_public=True
    )
    detail = reverse("meetings:detail", kwargs={"pk": meeting.pk})
    internal_url = reverse("meetings:document", kwargs={"pk": meeting.pk, "doc": internal.pk})
    public_url = reverse("meetings:document", kwargs={"pk": meeting.pk, "doc": public.pk})
    for role in ["partner_contact", "representative", "coordinator"]:
        client = client_as(role)
        assert "vereinbart" in client.get(detail).text, role
        assert client.get(internal_url).status_code == HTTPStatus.OK, role
    for role in ["outsider", "speaker", "stranger", "anonymous"]:
        client = client_as(role)
        page = client.get(detail)
        assert page.status_code == HTTPStatus.OK, role
        assert "vereinbart" not in page.text, role
        assert "Teilnehmerliste" not in page.text, role
        assert client.get(internal_url).status_code in (HTTPStatus.NOT_FOUND, HTTPStatus.FOUND)
        assert client.get(public_url).status_code == HTTPStatus.OK, role
    # Anonymous visitors are sent to the login, logged-in non-members see nothing.
    assert client_as("outsider").get(internal_url).status_code == HTTPStatus.NOT_FOUND
    assert client_as("speaker").get(internal_url).status_code == HTTPStatus.NOT_FOUND
