import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting, MeetingDocument, Resolution, WorkProgramme
from tests.meetings.factories import berlin

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "today",
    [berlin(2026, 9, 1, 12), berlin(2026, 12, 6, 12)],
    ids=["before-the-last-plenary", "after-the-last-plenary"],
)
def test_demo_has_last_years_plenaries_and_the_programmes(settings, clock, today):
    settings.DEBUG = True
    clock(today)
    call_command("seed_demo", stdout=io.StringIO())
    year = timezone.localdate().year
    assert Meeting.objects.yearly_check(year - 1).state == "fulfilled"
    this_year = WorkProgramme.objects.get(year=year)
    assert this_year.is_adopted
    assert this_year.adopted_by_resolution.agenda_item.meeting.year == year - 1
    # Next year's programme and the resolution on it are one act (the issue's
    # reproduction 3: an "angenommen" resolution next to a draft programme).
    next_year = WorkProgramme.objects.get(year=year + 1)
    on_it = Resolution.objects.filter(agenda_item__work_programme=next_year)
    if today.month == 12:
        assert next_year.is_adopted
        assert next_year.adopted_by_resolution == on_it.get()
        assert next_year.adopted_by_resolution.is_adopted
    else:
        assert next_year.status == WorkProgramme.Status.DRAFT
        assert not on_it.exists()
    for programme in WorkProgramme.objects.all():
        adopting = Resolution.objects.filter(
            agenda_item__work_programme=programme, outcome=Resolution.Outcome.ADOPTED
        )
        assert programme.is_adopted == adopting.exists()
    assert MeetingDocument.objects.filter(is_public=True).exists()
    assert MeetingDocument.objects.first().file.read().startswith(b"%PDF")
    count = Meeting.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Meeting.objects.count() == count
