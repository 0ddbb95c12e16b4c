from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from django.views.i18n import set_language

from core import mfa_admin
from core.models import SitePage
from netzwerk import views

# After the admin's autodiscovery (allauth.mfa registers its own): no secrets shown.
mfa_admin.register()

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
    path("koordination/netzwerk/", views.NetworkSettingsView.as_view(), name="network_settings"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.FaviconView.as_view(), name="favicon"),
    path("konto/", views.AccountOverviewView.as_view(), name="account_overview"),
    path("konto/meine-daten/", views.PersonalDataView.as_view(), name="account_data"),
    path("konto/loeschen/", views.AccountDeleteView.as_view(), name="account_delete"),
    path("konto/", include("allauth.urls")),
    # The language switch sits in every page's header. Without a CSRF token there,
    # public pages hold nothing per visitor: the cache serves them as they are and
    # sets no cookie. A forged switch could only change someone's display language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("partners.urls")),
    path("", include("meetings.urls")),
    path("", include("elections.urls")),
    path("", include("workgroups.urls")),
    path("", include("posts.urls")),
    path("", include("materials.urls")),
    path("", include("oparl.urls")),
    path("", include("circulars.urls")),
]
