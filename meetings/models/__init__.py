"""Meetings of the network, their agenda, invitations, minutes and resolutions,
and the annual work programme (paragraph 3 of the Kooperationsvereinbarung)."""

from meetings.models.agenda import AgendaItem, Resolution
from meetings.models.common import BERLIN, reads_internal, this_year, year_bounds, year_of
from meetings.models.document import MeetingDocument, document_upload_to
from meetings.models.invitation import Attendance, Invitation
from meetings.models.meeting import REQUIRED_PLENARIES_PER_YEAR, Meeting, YearCheck
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
    "this_year",
    "year_bounds",
    "year_of",
]
