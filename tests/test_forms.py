"""The value forms of CONTENT-MODEL.md's "What a file may hold": each wrong input with the
exact message an editor gets (through the events model, which names file and field)."""

import pytest

from test_events_model import CONTACT_FORM, MOMENT_FORM, SOURCE, parse, problems

HARD_SPACE = ("twarda spacja zamiast zwykłej (tekst wklejony z Worda lub strony internetowej) – "
              "usuń ją i wpisz zwykłą spację")
DIGITS = ("cyfry spoza ASCII (np. arabskie albo szerokie z wklejonego tekstu) – wpisz je "
          "zwykłymi cyframi 0–9")
ZONE = "Oczekiwano: nazwa strefy IANA, np. Europe/Warsaw."
ABBREVIATION = ("skrót strefy czasowej zamiast jej nazwy: skrót nie mówi, kiedy zmienia się czas "
                "letni")
DATETIME_FORM = "Oczekiwano: RRRR-MM-DD GG:MM, np. 2025-01-22 16:00."


@pytest.mark.parametrize("fields, message", [
    ({"event_start": "2025-01-22\u00a016:00"},
     f"pole Event-start: „2025-01-22\u00a016:00” – {HARD_SPACE}. {MOMENT_FORM}"),
    ({"event_rsvp_deadline": "2025-01-20\u202f14:00"},
     f"pole Event-rsvp-deadline: „2025-01-20\u202f14:00” – {HARD_SPACE}. {DATETIME_FORM}"),
    ({"event_start": "٢٠٢٥-٠١-٢٢ ١٦:٠٠"},
     f"pole Event-start: „٢٠٢٥-٠١-٢٢ ١٦:٠٠” – {DIGITS}. {MOMENT_FORM}"),
    ({"event_start": "２０２５-01-22 16:00"},
     f"pole Event-start: „２０２５-01-22 16:00” – {DIGITS}. {MOMENT_FORM}"),
    ({"event_start": "0001-01-01 10:00", "event_rsvp_deadline": None},
     "pole Event-start: „0001-01-01 10:00” – rok 0001 jest spoza lat 2000–2100 – to pewnie "
     f"literówka. {MOMENT_FORM}"),
    ({"event_start": "9999-12-31", "event_end": "2025-01-22", "event_rsvp_deadline": None},
     "pole Event-start: „9999-12-31” – rok 9999 jest spoza lat 2000–2100 – to pewnie literówka. "
     + MOMENT_FORM),
    ({"event_end": "2101-01-22 18:30"},
     "pole Event-end: „2101-01-22 18:30” – rok 2101 jest spoza lat 2000–2100 – to pewnie "
     f"literówka. {MOMENT_FORM}"),
    ({"event_timezone": "CET"}, f"pole Event-timezone: „CET” – {ABBREVIATION}. {ZONE}"),
    ({"event_timezone": "UTC+1"}, f"pole Event-timezone: „UTC+1” – {ABBREVIATION}. {ZONE}"),
    ({"event_timezone": "Etc/GMT-1"},
     f"pole Event-timezone: „Etc/GMT-1” – nieznana strefa czasowa. {ZONE}"),
    ({"event_contacts": ["j..herok@czernica.pl"]},
     "pole Event-contacts: „j..herok@czernica.pl” – kropka na początku, przed @ albo dwie kropki "
     f"obok siebie w adresie e-mail (j..herok@czernica.pl). {CONTACT_FORM}"),
    ({"event_contacts": [".j@czernica.pl"]},
     "pole Event-contacts: „.j@czernica.pl” – kropka na początku, przed @ albo dwie kropki obok "
     f"siebie w adresie e-mail (.j@czernica.pl). {CONTACT_FORM}"),
    ({"event_contacts": ["j.herok@czernica.pl p.kobak@gops.czernica.pl"]},
     "pole Event-contacts: „j.herok@czernica.pl p.kobak@gops.czernica.pl” – dwa adresy w jednym "
     f"wierszu – każdy kontakt wpisz w osobnym wierszu. {CONTACT_FORM}"),
    ({"event_contacts": ["Urząd Gminy Czernica, j.herok[at]czernica.pl"]},
     "pole Event-contacts: „Urząd Gminy Czernica, j.herok[at]czernica.pl” – (at) zamiast @ – w "
     f"pliku adres wpisuje się ze znakiem @. {CONTACT_FORM}"),
    ({"event_contacts": ["j.herok@czernica.pl ٧٨٩ ٠٥٩ ٢٨١"]},
     f"pole Event-contacts: „j.herok@czernica.pl ٧٨٩ ٠٥٩ ٢٨١” – {DIGITS}. {CONTACT_FORM}"),
    ({"event_contacts": ["j.herok@czernica.pl ７８９０５９２８１"]},
     f"pole Event-contacts: „j.herok@czernica.pl ７８９０５９２８１” – {DIGITS}. {CONTACT_FORM}"),
])
def test_what_a_value_may_hold(fields, message):
    assert problems(**fields) == [f"{SOURCE}: {message}"]


@pytest.mark.parametrize("zone", ["Europe/Warsaw", "America/Argentina/Buenos_Aires",
                                  "Atlantic/Canary"])
def test_area_location_zone_names_are_good(zone):
    assert parse(event_timezone=zone).tzid == zone


@pytest.mark.parametrize("line", ["j.o'hara@example.ie", "a_b+c@czernica.pl",
                                  "Jan Kowalski (GOPS): j.kowalski@gops.czernica.pl +48 789 059 281"])
def test_good_addresses_stay_good(line):
    if "'" in line:  # an apostrophe is a dot-atom character, but not one this site accepts
        assert problems(event_contacts=[line])
    else:
        assert parse(event_contacts=[line]).contacts


def test_a_series_whose_dates_overlap_is_refused():
    assert problems(event_start="2025-06-01", event_end="2025-06-10", event_rsvp_deadline=None,
                    event_repeat="weekly", event_repeat_until="2025-08-01") == [
        f"{SOURCE}: pole Event-repeat: „weekly” – jeden termin trwa dłużej, niż wynosi odstęp "
        "między terminami cyklu: 2025-06-01 i 2025-06-08 nachodzą na siebie. Oczekiwano: krótsze "
        "wydarzenie albo rzadsze powtarzanie."]
    week_long = parse(event_start="2025-06-02", event_end="2025-06-08", event_rsvp_deadline=None,
                      event_repeat="weekly", event_repeat_until="2025-06-30")
    assert len(week_long.occurrences) == 5  # seven days in seven: back to back is good


# Warnings: the build goes on (tested on one Article, without a build)

def warnings_of(**fields):
    from support import article_with_event, settings
    from events.plugin import event_warnings
    found = article_with_event(**fields)
    assert found.event, found.event_problems
    return [str(w) for w in event_warnings(found, settings())]


def test_a_map_pin_far_from_the_gmina_is_a_warning():
    import re
    (swapped,) = warnings_of(event_geo="17.2452, 51.0873")  # Czernica's, swapped: Yemen
    km = re.search(r"jest (\d+) km od gminy", swapped)
    assert 4700 < int(km.group(1)) < 4900, swapped  # Wrocław–Sana'a is about 4,800 km
    assert swapped == (
        "content/wydarzenia/spotkanie.md: pole Event-geo: „17.2452, 51.0873” – to miejsce jest "
        f"{km.group(1)} km od gminy, więc szerokość i długość są pewnie zamienione. Oczekiwano: "
        "szerokość (dla Polski 49–55), przecinek, długość (14–24), np. 51.0873, 17.2452.")
    assert warnings_of(event_geo="52.2297, 21.0122") == []  # Warsaw: 300 km is the limit


@pytest.mark.parametrize("start, expected", [
    ("2027-03-05 17:00", "początek jest ponad 2 lata po dacie wpisu (Date: 2025-01-08 12:00) – "
                         "to może być literówka w roku"),
    ("2024-12-05 17:00", "początek jest wcześniej niż data wpisu (Date: 2025-01-08 12:00) – to "
                         "może być literówka"),
    ("2026-12-05 17:00", None),
])
def test_a_start_far_from_the_files_date_is_a_warning(start, expected):
    found = warnings_of(event_start=start, event_end=start.replace("17:00", "19:00"))
    assert [expected in w for w in found] == ([True] if expected else [])
