"""A person's link to an organisation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.models.organisation import Organisation


class ContactQuerySet(models.QuerySet):
    def public(self):
        """Contacts who consented to show their name and e-mail publicly."""
        return self.filter(public_consent_at__isnull=False)

    def of_active_partners(self):
        """Contacts of organisations that are active partners."""
        return self.filter(Organisation.active_condition("organisation"))

    def representatives(self):
        """Contacts authorised to act for their organisation."""
        return self.filter(is_representative=True)


class Contact(models.Model):
    """A person's link to an organisation, with the function held there."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"))
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    function = models.CharField(_("Funktion"), max_length=100, blank=True)
    is_representative = models.BooleanField(
        _("vertretungsberechtigt"),
        default=False,
        help_text=_("Darf für die Organisation unterzeichnen und abstimmen."),
    )
    public_consent_at = models.DateTimeField(
        _("Einwilligung zur Veröffentlichung am"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = ContactQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"], name="contact_unique_email_per_organisation"
            ),
        ]
        # The public contacts (a quarter of all) by organisation, from the index alone:
        # OParl's person list counts those of active partners with it (a merge join with
        # organisation_status_id instead of reading all contacts).
        indexes = [
            models.Index(
                fields=["organisation"],
                condition=Q(public_consent_at__isnull=False),
                name="contact_public_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_public(self):
        return self.public_consent_at is not None
