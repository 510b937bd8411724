"""All-day, multi-day and recurring events through a real build: every .ics expanded with
recurring-ical-events and read with icalendar and vobject; lists show a series once."""

import calendar
import sys
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from hypothesis import assume, given, settings, strategies as st
from pelican import signals

from conftest import ROOT, build, copy_content, write_event

sys.path.insert(0, str(ROOT / "plugins"))
from events import ics  # noqa: E402
from editorial.messages import InvalidContent  # noqa: E402
from events.model import parse_event  # noqa: E402

WARSAW = ZoneInfo("Europe/Warsaw")
NOW = "2025-03-20 12:00"
UTC = timezone.utc


def weekdays(weekday, n, months, year=2025):
    """The n-th (-1: last) `weekday` of each month, by the standard library's calendar."""
    days = calendar.Calendar().itermonthdates
    return [[d for d in days(year, m) if d.month == m and d.weekday() == weekday][n]
            for m in months]


# slug -> (metadata, the dates it takes place on, worked out without our code)
SERIES = {
    "co-tydzien": (dict(event_start="2025-03-05 17:00", event_end="2025-03-05 19:00",
                        event_repeat="weekly", event_repeat_until="2025-04-30",
                        event_except="2025-04-02"),
                   [date(2025, 3, 5) + timedelta(weeks=w) for w in range(9) if w != 4]),
    "co-dwa-tygodnie": (dict(event_start="2025-03-06 10:00", event_end="2025-03-06 12:00",
                             event_repeat="biweekly", event_repeat_until="2025-05-29"),
                        [date(2025, 3, 6) + timedelta(weeks=w) for w in range(0, 13, 2)]),
    "pierwsza-sroda": (dict(event_start="2025-02-05 18:00", event_end="2025-02-05 20:00",
                            event_repeat="monthly", event_repeat_until="2025-12-31",
                            event_except=["2025-08-06", "2025-04-02"]),
                       [d for d in weekdays(2, 0, range(2, 13))
                        if d not in (date(2025, 8, 6), date(2025, 4, 2))]),
    "ostatni-czwartek": (dict(event_start="2025-01-30 16:00", event_end="2025-01-30 17:30",
                              event_repeat="monthly", event_repeat_until="2025-12-31"),
                         weekdays(3, -1, range(1, 13))),
    "festyn": (dict(event_start="2025-06-14", event_end="2025-06-14"), [date(2025, 6, 14)]),
    "dozynki": (dict(event_start="2025-08-30", event_end="2025-08-31"), [date(2025, 8, 30)]),
}
LOCAL_TIMES = {"co-tydzien": "17:00", "co-dwa-tygodnie": "10:00", "pierwsza-sroda": "18:00",
               "ostatni-czwartek": "16:00"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The real site with the series and all-day events; returns (output, build context)."""
    tmp = tmp_path_factory.mktemp("series")
    content = copy_content(tmp)
    for slug, (fields, _) in SERIES.items():
        write_event(content, slug, title=f"Wydarzenie {slug}", **fields)
    write_event(content, "odwolany-cykl", title="Odwołany cykl", event_status="cancelled",
                event_repeat="weekly", event_repeat_until="2025-04-30")
    write_event(content, "kawa", title='"Kawa & ciastka" – spotkanie')
    seen = {}

    def keep(generators):
        seen["context"] = generators[0].context

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        out = build(tmp / "output", content=content, EVENTS_NOW=NOW,
                    SITEURL="https://example.org/partnerstwo")
    finally:
        signals.all_generators_finalized.disconnect(keep)
    return out, seen["context"]


def ics_of(out, slug):
    return out / "wydarzenia" / slug / f"{slug}.ics"


def expanded(path):
    """Every occurrence of every VEVENT, by recurring-ical-events."""
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(recurring_ical_events.of(cal).all())


def day(value):
    return value.date() if isinstance(value, datetime) else value


@pytest.mark.parametrize("slug", SERIES)
def test_every_calendar_expands_to_the_dates_of_the_series(built, slug):
    out, context = built
    _, days = SERIES[slug]
    occurrences = expanded(ics_of(out, slug))
    assert [day(o.decoded("dtstart")) for o in occurrences] == days
    (article,) = [a for a in context["articles"] if a.slug == slug]
    assert [o.day for o in article.event.occurrences] == days  # the page's list of dates
    vcal = vobject.readOne(ics_of(out, slug).read_text(encoding="utf-8"))
    (vevent,) = vcal.vevent_list
    assert [day(d) for d in vevent.getrruleset() or [vevent.dtstart.value]] == days


@pytest.mark.parametrize("slug", LOCAL_TIMES)
def test_series_keep_their_local_hour_so_utc_moves_with_summer_time(built, slug):
    out, _ = built
    hour = int(LOCAL_TIMES[slug][:2])
    for path_reader in ("icalendar", "vobject"):
        if path_reader == "icalendar":
            starts = [o.decoded("dtstart") for o in expanded(ics_of(out, slug))]
        else:
            vevent = vobject.readOne(ics_of(out, slug).read_text(encoding="utf-8")).vevent
            starts = list(vevent.getrruleset())
        for start in starts:
            summer = date(2025, 3, 30) <= start.date() < date(2025, 10, 26)
            assert start.astimezone(UTC).hour == hour - (2 if summer else 1), (path_reader, start)


def test_rrule_until_and_exdate_as_rfc_5545_wants_them(built):
    out, _ = built
    events = {slug: icalendar.Calendar.from_ical(ics_of(out, slug).read_bytes()).walk("VEVENT")[0]
              for slug in SERIES}
    rules = {slug: event["rrule"].to_ical().decode() for slug, event in events.items()
             if "rrule" in event}
    assert rules == {
        "co-tydzien": "FREQ=WEEKLY;UNTIL=20250430T215959Z",  # the end of 30 April in Warsaw
        "co-dwa-tygodnie": "FREQ=WEEKLY;UNTIL=20250529T215959Z;INTERVAL=2",
        "pierwsza-sroda": "FREQ=MONTHLY;UNTIL=20251231T225959Z;BYDAY=1WE",
        "ostatni-czwartek": "FREQ=MONTHLY;UNTIL=20251231T225959Z;BYDAY=-1TH",
    }
    data = ics_of(out, "pierwsza-sroda").read_bytes().replace(b"\r\n ", b"")
    assert b"DTSTART;TZID=Europe/Warsaw:20250205T180000\r\n" in data
    assert b"EXDATE;TZID=Europe/Warsaw:20250402T180000,20250806T180000\r\n" in data
    assert [d.dt for d in events["co-tydzien"]["exdate"].dts] == [
        datetime(2025, 4, 2, 17, tzinfo=WARSAW)]


def test_all_day_events_have_date_values_and_an_exclusive_end(built):
    out, _ = built
    for slug, start, end in (("festyn", b"20250614", b"20250615"),
                             ("dozynki", b"20250830", b"20250901")):
        data = ics_of(out, slug).read_bytes()
        assert b"DTSTART;VALUE=DATE:" + start + b"\r\n" in data
        assert b"DTEND;VALUE=DATE:" + end + b"\r\n" in data
        vevent = vobject.readOne(data.decode("utf-8")).vevent
        assert (vevent.dtstart.value, vevent.dtend.value) == (
            date.fromisoformat(start.decode()), date.fromisoformat(end.decode()))
    (occurrence,) = expanded(ics_of(out, "dozynki"))
    assert (occurrence.decoded("dtstart"), occurrence.decoded("dtend")) == (
        date(2025, 8, 30), date(2025, 9, 1))


def test_one_vevent_per_series_in_the_feed(built):
    out, _ = built
    cal = icalendar.Calendar.from_ical((out / "kalendarz.ics").read_bytes())
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(SERIES) + 3  # + the seed, cancelled series, kawa
    feed_days = {}
    for occurrence in recurring_ical_events.of(cal).all():
        feed_days.setdefault(str(occurrence["uid"]).split("@")[0], []).append(
            day(occurrence.decoded("dtstart")))
    assert {slug: feed_days[slug] for slug in SERIES} == {s: d for s, (_, d) in SERIES.items()}


def test_vtimezone_has_yearly_rules_and_no_comment(built):
    out, _ = built
    for path in sorted(out.rglob("*.ics")):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        (tz,) = cal.walk("VTIMEZONE")
        assert "COMMENT" not in tz  # RFC 5545 allows it only in STANDARD/DAYLIGHT
        assert sorted(sub.name for sub in tz.subcomponents) == ["DAYLIGHT", "STANDARD"]
        assert {sub["rrule"].to_ical() for sub in tz.subcomponents} == {
            b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"}
        first = min(day(e.decoded("dtstart")) for e in cal.walk("VEVENT"))
        assert all(sub.decoded("dtstart").date() < first for sub in tz.subcomponents)


def test_cancelled_series_says_so_in_its_summary(built):
    out, _ = built
    (event,) = icalendar.Calendar.from_ical(ics_of(out, "odwolany-cykl").read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "ODWOŁANE: Odwołany cykl"
    assert str(event["status"]) == "CANCELLED" and "rrule" in event


def test_titles_are_plain_text_in_calendar_and_model(built):
    out, context = built
    (article,) = [a for a in context["articles"] if a.slug == "kawa"]
    assert "<span" in article.title  # what typogrify made of it for the page
    assert article.event.title == '"Kawa & ciastka" – spotkanie'
    (event,) = icalendar.Calendar.from_ical(ics_of(out, "kawa").read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "„Kawa & ciastka” – spotkanie"  # the page's quotes
    assert "„Kawa" in article.title


def test_lists_show_a_series_once_at_its_next_occurrence(built):
    _, context = built
    now = context["events_now"]
    upcoming = [a.slug for a in context["upcoming_events"]]
    assert len(upcoming) == len(set(upcoming))
    taking_place = [a for a in context["upcoming_events"] if a.event.status_meaning.takes_place]
    nexts = [a.event.next_occurrence(now).begins for a in taking_place]
    assert nexts == sorted(nexts)
    # 20 March 2025: the weekly series meets next on the 26th, the last Thursday on the 27th,
    # the biweekly on 3 April, the first Wednesday on 7 May (April's is excepted).
    order = [a.slug for a in taking_place]
    assert order == ["co-tydzien", "ostatni-czwartek", "co-dwa-tygodnie", "pierwsza-sroda",
                     "festyn", "dozynki"]
    assert upcoming[-1] == "odwolany-cykl"  # cancelled after the ones that take place
    past = [a.slug for a in context["past_events"]]
    assert "reaktywacja-partnerstwa-lokalnego" in past and "kawa" in past


@pytest.mark.parametrize("now, slug, expected", [
    ("2025-03-05 16:59", "co-tydzien", "2025-03-05T17:00:00+01:00"),
    ("2025-03-05 18:59", "co-tydzien", "2025-03-05T17:00:00+01:00"),  # running
    ("2025-03-05 19:00", "co-tydzien", "2025-03-12T17:00:00+01:00"),
    ("2025-03-30 12:00", "co-tydzien", "2025-04-09T17:00:00+02:00"),  # 2 April excepted
    ("2025-04-30 19:00", "co-tydzien", None),
    ("2025-06-15 23:59", "festyn", None),
    ("2025-06-14 23:59", "festyn", "2025-06-14"),
    ("2025-08-31 23:59", "dozynki", "2025-08-30"),
])
def test_next_date_at_several_clocks(built, now, slug, expected):
    _, context = built
    (article,) = [a for a in context["articles"] if a.slug == slug]
    moment = datetime.strptime(now, "%Y-%m-%d %H:%M").replace(tzinfo=WARSAW)
    coming = article.event.next_occurrence(moment)
    assert (coming and coming.start.isoformat()) == expected


def test_a_series_is_past_after_its_last_occurrence_ends(tmp_path):
    content = copy_content(tmp_path)
    write_event(content, "cykl", event_repeat="weekly", event_repeat_until="2025-03-19")
    seen = {}

    def keep(generators):
        seen["context"] = generators[0].context

    signals.all_generators_finalized.connect(keep, weak=False)
    try:
        build(tmp_path / "a", content=content, EVENTS_NOW="2025-03-19 18:59")
        running = [a.slug for a in seen["context"]["upcoming_events"]]
        build(tmp_path / "b", content=content, EVENTS_NOW="2025-03-19 19:00")
        over = [a.slug for a in seen["context"]["past_events"]]
    finally:
        signals.all_generators_finalized.disconnect(keep)
    assert "cykl" in running and "cykl" in over


def test_vobject_reads_summer_dates_of_later_years_right(tmp_path):
    """A fixed list of transitions (RDATE) is misread by vobject after its first year."""
    event = parse_event({"event-start": "2025-07-15 16:00", "event-end": "2025-07-15 18:00",
                         "event-location": "Czernica", "event-contacts": "a@b.pl",
                         "event-repeat": "monthly", "event-repeat-until": "2027-08-31"},
                        source="x", slug="lato", title="Lato", default_timezone="Europe/Warsaw",
                        uid_domain="example.org")
    data = ics.calendar([(event, "", None)]).decode("utf-8")
    starts = list(vobject.readOne(data).vevent.getrruleset())
    july = [s for s in starts if s.month == 7]
    assert [s.year for s in july] == [2025, 2026, 2027]
    assert {s.astimezone(UTC).hour for s in july} == {14}  # 16:00 CEST


def _series(first, start, end, repeat, until, excepted=()):
    metadata = {"event-start": start, "event-end": end, "event-location": "Czernica",
                "event-contacts": "a@b.pl", "event-repeat": repeat,
                "event-repeat-until": until.isoformat()}
    if excepted:
        metadata["event-except"] = [d.isoformat() for d in sorted(excepted)]
    return parse_event(metadata, source="x", slug="cykl", title="Cykl",
                       default_timezone="Europe/Warsaw", uid_domain="example.org")


def _instant(value):
    """Comparable across readers: UTC for a time, the date itself for an all-day value."""
    return value.astimezone(UTC) if isinstance(value, datetime) else value


@settings(max_examples=120, deadline=None)
@given(repeat=st.sampled_from(["weekly", "biweekly", "monthly"]),
       first=st.dates(date(2024, 1, 1), date(2027, 12, 31)),
       minutes=st.integers(0, 24 * 60 - 1), length=st.integers(15, 30 * 60),
       all_day=st.booleans(), days=st.integers(0, 3), span=st.integers(0, 800),
       picks=st.lists(st.integers(0, 10_000), max_size=6))
def test_the_pages_dates_equal_the_expanded_calendars(repeat, first, minutes, length, all_day,
                                                      days, span, picks):
    if all_day:
        start, end = first.isoformat(), (first + timedelta(days=days)).isoformat()
    else:
        begin = datetime.combine(first, datetime.min.time()) + timedelta(minutes=minutes)
        start, end = f"{begin:%Y-%m-%d %H:%M}", f"{begin + timedelta(minutes=length):%Y-%m-%d %H:%M}"
    until = first + timedelta(days=span)
    try:
        plain_series = _series(first, start, end, repeat, until)
    except InvalidContent:  # a start or end in the hour skipped in spring
        assume(False)
    rule_days = [o.day for o in plain_series.occurrences]
    excepted = {rule_days[i % len(rule_days)] for i in picks}
    assume(len(excepted) < len(rule_days))
    event = _series(first, start, end, repeat, until, excepted)
    data = ics.calendar([(event, "", None)])
    expected = [(_instant(o.start), _instant(o.end + timedelta(days=1) if o.all_day else o.end))
                for o in event.occurrences]
    cal = icalendar.Calendar.from_ical(data)
    assert [(_instant(o.decoded("dtstart")), _instant(o.decoded("dtend")))
            for o in recurring_ical_events.of(cal).all()] == expected
    vevent = vobject.readOne(data.decode("utf-8")).vevent
    vstarts = [s if not all_day else s.date() for s in vevent.getrruleset()]
    assert [_instant(s) for s in vstarts] == [start for start, _ in expected]
    # The page: the dates its list shows (all of them, from before the first) are the same.
    from test_macros import render, view
    shown = render("series_dates", view(event, datetime(2000, 1, 1, tzinfo=UTC)), limit=10**6)
    parse = date.fromisoformat if all_day else datetime.fromisoformat
    assert [_instant(parse(t["datetime"])) for t in shown.select("ul time")] == [
        start for start, _ in expected]


@pytest.mark.parametrize("start, end, weekday, text", [
    # "~": a word joiner after the dash of a day range: never "14–" at a line's end
    ("2025-06-14", "2025-06-15", True, "sobota–niedziela, 14–~15 czerwca 2025 r."),
    ("2025-06-14", "2025-06-15", False, "14–~15 czerwca 2025 r."),
    ("2025-06-14", "2025-06-14", True, "sobota, 14 czerwca 2025 r."),
    ("2025-06-28", "2025-07-02", True, "sobota–środa, 28 czerwca – 2 lipca 2025 r."),
    ("2025-12-31", "2026-01-01", False, "31 grudnia 2025 r. – 1 stycznia 2026 r."),
    ("2025-06-14 10:00", "2025-06-14 18:00", True, "sobota, 14 czerwca 2025 r., godz. 10.00–18.00"),
])
def test_pl_when_says_days_the_way_residents_do(start, end, weekday, text):
    from events.dates import pl_when
    event = parse_event({"event-start": start, "event-end": end, "event-location": "Czernica",
                         "event-contacts": "a@b.pl"}, source="x", slug="s", title="T",
                        default_timezone="Europe/Warsaw", uid_domain="example.org")
    shown = pl_when(event.first_occurrence, weekday)
    assert shown.replace("\u00a0", " ").replace("\u2060", "~") == text
    assert pl_when(event, weekday) == shown  # an Event reads as its first occurrence
    # A line may break after a comma or a dash, never inside a date.
    assert all(shown[i - 1] in ",–" for i, char in enumerate(shown) if char == " ")


# --- The pages of series and all-day events ---------------------------------------------

def page_of(out, slug):
    from conftest import soup
    return soup(out / "wydarzenia" / slug / "index.html")


def words(element):
    return " ".join(element.get_text().replace("\u00a0", " ").split())


def test_a_series_page_names_its_next_date_first(built):
    out, _ = built  # 20 March 2025, 12:00
    page = page_of(out, "co-tydzien")
    assert words(page.select_one(".event-head .state")) == "Zapisy do 26 marca, godz. 17.00"
    when = page.select_one(".facts dd")
    assert when.time["datetime"] == "2025-03-26T17:00:00+01:00"
    assert words(when.select_one(".series")) == "Spotkania co tydzień, do 30 kwietnia 2025 r."
    dates = page.select_one(".series-dates")
    # Past dates are not announced; 2 April is listed as not taking place.
    assert [t["datetime"][:10] for t in dates.select("ul time")] == [
        "2025-03-26", "2025-04-09", "2025-04-16", "2025-04-23", "2025-04-30"]
    assert words(dates.select_one(".skipped")) == "Nie odbędzie się: 2 kwietnia 2025 r."
    rsvp = page.select_one(".primary-action a")["href"]
    assert "26%20marca%202025" in rsvp  # the mail is for the next date


def test_a_long_series_lists_some_dates_then_the_rest_in_words(built):
    out, _ = built
    dates = page_of(out, "ostatni-czwartek").select_one(".series-dates")  # 10 dates to come
    assert [t["datetime"][:10] for t in dates.select("ul time")][::7] == ["2025-03-27", "2025-10-30"]
    assert len(dates.select("ul li")) == 8
    assert words(dates.select_one("ul + p")) == "i kolejne, raz w miesiącu, do 25 grudnia 2025 r."
    skipped = page_of(out, "pierwsza-sroda").select_one(".series-dates .skipped")
    assert words(skipped) == "Nie odbędą się: 2 kwietnia 2025 r., 6 sierpnia 2025 r."


def test_series_calendar_choices_say_what_each_adds(built):
    out, _ = built
    options = [words(li) for li in page_of(out, "co-tydzien").select(".calendar-options li")]
    assert options == [
        "iPhone, iPad, Mac, Outlook w komputerze i inne programy (plik kalendarza do otwarcia, "
        "wszystkie spotkania)",
        # 2 April is excepted: a Google link cannot skip it, so it adds the next date alone
        "Telefon z Androidem albo konto Google (Kalendarz Google) (tylko najbliższe spotkanie, "
        "26 marca, godz. 17.00)",
        "Konto Outlook.com lub Hotmail (tylko najbliższe spotkanie, 26 marca, godz. 17.00)",
        "Outlook w pracy lub szkole (Microsoft 365) (tylko najbliższe spotkanie, 26 marca, "
        "godz. 17.00)"]
    google = [a["href"] for a in page_of(out, "co-tydzien").select(".calendar-options a")][1]
    assert "recur=" not in google
    # No excepted date ahead: Google gets the whole series.
    options = [words(li) for li in page_of(out, "co-dwa-tygodnie").select(".calendar-options li")]
    assert options[1] == "Telefon z Androidem albo konto Google (Kalendarz Google, wszystkie spotkania)"
    google = [a["href"] for a in page_of(out, "co-dwa-tygodnie").select(".calendar-options a")][1]
    assert "recur=RRULE%3AFREQ%3DWEEKLY" in google


def test_all_day_pages_say_days_without_hours(built):
    import json
    out, _ = built
    page = page_of(out, "dozynki")
    assert words(page.select_one(".facts dd")) == "sobota–niedziela, 30–\u206031 sierpnia 2025 r."
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert (data["startDate"], data["endDate"]) == ("2025-08-30", "2025-08-31")


def test_home_and_list_cards_show_a_series_at_its_next_date(built):
    from conftest import soup
    out, _ = built
    def cards(listing):
        return {words(c.select_one(".card-title")): c for c in soup(out / listing).select(".card-event")}

    listed, home = cards("wydarzenia/index.html"), cards("index.html")
    weekly = listed["Wydarzenie co-tydzien"]
    assert weekly.select_one(".card-date time")["datetime"] == "2025-03-26T17:00:00+01:00"
    assert words(weekly.select_one(".card-series")) == "Spotkania co tydzień, do 30 kwietnia 2025 r."
    assert words(listed["Wydarzenie dozynki"].select_one(".card-date")) == \
        "sobota–niedziela, 30–\u206031 sierpnia 2025 r."
    # The home page: the next few (HOME_COMING_EVENTS) of the same cards, the weekly one too.
    assert "Wydarzenie co-tydzien" in home and set(home) < set(listed)
    for title, card in home.items():
        for part in (".card-date", ".card-series"):
            shown, full = card.select_one(part), listed[title].select_one(part)
            assert (shown and words(shown)) == (full and words(full)), (title, part)
