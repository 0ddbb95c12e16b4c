"""Carrying out a declared exit on its date: the partner leaves, its history stays.

The task worker (partners.tasks), the daily sweep (`manage.py carry_out_exits`) and a
coordinator confirming an exit take this step. It imports nothing from
partners.services or partners.tasks, so the tasks can call it while the services
queue the tasks.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core import events, registry
from core.mail import send_templated_mail
from partners import policies
from partners.models import Organisation


@transaction.atomic
def carry_out_exit(*, organisation, by=None, now=None):
    """Carry out a declared exit on its date: the partner leaves, its history stays.

    `by` is None for the task worker and the sweep, else a coordinator. The state is
    checked again under a lock, so a withdrawn or not yet due exit is not carried
    out. Other apps react to the event `core.events.OrganisationLeft`.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_carry_out_exit(by, organisation, now=now).enforce()
    organisation.status = Organisation.Status.LEFT
    organisation.left_on = organisation.exit_on
    # A partner that left coordinates no more (the agreement names active partners).
    organisation.is_coordinating = False
    organisation.decided_by = by
    organisation.decided_at = now or timezone.now()
    organisation.save(
        update_fields=["status", "left_on", "is_coordinating", "decided_by", "decided_at"]
    )
    registry.notify(events.OrganisationLeft(organisation))
    send_templated_mail(
        template="partners/email/exit_confirmed",
        context={"organisation": organisation},
        to=organisation.contacts.values_list("email", flat=True),
    )
    return organisation


def carry_out_due_exits(*, now=None):
    """The sweep: carry out every declared exit whose date has come; idempotent."""
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    done = []
    for pk in (
        Organisation.objects.exit_declared().filter(exit_on__lte=today).values_list("pk", flat=True)
    ):
        try:
            done.append(carry_out_exit(organisation=Organisation(pk=pk), now=now))
        except ValidationError:
            continue  # withdrawn or carried out meanwhile
    return done
