"""The meetings app's pages, one module per record; urls.py imports from the modules.

This package re-exports the views so that `from meetings import views` keeps working.
"""

from meetings.views.agenda import (
    AgendaItemCreateView,
    AgendaItemDeleteView,
    AgendaItemScopedMixin,
    AgendaItemUpdateView,
    MinutesCorrectionView,
    MinutesView,
)
from meetings.views.document import (
    DocumentCreateView,
    DocumentDeleteView,
    document_download,
)
from meetings.views.invitation import (
    AttendanceView,
    InvitationSendView,
    ResponsesView,
    RSVPView,
)
from meetings.views.meeting import (
    MeetingCancelView,
    MeetingCorrectionView,
    MeetingCreateView,
    MeetingDetailView,
    MeetingListView,
    MeetingUpdateView,
    calendar_feed,
    meeting_ics,
)
from meetings.views.programme import (
    ProgrammeAdoptView,
    ProgrammeCreateView,
    ProgrammeDetailView,
    ProgrammeItemCorrectionView,
    ProgrammeItemCreateView,
    ProgrammeItemUpdateView,
    ProgrammeListView,
    ProgrammeScopedMixin,
    ProgrammeUpdateView,
)
from meetings.views.resolution import (
    ResolutionCorrectionView,
    ResolutionCreateView,
    ResolutionListView,
    ResolutionUpdateView,
)

__all__ = [
    "AgendaItemCreateView",
    "AgendaItemDeleteView",
    "AgendaItemScopedMixin",
    "AgendaItemUpdateView",
    "AttendanceView",
    "DocumentCreateView",
    "DocumentDeleteView",
    "InvitationSendView",
    "MeetingCancelView",
    "MeetingCorrectionView",
    "MeetingCreateView",
    "MeetingDetailView",
    "MeetingListView",
    "MeetingUpdateView",
    "MinutesCorrectionView",
    "MinutesView",
    "ProgrammeAdoptView",
    "ProgrammeCreateView",
    "ProgrammeDetailView",
    "ProgrammeItemCorrectionView",
    "ProgrammeItemCreateView",
    "ProgrammeItemUpdateView",
    "ProgrammeListView",
    "ProgrammeScopedMixin",
    "ProgrammeUpdateView",
    "RSVPView",
    "ResolutionCorrectionView",
    "ResolutionCreateView",
    "ResolutionListView",
    "ResolutionUpdateView",
    "ResponsesView",
    "calendar_feed",
    "document_download",
    "meeting_ics",
]
