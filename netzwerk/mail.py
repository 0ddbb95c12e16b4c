"""Sending the platform's e-mails: one helper, so every mail takes the same path.

Templates follow allauth's naming: `<app>/email/<name>_subject.txt` and
`<name>_message.txt`. Mails are rendered in German (the network's language) and
sent only after the surrounding transaction commits, one message per recipient so
that no address is shown to others.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template, context, to, attachments=()):
    """Build one EmailMessage for `to` (a single address) from the template pair."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_message.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_mail(*, template, context, to, attachments=()):
    """Send the mail to every address in `to`, each its own message, after commit.

    `context` may be a callable taking the address, for mails that differ per
    recipient. Returns the number of messages queued.
    """
    recipients = sorted({address for address in to if address})

    def send():
        messages = [
            render_mail(
                template,
                context(address) if callable(context) else context,
                address,
                attachments,
            )
            for address in recipients
        ]
        if messages:
            with get_connection() as connection:
                connection.send_messages(messages)

    transaction.on_commit(send)
    return len(recipients)
