"""Documents a circular links to: fixed, and kept, once it went out."""

from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from circulars.models.circular import Circular
from core.records import ALL_FIELDS, GuardedQuerySet, GuardedRecord, _refusal


class CircularAttachmentQuerySet(GuardedQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(): nothing is attached to a circular that has gone out.
        objs = list(objs)
        circular_ids = {obj.circular_id for obj in objs}
        if (
            Circular.objects.filter(pk__in=circular_ids)
            .exclude(state=Circular.State.DRAFT)
            .exists()
        ):
            raise _refusal(Circular)
        return super().bulk_create(objs, *args, **kwargs)


def protect_when_sent(collector, field, sub_objs, using):
    """on_delete of an attachment's document: a draft loses the link, a sent circular
    keeps it (the document cannot be deleted while a circular that went out links it)."""
    sent = [link for link in sub_objs if link.circular.state != Circular.State.DRAFT]
    if sent:
        raise models.ProtectedError(
            _("Das Dokument ist Anhang eines versandten Rundschreibens und bleibt erhalten."),
            sent,
        )
    models.CASCADE(collector, field, sub_objs, using)


class CircularAttachment(GuardedRecord):
    """A document of the materials a circular links to: fixed once the circular went out.

    A document linked from a sent circular is protected from deletion (protect_when_sent):
    the archive shows what was sent.
    """

    circular = models.ForeignKey(
        Circular, verbose_name=_("Rundschreiben"), on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "materials.Document", verbose_name=_("Dokument"), on_delete=protect_when_sent
    )

    objects = CircularAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["circular", "document__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["circular", "document"], name="circular_attachment_unique"
            ),
        ]

    def __str__(self):
        return f"{self.circular} – {self.document}"

    @classmethod
    def locked_rows(cls):
        return ~models.Q(circular__state=Circular.State.DRAFT)

    def locked_fields(self):
        if self.circular.state == Circular.State.DRAFT:
            return frozenset()
        return ALL_FIELDS

    def save(self, *args, **kwargs):
        # Nothing is attached to (or moved into) a circular that has gone out.
        stored_state = (
            Circular.objects.filter(pk=self.circular_id).values_list("state", flat=True).first()
        )
        if stored_state not in (None, Circular.State.DRAFT):
            raise _refusal(Circular)
        super().save(*args, **kwargs)


@receiver(m2m_changed, sender=CircularAttachment)
def _attachments_of_sent_circulars_stay(sender, instance, action, reverse, pk_set, **kwargs):
    """circular.attachments.add()/remove()/clear()/set() bypass save(): refused here."""
    if not action.startswith("pre_"):
        return
    if reverse:
        circulars = Circular.objects.filter(
            pk__in=pk_set if pk_set is not None else instance.circulars.values("pk")
        )
    else:
        circulars = Circular.objects.filter(pk=instance.pk)
    if circulars.exclude(state=Circular.State.DRAFT).exists():
        raise _refusal(Circular)
