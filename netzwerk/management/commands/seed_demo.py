from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from core import demo_networks, registry
from core.models import NetworkSettings
from partners.models import Organisation

DEMO_PASSWORD = "demo-passwort"  # noqa: S105 - documented demo login, refused with DEBUG off


class Command(BaseCommand):
    help = "Füllt eine leere Datenbank mit einem Demo-Netzwerk (nur mit DEBUG)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch ohne DEBUG ausführen (nur für Tests und Benchmarks).",
        )
        parser.add_argument(
            "--network",
            default=None,
            choices=sorted(demo_networks.NETWORKS),
            help="Welches Demo-Netzwerk: hannover (Vorgabe) oder musterstadt.",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo legt Konten mit bekanntem Passwort an und läuft deshalb nur mit DEBUG=true."
            )
        logins = []
        network = demo_networks.NETWORKS[options["network"] or "hannover"]
        current = NetworkSettings.objects.filter(pk=NetworkSettings.SINGLETON_PK).first()
        if Organisation.objects.exists():
            # Seeded before (`make run` seeds on every start): the network stays as it is,
            # its settings too, whatever the coordinators made of them; another demo
            # network needs an empty database.
            if options["network"] and current is not None and current.name != network.name:
                raise CommandError(
                    f"Die Datenbank enthält bereits ein anderes Netzwerk ({current.name}); "
                    f"{network.name} braucht eine leere Datenbank."
                )
        else:
            # The network's identity first: every demo module reads its name and districts.
            NetworkSettings.objects.update_or_create(
                pk=NetworkSettings.SINGLETON_PK, defaults=network.settings()
            )
        # Each app's demo module builds its part through the app's services, in
        # INSTALLED_APPS order: partners first, because everything builds on them.
        # The services' notification mails are not for real people: keep them in memory.
        # The operator at the shell seeds, not a web session: the demo coordinator acts
        # without the second factor the web asks of coordinators (docs/security-mfa.md).
        with (
            override_settings(
                MFA_REQUIRED_FOR_COORDINATORS=False,
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                TASKS={
                    "default": {
                        "BACKEND": "django.tasks.backends.dummy.DummyBackend",
                        "QUEUES": ["default", "mail"],
                    }
                },
            ),
            demo_networks.seeding(network),
        ):
            for seed in registry.providers("demo"):
                logins.extend(seed(stdout=self.stdout, password=DEMO_PASSWORD) or [])
        self.stdout.write(
            self.style.SUCCESS(f"Demo-Netzwerk ({network.name}) ist bereit. Anmeldungen:")
        )
        for email, description in logins:
            self.stdout.write(f"  {email:32} {DEMO_PASSWORD}   {description}")
