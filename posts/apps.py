from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = _("Aktuelles")

    def ready(self):
        from core import registry
        from posts import hooks

        registry.contribute(
            self,
            home_sections=hooks.home_sections,
            coordination_panels=hooks.coordination_panels,
            profile_sections=hooks.profile_sections,
            my_network_sections=hooks.my_network_sections,
            personal_data=hooks.personal_data,
            demo="posts.demo.seed",
        )
