"""Files attached to a meeting."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.models.meeting import Meeting


def document_upload_to(instance, filename):
    return f"meetings/documents/{timezone.now():%Y}/{filename}"


class MeetingDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public documents for everyone; internal ones for readers of the meeting's internals."""
        return self.filter(
            Q(is_public=True) | Q(meeting__in=Meeting.objects.internal_readable_by(user))
        )


class MeetingDocument(models.Model):
    """A file attached to a meeting, served only through an access-checking view."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("Treffen"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to=document_upload_to)
    is_public = models.BooleanField(_("öffentlich"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    objects = MeetingDocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dokument zum Treffen")
        verbose_name_plural = _("Dokumente zu Treffen")
        ordering = ["meeting", "title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:document", kwargs={"pk": self.meeting_id, "doc": self.pk})
