"""The versions of the Kooperationsvereinbarung, sealed once published."""

import hashlib
import re

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.records import ALL_FIELDS, FinalRecordError, GuardedQuerySet, GuardedRecord
from partners import seal as sealing


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
