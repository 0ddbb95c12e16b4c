"""What every meetings model module shares: the network's time zone, its calendar years,
and who reads the network's internals.

It imports none of the other model modules, so that they all may import it and their
dependencies go one way: agenda imports invitation, which imports meeting, which
imports programme; document imports meeting; programme names its Resolution by string.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.roles import reads_network_internals

BERLIN = ZoneInfo("Europe/Berlin")


def reads_internal(user):
    """Whether the user reads the network's internal parts (core.roles decides)."""
    return reads_network_internals(user)


def year_of(moment):
    """The calendar year of an instant, counted in Europe/Berlin.

    The one place computing the year a meeting belongs to (Meeting.year asks it of the
    meeting's start) and, of now, the current year of the three-per-year check.
    """
    return moment.astimezone(BERLIN).year


def this_year(now=None):
    """The current calendar year in Europe/Berlin (`now` defaults to the present)."""
    return year_of(now or timezone.now())


def year_bounds(year):
    """The first instant of `year` and of the next year, in Europe/Berlin."""
    return (
        datetime.datetime(year, 1, 1, tzinfo=BERLIN),
        datetime.datetime(year + 1, 1, 1, tzinfo=BERLIN),
    )
