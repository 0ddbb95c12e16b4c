"""English date formats (settings.FORMAT_MODULE_PATH; Django's own fill in the rest).

British order, twelve-hour clock: "Thursday, 11 March 2027, 5:00–7:30 pm" (Django's
"a" is "a.m."/"p.m.", which locale_overrides/en words as "am"/"pm"). The WEEKDAY_* and
TIME_RANGE_* names are ours, read by core.templatetags.netzwerk_dates.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:i a"
TIME_FORMAT = "g:i a"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, g:i a"

WEEKDAY_DATE_FORMAT = "l, j F Y"
WEEKDAY_DATETIME_FORMAT = "l, j F Y, g:i a"
# A range within the same half of the day: "5:00–7:30 pm"; across noon both times
# keep their "am"/"pm" (TIME_FORMAT).
TIME_RANGE_START_FORMAT = "g:i"
