from django.urls import path

from workgroups.views import documents, group, membership, outreach

app_name = "workgroups"

urlpatterns = [
    path("arbeitsgruppen/", group.WorkingGroupListView.as_view(), name="list"),
    path("arbeitsgruppen/gruenden/", group.WorkingGroupFoundView.as_view(), name="found"),
    path("arbeitsgruppen/<slug:slug>/", group.WorkingGroupDetailView.as_view(), name="detail"),
    path(
        "arbeitsgruppen/<slug:slug>/bearbeiten/",
        group.WorkingGroupUpdateView.as_view(),
        name="edit",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/schliessen/",
        group.WorkingGroupCloseView.as_view(),
        name="close",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/berichtigen/",
        group.WorkingGroupCorrectionView.as_view(),
        name="correct",
    ),
    path("arbeitsgruppen/<slug:slug>/beitreten/", membership.JoinView.as_view(), name="join"),
    path("arbeitsgruppen/<slug:slug>/austreten/", membership.LeaveView.as_view(), name="leave"),
    path(
        "arbeitsgruppen/<slug:slug>/mitglieder/", membership.MembersView.as_view(), name="members"
    ),
    path(
        "arbeitsgruppen/<slug:slug>/mitglieder/hinzufuegen/",
        membership.AddMemberView.as_view(),
        name="add_member",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/mitglieder/<int:pk>/aufnehmen/",
        membership.ApproveView.as_view(),
        name="approve",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/mitglieder/<int:pk>/ablehnen/",
        membership.DeclineView.as_view(),
        name="decline",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/dokumente/neu/",
        documents.DocumentUploadView.as_view(),
        name="document_upload",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/dokumente/<int:pk>/",
        documents.document_download,
        name="document",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/dokumente/<int:pk>/loeschen/",
        documents.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/treffen/neu/",
        outreach.GroupMeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path("arbeitsgruppen/<slug:slug>/nachricht/", outreach.MessageView.as_view(), name="message"),
]
