from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import network
from core.markup import render_markdown


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person's account; the e-mail address is the login."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    name = models.CharField(_("Name"), max_length=200, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email


class SitePage(models.Model):
    """An editable site-wide page such as the legal notice."""

    class Slug(models.TextChoices):
        IMPRESSUM = "impressum", _("Impressum")
        DATENSCHUTZ = "datenschutz", _("Datenschutzerklärung")
        BARRIEREFREIHEIT = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")

    slug = models.SlugField(_("Kennung"), choices=Slug.choices, unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(
        _("Text"), help_text=_("Markdown: **fett**, *kursiv*, Listen mit -, Links.")
    )
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(f"{self.slug}")

    @property
    def body_html(self):
        return render_markdown(self.body)


class CorrectionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("Eine Berichtigung wird nicht geändert."), code="final")

    update.queryset_only = True

    def delete(self):
        raise ValidationError(_("Eine Berichtigung wird nicht gelöscht."), code="final")

    delete.queryset_only = True

    def of(self, record):
        """The corrections of one record, oldest first."""
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
            object_id=record.pk,
        ).select_related("corrected_by")


class Correction(models.Model):
    """A Berichtigung of a final record: what was changed, why, by whom and when.

    The original values are kept here (and in the record's history); the record shows
    its corrections wherever it is shown. Written only by
    `core.services.record_correction`, never changed or deleted.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("Art des Eintrags"), on_delete=models.PROTECT
    )
    object_id = models.PositiveBigIntegerField(_("Eintrag"))
    record = GenericForeignKey("content_type", "object_id")
    original = models.JSONField(_("ursprünglich"), help_text=_("Feld → bisheriger Wert"))
    corrected = models.JSONField(_("berichtigt"), help_text=_("Feld → neuer Wert"))
    reason = models.TextField(_("Grund der Berichtigung"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("berichtigt von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    corrected_at = models.DateTimeField(_("berichtigt am"), default=timezone.now)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Berichtigung")
        verbose_name_plural = _("Berichtigungen")
        ordering = ["corrected_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_record")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="correction_has_reason"),
        ]

    def __str__(self):
        return _("Berichtigung vom %(date)s") % {
            "date": formats.date_format(timezone.localtime(self.corrected_at), "DATE_FORMAT")
        }

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("Eine Berichtigung wird nicht geändert."), code="final")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Eine Berichtigung wird nicht gelöscht."), code="final")

    @property
    def changes(self):
        """(field label, original, corrected) for each changed field, in display form."""
        model = self.content_type.model_class()
        rows = []
        for name, before in self.original.items():
            try:
                label = model._meta.get_field(name).verbose_name
            except FieldDoesNotExist:  # a field removed since keeps its name
                label = name
            rows.append((label, before, self.corrected.get(name, "")))
        return rows


# The network's identity as it starts: the Hannover network. The values are data (a
# coordinator changes them on /koordination/netzwerk/); shown through gettext, so the
# defaults read in English too, and another network's names read as entered.
DEFAULT_NAME = "Netzwerk Bürgermitwirkung in der Stadt Hannover"
DEFAULT_SHORT_NAME = "Netzwerk Bürgermitwirkung Hannover"
DEFAULT_BRAND = "Netzwerk Bürgermitwirkung"
DEFAULT_CITY = "Hannover"
# Hannover's thirteen Stadtbezirke: [slug, name]; the slugs are what organisations store.
DEFAULT_DISTRICTS = [
    ["mitte", "Mitte"],
    ["vahrenwald-list", "Vahrenwald-List"],
    ["bothfeld-vahrenheide", "Bothfeld-Vahrenheide"],
    ["buchholz-kleefeld", "Buchholz-Kleefeld"],
    ["misburg-anderten", "Misburg-Anderten"],
    ["kirchrode-bemerode-wuelferode", "Kirchrode-Bemerode-Wülferode"],
    ["suedstadt-bult", "Südstadt-Bult"],
    ["doehren-wuelfel", "Döhren-Wülfel"],
    ["ricklingen", "Ricklingen"],
    ["linden-limmer", "Linden-Limmer"],
    ["ahlem-badenstedt-davenstedt", "Ahlem-Badenstedt-Davenstedt"],
    ["herrenhausen-stoecken", "Herrenhausen-Stöcken"],
    ["nord", "Nord"],
]
# For the English catalog: the defaults as msgids.
DEFAULT_MSGIDS = (
    _("Netzwerk Bürgermitwirkung in der Stadt Hannover"),
    _("Netzwerk Bürgermitwirkung Hannover"),
    _("Netzwerk Bürgermitwirkung"),
    _("Hannover"),
)


def default_districts():
    return [list(pair) for pair in DEFAULT_DISTRICTS]


class NetworkSettings(models.Model):
    """The network's identity, one row (pk 1): its names, city, contact and districts.

    Read through `core.network.get_network()` (cached, invalidated on save);
    changed through `netzwerk.services.update_network_settings`.
    """

    SINGLETON_PK = 1

    name = models.CharField(
        _("Name des Netzwerks"),
        max_length=200,
        default=DEFAULT_NAME,
        help_text=_("Der volle Name, z. B. in Kopf- und Fußzeile, Mails und PDFs."),
    )
    short_name = models.CharField(
        _("Kurzname"),
        max_length=100,
        default=DEFAULT_SHORT_NAME,
        help_text=_("Für Seitentitel, Feeds und Kalender."),
    )
    brand = models.CharField(
        _("Name ohne Ort"),
        max_length=100,
        default=DEFAULT_BRAND,
        help_text=_("Steht im Kopf der Seiten über dem Ort."),
    )
    city = models.CharField(_("Stadt"), max_length=100, default=DEFAULT_CITY)
    contact_email = models.EmailField(_("E-Mail-Adresse der Koordination"), blank=True)
    contact_address = models.TextField(_("Postanschrift der Koordination"), blank=True)
    districts = models.JSONField(
        _("Stadtbezirke"),
        default=default_districts,
        help_text=_("Liste aus [Kennung, Name]; Organisationen speichern die Kennung."),
    )
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Einstellungen des Netzwerks")
        verbose_name_plural = _("Einstellungen des Netzwerks")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)
        network.invalidate()

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Die Einstellungen des Netzwerks werden nicht gelöscht."))
