from django.urls import path

from circulars.views import circular, group, reader, sending

app_name = "circulars"

urlpatterns = [
    path("koordination/rundschreiben/", circular.CircularListView.as_view(), name="list"),
    path("koordination/rundschreiben/neu/", circular.CircularCreateView.as_view(), name="create"),
    path(
        "koordination/rundschreiben/arbeitsgruppen/",
        circular.LeadsMayWriteView.as_view(),
        name="leads_may_write",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/rundschreiben/",
        group.GroupCircularListView.as_view(),
        name="group_list",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/rundschreiben/neu/",
        group.GroupCircularCreateView.as_view(),
        name="group_create",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/", circular.CircularDetailView.as_view(), name="detail"
    ),
    path(
        "koordination/rundschreiben/<int:pk>/bearbeiten/",
        circular.CircularUpdateView.as_view(),
        name="update",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/vorschau/",
        circular.CircularPreviewView.as_view(),
        name="preview",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/test/", sending.CircularTestView.as_view(), name="test"
    ),
    path(
        "koordination/rundschreiben/<int:pk>/senden/",
        sending.CircularSendView.as_view(),
        name="send",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/abbrechen/",
        sending.CircularCancelView.as_view(),
        name="cancel",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/fortsetzen/",
        sending.CircularResumeView.as_view(),
        name="resume",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/oeffentlich/",
        sending.CircularPublicView.as_view(),
        name="public",
    ),
    path("rundschreiben/<int:pk>/", reader.CircularReadView.as_view(), name="read"),
    path(
        "rundschreiben/abmelden/<str:token>/", reader.UnsubscribeView.as_view(), name="unsubscribe"
    ),
    path("mein-netzwerk/rundschreiben/", reader.PreferencesView.as_view(), name="preferences"),
]
