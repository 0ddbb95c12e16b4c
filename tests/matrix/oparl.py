"""The OParl endpoint: public JSON for everyone, internal objects for no one (404)."""

from oparl.objects import TYPES
from tests.matrix import PUBLIC, Row, expect

NOBODY = expect(404, 404, 404, 404, 404, 404)
BODY = {"key": "netzwerk"}


def _list(kind):
    return {"key": "netzwerk", "kind": kind}


ROWS = [
    Row("oparl:system", PUBLIC),
    Row("oparl:body_list", PUBLIC),
    Row("oparl:body", PUBLIC, kwargs=BODY),
    *(Row("oparl:list", PUBLIC, kwargs=_list(kind)) for kind in TYPES),
    Row("oparl:object", PUBLIC, kwargs=lambda w: {"kind": "meeting", "key": w.meeting.pk}),
    Row("oparl:object", PUBLIC, kwargs=lambda w: {"kind": "agendaitem", "key": w.item.pk}),
    Row(
        "oparl:object",
        NOBODY,
        kwargs=lambda w: {"kind": "agendaitem", "key": w.internal_item.pk},
        note="an internal agenda item is not there, for anyone",
    ),
    Row("oparl:object", PUBLIC, kwargs=lambda w: {"kind": "file", "key": w.public_document.pk}),
    Row(
        "oparl:object",
        NOBODY,
        kwargs=lambda w: {"kind": "file", "key": w.internal_document.pk},
        note="an internal document is not there, for anyone",
    ),
    Row("oparl:download", PUBLIC, kwargs=lambda w: {"key": w.public_document.pk}),
    Row("oparl:download", NOBODY, kwargs=lambda w: {"key": w.internal_document.pk}),
    Row("oparl:object", PUBLIC, kwargs={"kind": "organization", "key": "sprechergruppe"}),
    Row("oparl:object", PUBLIC, kwargs=lambda w: {"kind": "membership", "key": w.term.pk}),
]
