from django.urls import path

from elections.views import actions, ballot, election, nomination, speaker_group

app_name = "elections"

urlpatterns = [
    path("sprechergruppe/", speaker_group.SpeakerGroupView.as_view(), name="speaker_group"),
    path("wahlen/", election.ElectionListView.as_view(), name="list"),
    path("wahlen/neu/", election.ElectionCreateView.as_view(), name="create"),
    path("wahlen/<int:pk>/", election.ElectionDetailView.as_view(), name="detail"),
    path(
        "wahlen/<int:pk>/vorschlagen/", nomination.NominationCreateView.as_view(), name="nominate"
    ),
    path("wahlen/<int:pk>/stimmzettel/", ballot.BallotView.as_view(), name="ballot"),
    path(
        "wahlen/<int:pk>/vorschlaege-oeffnen/",
        actions.OpenNominationsView.as_view(),
        name="open_nominations",
    ),
    path(
        "wahlen/<int:pk>/abstimmung-oeffnen/", actions.OpenVotingView.as_view(), name="open_voting"
    ),
    path("wahlen/<int:pk>/abstimmung-beenden/", actions.CloseVotingView.as_view(), name="close"),
    path("wahlen/<int:pk>/absagen/", actions.CancelElectionView.as_view(), name="cancel"),
    path("wahlen/<int:pk>/stichwahl/", actions.RunoffView.as_view(), name="runoff"),
    path("wahlen/<int:pk>/losentscheid/", actions.LotView.as_view(), name="lot"),
    path("wahlen/<int:pk>/papierergebnis/", actions.PaperResultView.as_view(), name="paper_result"),
    path("wahlen/<int:pk>/veroeffentlichen/", actions.PublishView.as_view(), name="publish"),
    path("wahlen/<int:pk>/berichtigen/", election.ElectionCorrectionView.as_view(), name="correct"),
    path(
        "sprechergruppe/amtszeit/<int:pk>/berichtigen/",
        speaker_group.TermCorrectionView.as_view(),
        name="term_correct",
    ),
    path(
        "wahlen/vorschlag/<int:pk>/annehmen/",
        nomination.NominationAcceptView.as_view(),
        name="nomination_accept",
    ),
    path(
        "wahlen/vorschlag/<int:pk>/ablehnen/",
        nomination.NominationDeclineView.as_view(),
        name="nomination_decline",
    ),
]
