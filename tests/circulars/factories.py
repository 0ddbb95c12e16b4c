"""Circulars for tests, built through the services where a state needs it."""

from django.utils import timezone

from circulars import services
from circulars.models import Circular, Delivery


def draft(by, *, kind=Circular.Kind.MEMBERSHIP, audience=None, **fields):
    fields.setdefault("subject", "Einladung zum Netzwerktreffen")
    fields.setdefault("body", "Liebe Partner,\n\nwir laden **herzlich** ein.")
    return services.create_circular(by=by, kind=kind, audience=audience or {}, **fields)


def sent(by, *, recipients=(), public=False, **fields):
    """A circular as the worker leaves it: sent, with a delivery per given user."""
    circular = draft(by, public=public, **fields)
    now = timezone.now()
    Circular.objects.filter(pk=circular.pk).update(
        state=Circular.State.SENT, queued_at=now, finished_at=now, sent_by=by
    )
    for user in recipients:
        Delivery.objects.create(
            circular=circular,
            email=user.email,
            name=user.name,
            user=user,
            status=Delivery.Status.SENT,
            attempts=1,
            sent_at=now,
        )
    circular.refresh_from_db()
    return circular
