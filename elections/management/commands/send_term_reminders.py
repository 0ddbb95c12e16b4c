from django.core.management.base import BaseCommand

from elections.services import send_term_reminders


class Command(BaseCommand):
    help = "Erinnert die Koordination an Amtszeiten, die in den nächsten 90 Tagen enden."

    def handle(self, *args, **options):
        count = send_term_reminders()
        self.stdout.write(self.style.SUCCESS(f"Erinnerungen für {count} Amtszeiten versendet."))
