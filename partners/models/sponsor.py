"""The network's Förderer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SponsorQuerySet(models.QuerySet):
    def shown(self):
        """Sponsors shown publicly on the home page."""
        return self.filter(shown=True)


class Sponsor(models.Model):
    """A Förderer of the network, kept by the coordinators."""

    name = models.CharField(_("Name"), max_length=200)
    website = models.URLField(_("Website"), blank=True)
    logo = models.ImageField(_("Logo"), upload_to="sponsors/", blank=True)
    since = models.DateField(_("Förderer seit"), null=True, blank=True)
    shown = models.BooleanField(_("öffentlich zeigen"), default=True)

    objects = SponsorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Förderer")
        verbose_name_plural = _("Förderer")
        ordering = ["name"]

    def __str__(self):
        return self.name
