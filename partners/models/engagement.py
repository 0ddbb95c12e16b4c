"""The fields of engagement an organisation names (Bildung, Soziales, …)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

# The fields the network starts with (migration 0002), here for the English catalog:
# a field's name is data, shown through pgettext("field of engagement", name), so a
# field a coordinator adds later reads as entered in both languages.
FIELD_NAMES = (
    pgettext_lazy("field of engagement", "Bildung"),
    pgettext_lazy("field of engagement", "Soziales"),
    pgettext_lazy("field of engagement", "Umwelt"),
    pgettext_lazy("field of engagement", "Kultur"),
    pgettext_lazy("field of engagement", "Sport"),
    pgettext_lazy("field of engagement", "Integration"),
    pgettext_lazy("field of engagement", "Nachbarschaft"),
    pgettext_lazy("field of engagement", "Jugend"),
    pgettext_lazy("field of engagement", "Senior*innen"),
    pgettext_lazy("field of engagement", "Gesundheit"),
    pgettext_lazy("field of engagement", "Inklusion"),
    pgettext_lazy("field of engagement", "Demokratie und Beteiligung"),
)


class FieldOfEngagement(models.Model):
    """An entry of the small managed list of fields (Bildung, Soziales, …)."""

    name = models.CharField(_("Bezeichnung"), max_length=100, unique=True)
    slug = models.SlugField(_("Kennung"), unique=True)

    class Meta:
        verbose_name = _("Engagementfeld")
        verbose_name_plural = _("Engagementfelder")
        ordering = ["name"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        """The name in the language of the page (see FIELD_NAMES)."""
        return pgettext("field of engagement", self.name)
