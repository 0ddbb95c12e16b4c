"""Attempts to change a final record in the Django admin as a coordinator: change forms,
inlines, history revert, bulk actions, deleting what a record points to; and the
strongest user getting stronger (superuser flag, other persons' passwords).

Each asserts the rule holds. Raw SQL and cascades from deleting people (erasure of
personal data) are out of reach of these guards. The shared records (`approved`,
`adopted`) are in tests/records/conftest.py, the helpers in tests/records/attacks.py.
"""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from core.records import FinalRecordError
from core.services import record_correction
from meetings.models import AgendaItem, Attendance, Invitation, Meeting, WorkProgramme
from tests.factories import OrganisationFactory, UserFactory, give_second_factor
from tests.meetings.factories import InvitationFactory, MeetingFactory, WorkProgrammeFactory, berlin
from tests.partners.admin_post import admin_change_data
from tests.records.attacks import admin_url, history_form_data

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# 1. Django admin as a coordinator


def test_admin_meeting_change_and_delete_refused(client_as, approved):
    first = approved["first"]
    client = client_as("coordinator")
    response = client.post(
        admin_url(Meeting, "change", first.pk), {"title": "Umgeschrieben", "kind": "plenary"}
    )
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.OK, HTTPStatus.FOUND)
    client.post(admin_url(Meeting, "delete", first.pk), {"post": "yes"})
    first.refresh_from_db()
    assert first.title == "Frühjahr"


def test_admin_meeting_history_revert_refused_cleanly(client_as, approved):
    """simple_history's revert form checks view-OR-change permission only."""
    first = approved["first"]
    client = client_as("coordinator")
    version = first.history.earliest()
    url = reverse("admin:meetings_meeting_simple_history", args=[first.pk, version.history_id])
    response = client.get(url)
    if response.status_code == HTTPStatus.OK:
        data = history_form_data(
            response,
            title="Umgeschrieben",
            start_0="2026-03-12",
            start_1="18:00",
            end_0="2026-03-12",
            end_1="20:00",
        )
        try:
            response = client.post(url, data)
        except FinalRecordError:
            pytest.fail("history revert of a final meeting ends in a 500 (FinalRecordError)")
    first.refresh_from_db()
    assert first.title == "Frühjahr"
    assert response.status_code != HTTPStatus.INTERNAL_SERVER_ERROR


def test_admin_attendance_bulk_delete_refused(client_as, approved):
    first = approved["first"]
    pks = list(first.attendances.values_list("pk", flat=True))
    client_as("coordinator").post(
        admin_url(Attendance, "changelist"),
        {"action": "delete_selected", "_selected_action": pks, "post": "yes"},
    )
    assert first.attendances.count() == 5


def test_admin_attendance_add_to_final_meeting_refused(client_as, approved):
    first = approved["first"]
    newcomer = OrganisationFactory()
    client_as("coordinator").post(
        admin_url(Attendance, "add"),
        {"meeting": first.pk, "organisation": newcomer.pk, "attendee_names": ""},
    )
    assert first.attendances.count() == 5


def test_admin_attendance_moved_into_final_meeting_refused(client_as, approved):
    first = approved["first"]
    other = MeetingFactory(start=berlin(2026, 12, 20), end=berlin(2026, 12, 20, 20))
    newcomer = OrganisationFactory()
    attendance = Attendance.objects.create(meeting=other, organisation=newcomer)
    client_as("coordinator").post(
        admin_url(Attendance, "change", attendance.pk),
        {"meeting": first.pk, "organisation": newcomer.pk, "attendee_names": ""},
    )
    assert first.attendances.count() == 5


def test_admin_attendance_history_revert_refused(client_as, approved):
    first = approved["first"]
    attendance = Attendance.objects.create(meeting=first, organisation=OrganisationFactory())
    stranger_org = OrganisationFactory()
    url = reverse(
        "admin:meetings_attendance_simple_history",
        args=[attendance.pk, attendance.history.earliest().history_id],
    )
    client_as("coordinator").post(
        url, {"meeting": first.pk, "organisation": stranger_org.pk, "attendee_names": "X"}
    )
    attendance.refresh_from_db()
    assert attendance.organisation_id != stranger_org.pk


def test_admin_programme_inline_add_refused(client_as, adopted):
    programme, _ = adopted
    client = client_as("coordinator")
    response = client.get(admin_url(WorkProgramme, "change", programme.pk))
    data = admin_change_data(response) if response.status_code == 200 else {}
    data.update(
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-0-title": "Nachgeschoben",
            "items-0-order": "9",
            "items-0-status": "planned",
        }
    )
    client.post(admin_url(WorkProgramme, "change", programme.pk), data)
    assert programme.items.count() == 1


def test_admin_organisation_history_revert_does_not_undo_exit(client_as, db):
    from partners.models import Organisation

    organisation = OrganisationFactory()
    assert organisation.status == Organisation.Status.ACTIVE
    version = organisation.history.latest()
    # It leaves (as the exit task would do it).
    organisation.status = Organisation.Status.LEFT
    organisation.left_on = datetime.date(2026, 1, 1)
    organisation.save()
    client = client_as("coordinator")
    url = reverse(
        "admin:partners_organisation_simple_history", args=[organisation.pk, version.history_id]
    )
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    response = client.post(url, history_form_data(response))
    assert response.status_code == HTTPStatus.FORBIDDEN
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.LEFT


def test_admin_organisation_history_revert_no_third_coordinating(client_as, db):
    from partners.models import Organisation

    former = OrganisationFactory(is_coordinating=True)
    version = former.history.latest()
    Organisation.objects.filter(pk=former.pk).update(is_coordinating=False)
    OrganisationFactory(is_coordinating=True)
    OrganisationFactory(is_coordinating=True)
    client = client_as("coordinator")
    url = reverse(
        "admin:partners_organisation_simple_history", args=[former.pk, version.history_id]
    )
    response = client.get(url)
    try:
        response = client.post(url, history_form_data(response))
    except ValidationError:
        pytest.fail("history revert to a coordinating version ends in a 500")
    assert Organisation.objects.filter(is_coordinating=True).count() == 2


def test_admin_invitation_of_final_meeting_not_deleted(client_as, approved):
    first = approved["first"]
    invitation = InvitationFactory(
        meeting=first, organisation=approved["organisations"][0], answer="yes"
    )
    client_as("coordinator").post(admin_url(Invitation, "delete", invitation.pk), {"post": "yes"})
    assert Invitation.objects.filter(pk=invitation.pk).exists()


# ---------------------------------------------------------------------------
# Cascades a coordinator reaches in the admin / a person through "Konto löschen"


def test_admin_deleting_draft_programme_keeps_final_agenda_item(client_as, approved):
    programme = WorkProgrammeFactory(year=2028)
    item = approved["item"]
    AgendaItem._base_manager.filter(pk=item.pk).update(work_programme=programme)  # set up
    programme_pk = programme.pk
    client_as("coordinator").post(admin_url(WorkProgramme, "delete", programme_pk), {"post": "yes"})
    item.refresh_from_db()
    assert item.work_programme_id == programme_pk


def test_account_deletion_of_a_correcting_coordinator_does_not_500(client_as, approved):
    """Correction.corrected_by is PROTECT: the account deletion raises ProtectedError."""
    client = client_as("coordinator")
    coordinator = client.user
    coordinator.set_password("geheim-geheim-123")
    coordinator.save()
    record_correction(
        record=approved["item"], changes={"minutes": "Neu"}, reason="Tipp", by=coordinator
    )
    try:
        response = client.post(reverse("account_delete"), {"password": "geheim-geheim-123"})
    except IntegrityError:
        pytest.fail("account deletion ends in a 500 (ProtectedError from Correction.corrected_by)")
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)


def test_admin_coordinator_cannot_make_itself_superuser(client_as):
    """Out of the final-records scope, but the strongest user gets stronger: UserAdmin shows
    is_superuser/groups to coordinators (who hold every model permission)."""
    from core.models import User

    client = client_as("coordinator")
    me = client.user
    url = admin_url(User, "change", me.pk)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    client.post(url, admin_change_data(response, is_superuser="on"))
    me.refresh_from_db()
    assert not me.is_superuser


def test_coordinator_sets_no_other_persons_password_but_a_superuser_does(client_as, stranger):
    url = reverse("admin:auth_user_password_change", args=[stranger.pk])
    data = {"password1": "ein-neues-passwort-123", "password2": "ein-neues-passwort-123"}
    response = client_as("coordinator").post(url, data)
    assert response.status_code == HTTPStatus.FORBIDDEN
    stranger.refresh_from_db()
    assert not stranger.check_password("ein-neues-passwort-123")

    superuser = UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)
    give_second_factor(superuser)
    from django.test import Client

    client = Client()
    client.force_login(superuser)
    assert client.post(url, {**data, "usable_password": "true"}).status_code == HTTPStatus.FOUND
    stranger.refresh_from_db()
    assert stranger.check_password("ein-neues-passwort-123")
