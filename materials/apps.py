from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Gütesiegel und Materialien")

    def ready(self):
        from core import registry
        from materials import hooks

        registry.contribute(
            self,
            profile_sections=hooks.profile_sections,
            coordination_panels=hooks.coordination_panels,
            my_network_sections=hooks.my_network_sections,
            personal_data=hooks.personal_data,
            demo="materials.demo.seed",
        )
