"""A zone's VTIMEZONE as most servers send it: the zone's current rule as RRULE-based
STANDARD and DAYLIGHT observances, so that readers which ignore lists of onsets (vobject,
through dateutil) still read every summer right.

The rule is the POSIX TZ string in the footer of the zone's TZif file (RFC 8536, section
3.3), e.g. "CET-1CEST,M3.5.0,M10.5.0/3". It is used only where it gives exactly the offset
changes the file itself lists for the years the events need; else (negative DST as
Europe/Dublin's, irregular changes as Africa/Casablanca's, onsets outside the day as
Asia/Jerusalem's 26:00) icalendar lists the transitions of those years.
"""

import os
import re
import struct
import zoneinfo
from datetime import date, datetime, timedelta
from importlib import resources

import icalendar

_EPOCH = datetime(1970, 1, 1)
_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # POSIX counts weekdays from Sunday
_TIME = r"[+-]?\d{1,3}(?::\d\d){0,2}"
_NAME = r"<([^>]+)>|([A-Za-z]{3,})"
_RULE = r"M(\d+)\.(\d)\.(\d)(?:/(" + _TIME + r"))?"
_POSIX = re.compile(rf"(?:{_NAME})({_TIME})(?:(?:{_NAME})({_TIME})?,{_RULE},{_RULE})?$")


def vtimezone(key, first_year, last_year):
    """The VTIMEZONE of zone `key` for events in [first_year, last_year], its observances
    from the year before (their onsets precede every event)."""
    first, last = date(first_year, 1, 1), date(last_year + 1, 1, 1)
    ruled = _ruled(key, first_year - 1, last_year)
    if ruled is not None:
        return ruled
    listed = icalendar.Timezone.from_tzid(key, first_date=first, last_date=last)
    del listed["COMMENT"]  # RFC 5545 allows COMMENT only in STANDARD/DAYLIGHT
    return listed


def _ruled(key, first_year, last_year):
    """The RRULE-based VTIMEZONE from `first_year` on, or None where the footer's rule is
    missing, beyond RRULE's reach or not what the file lists up to `last_year`."""
    try:
        footer, changes, initial = _read_tzif(_tzif(key))
    except (OSError, ValueError, struct.error):
        return None
    match = _POSIX.match(footer)
    if not match:
        return None
    std_name, std = match[1] or match[2], -_seconds(match[3])
    zone = icalendar.Timezone()
    zone.add("tzid", key)
    ruled = []  # (instant, offset before, offset after) of every change in these years
    if not (match[4] or match[5]):  # no DST: one observance
        zone.add_component(_observance(icalendar.TimezoneStandard, std_name,
                                       datetime(first_year, 1, 1), std, std))
    else:
        dst = -_seconds(match[6]) if match[6] else std + 3600
        if dst <= std:  # negative DST: STANDARD would be the summer
            return None
        for kind, name, rule, before, after in (
                (icalendar.TimezoneStandard, std_name, match.group(11, 12, 13, 14), dst, std),
                (icalendar.TimezoneDaylight, match[4] or match[5], match.group(7, 8, 9, 10),
                 std, dst)):
            month, week, weekday = (int(part) for part in rule[:3])
            at = _seconds(rule[3]) if rule[3] else 7200
            if not 0 <= at < 86400:  # the change falls on another day than the rule names
                return None
            observance = _observance(kind, name, _onset(first_year, month, week, weekday, at),
                                     before, after)
            observance.add("rrule", {"freq": "yearly", "bymonth": month,
                                     "byday": f"{-1 if week == 5 else week}{_DAYS[weekday]}"})
            zone.add_component(observance)
            ruled += [(_utc(_onset(year, month, week, weekday, at), before), before, after)
                      for year in range(first_year, last_year + 1)]
    ruled.sort()
    window = (_utc(datetime(first_year, 1, 1)), _utc(datetime(last_year + 1, 1, 1)))
    at_start = ruled[0][1] if ruled else std
    return zone if _agrees(ruled, at_start, changes, initial, *window) else None


def _agrees(ruled, at_start, changes, initial, start, end):
    """The rule's changes are the file's in [start, end) as far as the file lists them
    (after its last transition the footer is the zone, by definition), and both give the
    same offset at `start`."""
    if not changes or start > changes[-1][0]:
        return True
    listed = [change for change in changes if start <= change[0] < end]
    covered = [(instant, after) for instant, _, after in ruled
               if start <= instant < end and instant <= changes[-1][0]]
    before = [offset for instant, offset in changes if instant < start]
    return covered == listed and at_start == (before[-1] if before else initial)


def _observance(kind, name, onset, before, after):
    observance = kind()
    observance.add("dtstart", onset)
    observance.add("tzname", name)
    observance.add("tzoffsetfrom", timedelta(seconds=before))
    observance.add("tzoffsetto", timedelta(seconds=after))
    return observance


def _onset(year, month, week, weekday, at):
    """Local time of the Mm.w.d/at change in `year` (week 5: the month's last such day)."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.isoweekday() % 7) % 7 + 7 * (week - 1))
    while day.month != month:
        day -= timedelta(days=7)
    return datetime.combine(day, datetime.min.time()) + timedelta(seconds=at)


def _utc(local, offset=0):
    """Seconds since the epoch of a local time at `offset` seconds east of UTC."""
    return int((local - _EPOCH).total_seconds()) - offset


def _seconds(text):
    """POSIX "[+-]h[:mm[:ss]]" -> seconds."""
    sign = -1 if text.startswith("-") else 1
    h, m, s = ([int(part) for part in text.lstrip("+-").split(":")] + [0, 0])[:3]
    return sign * (h * 3600 + m * 60 + s)


def _tzif(key):
    """The zone's TZif file, from where zoneinfo itself finds it."""
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, key)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                return f.read()
    return resources.files("tzdata.zoneinfo").joinpath(*key.split("/")).read_bytes()


def _read_tzif(data):
    """TZif (version 2 or later) -> (footer, [(instant, offset)] where the offset changes,
    the offset before the first transition)."""
    if data[:4] != b"TZif" or data[4:5] < b"2":
        raise ValueError("no TZif version 2 data")
    isut, isstd, leap, count, types, chars = struct.unpack(">6l", data[20:44])
    body = 44 + count * 5 + types * 6 + chars + leap * 8 + isstd + isut  # the 32-bit part
    isut, isstd, leap, count, types, chars = struct.unpack(">6l", data[body + 20:body + 44])
    at = body + 44
    instants = struct.unpack(f">{count}q", data[at:at + 8 * count])
    indices = data[at + 8 * count:at + 9 * count]
    at += 9 * count
    offsets = [struct.unpack(">l", data[at + 6 * i:at + 6 * i + 4])[0] for i in range(types)]
    at += types * 6 + chars + leap * 12 + isstd + isut
    footer = data[at:].strip(b"\n").decode("ascii")
    changes, offset = [], offsets[0]
    for instant, index in zip(instants, indices):
        if offsets[index] != offset:  # a change of name or isdst alone changes no time
            offset = offsets[index]
            changes.append((instant, offset))
    return footer, changes, offsets[0]
