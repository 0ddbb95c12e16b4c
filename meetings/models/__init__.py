"""Meetings of the network, their agenda, invitations, minutes and resolutions,
and the annual work programme (paragraph 3 of the Kooperationsvereinbarung)."""

from meetings.models.agenda import (
    AgendaItem,
    Attendance,
    Invitation,
    MeetingDocument,
    Resolution,
    document_upload_to,
)
from meetings.models.meeting import (
    BERLIN,
    REQUIRED_PLENARIES_PER_YEAR,
    Meeting,
    YearCheck,
    reads_internal,
    year_bounds,
)
from meetings.models.programme import WorkProgramme, WorkProgrammeItem

__all__ = [
    "BERLIN",
    "REQUIRED_PLENARIES_PER_YEAR",
    "AgendaItem",
    "Attendance",
    "Invitation",
    "Meeting",
    "MeetingDocument",
    "Resolution",
    "WorkProgramme",
    "WorkProgrammeItem",
    "YearCheck",
    "document_upload_to",
    "reads_internal",
    "year_bounds",
]
