"""Meetings of the network, their agenda, invitations, minutes and resolutions,
and the annual work programme (paragraph 3 of the Kooperationsvereinbarung)."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netzwerk.roles import get_roles

BERLIN = ZoneInfo("Europe/Berlin")
REQUIRED_PLENARIES_PER_YEAR = 3


def reads_internal(user):
    """Whether the user reads the network's internal parts: partners, speaker group, coordinators."""
    roles = get_roles(user)
    return roles.is_partner_contact or roles.is_coordinator


def year_bounds(year):
    """The first instant of `year` and of the next year, in Europe/Berlin."""
    return (
        datetime.datetime(year, 1, 1, tzinfo=BERLIN),
        datetime.datetime(year + 1, 1, 1, tzinfo=BERLIN),
    )


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


class MeetingQuerySet(models.QuerySet):
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
            year = start.astimezone(BERLIN).year
            if year not in held:
                continue
            if status == Meeting.Status.HELD:
                held[year] += 1
            elif status == Meeting.Status.PLANNED and start > now:
                planned[year] += 1
        current = now.astimezone(BERLIN).year
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
        year = now.astimezone(BERLIN).year
        last = self.plenary().not_cancelled().in_year(year).order_by("-start", "-pk").first()
        if last is None or last.status != Meeting.Status.PLANNED or last.start < now:
            return None
        if last.start > now + datetime.timedelta(days=within_days):
            return None
        if last.agenda_items.filter(work_programme__year=year + 1).exists():
            return None
        return last

    def yearly_check(self, year, *, now=None):
        """The three-per-year check of one year."""
        return self.yearly_checks([year], now=now)[0]


class Meeting(models.Model):
    """A plenary Netzwerktreffen or a working group's meeting."""

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
    place = models.TextField(_("Ort"), blank=True, help_text=_("Adresse und Raum"))
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

    @property
    def is_plenary(self):
        return self.kind == self.Kind.PLENARY

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def year(self):
        """The calendar year the meeting belongs to, in Europe/Berlin."""
        return self.start.astimezone(BERLIN).year

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


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public items for everyone; internal ones for readers of the meeting's internals."""
        return self.filter(
            Q(is_public=True) | Q(meeting__in=Meeting.objects.internal_readable_by(user))
        )


class AgendaItem(models.Model):
    """One point of a meeting's agenda; its summary is the minutes of that point."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("Treffen"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    presenter = models.CharField(_("Vortragende Person"), max_length=200, blank=True)
    is_public = models.BooleanField(
        _("öffentlich"), default=False, help_text=_("Auch für Besucher*innen sichtbar.")
    )
    asks_two_thirds = models.BooleanField(
        _("Zwei-Drittel-Mehrheit erforderlich"),
        default=False,
        help_text=_("Beschlüsse dieses Punktes brauchen zwei Drittel der abgegebenen Stimmen."),
    )
    work_programme = models.ForeignKey(
        "meetings.WorkProgramme",
        verbose_name=_("Beschluss über das Arbeitsprogramm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("Unter diesem Punkt wird über dieses Arbeitsprogramm beschlossen."),
    )
    approves_minutes_of = models.ForeignKey(
        Meeting,
        verbose_name=_("Genehmigung des Protokolls von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="minutes_approval_items",
    )
    minutes = models.TextField(
        _("Protokoll"), blank=True, help_text=_("Zusammenfassung der Beratung; Markdown.")
    )

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.meeting.get_absolute_url() + f"#top-{self.pk}"


class InvitationQuerySet(models.QuerySet):
    def answered(self):
        return self.exclude(answer="")

    def unanswered(self):
        return self.filter(answer="")


class Invitation(models.Model):
    """An organisation's invitation to a meeting and its answer (RSVP)."""

    class Answer(models.TextChoices):
        YES = "yes", _("Zusage")
        NO = "no", _("Absage")
        MAYBE = "maybe", _("Vielleicht")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Treffen"), on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="meeting_invitations",
    )
    invited_at = models.DateTimeField(_("eingeladen am"), default=timezone.now)
    answer = models.CharField(_("Antwort"), max_length=10, choices=Answer.choices, blank=True)
    attendee_names = models.TextField(
        _("Wer kommt?"), blank=True, help_text=_("Namen, einer pro Zeile")
    )
    attendee_count = models.PositiveSmallIntegerField(_("Anzahl Personen"), default=0)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwortet von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("beantwortet am"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["meeting", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="invitation_unique_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.organisation}"

    def get_absolute_url(self):
        return reverse("meetings:rsvp", kwargs={"pk": self.meeting_id})


class Attendance(models.Model):
    """An organisation that attended a held meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Treffen"), on_delete=models.CASCADE, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="meeting_attendances",
    )
    attendee_names = models.TextField(_("Anwesende Personen"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        ordering = ["meeting", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="attendance_unique_per_organisation"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.organisation}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class ResolutionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public resolutions of public items for everyone; all for readers of the internals."""
        return self.filter(
            Q(is_public=True, agenda_item__is_public=True)
            | Q(agenda_item__meeting__in=Meeting.objects.internal_readable_by(user))
        )

    def search(self, query):
        """Resolutions whose text, item or meeting title contains every word of the query."""
        result = self
        for word in (query or "").split():
            result = result.filter(
                Q(text__icontains=word)
                | Q(agenda_item__title__icontains=word)
                | Q(agenda_item__meeting__title__icontains=word)
            )
        return result

    def newest_first(self):
        return self.order_by("-agenda_item__meeting__start", "-agenda_item__order", "-pk")


class Resolution(models.Model):
    """A decision taken under an agenda item, with its vote."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("angenommen")
        REJECTED = "rejected", _("abgelehnt")

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("Tagesordnungspunkt"),
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    text = models.TextField(_("Beschlusstext"))
    votes_yes = models.PositiveIntegerField(_("Ja-Stimmen"), default=0)
    votes_no = models.PositiveIntegerField(_("Nein-Stimmen"), default=0)
    votes_abstain = models.PositiveIntegerField(_("Enthaltungen"), default=0)
    is_public = models.BooleanField(_("öffentlich"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    objects = ResolutionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["agenda_item__meeting__start", "agenda_item__order", "pk"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.agenda_item.meeting.get_absolute_url() + f"#beschluss-{self.pk}"

    @property
    def votes_cast(self):
        """Yes and no votes; abstentions are not votes cast."""
        return self.votes_yes + self.votes_no

    @property
    def needs_two_thirds(self):
        return self.agenda_item.asks_two_thirds

    @property
    def outcome(self):
        """Adopted by a simple majority of votes cast, or two thirds if the item asks it."""
        if self.votes_yes == 0:
            return self.Outcome.REJECTED
        if self.needs_two_thirds:
            adopted = 3 * self.votes_yes >= 2 * self.votes_cast
        else:
            adopted = self.votes_yes > self.votes_no
        return self.Outcome.ADOPTED if adopted else self.Outcome.REJECTED

    @property
    def is_adopted(self):
        return self.outcome == self.Outcome.ADOPTED

    @property
    def outcome_label(self):
        return self.Outcome(self.outcome).label


def document_upload_to(instance, filename):
    return f"meetings/documents/{timezone.now():%Y}/{filename}"


class MeetingDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public documents for everyone; internal ones for readers of the meeting's internals."""
        return self.filter(
            Q(is_public=True) | Q(meeting__in=Meeting.objects.internal_readable_by(user))
        )


class MeetingDocument(models.Model):
    """A file attached to a meeting, served only through an access-checking view."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Treffen"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=document_upload_to)
    is_public = models.BooleanField(_("öffentlich"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    objects = MeetingDocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dokument zum Treffen")
        verbose_name_plural = _("Dokumente zu Treffen")
        ordering = ["meeting", "title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:document", kwargs={"pk": self.meeting_id, "doc": self.pk})


class WorkProgrammeQuerySet(models.QuerySet):
    def adopted(self):
        return self.filter(status=WorkProgramme.Status.ADOPTED)

    def visible_to(self, user):
        """Adopted programmes for everyone; drafts for partners and coordinators."""
        if reads_internal(user):
            return self
        return self.adopted()


class WorkProgramme(models.Model):
    """The network's work programme for one calendar year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        ADOPTED = "adopted", _("beschlossen")

    year = models.PositiveIntegerField(_("Jahr"), unique=True)
    introduction = models.TextField(_("Einleitung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    adopted_by_resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("beschlossen durch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_programmes",
    )
    adopted_at = models.DateTimeField(_("beschlossen am"), null=True, blank=True)

    objects = WorkProgrammeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Arbeitsprogramm")
        verbose_name_plural = _("Arbeitsprogramme")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(adopted_by_resolution__isnull=False),
                name="workprogramme_adopted_has_resolution",
            ),
        ]

    def __str__(self):
        return _("Arbeitsprogramm %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("meetings:programme_year", kwargs={"year": self.year})

    @property
    def is_adopted(self):
        return self.status == self.Status.ADOPTED


class WorkProgrammeItem(models.Model):
    """One project or task of a work programme, with its progress."""

    class Quarter(models.IntegerChoices):
        Q1 = 1, _("1. Quartal")
        Q2 = 2, _("2. Quartal")
        Q3 = 3, _("3. Quartal")
        Q4 = 4, _("4. Quartal")

    class Status(models.TextChoices):
        PLANNED = "planned", _("geplant")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        DONE = "done", _("erledigt")
        DROPPED = "dropped", _("entfallen")

    programme = models.ForeignKey(
        WorkProgramme,
        verbose_name=_("Arbeitsprogramm"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    responsible_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("verantwortliche Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_programme_items",
    )
    responsible_workgroup = models.ForeignKey(
        "workgroups.WorkingGroup",
        verbose_name=_("verantwortliche Arbeitsgruppe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_programme_items",
    )
    target_quarter = models.PositiveSmallIntegerField(
        _("Zielquartal"), choices=Quarter.choices, null=True, blank=True
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    progress_note = models.TextField(_("Fortschritt"), blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Vorhaben im Arbeitsprogramm")
        verbose_name_plural = _("Vorhaben im Arbeitsprogramm")
        ordering = ["programme", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.programme.get_absolute_url() + f"#vorhaben-{self.pk}"
