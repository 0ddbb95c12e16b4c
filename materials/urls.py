from django.urls import path

from materials import views

app_name = "materials"

urlpatterns = [
    path("materialien/", views.MaterialListView.as_view(), name="list"),
    path("materialien/guetesiegel/", views.SealView.as_view(), name="seal"),
    path(
        "materialien/guetesiegel/nutzungsbedingungen/",
        views.AcceptTermsView.as_view(),
        name="accept_terms",
    ),
    path(
        "materialien/guetesiegel/nutzungsbedingungen/<int:pk>/berichtigen/",
        views.TermsCorrectionView.as_view(),
        name="terms_correct",
    ),
    path(
        "materialien/guetesiegel/annahmen/<int:pk>/berichtigen/",
        views.AcceptanceCorrectionView.as_view(),
        name="acceptance_correct",
    ),
    path("materialien/guetesiegel/<int:pk>/download/", views.seal_download, name="seal_download"),
    path(
        "materialien/dokumente/<int:pk>/download/",
        views.document_download,
        name="document_download",
    ),
]
