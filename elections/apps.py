from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = _("Wahlen und Sprechergruppe")

    def ready(self):
        from elections.services import speaker_group_term_organisation_ids
        from netzwerk import roles

        # Organisations with an elected seat belong to the speaker group (see netzwerk.roles).
        if speaker_group_term_organisation_ids not in roles.SPEAKER_GROUP_PROVIDERS:
            roles.SPEAKER_GROUP_PROVIDERS.append(speaker_group_term_organisation_ids)
