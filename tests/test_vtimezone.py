"""VTIMEZONEs from the zone's TZif rule, read back by icalendar, vobject and
recurring-ical-events: every day of the years the events need has zoneinfo's UTC offset.

The calendars name the zone "Test/<zone>", which no reader knows, so each has to read the
VTIMEZONE itself instead of looking the name up in its own zone database."""

import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject

from conftest import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from events.vtimezone import vtimezone  # noqa: E402

YEARS = (2022, 2028)  # the benchmark corpus's years; the real site's are within them
RULED = ["Europe/Warsaw", "America/New_York", "Australia/Sydney", "Pacific/Auckland",
         "Australia/Lord_Howe"]  # north, south, a half-hour DST
WITHOUT_DST = ["Asia/Tokyo", "Asia/Kolkata", "America/Sao_Paulo"]  # Sao Paulo: none since 2019
# RRULE cannot say these rules (negative DST; onsets at 24:00 and 26:00): listed transitions.
LISTED = ["Europe/Dublin", "America/Santiago", "Asia/Jerusalem"]


def calendar(zone, years=YEARS):
    """A calendar with the zone's VTIMEZONE under a name no reader knows and an event at
    local noon on every day of `years`."""
    tzid = f"Test/{zone}"
    tz = vtimezone(zone, *years).to_ical().replace(f"TZID:{zone}\r\n".encode(),
                                                    f"TZID:{tzid}\r\n".encode())
    return (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + tz
            + b"BEGIN:VEVENT\r\nUID:noon@test\r\nDTSTAMP:20250101T000000Z\r\n"
            + f"DTSTART;TZID={tzid}:{years[0]}0101T120000\r\nDURATION:PT1H\r\n"
              f"RRULE:FREQ=DAILY;COUNT={every_day(years)[0]}\r\n".encode()
            + b"END:VEVENT\r\nEND:VCALENDAR\r\n")


def wrong_offsets(moments, zone):
    """The moments (aware, in the VTIMEZONE) whose UTC offset is not zoneinfo's."""
    zone = ZoneInfo(zone)
    return [m for m in moments if m.utcoffset() != m.replace(tzinfo=zone).utcoffset()]


def every_day(years=YEARS):
    days = (datetime(years[1] + 1, 1, 1) - datetime(years[0], 1, 1)).days
    return days, [datetime(years[0], 1, 1, 12, tzinfo=timezone.utc) + timedelta(days=n)
                  for n in range(days)]


def icalendar_offsets(data, zone):
    """Noon UTC of every day, in the VTIMEZONE as icalendar reads it: the offsets that
    differ from zoneinfo's."""
    (tz,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    reader, truth = tz.to_tz(lookup_tzid=False), ZoneInfo(zone)
    _, noons = every_day()
    return [n for n in noons if n.astimezone(reader).utcoffset() != n.astimezone(truth).utcoffset()]


def expanded(data):
    """Every occurrence's start, expanded by recurring-ical-events."""
    cal = icalendar.Calendar.from_ical(data)
    return [o.decoded("dtstart") for o in recurring_ical_events.of(cal).all()]


@pytest.mark.parametrize("zone", RULED + WITHOUT_DST)
def test_ruled_vtimezone_has_zoneinfos_offset_every_day_in_every_reader(zone):
    data = calendar(zone)
    (tz,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    assert "COMMENT" not in tz
    if zone in RULED:
        assert sorted(sub.name for sub in tz.subcomponents) == ["DAYLIGHT", "STANDARD"]
        assert all("RRULE" in sub for sub in tz.subcomponents)
    else:
        assert [sub.name for sub in tz.subcomponents] == ["STANDARD"]
    assert icalendar_offsets(data, zone) == []
    days, _ = every_day()
    occurrences = expanded(data)
    assert len(occurrences) == days and wrong_offsets(occurrences, zone) == []
    read = vobject.readOne(data.decode("utf-8")).vevent.getrruleset()
    occurrences = list(read)
    assert len(occurrences) == days and wrong_offsets(occurrences, zone) == []


@pytest.mark.parametrize("zone", LISTED)
def test_listed_vtimezone_has_zoneinfos_offset_every_day(zone):
    """icalendar's list of transitions; vobject (dateutil) reads only the first onset of
    an observance with RDATEs, which is why RRULEs are written wherever the rule allows."""
    data = calendar(zone)
    (tz,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    assert "COMMENT" not in tz and not any("RRULE" in sub for sub in tz.subcomponents)
    assert icalendar_offsets(data, zone) == []
    days, _ = every_day()
    occurrences = expanded(data)
    assert len(occurrences) == days and wrong_offsets(occurrences, zone) == []


def test_observances_begin_the_year_before_the_first_event():
    tz = vtimezone("Australia/Sydney", 2025, 2026)
    onsets = {sub.name: sub.decoded("dtstart") for sub in tz.subcomponents}
    assert onsets == {"STANDARD": datetime(2024, 4, 7, 3), "DAYLIGHT": datetime(2024, 10, 6, 2)}
    assert [str(sub["TZNAME"]) for sub in tz.subcomponents] == ["AEST", "AEDT"]


def test_numeric_zone_names_lose_the_posix_brackets():
    """The TZif rule writes "<-03>3"; TZNAME is "-03", as zoneinfo names it."""
    tz = vtimezone("America/Sao_Paulo", 2025, 2025)
    assert [str(sub["TZNAME"]) for sub in tz.subcomponents] == [
        datetime(2025, 6, 1, tzinfo=ZoneInfo("America/Sao_Paulo")).tzname()] == ["-03"]
