from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = _("Wahlen und Sprechergruppe")

    def ready(self):
        from core import registry
        from elections import hooks
        from elections.services import speaker_group_term_organisation_ids

        registry.contribute(
            self,
            coordination_panels=hooks.coordination_panels,
            my_network_sections=hooks.my_network_sections,
            personal_data=hooks.personal_data,
            # Organisations with an elected seat belong to the speaker group.
            speaker_group=speaker_group_term_organisation_ids,
            demo="elections.demo.seed",
        )
