"""Dates and times for residents in the page's language, through Babel (never the system
locale): "środa, 22 stycznia 2025 r., godz. 16.00–18.30", "середа, 22 січня 2025 р., 16:00–18:30".

The patterns are CLDR's, as Babel has them for the language: the date (`long`), the day and
month (skeleton `MMMMd`), the hour (`short` time, without a leading zero in running text),
how a weekday joins a date (`full`) and how two days make a range (interval formats). Polish,
the site's own language, keeps what CLDR does not say: "r." after the year, "godz. 16.00".
Any language Babel knows gets its dates with no entry here.

No-break spaces keep "22 stycznia 2025 r." and "godz. 16.00" on one line (every space CLDR
puts in a date or an hour becomes one).
"""

import functools
import re
from datetime import datetime, time, timedelta

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_time as _babel_format_time

from editorial.quotes import educate_quotes, inner_quotes

NBSP = "\u00a0"
# Joins a range's dash to the day after it: "14–15 czerwca" never breaks after "14–".
WORD_JOINER = "\u2060"

# Polish prose, which CLDR's Polish patterns leave out: the year's abbreviation after a
# date, and an hour written "16.00", "godz. 16.00" (Babel patterns).
_OWN = {"pl": {"year": "r.", "hour": "'godz.'\u00a0H.mm", "time": "H.mm"}}
# The spaces CLDR puts in dates and hours (a narrow no-break space before "р.", thin
# spaces around a range's dash), and the dash between two days of a range.
_SPACES = re.compile("[ \u2009\u202f]")
_RANGE_DASH = re.compile("[ \u2009\u202f\u00a0]*\u2013[ \u2009\u202f\u00a0]*")


@functools.lru_cache(maxsize=32)
def _patterns(locale):
    """The language's patterns: CLDR's, then what `_OWN` says instead."""
    cldr = Locale.parse(locale)
    date, full = cldr.date_formats["long"].pattern, cldr.date_formats["full"].pattern
    hour = cldr.time_formats["short"].pattern.replace("HH", "H")  # "9:00": running text
    own = _OWN.get(locale, {})
    # The full date is the weekday, a joint and the long date ("EEEE, d MMMM y"); the joint
    # is ", " where CLDR's full date is made otherwise.
    joint = full[len("EEEE"):-len(date)] if full.startswith("EEEE") and full.endswith(date) \
        else ", "
    return {"date": date, "day": cldr.datetime_skeletons["MMMMd"].pattern,
            "hour": own.get("hour", hour), "time": own.get("time", hour),
            "year": own.get("year"), "weekday": joint, "range": _range_patterns(cldr)}


def _range_patterns(cldr):
    """CLDR's interval patterns for two days of a month and of a year: {"d": [from, to],
    "M": [from, to]}. Every locale has them for the abbreviated month (yMMMd), some for the
    full one (yMMMMd): the abbreviated month written out is the full one."""
    if "yMMMMd" in cldr.interval_formats:
        return dict(cldr.interval_formats["yMMMMd"])
    return {field: [re.sub(r"(?<!M)MMM(?!M)", "MMMM", part) for part in parts]
            for field, parts in cldr.interval_formats["yMMMd"].items()}


def format_date(moment, pattern, locale):
    """Babel's format_date, each (day, pattern, locale) formatted once per process: pages
    repeat the same dates (a series' days, the home page's cards, both languages)."""
    day = moment.date() if isinstance(moment, datetime) else moment  # Babel uses its day alone
    return _format_day(day, pattern, locale)


@functools.lru_cache(maxsize=8192)
def _format_day(day, pattern, locale):
    return _babel_format_date(day, pattern, locale=locale)


def _no_break(text):
    return _SPACES.sub(NBSP, text)


def _with_year(text, locale):
    year = _patterns(locale)["year"]
    return _no_break(text) + (NBSP + year if year else "")


def _clock(moment, kind, locale):
    """An hour in running text: "hour" opens it ("godz. 16.00"), "time" follows a dash."""
    return _format_clock(moment.hour, moment.minute, kind, locale)


@functools.lru_cache(maxsize=4096)
def _format_clock(hour, minute, kind, locale):
    return _no_break(_babel_format_time(time(hour, minute), _patterns(locale)[kind],
                                        locale=locale))


def date_text(moment, weekday=False, locale="pl"):
    """2025-01-22 -> "22 stycznia 2025 r." (or "środa, 22 stycznia 2025 r.": a narrow
    screen may break the line after the weekday's comma, never inside the date)."""
    day = _with_year(format_date(moment, _patterns(locale)["date"], locale=locale), locale)
    if not weekday:
        return day
    return f"{format_date(moment, 'EEEE', locale=locale)}{_patterns(locale)['weekday']}{day}"


def time_text(moment, locale="pl"):
    """16:00 -> "16.00" (Polish prose), "16:00" (Ukrainian), "4:00 PM" (English)."""
    return _clock(moment, "time", locale)


def _hour(moment, locale):
    return _clock(moment, "hour", locale)


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
        return days_text(start, end, weekday, locale)
    if start.date() == end.date():
        return (f"{date_text(start, weekday, locale)}, {_hour(start, locale)}–"
                f"{time_text(end, locale)}")
    return f"{datetime_text(start, weekday, locale)}{NBSP}– {datetime_text(end, weekday, locale)}"


# A one-day span's hours, "16.00–18.30" or "4:00 PM–6:30 PM": a line may break after the
# dash of a range, which would leave "16.00–" at a line's end.
_HOURS = re.compile(r"\d{1,2}[.:]\d\d(?:\s?[AP]M)?\u2013\d{1,2}[.:]\d\d(?:\s?[AP]M)?")


def when_html(span, weekday=True, locale="pl"):
    """when_text for a page: its hours in one piece that never breaks (a span, not a word
    joiner: the text stays the one calendars, mails and screen readers get)."""
    return _HOURS.sub(r'<span class="hours">\g<0></span>', when_text(span, weekday, locale))


def days_text(first, last, weekday=False, locale="pl"):
    """Whole days: "14–15 czerwca 2025 r.", "28 czerwca – 2 lipca 2025 r." (CLDR's interval
    patterns, the dash as in every range here), and across years the two dates in full:
    "31 grudnia 2025 r. – 1 stycznia 2026 r."; Babel names the months."""
    if first == last:
        return date_text(first, weekday, locale)
    if first.year != last.year:  # the year's abbreviation after each year
        days = f"{date_text(first, locale=locale)}{NBSP}– {date_text(last, locale=locale)}"
    else:
        start, end = _patterns(locale)["range"]["M" if first.month != last.month else "d"]
        days = _with_year(_RANGE_DASH.sub("\u2013", format_date(first, start, locale)
                                          + format_date(last, end, locale)), locale)
        days = days.replace("\u2013", f"{NBSP}– " if first.month != last.month
                            else "\u2013" + WORD_JOINER)
    if not weekday:
        return days
    names = "–".join(format_date(day, "EEEE", locale=locale) for day in (first, last))
    return f"{names}{_patterns(locale)['weekday']}{days}"


def day_time_text(moment, locale="pl"):
    """-> "20 stycznia, godz. 14.00": a near moment, said the short way (state lines);
    a date alone (all-day) -> "14 czerwca"."""
    day = _no_break(format_date(moment, _patterns(locale)["day"], locale=locale))
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
    """Screen text -> plain text for e-mail subjects and calendars: no NBSP, no word joiner.
    Its input is already text (the model's title, text taken out of HTML): decoding entities
    again would turn an editor's literal "&raquo" into "»"."""
    return text.replace(NBSP, " ").replace(WORD_JOINER, "")


def plain_title(title, locale="pl", quoted=False):
    """A title as plain text with the quotation marks of its language, as the page shows it
    ('"Czysta gmina" & …' -> '„Czysta gmina” & …'); `quoted`: to be put inside that
    language's quotes (a mail's „%(title)s”), its own quotes made the inner ones (»…«)."""
    text = plain(educate_quotes(title, locale))
    return inner_quotes(text, locale) if quoted else text


# The Polish forms by their old names, for the plugins' own Polish text.
pl_date, pl_time, pl_datetime, pl_when, pl_day_time = (
    date_text, time_text, datetime_text, when_text, day_time_text)
