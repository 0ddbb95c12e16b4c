"""What happens at a meeting: its agenda, minutes and resolutions."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from core.search import search_words
from meetings.models.invitation import Attendance
from meetings.models.meeting import Meeting

# Of an agenda item at a held meeting: what decides its resolutions' outcome or meaning.
HELD_ITEM_LOCKED_FIELDS = frozenset(
    {"meeting", "asks_two_thirds", "work_programme", "approves_minutes_of"}
)


class AgendaItemQuerySet(GuardedQuerySet):
    def visible_to(self, user):
        """Public items for everyone; internal ones for readers of the meeting's internals."""
        return self.filter(
            Q(is_public=True) | Q(meeting__in=Meeting.objects.internal_readable_by(user))
        )


class AgendaItem(GuardedRecord):
    """One point of a meeting's agenda; its summary is the minutes of that point."""

    PARENT_FIELD = "meeting"

    ALWAYS_MUTABLE_FIELDS = frozenset()
    HELD_LOCKED = HELD_ITEM_LOCKED_FIELDS

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
    corrections = GenericRelation("netzwerk.Correction")

    class Meta:
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.meeting.get_absolute_url() + f"#top-{self.pk}"

    @classmethod
    def locked_rows(cls):
        return Q(meeting__status=Meeting.Status.HELD)

    def locked_fields(self):
        """At a held meeting what decides its resolutions is locked; approved minutes: final."""
        meeting = Meeting.objects.get(pk=self.meeting_id)
        if not meeting.is_held:
            return frozenset()
        if meeting.minutes_approved():
            return ALL_FIELDS
        return HELD_ITEM_LOCKED_FIELDS


class ResolutionQuerySet(GuardedQuerySet):
    def visible_to(self, user):
        """Public resolutions of public items for everyone; all for readers of the internals."""
        return self.filter(
            Q(is_public=True, agenda_item__is_public=True)
            | Q(agenda_item__meeting__in=Meeting.objects.internal_readable_by(user))
        )

    def search(self, query):
        """Resolutions whose text, item or meeting title contains every word of the query."""
        result = self
        for word in search_words(query):
            result = result.filter(
                Q(text__icontains=word)
                | Q(agenda_item__title__icontains=word)
                | Q(agenda_item__meeting__title__icontains=word)
            )
        return result

    def newest_first(self):
        return self.order_by("-agenda_item__meeting__start", "-agenda_item__order", "-pk")


class Resolution(GuardedRecord):
    """A decision taken under an agenda item, with its vote (one vote per attending
    organisation); its outcome is stored so that a correction keeps the original."""

    PARENT_FIELD = "agenda_item"

    ALWAYS_MUTABLE_FIELDS = frozenset()

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", pgettext_lazy("resolution outcome", "angenommen")
        REJECTED = "rejected", pgettext_lazy("resolution outcome", "abgelehnt")

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
    outcome = models.CharField(
        _("Ergebnis"),
        max_length=20,
        choices=Outcome.choices,
        default=Outcome.REJECTED,
        editable=False,
        help_text=_("Aus den Stimmen berechnet."),
    )
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
    corrections = GenericRelation("netzwerk.Correction")

    class Meta:
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        ordering = ["agenda_item__meeting__start", "agenda_item__order", "pk"]

    def clean(self):
        """Votes were cast (0–0–0 is no result), one per attending organisation at most."""
        super().clean()
        votes = (self.votes_yes or 0) + (self.votes_no or 0) + (self.votes_abstain or 0)
        if votes == 0:
            raise ValidationError(
                _("Ohne abgegebene Stimmen gibt es kein Ergebnis: Bitte erfassen Sie die Stimmen."),
                code="no_votes",
            )
        if self.agenda_item_id is None:
            return
        present = Attendance.objects.filter(meeting__agenda_items__pk=self.agenda_item_id).count()
        if votes > present:
            raise ValidationError(
                _(
                    "%(votes)s Stimmen, aber nur %(present)s anwesende Organisationen: Jede "
                    "anwesende Organisation hat eine Stimme."
                )
                % {"votes": votes, "present": present},
                code="too_many_votes",
            )

    def save(self, *args, **kwargs):
        self.outcome = self.computed_outcome()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "outcome" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "outcome"]
        super().save(*args, **kwargs)

    @classmethod
    def locked_rows(cls):
        return Q(agenda_item__meeting__status=Meeting.Status.HELD)

    def locked_fields(self):
        """At a held meeting it stays under its item; final with the approved minutes or
        once it adopted a work programme."""
        meeting = Meeting.objects.get(agenda_items__pk=self.agenda_item_id)
        if not meeting.is_held:
            return frozenset()
        if meeting.minutes_approved() or self.adopted_programmes.exists():
            return ALL_FIELDS
        return frozenset({"agenda_item"})

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

    def computed_outcome(self):
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
        return self.computed_outcome() == self.Outcome.ADOPTED

    @property
    def outcome_label(self):
        # get_outcome_display() without building the dictionary of the choices on every
        # call (the OParl meeting list writes a hundred and more per page).
        try:
            return str(self.Outcome(self.outcome).label)
        except ValueError:
            return self.get_outcome_display()

    @property
    def result_label(self):
        """ "25–0–2 angenommen": the vote and its outcome in one line."""
        return f"{self.votes_yes}–{self.votes_no}–{self.votes_abstain} {self.outcome_label}"
