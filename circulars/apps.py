from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircularsConfig(AppConfig):
    name = "circulars"
    verbose_name = _("Rundschreiben")

    def ready(self):
        from circulars import hooks
        from core import registry

        registry.contribute(
            self,
            coordination_panels=hooks.coordination_panels,
            group_manage_links=hooks.group_manage_links,
            my_network_sections=hooks.my_network_sections,
            news_sections=hooks.news_sections,
            feed_entries=hooks.feed_entries,
            failed_mails=hooks.failed_mails,
            personal_data=hooks.personal_data,
            demo="circulars.demo.seed",
        )
