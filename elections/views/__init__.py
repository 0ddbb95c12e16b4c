"""The elections app's pages, one module per record or concern.

`speaker_group` (the speaker group and its terms), `election` (list, detail, create,
correct), `nomination`, `ballot` (voting) and `actions` (the coordination's steps
through an election); `common` holds what they share.
"""

from elections.views.actions import (
    CancelElectionView,
    CloseVotingView,
    ElectionActionView,
    ElectionFormActionView,
    LotView,
    OpenNominationsView,
    OpenVotingView,
    PaperResultView,
    PublishView,
    RunoffView,
)
from elections.views.ballot import BallotView
from elections.views.common import ElectionMixin
from elections.views.election import (
    ElectionCorrectionView,
    ElectionCreateView,
    ElectionDetailView,
    ElectionListView,
)
from elections.views.nomination import (
    NominationAcceptView,
    NominationCreateView,
    NominationDeclineView,
    NominationMixin,
)
from elections.views.speaker_group import SpeakerGroupView, TermCorrectionView

__all__ = [
    "BallotView",
    "CancelElectionView",
    "CloseVotingView",
    "ElectionActionView",
    "ElectionCorrectionView",
    "ElectionCreateView",
    "ElectionDetailView",
    "ElectionFormActionView",
    "ElectionListView",
    "ElectionMixin",
    "LotView",
    "NominationAcceptView",
    "NominationCreateView",
    "NominationDeclineView",
    "NominationMixin",
    "OpenNominationsView",
    "OpenVotingView",
    "PaperResultView",
    "PublishView",
    "RunoffView",
    "SpeakerGroupView",
    "TermCorrectionView",
]
