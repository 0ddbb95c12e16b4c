"""Nominations: proposing an organisation, and the nominee's answer."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from elections import policies
from elections.eligibility import is_nominable
from elections.models import STATEMENT_MAX_LENGTH, Nomination
from elections.services.common import _lock, _representative_emails, _require_representative


@transaction.atomic
def nominate_organisation(*, election, organisation, nominated_by, by):
    """Propose an active, non-coordinating organisation; the nominee is asked by mail."""
    _require_representative(by, nominated_by)
    election = _lock(election)
    policies.can_nominate(by, election).enforce()
    if not is_nominable(organisation):
        raise ValidationError(
            _("Vorgeschlagen werden können nur aktive, nicht koordinierende Partner.")
        )
    if election.nominations.filter(organisation=organisation).exists():
        raise ValidationError(
            _("%(organisation)s ist bereits vorgeschlagen.") % {"organisation": organisation}
        )
    nomination = Nomination.objects.create(
        election=election,
        organisation=organisation,
        nominated_by=nominated_by,
        nominated_by_user=by,
    )
    send_templated_mail(
        template="elections/email/nomination",
        context={
            "nomination": nomination,
            "url": reverse("elections:nomination_accept", kwargs={"pk": nomination.pk}),
        },
        to=_representative_emails(organisation),
    )
    return nomination


def _answer_nomination(nomination, by, status, statement=""):
    nomination = Nomination.objects.select_related("organisation").get(pk=nomination.pk)
    _require_representative(by, nomination.organisation)
    nomination.election = _lock(nomination.election)
    policies.can_answer_nomination(by, nomination).enforce()
    if len(statement) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "statement": _("Die Vorstellung darf höchstens %(max)s Zeichen lang sein.")
                % {"max": STATEMENT_MAX_LENGTH}
            },
            code="too_long",
        )
    nomination.status = status
    if statement:
        nomination.statement = statement
    nomination.save(update_fields=["status", "statement"])
    return nomination


@transaction.atomic
def accept_nomination(*, nomination, statement, by):
    """The nominee's representative accepts, with a short statement."""
    return _answer_nomination(nomination, by, Nomination.Status.ACCEPTED, statement.strip())


@transaction.atomic
def decline_nomination(*, nomination, by):
    """The nominee's representative declines; the organisation does not stand."""
    return _answer_nomination(nomination, by, Nomination.Status.DECLINED)
