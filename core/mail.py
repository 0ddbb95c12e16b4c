"""Sending the platform's e-mails: one helper, so every mail takes the same path.

Templates follow allauth's naming: `<app>/email/<name>_subject.txt` and
`<name>_message.txt`. Mails are rendered in German (the network's language) when
the surrounding transaction commits, one message per recipient so that no address
is shown to others, and handed to the task queue (core.tasks), so a request
that invites every partner returns at once.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from core.network import get_network
from core.tasks import enqueue_messages, message_to_json


def subject_prefix():
    """Every mail's subject starts with the network's name: \"[Netzwerk Bürgermitwirkung] \"."""
    return f"[{get_network().brand}] "


def render_mail(template, context, to, attachments=()):
    """Build one EmailMessage for `to` (a single address) from the template pair."""
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_message.txt", context)
    subject = subject_prefix() + " ".join(subject.split())
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_templated_mail(*, template, context, to, attachments=()):
    """Queue the mail for every address in `to`, each its own message, after commit.

    `context` may be a callable taking the address, for mails that differ per
    recipient. Returns the number of messages queued.
    """
    recipients = sorted({address for address in to if address})

    def send():
        if callable(context):
            messages = [
                message_to_json(render_mail(template, context(address), address, attachments))
                for address in recipients
            ]
        else:
            # The same text for everyone: render once, address each copy.
            shared = message_to_json(render_mail(template, context, "", attachments))
            messages = [{**shared, "to": [address]} for address in recipients]
        enqueue_messages(messages)

    transaction.on_commit(send)
    return len(recipients)
