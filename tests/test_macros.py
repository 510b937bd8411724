"""The theme's macros rendered on their own, with a real Event model and no site build, so a
template change is tested in milliseconds (the full-build tests stay next to these)."""

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader, StrictUndefined

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from events.model import parse_event  # noqa: E402
from events.plugin import FILTERS  # noqa: E402
from events.view import EventView  # noqa: E402
from polish_typography.polish_typography import polish_text  # noqa: E402
from translations.translations import install  # noqa: E402

WARSAW = ZoneInfo("Europe/Warsaw")
ENV = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")),
                  undefined=StrictUndefined, autoescape=False, extensions=["jinja2.ext.i18n"])
ENV.filters.update(FILTERS, typo=polish_text)
install(ENV)
METADATA = {
    "event-start": "2025-01-22 16:00", "event-end": "2025-01-22 18:30",
    "event-location": "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica",
    "event-rsvp-deadline": "2025-01-20 14:00",
    "event-contacts": ["Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281",
                       "p.kobak@gops.czernica.pl"],
}


def event(**changes):
    metadata = {**METADATA, **{k.replace("_", "-"): v for k, v in changes.items()}}
    return parse_event({k: v for k, v in metadata.items() if v is not None},
                       source="content/wydarzenia/x.md", slug="x", title="Spotkanie",
                       default_timezone="Europe/Warsaw", uid_domain="example.org")


# The build's clock in each phase of METADATA's event (RSVPs close on 20 January).
OPEN = datetime(2025, 1, 10, 12, tzinfo=WARSAW)
CLOSED = datetime(2025, 1, 21, 12, tzinfo=WARSAW)
PAST = datetime(2025, 2, 1, 12, tzinfo=WARSAW)


class Article:
    """The few attributes of a Pelican article that an event's view reads."""

    def __init__(self, event, title="Spotkanie", summary="<p>Zapraszamy.</p>", lang="pl"):
        self.event, self.title, self.summary, self.url = event, title, summary, "wydarzenia/x/"
        self.lang, self.translations, self.in_default_lang = lang, [], lang == "pl"


def view(e, now=OPEN, lang="pl"):
    """The view the events plugin gives templates of event `e` at `now` on a page in `lang`."""
    return EventView(Article(e), now, lang)


def render(macro, *args, lang="pl", **kwargs):
    """Call one macro of macros/events.html on a page in `lang`; returns the parsed HTML."""
    module = ENV.get_template("macros/events.html").make_module(
        {"page_lang": lang, "DEFAULT_LANG": "pl"})
    return BeautifulSoup(str(getattr(module, macro)(*args, **kwargs)), "lxml")


def words(html):
    return " ".join(html.get_text().replace("\u00a0", " ").split())


@pytest.mark.parametrize("changes, now, phase, expected", [
    ({}, OPEN, "open", ["Zapisy do 20 stycznia, godz. 14.00"]),
    ({"event_rsvp_deadline": None}, OPEN, "open", ["Zapisy do 22 stycznia, godz. 16.00"]),
    # A whole day: RSVPs close as it begins, so the day before is the last one.
    ({"event_rsvp_deadline": None, "event_start": "2025-06-14", "event_end": "2025-06-15"},
     OPEN, "open", ["Zapisy do 13 czerwca"]),
    ({"event_rsvp_deadline": "2025-01-21 00:00"}, OPEN, "open", ["Zapisy do 20 stycznia"]),
    ({}, CLOSED, "closed", ["Zgłoszenia zamknięte – zapytaj organizatorów: tel. 789 059 281"]),
    ({"event_contacts": ["a@b.pl"]}, CLOSED, "closed",
     ["Zgłoszenia zamknięte – zapytaj organizatorów"]),
    ({}, PAST, "past", ["Wydarzenie się odbyło"]),
    ({"event_status": "cancelled"}, OPEN, "cancelled", ["Odwołane"]),
    ({"event_status": "postponed"}, OPEN, "postponed",
     ["Przełożone – nowy termin podamy na tej stronie"]),
    ({"event_status": "rescheduled", "event_previous_start": "2025-01-15 16:00"}, CLOSED,
     "closed", ["Nowy termin: 22 stycznia 2025 r., godz. 16.00",
                "Zgłoszenia zamknięte – zapytaj organizatorów: tel. 789 059 281"]),
])
def test_state_line_says_one_thing_per_state(changes, now, phase, expected):
    shown = view(event(**changes), now)
    assert shown.phase == phase
    html = render("state_line", shown)
    assert [words(p) for p in html.select("p.state")] == expected


def test_a_closed_card_gives_the_phone_as_text_beside_its_one_link():
    html = render("state_line", view(event(), CLOSED), call=False)
    assert [words(p) for p in html.select("p.state")] == [
        "Zgłoszenia zamknięte – zapytaj organizatorów: tel. 789 059 281"]
    assert not html.select("a")
    assert html.select_one("span.tel").get_text() == "tel.\u00a0789\u00a0059\u00a0281" or \
        words(html.select_one("span.tel")) == "tel. 789 059 281"


@pytest.mark.parametrize("admission, shown", [
    ("free", "Wstęp wolny"),
    ("20 zł, płatne na miejscu", "Wstęp: 20 zł, płatne na miejscu"),
    ("<b>5 zł</b>", "Wstęp: <b>5 zł</b>"),  # editor text is text, never markup
])
def test_admission_is_shown_as_written_or_as_free(admission, shown):
    html = render("facts", view(event(event_admission=admission)), "Europe/Warsaw")
    assert words(html.select_one(".admission")) == shown
    assert not html.select(".admission b")


def test_no_admission_line_when_unknown():
    assert not render("facts", view(event()), "Europe/Warsaw").select(".admission")


def test_map_link_is_the_pin_or_a_search_for_the_address():
    pinned = event(event_geo="51.0873, 17.2452")
    (pin,) = render("facts", view(pinned), "Europe/Warsaw").select(".map-link")
    assert pin["href"] == "https://www.openstreetmap.org/?mlat=51.0873&mlon=17.2452#map=17/51.0873/17.2452"
    (search,) = render("facts", view(event()), "Europe/Warsaw").select(".map-link")
    assert search["href"] == ("https://www.openstreetmap.org/search?query=Budynek%20Urz%C4%99du"
                              "%20Gminy%20Czernica%2C%20ul.%20Kolejowa%203%2C%20Czernica")
    assert words(search) == "Mapa tego miejsca w OpenStreetMap"


def test_contacts_show_the_name_with_the_address():
    html = render("contact_list", view(event()))
    assert [words(li.select_one(".contact-line")) for li in html.select("li")] == [
        "Urząd Gminy Czernica – j.herok@czernica.pl", "p.kobak@gops.czernica.pl"]
    assert [a["href"] for a in html.select("a[href^=tel]")] == ["tel:+48789059281"]


@pytest.mark.parametrize("phase, status, now", [
    ("open", "scheduled", OPEN), ("closed", "scheduled", CLOSED), ("past", "scheduled", PAST),
    ("cancelled", "cancelled", OPEN), ("postponed", "postponed", OPEN)])
def test_only_an_open_event_has_the_primary_action(phase, status, now):
    shown = view(event(event_status=status), now)
    assert shown.phase == phase
    html = render("actions", shown, "../dane-osobowe/")
    primary = html.select(".primary-action a")
    assert len(primary) == (phase == "open")
    questions = [mail_fields(a["href"]) for a in html.select(".contact-list a[href^=mailto]")]
    assert [q["subject"] for q in questions] == ["Pytanie o: Spotkanie"] * 2  # in every phase
    if phase == "open":
        assert words(primary[0]) == "Zgłoś udział"
        assert mail_fields(primary[0]["href"])["subject"].startswith("Zgłoszenie udziału: ")


def mail_fields(href):
    """A mailto link's subject and body, decoded."""
    return {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}


@pytest.mark.parametrize("excepted, text", [
    (["2025-02-05"], "Nie odbędzie się: 5 lutego 2025 r."),
    (["2025-02-05", "2025-02-12"], "Nie odbędą się: 5 lutego 2025 r., 12 lutego 2025 r."),
])
def test_skipped_dates_are_said_in_singular_or_plural(excepted, text):
    series = event(event_rsvp_deadline=None, event_repeat="weekly",
                   event_repeat_until="2025-03-26", event_except=excepted)
    html = render("series_dates", view(series, datetime(2025, 1, 10, tzinfo=WARSAW)))
    assert words(html.select_one(".skipped")) == text


def test_venue_accessibility_has_its_own_section():
    html = render("venue_accessibility", event(event_accessibility=[
        "Wejście bez schodów od ul. Kolejowej.", "Toaleta dostosowana na parterze."]))
    (section,) = html.select("section.venue-access")
    assert words(section.h2) == "Dostępność miejsca"
    assert [words(p) for p in section.select("p")] == [
        "Wejście bez schodów od ul. Kolejowej.", "Toaleta dostosowana na parterze."]
    assert not render("venue_accessibility", event()).select("section")


@pytest.mark.parametrize("now, link", [
    (datetime(2025, 1, 10, 12, tzinfo=WARSAW), "Szczegóły i zapisy: Spotkanie"),
    (datetime(2025, 1, 21, 12, tzinfo=WARSAW), "Szczegóły: Spotkanie"),
    (datetime(2025, 2, 1, 12, tzinfo=WARSAW), "Szczegóły: Spotkanie"),
])
def test_event_card_has_date_title_place_state_lead_and_one_link(now, link):
    html = render("event_card", view(event(), now), "..")
    (card,) = html.select("li.card")
    assert words(card.select_one(".card-date")) == "środa, 22 stycznia 2025 r., godz. 16.00–18.30"
    assert words(card.select_one(".card-title")) == "Spotkanie"
    assert words(card.select_one(".card-place")) == METADATA["event-location"]
    assert card.select_one(".state") is not None
    assert words(card.select_one(".card-lead")) == "Zapraszamy."
    (a,) = card.select("a")
    assert (a["href"], words(a)) == ("../wydarzenia/x/", link)


def test_names_are_translated_where_the_catalogue_has_them_else_marked_polish():
    both = event(event_organizers=["Wójt Gminy Czernica", "Koło Gospodyń 100% & Spółka"])
    polish = render("organizers", both)
    assert [words(li) for li in polish.select("li")] == [
        "Wójt Gminy Czernica", "Koło Gospodyń 100% & Spółka"]
    assert not polish.select("li [lang]")
    ukrainian = render("organizers", both, lang="uk")
    first, second = ukrainian.select("li")
    assert words(first) == "Війт гміни Черніца (Wójt Gminy Czernica)" and not first.select("[lang]")
    assert second.select_one("span[lang=pl]").get_text() == "Koło Gospodyń 100% & Spółka"
