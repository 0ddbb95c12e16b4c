from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    name = "tests.plugin_app"
    label = "plugin_app"
    verbose_name = "Patenschaften"

    def ready(self):
        from core import events, registry
        from tests.plugin_app import hooks

        registry.contribute(
            self,
            coordination_panels=hooks.coordination_panels,
            home_sections=hooks.home_sections,
            handlers={events.OrganisationJoined: hooks.welcome_with_a_sponsor},
        )
