"""A large network for the benchmark (`make bench`), built through the apps' services.

On top of `seed_demo` (whose demo logins keep working) it adds, by default, 10,000
partners with contacts and declarations, 300 meetings with minutes, 50 elections
with ballots, 1,000 posts and 100 working groups. Each part counts what an earlier
run already made and only adds the rest, so running it twice changes nothing.

Speed: every batch is one transaction; mail goes to a dummy task backend (the
addresses are fictional and nobody reads them); passwords are hashed once.

The builders live in `_scale/`, one module per app; this command runs them in order.
"""

import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from netzwerk.management.commands._scale.elections import elections
from netzwerk.management.commands._scale.meetings import meetings
from netzwerk.management.commands._scale.partners import partners
from netzwerk.management.commands._scale.posts import posts
from netzwerk.management.commands._scale.workgroups import groups


class Command(BaseCommand):
    help = "Baut ein großes Netzwerk für den Benchmark (über die Services der Apps)."

    def add_arguments(self, parser):
        parser.add_argument("--partners", type=int, default=10_000)
        parser.add_argument(
            "--through-services",
            type=int,
            default=500,
            help="So viele Partner durchlaufen Bewerbung, Erklärung und Aufnahme einzeln.",
        )
        parser.add_argument("--meetings", type=int, default=300)
        parser.add_argument("--elections", type=int, default=50)
        parser.add_argument("--posts", type=int, default=1_000)
        parser.add_argument("--groups", type=int, default=100)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Auch ohne DEBUG ausführen (nur für Benchmarks).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_scale legt Konten mit bekanntem Passwort an und läuft deshalb nur "
                "mit DEBUG=true (oder mit --force für den Benchmark)."
            )
        self.through_services = options["through_services"]
        self.rng = random.Random(8)  # noqa: S311 - benchmark data, not security
        # No mail leaves the seed: the dummy backend drops the queued messages. The shell
        # seeds, not a web session: no second factor asked of the demo coordinator.
        with override_settings(
            MFA_REQUIRED_FOR_COORDINATORS=False,
            TASKS={
                "default": {
                    "BACKEND": "django.tasks.backends.dummy.DummyBackend",
                    "QUEUES": ["default", "mail"],
                }
            },
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ):
            call_command("seed_demo", force=True, stdout=self.stdout)
            self.coordinator = get_user_model().objects.get(email="koordination@example.org")
            for step, count in [
                (partners, options["partners"]),
                (meetings, options["meetings"]),
                (elections, options["elections"]),
                (posts, options["posts"]),
                (groups, options["groups"]),
            ]:
                started = time.monotonic()
                made = step(self, count)
                self.stdout.write(
                    f"{step.__name__}: {made} neu in {time.monotonic() - started:.1f} s"
                )
        if connection.vendor == "postgresql":
            # Fresh statistics after the bulk load, so the planner picks the indexes;
            # VACUUM also moves the trigram indexes' pending entries into the index,
            # without which the directory's search scans all 10,000 rows.
            with connection.cursor() as cursor:
                # (VACUUM cannot run in a transaction, as in the tests.)
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS("Skalierungsdaten sind bereit."))
