"""Queue another batch for every circular still being sent (after a worker was killed).

Harmless to run any time (cron every few minutes, or after restarting the worker):
deliveries are claimed one by one, so a batch that runs twice sends nothing twice.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from circulars import services
from circulars.models import Circular


class Command(BaseCommand):
    help = "Setzt den Versand laufender Rundschreiben fort (nach einem Neustart des Workers)."

    def handle(self, *args, **options):
        running = Circular.objects.filter(
            state__in=[Circular.State.QUEUED, Circular.State.SENDING]
        ).values_list("pk", flat=True)
        count = 0
        for pk in running:
            with transaction.atomic():
                count += services.resume_circular(circular_id=pk)
        self.stdout.write(f"{count} Rundschreiben fortgesetzt.")
