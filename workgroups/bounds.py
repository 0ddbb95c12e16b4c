"""Server-side bounds of the working groups' inputs (forms and services share them).

Dates lie between the years 2000 and 2100 (a year 1 would overflow the conversion to
UTC and give a 500); texts have a maximum length. Every refusal is a German form error.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
DESCRIPTION_MAX_LENGTH = 20_000
MESSAGE_MAX_LENGTH = 20_000
REASON_MAX_LENGTH = 2_000


def _year_error():
    return ValidationError(
        _("Bitte geben Sie ein Datum zwischen %(first)s und %(last)s an."),
        code="out_of_range",
        params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
    )


def check_year(value):
    """Refuse a date or datetime outside EARLIEST_YEAR..LATEST_YEAR."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise _year_error()


def check_founded_on(founded_on, *, resolution=None):
    """A founding date lies in the bounds, not in the future, not before its resolution."""
    if founded_on is None:
        return
    check_year(founded_on)
    if founded_on > timezone.localdate():
        raise ValidationError(
            _("Das Gründungsdatum darf nicht in der Zukunft liegen."), code="future"
        )
    meeting_start = _resolution_date(resolution)
    if meeting_start is not None and founded_on < meeting_start:
        raise ValidationError(
            _("Das Gründungsdatum darf nicht vor dem Gründungsbeschluss liegen."),
            code="before_resolution",
        )


def _resolution_date(resolution):
    try:
        start = resolution.agenda_item.meeting.start
    except AttributeError:
        return None
    if isinstance(start, datetime.datetime):
        return timezone.localtime(start).date()
    return start


class BoundedDateField(forms.DateField):
    """A date between EARLIEST_YEAR and LATEST_YEAR, with a German error otherwise."""

    def validate(self, value):
        super().validate(value)
        check_year(value)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time between EARLIEST_YEAR and LATEST_YEAR, with a German error otherwise."""

    def validate(self, value):
        super().validate(value)
        check_year(value)
