from django.urls import path

from elections import views

app_name = "elections"

urlpatterns = [
    path("sprechergruppe/", views.SpeakerGroupView.as_view(), name="speaker_group"),
    path("wahlen/", views.ElectionListView.as_view(), name="list"),
    path("wahlen/neu/", views.ElectionCreateView.as_view(), name="create"),
    path("wahlen/<int:pk>/", views.ElectionDetailView.as_view(), name="detail"),
    path("wahlen/<int:pk>/vorschlagen/", views.NominationCreateView.as_view(), name="nominate"),
    path("wahlen/<int:pk>/stimmzettel/", views.BallotView.as_view(), name="ballot"),
    path(
        "wahlen/<int:pk>/vorschlaege-oeffnen/",
        views.OpenNominationsView.as_view(),
        name="open_nominations",
    ),
    path("wahlen/<int:pk>/abstimmung-oeffnen/", views.OpenVotingView.as_view(), name="open_voting"),
    path("wahlen/<int:pk>/abstimmung-beenden/", views.CloseVotingView.as_view(), name="close"),
    path("wahlen/<int:pk>/absagen/", views.CancelElectionView.as_view(), name="cancel"),
    path("wahlen/<int:pk>/stichwahl/", views.RunoffView.as_view(), name="runoff"),
    path("wahlen/<int:pk>/losentscheid/", views.LotView.as_view(), name="lot"),
    path("wahlen/<int:pk>/papierergebnis/", views.PaperResultView.as_view(), name="paper_result"),
    path("wahlen/<int:pk>/veroeffentlichen/", views.PublishView.as_view(), name="publish"),
    path("wahlen/<int:pk>/berichtigen/", views.ElectionCorrectionView.as_view(), name="correct"),
    path(
        "sprechergruppe/amtszeit/<int:pk>/berichtigen/",
        views.TermCorrectionView.as_view(),
        name="term_correct",
    ),
    path(
        "wahlen/vorschlag/<int:pk>/annehmen/",
        views.NominationAcceptView.as_view(),
        name="nomination_accept",
    ),
    path(
        "wahlen/vorschlag/<int:pk>/ablehnen/",
        views.NominationDeclineView.as_view(),
        name="nomination_decline",
    ),
]
