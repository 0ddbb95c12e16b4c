"""A circular's recipient list, stored: one Delivery per address.

The worker's first batch calls this (circulars.tasks), and so may a benchmark; it
lives apart from circulars.services so that services may enqueue the worker's task
while the task module never imports services.
"""

from circulars import audience as audiences
from circulars.models import Delivery


def materialise(circular):
    """Store one Delivery per recipient address; harmless to repeat (unique per address)."""
    recipients = audiences.resolve(circular.kind, circular.audience)
    Delivery.objects.bulk_create(
        [
            Delivery(
                circular=circular,
                email=recipient.email,
                name=recipient.name[:200],
                organisation_name=recipient.organisation_name[:200],
                contact_id=recipient.contact_id,
                user_id=recipient.user_id,
                language=recipient.language,
            )
            for recipient in recipients
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(recipients)
