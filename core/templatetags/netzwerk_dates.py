"""Dates in the language of the page: {% load netzwerk_dates %}.

Django's `date` filter takes its named formats (DATE_FORMAT, DATETIME_FORMAT, …) from
core/formats/<lang>/formats.py; these add the ones Django has no name for:

    {{ meeting.start|weekday_datetime }}      Donnerstag, 11. März 2027, 17:00 Uhr
    {{ day|weekday_date }}                    Thursday, 11 March 2027
    {% time_range meeting.start meeting.end %}
        Donnerstag, 11. März 2027, 17:00–19:30 Uhr / Thursday, 11 March 2027, 5:00–7:30 pm
        (<time> elements with machine-readable datetimes; plain=True for text mails)
"""

import datetime
import re

from django import template
from django.utils import formats, timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()

# Our names and the Django format each falls back to in a language without them.
OWN_FORMATS = {
    "WEEKDAY_DATE_FORMAT": "DATE_FORMAT",
    "WEEKDAY_DATETIME_FORMAT": "DATETIME_FORMAT",
    "TIME_RANGE_START_FORMAT": "TIME_FORMAT",
}
MERIDIEM = re.compile(r"(?<!\\)[aA]")


def get_format(name):
    if name not in OWN_FORMATS:
        return formats.get_format(name)
    for module in formats.get_format_modules(get_language()):
        value = getattr(module, name, None)
        if value is not None:
            return value
    return formats.get_format(OWN_FORMATS[name])


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_as(value, name):
    if value in (None, ""):
        return ""
    return format_date(_local(value), get_format(name))


@register.filter
def weekday_date(value):
    return format_as(value, "WEEKDAY_DATE_FORMAT")


@register.filter
def weekday_datetime(value):
    return format_as(value, "WEEKDAY_DATETIME_FORMAT")


def range_parts(start, end):
    """The two halves of a range, start with its weekday: on one day the date once."""
    start, end = _local(start), _local(end)
    if end is None:
        return format_as(start, "WEEKDAY_DATETIME_FORMAT"), ""
    if start.date() != end.date():
        return format_as(start, "WEEKDAY_DATETIME_FORMAT"), format_as(end, "DATETIME_FORMAT")
    time_format = get_format("TIME_FORMAT")
    start_format = get_format("TIME_RANGE_START_FORMAT")
    if start.hour // 12 != end.hour // 12 and MERIDIEM.search(time_format):
        start_format = time_format  # 11:00 am–1:30 pm
    first = f"{format_as(start, 'WEEKDAY_DATE_FORMAT')}, {format_date(start, start_format)}"
    return first, format_date(end, time_format)


@register.simple_tag
def time_range(start, end, plain=False):
    first, second = range_parts(start, end)
    same_day = end is not None and _local(start).date() == _local(end).date()
    dash = "–" if same_day else " – "
    if plain:
        return f"{first}{dash}{second}" if second else first
    iso = "%Y-%m-%dT%H:%M:%S%z"
    if not second:
        return format_html('<time datetime="{}">{}</time>', _local(start).strftime(iso), first)
    return format_html(
        '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
        _local(start).strftime(iso),
        first,
        dash,
        _local(end).strftime(iso),
        second,
    )
