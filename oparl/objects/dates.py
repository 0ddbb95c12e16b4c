"""`created` and `modified` from the change history every governed model keeps.

django-simple-history writes a row per save and per deletion, so `modified` changes
whenever the object is saved, and an object that embeds others (a meeting its agenda
items, files and resolutions) takes the latest of their changes too.
"""

import functools

from django.db.models import DateTimeField, F, Max, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from meetings.models import AgendaItem, Meeting, MeetingDocument, Resolution
from oparl.objects.common import EPOCH, when


@functools.cache
def history_model(model):
    """The model's historical model, looked up once: each `Model.history` builds a new
    manager class (django-simple-history's descriptor), a good part of a list's time."""
    return model.history.model


def history(model, field="id", ref="pk", aggregate=Max):
    """The first (Min) or latest (Max) change of the rows of `model` whose `field`
    is the outer row's `ref`, as a subquery."""
    rows = history_model(model).objects.filter(**{field: OuterRef(ref)}).order_by()
    return Subquery(
        rows.values(field).annotate(when=aggregate("history_date")).values("when")[:1],
        output_field=DateTimeField(),
    )


def latest(*values):
    epoch = Value(EPOCH, output_field=DateTimeField())
    return Greatest(*(Coalesce(value, epoch) for value in values))


def meeting_dates(queryset):
    return queryset.annotate(
        oparl_created=F("created_at"),
        oparl_modified=latest(
            F("updated_at"),
            history(Meeting),
            history(AgendaItem, "meeting_id"),
            history(Resolution, "agenda_item__meeting_id"),
            history(MeetingDocument, "meeting_id"),
        ),
    )


def item_dates(queryset):
    return queryset.annotate(
        oparl_created=Coalesce(history(AgendaItem, aggregate=Min), F("meeting__created_at")),
        oparl_modified=latest(
            history(AgendaItem), history(Resolution, "agenda_item_id"), F("meeting__created_at")
        ),
    )


def own_dates(queryset, created):
    model = queryset.model
    return queryset.annotate(
        oparl_created=Coalesce(created, history(model, aggregate=Min)),
        oparl_modified=Coalesce(history(model), created),
    )


def history_dates(queryset):
    model = queryset.model
    return queryset.annotate(
        oparl_created=history(model, aggregate=Min), oparl_modified=history(model)
    )


def dated(data, obj):
    data["created"] = when(getattr(obj, "oparl_created", None))
    data["modified"] = when(getattr(obj, "oparl_modified", None))
    return data
