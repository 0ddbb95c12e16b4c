"""Circulars (Rundschreiben): what the coordinators write to the network, and to whom it went.

A circular keeps its audience definition as data (`audience`, see circulars.audience),
its text as sent, and one Delivery per recipient address: the unique constraint on
(circular, email) means a restarted worker finds every address it already handled
and never mails it twice. Newsletter consent is kept per address (MailPreference):
the same person may be a contact of several organisations, or have no account.
"""

from circulars.models.attachment import (
    CircularAttachment,
    CircularAttachmentQuerySet,
    protect_when_sent,
)
from circulars.models.circular import (
    BODY_MAX_LENGTH,
    LOCKED_WHEN_SENT,
    SUBJECT_MAX_LENGTH,
    Circular,
    CircularQuerySet,
    Delivery,
)
from circulars.models.preferences import CircularSettings, MailPreference

# protect_when_sent too: the migrations name it as circulars.models.protect_when_sent.
__all__ = [
    "BODY_MAX_LENGTH",
    "LOCKED_WHEN_SENT",
    "SUBJECT_MAX_LENGTH",
    "Circular",
    "CircularAttachment",
    "CircularAttachmentQuerySet",
    "CircularQuerySet",
    "CircularSettings",
    "Delivery",
    "MailPreference",
    "protect_when_sent",
]
