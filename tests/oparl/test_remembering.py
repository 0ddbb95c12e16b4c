"""Within one answer URLs are put together from a remembered pattern and labels are
remembered (oparl.objects.common): the same text as reverse() and get_FOO_display()."""

import pytest
from django.urls import NoReverseMatch, reverse

from meetings.models import Meeting, Resolution
from oparl.objects import common


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("oparl:object", {"kind": "meeting", "key": "12"}),
        ("oparl:object", {"kind": "organization", "key": "arbeitsgruppe-7"}),
        ("oparl:object", {"kind": "membership", "key": 3}),
        ("oparl:list", {"key": "netzwerk", "kind": "agendaitem"}),
        ("oparl:system", {}),
        ("meetings:detail", {"pk": 5}),
        ("meetings:document", {"pk": 5, "doc": 975301357}),
    ],
)
def test_remembered_urls_are_those_of_reverse(name, kwargs):
    with common.remembering():
        assert common.url(name, **kwargs) == reverse(name, kwargs=kwargs)
        assert common.url(name, **kwargs) == reverse(name, kwargs=kwargs)  # remembered


def test_what_reverse_refuses_is_still_refused():
    with common.remembering():
        common.url("oparl:object", kind="meeting", key="1")
        with pytest.raises(NoReverseMatch):
            common.url("oparl:object", kind="meeting", key="kein slug")
        with pytest.raises(NoReverseMatch):
            common.url("meetings:detail", pk=True)


def test_remembered_labels_are_those_of_the_model():
    held, cancelled = Meeting(status=Meeting.Status.HELD), Meeting(status="cancelled")
    with common.remembering():
        assert common.display(held, "status") == held.get_status_display()
        assert common.display(cancelled, "status") == cancelled.get_status_display()
        assert common.display(held, "status") == held.get_status_display()
    assert common.display(held, "status") == held.get_status_display()


@pytest.mark.parametrize("outcome", ["adopted", "rejected", "unbekannt", ""])
def test_outcome_label_is_the_display_of_the_outcome(outcome):
    resolution = Resolution(outcome=outcome)
    assert resolution.outcome_label == resolution.get_outcome_display()
