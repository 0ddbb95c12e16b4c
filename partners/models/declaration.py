"""The signed Erklärung zur Mitarbeit, final and sealed, and the runs of the seal check."""

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord
from partners import seal as sealing
from partners.models.agreement import AgreementVersion, _refuse, _sha256
from partners.models.organisation import Organisation


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
        # The organisations that signed one version, in id order and from the index
        # alone (the unique constraint leads with the organisation).
        indexes = [
            models.Index(
                fields=["agreement_version", "organisation"], name="declaration_version_org"
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
