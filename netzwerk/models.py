from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from netzwerk.markup import render_markdown


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
