"""Attempts to change a final record as the strongest users would: each asserts the rule holds.

A coordinator in the site and in the admin (change forms, inlines, history revert,
bulk actions, deleting what a record points to), and someone with a Django shell
(save with a stale or rebuilt instance, update, bulk upserts, adding to or moving into
a final parent, corrections that would unlock a record). Raw SQL and cascades from
deleting people (erasure of personal data) are out of reach of these guards.
"""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.models import Correction
from core.records import FinalRecordError
from core.services import record_correction
from meetings.models import (
    AgendaItem,
    Attendance,
    Invitation,
    Meeting,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)
from tests.factories import OrganisationFactory, UserFactory, give_second_factor
from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    berlin,
)
from tests.meetings.factories import (
    held_meeting as held,
)
from tests.partners.admin_post import admin_change_data

pytestmark = pytest.mark.django_db

TODAY = berlin(2026, 12, 6, 12)


@pytest.fixture
def approved(clock):
    """first: final (minutes approved by `later`), with a final item and resolution."""
    clock(TODAY)
    organisations = [OrganisationFactory() for _ in range(5)]
    first = held(berlin(2026, 3, 12), organisations=organisations, title="Frühjahr")
    item = AgendaItemFactory(meeting=first, title="Leitbild", minutes="Das Leitbild steht.")
    resolution = Resolution.objects.create(
        agenda_item=item, text="Das Leitbild wird beschlossen.", votes_yes=4, votes_abstain=1
    )
    later = held(berlin(2026, 6, 18), organisations=organisations, title="Sommer")
    approval = AgendaItemFactory(meeting=later, title="Protokoll", approves_minutes_of=first)
    first.refresh_from_db()
    assert first.is_final() and item.is_final() and resolution.is_final()
    return dict(
        first=first,
        item=item,
        resolution=resolution,
        later=later,
        approval=approval,
        organisations=organisations,
    )


@pytest.fixture
def adopted(approved):
    programme = WorkProgrammeFactory(year=2027)
    programme_item = WorkProgrammeItemFactory(programme=programme, title="Leitbild umsetzen")
    WorkProgramme.objects.filter(pk=programme.pk).update(
        status=WorkProgramme.Status.ADOPTED,
        adopted_by_resolution=approved["resolution"],
        adopted_at=TODAY,
    )
    programme.refresh_from_db()
    assert programme.is_final()
    return programme, programme_item


def refused(callable_, *args, **kwargs):
    """True if the write was refused (FinalRecordError/ValidationError/IntegrityError)."""
    try:
        with transaction.atomic():
            callable_(*args, **kwargs)
    except (ValidationError, IntegrityError):
        return True
    return False


# ---------------------------------------------------------------------------
# 3. ORM (shell access)


def test_orm_save_update_fields_refused(approved):
    item = approved["item"]
    item.minutes = "Umgeschrieben"
    assert refused(item.save, update_fields=["minutes"])


def test_orm_bulk_update_refused(approved):
    item = approved["item"]
    item.minutes = "Umgeschrieben"
    assert refused(AgendaItem.objects.bulk_update, [item], ["minutes"])


def test_orm_related_manager_update_refused(approved):
    assert refused(approved["first"].agenda_items.update, minutes="Umgeschrieben")


def test_orm_history_instance_save_refused(approved):
    first = approved["first"]
    old = first.history.earliest().instance  # status planned
    old.title = "Umgeschrieben"
    assert refused(old.save)
    first.refresh_from_db()
    assert first.title == "Frühjahr"


def test_orm_state_adding_save_refused(approved):
    """save() skips the check when _state.adding is True, but Django still UPDATEs the row."""
    item = AgendaItem.objects.get(pk=approved["item"].pk)
    item._state.adding = True
    item.minutes = "Umgeschrieben"
    refused(item.save)
    assert AgendaItem.objects.get(pk=item.pk).minutes == "Das Leitbild steht."


def test_orm_fresh_instance_with_existing_pk_refused(approved):
    """Resolution(pk=<final>, ...).save() overwrites the final row (adding=True → no check)."""
    resolution = approved["resolution"]
    values = {f.attname: getattr(resolution, f.attname) for f in Resolution._meta.concrete_fields}
    forged = Resolution(**{**values, "text": "Abgelehnt.", "votes_yes": 0, "votes_no": 5})
    refused(forged.save)
    resolution.refresh_from_db()
    assert resolution.result_label == "4–0–1 angenommen"


def test_orm_bulk_create_update_conflicts_refused(approved):
    item = approved["item"]
    clone = AgendaItem(
        pk=item.pk,
        meeting_id=item.meeting_id,
        order=item.order,
        title=item.title,
        minutes="Umgeschrieben",
    )
    refused(
        AgendaItem.objects.bulk_create,
        [clone],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["minutes"],
    )
    item.refresh_from_db()
    assert item.minutes == "Das Leitbild steht."


def test_orm_new_agenda_item_on_final_meeting_refused(approved):
    first = approved["first"]
    refused(AgendaItem.objects.create, meeting=first, title="Nachgeschoben", minutes="x")
    assert first.agenda_items.count() == 1


def test_orm_new_resolution_under_final_item_refused(approved):
    item = approved["item"]
    refused(Resolution.objects.create, agenda_item=item, text="Nachgeschoben", votes_yes=5)
    assert item.resolutions.count() == 1


def test_orm_new_item_in_adopted_programme_refused(adopted):
    programme, _ = adopted
    refused(WorkProgrammeItem.objects.create, programme=programme, title="Nachgeschoben")
    assert programme.items.count() == 1


def test_orm_corrections_not_deleted_or_rewritten(approved, coordinator):
    item = approved["item"]
    record_correction(record=item, changes={"minutes": "Neu"}, reason="Tippfehler", by=coordinator)
    refused(Correction.objects.filter(object_id=item.pk).update, reason="Kein Grund")
    refused(Correction.objects.filter(object_id=item.pk).delete)
    correction = Correction.objects.of(item).get()
    assert correction.reason == "Tippfehler"


def test_orm_correction_cannot_unfinalize_by_status(approved, coordinator):
    """record_correction runs full_clean only: a 'correction' may reopen a final meeting."""
    first = approved["first"]
    refused(
        record_correction,
        record=first,
        changes={"status": Meeting.Status.PLANNED},
        reason="versehentlich",
        by=coordinator,
    )
    first.refresh_from_db()
    assert first.is_final()


# ---------------------------------------------------------------------------
# 2. Site forms and URLs


def test_site_correction_without_reason_refused(client_as, approved):
    item, first = approved["item"], approved["first"]
    url = reverse("meetings:minutes_correct", kwargs={"pk": first.pk, "item": item.pk})
    client_as("coordinator").post(url, {"minutes": "Neu", "reason": "   "})
    item.refresh_from_db()
    assert item.minutes == "Das Leitbild steht."


@pytest.mark.parametrize("role", ["speaker", "representative", "partner_contact", "stranger"])
def test_site_correction_by_non_coordinator_refused(client_as, approved, role):
    item, first = approved["item"], approved["first"]
    url = reverse("meetings:minutes_correct", kwargs={"pk": first.pk, "item": item.pk})
    response = client_as(role).post(url, {"minutes": "Neu", "reason": "Grund"})
    assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
    item.refresh_from_db()
    assert item.minutes == "Das Leitbild steht."


def test_site_resolution_correction_with_too_many_votes_refused(client_as, approved):
    first, resolution = approved["first"], approved["resolution"]
    url = reverse(
        "meetings:resolution_correct", kwargs={"pk": first.pk, "resolution": resolution.pk}
    )
    client_as("coordinator").post(
        url,
        {
            "text": resolution.text,
            "votes_yes": 40,
            "votes_no": 0,
            "votes_abstain": 0,
            "reason": "Zählfehler",
        },
    )
    resolution.refresh_from_db()
    assert resolution.votes_yes == 4


def test_site_meeting_date_correction_keeps_meeting_final(client_as, approved):
    """Correcting the date past the approving meeting reopens the minutes for plain editing."""
    first = approved["first"]
    client = client_as("coordinator")
    client.post(
        reverse("meetings:correct", kwargs={"pk": first.pk}),
        {"start": "2026-07-01 18:00", "end": "2026-07-01 20:00", "reason": "Falsches Datum"},
    )
    first.refresh_from_db()
    assert first.is_final(), "a date correction turned a final meeting into an editable one"


def test_site_meeting_date_correction_then_plain_edits(client_as, approved):
    """Follow-up: after the date correction, the resolution is changed without any correction."""
    first, item, resolution = approved["first"], approved["item"], approved["resolution"]
    client = client_as("coordinator")
    client.post(
        reverse("meetings:correct", kwargs={"pk": first.pk}),
        {"start": "2026-07-01 18:00", "end": "2026-07-01 20:00", "reason": "Falsches Datum"},
    )
    client.post(
        reverse("meetings:minutes", kwargs={"pk": first.pk, "item": item.pk}),
        {"minutes": "Ganz anders."},
    )
    client.post(
        reverse("meetings:resolution_update", kwargs={"pk": first.pk, "resolution": resolution.pk}),
        {"text": "Abgelehnt.", "votes_yes": 0, "votes_no": 5, "votes_abstain": 0},
    )
    item.refresh_from_db()
    resolution.refresh_from_db()
    assert item.minutes == "Das Leitbild steht."
    assert resolution.votes_yes == 4
    assert Correction.objects.of(item).count() == Correction.objects.of(resolution).count() == 0


def test_site_approving_meeting_date_correction_keeps_first_final(client_as, approved):
    """Moving the *approving* meeting before the approved one also un-finalises it."""
    first, later = approved["first"], approved["later"]
    client_as("coordinator").post(
        reverse("meetings:correct", kwargs={"pk": later.pk}),
        {"start": "2026-02-01 18:00", "end": "2026-02-01 20:00", "reason": "Falsches Datum"},
    )
    first.refresh_from_db()
    assert first.is_final()


def test_site_attendance_of_final_meeting_refused(client_as, approved):
    first = approved["first"]
    client_as("coordinator").post(
        reverse("meetings:attendance", kwargs={"pk": first.pk}),
        {"organisations": [approved["organisations"][0].pk]},
    )
    assert first.attendances.count() == 5


def test_site_agenda_create_and_delete_on_final_meeting_refused(client_as, approved):
    first, item = approved["first"], approved["item"]
    client = client_as("coordinator")
    client.post(
        reverse("meetings:agenda_create", kwargs={"pk": first.pk}),
        {"order": 5, "title": "Nachgeschoben"},
    )
    client.post(reverse("meetings:agenda_delete", kwargs={"pk": first.pk, "item": item.pk}))
    assert list(first.agenda_items.values_list("pk", flat=True)) == [item.pk]


def test_site_resolution_create_on_final_item_refused(client_as, approved):
    first, item = approved["first"], approved["item"]
    client_as("coordinator").post(
        reverse("meetings:resolution_create", kwargs={"pk": first.pk, "item": item.pk}),
        {"text": "Nachgeschoben", "votes_yes": 5, "votes_no": 0, "votes_abstain": 0},
    )
    assert item.resolutions.count() == 1


def test_site_programme_item_create_on_adopted_refused(client_as, adopted):
    programme, _ = adopted
    client_as("coordinator").post(
        reverse("meetings:programme_item_create", kwargs={"year": programme.year}),
        {"order": 3, "title": "Nachgeschoben"},
    )
    assert programme.items.count() == 1


# ---------------------------------------------------------------------------
# 1. Django admin as a coordinator


def history_form_data(response, **changes):
    """POST data of simple_history's revert form (it has no inline formsets)."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or value == []:
            continue
        if isinstance(value, (list, tuple)):
            data[form.add_prefix(name)] = [str(v) for v in value]
        else:
            data[form.add_prefix(name)] = "on" if value is True else str(value)
    data.update(changes)
    return data


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


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
# Partners: two coordinating organisations, exits on their date


def test_left_organisation_does_not_stay_coordinating(db, coordinator, clock):
    """Exit declared first, then named coordinating: the exit is carried out, it stays coordinating."""
    from partners import services
    from partners.models import Organisation
    from tests.partners.factories import representative_of

    clock(TODAY)
    organisation = OrganisationFactory()
    representative = representative_of(organisation)
    services.declare_exit(
        organisation=organisation, by=representative, exit_on=datetime.date(2026, 12, 31)
    )
    organisation.refresh_from_db()
    try:
        services.set_coordinating(organisation=organisation, by=coordinator, value=True)
    except ValidationError:
        return  # refused: the rule holds
    clock(berlin(2027, 1, 1, 9))
    services.carry_out_due_exits()
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.LEFT
    assert not organisation.is_coordinating, "a partner that left is still coordinating"


# ---------------------------------------------------------------------------
# More ORM: moving an unlocked child into a final parent; the history of a final record


def test_orm_agenda_item_cannot_be_moved_into_final_meeting(approved):
    """The guard asks the *stored* row: an item of a planned meeting is free to move anywhere."""
    first = approved["first"]
    draft = AgendaItemFactory(meeting=MeetingFactory(), title="Eingeschmuggelt", minutes="x")
    draft.meeting = first
    refused(draft.save)
    refused(AgendaItem.objects.filter(pk=draft.pk).update, meeting=first)
    assert first.agenda_items.count() == 1


def test_orm_resolution_cannot_be_moved_under_final_item(approved):
    item = approved["item"]
    other = AgendaItemFactory(meeting=MeetingFactory())
    resolution = Resolution.objects.create(agenda_item=other, text="Eingeschmuggelt", votes_yes=5)
    resolution.agenda_item = item
    refused(resolution.save)
    assert item.resolutions.count() == 1


def test_site_document_of_final_meeting_not_deleted(client_as, approved):
    from tests.meetings.factories import DocumentFactory

    first = approved["first"]
    document = DocumentFactory(meeting=first, title="Unterschriebenes Protokoll")
    client_as("coordinator").post(
        reverse("meetings:document_delete", kwargs={"pk": first.pk, "doc": document.pk})
    )
    assert first.documents.filter(pk=document.pk).exists()


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


def test_exit_not_carried_out_before_its_date_through_the_site(client_as, clock):
    from partners import services
    from partners.models import Organisation
    from tests.partners.factories import representative_of

    clock(TODAY)
    organisation = OrganisationFactory()
    services.declare_exit(
        organisation=organisation,
        by=representative_of(organisation),
        exit_on=datetime.date(2026, 12, 31),
    )
    client_as("coordinator").post(
        reverse("partners:exit_confirm", kwargs={"slug": organisation.slug})
    )
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.ACTIVE


def test_site_approval_item_of_held_meeting_cannot_be_removed(client_as, approved):
    """Deleting/clearing the approving item in the later (held, not final) meeting would
    un-finalise the first meeting."""
    later, approval, first = approved["later"], approved["approval"], approved["first"]
    client = client_as("coordinator")
    client.post(
        reverse("meetings:agenda_update", kwargs={"pk": later.pk, "item": approval.pk}),
        {"order": approval.order, "title": approval.title, "approves_minutes_of": ""},
    )
    client.post(reverse("meetings:agenda_delete", kwargs={"pk": later.pk, "item": approval.pk}))
    client.post(reverse("meetings:cancel", kwargs={"pk": later.pk}), {"reason": "doch nicht"})
    first.refresh_from_db()
    assert first.is_final()


def test_site_adopted_programme_and_items_not_rewritten(client_as, adopted, approved):
    programme, programme_item = adopted
    client = client_as("coordinator")
    client.post(
        reverse("meetings:programme_update", kwargs={"year": programme.year}),
        {"introduction": "Umgeschrieben"},
    )
    client.post(
        reverse(
            "meetings:programme_item_update",
            kwargs={"year": programme.year, "item": programme_item.pk},
        ),
        {"order": 0, "title": "Umgeschrieben", "status": "done", "progress_note": "x"},
    )
    other = Resolution.objects.create(
        agenda_item=approved["approval"], text="Anderes Programm", votes_yes=5
    )
    client.post(
        reverse("meetings:programme_adopt", kwargs={"year": programme.year}),
        {"resolution": other.pk},
    )
    programme.refresh_from_db()
    programme_item.refresh_from_db()
    assert programme.introduction == ""
    assert programme_item.title == "Leitbild umsetzen"
    assert programme.adopted_by_resolution_id == approved["resolution"].pk


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
