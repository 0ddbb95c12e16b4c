"""Background work: delivering e-mail through Django's tasks framework.

Mails are rendered in the request (so templates see live objects) and only the
finished messages — plain JSON — are queued, in batches. With the database backend
nothing is lost while the worker is down: it catches up when `manage.py db_worker`
starts. A batch that fails in part queues a later attempt for the failed messages.
"""

import base64
import datetime
import logging

from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH_SIZE = 100


def message_to_json(message):
    """The parts of an EmailMessage as JSON-ready data."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "attachments": [
            {
                "filename": filename,
                "content": base64.b64encode(
                    content.encode("utf-8") if isinstance(content, str) else content
                ).decode("ascii"),
                "mimetype": mimetype,
            }
            for filename, content, mimetype in message.attachments
        ],
        # Multipart mails (an HTML part beside the text) and their headers, such as
        # a circular's List-Unsubscribe; absent in messages queued before they existed.
        "alternatives": [
            {"content": content, "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "headers": dict(message.extra_headers),
    }


def message_from_json(data):
    message = EmailMultiAlternatives(
        data["subject"],
        data["body"],
        data["from_email"],
        data["to"],
        headers=data.get("headers") or None,
    )
    for alternative in data.get("alternatives", []):
        message.attach_alternative(alternative["content"], alternative["mimetype"])
    for attachment in data["attachments"]:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


def enqueue_messages(messages):
    """Queue rendered messages (JSON data) for delivery, in batches."""
    for start in range(0, len(messages), BATCH_SIZE):
        deliver_mail.enqueue(messages[start : start + BATCH_SIZE])


@task(queue_name="mail")
def deliver_mail(messages, attempt=1):
    """Send each message; queue a later attempt for those that failed, up to MAX_ATTEMPTS."""
    failed = []
    for data in messages:
        try:
            message_from_json(data).send()
        except Exception:
            logger.warning("Mail to %s failed (attempt %s)", data["to"], attempt, exc_info=True)
            failed.append(data)
    if failed:
        if attempt < MAX_ATTEMPTS:
            delay = datetime.timedelta(minutes=2**attempt)
            deliver_mail.using(run_after=timezone.now() + delay).enqueue(failed, attempt + 1)
        recipients = ", ".join(address for data in failed for address in data["to"])
        raise RuntimeError(f"Zustellung fehlgeschlagen an: {recipients}")
    return len(messages)
