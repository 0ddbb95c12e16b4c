import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.models import Meeting, MeetingDocument, WorkProgramme

pytestmark = pytest.mark.django_db


def test_demo_has_last_years_plenaries_and_the_programmes(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    year = timezone.localdate().year
    assert Meeting.objects.yearly_check(year - 1).state == "fulfilled"
    this_year = WorkProgramme.objects.get(year=year)
    assert this_year.is_adopted
    assert this_year.adopted_by_resolution.agenda_item.meeting.year == year - 1
    assert WorkProgramme.objects.get(year=year + 1).status == WorkProgramme.Status.DRAFT
    assert MeetingDocument.objects.filter(is_public=True).exists()
    assert MeetingDocument.objects.first().file.read().startswith(b"%PDF")
    count = Meeting.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Meeting.objects.count() == count
