"""Final records: what the network decided and did changes only by a correction.

A governed model inherits `GuardedRecord` and says, from its stored state, which of
its fields are locked (`locked_fields()`; `ALL_FIELDS` once the record is final) and,
as a Q object, which rows are locked at all (`locked_rows()`). Then:

- `save()` refuses to change a locked field of the stored row, and `delete()` refuses
  to delete a row with locked fields, unless `core.services.record_correction`
  is changing that very record (it keeps the original beside the correction);
- the model's QuerySet (`GuardedQuerySet`) refuses `update()` and `delete()` on locked
  rows in the same way.

The rules themselves (which state locks what) are the app's, stated in its
`policies.py`; this module only keeps them on every path that goes through Django.
"""

import contextlib
import contextvars

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_FIELDS = frozenset({"__all__"})

_correcting = contextvars.ContextVar("netzwerk_correcting", default=frozenset())


class FinalRecordError(ValidationError):
    """A write that would silently change or delete a final record."""


@contextlib.contextmanager
def correcting(record):
    """Within this block, `record` may be saved although it is final (corrections only)."""
    token = _correcting.set(_correcting.get() | {(record._meta.label, record.pk)})
    try:
        yield
    finally:
        _correcting.reset(token)


def _is_being_corrected(model, pk):
    return (model._meta.label, pk) in _correcting.get()


def _refusal(record_or_model):
    return FinalRecordError(
        _("%(record)s ist endgültig und lässt sich nur durch eine Berichtigung ändern.")
        % {"record": record_or_model._meta.verbose_name},
        code="final",
    )


class GuardedQuerySet(models.QuerySet):
    """update()/delete() refuse rows whose fields are locked (see GuardedRecord)."""

    def locked(self):
        return self.filter(self.model.locked_rows())

    def update(self, **kwargs):
        touched = set(kwargs) - self.model.ALWAYS_MUTABLE_FIELDS
        if touched and self.locked().exists():
            raise _refusal(self.model)
        self._check_parent_of_update(kwargs)
        return super().update(**kwargs)

    def _check_parent_of_update(self, kwargs):
        name = self.model.PARENT_FIELD
        if name is None:
            return
        field = self.model._meta.get_field(name)
        for key in (field.name, field.attname):
            if key in kwargs and kwargs[key] is not None:
                value = kwargs[key]
                parent_id = value.pk if isinstance(value, models.Model) else value
                parent = field.related_model._base_manager.filter(pk=parent_id).first()
                if isinstance(parent, GuardedRecord) and parent.is_final():
                    raise _refusal(parent)

    update.queryset_only = True

    def delete(self):
        if self.locked().exists():
            raise _refusal(self.model)
        return super().delete()

    delete.queryset_only = True

    def bulk_create(self, objs, *args, update_conflicts=False, **kwargs):
        # An "upsert" would overwrite existing rows without asking save().
        if update_conflicts:
            raise _refusal(self.model)
        return super().bulk_create(objs, *args, **kwargs)


class GuardedRecord(models.Model):
    """A model whose stored state can lock fields; see the module docstring."""

    # Bookkeeping fields that may change on a final record (timestamps of mail, …).
    ALWAYS_MUTABLE_FIELDS = frozenset({"updated_at"})
    # The foreign key to the record this one belongs to (a resolution's agenda item):
    # nothing is added to, or moved into, a final parent.
    PARENT_FIELD = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Checked whenever a row with this pk may exist, also for an instance that
        # Django believes new (an old history version, a model built with a pk).
        if self.pk is not None:
            self._check_locked_fields(kwargs.get("update_fields"))
        self._check_parent()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk is not None and not _is_being_corrected(type(self), self.pk):
            stored = type(self)._base_manager.filter(pk=self.pk).first()
            if stored is not None and stored.locked_fields():
                raise _refusal(self)
        return super().delete(*args, **kwargs)

    @classmethod
    def locked_rows(cls):
        """Q of the rows with any locked field (for QuerySet.update/delete)."""
        raise NotImplementedError

    def locked_fields(self):
        """Names of the fields this (stored) record no longer lets change, or ALL_FIELDS."""
        raise NotImplementedError

    def is_final(self):
        """Whether the record is final: every field locked, changes only by correction."""
        return self.locked_fields() == ALL_FIELDS

    def _check_parent(self):
        if self.PARENT_FIELD is None:
            return
        field = self._meta.get_field(self.PARENT_FIELD)
        parent_id = getattr(self, field.attname)
        if parent_id is None:
            return
        if self.pk is not None:
            stored = (
                type(self)._base_manager.filter(pk=self.pk).values_list(field.attname, flat=True)
            )
            if parent_id in stored:
                return  # not added or moved: _check_locked_fields decides
        parent = field.related_model._base_manager.filter(pk=parent_id).first()
        if parent is not None and isinstance(parent, GuardedRecord) and parent.is_final():
            raise _refusal(parent)

    def _check_locked_fields(self, update_fields):
        if _is_being_corrected(type(self), self.pk):
            return
        stored = type(self)._base_manager.filter(pk=self.pk).first()
        if stored is None:
            return
        locked = stored.locked_fields()
        if not locked:
            return
        names = (
            {f.name for f in self._meta.concrete_fields}
            if update_fields is None
            else {self._meta.get_field(n).name for n in update_fields}
        )
        names -= self.ALWAYS_MUTABLE_FIELDS
        if locked != ALL_FIELDS:
            names &= set(locked)
        for name in names:
            field = self._meta.get_field(name)
            if field.primary_key:
                continue
            if getattr(self, field.attname) != getattr(stored, field.attname):
                raise _refusal(self)
