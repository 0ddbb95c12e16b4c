"""Elections and nominations: from the draft to the published result."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from core.roles import get_roles

ELECTED_SEATS = 3


STATEMENT_MAX_LENGTH = 1000


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
