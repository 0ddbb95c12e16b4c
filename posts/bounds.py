"""Server-side bounds of a post's inputs, shared by its forms and services.

Dates lie between the years 2000 and 2100 (year 1 overflowed the conversion to UTC:
a 500 instead of a form error); texts have a maximum length.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
BODY_MAX_LENGTH = 20_000
REASON_MAX_LENGTH = 2_000


def year_error():
    return ValidationError(
        _("Bitte geben Sie ein Datum zwischen %(first)s und %(last)s an."),
        code="out_of_range",
        params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
    )


def in_bounds(value):
    return value is None or EARLIEST_YEAR <= value.year <= LATEST_YEAR


def check_dates(starts_at, ends_at):
    """A dict of field → error for dates out of bounds or an end before the start."""
    errors = {}
    for name, value in [("starts_at", starts_at), ("ends_at", ends_at)]:
        if not in_bounds(value):
            errors[name] = year_error()
    if not errors and starts_at and ends_at and ends_at < starts_at:
        errors["ends_at"] = ValidationError(
            _("Das Ende darf nicht vor dem Beginn liegen."), code="end_before_start"
        )
    return errors


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time between EARLIEST_YEAR and LATEST_YEAR, else a German form error."""

    def validate(self, value):
        super().validate(value)
        if not in_bounds(value):
            raise year_error()
