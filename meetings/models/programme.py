"""The network's annual work programme."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from meetings.models.common import reads_internal

# The years a work programme can be for; the service narrows the upper end to a few
# years ahead of today (meetings.policies.programme_year_range).
FIRST_PROGRAMME_YEAR = 2000
LAST_PROGRAMME_YEAR = 2100


class WorkProgrammeQuerySet(GuardedQuerySet):
    def adopted(self):
        return self.filter(status=WorkProgramme.Status.ADOPTED)

    def visible_to(self, user):
        """Adopted programmes for everyone; drafts for partners and coordinators."""
        if reads_internal(user):
            return self
        return self.adopted()


class WorkProgramme(GuardedRecord):
    """The network's work programme for one calendar year; final once adopted."""

    ALWAYS_MUTABLE_FIELDS = frozenset()

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        ADOPTED = "adopted", _("beschlossen")

    year = models.PositiveIntegerField(
        _("Jahr"),
        unique=True,
        validators=[
            MinValueValidator(FIRST_PROGRAMME_YEAR),
            MaxValueValidator(LAST_PROGRAMME_YEAR),
        ],
    )
    introduction = models.TextField(_("Einleitung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    adopted_by_resolution = models.ForeignKey(
        "meetings.Resolution",
        verbose_name=_("beschlossen durch"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_programmes",
    )
    adopted_at = models.DateTimeField(_("beschlossen am"), null=True, blank=True)

    objects = WorkProgrammeQuerySet.as_manager()
    history = HistoricalRecords()
    corrections = GenericRelation("netzwerk.Correction")

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

    @classmethod
    def locked_rows(cls):
        return Q(status=cls.Status.ADOPTED)

    def locked_fields(self):
        return ALL_FIELDS if self.is_adopted else frozenset()


class WorkProgrammeItemQuerySet(GuardedQuerySet):
    pass


class WorkProgrammeItem(GuardedRecord):
    """One project or task of a work programme, with its progress.

    Once the programme is adopted what was decided (title, description, responsible
    organisation, quarter, order) is final; how it is carried out is reported on through
    the year: its status, progress note and the working group that took it on (groups
    are founded and closed during the year).
    """

    PARENT_FIELD = "programme"

    ALWAYS_MUTABLE_FIELDS = frozenset(
        {"updated_at", "status", "progress_note", "responsible_workgroup"}
    )

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
        pgettext_lazy("progress of an item", "Stand"),
        max_length=20,
        choices=Status.choices,
        default=Status.PLANNED,
    )
    progress_note = models.TextField(_("Fortschritt"), blank=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = WorkProgrammeItemQuerySet.as_manager()
    history = HistoricalRecords()
    corrections = GenericRelation("netzwerk.Correction")

    class Meta:
        verbose_name = pgettext_lazy("one item", "Vorhaben im Arbeitsprogramm")
        verbose_name_plural = pgettext_lazy("several items", "Vorhaben im Arbeitsprogramm")
        ordering = ["programme", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.programme.get_absolute_url() + f"#vorhaben-{self.pk}"

    @classmethod
    def locked_rows(cls):
        return Q(programme__status=WorkProgramme.Status.ADOPTED)

    def locked_fields(self):
        programme = WorkProgramme.objects.get(pk=self.programme_id)
        return ALL_FIELDS if programme.is_adopted else frozenset()
