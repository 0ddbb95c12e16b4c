"""Server-side bounds of the materials' inputs (admin forms, corrections).

Dates lie between the years 2000 and 2100; a German form error otherwise.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
TEXT_MAX_LENGTH = 50_000


def check_year(value):
    """Refuse a date or datetime outside EARLIEST_YEAR..LATEST_YEAR."""
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Bitte geben Sie ein Datum zwischen %(first)s und %(last)s an."),
            code="out_of_range",
            params={"first": EARLIEST_YEAR, "last": LATEST_YEAR},
        )
