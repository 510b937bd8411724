"""The event's life on the page, at every clock setting: open, closed, past, moved, cancelled."""

import icalendar
import pytest

from conftest import EVENT_PAGE, build, copy_content, soup, write_event


def blocks(page):
    """Which life-cycle blocks a parsed event page shows (main content only)."""
    main = page.find("main")
    text = " ".join(main.get_text(" ").replace("\u00a0", " ").split())
    return {
        "rsvp_buttons": bool(main.select(".rsvp-contacts a[href^=mailto]")),
        "other_date": "Poproś o inny termin" in text,
        "closed": "Zgłoszenia zamknięte" in text,
        "past": "Wydarzenie się odbyło" in text,
        "cancelled": "Wydarzenie odwołane" in text,
        "rescheduled": "Zmiana terminu" in text,
        "postponed": "Termin zostanie podany" in text,
        "calendar": bool(main.select(".calendar")),
        "contacts": bool(main.select(".facts a[href^=mailto]")),
    }


def expected(**shown):
    return {**dict.fromkeys(["rsvp_buttons", "other_date", "closed", "past", "cancelled",
                             "rescheduled", "postponed", "calendar"], False),
            "contacts": True, **shown}


@pytest.mark.parametrize("now, shown", [
    ("2025-01-10 12:00", expected(rsvp_buttons=True, other_date=True, calendar=True)),
    ("2025-01-20 14:00", expected(closed=True, calendar=True)),
    ("2025-01-21 09:00", expected(closed=True, calendar=True)),
    ("2025-01-22 18:30", expected(past=True)),
    ("2025-02-01 12:00", expected(past=True)),
])
def test_event_page_at_each_clock(site_at, now, shown):
    assert blocks(soup(site_at(now) / EVENT_PAGE)) == shown


def test_deadline_is_stated_in_words_while_open(site):
    text = soup(site / EVENT_PAGE).select_one(".rsvp .deadline").get_text().replace("\u00a0", " ")
    assert text == "Prosimy o potwierdzenie udziału do 20 stycznia 2025 r., godz. 14.00."


def test_home_page_moves_the_event_to_past(site_at):
    upcoming = soup(site_at("2025-01-10 12:00") / "index.html")
    assert upcoming.select_one("main article.event h2").get_text(strip=True).startswith("Reaktywacja")
    assert not upcoming.find(id="minione")
    past = soup(site_at("2025-02-01 12:00") / "index.html")
    assert not past.select("main article.event")
    (section,) = [s for s in past.select("main section") if s.find(id="minione")]
    assert "Reaktywacja Partnerstwa" in section.get_text()
    text = past.find("main").get_text(" ").replace("\u00a0", " ")
    assert "Teraz nie planujemy żadnego spotkania" in text
    assert "O partnerstwie" in text and "j.herok@czernica.pl" in text


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
    assert blocks(page) == expected(cancelled=True)
    banner = page.select_one(".banner-cancelled").get_text(" ").replace("\u00a0", " ")
    assert "nie odbędzie się" in banner and "5 marca 2025 r., godz. 17.00" in banner
    cal = icalendar.Calendar.from_ical((changed_site / "wydarzenia/odwolane/odwolane.ics").read_bytes())
    assert str(cal.walk("VEVENT")[0]["status"]) == "CANCELLED"
    assert '"https://schema.org/EventCancelled"' in str(page.select_one("script"))


def test_rescheduled_event_shows_old_and_new_date(changed_site):
    page = soup(changed_site / "wydarzenia/przeniesione/index.html")
    assert blocks(page) == expected(rescheduled=True, rsvp_buttons=True, other_date=True,
                                    calendar=True)
    banner = page.select_one(".banner-moved")
    assert [t["datetime"] for t in banner.select("del time")] == ["2025-02-26T17:00:00+01:00"]
    assert banner.select("time")[-1]["datetime"] == "2025-03-05T17:00:00+01:00"
    assert '"previousStartDate": ["2025-02-26T17:00:00+01:00"]' in str(page.select_one("script"))


def test_postponed_event(changed_site):
    page = soup(changed_site / "wydarzenia/przelozone/index.html")
    assert blocks(page) == expected(postponed=True)


def test_home_lists_other_upcoming_events_with_their_state(changed_site):
    items = [li.get_text(" ").replace("\u00a0", " ") for li in
             soup(changed_site / "index.html").select("main .event-list li")]
    assert any("Odwołane spotkanie" in item and "odwołane" in item for item in items)
    assert any("Przełożone spotkanie" in item and "termin zostanie podany" in item for item in items)


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
    home = soup(varied_site / "index.html")
    assert home.select_one("main article.event h2").get_text(strip=True).startswith("Reaktywacja")
    (past,) = [s for s in home.select("main section") if s.find(id="minione")]
    assert "Dawno odwołane" in past.get_text() and "odwołane" in past.get_text()


def test_multi_day_event_and_organizers_on_the_page(varied_site):
    page = soup(varied_site / "wydarzenia/dwudniowe/index.html")
    facts = page.select_one(".facts").get_text(" ").replace("\u00a0", " ")
    assert "piątek, 7 marca 2025 r., godz. 17.00 – sobota, 8 marca 2025 r., godz. 13.00" in facts
    assert [li.get_text() for li in page.select(".facts .organizers li")] == [
        "Stowarzyszenie RCWIP", "Urząd Gminy Czernica"]


def test_an_event_in_another_time_zone_names_it(varied_site):
    facts = soup(varied_site / "wydarzenia/nowy-jork/index.html").select_one(".facts").get_text(" ")
    assert "(czas America/New_York)" in facts


def test_links_in_the_calendar_description_are_absolute(varied_site):
    cal = icalendar.Calendar.from_ical((varied_site / "wydarzenia/dwudniowe/dwudniowe.ics").read_bytes())
    description = str(cal.walk("VEVENT")[0]["description"])
    assert "Zobacz kontakt (https://example.org/partnerstwo/kontakt/)." in description
