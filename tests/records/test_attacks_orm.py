"""Attempts to change a final record with a Django shell (the ORM): save with a stale or
rebuilt instance, update, bulk upserts, adding to or moving into a final parent,
corrections that would unlock a record.

Each asserts the rule holds. Raw SQL and cascades from deleting people (erasure of
personal data) are out of reach of these guards. The shared records (`approved`,
`adopted`) are in tests/records/conftest.py, the helpers in tests/records/attacks.py.
"""

import pytest

from core.models import Correction
from core.services import record_correction
from meetings.models import AgendaItem, Meeting, Resolution, WorkProgrammeItem
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.records.attacks import refused

pytestmark = pytest.mark.django_db


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
