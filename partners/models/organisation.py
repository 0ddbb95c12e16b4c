"""The partner organisation, its directory queries and its earlier addresses."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.network import default_city, get_network
from core.search import fold, search_words
from partners.models.engagement import FieldOfEngagement


class District(models.TextChoices):
    """Hannover's thirteen Stadtbezirke: the demo's and the default settings' districts.

    The districts an organisation may choose are data (NetworkSettings.districts, edited
    on /koordination/netzwerk/); this list names the default network's for the demo,
    the tests and the English catalog.
    """

    # The districts' names are proper names; the two that are words get a gloss.
    MITTE = "mitte", pgettext_lazy("district", "Mitte")
    VAHRENWALD_LIST = "vahrenwald-list", "Vahrenwald-List"
    BOTHFELD_VAHRENHEIDE = "bothfeld-vahrenheide", "Bothfeld-Vahrenheide"
    BUCHHOLZ_KLEEFELD = "buchholz-kleefeld", "Buchholz-Kleefeld"
    MISBURG_ANDERTEN = "misburg-anderten", "Misburg-Anderten"
    KIRCHRODE_BEMERODE_WUELFERODE = (
        "kirchrode-bemerode-wuelferode",
        "Kirchrode-Bemerode-Wülferode",
    )
    SUEDSTADT_BULT = "suedstadt-bult", "Südstadt-Bult"
    DOEHREN_WUELFEL = "doehren-wuelfel", "Döhren-Wülfel"
    RICKLINGEN = "ricklingen", "Ricklingen"
    LINDEN_LIMMER = "linden-limmer", "Linden-Limmer"
    AHLEM_BADENSTEDT_DAVENSTEDT = (
        "ahlem-badenstedt-davenstedt",
        "Ahlem-Badenstedt-Davenstedt",
    )
    HERRENHAUSEN_STOECKEN = "herrenhausen-stoecken", "Herrenhausen-Stöcken"
    NORD = "nord", pgettext_lazy("district", "Nord")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        """Partners that belong to the network now (coordinating organisations included).

        The one way to ask "active partner?": this for a queryset,
        `Organisation.active_condition("organisation")` through a relation,
        `organisation.is_active` for one organisation.
        """
        return self.filter(Organisation.active_condition())

    def coordinating(self):
        """The two coordinating organisations."""
        return self.filter(is_coordinating=True)

    def applicants(self):
        """Applications waiting for a coordinator's decision, oldest first."""
        return self.filter(status=Organisation.Status.APPLICANT).order_by("applied_at")

    def of_user(self, user):
        """Organisations in which the user is a contact."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(contacts__user=user).distinct()

    def represented_by(self, user):
        """Organisations for which the user is a representative contact."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(contacts__user=user, contacts__is_representative=True).distinct()

    def without_declaration_of(self, version):
        """Organisations that have not signed this agreement version."""
        return self.exclude(declarations__agreement_version=version)

    def exit_declared(self):
        """Active partners whose representative declared the exit, awaiting confirmation."""
        return self.active().filter(exit_declared_at__isnull=False).order_by("exit_declared_at")

    def joined_in(self, year):
        """Partners that joined in the given calendar year, with who recruited them."""
        # The status condition is that of the index organisation_joined_name.
        return (
            self.filter(joined_on__year=year, status__in=["active", "left"])
            .select_related("recruited_by")
            .order_by("joined_on", "name")
        )

    def search(self, query):
        """Organisations whose name or description contains every word of the query.

        Both sides are folded alike (core.search.fold): "boerse" finds "Börse",
        "strasse" finds "Straße", "cafe" finds "Café", on SQLite and PostgreSQL; on
        PostgreSQL a trigram index on the folded column serves the LIKE.
        """
        for word in search_words(query):
            folded = fold(word)
            if folded:
                self = self.filter(search_text__contains=folded)
        return self

    def duplicates_of(self, *, name, website="", exclude=None, applicant=None):
        """Organisations (not rejected) with the same name or the same website host.

        An organisation that left is no duplicate for its own contacts (`applicant`):
        it may apply again, as a new application beside its kept history.
        """
        condition = Q(name__iexact=name.strip())
        host = website_host(website)
        if host:
            condition |= Q(website__iregex=rf"^https?://(www\.)?{re.escape(host)}([:/]|$)")
        found = self.exclude(status=Organisation.Status.REJECTED).filter(condition)
        if exclude is not None and exclude.pk:
            found = found.exclude(pk=exclude.pk)
        if applicant is not None and applicant.is_authenticated:
            found = found.exclude(status=Organisation.Status.LEFT, contacts__user=applicant)
        return found


# German postcodes have exactly five digits; the field stays optional.
validate_postal_code = RegexValidator(
    r"^[0-9]{5}$",
    _("Bitte geben Sie eine fünfstellige Postleitzahl an."),
    code="invalid_postal_code",
)


def website_host(url):
    """The host of a website address without "www.", lower case; "" for none."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.").lower()


def organisation_search_text(name, description):
    """What the directory's search looks in: the folded name and description."""
    return fold(f"{name}\n{description}")


class Organisation(models.Model):
    """A partner organisation of the network, from its application to its exit."""

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Bewerbung")
        ACTIVE = "active", _("aktiv")
        REJECTED = "rejected", pgettext_lazy("application status", "abgelehnt")
        LEFT = "left", _("ausgetreten")

    # The lifecycle (applies → active → exit declared → left; or rejected) is stated
    # and checked in partners.policies; these fields change only through its services.

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kennung"), max_length=200, unique=True)
    legal_form = models.CharField(
        _("Rechtsform"), max_length=100, blank=True, help_text=_("z. B. e. V., gGmbH")
    )
    # The slug of one of the network's districts (NetworkSettings.districts).
    district = models.CharField(_("Stadtbezirk"), max_length=40)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("Postleitzahl"), max_length=10, blank=True, validators=[validate_postal_code]
    )
    city = models.CharField(
        pgettext_lazy("postal address", "Ort"), max_length=100, default=default_city
    )
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("öffentliche E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("öffentliche Telefonnummer"), max_length=50, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    # Name and description folded for the directory's search, kept in sync by save().
    search_text = models.TextField(_("Suchtext"), blank=True, default="", editable=False)
    fields = models.ManyToManyField(
        FieldOfEngagement,
        verbose_name=_("Engagementfelder"),
        related_name="organisations",
        blank=True,
    )
    logo = models.ImageField(_("Logo"), upload_to="logos/", blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.APPLICANT
    )
    applied_at = models.DateTimeField(_("beworben am"), default=timezone.now)
    joined_on = models.DateField(_("Partner seit"), null=True, blank=True)
    left_on = models.DateField(_("ausgetreten am"), null=True, blank=True)
    recruited_by = models.ForeignKey(
        "self",
        verbose_name=_("geworben von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recruits",
    )
    is_coordinating = models.BooleanField(_("koordinierende Organisation"), default=False)
    rejection_reason = models.TextField(_("Ablehnungsgrund"), blank=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    exit_declared_at = models.DateTimeField(_("Austritt erklärt am"), null=True, blank=True)
    exit_on = models.DateField(_("Austritt zum"), null=True, blank=True)
    exit_reason = models.TextField(_("Grund des Austritts"), blank=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="active") | Q(joined_on__isnull=False),
                name="organisation_active_has_joined_on",
            ),
        ]
        # At 10,000 partners: the directory's page (active, by name), the panels of
        # new partners (by joining date) and applications, the coordinating two.
        indexes = [
            models.Index(fields=["status", "name"], name="organisation_status_name"),
            # Active partners' ids in id order, without reading the table: the anti-join
            # with declarations of a version (the panel of partners still to sign).
            models.Index(fields=["status", "id"], name="organisation_status_id"),
            # The new partners of a year in the panel's order (joined_in): the first ten
            # without sorting the year's partners; the condition is joined_in's.
            models.Index(
                fields=["joined_on", "name"],
                condition=Q(status__in=["active", "left"]),
                name="organisation_joined_name",
            ),
            models.Index(fields=["status", "applied_at"], name="organisation_status_applied"),
            models.Index(
                fields=["status"],
                condition=Q(is_coordinating=True),
                name="organisation_coordinating",
            ),
            # Declared exits awaiting confirmation (the coordinators' overview): a few
            # rows among thousands of partners, found without scanning them all.
            models.Index(
                fields=["exit_declared_at"],
                condition=Q(exit_declared_at__isnull=False),
                name="organisation_exit_declared",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The agreement names exactly two coordinating organisations: no write path
        # (admin, shell, service) may make a third one (partners.policies).
        update_fields = kwargs.get("update_fields")
        if self.is_coordinating and (update_fields is None or "is_coordinating" in update_fields):
            already = (
                not self._state.adding
                and type(self)._base_manager.filter(pk=self.pk, is_coordinating=True).exists()
            )
            if not already:
                from partners.policies import coordinating_allowed

                coordinating_allowed(self).enforce()
        self.search_text = organisation_search_text(self.name, self.description)
        if update_fields is not None and {"name", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})

    @property
    def is_active(self):
        """Whether the organisation is an active partner (as Organisation.objects.active())."""
        return self.status == self.Status.ACTIVE

    @classmethod
    def active_condition(cls, through=""):
        """The condition of Organisation.objects.active(), also through a relation.

        `through` names the path to the organisation, e.g. "organisation" for contacts:
        `Contact.objects.filter(Organisation.active_condition("organisation"))`.
        """
        prefix = f"{through}__" if through else ""
        return Q(**{f"{prefix}status": cls.Status.ACTIVE})

    def get_district_display(self):
        """The district's name, from the network's settings."""
        return get_network().district_name(self.district)

    get_district_display.short_description = _("Stadtbezirk")

    @property
    def website_host(self):
        return website_host(self.website)

    def public_data(self):
        """The organisation's declared data, as it goes into a declaration's hash."""
        return {
            "name": self.name,
            "rechtsform": self.legal_form,
            "stadtbezirk": self.get_district_display(),
            "strasse": self.street,
            "postleitzahl": self.postal_code,
            "ort": self.city,
            "website": self.website,
            "email": self.email,
            "telefon": self.phone,
        }


class OrganisationSlugAlias(models.Model):
    """An earlier address of an organisation: /partner/<old>/ answers 301 to the current one."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="slug_aliases",
    )
    slug = models.SlugField(_("frühere Kennung"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)

    class Meta:
        verbose_name = _("frühere Adresse")
        verbose_name_plural = _("frühere Adressen")

    def __str__(self):
        return self.slug
