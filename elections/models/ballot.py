"""The electorate, vote receipts, ballots and their choices.

Secret ballots: what is stored, and what it cannot tell
========================================================

A vote is stored as two unrelated things: a `BallotReceipt` (this organisation voted,
cast by this person, in this minute) and a `Ballot` with its `BallotChoice` rows (these
crosses, and nothing else). While voting runs, the physical traces of a write still
line the two up: a ballot is written right after its receipt, so SQLite's `rowid`,
PostgreSQL's `ctid`, `xmin` (one apart: the receipt is written in a savepoint) and the
row order of a `pg_dump` follow the order of the receipts.

When voting ends — `services.close_voting`, and `services.cancel_election` of an
election in voting — the same transaction that ends it rewrites the election's
ballots (`services._shuffle_ballots`): it reads their contents, deletes every ballot
and choice of the election and inserts them again in an order drawn by
`secrets.SystemRandom`, each with a fresh random UUID (`uuid4`, from the operating
system's randomness). Afterwards

- all ballots and choices of the election carry the closing transaction's `xmin`,
  their `ctid`/`rowid` order and the row order of a dump are a random permutation,
  their ids are new random UUIDs; a ballot has no time and no sequential key;
- a receipt keeps its time only to the minute (what the pages show: "am 3. März
  2027, 14:05"), so within a minute even the receipts' times do not order the votes;
- nothing keeps a history of ballots (no `HistoricalRecords`, no admin, no log).

Ballots are final otherwise: `save()`, `update()`, `delete()` refuse them everywhere
else (`WrittenOnce`). The one rewrite is allowed only inside `_rewriting_ballots(election)`
for an election whose stored state has left voting, and it changes no content: the
recount from the stored ballots gives the stored result. Migration 0003 rewrote the
ballots of elections that had already ended.

What this does NOT protect against (see docs/security-ballots.md):
an administrator watching the database (or its logs, statement log, WAL stream,
replication) while votes come in; backups, WAL archives or replicas taken during
voting; the old row versions, which stay in the files until PostgreSQL's VACUUM
reclaims and overwrites them (the closing asks for `VACUUM FULL` of the two tables
after commit; SQLite deletes them with `secure_delete`); and a ballot whose content
is unique (a known combination of crosses). The web server's access log says who
posted a ballot when, but not what was on it.
"""

import contextlib
import contextvars
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from elections.models.election import Election, Nomination


class WrittenOnce(GuardedRecord):
    """A record that is final from the moment it is written: ballots and receipts."""

    class Meta:
        abstract = True

    @classmethod
    def locked_rows(cls):
        return Q()

    def locked_fields(self):
        return ALL_FIELDS

    def clean(self):
        if not self._state.adding:
            raise ValidationError(
                _("%(record)s wird nie geändert, auch nicht durch eine Berichtigung.")
                % {"record": self._meta.verbose_name},
                code="final",
            )


class WrittenOnceQuerySet(GuardedQuerySet):
    pass


# The election whose ballots are being rewritten when voting ends (see the module
# docstring); only elections.services.ballot._shuffle_ballots enters it.
_rewriting = contextvars.ContextVar("elections_rewriting_ballots", default=None)


@contextlib.contextmanager
def _rewriting_ballots(election):
    token = _rewriting.set(election.pk)
    try:
        yield
    finally:
        _rewriting.reset(token)


class BallotQuerySet(WrittenOnceQuerySet):
    """Ballots and their choices: final, except for the one rewrite when voting ends."""

    ELECTION_PATH = "election"

    def delete(self):
        """Refused (final), except in the rewrite: there the rows alone are deleted, in
        one statement, without cascade or signals (the service deletes choices first)."""
        election_id = _rewriting.get()
        if election_id is not None and self._only_ended_election(election_id):
            return self._raw_delete(self.db)
        return super().delete()

    delete.queryset_only = True

    def _only_ended_election(self, election_id):
        """All rows belong to this election, and it has left voting (stored state)."""
        ended = Election.objects.filter(
            pk=election_id, status__in=[Election.Status.CLOSED, Election.Status.CANCELLED]
        ).exists()
        path = f"{self.ELECTION_PATH}_id"
        return ended and not self.exclude(**{path: election_id}).exists()


class BallotChoiceQuerySet(BallotQuerySet):
    ELECTION_PATH = "ballot__election"


def minute_now():
    """Now, without seconds: a receipt says when to the minute and no finer."""
    return timezone.now().replace(second=0, microsecond=0)


class ElectorateMember(models.Model):
    """An organisation entitled to vote, fixed when voting opens."""

    election = models.ForeignKey(
        Election, verbose_name=_("Wahl"), on_delete=models.CASCADE, related_name="electorate"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Wahlberechtigte Organisation")
        verbose_name_plural = _("Wahlberechtigte Organisationen")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="electorate_unique_per_election"
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class BallotReceipt(WrittenOnce):
    """Who voted: one receipt per organisation and election, never linked to its ballot."""

    election = models.ForeignKey(
        Election, verbose_name=_("Wahl"), on_delete=models.CASCADE, related_name="receipts"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("abgegeben durch"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    cast_by_name = models.CharField(_("Name der abgebenden Person"), max_length=200)
    # To the minute only (see the module docstring): what the pages show, and no finer.
    cast_at = models.DateTimeField(_("abgegeben am"), default=minute_now)

    objects = WrittenOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stimmabgabe")
        verbose_name_plural = _("Stimmabgaben")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="receipt_one_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.election})"


class Ballot(WrittenOnce):
    """What was voted, and nothing else.

    Deliberately without organisation, person, time or a sequential key; when voting
    ends the ballots are rewritten in random order with new ids, so that no ballot can
    be lined up with its receipt (see the module docstring for what that covers).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election, verbose_name=_("Wahl"), on_delete=models.CASCADE, related_name="ballots"
    )

    objects = BallotQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stimmzettel")
        verbose_name_plural = _("Stimmzettel")

    def __str__(self):
        return str(_("Stimmzettel"))


class BallotChoice(WrittenOnce):
    """One cross on a ballot: a vote for one candidate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        Ballot, verbose_name=_("Stimmzettel"), on_delete=models.CASCADE, related_name="choices"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("Kandidatur"), on_delete=models.CASCADE, related_name="+"
    )

    objects = BallotChoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stimme")
        verbose_name_plural = _("Stimmen")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "nomination"], name="ballot_choice_one_per_candidate"
            ),
        ]

    def __str__(self):
        return str(_("Stimme"))
