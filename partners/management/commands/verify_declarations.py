from django.core.management.base import BaseCommand, CommandError

from partners.seal_check import check_seals
from partners.tasks import schedule_seal_check


class Command(BaseCommand):
    help = (
        "Prüft das Siegel (HMAC-SHA256 mit DECLARATION_SEAL_KEY) jeder Erklärung zur "
        "Mitarbeit und jeder Fassung der Kooperationsvereinbarung, nennt jede, die nicht "
        "passt, und speichert das Ergebnis für die Übersicht der Koordination. "
        "Endet mit Status 1, wenn etwas nicht passt. Der Task-Worker führt es jede Nacht aus."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="die nächtliche Prüfung nicht in die Warteschlange stellen",
        )

    def handle(self, *args, **options):
        check = check_seals()
        if not options["no_schedule"]:
            schedule_seal_check()
        for failure in check.failures:
            self.stdout.write(
                self.style.ERROR(f"ABWEICHUNG: {failure['name']}: {', '.join(failure['befund'])}")
            )
        summary = (
            f"{check.declarations} Erklärung(en) und {check.versions} Fassung(en) geprüft, "
            f"{len(check.failures)} Abweichung(en)."
        )
        if check.failures:
            self.stdout.write(summary)
            raise CommandError(
                f"{len(check.failures)} Eintrag/Einträge passen nicht zu ihrem Siegel."
            )
        self.stdout.write(self.style.SUCCESS(summary))
