"""The network's annual work programme."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.agenda import Resolution
from meetings.models.meeting import reads_internal


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
