"""When an event takes place: its occurrences, from our keys mapped onto one RFC 5545 rule.

python-dateutil's rrule does all the calendar arithmetic. This module only maps
Event-repeat / Event-repeat-until onto RRULE parts; the same parts go into the .ics
(RRULE) and the Google link (recur), so the page and every calendar expand one rule.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from itertools import islice

import icalendar
from dateutil.rrule import rrulestr

MAX_OCCURRENCES = 400  # about 8 years weekly: more than a calendar file should carry
REPEATS = {  # Event-repeat -> RRULE parts (monthly adds BYDAY from the first date)
    "weekly": {"FREQ": "WEEKLY"},
    "biweekly": {"FREQ": "WEEKLY", "INTERVAL": 2},
    "monthly": {"FREQ": "MONTHLY"},
}
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Occurrence:
    """One date of an event. All-day: `start`/`end` are dates, `end` the last day (inclusive);
    timed: aware datetimes. `begins`/`ends` are the instants the life cycle compares."""

    start: date | datetime
    end: date | datetime
    tz: tzinfo

    @property
    def all_day(self):
        return not isinstance(self.start, datetime)

    @property
    def day(self):
        """The series' date of this occurrence (what Event-except names)."""
        return day_of(self.start)

    @property
    def last_day(self):
        return day_of(self.end)

    @property
    def begins(self):
        return datetime.combine(self.start, time(), self.tz) if self.all_day else self.start

    @property
    def ends(self):
        """An all-day occurrence runs until the end of its last day in the event's zone."""
        if self.all_day:
            return datetime.combine(self.end + timedelta(days=1), time(), self.tz)
        return self.end


def day_of(moment):
    """The calendar day of a date or a datetime."""
    return moment.date() if isinstance(moment, datetime) else moment


def rule_parts(start, repeat, until):
    """RRULE parts for Event-repeat from `start` up to the day `until` (inclusive).

    monthly: the same weekday in the same week of the month as `start` (1st-4th);
    a first date on day 29-31 means the last such weekday (CONTENT-MODEL.md)."""
    parts = dict(REPEATS[repeat])
    if repeat == "monthly":
        week = (start.day - 1) // 7 + 1 if start.day <= 28 else -1
        parts["BYDAY"] = f"{week}{_WEEKDAYS[start.weekday()]}"
    if isinstance(start, datetime):  # RFC 5545: with a zoned DTSTART, UNTIL is in UTC
        parts["UNTIL"] = datetime.combine(until, time(23, 59, 59), start.tzinfo).astimezone(
            timezone.utc)
    else:
        parts["UNTIL"] = until
    return parts


def rrule_text(parts):
    """"FREQ=WEEKLY;UNTIL=20250625T215959Z;INTERVAL=2", as icalendar writes it."""
    return icalendar.vRecur(parts).to_ical().decode("ascii")


def rule_starts(start, parts, limit=MAX_OCCURRENCES + 1):
    """The rule's starts from `start` (dates for an all-day event), at most `limit`."""
    if not parts:
        return (start,)
    timed = isinstance(start, datetime)
    anchor = start if timed else datetime.combine(start, time())
    starts = islice(rrulestr(rrule_text(parts), dtstart=anchor), limit)
    return tuple(moment if timed else moment.date() for moment in starts)
