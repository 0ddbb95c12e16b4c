"""The three-per-year check (paragraph 3 of the agreement)."""

import datetime

import pytest

from meetings.models import Meeting, YearCheck
from tests.meetings.factories import MeetingFactory, berlin
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def plenary(start, status=Meeting.Status.HELD, **kwargs):
    return MeetingFactory(
        start=start, end=start + datetime.timedelta(hours=2), status=status, **kwargs
    )


def test_three_held_plenaries_fulfil_the_year():
    for month in (2, 6, 10):
        plenary(berlin(2026, month, 10))
    check = Meeting.objects.yearly_check(2026, now=berlin(2026, 11, 1))
    assert (check.held, check.planned, check.state) == (3, 0, YearCheck.State.FULFILLED)
    assert check.state_label == "erfüllt"


def test_held_and_future_planned_meetings_are_on_track():
    plenary(berlin(2026, 2, 10))
    plenary(berlin(2026, 6, 10))
    plenary(berlin(2026, 11, 20), status=Meeting.Status.PLANNED)
    check = Meeting.objects.yearly_check(2026, now=berlin(2026, 9, 1))
    assert check.state == YearCheck.State.ON_TRACK
    assert check.summary == "2026: 2 von 3 Netzwerktreffen abgehalten, 1 geplant"


def test_planned_meeting_whose_date_passed_does_not_count_as_planned():
    plenary(berlin(2026, 2, 10))
    plenary(berlin(2026, 6, 10))
    plenary(berlin(2026, 9, 20), status=Meeting.Status.PLANNED)
    check = Meeting.objects.yearly_check(2026, now=berlin(2026, 10, 1))
    assert (check.planned, check.state) == (0, YearCheck.State.AT_RISK)


def test_cancelled_and_working_group_meetings_do_not_count(coordinating_org):
    group = WorkingGroup.objects.create(
        name="AG Digitales",
        slug="ag-digitales",
        topic="Digitales",
        founded_on=datetime.date(2025, 1, 1),
        lead_organisation=coordinating_org,
    )
    plenary(berlin(2026, 2, 10))
    plenary(berlin(2026, 5, 10), kind=Meeting.Kind.WORKGROUP, workgroup=group)
    plenary(
        berlin(2026, 11, 10),
        status=Meeting.Status.CANCELLED,
        cancel_reason="Raum nicht verfügbar",
    )
    plenary(
        berlin(2026, 12, 1),
        status=Meeting.Status.PLANNED,
        kind=Meeting.Kind.WORKGROUP,
        workgroup=group,
    )
    check = Meeting.objects.yearly_check(2026, now=berlin(2026, 9, 1))
    assert (check.held, check.planned, check.state) == (1, 0, YearCheck.State.AT_RISK)


def test_past_year_with_fewer_than_three_held_is_missed():
    plenary(berlin(2025, 3, 10))
    plenary(berlin(2025, 9, 10))
    check = Meeting.objects.yearly_check(2025, now=berlin(2026, 1, 5))
    assert check.state == YearCheck.State.MISSED
    assert check.state_label == "verfehlt"


def test_new_years_night_belongs_to_the_year_of_berlin_time():
    # 1 January 2027, 00:30 in Berlin is still 31 December 2026 in UTC.
    new_year = berlin(2027, 1, 1, 0, 30)
    assert new_year.astimezone(UTC).year == 2026
    plenary(new_year)
    # 31 December 2026, 23:30 in Berlin is 22:30 UTC the same day.
    plenary(berlin(2026, 12, 31, 23, 30))
    checks = Meeting.objects.yearly_checks([2026, 2027], now=berlin(2027, 2, 1))
    assert [(c.year, c.held) for c in checks] == [(2026, 1), (2027, 1)]
    assert checks[0].state == YearCheck.State.MISSED
    assert Meeting.objects.get(start=new_year).year == 2027


def test_check_holds_across_daylight_saving_changes():
    # Held in winter time, in the night of the change to summer time (29 March
    # 2026, 01:30 CET) and in summer time; planned in the night back to winter time.
    plenary(berlin(2026, 1, 15, 18))
    plenary(datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC))
    plenary(datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), status=Meeting.Status.PLANNED)
    # "now" in summer time, one hour before the planned meeting in UTC terms.
    now = datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    check = Meeting.objects.yearly_check(2026, now=now)
    assert (check.held, check.planned, check.state) == (2, 1, YearCheck.State.ON_TRACK)
    after = datetime.datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert Meeting.objects.yearly_check(2026, now=after).state == YearCheck.State.AT_RISK


def test_year_without_meetings_is_at_risk_now_and_missed_later():
    assert Meeting.objects.yearly_check(2026, now=berlin(2026, 3, 1)).state == "at_risk"
    assert Meeting.objects.yearly_check(2026, now=berlin(2027, 3, 1)).state == "missed"
