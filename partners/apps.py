from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner")

    def ready(self):
        from core import events, registry
        from partners import (
            hooks,
            signals,  # noqa: F401 - connects the receivers
        )
        from partners.roles import contact_keys_sql, contacts_of, coordinating_organisation_ids

        registry.contribute(
            self,
            coordination_panels=hooks.coordination_panels,
            account_sections=hooks.account_sections,
            home_sections=hooks.home_sections,
            personal_data=hooks.personal_data,
            contacts=contacts_of,
            contact_keys_sql=contact_keys_sql,
            speaker_group=coordinating_organisation_ids,
            handlers={
                events.AccountDeleting: hooks.before_account_deleted,
            },
            initial_rows="partners.initial_rows.restore",
            demo="partners.demo.seed",
        )
