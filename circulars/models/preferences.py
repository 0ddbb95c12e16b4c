"""What outlives a single circular: an address's mail preference, the coordinators' switches."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MailPreference(models.Model):
    """One address's choices: the newsletter (consent) and the language of circulars."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    newsletter = models.BooleanField(
        _("Newsletter erhalten"),
        default=False,
        help_text=_(
            "Neuigkeiten, Aufrufe und Veranstaltungen des Netzwerks. Mitteilungen zur "
            "Mitgliedschaft und zu Treffen erhalten Ansprechpersonen immer."
        ),
    )
    language = models.CharField(
        _("Sprache der Rundschreiben"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    changed_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("E-Mail-Einstellung")
        verbose_name_plural = _("E-Mail-Einstellungen")
        ordering = ["email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class CircularSettings(models.Model):
    """The coordinators' switches for circulars: one row (pk 1), see `current()`."""

    leads_may_write = models.BooleanField(
        _("Leitungen der Arbeitsgruppen dürfen ihren Mitgliedern Rundschreiben schreiben"),
        default=False,
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Einstellung der Rundschreiben")
        verbose_name_plural = _("Einstellungen der Rundschreiben")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        """The stored switches, or the defaults (nothing is written by reading)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
