from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NetzwerkConfig(AppConfig):
    default = True
    name = "netzwerk"
    verbose_name = _("Netzwerk")

    def ready(self):
        # Connects the page cache's invalidation to every write, in every process.
        from netzwerk import pagecache  # noqa: F401


class NetzwerkAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "netzwerk.admin_site.NetzwerkAdminSite"
