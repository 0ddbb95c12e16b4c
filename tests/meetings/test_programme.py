"""The annual work programme and its adoption at the last plenary of the year before."""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import Meeting, WorkProgramme, WorkProgrammeItem, year_bounds
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    ResolutionFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    berlin,
)

pytestmark = pytest.mark.django_db


def held_resolution(start, programme=None, **kwargs):
    """A resolution under an agenda item about `programme` at a held meeting."""
    meeting = MeetingFactory(
        start=start, end=start + datetime.timedelta(hours=2), status=Meeting.Status.HELD, **kwargs
    )
    return ResolutionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, work_programme=programme)
    )


def test_adoption_at_a_meeting_of_another_year_is_refused(coordinator):
    programme = WorkProgrammeFactory(year=2026)
    resolution = held_resolution(berlin(2026, 2, 10), programme)
    with pytest.raises(ValidationError, match="letzte Netzwerktreffen des Jahres 2025"):
        services.adopt_programme(programme=programme, resolution=resolution, by=coordinator)
    programme.refresh_from_db()
    assert programme.status == WorkProgramme.Status.DRAFT


def test_adoption_at_the_last_plenary_of_the_previous_year(coordinator, client_as):
    programme = WorkProgrammeFactory(year=2026)
    WorkProgrammeItemFactory(programme=programme, title="Engagementmesse")
    resolution = held_resolution(berlin(2025, 11, 20), programme)
    client = client_as("coordinator")
    response = client.post(
        reverse("meetings:programme_adopt", kwargs={"year": 2026}),
        {"resolution": resolution.pk},
        follow=True,
    )
    assert "Das Arbeitsprogramm ist als beschlossen eingetragen." in response.content.decode()
    programme.refresh_from_db()
    assert programme.is_adopted and programme.adopted_by_resolution == resolution
    resolution.agenda_item.refresh_from_db()
    assert resolution.agenda_item.work_programme == programme
    page = client_as("anonymous").get(programme.get_absolute_url()).content.decode()
    assert "Beschlossen" in page and resolution.get_absolute_url() in page
    assert "Engagementmesse" in page


def test_adoption_view_offers_no_resolution_of_another_year(client_as):
    # Changed: the form used to offer every resolution and the service refused it; now
    # it offers only resolutions on this programme at a plenary of the year before.
    programme = WorkProgrammeFactory(year=2026)
    resolution = held_resolution(berlin(2024, 11, 20), programme)
    url = reverse("meetings:programme_adopt", kwargs={"year": 2026})
    client = client_as("coordinator")
    assert f'value="{resolution.pk}"' not in client.get(url).content.decode()
    response = client.post(url, {"resolution": resolution.pk})
    assert response.status_code == HTTPStatus.OK
    programme.refresh_from_db()
    assert not programme.is_adopted


def test_adoption_is_refused_when_a_later_plenary_of_that_year_exists(coordinator):
    # Changed: this used to be only a warning (the reproduction 3).
    programme = WorkProgrammeFactory(year=2026)
    resolution = held_resolution(berlin(2025, 9, 10), programme)
    MeetingFactory(title="Adventstreffen", start=berlin(2025, 12, 5), end=berlin(2025, 12, 5, 20))
    with pytest.raises(ValidationError, match="Adventstreffen"):
        services.adopt_programme(programme=programme, resolution=resolution, by=coordinator)
    programme.refresh_from_db()
    assert not programme.is_adopted


def test_adoption_by_a_rejected_resolution_or_a_working_group_is_refused(
    coordinator, coordinating_org
):
    from workgroups.models import WorkingGroup

    programme = WorkProgrammeFactory(year=2026)
    rejected = held_resolution(berlin(2025, 11, 20), programme)
    rejected.votes_yes, rejected.votes_no = 1, 5
    rejected.save()
    with pytest.raises(ValidationError, match="nicht angenommen"):
        services.adopt_programme(programme=programme, resolution=rejected, by=coordinator)
    group = WorkingGroup.objects.create(
        name="AG",
        slug="ag",
        topic="x",
        founded_on=datetime.date(2024, 1, 1),
        lead_organisation=coordinating_org,
    )
    group_resolution = held_resolution(
        berlin(2025, 12, 1), programme, kind=Meeting.Kind.WORKGROUP, workgroup=group
    )
    with pytest.raises(ValidationError, match="Netzwerktreffen"):
        services.adopt_programme(programme=programme, resolution=group_resolution, by=coordinator)


@pytest.mark.parametrize(("role", "status"), [("anonymous", 404), ("partner_contact", 200)])
def test_drafts_are_for_partners_only(client_as, role, status):
    WorkProgrammeFactory(year=2030, introduction="Entwurfstext")
    response = client_as(role).get(reverse("meetings:programme_year", kwargs={"year": 2030}))
    assert response.status_code == status
    listing = client_as(role).get(reverse("meetings:programme")).content.decode()
    assert ("Arbeitsprogramm 2030" in listing) is (status == 200)


def test_public_programme_page_shows_progress(client, coordinator, partner_org):
    year = timezone.localdate().year
    programme = WorkProgrammeFactory(year=year)
    WorkProgrammeItemFactory(
        programme=programme,
        title="Stadtteilfest",
        status=WorkProgrammeItem.Status.DONE,
        responsible_organisation=partner_org,
    )
    WorkProgrammeItemFactory(
        programme=programme,
        title="Fortbildungsreihe",
        status=WorkProgrammeItem.Status.IN_PROGRESS,
        progress_note="Zwei von vier Terminen",
    )
    services.adopt_programme(
        programme=programme,
        resolution=held_resolution(berlin(year - 1, 11, 20), programme),
        by=coordinator,
    )
    page = client.get(reverse("meetings:programme")).content.decode()
    assert "Stadtteilfest" in page and "Zwei von vier Terminen" in page
    assert "1 von 2 Vorhaben erledigt" in page
    assert "Nachbarschaft Linden" in page


def test_coordination_warns_when_last_plenary_lacks_next_years_programme(client_as):
    now = timezone.now()
    # Ten days ahead, but still in this year (Berlin time).
    end_of_year = year_bounds(timezone.localdate().year)[1] - datetime.timedelta(hours=3)
    start = min(now + datetime.timedelta(days=10), end_of_year)
    meeting = MeetingFactory(
        title="Jahresabschluss", start=start, end=start + datetime.timedelta(hours=2)
    )
    client = client_as("coordinator")
    page = client.get(reverse("coordination")).content.decode()
    assert "hat noch keinen Tagesordnungspunkt zum Arbeitsprogramm" in page
    programme = WorkProgrammeFactory(year=timezone.localdate().year + 1)
    AgendaItemFactory(meeting=meeting, work_programme=programme)
    page = client.get(reverse("coordination")).content.decode()
    assert "hat noch keinen Tagesordnungspunkt zum Arbeitsprogramm" not in page


def test_programme_warning_only_for_the_years_last_plenary_when_near(coordinator):
    now = berlin(2026, 11, 1, 12)
    MeetingFactory(start=berlin(2026, 11, 10), end=berlin(2026, 11, 10, 20))
    last = MeetingFactory(start=berlin(2026, 12, 3), end=berlin(2026, 12, 3, 20))
    assert Meeting.objects.last_plenary_without_programme_item(now=now) == last
    assert Meeting.objects.last_plenary_without_programme_item(now=now, within_days=14) is None
    AgendaItemFactory(meeting=last, work_programme=WorkProgrammeFactory(year=2027))
    assert Meeting.objects.last_plenary_without_programme_item(now=now) is None
