"""German date formats (settings.FORMAT_MODULE_PATH; Django's own fill in the rest).

"Uhr" belongs to the German time, so it is part of the format and never a string of
its own in a template. The WEEKDAY_* and TIME_RANGE_* names are ours, read by
core.templatetags.netzwerk_dates.
"""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = r"j. F Y, H:i \U\h\r"
TIME_FORMAT = r"H:i \U\h\r"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"

WEEKDAY_DATE_FORMAT = "l, j. F Y"
WEEKDAY_DATETIME_FORMAT = r"l, j. F Y, H:i \U\h\r"
# A range on one day: "Donnerstag, 11. März 2027, 17:00–19:30 Uhr".
TIME_RANGE_START_FORMAT = "H:i"
