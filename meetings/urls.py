from django.urls import path

from meetings.views import agenda, document, invitation, meeting, programme, resolution

app_name = "meetings"

urlpatterns = [
    path("treffen/", meeting.MeetingListView.as_view(), name="list"),
    path("treffen/kalender.ics", meeting.calendar_feed, name="calendar"),
    path("treffen/beschluesse/", resolution.ResolutionListView.as_view(), name="resolutions"),
    path("treffen/neu/", meeting.MeetingCreateView.as_view(), name="create"),
    path("treffen/<int:pk>/", meeting.MeetingDetailView.as_view(), name="detail"),
    path("treffen/<int:pk>/kalender.ics", meeting.meeting_ics, name="ics"),
    path("treffen/<int:pk>/bearbeiten/", meeting.MeetingUpdateView.as_view(), name="update"),
    path("treffen/<int:pk>/berichtigen/", meeting.MeetingCorrectionView.as_view(), name="correct"),
    path("treffen/<int:pk>/absagen/", meeting.MeetingCancelView.as_view(), name="cancel"),
    path("treffen/<int:pk>/einladen/", invitation.InvitationSendView.as_view(), name="invite"),
    path("treffen/<int:pk>/rueckmeldung/", invitation.RSVPView.as_view(), name="rsvp"),
    path("treffen/<int:pk>/rueckmeldungen/", invitation.ResponsesView.as_view(), name="responses"),
    path("treffen/<int:pk>/anwesenheit/", invitation.AttendanceView.as_view(), name="attendance"),
    path(
        "treffen/<int:pk>/tagesordnung/neu/",
        agenda.AgendaItemCreateView.as_view(),
        name="agenda_create",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/bearbeiten/",
        agenda.AgendaItemUpdateView.as_view(),
        name="agenda_update",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/loeschen/",
        agenda.AgendaItemDeleteView.as_view(),
        name="agenda_delete",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/protokoll/",
        agenda.MinutesView.as_view(),
        name="minutes",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/protokoll/berichtigen/",
        agenda.MinutesCorrectionView.as_view(),
        name="minutes_correct",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/beschluss/neu/",
        resolution.ResolutionCreateView.as_view(),
        name="resolution_create",
    ),
    path(
        "treffen/<int:pk>/beschluesse/<int:resolution>/bearbeiten/",
        resolution.ResolutionUpdateView.as_view(),
        name="resolution_update",
    ),
    path(
        "treffen/<int:pk>/beschluesse/<int:resolution>/berichtigen/",
        resolution.ResolutionCorrectionView.as_view(),
        name="resolution_correct",
    ),
    path(
        "treffen/<int:pk>/dokumente/neu/",
        document.DocumentCreateView.as_view(),
        name="document_create",
    ),
    path("treffen/<int:pk>/dokumente/<int:doc>/", document.document_download, name="document"),
    path(
        "treffen/<int:pk>/dokumente/<int:doc>/loeschen/",
        document.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path("arbeitsprogramm/", programme.ProgrammeListView.as_view(), name="programme"),
    path("arbeitsprogramm/neu/", programme.ProgrammeCreateView.as_view(), name="programme_create"),
    path(
        "arbeitsprogramm/<int:year>/",
        programme.ProgrammeDetailView.as_view(),
        name="programme_year",
    ),
    path(
        "arbeitsprogramm/<int:year>/bearbeiten/",
        programme.ProgrammeUpdateView.as_view(),
        name="programme_update",
    ),
    path(
        "arbeitsprogramm/<int:year>/beschliessen/",
        programme.ProgrammeAdoptView.as_view(),
        name="programme_adopt",
    ),
    path(
        "arbeitsprogramm/<int:year>/vorhaben/neu/",
        programme.ProgrammeItemCreateView.as_view(),
        name="programme_item_create",
    ),
    path(
        "arbeitsprogramm/<int:year>/vorhaben/<int:item>/bearbeiten/",
        programme.ProgrammeItemUpdateView.as_view(),
        name="programme_item_update",
    ),
    path(
        "arbeitsprogramm/<int:year>/vorhaben/<int:item>/berichtigen/",
        programme.ProgrammeItemCorrectionView.as_view(),
        name="programme_item_correct",
    ),
]
