"""The seats of the speaker group and the terms organisations hold on them."""

import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from elections.models.election import ELECTED_SEATS, Election

TERM_YEARS = 2
REMINDER_DAYS = 90


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
