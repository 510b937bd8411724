"""Prototype for phase 2 of issue 14: RRULE-based VTIMEZONEs without the `ical` library.

    .venv/bin/python benchmarks/vtimezone_prototype.py

plugins/events/ics.py imports `ical` (and with it pydantic) only to write a zone's current
rule as RRULE-based STANDARD/DAYLIGHT observances, then checks the result against zoneinfo
day by day. The zone's TZif file already holds that rule: its footer is a POSIX TZ string
("CET-1CEST,M3.5.0,M10.5.0/3"). `ruled_vtimezone` below writes the VTIMEZONE from the
footer and accepts it only where the rule yields exactly the transitions the file lists for
the years the events need (so no day-by-day check), else returns None (ics.py would then
list the transitions with icalendar, as it does today for such zones).

Prints what `ical` costs a process (import time, memory), what today's vtimezone() costs,
what the prototype costs, and how many (zone, years) give byte-identical VTIMEZONEs;
nothing in plugins/ is changed.
"""

import os
import re
import resource
import struct
import subprocess
import sys
import time
import zoneinfo
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

import icalendar

ROOT = Path(__file__).resolve().parent.parent
EPOCH = datetime(1970, 1, 1)
DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]
_TIME = r"[+-]?\d{1,2}(?::\d\d){0,2}"
_NAME = r"<[^>]+>|[A-Za-z]{3,}"
_RULE = r"M(\d+)\.(\d)\.(\d)(?:/(\d{1,2}(?::\d\d){0,2}))?"
_POSIX = re.compile(rf"({_NAME})({_TIME})(?:({_NAME})({_TIME})?,{_RULE},{_RULE})?$")


def tzif(key):
    """The zone's TZif file, where zoneinfo itself finds it."""
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, key)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                return f.read()
    return resources.files("tzdata.zoneinfo").joinpath(*key.split("/")).read_bytes()


def footer_and_transitions(data):
    """(POSIX TZ footer, transition instants of the 64-bit body, UTC seconds)."""
    def counts(at):  # isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
        return struct.unpack(">6l", data[at + 20:at + 44])
    isut, isstd, leap, timecnt, typecnt, charcnt = counts(0)
    v2 = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    timecnt = counts(v2)[3]
    times = struct.unpack(f">{timecnt}q", data[v2 + 44:v2 + 44 + 8 * timecnt])
    return data.rstrip(b"\n").rsplit(b"\n", 1)[1].decode("ascii"), times


def seconds(text):
    sign = -1 if text.startswith("-") else 1
    h, m, s = ([int(p) for p in text.lstrip("+-").split(":")] + [0, 0])[:3]
    return sign * (h * 3600 + m * 60 + s)


def onset(year, month, week, weekday, at):
    """Local time of a Mm.w.d/at transition in `year` (week 5 = the last one)."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.isoweekday() % 7) % 7 + 7 * (week - 1))
    while day.month != month:
        day -= timedelta(days=7)
    return datetime.combine(day, datetime.min.time()) + timedelta(seconds=at)


def ruled_vtimezone(key, first_year, last_year):
    """RRULE-based VTIMEZONE with observances from first_year - 1, or None."""
    posix, listed = footer_and_transitions(tzif(key))
    match = _POSIX.match(posix)
    if not match:
        return None
    start, end = datetime(first_year - 1, 1, 1), datetime(last_year + 1, 1, 1)
    listed = sorted(t for t in listed
                    if (start - EPOCH).total_seconds() <= t < (end - EPOCH).total_seconds())
    std_name, std_off, dst_name, dst_off = match.group(1, 2, 3, 4)
    std = timedelta(seconds=-seconds(std_off))
    zone = icalendar.Timezone()
    zone.add("tzid", key)
    if not dst_name:  # no DST: one observance, valid only if nothing changes in these years
        observance = icalendar.TimezoneStandard()
        for name, value in (("dtstart", start), ("tzname", std_name), ("tzoffsetfrom", std),
                            ("tzoffsetto", std)):
            observance.add(name, value)
        zone.add_component(observance)
        return None if listed else zone
    dst = timedelta(seconds=-seconds(dst_off)) if dst_off else std + timedelta(hours=1)
    if dst <= std:  # negative DST (Europe/Dublin): left to the listed form
        return None
    ruled = []
    for kind, name, (month, week, weekday, at), before, after in (
            (icalendar.TimezoneStandard, std_name, match.group(9, 10, 11, 12), dst, std),
            (icalendar.TimezoneDaylight, dst_name, match.group(5, 6, 7, 8), std, dst)):
        month, week, weekday = int(month), int(week), int(weekday)
        at = seconds(at) if at else 7200
        if not 0 <= at < 86400:
            return None
        ruled += [(onset(year, month, week, weekday, at) - before - EPOCH).total_seconds()
                  for year in range(first_year - 1, last_year + 1)]
        observance = kind()
        observance.add("dtstart", onset(first_year - 1, month, week, weekday, at))
        observance.add("rrule", {"freq": "yearly", "bymonth": month,
                                 "byday": f"{-1 if week == 5 else week}{DAYS[weekday]}"})
        observance.add("tzname", name)
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        zone.add_component(observance)
    return zone if sorted(ruled) == listed else None


def listed_vtimezone(key, first_year, last_year):
    zone = icalendar.Timezone.from_tzid(key, first_date=date(first_year, 1, 1),
                                        last_date=date(last_year + 1, 1, 1))
    del zone["COMMENT"]
    return zone


def cost_of_ical():
    code = ("import resource, time; t = time.process_time(); {}; "
            "print(time.process_time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    rows = {}
    for name, imports in (("icalendar", "import icalendar"),
                          ("icalendar + ical", "import icalendar, ical.calendar, "
                           "ical.calendar_stream, ical.timezone")):
        out = subprocess.run([sys.executable, "-c", code.format(imports)], capture_output=True,
                             text=True, check=True).stdout.split()
        rows[name] = (float(out[0]), int(out[1]) / 1024)
    return rows


def main():
    sys.path.insert(0, str(ROOT / "plugins"))
    for name, (cpu, rss) in cost_of_ical().items():
        print(f"import {name:18s} {cpu:.3f} s CPU, peak RSS {rss:.0f} MiB")
    from events import ics
    t = time.process_time()
    ics.vtimezone("Europe/Warsaw", 2022, 2028)
    print(f"ics.vtimezone('Europe/Warsaw', 2022, 2028) today: {time.process_time() - t:.3f} s CPU")
    t = time.process_time()
    for _ in range(100):
        ruled_vtimezone("Europe/Warsaw", 2022, 2028)
    print(f"ruled_vtimezone, same zone and years:      {(time.process_time() - t) * 10:.2f} ms CPU")
    same, differ = 0, []
    for key in sorted(zoneinfo.available_timezones()):
        for years in ((2022, 2028), (2025, 2025)):
            try:
                today = ics.vtimezone(key, *years).to_ical()
            except Exception:  # noqa: BLE001 - zones today's code cannot write either
                continue
            mine = ruled_vtimezone(key, *years) or listed_vtimezone(key, *years)
            if mine.to_ical() == today:
                same += 1
            else:
                differ.append(f"{key} {years[0]}-{years[1]}")
    print(f"(zone, years) byte-identical to today's VTIMEZONE: {same}; different: {len(differ)}")
    print("  " + ", ".join(differ))


if __name__ == "__main__":
    main()
