from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor (docs/architecture.md). Its label is `netzwerk`: the tables and
    migrations of its models (users, site pages, corrections, the network's settings)
    were made under that name."""

    default = True
    name = "core"
    label = "netzwerk"
    verbose_name = _("Netzwerk")

    def ready(self):
        # Connects the page cache's invalidation and the fragments' generations to
        # every write, in every process.
        from core import fragments, hooks, pagecache, registry  # noqa: F401

        registry.contribute(
            self,
            coordination_panels=hooks.coordination_panels,
            initial_rows="core.initial_rows.restore",
            demo="core.demo.seed",
        )
