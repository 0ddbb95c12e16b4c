from django.core.management.base import BaseCommand

from partners.leaving import carry_out_due_exits
from partners.tasks import schedule_seal_check


class Command(BaseCommand):
    help = (
        "Vollzieht jeden erklärten Austritt, dessen Datum gekommen ist (falls der "
        "Task-Worker ihn verpasst hat), und stellt die nächtliche Siegelprüfung in die "
        "Warteschlange, falls sie fehlt. Mehrfach ausführbar; für cron, täglich kurz nach 0 Uhr."
    )

    def handle(self, *args, **options):
        done = carry_out_due_exits()
        self.stdout.write(self.style.SUCCESS(f"{len(done)} Austritt(e) vollzogen."))
        schedule_seal_check()
