"""Sending a circular: the task worker works through its deliveries in batches.

Each run of `send_circular_batch` sends at most `CIRCULAR_MAILS_PER_MINUTE` mails and
queues the next run a minute after it began, so the mail server sees the configured
rate. Before a mail is sent its delivery is *claimed* (queued → sending, in one
conditional UPDATE): a second worker, or the same task run again after a restart,
finds it claimed or sent and leaves it alone; a cancel turns the queued deliveries
into cancelled ones, so no later claim succeeds. The result is written right after
each mail. A claim older than `STALE_CLAIM` (a worker killed between claim and
result) is put back in the queue; that mail is the only one that could go out twice,
and only if the worker died in the instant after the server accepted it.

Temporary failures (SMTP 4xx, a refused or broken connection) are retried with
growing delays up to MAX_ATTEMPTS; permanent ones (SMTP 5xx) are recorded at once
and listed with the other failed mails on /koordination/.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.db.models import F, Min, Q
from django.tasks import task
from django.utils import timezone

from circulars.deliveries import materialise
from circulars.mail import build_for_delivery
from circulars.models import Circular, Delivery
from core import pagecache

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
STALE_CLAIM = datetime.timedelta(minutes=10)
MINUTE = datetime.timedelta(minutes=1)


def is_permanent(error):
    """SMTP 5xx answers are permanent; 4xx, timeouts and broken connections are not."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return 500 <= error.smtp_code < 600
    return False


def enqueue_batch(circular_id, *, run_after=None):
    if run_after is not None and send_circular_batch.get_backend().supports_defer:
        send_circular_batch.using(run_after=run_after).enqueue(circular_id)
    else:
        send_circular_batch.enqueue(circular_id)


@task(queue_name="mail")
def send_circular_batch(circular_id):
    return run_batch(circular_id)


def _ready(circular_id, now):
    return Delivery.objects.filter(circular_id=circular_id, status=Delivery.Status.QUEUED).filter(
        Q(retry_after__isnull=True) | Q(retry_after__lte=now)
    )


def run_batch(circular_id, *, connection=None):
    """Send one batch of the circular's deliveries; queue the next. Returns mails sent.

    Without a worker (a backend that cannot defer, such as the immediate one) the
    batches follow each other here, in a loop rather than by nested enqueueing.
    `connection` is a mail connection to send through instead of EMAIL_BACKEND's.
    """
    total = 0
    while True:
        sent, again = _one_batch(circular_id, connection=connection)
        total += sent
        if not again:
            return total


def _one_batch(circular_id, *, connection=None):
    started = timezone.now()
    running = [Circular.State.QUEUED, Circular.State.SENDING]
    if not Circular.objects.filter(pk=circular_id, state__in=running).exists():
        return 0, False
    circular = Circular.objects.get(pk=circular_id)
    if circular.resolved_at is None:
        # The first batch stores the recipient list. Interrupted, the next run completes it
        # (one Delivery per address, whatever was stored before).
        materialise(circular)
        Circular.objects.filter(pk=circular_id, resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
    if Circular.objects.filter(pk=circular_id, state=Circular.State.QUEUED).update(
        state=Circular.State.SENDING
    ):
        pagecache.invalidate()  # an update() sends no post_save: the panels show the state
    Delivery.objects.filter(
        circular_id=circular_id,
        status=Delivery.Status.SENDING,
        attempted_at__lt=started - STALE_CLAIM,
    ).update(status=Delivery.Status.QUEUED)
    limit = max(1, settings.CIRCULAR_MAILS_PER_MINUTE)
    candidates = list(
        _ready(circular_id, started).order_by("pk").values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in candidates:
        now = timezone.now()
        # Only while the circular runs: a cancel committed meanwhile stops the claim.
        claimed = Delivery.objects.filter(
            pk=pk, status=Delivery.Status.QUEUED, circular__state__in=running
        ).update(status=Delivery.Status.SENDING, attempted_at=now, attempts=F("attempts") + 1)
        if not claimed:  # sent by another run, or cancelled meanwhile
            continue
        delivery = Delivery.objects.select_related("circular").get(pk=pk)
        try:
            message = build_for_delivery(delivery)
            if connection is None:
                message.send()
            else:
                connection.send_messages([message])
        except Exception as error:
            _record_failure(delivery, error)
        else:
            Delivery.objects.filter(pk=pk).update(
                status=Delivery.Status.SENT, sent_at=timezone.now(), error=""
            )
            sent += 1
    return sent, _continue(circular_id, started)


def _record_failure(delivery, error):
    permanent = is_permanent(error)
    logger.warning(
        "Circular %s to %s failed (attempt %s, %s)",
        delivery.circular_id,
        delivery.email,
        delivery.attempts,
        "permanent" if permanent else "temporary",
        exc_info=True,
    )
    text = f"{type(error).__name__}: {error}"[:2000]
    if permanent or delivery.attempts >= MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.FAILED, error=text
        )
    else:
        delay = datetime.timedelta(minutes=2**delivery.attempts)
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.QUEUED,
            error=text,
            retry_after=timezone.now() + delay,
        )


def _continue(circular_id, started):
    """Queue the next batch, or mark the circular sent when nothing is left.

    Returns True when the caller should run the next batch at once (no worker)."""
    if not Circular.objects.filter(pk=circular_id, state=Circular.State.SENDING).exists():
        # Cancelled (perhaps while this run stored the recipient list): nothing waits.
        Delivery.objects.filter(circular_id=circular_id, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.CANCELLED
        )
        return False
    open_deliveries = Delivery.objects.filter(
        circular_id=circular_id, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
    )
    if not open_deliveries.exists():
        if Circular.objects.filter(pk=circular_id, state=Circular.State.SENDING).update(
            state=Circular.State.SENT, finished_at=timezone.now()
        ):
            pagecache.invalidate()  # a public circular now appears on /aktuelles/
        return False
    next_minute = started + MINUTE
    if not send_circular_batch.get_backend().supports_defer:
        # Without a worker (the immediate backend of development): go on at once with
        # whatever is ready; retries wait for a real worker.
        return _ready(circular_id, timezone.now()).exists()
    earliest_retry = open_deliveries.filter(status=Delivery.Status.QUEUED).aggregate(
        first=Min("retry_after")
    )["first"]
    if _ready(circular_id, timezone.now()).exists() or earliest_retry is None:
        run_after = next_minute
    else:
        run_after = max(next_minute, earliest_retry)
    if not open_deliveries.filter(status=Delivery.Status.QUEUED).exists():
        # Only claims of another run are open: look again when they would be stale.
        run_after = max(next_minute, timezone.now() + STALE_CLAIM)
    enqueue_batch(circular_id, run_after=run_after)
    return False
