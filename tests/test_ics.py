"""The .ics files: parsed back with icalendar and with vobject (an independent reader)."""

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given, settings, strategies as st

from conftest import EVENT_ICS, ROOT, build, copy_content, write_event

sys.path.insert(0, str(ROOT / "plugins"))
from events import ics  # noqa: E402
from events.dates import plain_title  # noqa: E402
from events.model import Contact, Event  # noqa: E402

WARSAW = ZoneInfo("Europe/Warsaw")
PROD_URL = "https://example.org/partnerstwo"


def read_ics(path):
    data = Path(path).read_bytes()
    return data, icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def all_ics(folder):
    return sorted(Path(folder).rglob("*.ics"))


@pytest.fixture(scope="module")
def prod(site_at):
    return site_at("2025-01-10 12:00", conf="publishconf.py", SITEURL=PROD_URL)


@pytest.fixture(scope="module")
def lifecycle_site(tmp_path_factory):
    """Past, rescheduled, cancelled and postponed events next to the seed meeting."""
    tmp = tmp_path_factory.mktemp("lifecycle")
    content = copy_content(tmp)
    write_event(content, "minione", title="Minione spotkanie", event_start="2024-05-05 10:00",
                event_end="2024-05-05 12:00")
    write_event(content, "przeniesione", title="Przeniesione spotkanie",
                event_status="rescheduled", event_previous_start=["2025-02-20 17:00"],
                event_organizers=["Stowarzyszenie RCWIP, Wrocław"])
    write_event(content, "odwolane", title="Odwołane spotkanie", event_status="cancelled")
    write_event(content, "przelozone", title="Przełożone spotkanie", event_status="postponed",
                event_geo="51.0873, 17.2452")
    return build(tmp / "output", content=content, EVENTS_NOW="2025-01-10 12:00")


def test_seed_meeting_imports_as_22_january_16_to_18_30_in_warsaw(site):
    data, cal, vcal = read_ics(site / EVENT_ICS)
    (event,) = cal.walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2025, 1, 22, 16, 0, tzinfo=WARSAW)
    assert event.decoded("dtend") == datetime(2025, 1, 22, 18, 30, tzinfo=WARSAW)
    assert event["dtstart"].params["TZID"] == "Europe/Warsaw"
    assert "ul. Kolejowa 3" in str(event["location"])
    assert str(event["summary"]) == "Reaktywacja Partnerstwa lokalnego w gminie Czernica"
    assert vcal.vevent.dtstart.value.isoformat() == "2025-01-22T16:00:00+01:00"
    assert vcal.vevent.dtend.value.isoformat() == "2025-01-22T18:30:00+01:00"
    assert vcal.vevent.location.value == "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica"


def test_calendar_properties(site):
    _, cal, _ = read_ics(site / EVENT_ICS)
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]) == ics.PRODID
    assert str(cal["calscale"]) == "GREGORIAN"
    assert str(cal["method"]) == "PUBLISH"
    assert "NAME" not in cal  # a single-event file is not a feed
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Warsaw"]


def test_feed_has_every_event_with_feed_properties(lifecycle_site):
    data, cal, vcal = read_ics(lifecycle_site / "kalendarz.ics")
    assert str(cal["name"]) == str(cal["x-wr-calname"]) == "Partnerstwo lokalne w gminie Czernica – wydarzenia"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in data
    assert b"X-PUBLISHED-TTL:PT12H\r\n" in data
    summaries = sorted(str(e["summary"]) for e in cal.walk("VEVENT"))
    assert summaries == sorted(["Minione spotkanie", "Przeniesione spotkanie",
                                "ODWOŁANE: Odwołane spotkanie",
                                "Przełożone spotkanie",
                                "Reaktywacja Partnerstwa lokalnego w gminie Czernica"])
    assert len(vcal.vevent_list) == 5


def test_vtimezone_is_the_yearly_rule_from_before_the_first_event(lifecycle_site):
    _, cal, _ = read_ics(lifecycle_site / "kalendarz.ics")
    (tz,) = cal.walk("VTIMEZONE")
    assert "COMMENT" not in tz  # RFC 5545 allows COMMENT only in STANDARD/DAYLIGHT
    onsets = {sub.name: sub.decoded("dtstart") for sub in tz.subcomponents}
    assert set(onsets) == {"STANDARD", "DAYLIGHT"}
    assert all("rrule" in sub for sub in tz.subcomponents)
    assert max(onsets.values()) < datetime(2024, 5, 5)  # the earliest event
    assert min(onsets.values()).year == 2023  # not decades of transitions nobody needs


@pytest.mark.parametrize("zone", ["Europe/Dublin", "Africa/Casablanca"])
def test_zones_without_a_yearly_rule_get_their_transitions_listed(zone):
    """RRULEs cannot say negative DST (Dublin) or irregular changes (Casablanca): those
    zones fall back to icalendar's transitions, still without a COMMENT."""
    tz = ics.vtimezone(zone, 2025, 2025)
    assert "COMMENT" not in tz and not any("rrule" in sub for sub in tz.subcomponents)
    summer = datetime(2025, 7, 15, 12, tzinfo=timezone.utc)
    assert summer.astimezone(tz.to_tz(lookup_tzid=False)).utcoffset() == \
        summer.astimezone(ZoneInfo(zone)).utcoffset()


def test_every_file_is_crlf_folded_at_75_octets_utf8_and_read_by_both_readers(lifecycle_site, prod):
    files = all_ics(lifecycle_site) + all_ics(prod)
    assert len(files) >= 7
    for path in files:
        data, cal, vcal = read_ics(path)
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # no line splits a character
        assert cal.walk("VEVENT") and vcal.vevent


def test_vevent_properties(lifecycle_site):
    _, cal, _ = read_ics(lifecycle_site / "kalendarz.ics")
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    seed = events["Reaktywacja Partnerstwa lokalnego w gminie Czernica"]
    for event in events.values():
        assert event["dtstamp"].to_ical().endswith(b"Z")
        assert event["last-modified"].to_ical().endswith(b"Z")
        assert str(event["uid"]).endswith("@partnerstwo.czernica.pl")
    assert str(seed["organizer"]) == "mailto:j.herok@czernica.pl"
    assert seed["organizer"].params["CN"] == "Urząd Gminy Czernica"  # the first contact's name
    assert str(seed["status"]) == "CONFIRMED" and seed.decoded("sequence") == 0
    assert str(events["ODWOŁANE: Odwołane spotkanie"]["status"]) == "CANCELLED"
    assert str(events["Przełożone spotkanie"]["status"]) == "TENTATIVE"
    assert events["Przełożone spotkanie"].decoded("geo") == (51.0873, 17.2452)
    assert events["Przeniesione spotkanie"].decoded("sequence") == 3
    assert events["ODWOŁANE: Odwołane spotkanie"].decoded("sequence") == 2


def test_organizer_name_with_comma_is_quoted(lifecycle_site):
    data = (lifecycle_site / "kalendarz.ics").read_bytes().replace(b"\r\n ", b"")
    assert 'ORGANIZER;CN="Stowarzyszenie RCWIP, Wrocław":mailto:j.herok@czernica.pl'.encode() in data


def test_description_is_plain_text_with_links_and_rsvp(site):
    _, cal, vcal = read_ics(site / EVENT_ICS)
    description = str(cal.walk("VEVENT")[0]["description"])
    assert vcal.vevent.description.value == description
    assert "Sandra Kmieciak" in description
    assert description.endswith(
        "\n\nWstęp wolny.\n\nZgłoszenia do 20 stycznia 2025 r., godz. 14.00: Urząd Gminy Czernica – "
        "j.herok@czernica.pl, tel. 789 059 281; Gminny Ośrodek Pomocy Społecznej w Czernicy – "
        "p.kobak@gops.czernica.pl, tel. 571 226 315")
    for markup in ("<", "&nbsp;", "&amp;", "**", "\\-", "\u00a0", "## "):
        assert markup not in description, markup
    assert "\n- wzajemne informowanie" in description


def test_url_is_absolute_in_production_and_uid_is_the_same_in_dev(site, prod):
    _, dev_cal, _ = read_ics(site / EVENT_ICS)
    _, prod_cal, _ = read_ics(prod / EVENT_ICS)
    dev_event, prod_event = dev_cal.walk("VEVENT")[0], prod_cal.walk("VEVENT")[0]
    assert str(prod_event["url"]) == f"{PROD_URL}/wydarzenia/reaktywacja-partnerstwa-lokalnego/"
    assert str(dev_event["uid"]) == str(prod_event["uid"]) == \
        "reaktywacja-partnerstwa-lokalnego@partnerstwo.czernica.pl"


def test_builds_are_reproducible(site, tmp_path):
    """A separate process, so nothing cached in this one can make the files equal."""
    subprocess.run([sys.executable, "-m", "pelican", str(ROOT / "content"), "-o",
                    str(tmp_path / "again"), "-s", str(ROOT / "pelicanconf.py"), "--ignore-cache",
                    "-e", 'EVENTS_NOW="2025-02-01 12:00"', f'CACHE_PATH="{tmp_path / "cache"}"'],
                   check=True, capture_output=True)
    for ics_file in (EVENT_ICS, "kalendarz.ics"):
        assert (tmp_path / "again" / ics_file).read_bytes() == (site / ics_file).read_bytes()


def test_reschedule_and_cancel_raise_sequence_and_keep_uid(tmp_path):
    content = copy_content(tmp_path)
    seen = []
    for step, fields in enumerate([
        {},
        {"event_status": "rescheduled", "event_previous_start": ["2025-03-05 17:00"],
         "event_start": "2025-03-12 17:00", "event_end": "2025-03-12 19:00"},
        {"event_status": "cancelled", "event_previous_start": ["2025-03-05 17:00"],
         "event_start": "2025-03-12 17:00", "event_end": "2025-03-12 19:00"},
    ]):
        write_event(content, "zmiany", **fields)
        out = build(tmp_path / f"out{step}", content=content, EVENTS_NOW="2025-01-10 12:00")
        _, cal, _ = read_ics(out / "wydarzenia/zmiany/zmiany.ics")
        event = cal.walk("VEVENT")[0]
        seen.append((str(event["uid"]), event.decoded("sequence"), str(event["status"])))
    assert len({uid for uid, _, _ in seen}) == 1
    assert [s for _, s, _ in seen] == sorted({s for _, s, _ in seen})
    assert seen[-1][2] == "CANCELLED"


ics_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300)


@settings(max_examples=150, deadline=None)
@given(title=ics_text, description=st.text(max_size=600), location=ics_text)
def test_any_unicode_text_folds_and_round_trips(title, description, location):
    event = Event(slug="x", title=title, location=location,
                  start=datetime(2025, 3, 30, 1, 30, tzinfo=WARSAW),
                  end=datetime(2025, 3, 30, 3, 30, tzinfo=WARSAW),
                  contacts=(Contact("a@b.pl", None),), uid_domain="example.org")
    data = ics.calendar([(event, description, None)])
    for line in data.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")
    parsed = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    # the model holds plain text; written with the quotes the page shows
    assert str(parsed["summary"]) == plain_title(title)
    assert str(parsed["location"]) == location
    expected = description.replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    assert str(parsed["description"]).replace("\r\n", "\n") == expected


def test_a_site_without_events_still_has_a_valid_empty_feed(tmp_path):
    content = copy_content(tmp_path)
    for event_file in (content / "wydarzenia").glob("*.md"):  # the event and its translations
        event_file.unlink()
    out = build(tmp_path / "output", content=content)
    data, cal, _ = read_ics(out / "kalendarz.ics")
    assert cal.walk("VEVENT") == [] and str(cal["x-wr-calname"])
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Warsaw"]  # >= 1 component
    assert "Teraz nie planujemy" in (out / "index.html").read_text(encoding="utf-8")
