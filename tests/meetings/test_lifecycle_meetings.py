"""The issue's reproductions for meetings, minutes and resolutions: a held meeting keeps
its date and kind, approved minutes and their resolutions are final, numbers are plausible
(the work programme's are in test_lifecycle_programme.py).

Each test goes through the URL a coordinator or partner uses and failed before the
lifecycle (meetings/policies.py) was enforced.
"""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Correction
from meetings import services
from meetings.models import (
    AgendaItem,
    Invitation,
    Meeting,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)
from tests.factories import OrganisationFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, WorkProgrammeFactory, berlin
from tests.meetings.factories import held_meeting as held
from tests.meetings.lifecycle import TODAY, edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs(db):
    return [OrganisationFactory() for _ in range(4)]


# ---------------------------------------------------------------------------
# 1. A held meeting keeps its date and kind


@pytest.mark.parametrize(
    "changes",
    [
        {"start": "2025-10-01T18:00", "end": "2025-10-01T20:00"},
        {"start": "2027-03-01T18:00", "end": "2027-03-01T20:00"},
        {"kind": Meeting.Kind.WORKGROUP},
    ],
    ids=["moved-to-2025", "moved-to-2027", "made-a-working-group-meeting"],
)
def test_a_held_meeting_is_not_re_dated_or_re_typed_by_its_edit_form(
    client_as, clock, orgs, changes
):
    clock(TODAY)
    for month in (3, 6, 11):
        held(berlin(2025, month, 10), organisations=orgs)
    meeting = held(berlin(2026, 3, 12), organisations=orgs, title="Frühjahr")
    client = client_as("coordinator")
    response = client.post(
        reverse("meetings:update", kwargs={"pk": meeting.pk}),
        edit_data(meeting, title="Frühjahrstreffen", **changes),
    )
    assert response.status_code == HTTPStatus.FOUND
    stored = Meeting.objects.get(pk=meeting.pk)
    assert (stored.start, stored.end, stored.kind) == (meeting.start, meeting.end, meeting.kind)
    assert stored.title == "Frühjahrstreffen"  # what is not locked still changes
    assert Meeting.objects.yearly_check(2025).held == 3
    assert Meeting.objects.yearly_check(2026).held == 1
    assert Meeting.objects.yearly_check(2027).held == 0
    panel = client.get(reverse("coordination")).content.decode()
    assert "4 von 3" not in panel
    with pytest.raises(ValidationError, match="berichtigen"):
        services.update_meeting(
            meeting=stored, by=client.user, start=berlin(2027, 3, 1), end=berlin(2027, 3, 1, 20)
        )


def test_a_held_meeting_s_date_is_corrected_with_a_reason_and_shown(client_as, clock, orgs):
    clock(TODAY)
    meeting = held(berlin(2026, 3, 12), organisations=orgs, title="Frühjahr")
    client = client_as("coordinator")
    page = client.get(meeting.get_absolute_url()).content.decode()
    correct_url = reverse("meetings:correct", kwargs={"pk": meeting.pk})
    assert correct_url in page
    assert reverse("meetings:update", kwargs={"pk": meeting.pk}) in page  # title, place …
    future = client.post(
        correct_url,
        {"start": "2027-03-12 18:00", "end": "2027-03-12 20:00", "reason": "Tippfehler"},
    )
    assert future.status_code == HTTPStatus.OK
    assert "nicht in der Zukunft" in future.content.decode()
    response = client.post(
        correct_url,
        {"start": "2026-03-13 18:00", "end": "2026-03-13 20:00", "reason": "Falscher Tag"},
    )
    assert response.status_code == HTTPStatus.FOUND
    meeting.refresh_from_db()
    assert meeting.start == berlin(2026, 3, 13)
    correction = Correction.objects.of(meeting).get()
    assert correction.reason == "Falscher Tag"
    public = client_as("anonymous").get(meeting.get_absolute_url()).content.decode()
    assert "berichtigt am" in public and "Falscher Tag" in public
    assert "12. März 2026" in public  # the original date stays visible


# ---------------------------------------------------------------------------
# 2. Approved minutes and their resolutions are final


@pytest.fixture
def approved(clock):
    """A held meeting with a 25–0–2 resolution whose minutes a later meeting approved."""
    clock(TODAY)
    organisations = [OrganisationFactory() for _ in range(33)]
    first = held(berlin(2026, 3, 12), organisations=organisations, title="Frühjahr")
    item = AgendaItemFactory(meeting=first, title="Leitbild", minutes="Das Leitbild steht.")
    resolution = Resolution.objects.create(
        agenda_item=item, text="Das Leitbild wird beschlossen.", votes_yes=25, votes_abstain=2
    )
    later = held(berlin(2026, 6, 18), organisations=organisations, title="Sommer")
    AgendaItemFactory(meeting=later, title="Protokoll", approves_minutes_of=first)
    return first, item, resolution


def test_approved_minutes_are_not_rewritten_but_corrected(client_as, approved):
    meeting, item, _resolution = approved
    assert meeting.is_final() and item.is_final()
    client = client_as("coordinator")
    minutes_url = reverse("meetings:minutes", kwargs={"pk": meeting.pk, "item": item.pk})
    response = client.post(minutes_url, {"minutes": "Ganz anders."})
    assert response.status_code == HTTPStatus.OK
    assert "Protokoll dieses Treffens ist genehmigt" in response.content.decode()
    item.refresh_from_db()
    assert item.minutes == "Das Leitbild steht."
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{minutes_url}"' not in page
    correct_url = reverse("meetings:minutes_correct", kwargs={"pk": meeting.pk, "item": item.pk})
    assert correct_url in page
    client.post(correct_url, {"minutes": "Das Leitbild steht fest.", "reason": "Wortlaut"})
    item.refresh_from_db()
    assert item.minutes == "Das Leitbild steht fest."
    page = client_as("partner_contact").get(meeting.get_absolute_url()).content.decode()
    assert "ursprünglich „Das Leitbild steht.“" in page


def test_a_final_resolution_is_not_rewritten_and_its_correction_keeps_the_result(
    client_as, approved
):
    meeting, _item, resolution = approved
    assert resolution.result_label == "25–0–2 angenommen"
    client = client_as("coordinator")
    update_url = reverse(
        "meetings:resolution_update", kwargs={"pk": meeting.pk, "resolution": resolution.pk}
    )
    response = client.post(
        update_url,
        {"text": "Abgelehnt.", "votes_yes": 1, "votes_no": 30, "votes_abstain": 2},
    )
    assert response.status_code == HTTPStatus.OK
    resolution.refresh_from_db()
    assert resolution.result_label == "25–0–2 angenommen"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert update_url not in page
    correct_url = reverse(
        "meetings:resolution_correct", kwargs={"pk": meeting.pk, "resolution": resolution.pk}
    )
    assert correct_url in page
    response = client.post(
        correct_url,
        {
            "text": resolution.text,
            "votes_yes": 1,
            "votes_no": 30,
            "votes_abstain": 2,
            "reason": "Die Stimmen waren vertauscht.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    resolution.refresh_from_db()
    assert resolution.result_label == "1–30–2 abgelehnt"
    for url in (meeting.get_absolute_url(), reverse("meetings:resolutions")):
        page = client_as("anonymous").get(url).content.decode()
        assert "Die Stimmen waren vertauscht." in page
        assert "ursprünglich „25“" in page and "ursprünglich „angenommen“" in page
        assert "jetzt „abgelehnt“" in page


# ---------------------------------------------------------------------------
# 6. Plausible numbers


@pytest.mark.parametrize(
    ("votes", "message"),
    [
        ((50, 0, 0), "nur 4 anwesende Organisationen"),
        ((0, 0, 0), "Ohne abgegebene Stimmen gibt es kein Ergebnis"),
        ((10**20, 0, 0), "Bitte eine Zahl von 0 bis zur Zahl der anwesenden Organisationen"),
    ],
    ids=["more-votes-than-organisations", "no-votes", "absurd"],
)
def test_votes_fit_the_attendance(client_as, clock, orgs, votes, message):
    clock(TODAY)
    meeting = held(berlin(2026, 11, 26), organisations=orgs)
    item = AgendaItemFactory(meeting=meeting)
    yes, no, abstain = votes
    response = client_as("coordinator").post(
        reverse("meetings:resolution_create", kwargs={"pk": meeting.pk, "item": item.pk}),
        {"text": "Beschluss", "votes_yes": yes, "votes_no": no, "votes_abstain": abstain},
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert message in page and "9223372036854775807" not in page
    assert not Resolution.objects.exists()


@pytest.mark.parametrize("year", [1900, 99999, 10**20])
def test_programme_years_are_plausible(client_as, clock, year):
    clock(TODAY)
    response = client_as("coordinator").post(
        reverse("meetings:programme_create"), {"year": year, "introduction": ""}
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Ein Arbeitsprogramm gilt für ein Jahr von 2000 bis 2031." in page
    assert not WorkProgramme.objects.exists()
    with pytest.raises(ValidationError):
        services.create_programme(by=client_as("coordinator").user, year=year)


@pytest.mark.parametrize("count", [1_000_000, 10**20, 51])
def test_rsvp_counts_are_plausible(client_as, clock, partner_contact, count):
    clock(TODAY)
    meeting = MeetingFactory(
        start=berlin(2026, 12, 20), end=berlin(2026, 12, 20, 20), invitation_sent_at=TODAY
    )
    organisation = partner_contact.contacts.get().organisation
    Invitation.objects.create(meeting=meeting, organisation=organisation)
    response = client_as("partner_contact").post(
        reverse("meetings:rsvp", kwargs={"pk": meeting.pk}),
        {"organisation": organisation.pk, "answer": "yes", "attendee_count": count},
    )
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "zwischen 0 und 50 Personen" in page and "9223372036854775807" not in page
    assert Invitation.objects.get().answer == ""
    with pytest.raises(ValidationError):
        services.answer_invitation(
            meeting=meeting,
            organisation=organisation,
            by=partner_contact,
            answer="yes",
            attendee_count=count,
        )


def test_agenda_item_and_programme_item_writes_go_through_services(client_as, clock, orgs):
    clock(TODAY)
    planned = MeetingFactory(start=berlin(2026, 12, 20), end=berlin(2026, 12, 20, 20))
    client = client_as("coordinator")
    response = client.post(
        reverse("meetings:agenda_create", kwargs={"pk": planned.pk}),
        {"order": 1, "title": "Arbeitsprogramm", "work_programme": ""},
    )
    assert response.status_code == HTTPStatus.FOUND
    item = AgendaItem.objects.get(meeting=planned)
    response = client.post(
        reverse("meetings:agenda_update", kwargs={"pk": planned.pk, "item": item.pk}),
        {"order": 10**20, "title": "X"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Bitte eine Zahl von 0 bis 999." in response.content.decode()
    programme = WorkProgrammeFactory(year=2027)
    response = client.post(
        reverse("meetings:programme_item_create", kwargs={"year": 2027}),
        {"order": 1, "title": "Messe", "status": "planned"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert WorkProgrammeItem.objects.get(programme=programme).title == "Messe"
