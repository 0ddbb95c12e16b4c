from django.urls import path

from circulars import views

app_name = "circulars"

urlpatterns = [
    path("koordination/rundschreiben/", views.CircularListView.as_view(), name="list"),
    path("koordination/rundschreiben/neu/", views.CircularCreateView.as_view(), name="create"),
    path(
        "koordination/rundschreiben/arbeitsgruppen/",
        views.LeadsMayWriteView.as_view(),
        name="leads_may_write",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/rundschreiben/",
        views.GroupCircularListView.as_view(),
        name="group_list",
    ),
    path(
        "arbeitsgruppen/<slug:slug>/rundschreiben/neu/",
        views.GroupCircularCreateView.as_view(),
        name="group_create",
    ),
    path("koordination/rundschreiben/<int:pk>/", views.CircularDetailView.as_view(), name="detail"),
    path(
        "koordination/rundschreiben/<int:pk>/bearbeiten/",
        views.CircularUpdateView.as_view(),
        name="update",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/vorschau/",
        views.CircularPreviewView.as_view(),
        name="preview",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/test/", views.CircularTestView.as_view(), name="test"
    ),
    path(
        "koordination/rundschreiben/<int:pk>/senden/", views.CircularSendView.as_view(), name="send"
    ),
    path(
        "koordination/rundschreiben/<int:pk>/abbrechen/",
        views.CircularCancelView.as_view(),
        name="cancel",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/fortsetzen/",
        views.CircularResumeView.as_view(),
        name="resume",
    ),
    path(
        "koordination/rundschreiben/<int:pk>/oeffentlich/",
        views.CircularPublicView.as_view(),
        name="public",
    ),
    path("rundschreiben/<int:pk>/", views.CircularReadView.as_view(), name="read"),
    path(
        "rundschreiben/abmelden/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"
    ),
    path("mein-netzwerk/rundschreiben/", views.PreferencesView.as_view(), name="preferences"),
]
