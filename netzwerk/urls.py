from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from netzwerk import views
from netzwerk.models import SitePage

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("netzwerk/", views.AgreementView.as_view(), name="netzwerk"),
    path(
        "impressum/",
        views.SitePageView.as_view(slug=SitePage.Slug.IMPRESSUM),
        name="impressum",
    ),
    path(
        "datenschutz/",
        views.SitePageView.as_view(slug=SitePage.Slug.DATENSCHUTZ),
        name="datenschutz",
    ),
    path(
        "barrierefreiheit/",
        views.SitePageView.as_view(slug=SitePage.Slug.BARRIEREFREIHEIT),
        name="barrierefreiheit",
    ),
    path(
        "leichte-sprache/",
        TemplateView.as_view(template_name="netzwerk/leichte_sprache.html"),
        name="leichte_sprache",
    ),
    path("koordination/", views.CoordinationView.as_view(), name="coordination"),
    path("health/", views.health, name="health"),
    path("konto/", views.AccountOverviewView.as_view(), name="account_overview"),
    path("konto/meine-daten/", views.PersonalDataView.as_view(), name="account_data"),
    path("konto/loeschen/", views.AccountDeleteView.as_view(), name="account_delete"),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("partners.urls")),
    path("", include("meetings.urls")),
    path("", include("elections.urls")),
    path("", include("workgroups.urls")),
    path("", include("posts.urls")),
    path("", include("materials.urls")),
]
