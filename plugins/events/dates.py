"""Dates and times for residents in the page's language, through Babel (never the system
locale): "środa, 22 stycznia 2025 r., godz. 16.00–18.30", "середа, 22 січня 2025 р., 16:00–18:30".

No-break spaces keep "22 stycznia 2025 r." and "godz. 16.00" on one line.
"""

import functools
from datetime import datetime, timedelta

from babel.dates import format_date as _babel_format_date

NBSP = "\u00a0"

# What Babel's patterns leave to each language: the year's abbreviation after a date, and
# how an hour is written in running text.
_YEAR = {"pl": "r.", "uk": "р."}
_HOUR = {"pl": "godz.\u00a0{h}.{m:02d}", "uk": "{h}:{m:02d}"}
_HOUR_ONLY = {"pl": "{h}.{m:02d}", "uk": "{h}:{m:02d}"}


def format_date(moment, pattern, locale):
    """Babel's format_date, each (day, pattern, locale) formatted once per process: pages
    repeat the same dates (a series' days, the home page's cards, both languages)."""
    day = moment.date() if isinstance(moment, datetime) else moment  # Babel uses its day alone
    return _format_day(day, pattern, locale)


@functools.lru_cache(maxsize=8192)
def _format_day(day, pattern, locale):
    return _babel_format_date(day, pattern, locale=locale)


def _with_year(text, locale):
    year = _YEAR.get(locale)
    return text.replace(" ", NBSP) + (NBSP + year if year else "")


def date_text(moment, weekday=False, locale="pl"):
    """2025-01-22 -> "22 stycznia 2025 r." (or "środa, 22 stycznia 2025 r.": a narrow
    screen may break the line after the weekday's comma, never inside the date)."""
    day = _with_year(format_date(moment, "d MMMM y", locale=locale), locale)
    return f"{format_date(moment, 'EEEE', locale=locale)}, {day}" if weekday else day


def time_text(moment, locale="pl"):
    """16:00 -> "16.00" (Polish prose), "16:00" (Ukrainian)."""
    return _HOUR_ONLY.get(locale, "{h}:{m:02d}").format(h=moment.hour, m=moment.minute)


def _hour(moment, locale):
    return _HOUR.get(locale, "{h}:{m:02d}").format(h=moment.hour, m=moment.minute)


def datetime_text(moment, weekday=False, locale="pl"):
    """-> "20 stycznia 2025 r., godz. 14.00"; a date alone (all-day) -> "14 czerwca 2025 r."."""
    if not isinstance(moment, datetime):
        return date_text(moment, weekday, locale)
    return f"{date_text(moment, weekday, locale)}, {_hour(moment, locale)}"


def when_text(span, weekday=True, locale="pl"):
    """An event's (or an occurrence's) time span, from its `start` and `end`:
    "środa, 22 stycznia 2025 r., godz. 16.00–18.30"; all-day: "sobota, 14 czerwca 2025 r.",
    "sobota–niedziela, 14–15 czerwca 2025 r." (`end` is the last day)."""
    start, end = span.start, span.end
    if not isinstance(start, datetime):
        return _days(start, end, weekday, locale)
    if start.date() == end.date():
        return (f"{date_text(start, weekday, locale)}, {_hour(start, locale)}–"
                f"{time_text(end, locale)}")
    return f"{datetime_text(start, weekday, locale)}{NBSP}– {datetime_text(end, weekday, locale)}"


def _days(first, last, weekday, locale):
    """Whole days: "14–15 czerwca 2025 r.", "28 czerwca – 2 lipca 2025 r.", and across years
    "31 grudnia 2025 r. – 1 stycznia 2026 r."; Babel names the months."""
    if first == last:
        return date_text(first, weekday, locale)
    if first.year != last.year:  # the year's abbreviation after each year
        days = f"{date_text(first, locale=locale)}{NBSP}– {date_text(last, locale=locale)}"
    elif first.month != last.month:
        days = (format_date(first, "d MMMM", locale=locale).replace(" ", NBSP) + f"{NBSP}– "
                + date_text(last, locale=locale))
    else:
        days = f"{first.day}–{date_text(last, locale=locale)}"
    if not weekday:
        return days
    names = "–".join(format_date(day, "EEEE", locale=locale) for day in (first, last))
    return f"{names}, {days}"


def day_time_text(moment, locale="pl"):
    """-> "20 stycznia, godz. 14.00": a near moment, said the short way (state lines);
    a date alone (all-day) -> "14 czerwca"."""
    day = format_date(moment, "d MMMM", locale=locale).replace(" ", NBSP)
    if not isinstance(moment, datetime):
        return day
    return f"{day}, {_hour(moment, locale)}"


def deadline_text(moment, locale="pl"):
    """When RSVPs close, the short way: "20 stycznia, godz. 14.00"; at midnight the day
    before is the last one: "13 czerwca" (not "14 czerwca", read as that day included)."""
    if (moment.hour, moment.minute) == (0, 0):
        return day_time_text((moment - timedelta(minutes=1)).date(), locale)
    return day_time_text(moment, locale)


def plain(text):
    """Screen text -> plain text for e-mail subjects and calendars: no NBSP. Its input is
    already text (the model's title, text taken out of HTML): decoding entities again would
    turn an editor's literal "&raquo" into "»"."""
    return text.replace(NBSP, " ")


# The Polish forms by their old names, for the plugins' own Polish text.
pl_date, pl_time, pl_datetime, pl_when, pl_day_time = (
    date_text, time_text, datetime_text, when_text, day_time_text)
