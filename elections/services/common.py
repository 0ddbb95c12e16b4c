"""What the election services share: who acts for an organisation, and row locks."""

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.translation import gettext as _

from elections.models import Election
from partners.models import Contact


def _require_representative(by, organisation):
    """The user is a representative of this active organisation (checked in the DB)."""
    if by is None or not by.is_authenticated:
        raise PermissionDenied(_("Bitte melden Sie sich an."))
    allowed = (
        Contact.objects.of_active_partners()
        .filter(user=by, organisation=organisation, is_representative=True)
        .exists()
    )
    if not allowed:
        raise PermissionDenied(
            _("Sie sind nicht vertretungsberechtigt für %(organisation)s.")
            % {"organisation": organisation}
        )


def _lock(election):
    return Election.objects.select_for_update().get(pk=election.pk)


def _lock_shared(election):
    """A share lock on the election row: ballots are cast side by side, while a
    transition (FOR UPDATE, e.g. closing) waits for them and they wait for it.
    Each organisation's single vote is guarded by the receipt's unique constraint."""
    if connection.vendor != "postgresql":
        return _lock(election)
    table = connection.ops.quote_name(Election._meta.db_table)
    return Election.objects.raw(
        # The table name comes from the model, the id is a parameter.
        f"SELECT * FROM {table} WHERE id = %s FOR SHARE",  # noqa: S608  # nosec B608
        [election.pk],
    )[0]


def _representative_emails(organisation):
    return list(
        Contact.objects.representatives()
        .filter(organisation=organisation)
        .values_list("email", flat=True)
    )
