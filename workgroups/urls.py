from django.urls import path

from workgroups import views

app_name = "workgroups"

urlpatterns = [
    path("arbeitsgruppen/", views.WorkingGroupListView.as_view(), name="list"),
    path("arbeitsgruppen/gruenden/", views.WorkingGroupFoundView.as_view(), name="found"),
    path("arbeitsgruppen/<slug:slug>/", views.WorkingGroupDetailView.as_view(), name="detail"),
    path(
        "arbeitsgruppen/<slug:slug>/bearbeiten/",
        views.WorkingGroupUpdateView.as_view(),
        name="edit",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/schliessen/",
        views.WorkingGroupCloseView.as_view(),
        name="close",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/berichtigen/",
        views.WorkingGroupCorrectionView.as_view(),
        name="correct",
    ),
    path("arbeitsgruppen/<slug:slug>/beitreten/", views.JoinView.as_view(), name="join"),
    path("arbeitsgruppen/<slug:slug>/austreten/", views.LeaveView.as_view(), name="leave"),
    path("arbeitsgruppen/<slug:slug>/mitglieder/", views.MembersView.as_view(), name="members"),
    path(
        "arbeitsgruppen/<slug:slug>/mitglieder/hinzufuegen/",
        views.AddMemberView.as_view(),
        name="add_member",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/mitglieder/<int:pk>/aufnehmen/",
        views.ApproveView.as_view(),
        name="approve",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/mitglieder/<int:pk>/ablehnen/",
        views.DeclineView.as_view(),
        name="decline",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/dokumente/neu/",
        views.DocumentUploadView.as_view(),
        name="document_upload",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/dokumente/<int:pk>/",
        views.document_download,
        name="document",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/dokumente/<int:pk>/loeschen/",
        views.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/treffen/neu/",
        views.GroupMeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path("arbeitsgruppen/<slug:slug>/nachricht/", views.MessageView.as_view(), name="message"),
]
