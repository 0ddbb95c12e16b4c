from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("treffen/", views.MeetingListView.as_view(), name="list"),
    path("treffen/kalender.ics", views.calendar_feed, name="calendar"),
    path("treffen/beschluesse/", views.ResolutionListView.as_view(), name="resolutions"),
    path("treffen/neu/", views.MeetingCreateView.as_view(), name="create"),
    path("treffen/<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("treffen/<int:pk>/kalender.ics", views.meeting_ics, name="ics"),
    path("treffen/<int:pk>/bearbeiten/", views.MeetingUpdateView.as_view(), name="update"),
    path("treffen/<int:pk>/berichtigen/", views.MeetingCorrectionView.as_view(), name="correct"),
    path("treffen/<int:pk>/absagen/", views.MeetingCancelView.as_view(), name="cancel"),
    path("treffen/<int:pk>/einladen/", views.InvitationSendView.as_view(), name="invite"),
    path("treffen/<int:pk>/rueckmeldung/", views.RSVPView.as_view(), name="rsvp"),
    path("treffen/<int:pk>/rueckmeldungen/", views.ResponsesView.as_view(), name="responses"),
    path("treffen/<int:pk>/anwesenheit/", views.AttendanceView.as_view(), name="attendance"),
    path(
        "treffen/<int:pk>/tagesordnung/neu/",
        views.AgendaItemCreateView.as_view(),
        name="agenda_create",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/bearbeiten/",
        views.AgendaItemUpdateView.as_view(),
        name="agenda_update",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/loeschen/",
        views.AgendaItemDeleteView.as_view(),
        name="agenda_delete",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/protokoll/",
        views.MinutesView.as_view(),
        name="minutes",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/protokoll/berichtigen/",
        views.MinutesCorrectionView.as_view(),
        name="minutes_correct",
    ),
    path(
        "treffen/<int:pk>/tagesordnung/<int:item>/beschluss/neu/",
        views.ResolutionCreateView.as_view(),
        name="resolution_create",
    ),
    path(
        "treffen/<int:pk>/beschluesse/<int:resolution>/bearbeiten/",
        views.ResolutionUpdateView.as_view(),
        name="resolution_update",
    ),
    path(
        "treffen/<int:pk>/beschluesse/<int:resolution>/berichtigen/",
        views.ResolutionCorrectionView.as_view(),
        name="resolution_correct",
    ),
    path(
        "treffen/<int:pk>/dokumente/neu/",
        views.DocumentCreateView.as_view(),
        name="document_create",
    ),
    path("treffen/<int:pk>/dokumente/<int:doc>/", views.document_download, name="document"),
    path(
        "treffen/<int:pk>/dokumente/<int:doc>/loeschen/",
        views.DocumentDeleteView.as_view(),
        name="document_delete",
    ),
    path("arbeitsprogramm/", views.ProgrammeListView.as_view(), name="programme"),
    path("arbeitsprogramm/neu/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("arbeitsprogramm/<int:year>/", views.ProgrammeDetailView.as_view(), name="programme_year"),
    path(
        "arbeitsprogramm/<int:year>/bearbeiten/",
        views.ProgrammeUpdateView.as_view(),
        name="programme_update",
    ),
    path(
        "arbeitsprogramm/<int:year>/beschliessen/",
        views.ProgrammeAdoptView.as_view(),
        name="programme_adopt",
    ),
    path(
        "arbeitsprogramm/<int:year>/vorhaben/neu/",
        views.ProgrammeItemCreateView.as_view(),
        name="programme_item_create",
    ),
    path(
        "arbeitsprogramm/<int:year>/vorhaben/<int:item>/bearbeiten/",
        views.ProgrammeItemUpdateView.as_view(),
        name="programme_item_update",
    ),
    path(
        "arbeitsprogramm/<int:year>/vorhaben/<int:item>/berichtigen/",
        views.ProgrammeItemCorrectionView.as_view(),
        name="programme_item_correct",
    ),
]
