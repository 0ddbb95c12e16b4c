from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Treffen")

    def ready(self):
        from core import events, registry
        from meetings import hooks

        registry.contribute(
            self,
            home_sections=hooks.home_sections,
            coordination_panels=hooks.coordination_panels,
            my_network_sections=hooks.my_network_sections,
            handlers={
                events.OrganisationLeft: hooks.organisation_left,
                events.OrganisationJoined: hooks.organisation_joined,
                events.MembershipStarted: hooks.membership_started,
            },
            demo="meetings.demo.seed",
        )
