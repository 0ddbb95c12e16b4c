"""Elections, nominations, ballots, receipts and terms.

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
import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from core.roles import get_roles

ELECTED_SEATS = 3
TERM_YEARS = 2
REMINDER_DAYS = 90


STATEMENT_MAX_LENGTH = 1000


def term_end(start):
    """The first day after a term that begins on `start`: the same date two years later.

    `end` is exclusive; the term's last day is the day before. A term that begins on
    29 February has no such date two years later: as a period of years counts in German
    law (§ 188 Abs. 3 BGB), its last day is then the last day of February, so a term from
    29 February 2028 lasts until 28 February 2030 and `end` is 1 March 2030.
    """
    try:
        return start.replace(year=start.year + TERM_YEARS)
    except ValueError:
        return datetime.date(start.year + TERM_YEARS, 3, 1)


class Seat(models.Model):
    """One of the three elected seats of the speaker group; locked when terms change."""

    number = models.PositiveSmallIntegerField(
        _("Sitz"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(ELECTED_SEATS)],
    )

    class Meta:
        verbose_name = _("Sitz")
        verbose_name_plural = _("Sitze")
        ordering = ["number"]

    def __str__(self):
        return _("Sitz %(number)s") % {"number": self.number}


class ElectionQuerySet(GuardedQuerySet):
    def visible_to(self, user):
        """Elections the user may see: drafts only for coordinators."""
        if get_roles(user).is_coordinator:
            return self
        return self.exclude(status=Election.Status.DRAFT)

    def running(self):
        """Elections that are neither finished nor cancelled."""
        return self.exclude(status__in=[Election.Status.PUBLISHED, Election.Status.CANCELLED])

    def open(self):
        """Elections in nominations or voting: the ones that hold seats open."""
        return self.filter(status__in=Election.OPEN_STATES)


class Election(GuardedRecord):
    """An election of speaker-group seats, from the draft to the published result."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        NOMINATIONS = "nominations", _("Vorschläge offen")
        VOTING = "voting", _("Abstimmung läuft")
        CLOSED = "closed", _("ausgezählt")
        PUBLISHED = "published", _("veröffentlicht")
        CANCELLED = "cancelled", _("abgesagt")

    class TieResolution(models.TextChoices):
        NONE = "", _("keine")
        RUNOFF = "runoff", _("Stichwahl")
        LOT = "lot", _("Losentscheid")

    # Allowed transitions; the services check them through can_change_status().
    TRANSITIONS = {
        Status.DRAFT: {Status.NOMINATIONS, Status.CANCELLED},
        Status.NOMINATIONS: {Status.VOTING, Status.CLOSED, Status.CANCELLED},
        Status.VOTING: {Status.CLOSED, Status.CANCELLED},
        Status.CLOSED: {Status.PUBLISHED},
        Status.PUBLISHED: set(),
        Status.CANCELLED: set(),
    }
    # Elections in these states hold seats (elections.policies: at most ELECTED_SEATS at once).
    OPEN_STATES = (Status.NOMINATIONS, Status.VOTING)
    FINAL_STATES = (Status.PUBLISHED, Status.CANCELLED)
    # What each state no longer lets change (besides the services' own transitions).
    LOCKED_FROM = {
        Status.NOMINATIONS: {"seats", "coordinators_vote", "is_paper", "runoff_of", "created_at"},
        Status.VOTING: {"voting_opened_at", "electorate_size"},
        Status.CLOSED: {"ballots_cast", "closed_at", "tie"},
    }

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    seats = models.PositiveSmallIntegerField(
        _("Zu wählende Sitze"),
        default=ELECTED_SEATS,
        validators=[MinValueValidator(1), MaxValueValidator(ELECTED_SEATS)],
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    nominations_until = models.DateField(_("Vorschläge bis"), null=True, blank=True)
    voting_until = models.DateField(_("Abstimmung bis"), null=True, blank=True)
    coordinators_vote = models.BooleanField(
        _("Koordinierende Organisationen stimmen mit ab"), default=True
    )
    is_paper = models.BooleanField(
        _("Wahl auf Papier"),
        default=False,
        help_text=_(
            "Die Wahl findet bei einem Treffen statt; die Koordination trägt das Ergebnis ein."
        ),
    )
    runoff_of = models.ForeignKey(
        "self",
        verbose_name=_("Stichwahl zu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="runoffs",
    )
    voting_opened_at = models.DateTimeField(_("Abstimmung eröffnet am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ausgezählt am"), null=True, blank=True)
    published_at = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(_("abgegebene Stimmzettel"), null=True, blank=True)
    electorate_size = models.PositiveIntegerField(_("Wahlberechtigte"), null=True, blank=True)
    tie = models.BooleanField(_("Gleichstand um den letzten Sitz"), default=False)
    tie_resolution = models.CharField(
        _("Auflösung des Gleichstands"),
        max_length=10,
        choices=TieResolution.choices,
        blank=True,
        default=TieResolution.NONE,
    )
    lot_note = models.TextField(_("Protokoll des Losentscheids"), blank=True)
    term_start = models.DateField(_("Beginn der Amtszeit"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)

    objects = ElectionQuerySet.as_manager()
    history = HistoricalRecords()
    corrections = GenericRelation("netzwerk.Correction")

    class Meta:
        verbose_name = _("Wahl")
        verbose_name_plural = _("Wahlen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seats__gte=1) & Q(seats__lte=ELECTED_SEATS),
                name="election_seats_between_1_and_3",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("elections:detail", kwargs={"pk": self.pk})

    def clean(self):
        if (
            self.nominations_until
            and self.voting_until
            and self.voting_until <= self.nominations_until
        ):
            raise ValidationError(
                {
                    "voting_until": ValidationError(
                        _("Die Abstimmung muss nach dem Ende der Vorschlagsphase enden."),
                        code="voting_before_nominations",
                    )
                }
            )

    def can_change_status(self, new_status):
        return new_status in self.TRANSITIONS[self.status]

    @classmethod
    def locked_rows(cls):
        return ~Q(status=cls.Status.DRAFT)

    def locked_fields(self):
        """A draft is open; each later state locks more; a published or cancelled one is final."""
        if self.status in self.FINAL_STATES:
            return ALL_FIELDS
        order = [self.Status.NOMINATIONS, self.Status.VOTING, self.Status.CLOSED]
        if self.status not in order:
            return set()
        reached = order[: order.index(self.status) + 1]
        return set().union(*(self.LOCKED_FROM[status] for status in reached))

    @property
    def close_date(self):
        """The day the election was counted (the local date, TIME_ZONE), if it was."""
        return timezone.localdate(self.closed_at) if self.closed_at else None

    @property
    def tie_unresolved(self):
        return self.tie and not self.tie_resolution


class NominationQuerySet(GuardedQuerySet):
    def accepted(self):
        """Nominees who stand in the election."""
        return self.filter(status=Nomination.Status.ACCEPTED)


class Nomination(GuardedRecord):
    """A proposal of an organisation for a seat, accepted or declined by the nominee."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("vorgeschlagen")
        ACCEPTED = "accepted", pgettext_lazy("nomination status", "angenommen")
        DECLINED = "declined", pgettext_lazy("nomination status", "abgelehnt")

    election = models.ForeignKey(
        Election, verbose_name=_("Wahl"), on_delete=models.CASCADE, related_name="nominations"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("vorgeschlagene Organisation"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominated_by = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("vorgeschlagen von"),
        on_delete=models.PROTECT,
        related_name="nominations_made",
    )
    nominated_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vorgeschlagen durch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    statement = models.TextField(
        _("Vorstellung"),
        blank=True,
        help_text=_("Kurz: Warum möchte Ihre Organisation in der Sprechergruppe mitarbeiten?"),
    )
    votes = models.PositiveIntegerField(_("Stimmen"), null=True, blank=True)
    elected = models.BooleanField(_("gewählt"), default=False)
    tied = models.BooleanField(_("im Gleichstand"), default=False)
    created_at = models.DateTimeField(_("vorgeschlagen am"), default=timezone.now)

    objects = NominationQuerySet.as_manager()
    history = HistoricalRecords()
    corrections = GenericRelation("netzwerk.Correction")

    class Meta:
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organisation"], name="nomination_unique_per_election"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.election})"

    @classmethod
    def locked_rows(cls):
        return Q(election__status__in=Election.FINAL_STATES)

    def locked_fields(self):
        """Final with its election's result (or cancellation)."""
        status = Election.objects.filter(pk=self.election_id).values_list("status", flat=True)
        return ALL_FIELDS if status.first() in Election.FINAL_STATES else set()

    @property
    def lost_by_lot(self):
        """Tied for the last seat and not drawn."""
        return (
            self.tied
            and not self.elected
            and self.election.tie_resolution == Election.TieResolution.LOT
        )


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
# docstring); only elections.services._shuffle_ballots enters it.
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


class TermQuerySet(GuardedQuerySet):
    def current(self, on=None):
        """Terms running on the given day (today by default)."""
        on = on or timezone.localdate()
        return self.filter(start__lte=on, end__gt=on)

    def past(self, on=None):
        """Terms that have ended."""
        return self.filter(end__lte=on or timezone.localdate())

    def overlapping(self, start, end):
        """Terms that share at least one day with [start, end)."""
        return self.filter(start__lt=end, end__gt=start)

    def ending_within(self, days, on=None):
        """Current terms that end within the given number of days."""
        on = on or timezone.localdate()
        return self.current(on).filter(end__lte=on + datetime.timedelta(days=days))


class Term(GuardedRecord):
    """An organisation's two years on an elected seat of the speaker group.

    A term exists only from a published result and is final from the start; only its
    end can be corrected (a Berichtigung), e.g. when an organisation leaves early.
    """

    ALWAYS_MUTABLE_FIELDS = frozenset({"reminder_sent_at"})

    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="speaker_terms",
    )
    seat = models.ForeignKey(
        Seat, verbose_name=_("Sitz"), on_delete=models.PROTECT, related_name="terms"
    )
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"), help_text=_("Erster Tag nach der Amtszeit."))
    election = models.ForeignKey(
        Election, verbose_name=_("Wahl"), on_delete=models.PROTECT, related_name="terms"
    )
    reminder_sent_at = models.DateTimeField(_("Erinnerung gesendet am"), null=True, blank=True)

    objects = TermQuerySet.as_manager()
    history = HistoricalRecords()
    corrections = GenericRelation("netzwerk.Correction")

    class Meta:
        verbose_name = _("Amtszeit")
        verbose_name_plural = _("Amtszeiten")
        ordering = ["-start", "seat__number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="term_end_after_start"
            ),
        ]

    def __str__(self):
        return _("%(organisation)s, %(seat)s, %(start)s–%(end)s") % {
            "organisation": self.organisation,
            "seat": self.seat,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def locked_rows(cls):
        return Q()

    def locked_fields(self):
        return ALL_FIELDS

    def get_absolute_url(self):
        return reverse("elections:speaker_group")

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError(
                {"end": ValidationError(_("Das Ende muss nach dem Beginn liegen."), code="order")}
            )
        if self.start and self.end and self.end > term_end(self.start):
            raise ValidationError(
                {
                    "end": ValidationError(
                        _("Eine Amtszeit dauert höchstens zwei Jahre (Ende spätestens %(end)s).")
                        % {"end": date_format(term_end(self.start), "SHORT_DATE_FORMAT")},
                        code="too_long",
                    )
                }
            )
        if self.start and self.election_id:
            closed = self.election.close_date
            if closed and self.start < closed:
                raise ValidationError(
                    {
                        "start": ValidationError(
                            _(
                                "Die Amtszeit kann frühestens am Tag der Auszählung "
                                "(%(date)s) beginnen."
                            )
                            % {"date": date_format(closed, "SHORT_DATE_FORMAT")},
                            code="before_close",
                        )
                    }
                )
        if self.start and self.end and self.seat_id:
            others = Term.objects.overlapping(self.start, self.end).exclude(pk=self.pk)
            if others.filter(seat_id=self.seat_id).exists():
                raise ValidationError(
                    _("Dieser Sitz ist in diesem Zeitraum bereits besetzt."), code="seat_taken"
                )
            if (
                self.organisation_id
                and others.filter(organisation_id=self.organisation_id).exists()
            ):
                raise ValidationError(
                    _("Die Organisation hat in diesem Zeitraum bereits einen Sitz."),
                    code="organisation_seated",
                )

    @property
    def last_day(self):
        return self.end - datetime.timedelta(days=1)
