"""The OParl 1.1 endpoint: read-only JSON under /oparl/ (see docs/oparl.md)."""

from django.urls import path

from oparl import views

app_name = "oparl"

urlpatterns = [
    path("oparl/", views.system, name="system"),
    path("oparl/body/", views.body_list, name="body_list"),
    path("oparl/body/<slug:key>/", views.body, name="body"),
    path("oparl/body/<slug:key>/<slug:kind>/", views.object_list, name="list"),
    path("oparl/file/<slug:key>/download/", views.file_download, name="download"),
    path("oparl/<slug:kind>/<slug:key>/", views.object_detail, name="object"),
]
