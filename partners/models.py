import hashlib
import json
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from simple_history.models import HistoricalRecords

from core.network import default_city, get_network
from core.records import ALL_FIELDS, FinalRecordError, GuardedQuerySet, GuardedRecord
from core.search import fold, search_words
from partners import seal as sealing


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


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        """Partners that belong to the network now (coordinating organisations included)."""
        return self.filter(status=Organisation.Status.ACTIVE)

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
            models.Index(fields=["status", "joined_on"], name="organisation_status_joined"),
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
        return self.status == self.Status.ACTIVE

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


class ContactQuerySet(models.QuerySet):
    def public(self):
        """Contacts who consented to show their name and e-mail publicly."""
        return self.filter(public_consent_at__isnull=False)

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

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def is_public(self):
        return self.public_consent_at is not None


class AgreementVersionQuerySet(GuardedQuerySet):
    def current(self):
        """The version in force now: the newest one whose valid_from has passed."""
        return (
            self.filter(valid_from__lte=timezone.localdate())
            .order_by("-valid_from", "-number")
            .first()
        )


def _refuse(record):
    return FinalRecordError(
        _("%(record)s ist endgültig und lässt sich nur durch eine Berichtigung ändern.")
        % {"record": record._meta.verbose_name},
        code="final",
    )


def _sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AgreementVersion(GuardedRecord):
    """One version of the Kooperationsvereinbarung.

    *Published* (final, never changed or deleted) once it is in force — its
    `valid_from` has come (the local date, TIME_ZONE) — or once any organisation signed it,
    whichever is first; before that it is a draft the coordinators may still edit in
    the admin. Its number, title, text and date are sealed (partners.seal); a
    Berichtigung of the title is kept beside the row, which stays as published.
    """

    # A correction is recorded beside the untouched row (core.services.record_correction).
    CORRECTIONS_BESIDE_RECORD = True

    number = models.PositiveIntegerField(_("Version"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    text = models.TextField(_("Text"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    valid_from = models.DateField(_("gültig ab"))
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    seal_key_id = models.CharField(_("Schlüssel des Siegels"), max_length=16, editable=False)
    seal = models.CharField(_("Siegel (HMAC-SHA256)"), max_length=64, editable=False)

    corrections = GenericRelation("netzwerk.Correction")

    objects = AgreementVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fassung der Kooperationsvereinbarung")
        verbose_name_plural = _("Fassungen der Kooperationsvereinbarung")
        ordering = ["-number"]

    def __str__(self):
        return _("%(title)s, Fassung %(number)s") % {
            "title": self.title,
            "number": self.number,
        }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).first()
            if stored is not None and stored.is_published():
                raise _refuse(self)
        self.sha256 = self.compute_sha256(self.text)
        self.seal_key_id, self.seal = sealing.seal(self.seal_payload())
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("netzwerk")

    @classmethod
    def locked_rows(cls):
        return Q(declarations__isnull=False) | Q(valid_from__lte=timezone.localdate())

    def locked_fields(self):
        """Published: what partners sign or signed stays as it is (partners.policies)."""
        if self.pk is not None and self.is_published():
            return ALL_FIELDS
        return frozenset()

    def is_published(self):
        """In force (valid_from reached) or signed by any organisation."""
        valid_from = self._meta.get_field("valid_from").to_python(self.valid_from)
        if valid_from is not None and valid_from <= timezone.localdate():
            return True
        return self.pk is not None and self.declarations.exists()

    @staticmethod
    def compute_sha256(text):
        return _sha256(text)

    def seal_payload(self):
        """What the seal covers: number, title, text and date of the version."""
        return sealing.version_payload(
            number=self.number,
            title=self.title,
            text=self.text,
            valid_from=self._meta.get_field("valid_from").to_python(self.valid_from),
        )

    def seal_problems(self):
        """Why the stored version does not match its seal (empty: it matches)."""
        problems = sealing.problems(self.seal_payload(), self.seal_key_id, self.seal)
        if self.sha256 != self.compute_sha256(self.text):
            problems.append(_("SHA-256 des Textes stimmt nicht"))
        return problems

    def verify(self):
        """Whether number, title, text and date are as sealed."""
        return not self.seal_problems()

    def principles(self):
        """The guiding principles named in paragraph 1 ("Leitgedanken … sind dabei …")."""
        match = re.search(r"Leitgedanken[^.]*? sind dabei ([^.]+)\.", self.text)
        if not match:
            return []
        return [p.strip() for p in re.split(r",| und ", match.group(1)) if p.strip()]

    def paragraphs(self):
        """The numbered paragraphs of the text, as (number, text) pairs."""
        result = []
        for block in self.text.split("\n\n"):
            block = block.strip()
            if not block:
                continue
            number, sep, rest = block.partition(".)")
            if sep and number.isdigit():
                result.append((int(number), rest.strip()))
            else:
                result.append((None, block))
        return result


class DeclarationQuerySet(GuardedQuerySet):
    """Declarations are final: bulk updates and deletes are refused (GuardedQuerySet)."""

    def visible_to(self, user):
        """Declarations of the user's organisations; all of them for coordinators."""
        from core.roles import is_coordinator

        if not user.is_authenticated:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(organisation__contacts__user=user).distinct()


class Declaration(GuardedRecord):
    """An organisation's signed Erklärung zur Mitarbeit for one agreement version.

    Final once saved: no field ever changes, the row is never deleted. A coordinator's
    Berichtigung of the typed name, function or place is kept beside the row
    (core.models.Correction). The keyed seal (partners.seal) covers everything
    the PDF shows as signed — the agreement version, the declared organisation data,
    signer name and function, place, time and the signing account — so a row
    rewritten in the database no longer verifies (`manage.py verify_declarations`).
    The plain SHA-256 of text and data stays for readers of the PDF.
    """

    # A correction is recorded beside the untouched row (core.services.record_correction).
    CORRECTIONS_BESIDE_RECORD = True

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    agreement_version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("Fassung"),
        on_delete=models.PROTECT,
        related_name="declarations",
    )
    # The account may be deleted; the declaration stays untouched (it is the
    # organisation's, and sealed): the id of the signing account is kept without a
    # database constraint, so deleting the account changes no row here. Use
    # `signing_account` to read the account if it still exists.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unterzeichnendes Konto"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="declarations",
    )
    signer_email = models.EmailField(_("E-Mail-Adresse des Kontos beim Unterzeichnen"), blank=True)
    signer_name = models.CharField(_("Vor- und Nachname"), max_length=200)
    signer_function = models.CharField(_("Funktion"), max_length=100)
    place = models.CharField(pgettext_lazy("place of signing", "Ort"), max_length=100)
    signed_at = models.DateTimeField(_("unterzeichnet am"), default=timezone.now)
    organisation_data = models.JSONField(_("erklärte Organisationsdaten"))
    agreement_sha256 = models.CharField(_("SHA-256 der Vereinbarung"), max_length=64)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    seal_key_id = models.CharField(_("Schlüssel des Siegels"), max_length=16)
    seal = models.CharField(_("Siegel (HMAC-SHA256)"), max_length=64)

    corrections = GenericRelation("netzwerk.Correction")

    objects = DeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Erklärung zur Mitarbeit")
        verbose_name_plural = _("Erklärungen zur Mitarbeit")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "agreement_version"],
                name="declaration_once_per_version",
            ),
        ]

    def __str__(self):
        return _("Erklärung von %(organisation)s zur Fassung %(number)s") % {
            "organisation": self.organisation,
            "number": self.agreement_version.number,
        }

    def save(self, *args, **kwargs):
        # Signed is final: a stored declaration is never saved again (corrections
        # are kept beside it), so its seal keeps verifying.
        if self.pk is not None and type(self)._base_manager.filter(pk=self.pk).exists():
            raise _refuse(self)
        self.prepare_seal()
        super().save(*args, **kwargs)

    def prepare_seal(self):
        """Fill the hashes, the account's e-mail and the seal of a new declaration.

        save() does it; call it yourself before bulk_create(), which skips save().
        """
        version = self.agreement_version
        self.agreement_sha256 = version.sha256
        self.sha256 = self.compute_sha256(version.text, self.organisation_data)
        if self.signer_id and not self.signer_email:
            self.signer_email = self.signer.email
        self.seal_key_id, self.seal = sealing.seal(self.seal_payload())
        return self

    @classmethod
    def locked_rows(cls):
        return Q(pk__isnull=False)

    def locked_fields(self):
        """Signed is final: every field, from the moment it is stored."""
        return ALL_FIELDS if self.pk is not None else frozenset()

    def get_absolute_url(self):
        return reverse("partners:declaration_pdf", kwargs={"pk": self.pk})

    @property
    def signing_account(self):
        """The account that signed, or None once it is deleted (or for paper declarations)."""
        if self.signer_id is None:
            return None
        from django.contrib.auth import get_user_model

        return get_user_model()._base_manager.filter(pk=self.signer_id).first()

    @staticmethod
    def compute_sha256(agreement_text, organisation_data):
        """Unkeyed SHA-256 of the agreement text and the canonical organisation data.

        Anyone can recompute it from the PDF; it proves nothing against someone who can
        rewrite the row. The keyed `seal` does.
        """
        canonical = json.dumps(
            organisation_data, sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(f"{agreement_text}\n{canonical}".encode()).hexdigest()

    def seal_payload(self):
        """Everything the PDF shows as signed, as the seal covers it."""
        signed_at = self._meta.get_field("signed_at").to_python(self.signed_at)
        if timezone.is_naive(signed_at):
            signed_at = timezone.make_aware(signed_at)
        return sealing.declaration_payload(
            version=self.agreement_version,
            organisation_id=self.organisation_id,
            organisation_data=self.organisation_data,
            name=self.signer_name,
            function=self.signer_function,
            place=self.place,
            signed_at=signed_at,
            account_id=self.signer_id,
            account_email=self.signer_email,
        )

    def seal_problems(self):
        """Why the stored declaration does not match its seal (empty: it matches)."""
        problems = sealing.problems(self.seal_payload(), self.seal_key_id, self.seal)
        text = self.agreement_version.text
        if self.sha256 != self.compute_sha256(text, self.organisation_data):
            problems.append(_("SHA-256 von Vereinbarung und Organisationsdaten stimmt nicht"))
        if self.agreement_sha256 != _sha256(text):
            problems.append(_("SHA-256 des Vereinbarungstextes stimmt nicht"))
        return problems

    def verify(self):
        """Whether everything shown as signed is as it was sealed."""
        return not self.seal_problems()


class SealCheck(models.Model):
    """One run of `manage.py verify_declarations` (or the nightly task): what it found."""

    checked_at = models.DateTimeField(_("geprüft am"), default=timezone.now)
    declarations = models.PositiveIntegerField(_("geprüfte Erklärungen"), default=0)
    versions = models.PositiveIntegerField(_("geprüfte Fassungen"), default=0)
    failures = models.JSONField(
        _("Abweichungen"), default=list, blank=True, help_text=_("je Eintrag: Art, Nr., Befund")
    )

    class Meta:
        verbose_name = _("Siegelprüfung")
        verbose_name_plural = _("Siegelprüfungen")
        ordering = ["-checked_at", "-pk"]
        get_latest_by = ["checked_at", "pk"]

    def __str__(self):
        return _("Siegelprüfung vom %(date)s") % {"date": timezone.localtime(self.checked_at)}

    @property
    def ok(self):
        return not self.failures


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
