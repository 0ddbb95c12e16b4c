"""Meetings and the three-per-year check (paragraph 3 of the Kooperationsvereinbarung)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from meetings.models.common import reads_internal, this_year, year_bounds, year_of
from meetings.models.programme import WorkProgramme

REQUIRED_PLENARIES_PER_YEAR = 3


@dataclass(frozen=True)
class YearCheck:
    """The three-per-year rule for one calendar year."""

    class State(models.TextChoices):
        FULFILLED = "fulfilled", _("erfüllt")
        ON_TRACK = "on_track", _("auf Kurs")
        AT_RISK = "at_risk", _("gefährdet")
        MISSED = "missed", _("verfehlt")

    year: int
    held: int
    planned: int
    state: str
    required: int = REQUIRED_PLENARIES_PER_YEAR

    @property
    def state_label(self):
        return self.State(self.state).label

    @property
    def summary(self):
        return _(
            "%(year)s: %(held)s von %(required)s Netzwerktreffen abgehalten, %(planned)s geplant"
        ) % {
            "year": self.year,
            "held": self.held,
            "required": self.required,
            "planned": self.planned,
        }


class MeetingQuerySet(GuardedQuerySet):
    def plenary(self):
        """Plenary Netzwerktreffen only."""
        return self.filter(kind=Meeting.Kind.PLENARY)

    def not_cancelled(self):
        return self.exclude(status=Meeting.Status.CANCELLED)

    def upcoming(self, now=None):
        """Planned meetings that have not ended yet, soonest first."""
        now = now or timezone.now()
        return self.filter(status=Meeting.Status.PLANNED, end__gte=now).order_by("start", "pk")

    def past(self, now=None):
        """Meetings that have started, held or cancelled ones included, newest first."""
        now = now or timezone.now()
        return self.filter(start__lt=now).order_by("-start", "-pk")

    def in_year(self, year):
        """Meetings starting in the calendar year, counted in Europe/Berlin."""
        first, after = year_bounds(year)
        return self.filter(start__gte=first, start__lt=after)

    def visible_to(self, user):
        """Meetings whose public parts the user sees: dates and titles are public."""
        return self

    def internal_readable_by(self, user):
        """Meetings whose internal parts (agenda, minutes, documents) the user reads.

        The one place deciding it. For now working-group meetings are treated like
        plenaries (partners read them); the workgroups app may narrow them to members.
        """
        if not reads_internal(user):
            return self.none()
        # A working group's meetings: its members and coordinators (workgroups decides).
        groups = self.model.workgroup.field.related_model.objects.internal_readable_by(user)
        return self.filter(Q(workgroup__isnull=True) | Q(workgroup__in=groups))

    def yearly_checks(self, years, *, now=None):
        """The three-per-year check for each year: the only place computing it."""
        now = now or timezone.now()
        years = sorted(set(years))
        if not years:
            return []
        first, _after = year_bounds(years[0])
        _first, after = year_bounds(years[-1])
        rows = (
            self.model.objects.plenary()
            .not_cancelled()
            .filter(start__gte=first, start__lt=after)
            .values_list("start", "status")
        )
        held = dict.fromkeys(years, 0)
        planned = dict.fromkeys(years, 0)
        for start, status in rows:
            year = year_of(start)
            if year not in held:
                continue
            if status == Meeting.Status.HELD:
                held[year] += 1
            elif status == Meeting.Status.PLANNED and start > now:
                planned[year] += 1
        current = this_year(now)
        checks = []
        for year in years:
            if held[year] >= REQUIRED_PLENARIES_PER_YEAR:
                state = YearCheck.State.FULFILLED
            elif year < current:
                state = YearCheck.State.MISSED
            elif held[year] + planned[year] >= REQUIRED_PLENARIES_PER_YEAR:
                state = YearCheck.State.ON_TRACK
            else:
                state = YearCheck.State.AT_RISK
            checks.append(YearCheck(year, held[year], planned[year], state))
        return checks

    def last_plenary_without_programme_item(self, *, now=None, within_days=60):
        """The year's last plenary, if planned within `within_days` and without an agenda
        item on next year's work programme; else None."""
        now = now or timezone.now()
        year = this_year(now)
        last = self.plenary().not_cancelled().in_year(year).order_by("-start", "-pk").first()
        if last is None or last.status != Meeting.Status.PLANNED or last.start < now:
            return None
        if last.start > now + datetime.timedelta(days=within_days):
            return None
        if last.agenda_items.filter(work_programme__year=year + 1).exists():
            return None
        # Once next year's programme is adopted there is nothing left to warn about.
        if WorkProgramme.objects.adopted().filter(year=year + 1).exists():
            return None
        return last

    def yearly_check(self, year, *, now=None):
        """The three-per-year check of one year."""
        return self.yearly_checks([year], now=now)[0]


# What a meeting that took place no longer lets change (see meetings/policies.py).
HELD_LOCKED_FIELDS = frozenset({"kind", "workgroup", "start", "end", "status", "cancel_reason"})


class Meeting(GuardedRecord):
    """A plenary Netzwerktreffen or a working group's meeting."""

    ALWAYS_MUTABLE_FIELDS = frozenset({"updated_at"})

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Netzwerktreffen")
        WORKGROUP = "workgroup", _("Treffen einer Arbeitsgruppe")

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        HELD = "held", _("abgehalten")
        CANCELLED = "cancelled", _("abgesagt")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    workgroup = models.ForeignKey(
        "workgroups.WorkingGroup",
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    title = models.CharField(_("Titel"), max_length=200)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    place = models.TextField(
        pgettext_lazy("venue", "Ort"), blank=True, help_text=_("Adresse und Raum")
    )
    online_url = models.URLField(_("Online-Zugang"), blank=True)
    description = models.TextField(
        _("öffentliche Beschreibung"), blank=True, help_text=_("Markdown ist erlaubt.")
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.TextField(_("Grund der Absage"), blank=True)
    rsvp_deadline = models.DateTimeField(_("Rückmeldung bis"), null=True, blank=True)
    invitation_sent_at = models.DateTimeField(_("Einladung versandt am"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()
    corrections = GenericRelation("netzwerk.Correction")

    class Meta:
        verbose_name = _("Treffen")
        verbose_name_plural = _("Treffen")
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="workgroup") & Q(workgroup__isnull=False))
                | (~Q(kind="workgroup") & Q(workgroup__isnull=True)),
                name="meeting_workgroup_iff_kind_workgroup",
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="meeting_end_after_start"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="meeting_cancelled_has_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"pk": self.pk})

    @classmethod
    def locked_rows(cls):
        return Q(status=cls.Status.HELD)

    def locked_fields(self):
        """Held: date and kind are locked; minutes approved: the whole meeting is final."""
        if self.status != self.Status.HELD:
            return frozenset()
        if self.minutes_approved():
            return ALL_FIELDS
        return HELD_LOCKED_FIELDS

    def minutes_approved(self):
        """Whether a later held meeting has an agenda item approving this meeting's minutes."""
        if self.pk is None or self.status != self.Status.HELD:
            return False
        cached = self.__dict__.get("_minutes_approved")
        if cached is not None:  # set by pages that ask many policies about one meeting
            return cached
        return self.minutes_approval_items.filter(
            meeting__status=self.Status.HELD, meeting__start__gt=self.start
        ).exists()

    @property
    def is_held(self):
        return self.status == self.Status.HELD

    @property
    def is_plenary(self):
        return self.kind == self.Kind.PLENARY

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def year(self):
        """The calendar year the meeting belongs to, in Europe/Berlin."""
        return year_of(self.start)

    def invitees(self):
        """Organisations invited to this meeting: every active partner.

        The one place deciding it; the workgroups app may narrow a working group's
        meetings to the group's members.
        """
        if self.workgroup_id is not None:
            return self.workgroup.invitee_organisations()
        from partners.models import Organisation

        return Organisation.objects.active()

    def rsvp_open(self, now=None):
        """Whether organisations may still answer the invitation."""
        now = now or timezone.now()
        if self.status != self.Status.PLANNED or self.invitation_sent_at is None:
            return False
        if self.start <= now:
            return False
        return self.rsvp_deadline is None or now <= self.rsvp_deadline
