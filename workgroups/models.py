from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class WorkingGroupQuerySet(models.QuerySet):
    def active(self):
        """Groups that are working now."""
        return self.filter(status=WorkingGroup.Status.ACTIVE)


class WorkingGroup(models.Model):
    """A topic group under the network's roof (paragraph 5 of the agreement)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        CLOSED = "closed", _("geschlossen")

    class Access(models.TextChoices):
        OPEN = "open", _("offen: Partner treten direkt bei")
        REQUEST = "request", _("auf Anfrage: die Leitung entscheidet")

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kennung"), max_length=200, unique=True)
    topic = models.CharField(_("Thema"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    access = models.CharField(
        _("Beitritt"), max_length=20, choices=Access.choices, default=Access.OPEN
    )
    founded_on = models.DateField(_("gegründet am"))
    closed_on = models.DateField(_("geschlossen am"), null=True, blank=True)
    lead_organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("leitende Organisation"),
        on_delete=models.PROTECT,
        related_name="led_working_groups",
    )
    lead_contact = models.ForeignKey(
        "partners.Contact",
        verbose_name=_("Ansprechperson der Leitung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_working_groups",
    )

    objects = WorkingGroupQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Arbeitsgruppe")
        verbose_name_plural = _("Arbeitsgruppen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workgroups:detail", kwargs={"slug": self.slug})
