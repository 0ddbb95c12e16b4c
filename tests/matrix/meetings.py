"""Rows for the meetings app.

Internal documents, guessed by URL: anonymous visitors are sent to the login,
logged-in users without access get 404 (as if the document did not exist).
Draft work programmes: 404 for everyone but partners and coordinators.
"""

import datetime

from django.utils import timezone

from meetings.models import Attendance, Invitation, Meeting, WorkProgramme
from tests.matrix import COORDINATORS, PARTNERS, PUBLIC, Row, expect
from tests.meetings.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    ResolutionFactory,
    WorkProgrammeFactory,
    WorkProgrammeItemFactory,
)

INTERNAL = expect(302, 404, 200, 200, 200, 200)
PARTNERS_ONLY = expect(404, 404, 200, 200, 200, 200)


# Resolutions are recorded on the meeting's page, which checks the meeting was held.
# The world's first meeting was held, its resolutions and the adopted programme are kept:
# the admin refuses to delete them (meetings/policies.py). Corrections (this world has
# one) are never added or deleted in the admin.
ADMIN_REFUSED = {
    "admin:meetings_resolution_add",
    "admin:meetings_meeting_delete",
    "admin:meetings_resolution_delete",
    "admin:meetings_workprogramme_delete",
    # Invitations, answers and attendance are written by their pages' services only.
    "admin:meetings_invitation_add",
    "admin:meetings_invitation_delete",
    "admin:meetings_attendance_add",
    "admin:meetings_attendance_delete",
    "admin:netzwerk_correction_add",
    "admin:netzwerk_correction_delete",
}


def _meeting(world):
    return {"pk": world.meeting.pk}


def _upcoming(world):
    return {"pk": world.upcoming.pk}


def _item(world):
    return {"pk": world.meeting.pk, "item": world.item.pk}


ROWS = [
    Row("meetings:list", PUBLIC),
    Row("meetings:calendar", PUBLIC),
    Row("meetings:resolutions", PUBLIC),
    Row("meetings:resolutions", PUBLIC, query="?q=Vorhaben"),
    Row("meetings:detail", PUBLIC, kwargs=_meeting),
    Row("meetings:detail", PUBLIC, kwargs=_upcoming),
    Row("meetings:ics", PUBLIC, kwargs=_meeting),
    Row(
        "meetings:document",
        INTERNAL,
        kwargs=lambda w: {"pk": w.meeting.pk, "doc": w.internal_document.pk},
        note="internal document: login for anonymous, 404 for strangers",
    ),
    Row(
        "meetings:document",
        PUBLIC,
        kwargs=lambda w: {"pk": w.meeting.pk, "doc": w.public_document.pk},
    ),
    Row("meetings:programme", PUBLIC),
    Row("meetings:programme_year", PUBLIC, kwargs=lambda w: {"year": w.programme.year}),
    Row(
        "meetings:programme_year",
        PARTNERS_ONLY,
        kwargs=lambda w: {"year": w.draft_programme.year},
        note="drafts are for partners",
    ),
    Row("meetings:rsvp", PARTNERS, kwargs=_upcoming),
    Row("meetings:create", COORDINATORS),
    Row("meetings:update", COORDINATORS, kwargs=_upcoming),
    Row("meetings:correct", COORDINATORS, kwargs=_meeting, note="held meeting's date"),
    Row("meetings:cancel", COORDINATORS, kwargs=_upcoming),
    Row("meetings:invite", COORDINATORS, kwargs=_upcoming),
    Row("meetings:responses", COORDINATORS, kwargs=_upcoming),
    Row("meetings:attendance", COORDINATORS, kwargs=_meeting),
    Row("meetings:agenda_create", COORDINATORS, kwargs=_meeting),
    Row("meetings:agenda_update", COORDINATORS, kwargs=_item),
    Row("meetings:agenda_delete", COORDINATORS, kwargs=_item),
    Row("meetings:minutes", COORDINATORS, kwargs=_item),
    Row("meetings:minutes_correct", COORDINATORS, kwargs=_item),
    Row("meetings:resolution_create", COORDINATORS, kwargs=_item),
    Row(
        "meetings:resolution_correct",
        COORDINATORS,
        kwargs=lambda w: {"pk": w.meeting.pk, "resolution": w.resolution.pk},
    ),
    Row(
        "meetings:resolution_update",
        COORDINATORS,
        kwargs=lambda w: {"pk": w.meeting.pk, "resolution": w.resolution.pk},
    ),
    Row("meetings:document_create", COORDINATORS, kwargs=_meeting),
    Row(
        "meetings:document_delete",
        COORDINATORS,
        kwargs=lambda w: {"pk": w.meeting.pk, "doc": w.internal_document.pk},
    ),
    Row("meetings:programme_create", COORDINATORS),
    Row("meetings:programme_update", COORDINATORS, kwargs=lambda w: {"year": w.programme.year}),
    Row(
        "meetings:programme_adopt",
        COORDINATORS,
        kwargs=lambda w: {"year": w.draft_programme.year},
    ),
    Row(
        "meetings:programme_item_create",
        COORDINATORS,
        kwargs=lambda w: {"year": w.programme.year},
    ),
    Row(
        "meetings:programme_item_update",
        COORDINATORS,
        kwargs=lambda w: {"year": w.programme.year, "item": w.programme_item.pk},
    ),
    Row(
        "meetings:programme_item_correct",
        COORDINATORS,
        kwargs=lambda w: {"year": w.programme.year, "item": w.programme_item.pk},
    ),
]


def build(world):
    now = timezone.now()
    world.meeting = MeetingFactory(
        title="Netzwerktreffen im Frühjahr",
        start=now - datetime.timedelta(days=20),
        end=now - datetime.timedelta(days=20, hours=-2),
        status=Meeting.Status.HELD,
    )
    world.item = AgendaItemFactory(meeting=world.meeting, title="Arbeitsprogramm", is_public=True)
    world.internal_item = AgendaItemFactory(
        meeting=world.meeting, title="Haushalt intern", is_public=False, minutes="Geheim."
    )
    world.resolution = ResolutionFactory(agenda_item=world.item, is_public=True)
    world.internal_resolution = ResolutionFactory(agenda_item=world.internal_item, is_public=False)
    Attendance.objects.create(meeting=world.meeting, organisation=world.partner_org)
    world.internal_document = DocumentFactory(meeting=world.meeting, is_public=False)
    world.public_document = DocumentFactory(meeting=world.meeting, is_public=True)
    world.upcoming = MeetingFactory(
        title="Netzwerktreffen im Herbst",
        start=now + datetime.timedelta(days=20),
        end=now + datetime.timedelta(days=20, hours=2),
        invitation_sent_at=now,
    )
    Invitation.objects.create(meeting=world.upcoming, organisation=world.partner_org)
    year = timezone.localdate().year
    # Items are added while the programme is a draft; then it is adopted.
    world.programme = WorkProgrammeFactory(year=year)
    world.programme_item = WorkProgrammeItemFactory(programme=world.programme)
    WorkProgramme.objects.filter(pk=world.programme.pk).update(
        status=WorkProgramme.Status.ADOPTED,
        adopted_by_resolution=world.resolution,
        adopted_at=now,
    )
    world.programme.refresh_from_db()
    # The adopted programme's item is final: a correction is the way to change it.
    from core.services import record_correction

    record_correction(
        record=world.programme_item,
        changes={"title": "Vorhaben (berichtigt)"},
        reason="Tippfehler im Titel",
        by=world.users["coordinator"],
    )
    world.draft_programme = WorkProgrammeFactory(year=year + 1)
