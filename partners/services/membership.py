"""Declaring and withdrawing an exit; naming the coordinating organisations.

Carrying out an exit on its date is background work (partners.leaving, run by
partners.tasks), which these services queue.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from core.roles import coordinator_emails
from partners import policies
from partners.models import Organisation
from partners.tasks import schedule_exit


@transaction.atomic
def declare_exit(*, organisation, by, exit_on, reason=""):
    """A representative declares the organisation's exit as of a date.

    Until that date the organisation stays an active partner and its representative
    may withdraw the exit; on the date the task worker carries it out (see
    partners.tasks; `manage.py carry_out_exits` sweeps what the worker missed).
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_declare_exit(by, organisation).enforce()
    decision = policies.check_exit_date(exit_on)
    if not decision:
        raise ValidationError({"exit_on": decision.reason}, code="exit_on")
    reason = (reason or "").strip()
    if len(reason) > EXIT_REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Der Grund ist zu lang.")}, code="too_long")
    organisation.exit_declared_at = timezone.now()
    organisation.exit_on = exit_on
    organisation.exit_reason = reason
    organisation.save(update_fields=["exit_declared_at", "exit_on", "exit_reason"])
    transaction.on_commit(lambda: schedule_exit(organisation_id=organisation.pk, exit_on=exit_on))
    send_templated_mail(
        template="partners/email/exit_declared",
        context={
            "organisation": organisation,
            "by": by,
            "confirm_url": reverse("partners:exit_confirm", kwargs={"slug": organisation.slug}),
        },
        to=coordinator_emails(),
    )
    return organisation


EXIT_REASON_MAX_LENGTH = 2000


@transaction.atomic
def withdraw_exit(*, organisation, by):
    """The representative withdraws a declared exit before its date: it stays a partner.

    A task already queued for the exit finds no declared exit and does nothing.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_withdraw_exit(by, organisation).enforce()
    exit_on = organisation.exit_on
    organisation.exit_declared_at = None
    organisation.exit_on = None
    organisation.exit_reason = ""
    organisation.save(update_fields=["exit_declared_at", "exit_on", "exit_reason"])
    send_templated_mail(
        template="partners/email/exit_withdrawn",
        context={"organisation": organisation, "by": by, "exit_on": exit_on},
        to=coordinator_emails(),
    )
    return organisation


@transaction.atomic
def set_coordinating(*, organisation, by, value):
    """Name or unname a coordinating organisation; the agreement names exactly two."""
    # Lock the coordinating rows, so two coordinators cannot name a third at once.
    list(Organisation.objects.coordinating().select_for_update())
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    policies.can_set_coordinating(by, organisation, value).enforce()
    organisation.is_coordinating = bool(value)
    organisation.save(update_fields=["is_coordinating"])
    return organisation
