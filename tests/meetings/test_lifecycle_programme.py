"""The issue's reproductions for the work programme: adopted by its resolution at the
year's last plenary, and kept by the admin once adopted (meetings, minutes and resolutions
are in test_lifecycle_meetings.py).

Each test goes through the URL a coordinator or partner uses and failed before the
lifecycle (meetings/policies.py) was enforced.
"""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings import services
from meetings.models import Meeting, Resolution, WorkProgramme
from tests.factories import OrganisationFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    berlin,
)
from tests.meetings.factories import held_meeting as held
from tests.meetings.lifecycle import TODAY, edit_data

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# 3. The work programme: adopted by its resolution at the year's last plenary


@pytest.fixture
def last_plenary(clock):
    clock(TODAY)
    organisations = [OrganisationFactory() for _ in range(5)]
    for month in (3, 6):
        held(berlin(2026, month, 10), organisations=organisations)
    meeting = held(berlin(2026, 11, 26), organisations=organisations, title="Jahresabschluss")
    programme = WorkProgrammeFactory(year=2027)
    WorkProgrammeItemFactory(programme=programme, title="Engagementmesse")
    on_programme = AgendaItemFactory(
        meeting=meeting, title="Arbeitsprogramm 2027", work_programme=programme
    )
    budget = AgendaItemFactory(meeting=meeting, title="Haushalt")
    return meeting, programme, on_programme, budget


def test_recording_the_resolution_on_the_programme_adopts_it_in_one_act(client_as, last_plenary):
    meeting, programme, on_programme, _budget = last_plenary
    client = client_as("coordinator")
    response = client.post(
        reverse("meetings:resolution_create", kwargs={"pk": meeting.pk, "item": on_programme.pk}),
        {
            "text": "Das Netzwerk beschließt das Arbeitsprogramm 2027.",
            "votes_yes": 4,
            "votes_no": 0,
            "votes_abstain": 1,
            "is_public": "on",
        },
        follow=True,
    )
    assert "Das Arbeitsprogramm ist damit beschlossen." in response.content.decode()
    programme.refresh_from_db()
    resolution = Resolution.objects.get(agenda_item=on_programme)
    assert programme.is_adopted and programme.adopted_by_resolution == resolution
    page = client_as("anonymous").get(programme.get_absolute_url()).content.decode()
    assert "Beschlossen" in page


def test_the_adopt_form_offers_only_resolutions_on_that_programme(client_as, last_plenary):
    meeting, programme, _on_programme, budget = last_plenary
    budget_resolution = Resolution.objects.create(
        agenda_item=budget, text="Der Haushalt wird beschlossen.", votes_yes=5
    )
    client = client_as("coordinator")
    url = reverse("meetings:programme_adopt", kwargs={"year": 2027})
    assert f'value="{budget_resolution.pk}"' not in client.get(url).content.decode()
    response = client.post(url, {"resolution": budget_resolution.pk})
    assert response.status_code == HTTPStatus.OK
    programme.refresh_from_db()
    budget.refresh_from_db()
    assert not programme.is_adopted
    assert budget.work_programme is None  # the budget item is not relabelled
    with pytest.raises(ValidationError, match="nicht zu einem Tagesordnungspunkt"):
        services.adopt_programme(programme=programme, resolution=budget_resolution, by=client.user)


def test_no_plenary_is_scheduled_after_the_one_that_adopted_the_programme(client_as, last_plenary):
    meeting, programme, on_programme, _budget = last_plenary
    client = client_as("coordinator")
    services.record_resolution(
        agenda_item=on_programme,
        by=client.user,
        text="Beschlossen.",
        votes_yes=5,
        votes_no=0,
        votes_abstain=0,
        is_public=True,
    )
    programme.refresh_from_db()
    assert programme.is_adopted
    data = {
        "kind": Meeting.Kind.PLENARY,
        "title": "Adventstreffen",
        "start": "2026-12-17T18:00",
        "end": "2026-12-17T20:00",
        "place": "Rathaus",
    }
    response = client.post(reverse("meetings:create"), data)
    assert response.status_code == HTTPStatus.OK
    assert "kein Netzwerktreffen mehr ansetzen" in response.content.decode()
    assert not Meeting.objects.filter(title="Adventstreffen").exists()
    # Nor can a planned meeting of next year be moved there.
    spring = MeetingFactory(
        title="Frühjahr 2027", start=berlin(2027, 3, 11), end=berlin(2027, 3, 11, 20)
    )
    response = client.post(
        reverse("meetings:update", kwargs={"pk": spring.pk}),
        edit_data(spring, start="2026-12-17T18:00", end="2026-12-17T20:00"),
    )
    assert "kein Netzwerktreffen mehr ansetzen" in response.content.decode()
    spring.refresh_from_db()
    assert spring.year == 2027
    # The adopting meeting itself keeps its date and kind (it was held).
    response = client.post(
        reverse("meetings:update", kwargs={"pk": meeting.pk}),
        edit_data(meeting, kind=Meeting.Kind.WORKGROUP, start="2026-10-01T18:00"),
    )
    meeting.refresh_from_db()
    assert (meeting.kind, meeting.start) == (Meeting.Kind.PLENARY, berlin(2026, 11, 26))


def test_the_coordination_warning_ends_with_the_adoption(client_as, clock):
    clock(berlin(2026, 11, 20, 12))
    last = MeetingFactory(
        title="Jahresabschluss", start=berlin(2026, 12, 3), end=berlin(2026, 12, 3, 20)
    )
    client = client_as("coordinator")
    warning = "hat noch keinen Tagesordnungspunkt zum Arbeitsprogramm"
    assert warning in client.get(reverse("coordination")).content.decode()
    earlier = held(berlin(2026, 11, 1), organisations=[OrganisationFactory()])
    resolution = Resolution.objects.create(
        agenda_item=AgendaItemFactory(meeting=earlier), text="Beschlossen.", votes_yes=1
    )
    WorkProgrammeFactory(
        year=2027, status=WorkProgramme.Status.ADOPTED, adopted_by_resolution=resolution
    )
    assert last.status == Meeting.Status.PLANNED
    assert warning not in client.get(reverse("coordination")).content.decode()


# ---------------------------------------------------------------------------
# 5. The admin keeps adopted programmes and resolutions of held meetings


def test_the_admin_does_not_change_an_adopted_programme_or_its_items(client_as, last_plenary):
    _meeting, programme, on_programme, _budget = last_plenary
    client = client_as("coordinator")
    services.record_resolution(
        agenda_item=on_programme,
        by=client.user,
        text="Beschlossen.",
        votes_yes=5,
        votes_no=0,
        votes_abstain=0,
        is_public=True,
    )
    item = programme.items.get()
    url = reverse("admin:meetings_workprogramme_change", args=[programme.pk])
    page = client.get(url).content.decode()
    assert 'name="year"' not in page and 'name="items-0-title"' not in page
    response = client.post(
        url,
        {
            "year": 2031,
            "introduction": "Neu",
            "items-TOTAL_FORMS": 1,
            "items-INITIAL_FORMS": 1,
            "items-0-id": item.pk,
            "items-0-programme": programme.pk,
            "items-0-title": "Anders",
            "items-0-order": 1,
            "items-0-status": "planned",
            "items-0-DELETE": "on",
        },
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    programme.refresh_from_db()
    item.refresh_from_db()
    assert programme.year == 2027 and item.title == "Engagementmesse"
    delete = client.post(
        reverse("admin:meetings_workprogramme_delete", args=[programme.pk]), {"post": "yes"}
    )
    assert delete.status_code == HTTPStatus.FORBIDDEN
    assert WorkProgramme.objects.filter(pk=programme.pk).exists()


def test_the_admin_does_not_delete_a_resolution_of_a_held_meeting(client_as, last_plenary):
    _meeting, _programme, _on_programme, budget = last_plenary
    resolution = Resolution.objects.create(agenda_item=budget, text="Haushalt.", votes_yes=5)
    response = client_as("coordinator").post(
        reverse("admin:meetings_resolution_delete", args=[resolution.pk]), {"post": "yes"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Resolution.objects.filter(pk=resolution.pk).exists()
