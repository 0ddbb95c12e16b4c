from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.markup import render_markdown
from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from core.roles import get_roles
from materials.bounds import check_year


class SealFile(models.Model):
    """One variant of the Gütesiegel (logo file) kept by the coordinators."""

    title = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.CharField(
        _("Beschreibung"), max_length=300, blank=True, help_text=_("z. B. Farbe, Format, Einsatz")
    )
    file = models.FileField(_("Datei"), upload_to="siegel/")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Gütesiegel-Datei")
        verbose_name_plural = _("Gütesiegel-Dateien")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("materials:seal_download", kwargs={"pk": self.pk})

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class SealTermsQuerySet(GuardedQuerySet):
    def current(self):
        """The terms of use in force now: the newest version whose valid_from has passed."""
        return (
            self.filter(valid_from__lte=timezone.localdate())
            .order_by("-valid_from", "-number")
            .first()
        )


class SealTerms(GuardedRecord):
    """One version of the Gütesiegel's terms of use.

    Final once published (its valid_from has come) or accepted by any organisation:
    see materials/policies.py. A new wording is a new version.
    """

    number = models.PositiveIntegerField(_("Version"), unique=True)
    text = models.TextField(_("Text"), help_text=_("Markdown"))
    valid_from = models.DateField(_("gültig ab"), default=timezone.localdate)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    corrections = GenericRelation("netzwerk.Correction")

    objects = SealTermsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Nutzungsbedingungen des Gütesiegels")
        verbose_name_plural = _("Nutzungsbedingungen des Gütesiegels")
        ordering = ["-number"]

    def __str__(self):
        return _("Nutzungsbedingungen, Version %(number)s") % {"number": self.number}

    @property
    def text_html(self):
        return render_markdown(self.text)

    def get_absolute_url(self):
        return reverse("materials:seal")

    @property
    def is_published(self):
        return self.valid_from is not None and self.valid_from <= timezone.localdate()

    @classmethod
    def locked_rows(cls):
        return Q(valid_from__lte=timezone.localdate()) | Q(acceptances__isnull=False)

    def locked_fields(self):
        if self.pk is None:
            return frozenset()
        if self.is_published or self.acceptances.exists():
            return ALL_FIELDS
        return frozenset()

    def clean(self):
        try:
            check_year(self.valid_from)
        except ValidationError as error:
            raise ValidationError({"valid_from": error}) from error


class SealAcceptanceQuerySet(GuardedQuerySet):
    def in_force(self):
        """Acceptances that give the right to the seal: their organisation is active.

        The right is derived from the organisation's status, so it ends the moment a
        partner leaves without any acceptance being changed.
        """
        from partners.models import Organisation

        return self.filter(Organisation.active_condition("organisation"))

    def seal_since(self, organisation):
        """Date since which the organisation may carry the seal, or None."""
        first = self.in_force().filter(organisation=organisation).aggregate(Min("accepted_at"))
        value = first["accepted_at__min"]
        return timezone.localtime(value).date() if value else None


class SealAcceptance(GuardedRecord):
    """A representative's acceptance of one terms version for their organisation; final."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="seal_acceptances",
    )
    terms = models.ForeignKey(
        SealTerms,
        verbose_name=_("Nutzungsbedingungen"),
        on_delete=models.PROTECT,
        related_name="acceptances",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seal_acceptances",
    )
    name = models.CharField(_("Name"), max_length=200)
    function = models.CharField(_("Funktion"), max_length=100, blank=True)
    accepted_at = models.DateTimeField(_("angenommen am"), default=timezone.now)

    corrections = GenericRelation("netzwerk.Correction")

    objects = SealAcceptanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Annahme der Nutzungsbedingungen")
        verbose_name_plural = _("Annahmen der Nutzungsbedingungen")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "terms"], name="seal_acceptance_once_per_terms"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.terms}"

    @classmethod
    def locked_rows(cls):
        # Made is final.
        return Q(pk__isnull=False)

    def locked_fields(self):
        return ALL_FIELDS

    def get_absolute_url(self):
        # Its corrections are shown with the organisation's seal status.
        return reverse("materials:list")


def may_carry_seal(organisation):
    """Whether the organisation may carry the Gütesiegel now."""
    return SealAcceptance.objects.seal_since(organisation) is not None


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents whose audience includes the user."""
        return self.filter(audience__in=Document.audiences_of(user))


class Document(models.Model):
    """A document of the network (e.g. the Präsentationsmappe) with its audience."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("öffentlich")
        PARTNERS = "partners", _("Partner")
        SPEAKER_GROUP = "speaker_group", _("Sprechergruppe")
        COORDINATORS = "coordinators", _("Koordination")

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    audience = models.CharField(
        _("Zielgruppe"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PARTNERS,
        help_text=_("Wer das Dokument sehen und herunterladen darf."),
    )
    file = models.FileField(_("Datei"), upload_to="dokumente/")
    version = models.CharField(_("Version"), max_length=50, blank=True)
    issued_on = models.DateField(
        pgettext_lazy("date of a document", "Stand"), default=timezone.localdate
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("materials:document_download", kwargs={"pk": self.pk})

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""

    def clean(self):
        try:
            check_year(self.issued_on)
        except ValidationError as error:
            raise ValidationError({"issued_on": error}) from error

    @classmethod
    def audiences_of(cls, user):
        """The audiences a user belongs to."""
        roles = get_roles(user)
        audiences = [cls.Audience.PUBLIC]
        if roles.reads_network_internals:
            audiences.append(cls.Audience.PARTNERS)
        if roles.may_read_coordination:
            audiences.append(cls.Audience.SPEAKER_GROUP)
        if roles.is_coordinator:
            audiences.append(cls.Audience.COORDINATORS)
        return audiences


class Download(models.Model):
    """One download of a seal file or a document: who, for which organisation, when."""

    seal_file = models.ForeignKey(
        SealFile,
        verbose_name=_("Gütesiegel-Datei"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="downloads",
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("Dokument"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="downloads",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Konto"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="material_downloads",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="material_downloads",
    )
    downloaded_at = models.DateTimeField(_("heruntergeladen am"), default=timezone.now)

    class Meta:
        verbose_name = _("Download")
        verbose_name_plural = _("Downloads")
        ordering = ["-downloaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seal_file__isnull=False, document__isnull=True)
                | Q(seal_file__isnull=True, document__isnull=False),
                name="download_of_exactly_one_file",
            ),
        ]

    def __str__(self):
        return f"{self.seal_file or self.document} – {self.downloaded_at:%Y-%m-%d %H:%M}"
