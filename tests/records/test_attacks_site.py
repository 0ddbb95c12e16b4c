"""Attempts to change a final record through the site's forms and URLs as a coordinator
(corrections, dates, agenda, resolutions, programmes, documents, exits) and as others.

Each asserts the rule holds. Raw SQL and cascades from deleting people (erasure of
personal data) are out of reach of these guards. The shared records (`approved`,
`adopted`) are in tests/records/conftest.py, the helpers in tests/records/attacks.py.
"""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Correction
from meetings.models import Resolution
from tests.factories import OrganisationFactory
from tests.meetings.factories import berlin
from tests.records.attacks import TODAY

pytestmark = pytest.mark.django_db


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
# More site forms: documents, exits on their date, approving items, adopted programmes


def test_site_document_of_final_meeting_not_deleted(client_as, approved):
    from tests.meetings.factories import DocumentFactory

    first = approved["first"]
    document = DocumentFactory(meeting=first, title="Unterschriebenes Protokoll")
    client_as("coordinator").post(
        reverse("meetings:document_delete", kwargs={"pk": first.pk, "doc": document.pk})
    )
    assert first.documents.filter(pk=document.pk).exists()


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
