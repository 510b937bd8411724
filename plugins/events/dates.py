"""Polish dates and times for residents, through Babel (never the system locale).

No-break spaces keep "22 stycznia 2025 r." and "godz. 16.00" on one line.
"""

import html

from babel.dates import format_date

NBSP = "\u00a0"


def pl_date(moment, weekday=False):
    """2025-01-22 -> "22 stycznia 2025 r." (or "środa, 22 stycznia 2025 r.")."""
    pattern = "EEEE, d MMMM y" if weekday else "d MMMM y"
    return format_date(moment, pattern, locale="pl").replace(" ", NBSP) + NBSP + "r."


def pl_time(moment):
    """16:00 -> "16.00", the Polish way of writing hours in prose."""
    return f"{moment.hour}.{moment.minute:02d}"


def pl_datetime(moment, weekday=False):
    """-> "20 stycznia 2025 r., godz. 14.00"."""
    return f"{pl_date(moment, weekday)}, godz.{NBSP}{pl_time(moment)}"


def pl_when(event, weekday=True):
    """An event's time span: "środa, 22 stycznia 2025 r., godz. 16.00–18.30"."""
    if event.start.date() == event.end.date():
        return f"{pl_date(event.start, weekday)}, godz.{NBSP}{pl_time(event.start)}–{pl_time(event.end)}"
    return f"{pl_datetime(event.start, weekday)}{NBSP}– {pl_datetime(event.end, weekday)}"


def plain(text):
    """Screen text -> plain text for e-mail subjects and calendars: no entities, no NBSP."""
    return html.unescape(text).replace(NBSP, " ")


def pl_day_time(moment):
    """-> "20 stycznia, godz. 14.00": a near moment, said the short way (state lines)."""
    day = format_date(moment, "d MMMM", locale="pl").replace(" ", NBSP)
    return f"{day}, godz.{NBSP}{pl_time(moment)}"
