from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    """The roof (docs/architecture.md): settings, URLs, the site's own pages, the
    coordinators' overview and the seed commands. It may import every app; no app
    imports it. No models (the ground floor `core` owns the label `netzwerk`)."""

    default = True
    name = "netzwerk"
    label = "site"
    verbose_name = _("Website")


class NetzwerkAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "netzwerk.admin_site.NetzwerkAdminSite"
