"""What every app's `policies.py` answers with: a Decision.

A policy function `can_<verb>_<record>(user, record, *, now=None)` returns a Decision:
truthy when the person may do it now, otherwise falsy and carrying a translated reason
that the service raises, the view shows and the admin obeys. A refusal is either about
the person (`Decision.forbid`: not their role, answered with 403) or about the record's
state (`Decision.refuse`: "the minutes are approved", a form error or message).

The policies of corrections (Berichtigungen), which every app with final records
shares, live here too.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.roles import is_coordinator


class Decision:
    """The answer of a policy: truthy if allowed, else falsy with a reason."""

    __slots__ = ("allowed", "forbidden", "reason")

    def __init__(self, allowed, reason="", *, forbidden=False):
        self.allowed = bool(allowed)
        self.reason = reason
        self.forbidden = forbidden

    def __bool__(self):
        return self.allowed

    def __repr__(self):
        return "Decision(allowed)" if self.allowed else f"Decision(refused: {self.reason!s})"

    @classmethod
    def allow(cls):
        return cls(True)

    @classmethod
    def refuse(cls, reason):
        """Not now, because of the record's state (a form error, HTTP 200/400)."""
        return cls(False, reason)

    @classmethod
    def forbid(cls, reason=None):
        """Not this person (HTTP 403)."""
        return cls(False, reason or _("Dazu sind Sie nicht berechtigt."), forbidden=True)

    def enforce(self):
        """For services: raise PermissionDenied or ValidationError unless allowed."""
        if self.allowed:
            return
        if self.forbidden:
            raise PermissionDenied(self.reason)
        raise ValidationError(self.reason, code="refused")


ALLOW = Decision.allow()


def first_refusal(*decisions):
    """The first refusal among the decisions, or ALLOW; lazily, if given callables."""
    for decision in decisions:
        if callable(decision):
            decision = decision()
        if not decision:
            return decision
    return ALLOW


def coordinators_only(user):
    """ALLOW for coordinators, else a 403 refusal: the commonest rule of all."""
    if user is not None and is_coordinator(user):
        return ALLOW
    return Decision.forbid(_("Nur die Koordination darf das."))


def can_correct_record(user, record):
    """Coordinators correct final records (a Berichtigung), and only final ones."""
    decision = coordinators_only(user)
    if not decision:
        return decision
    if not record.is_final():
        return Decision.refuse(
            _("Dieser Eintrag ist noch nicht endgültig; er wird direkt bearbeitet.")
        )
    return ALLOW


def can_change_network_settings(user):
    """The network's identity (names, city, contact, districts): coordinators only."""
    return coordinators_only(user)
