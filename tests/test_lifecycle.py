"""The event's life on the page, at every clock setting: open, closed, past, moved, cancelled."""

import posixpath
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest

from conftest import EVENT_PAGE, build, copy_content, soup, write_event

SEED_TITLE = "Reaktywacja Partnerstwa lokalnego w gminie Czernica"


def words(element):
    return " ".join(element.get_text().replace("\u00a0", " ").split())


def blocks(page):
    """What a parsed event page shows of the event's life (main content only)."""
    main = page.find("main")
    return {
        "state": [words(p) for p in main.select(".event-head .state")],
        "rsvp": bool(main.select(".primary-action a[href^=mailto]")),
        "other_date": "Poproś o inny termin" in words(main),
        "deadline": "Zapisy do" in words(main),
        "calendar": bool(main.select("details.calendar")),
        "contacts": bool(main.select(".contact-list a[href^=mailto]")),
        "phones": bool(main.select(".contact-list a[href^=tel]")),
        "archival": bool(main.select(".archival-note")),
    }


def expected(state, **shown):
    return {"state": state, **dict.fromkeys(["rsvp", "other_date", "deadline", "calendar",
                                             "archival"], False),
            "contacts": True, "phones": True, **shown}


OPEN = expected(["Zapisy do 20 stycznia, godz. 14.00"], rsvp=True, other_date=True,
                deadline=True, calendar=True)
CLOSED = expected(["Zgłoszenia zamknięte – zapytaj organizatorów: tel. 789 059 281"],
                  calendar=True)
PAST = expected(["Wydarzenie się odbyło"], archival=True)


@pytest.mark.parametrize("now, shown", [
    ("2025-01-10 12:00", OPEN),
    ("2025-01-20 13:59", OPEN),
    ("2025-01-20 14:00", CLOSED),
    ("2025-01-21 09:00", CLOSED),
    ("2025-01-22 18:29", CLOSED),
    ("2025-01-22 18:30", PAST),
    ("2025-02-01 12:00", PAST),
])
def test_event_page_at_each_clock(site_at, now, shown):
    assert blocks(soup(site_at(now) / EVENT_PAGE)) == shown


def test_closed_page_says_what_a_resident_can_still_do(site_at):
    actions = soup(site_at("2025-01-21 09:00") / EVENT_PAGE).select_one(".actions")
    assert words(actions.find("h2")) == "Chcesz przyjść? Zapytaj organizatorów"
    assert [a["href"] for a in actions.select("a[href^=tel]")] == ["tel:+48789059281",
                                                                    "tel:+48571226315"]
    subjects = [parse_qs(urlsplit(a["href"]).query)["subject"][0]
                for a in actions.select("a[href^=mailto]")]
    assert subjects == [f"Pytanie o: {SEED_TITLE}"] * 2  # questions, no RSVP form


def test_past_page_offers_no_deadline_rsvp_or_calendar(site_at):
    page = soup(site_at("2025-02-01 12:00") / EVENT_PAGE)
    main = words(page.find("main"))
    for gone in ("Zapisy do", "Zgłoś udział", "Dodaj do kalendarza", "Subskrybuj"):
        assert gone not in main, gone
    assert "nie są już aktualne" in words(page.select_one(".archival-note"))


def test_home_page_moves_the_event_to_past(site_at):
    upcoming = soup(site_at("2025-01-10 12:00") / "index.html")
    assert upcoming.select_one("main .card-event .card-title").get_text(strip=True).startswith(
        "Reaktywacja")
    assert not upcoming.find(id="minione")
    past = soup(site_at("2025-02-01 12:00") / "index.html")
    assert not past.select("main .card-event")
    (section,) = [s for s in past.select("main section") if s.find(id="minione")]
    assert "Reaktywacja Partnerstwa" in section.get_text()
    text = words(past.find("main"))
    assert "Teraz nie planujemy żadnego spotkania" in text
    assert "O partnerstwie" in text


def test_ics_stays_after_the_event(site_at):
    assert (site_at("2025-02-01 12:00") / EVENT_PAGE).with_name(
        "reaktywacja-partnerstwa-lokalnego.ics").is_file()


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("changed")
    content = copy_content(tmp)
    write_event(content, "odwolane", title="Odwołane spotkanie", event_status="cancelled")
    write_event(content, "przeniesione", title="Przeniesione spotkanie",
                event_status="rescheduled", event_previous_start=["2025-02-26 17:00"])
    write_event(content, "przelozone", title="Przełożone spotkanie", event_status="postponed")
    return build(tmp / "output", content=content, EVENTS_NOW="2025-01-10 12:00")


def test_cancelled_event(changed_site):
    page = soup(changed_site / "wydarzenia/odwolane/index.html")
    assert blocks(page) == expected(["Odwołane"], archival=True)
    actions = words(page.select_one(".actions"))
    assert "nie odbędzie się" in actions and "5 marca 2025 r., godz. 17.00" in actions
    cal = icalendar.Calendar.from_ical((changed_site / "wydarzenia/odwolane/odwolane.ics").read_bytes())
    assert str(cal.walk("VEVENT")[0]["status"]) == "CANCELLED"
    assert '"https://schema.org/EventCancelled"' in str(page.select_one("script"))


def test_rescheduled_event_shows_old_and_new_date(changed_site):
    page = soup(changed_site / "wydarzenia/przeniesione/index.html")
    assert blocks(page) == expected(
        ["Nowy termin: 5 marca 2025 r., godz. 17.00", "Zapisy do 5 marca, godz. 17.00"],
        rsvp=True, deadline=True, calendar=True)  # another date: only with Event-date-flexible
    when = page.select_one(".facts dd")
    assert [t["datetime"] for t in when.select("del time")] == ["2025-02-26T17:00:00+01:00"]
    assert when.select("time")[0]["datetime"] == "2025-03-05T17:00:00+01:00"
    assert '"previousStartDate": ["2025-02-26T17:00:00+01:00"]' in str(page.select_one("script"))


def test_postponed_event(changed_site):
    page = soup(changed_site / "wydarzenia/przelozone/index.html")
    assert blocks(page) == expected(["Przełożone – nowy termin podamy na tej stronie"])
    assert words(page.select_one(".facts dd")) == "Termin zostanie podany"


def test_home_lists_other_upcoming_events_with_their_state(changed_site):
    cards = {words(card.select_one(".card-title")): card for card in
             soup(changed_site / "index.html").select("main .card-event")}
    assert list(cards)[0] == "Reaktywacja Partnerstwa lokalnego w gminie Czernica"
    assert words(cards["Odwołane spotkanie"].select_one(".state")) == "Odwołane"
    assert words(cards["Przełożone spotkanie"].select_one(".card-date")) == "Termin zostanie podany"
    assert [words(a) for a in cards["Odwołane spotkanie"].select("a")] == [
        "Szczegóły: Odwołane spotkanie"]


@pytest.fixture(scope="module")
def varied_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("varied")
    content = copy_content(tmp)
    write_event(content, "odwolane-dawno", title="Dawno odwołane", event_status="cancelled",
                event_start="2024-11-05 17:00", event_end="2024-11-05 19:00")
    write_event(content, "dwudniowe", title="Dwudniowe warsztaty",
                event_start="2025-03-07 17:00", event_end="2025-03-08 13:00",
                event_organizers=["Stowarzyszenie RCWIP", "Urząd Gminy Czernica"],
                body="Zobacz [kontakt]({filename}/pages/kontakt.md).")
    write_event(content, "nowy-jork", title="Spotkanie online z Nowego Jorku",
                event_timezone="America/New_York", event_start="2025-04-01 12:00",
                event_end="2025-04-01 13:00")
    return build(tmp / "output", content=content, EVENTS_NOW="2025-01-10 12:00",
                 SITEURL="https://example.org/partnerstwo")


def test_a_past_cancelled_event_is_listed_with_the_past_ones(varied_site):
    for page in ("index.html", "wydarzenia/index.html"):
        html = soup(varied_site / page)
        assert "Dawno odwołane" not in words(html.select_one("main .cards"))
        (past,) = [s for s in html.select("main section") if s.find(id="minione")]
        assert "Dawno odwołane 5 listopada 2024 r. (odwołane), Czernica" in words(past)
        assert past.select_one(".past-meta del time")


def test_multi_day_event_and_organizers_on_the_page(varied_site):
    page = soup(varied_site / "wydarzenia/dwudniowe/index.html")
    facts = words(page.select_one(".facts"))
    assert "piątek, 7 marca 2025 r., godz. 17.00 – sobota, 8 marca 2025 r., godz. 13.00" in facts
    assert [li.get_text() for li in page.select(".organizers li")] == [
        "Stowarzyszenie RCWIP", "Urząd Gminy Czernica"]


def test_an_event_in_another_time_zone_names_it(varied_site):
    facts = soup(varied_site / "wydarzenia/nowy-jork/index.html").select_one(".facts").get_text(" ")
    assert "(czas America/New_York)" in facts


def test_links_in_the_calendar_description_are_absolute(varied_site):
    cal = icalendar.Calendar.from_ical((varied_site / "wydarzenia/dwudniowe/dwudniowe.ics").read_bytes())
    description = str(cal.walk("VEVENT")[0]["description"])
    assert "Zobacz kontakt (https://example.org/partnerstwo/kontakt/)." in description


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory):
    """More coming events than the home page lists (here HOME_COMING_EVENTS = 2)."""
    tmp = tmp_path_factory.mktemp("busy")
    content = copy_content(tmp)
    for day in (5, 12, 19):
        write_event(content, f"marzec-{day}", title=f"Spotkanie {day} marca",
                    event_start=f"2025-03-{day:02d} 17:00", event_end=f"2025-03-{day:02d} 19:00")
    return build(tmp / "output", content=content, EVENTS_NOW="2025-01-10 12:00",
                 HOME_COMING_EVENTS=2)


def target(page, href):
    """The output file a relative link of `page` opens."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    return path + "/index.html" if not path.endswith(".html") else path


@pytest.mark.parametrize("home, more", [("index.html", "Wszystkie najbliższe wydarzenia"),
                                        ("uk/index.html", "Усі найближчі події")])
def test_home_lists_the_next_coming_events_then_links_the_list(busy_site, home, more):
    page = soup(busy_site / home)
    shown = [target(home, card.select_one(".card-more a")["href"])
             for card in page.select("main .card-event")]
    listed = [target("wydarzenia/index.html", card.select_one(".card-more a")["href"])
              for card in soup(busy_site / "wydarzenia/index.html").select("main .card-event")]
    assert len(listed) == 4 and len(shown) == 2
    if home == "index.html":  # the Ukrainian page links the seed's translation instead
        assert shown == listed[:2]
    (link,) = [a for a in page.select("main a") if words(a) == more]
    assert target(home, link["href"]) == "wydarzenia/index.html"


def test_home_has_no_link_to_more_coming_events_when_all_fit(site_at):
    home = words(soup(site_at("2025-01-10 12:00") / "index.html").find("main"))
    assert "Wszystkie najbliższe wydarzenia" not in home
