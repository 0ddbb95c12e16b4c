"""The pages of the working groups, one module per concern (urls.py names them)."""

from workgroups.views.documents import DocumentDeleteView, DocumentUploadView, document_download
from workgroups.views.group import (
    WorkingGroupCloseView,
    WorkingGroupCorrectionView,
    WorkingGroupDetailView,
    WorkingGroupFoundView,
    WorkingGroupListView,
    WorkingGroupUpdateView,
)
from workgroups.views.membership import (
    AddMemberView,
    ApproveView,
    DeclineView,
    JoinView,
    LeaveView,
    MembersView,
    PendingMembershipMixin,
)
from workgroups.views.mixins import ConfirmedActionMixin, GroupMixin, ManagerMixin
from workgroups.views.outreach import GroupMeetingCreateView, MessageView

__all__ = [
    "AddMemberView",
    "ApproveView",
    "ConfirmedActionMixin",
    "DeclineView",
    "DocumentDeleteView",
    "DocumentUploadView",
    "GroupMeetingCreateView",
    "GroupMixin",
    "JoinView",
    "LeaveView",
    "ManagerMixin",
    "MembersView",
    "MessageView",
    "PendingMembershipMixin",
    "WorkingGroupCloseView",
    "WorkingGroupCorrectionView",
    "WorkingGroupDetailView",
    "WorkingGroupFoundView",
    "WorkingGroupListView",
    "WorkingGroupUpdateView",
    "document_download",
]
