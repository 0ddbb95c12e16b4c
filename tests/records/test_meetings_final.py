"""The walk: every final record of the meetings app against every write path.

A meeting whose minutes a later meeting approved, its agenda item and resolution, an
adopted work programme and its item: their edit and delete views, the admin, the
services, Model.save(), QuerySet.update()/delete() refuse; record_correction changes
them and the correction is shown where the record is shown.
"""

from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import Correction
from core.records import FinalRecordError, GuardedRecord
from core.services import record_correction
from meetings import services
from meetings.models import (
    AgendaItem,
    Meeting,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)
from tests.factories import OrganisationFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
    berlin,
)
from tests.meetings.factories import (
    held_meeting as _held,
)

pytestmark = pytest.mark.django_db

GOVERNED = [Meeting, AgendaItem, Resolution, WorkProgramme, WorkProgrammeItem]


def test_every_guarded_model_of_the_app_is_walked():
    from django.apps import apps

    guarded = {
        m for m in apps.get_app_config("meetings").get_models() if issubclass(m, GuardedRecord)
    }
    assert guarded == set(GOVERNED)


@pytest.fixture
def final(clock, coordinator):
    clock(berlin(2026, 12, 6, 12))
    organisations = [OrganisationFactory() for _ in range(5)]
    meeting = _held(berlin(2026, 6, 18), organisations=organisations, title="Sommertreffen")
    item = AgendaItemFactory(meeting=meeting, title="Leitbild", minutes="Das Leitbild steht.")
    resolution = Resolution.objects.create(
        agenda_item=item, text="Das Leitbild gilt.", votes_yes=4, votes_abstain=1
    )
    last = _held(berlin(2026, 11, 26), organisations=organisations, title="Jahresabschluss")
    AgendaItemFactory(meeting=last, title="Protokoll", approves_minutes_of=meeting)
    programme = WorkProgrammeFactory(year=2027, introduction="Vorhaben 2027")
    programme_item = WorkProgrammeItemFactory(programme=programme, title="Engagementmesse")
    on_programme = AgendaItemFactory(meeting=last, work_programme=programme)
    services.record_resolution(
        agenda_item=on_programme,
        by=coordinator,
        text="Das Netzwerk beschließt das Arbeitsprogramm 2027.",
        votes_yes=5,
        votes_no=0,
        votes_abstain=0,
        is_public=True,
    )
    programme.refresh_from_db()
    records = SimpleNamespace(
        meeting=meeting,
        item=item,
        resolution=resolution,
        programme=programme,
        programme_item=programme_item,
    )
    for record in vars(records).values():
        record.refresh_from_db()
        assert record.is_final(), record
    return records


# What each model's walk needs: the record, a locked field with a new value, its page,
# its edit/delete views (POST data) and admin URLs, and service calls that must refuse.
def _walk(final, model):
    m, i, r, p, pi = (
        final.meeting,
        final.item,
        final.resolution,
        final.programme,
        final.programme_item,
    )
    return {
        Meeting: dict(
            record=m,
            field="title",
            value="Anders",
            page=m.get_absolute_url(),
            posts=[
                (
                    reverse("meetings:update", kwargs={"pk": m.pk}),
                    {"title": "Anders", "kind": "plenary", "place": "x"},
                ),
                (reverse("meetings:cancel", kwargs={"pk": m.pk}), {"reason": "Anders"}),
                (
                    reverse("meetings:attendance", kwargs={"pk": m.pk}),
                    {"organisations": []},
                ),
            ],
            admin="meetings_meeting",
            services=[
                lambda by: services.update_meeting(meeting=m, by=by, title="Anders"),
                lambda by: services.cancel_meeting(meeting=m, by=by, reason="Anders"),
                lambda by: services.record_attendance(meeting=m, by=by, organisations=[]),
                lambda by: services.add_agenda_item(meeting=m, by=by, title="Neu"),
            ],
        ),
        AgendaItem: dict(
            record=i,
            field="minutes",
            value="Anders",
            page=m.get_absolute_url(),
            posts=[
                (
                    reverse("meetings:agenda_update", kwargs={"pk": m.pk, "item": i.pk}),
                    {"order": 1, "title": "Anders"},
                ),
                (
                    reverse("meetings:minutes", kwargs={"pk": m.pk, "item": i.pk}),
                    {"minutes": "Anders"},
                ),
                (reverse("meetings:agenda_delete", kwargs={"pk": m.pk, "item": i.pk}), {}),
            ],
            admin=None,  # an inline of the meeting, whose admin refuses
            services=[
                lambda by: services.update_agenda_item(item=i, by=by, title="Anders"),
                lambda by: services.record_minutes(item=i, by=by, minutes="Anders"),
                lambda by: services.delete_agenda_item(item=i, by=by),
            ],
        ),
        Resolution: dict(
            record=r,
            field="votes_yes",
            value=1,
            page=reverse("meetings:resolutions"),
            posts=[
                (
                    reverse("meetings:resolution_update", kwargs={"pk": m.pk, "resolution": r.pk}),
                    {"text": "Anders", "votes_yes": 1, "votes_no": 3, "votes_abstain": 1},
                ),
            ],
            admin="meetings_resolution",
            services=[
                lambda by: services.record_resolution(
                    agenda_item=i,
                    resolution=r,
                    by=by,
                    text="Anders",
                    votes_yes=1,
                    votes_no=3,
                    votes_abstain=1,
                    is_public=True,
                ),
                lambda by: services.record_resolution(
                    agenda_item=i,
                    by=by,
                    text="Neu",
                    votes_yes=1,
                    votes_no=0,
                    votes_abstain=0,
                    is_public=True,
                ),
            ],
        ),
        WorkProgramme: dict(
            record=p,
            field="year",
            value=2031,
            page=p.get_absolute_url(),
            posts=[
                (
                    reverse("meetings:programme_update", kwargs={"year": p.year}),
                    {"introduction": "Anders"},
                ),
                (
                    reverse("meetings:programme_item_create", kwargs={"year": p.year}),
                    {"order": 2, "title": "Neu", "status": "planned"},
                ),
                (
                    reverse("meetings:programme_adopt", kwargs={"year": p.year}),
                    {"resolution": p.adopted_by_resolution_id},
                ),
            ],
            admin="meetings_workprogramme",
            services=[
                lambda by: services.update_programme(programme=p, by=by, introduction="Anders"),
                lambda by: services.add_programme_item(programme=p, by=by, title="Neu"),
                lambda by: services.adopt_programme(
                    programme=p, resolution=p.adopted_by_resolution, by=by
                ),
            ],
        ),
        WorkProgrammeItem: dict(
            record=pi,
            field="title",
            value="Anders",
            page=p.get_absolute_url(),
            posts=[
                (
                    reverse(
                        "meetings:programme_item_update", kwargs={"year": p.year, "item": pi.pk}
                    ),
                    {"title": "Anders", "order": 1, "status": "planned"},
                ),
            ],
            admin=None,  # an inline of the programme, whose admin refuses
            services=[
                lambda by: services.update_programme_item(item=pi, by=by, title="Anders"),
                lambda by: services.delete_programme_item(item=pi, by=by),
            ],
        ),
    }[model]


def _snapshot(record):
    stored = type(record)._base_manager.get(pk=record.pk)
    return {f.attname: getattr(stored, f.attname) for f in stored._meta.concrete_fields} | {
        "updated_at": None
    }


@pytest.mark.parametrize("model", GOVERNED, ids=lambda m: m.__name__)
def test_views_and_admin_leave_the_final_record_unchanged(final, model, client_as):
    walk = _walk(final, model)
    record = walk["record"]
    before = _snapshot(record)
    client = client_as("coordinator")
    for url, data in walk["posts"]:
        response = client.post(url, data)
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        assert _snapshot(record) == before, url
    if walk["admin"]:
        change = reverse(f"admin:{walk['admin']}_change", args=[record.pk])
        response = client.post(change, {walk["field"]: walk["value"]})
        assert response.status_code == HTTPStatus.FORBIDDEN
        delete = reverse(f"admin:{walk['admin']}_delete", args=[record.pk])
        assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert _snapshot(record) == before
    assert type(record)._base_manager.filter(pk=record.pk).exists()


@pytest.mark.parametrize("model", GOVERNED, ids=lambda m: m.__name__)
def test_services_refuse(final, model, coordinator):
    walk = _walk(final, model)
    before = _snapshot(walk["record"])
    for call in walk["services"]:
        with pytest.raises((ValidationError, PermissionDenied)):
            call(coordinator)
    assert _snapshot(walk["record"]) == before


@pytest.mark.parametrize("model", GOVERNED, ids=lambda m: m.__name__)
def test_save_update_and_delete_refuse(final, model):
    walk = _walk(final, model)
    record = type(walk["record"])._base_manager.get(pk=walk["record"].pk)
    setattr(record, walk["field"], walk["value"])
    with pytest.raises(FinalRecordError):
        record.save()
    rows = type(record).objects.filter(pk=record.pk)
    with pytest.raises(FinalRecordError):
        rows.update(**{walk["field"]: walk["value"]})
    with pytest.raises(FinalRecordError):
        rows.delete()
    with pytest.raises(FinalRecordError):
        type(record)._base_manager.get(pk=record.pk).delete()
    assert rows.exists()


@pytest.mark.parametrize("model", GOVERNED, ids=lambda m: m.__name__)
def test_a_correction_keeps_the_original_and_is_shown(final, model, coordinator, client_as):
    walk = _walk(final, model)
    record = walk["record"]
    if model is Resolution:
        correction = services.correct_resolution(
            resolution=record,
            by=coordinator,
            reason="Stimmen vertauscht",
            votes_yes=1,
            votes_no=3,
        )
    elif model is Meeting:
        correction = services.correct_meeting(
            meeting=record,
            by=coordinator,
            reason="Stimmen vertauscht",
            start=berlin(2026, 6, 17),
            end=berlin(2026, 6, 17, 20),
        )
    elif model is WorkProgramme:
        correction = record_correction(
            record=record,
            changes={"introduction": "Vorhaben für 2027"},
            reason="Stimmen vertauscht",
            by=coordinator,
        )
    else:
        correction = record_correction(
            record=record,
            changes={walk["field"]: walk["value"]},
            reason="Stimmen vertauscht",
            by=coordinator,
        )
    assert isinstance(correction, Correction)
    assert correction.original and correction.corrected
    assert list(Correction.objects.of(record)) == [correction]
    page = client_as("partner_contact").get(walk["page"]).content.decode()
    assert "Stimmen vertauscht" in page and "ursprünglich" in page
