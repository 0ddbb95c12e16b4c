"""Documents of a working group: internal to members and coordinators unless public."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from workgroups.models.group import WorkingGroup


def _document_path(instance, filename):
    # A random name: protected files must not be found by guessing.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"workgroups/documents/{uuid.uuid4().hex}.{extension}"


class GroupDocumentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        """Public documents, plus internal ones of the groups the user may read internally."""
        readable = WorkingGroup.objects.internal_readable_by(user)
        return self.filter(Q(is_public=True) | Q(group__in=readable))


class GroupDocument(models.Model):
    """A document of a working group: internal to members and coordinators unless public."""

    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("Arbeitsgruppe"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=_document_path)
    filename = models.CharField(_("Dateiname"), max_length=200, editable=False)
    is_public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_(
            "Ohne Haken sehen nur Mitglieder der Gruppe und die Koordination das Dokument."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), default=timezone.now)

    objects = GroupDocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dokument einer Arbeitsgruppe")
        verbose_name_plural = _("Dokumente der Arbeitsgruppen")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workgroups:document", kwargs={"slug": self.group.slug, "pk": self.pk})
