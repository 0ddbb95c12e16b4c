"""Queueing a circular to the whole network, part of `make bench`.

Against the benchmark's database (with `seed_scale` data: 10,000 partners, two contacts
each) the demo coordinator queues a circular to every active partner through the real
`circulars.services.queue_circular` — what the request does — and then the worker's
first step, storing the recipient list (`circulars.services.materialise`), is timed
too. Everything runs in a transaction that is rolled back: no mail is queued.

Prints a JSON line with the figures as its last line; exits non-zero when the request
takes 2 s or more.

Usage: DATABASE_URL=postgres://… python tools/bench_circulars.py
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_QUEUE_S = 2.0


class Rollback(Exception):
    pass


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    os.environ.setdefault(
        "DATABASE_URL", "postgres://netzwerk:netzwerk@127.0.0.1:5432/netzwerk_bench"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from circulars import services

    coordinator = get_user_model().objects.get(email="koordination@example.org")
    figures = {}
    try:
        with transaction.atomic():
            circular = services.create_circular(
                by=coordinator,
                subject="Benchmark-Rundschreiben",
                body="An alle Partner.",
                kind="membership",
                audience={},
            )
            started = time.monotonic()
            services.queue_circular(circular=circular, by=coordinator)
            figures["queue_s"] = round(time.monotonic() - started, 3)
            started = time.monotonic()
            figures["recipients"] = services.materialise(circular)
            figures["recipient_list_s"] = round(time.monotonic() - started, 3)
            raise Rollback
    except Rollback:
        pass
    figures["meets_target"] = figures["queue_s"] < TARGET_QUEUE_S
    print(
        f"circular to {figures['recipients']} addresses: queued in {figures['queue_s']} s "
        f"(target < {TARGET_QUEUE_S} s), recipient list stored by the worker in "
        f"{figures['recipient_list_s']} s"
    )
    print(json.dumps(figures))
    return 0 if figures["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
