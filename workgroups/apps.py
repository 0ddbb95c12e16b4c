from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Arbeitsgruppen")

    def ready(self):
        from core import events, registry
        from workgroups import hooks

        registry.contribute(
            self,
            profile_sections=hooks.profile_sections,
            coordination_panels=hooks.coordination_panels,
            my_network_sections=hooks.my_network_sections,
            personal_data=hooks.personal_data,
            handlers={
                events.OrganisationLeft: hooks.organisation_left,
            },
            demo="workgroups.demo.seed",
        )
