"""Polish dates and times for residents, through Babel (never the system locale).

No-break spaces keep "22 stycznia 2025 r." and "godz. 16.00" on one line.
"""

from datetime import datetime

from babel.dates import format_date, format_interval

NBSP = "\u00a0"


def pl_date(moment, weekday=False):
    """2025-01-22 -> "22 stycznia 2025 r." (or "środa, 22 stycznia 2025 r.": a narrow
    screen may break the line after the weekday's comma, never inside the date)."""
    day = format_date(moment, "d MMMM y", locale="pl").replace(" ", NBSP) + NBSP + "r."
    return f"{format_date(moment, 'EEEE', locale='pl')}, {day}" if weekday else day


def pl_time(moment):
    """16:00 -> "16.00", the Polish way of writing hours in prose."""
    return f"{moment.hour}.{moment.minute:02d}"


def pl_datetime(moment, weekday=False):
    """-> "20 stycznia 2025 r., godz. 14.00"; a date alone (all-day) -> "14 czerwca 2025 r."."""
    if not isinstance(moment, datetime):
        return pl_date(moment, weekday)
    return f"{pl_date(moment, weekday)}, godz.{NBSP}{pl_time(moment)}"


def pl_when(span, weekday=True):
    """An event's (or an occurrence's) time span, from its `start` and `end`:
    "środa, 22 stycznia 2025 r., godz. 16.00–18.30"; all-day: "sobota, 14 czerwca 2025 r.",
    "sobota–niedziela, 14–15 czerwca 2025 r." (`end` is the last day)."""
    start, end = span.start, span.end
    if not isinstance(start, datetime):
        return _pl_days(start, end, weekday)
    if start.date() == end.date():
        return f"{pl_date(start, weekday)}, godz.{NBSP}{pl_time(start)}–{pl_time(end)}"
    return f"{pl_datetime(start, weekday)}{NBSP}– {pl_datetime(end, weekday)}"


def _pl_days(first, last, weekday):
    """Whole days: Babel's interval ("14–15 czerwca 2025", "28 czerwca – 2 lipca 2025")."""
    if first == last:
        return pl_date(first, weekday)
    if first.year != last.year:  # "r." after each year
        days = f"{pl_date(first)}{NBSP}– {pl_date(last)}"
    else:
        days = format_interval(first, last, "yMMMMd", locale="pl")
        days = days.replace(" ", NBSP).replace("\u2009–\u2009", f"{NBSP}– ") + NBSP + "r."
    if not weekday:
        return days
    names = "–".join(format_date(day, "EEEE", locale="pl") for day in (first, last))
    return f"{names}, {days}"


def plain(text):
    """Screen text -> plain text for e-mail subjects and calendars: no NBSP. Its input is
    already text (the model's title, text taken out of HTML): decoding entities again would
    turn an editor's literal "&raquo" into "»"."""
    return text.replace(NBSP, " ")


def pl_day_time(moment):
    """-> "20 stycznia, godz. 14.00": a near moment, said the short way (state lines);
    a date alone (all-day) -> "14 czerwca"."""
    day = format_date(moment, "d MMMM", locale="pl").replace(" ", NBSP)
    if not isinstance(moment, datetime):
        return day
    return f"{day}, godz.{NBSP}{pl_time(moment)}"
