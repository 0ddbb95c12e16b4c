from django.core.management.base import BaseCommand

from meetings.services import send_reminders


class Command(BaseCommand):
    help = (
        "Erinnert eingeladene Organisationen, die noch nicht geantwortet haben, "
        "einige Tage vor dem Treffen (einmal je Organisation und Treffen). Für cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="Erinnern, wenn das Treffen in höchstens so vielen Tagen beginnt (Standard: 7).",
        )

    def handle(self, *args, **options):
        count = send_reminders(days=options["days"])
        self.stdout.write(self.style.SUCCESS(f"{count} Organisation(en) erinnert."))
