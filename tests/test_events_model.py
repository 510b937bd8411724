"""The Event model: every field's right and wrong forms, with the editor's exact message."""

import calendar
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from events.eventfile import event_file_text  # noqa: E402
from editorial.messages import InvalidContent  # noqa: E402
from events.model import Contact, Event, parse_event  # noqa: E402

SOURCE = "content/wydarzenia/spotkanie.md"
VALID = {
    "event-start": "2025-01-22 16:00",
    "event-end": "2025-01-22 18:30",
    "event-location": "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica",
    "event-rsvp-deadline": "2025-01-20 14:00",
    "event-contacts": ["j.herok@czernica.pl 789 059 281", "p.kobak@gops.czernica.pl 571 226 315"],
}
DATE_FORM = "Oczekiwano: RRRR-MM-DD GG:MM, np. 2025-01-22 16:00."
MOMENT_FORM = ("Oczekiwano: RRRR-MM-DD GG:MM, np. 2025-01-22 16:00, albo sam dzień RRRR-MM-DD "
               "dla wydarzenia całodniowego.")
CONTACT_FORM = ("Oczekiwano: jeden kontakt w wierszu: opcjonalnie nazwa, adres e-mail i "
                "opcjonalnie telefon, np. Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281.")


def parse(**changes):
    metadata = {**VALID, **{k.replace("_", "-"): v for k, v in changes.items()}}
    metadata = {k: v for k, v in metadata.items() if v is not None}
    return parse_event(metadata, source=SOURCE, slug="spotkanie", title="Spotkanie",
                       default_timezone="Europe/Warsaw", uid_domain="partnerstwo.example")


def problems(**changes):
    with pytest.raises(InvalidContent) as raised:
        parse(**changes)
    return [str(p) for p in raised.value.problems]


def utc(moment):
    return moment.astimezone(timezone.utc)


def test_valid_event_has_aware_times_in_warsaw():
    event = parse()
    assert event.start.isoformat() == "2025-01-22T16:00:00+01:00"
    assert event.end - event.start == timedelta(hours=2, minutes=30)
    assert event.tzid == "Europe/Warsaw"
    assert [c.phone for c in event.contacts] == ["+48789059281", "+48571226315"]
    assert event.contacts[0].phone_display == "789\u00a0059\u00a0281"
    assert (event.place_name, event.street, event.locality) == (
        "Budynek Urzędu Gminy Czernica", "ul. Kolejowa 3", "Czernica")
    assert event.uid == "spotkanie@partnerstwo.example"
    assert (event.status, event.sequence) == ("scheduled", 0)


@pytest.mark.parametrize("field, value, message", [
    ("event_start", "22.01.2025 16:00",
     "pole Event-start: „22.01.2025 16:00” – zła postać daty i godziny. " + MOMENT_FORM),
    ("event_start", "2025-02-30 16:00",
     "pole Event-start: „2025-02-30 16:00” – nie ma takiego dnia w kalendarzu (2025-02-30). "
     + MOMENT_FORM),
    ("event_start", "2025-01-22 25:00",
     "pole Event-start: „2025-01-22 25:00” – nie ma takiej godziny (25:00); doba ma godziny "
     "00:00–23:59. " + MOMENT_FORM),
    ("event_start", "2025-02-30",
     "pole Event-start: „2025-02-30” – nie ma takiego dnia w kalendarzu (2025-02-30). "
     + MOMENT_FORM),
    ("event_start", None, "pole Event-start: (brak) – to pole jest wymagane. " + MOMENT_FORM),
    ("event_end", "2025-01-22 15:00",
     "pole Event-end: „2025-01-22 15:00” – koniec musi być później niż początek "
     "(2025-01-22 16:00). " + DATE_FORM),
    ("event_end", "2025-01-22 16:00",
     "pole Event-end: „2025-01-22 16:00” – koniec musi być później niż początek "
     "(2025-01-22 16:00). " + DATE_FORM),
    ("event_end", "2025-13-01 10:00",
     "pole Event-end: „2025-13-01 10:00” – nie ma takiego dnia w kalendarzu (2025-13-01). "
     + MOMENT_FORM),
    ("event_end", None, "pole Event-end: (brak) – to pole jest wymagane. " + MOMENT_FORM),
    ("event_timezone", "Europe/Warsawa",
     "pole Event-timezone: „Europe/Warsawa” – nieznana strefa czasowa. "
     "Oczekiwano: nazwa strefy IANA, np. Europe/Warsaw."),
    ("event_timezone", "../etc/passwd",
     "pole Event-timezone: „../etc/passwd” – nieznana strefa czasowa. "
     "Oczekiwano: nazwa strefy IANA, np. Europe/Warsaw."),
    ("event_location", None,
     "pole Event-location: (brak) – to pole jest wymagane. Oczekiwano: opis miejsca z adresem, "
     "np. Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica."),
    ("event_geo", "51.1, 200",
     "pole Event-geo: „51.1, 200” – to nie są współrzędne geograficzne. Oczekiwano: szerokość, "
     "długość w stopniach dziesiętnych, np. 51.0873, 17.2452."),
    ("event_geo", "Czernica",
     "pole Event-geo: „Czernica” – to nie są współrzędne geograficzne. Oczekiwano: szerokość, "
     "długość w stopniach dziesiętnych, np. 51.0873, 17.2452."),
    ("event_rsvp_deadline", "2025-01-23 14:00",
     "pole Event-rsvp-deadline: „2025-01-23 14:00” – termin zgłoszeń musi upływać przed "
     "początkiem (2025-01-22 16:00). " + DATE_FORM),
    ("event_rsvp_deadline", "20 stycznia 14:00",
     "pole Event-rsvp-deadline: „20 stycznia 14:00” – zła postać daty i godziny. " + DATE_FORM),
    ("event_contacts", None, "pole Event-contacts: (brak) – to pole jest wymagane. " + CONTACT_FORM),
    ("event_contacts", ["j.herok(at)czernica.pl 789 059 281"],
     "pole Event-contacts: „j.herok(at)czernica.pl 789 059 281” – (at) zamiast @ – w pliku "
     "adres wpisuje się ze znakiem @. " + CONTACT_FORM),
    ("event_contacts", ["789 059 281 j.herok@czernica.pl"],
     "pole Event-contacts: „789 059 281 j.herok@czernica.pl” – numer telefonu (789 059 281) stoi "
     "przed adresem e-mail; wpisz go po adresie. " + CONTACT_FORM),
    ("event_contacts", ["Urząd Gminy Czernica 789 059 281"],
     "pole Event-contacts: „Urząd Gminy Czernica 789 059 281” – w wierszu nie ma adresu e-mail "
     "(słowa ze znakiem @). " + CONTACT_FORM),
    ("event_admission", "Ż" * 81,
     f"pole Event-admission: „{'Ż' * 81}” – opis wstępu ma 81 znaków. Oczekiwano: free albo "
     "krótki opis, najwyżej 80 znaków, np. 20 zł, płatne na miejscu."),
    ("event_contacts", ["j.herok@czernica.pl 789 059 28"],
     "pole Event-contacts: „j.herok@czernica.pl 789 059 28” – niepoprawny numer telefonu "
     "(789 059 28); polski numer ma 9 cyfr. " + CONTACT_FORM),
    ("event_contacts", ["j.herok@czernica.pl +49 789 059 281"],
     "pole Event-contacts: „j.herok@czernica.pl +49 789 059 281” – niepoprawny numer telefonu "
     "(+49 789 059 281); polski numer ma 9 cyfr. " + CONTACT_FORM),
    ("event_status", "odwołane",
     "pole Event-status: „odwołane” – nieznany stan wydarzenia. "
     "Oczekiwano: scheduled, rescheduled, postponed, cancelled."),
    ("event_status", "rescheduled",
     "pole Event-previous-start: (brak) – przy Event-status: rescheduled trzeba podać wcześniejszy "
     "termin. Oczekiwano: RRRR-MM-DD GG:MM, np. 2025-01-22 16:00, jeden w wierszu."),
    ("event_previous_start", ["2025-01-15 16:00", "2025-01-15 16:00"],
     "pole Event-previous-start: „2025-01-15 16:00 / 2025-01-15 16:00” – ten sam termin podano "
     "więcej niż raz. Oczekiwano: RRRR-MM-DD GG:MM, np. 2025-01-22 16:00, jeden w wierszu, w "
     "kolejności zmian."),
    ("event_previous_start", "2025-01-15",
     "pole Event-previous-start: „2025-01-15” – zła postać daty i godziny. " + DATE_FORM),
    ("event_adres", "ul. Kolejowa 3",
     "pole Event-adres: „ul. Kolejowa 3” – nieznane pole. Oczekiwano: jedno z: Event-start, "
     "Event-end, Event-timezone, Event-location, Event-geo, Event-rsvp-deadline, Event-rsvp, "
     "Event-date-flexible, Event-contacts, "
     "Event-organizers, Event-status, Event-previous-start, Event-admission, "
     "Event-accessibility, Event-repeat, Event-repeat-until, Event-except."),
])
def test_wrong_form_names_file_field_value_and_expected_form(field, value, message):
    assert problems(**{field: value}) == [f"{SOURCE}: {message}"]


def test_every_problem_of_a_file_is_reported_together():
    """In the key table's order, the order the docs and new files list the keys in."""
    found = problems(event_start="2025-02-30 16:00", event_status="odwołane",
                     event_contacts=["nie-mail"])
    assert [p.split(":")[1].strip() for p in found] == [
        "pole Event-start", "pole Event-contacts", "pole Event-status"]


@pytest.mark.parametrize("value, expected", [
    ("a.b@c.pl 789059281", "+48789059281"),
    ("a.b@c.pl +48 789 059 281", "+48789059281"),
    ("a.b@c.pl 789-059-281", "+48789059281"),
    ("a.b@c.pl", None),
])
def test_contact_phone_forms(value, expected):
    assert parse(event_contacts=[value]).contacts[0].phone == expected


@pytest.mark.parametrize("line, name, email, phone", [
    ("Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281",
     "Urząd Gminy Czernica", "j.herok@czernica.pl", "+48789059281"),
    ("Jan Kowalski (GOPS) j.kowalski@gops.czernica.pl",
     "Jan Kowalski (GOPS)", "j.kowalski@gops.czernica.pl", None),
    ("Sołectwo Nadolice Wielkie: soltys@example.pl, 571 226 315",
     "Sołectwo Nadolice Wielkie", "soltys@example.pl", "+48571226315"),
    ("a.b@c.pl 789059281", None, "a.b@c.pl", "+48789059281"),
])
def test_contact_name_is_the_text_before_the_address(line, name, email, phone):
    (contact,) = parse(event_contacts=[line]).contacts
    assert (contact.name, contact.email, contact.phone) == (name, email, phone)


@pytest.mark.parametrize("value, admission, free", [
    ("free", "free", True), ("Free", "free", True),
    ("20 zł, płatne na miejscu", "20 zł, płatne na miejscu", False),
    ("Ż" * 80, "Ż" * 80, False), (None, None, False),
])
def test_admission_forms(value, admission, free):
    event = parse(event_admission=value)
    assert (event.admission, event.free_admission) == (admission, free)


def test_accessibility_keeps_its_lines():
    event = parse(event_accessibility=["Wejście bez schodów od ul. Kolejowej.", "Winda na piętro."])
    assert event.accessibility == ("Wejście bez schodów od ul. Kolejowej.", "Winda na piętro.")


def test_geo_and_multiline_values():
    event = parse(event_geo="51.0873, 17.2452", event_organizers=["Wójt Gminy", "GOPS"])
    assert event.geo == (51.0873, 17.2452)
    assert event.organizers == ("Wójt Gminy", "GOPS")


def test_dst_gap_is_an_error_and_edges_get_the_right_offset():
    assert problems(event_start="2025-03-30 02:30", event_end="2025-03-30 05:00") == [
        f"{SOURCE}: pole Event-start: „2025-03-30 02:30” – tej godziny nie ma tego dnia "
        "(zmiana czasu na letni). " + MOMENT_FORM]
    spring = parse(event_start="2025-03-30 01:30", event_end="2025-03-30 03:30",
                   event_rsvp_deadline=None)
    assert utc(spring.end) - utc(spring.start) == timedelta(hours=1)  # the clock jumps 02:00 -> 03:00
    autumn = parse(event_start="2025-10-26 01:30", event_end="2025-10-26 03:30",
                   event_rsvp_deadline=None)
    assert autumn.start.utcoffset() == timedelta(hours=2)
    assert autumn.end.utcoffset() == timedelta(hours=1)
    assert utc(autumn.end) - utc(autumn.start) == timedelta(hours=3)  # 02:00-03:00 happens twice


def test_other_timezone():
    event = parse(event_timezone="America/New_York")
    assert event.start.utcoffset() == timedelta(hours=-5)


def test_sequence_rises_with_every_reschedule_and_status_change():
    history = [
        parse(),
        parse(event_status="postponed"),
        parse(event_status="rescheduled", event_previous_start=["2025-01-22 16:00"],
              event_start="2025-02-05 16:00", event_end="2025-02-05 18:30"),
        parse(event_status="cancelled", event_previous_start=["2025-01-22 16:00"],
              event_start="2025-02-05 16:00", event_end="2025-02-05 18:30"),
        parse(event_status="rescheduled",
              event_previous_start=["2025-01-22 16:00", "2025-02-05 16:00"],
              event_start="2025-02-12 16:00", event_end="2025-02-12 18:30"),
    ]
    sequences = [e.sequence for e in history]
    assert sequences == sorted(set(sequences)), sequences
    assert len({e.uid for e in history}) == 1


def test_phase_follows_the_clock():
    event = parse()

    def at(text):
        return event.phase(datetime.fromisoformat(text + "+01:00"))

    assert at("2025-01-10T12:00") == "open"
    assert at("2025-01-20T14:00") == "closed"
    assert at("2025-01-22T17:00") == "closed"
    assert at("2025-01-22T18:30") == "past"
    assert parse(event_status="cancelled").phase(datetime.fromisoformat("2025-01-10T12:00+01:00")) == "cancelled"


def test_a_long_title_is_good_content():
    """Nothing is wrong with a long title: the outputs shorten themselves (links.py)."""
    title = "Spotkanie " + "ż" * 190
    assert parse_event(VALID, source=SOURCE, slug="s", title=title,
                       default_timezone="Europe/Warsaw", uid_domain="x").title == title


@pytest.mark.parametrize("email, expected", [
    ("a" * 65 + "@czernica.pl",
     "część adresu e-mail przed @ ma 65 znaków, a poczta przyjmuje najwyżej 64"),
    ("j.herok@" + "a" * 64 + ".pl",
     "człon adresu e-mail po @ ma 64 znaków, a poczta przyjmuje najwyżej 63 między kropkami"),
    ("j.herok@" + ".".join(["a" * 60] * 3 + ["a" * 61]) + ".pl",
     "adres e-mail ma 255 znaków, a poczta przyjmuje najwyżej 254"),
])
def test_an_address_longer_than_mail_allows_is_a_problem(email, expected):
    assert problems(event_contacts=[f"{email} 789 059 281"]) == [
        f"{SOURCE}: pole Event-contacts: „{email} 789 059 281” – {expected}. {CONTACT_FORM}"]


def test_the_longest_address_mail_allows_is_good():
    email = "j" * 64 + "@" + ".".join(["a" * 63, "b" * 63, "c" * 58]) + ".pl"
    assert len(email) == 254
    assert parse(event_contacts=[email]).contacts[0].email == email


def test_history_may_move_earlier_then_later():
    event = parse(event_status="rescheduled",
                  event_previous_start=["2025-02-20 16:00", "2025-02-10 16:00"],
                  event_start="2025-03-01 16:00", event_end="2025-03-01 18:00")
    assert event.sequence == 6


# The event-file writer (invoke new-event) is the parser's inverse

WARSAW = ZoneInfo("Europe/Warsaw")


def reread(tmp_path, event, **file_fields):
    """Write `event` as new-event does, read the file with Pelican's Markdown reader, parse."""
    path = tmp_path / f"{event.slug}.md"
    path.write_text(event_file_text(event, date=datetime(2025, 1, 8, 12, tzinfo=WARSAW),
                                    category="Wydarzenia", body="Treść.\n",
                                    default_timezone="Europe/Warsaw", **file_fields),
                    encoding="utf-8")
    reader = MarkdownReader(read_settings(str(ROOT / "pelicanconf.py")))
    _, metadata = reader.read(str(path))
    return parse_event(metadata, source=SOURCE, slug=metadata["slug"], title=metadata["title"],
                       default_timezone="Europe/Warsaw", uid_domain=event.uid_domain), metadata


def moment(text, zone=WARSAW):
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=zone)


FULL = Event(
    slug="spotkanie-pelne", title="Spotkanie: „wszystko” na raz – 100% pól",
    start=moment("2025-03-30 03:00"), end=moment("2025-03-31 01:15"),
    location="Świetlica wiejska, ul. Wrocławska 1, Dobrzykowice", geo=(51.0873, 17.2452),
    rsvp_deadline=moment("2025-03-27 14:00"),
    contacts=(Contact("j.herok@czernica.pl", "+48789059281", "Urząd Gminy Czernica"),
              Contact("p.kobak@gops.czernica.pl", None, None)),
    organizers=("Wójt Gminy Czernica", "Kierownik GOPS"), status="rescheduled",
    previous_starts=(moment("2025-03-01 17:00"), moment("2025-03-15 17:00")),
    admission="20 zł, płatne na miejscu", accessibility=("Wejście bez progów", "Pętla indukcyjna"),
    uid_domain="partnerstwo.example")


def test_a_written_event_file_parses_back_into_the_same_event(tmp_path):
    parsed, metadata = reread(tmp_path, FULL, summary="Zapraszamy.")
    assert parsed == FULL
    assert metadata["summary"] == "<p>Zapraszamy.</p>"


def test_series_and_all_day_events_round_trip(tmp_path):
    from datetime import date
    series = Event(slug="seria", title="Dyżur", start=moment("2025-03-05 17:00"),
                   end=moment("2025-03-05 19:00"), location="Czernica",
                   contacts=(Contact("a@b.pl", None),), repeat="biweekly",
                   repeat_until=date(2025, 6, 25), excepted_dates=(date(2025, 4, 16),),
                   uid_domain="x")
    assert reread(tmp_path, series)[0] == series
    festival = Event(slug="dozynki", title="Dożynki", start=date(2025, 8, 30),
                     end=date(2025, 8, 31), location="Boisko, Czernica",
                     contacts=(Contact("a@b.pl", None),), zone=WARSAW, uid_domain="x")
    assert reread(tmp_path, festival)[0] == festival


def test_defaults_are_left_out_and_other_zones_written(tmp_path):
    minimal = Event(slug="minimalne", title="Minimalne", start=moment("2025-05-01 10:00"),
                    end=moment("2025-05-01 11:00"), location="Czernica",
                    contacts=(Contact("a@b.pl", None),), uid_domain="x")
    assert reread(tmp_path, minimal)[0] == minimal
    berlin = ZoneInfo("Europe/Berlin")
    abroad = Event(slug="berlin", title="Wizyta", start=moment("2025-05-01 10:00", berlin),
                   end=moment("2025-05-01 11:00", berlin), location="Rathaus, Berlin",
                   contacts=(Contact("a@b.pl", None),), admission="free", uid_domain="x")
    parsed, metadata = reread(tmp_path, abroad)
    assert parsed == abroad and metadata["event-timezone"] == "Europe/Berlin"


_line = st.text(alphabet=st.sampled_from(list("aąbcćeęłńóśźżAĄŁŻ0123456789 .,;:!?-–„”'&=#%+/()")),
                min_size=1, max_size=60).map(str.strip).filter(bool)


@hypothesis_settings(max_examples=40, deadline=None)
@given(title=_line, location=_line, organizers=st.lists(_line, max_size=3),
       accessibility=st.lists(_line, max_size=3))
def test_any_editor_text_survives_the_round_trip(tmp_path_factory, title, location, organizers,
                                                 accessibility):
    event = Event(slug="tekst", title=title, start=moment("2025-05-01 10:00"),
                  end=moment("2025-05-01 11:00"), location=location,
                  contacts=(Contact("a@b.pl", "+48571226315", "GOPS"),),
                  organizers=tuple(organizers), accessibility=tuple(accessibility),
                  uid_domain="x")
    assert reread(tmp_path_factory.mktemp("rt"), event)[0] == event


# --- All-day and recurring events (CONTENT-MODEL.md "All-day events", "Recurring events") ---

SERIES = {"event_rsvp_deadline": None, "event_repeat": "weekly", "event_repeat_until": "2025-02-26"}
UNTIL_FORM = "Oczekiwano: RRRR-MM-DD, np. 2025-06-25."
ONLY_WITH_REPEAT = ("to pole działa tylko razem z Event-repeat. Oczekiwano: Event-repeat: weekly, "
                    "biweekly albo monthly, albo usunięcie tego pola.")
SAME_FORM = ("oba pola muszą mieć tę samą postać. Oczekiwano: obie daty bez godziny, np. "
             "2025-06-14 i 2025-06-15, albo obie z godziną, np. 2025-06-14 10:00 i 2025-06-14 18:00.")
WEEKS_400 = date(2025, 1, 22) + timedelta(weeks=399)  # the 400th weekly date


@pytest.mark.parametrize("changes, message", [
    ({**SERIES, "event_repeat": "co tydzień"},
     "pole Event-repeat: „co tydzień” – nieznany rodzaj powtarzania. Oczekiwano: weekly (co "
     "tydzień), biweekly (co dwa tygodnie) albo monthly (raz w miesiącu, ten sam dzień tygodnia "
     "co w Event-start)."),
    ({**SERIES, "event_repeat_until": None},
     "pole Event-repeat-until: (brak) – przy Event-repeat trzeba podać ostatni dzień cyklu. "
     + UNTIL_FORM),
    ({**SERIES, "event_repeat_until": "26.02.2025"},
     "pole Event-repeat-until: „26.02.2025” – zła postać daty. " + UNTIL_FORM),
    ({**SERIES, "event_repeat_until": "2025-02-26 18:00"},
     "pole Event-repeat-until: „2025-02-26 18:00” – zła postać daty. " + UNTIL_FORM),
    ({**SERIES, "event_repeat_until": "2025-02-30"},
     "pole Event-repeat-until: „2025-02-30” – nie ma takiego dnia w kalendarzu (2025-02-30). "
     + UNTIL_FORM),
    ({**SERIES, "event_repeat_until": "2025-01-21"},
     "pole Event-repeat-until: „2025-01-21” – ostatni dzień cyklu jest wcześniejszy niż pierwszy "
     "termin (2025-01-22). Oczekiwano: RRRR-MM-DD, nie wcześniej niż 2025-01-22."),
    ({**SERIES, "event_repeat_until": "2040-12-31"},
     "pole Event-repeat-until: „2040-12-31” – cykl miałby ponad 400 terminów, więcej, niż zmieści "
     f"kalendarz. Oczekiwano: RRRR-MM-DD, najpóźniej {WEEKS_400}."),
    ({**SERIES, "event_except": ["2025-01-29", "2025-01-30"]},
     "pole Event-except: „2025-01-30” – tego dnia nie ma w cyklu. Oczekiwano: daty z cyklu, jedna "
     "w wierszu; najbliższe tej dacie: 2025-01-29, 2025-02-05."),
    ({**SERIES, "event_except": "2025-03-05"},
     "pole Event-except: „2025-03-05” – tego dnia nie ma w cyklu. Oczekiwano: daty z cyklu, jedna "
     "w wierszu; najbliższe tej dacie: 2025-02-26."),
    ({**SERIES, "event_except": "29.01.2025"},
     "pole Event-except: „29.01.2025” – zła postać daty. Oczekiwano: RRRR-MM-DD, np. 2025-06-25, "
     "jedna data w wierszu."),
    ({**SERIES, "event_repeat_until": "2025-01-29", "event_except": ["2025-01-22", "2025-01-29"]},
     "pole Event-except: „2025-01-22 / 2025-01-29” – wyłączono wszystkie terminy cyklu, więc nie "
     "odbędzie się żaden. Oczekiwano: przynajmniej jeden termin cyklu poza Event-except (albo "
     "Event-status: cancelled, gdy odwołany jest cały cykl)."),
    ({**SERIES, "event_start": "2025-03-23 02:30", "event_end": "2025-03-23 04:00",
      "event_repeat_until": "2025-04-06"},
     "pole Event-start: „2025-03-23 02:30” – cykl wypada też 2025-03-30, a tego dnia nie ma "
     "godziny 02:30 (zmiana czasu na letni). Oczekiwano: inna godzina albo ten dzień w "
     "Event-except."),
    ({"event_except": "2025-01-29"}, "pole Event-except: „2025-01-29” – " + ONLY_WITH_REPEAT),
    ({"event_repeat_until": "2025-02-26"},
     "pole Event-repeat-until: „2025-02-26” – " + ONLY_WITH_REPEAT),
    ({**SERIES, "event_rsvp_deadline": "2025-01-20 14:00"},
     "pole Event-rsvp-deadline: „2025-01-20 14:00” – wydarzenie cykliczne przyjmuje zgłoszenia do "
     "początku każdego terminu, więc nie ma jednego terminu zgłoszeń. Oczekiwano: usunięcie pola "
     "Event-rsvp-deadline."),
    ({"event_start": "2025-01-22"},
     "pole Event-end: „2025-01-22 18:30” – Event-start to sam dzień (wydarzenie całodniowe), a "
     "Event-end ma godzinę; " + SAME_FORM),
    ({"event_end": "2025-01-22"},
     "pole Event-end: „2025-01-22” – Event-start ma godzinę, a Event-end to sam dzień bez "
     "godziny; " + SAME_FORM),
    ({"event_start": "2025-06-14", "event_end": "2025-06-13", "event_rsvp_deadline": None},
     "pole Event-end: „2025-06-13” – ostatni dzień jest wcześniejszy niż pierwszy (2025-06-14). "
     "Oczekiwano: RRRR-MM-DD, ten sam dzień co Event-start albo późniejszy."),
    ({"event_start": "2025-06-14", "event_end": "2025-06-15",
      "event_rsvp_deadline": "2025-06-14 10:00"},
     "pole Event-rsvp-deadline: „2025-06-14 10:00” – termin zgłoszeń musi upływać przed "
     "początkiem (2025-06-14). " + DATE_FORM),
    ({"event_start": "2025-06-14", "event_end": "2025-06-15", "event_rsvp_deadline": None,
      "event_status": "rescheduled", "event_previous_start": "2025-06-07 10:00"},
     "pole Event-previous-start: „2025-06-07 10:00” – zła postać daty. Oczekiwano: RRRR-MM-DD, "
     "np. 2025-06-14."),
])
def test_series_and_all_day_wrong_forms(changes, message):
    assert problems(**changes) == [f"{SOURCE}: {message}"]


def test_a_skipped_hour_may_be_excepted():
    event = parse(**{**SERIES, "event_repeat_until": "2025-04-06"}, event_except="2025-03-30",
                  event_start="2025-03-23 02:30", event_end="2025-03-23 04:00")
    assert [o.day.day for o in event.occurrences] == [23, 6]


def test_all_day_event_takes_whole_days_until_the_end_of_its_last_day():
    event = parse(event_start="2025-06-14", event_end="2025-06-15", event_rsvp_deadline=None)
    assert event.all_day and (event.start, event.end) == (date(2025, 6, 14), date(2025, 6, 15))
    (occurrence,) = event.occurrences
    assert occurrence.begins.isoformat() == "2025-06-14T00:00:00+02:00"
    assert occurrence.ends.isoformat() == "2025-06-16T00:00:00+02:00"  # end of 15 June, Warsaw

    def at(text):
        return event.phase(datetime.fromisoformat(text))

    assert at("2025-06-13T23:59+02:00") == "open"
    assert at("2025-06-14T00:00+02:00") == "closed"
    assert at("2025-06-15T23:59+02:00") == "closed"
    assert at("2025-06-15T22:30+00:00") == "past"  # 00:30 on 16 June in Warsaw
    assert parse(event_start="2025-06-14", event_end="2025-06-14").last_date == date(2025, 6, 14)


def test_all_day_event_may_be_rescheduled_by_days():
    event = parse(event_start="2025-06-21", event_end="2025-06-22", event_rsvp_deadline=None,
                  event_status="rescheduled", event_previous_start="2025-06-14")
    assert event.previous_starts == (date(2025, 6, 14),) and event.sequence == 3


def wednesdays(n, months=range(1, 13)):
    """The n-th Wednesday (-1: the last) of each month of 2025, by the standard library."""
    weeks = calendar.Calendar().itermonthdates
    return [[d for d in weeks(2025, m) if d.month == m and d.weekday() == 2][n] for m in months]


@pytest.mark.parametrize("repeat, start, until, days", [
    ("weekly", "2025-01-22", "2025-02-19",
     [date(2025, 1, 22), date(2025, 1, 29), date(2025, 2, 5), date(2025, 2, 12),
      date(2025, 2, 19)]),
    ("biweekly", "2025-01-22", "2025-03-05",
     [date(2025, 1, 22), date(2025, 2, 5), date(2025, 2, 19), date(2025, 3, 5)]),
    ("monthly", "2025-01-01", "2025-12-31", wednesdays(0)),  # 1st Wednesday
    ("monthly", "2025-01-15", "2025-12-31", wednesdays(2)),  # 3rd
    ("monthly", "2025-01-22", "2025-12-31", wednesdays(3)),  # 4th, even where it is not the last
    ("monthly", "2025-01-29", "2025-12-31", wednesdays(-1)),  # day 29-31: the last Wednesday
    ("monthly", "2025-04-30", "2025-12-31", wednesdays(-1, range(4, 13))),
])
def test_series_dates(repeat, start, until, days):
    event = parse(event_start=f"{start} 16:00", event_end=f"{start} 18:30",
                  event_rsvp_deadline=None, event_repeat=repeat, event_repeat_until=until)
    assert [o.start.date() for o in event.occurrences] == days
    assert {o.start.time() for o in event.occurrences} == {time(16, 0)}
    assert {o.end - o.start for o in event.occurrences} == {timedelta(hours=2, minutes=30)}
    assert event.last_date == days[-1]


def test_series_keeps_the_local_hour_across_the_change_to_summer_time():
    event = parse(event_start="2025-03-19 17:00", event_end="2025-03-19 19:00",
                  event_rsvp_deadline=None, event_repeat="weekly", event_repeat_until="2025-04-09",
                  event_except="2025-04-02")
    assert [utc(o.start).strftime("%m-%d %H:%M") for o in event.occurrences] == [
        "03-19 16:00", "03-26 16:00", "04-09 15:00"]
    assert event.excepted_dates == (date(2025, 4, 2),)
    assert [d.isoformat() for d in event.exdates] == ["2025-04-02T17:00:00+02:00"]


def test_series_life_cycle_works_per_occurrence():
    event = parse(event_start="2025-01-22 16:00", event_end="2025-01-22 18:30",
                  event_rsvp_deadline=None, event_repeat="weekly", event_repeat_until="2025-02-12",
                  event_except="2025-02-05")

    def at(text):
        now = datetime.fromisoformat(text + "+01:00")
        nxt = event.next_occurrence(now)
        return event.phase(now), nxt and nxt.start.date().isoformat()

    assert at("2025-01-10T12:00") == ("open", "2025-01-22")
    assert at("2025-01-22T17:00") == ("closed", "2025-01-22")  # running
    assert at("2025-01-22T18:30") == ("open", "2025-01-29")
    assert at("2025-01-29T18:00") == ("closed", "2025-01-29")
    assert at("2025-01-30T09:00") == ("open", "2025-02-12")  # 5 February does not take place
    assert at("2025-02-12T18:30") == ("past", None)
    now = datetime.fromisoformat("2025-01-30T09:00+01:00")
    assert event.coming_excepted_dates(now) == (date(2025, 2, 5),)
    assert [o.start.day for o in event.coming_occurrences(now)] == [12]
    assert event.shown_occurrence(datetime.fromisoformat("2025-03-01T00:00+01:00")).start.day == 12
    assert event.is_upcoming(now)
    assert not event.is_upcoming(datetime.fromisoformat("2025-02-12T18:30+01:00"))
    cancelled = parse(event_rsvp_deadline=None, event_repeat="weekly",
                      event_repeat_until="2025-02-12", event_status="cancelled")
    assert cancelled.phase(now) == "cancelled"  # the whole series


def test_coming_occurrences_are_limited():
    event = parse(event_rsvp_deadline=None, event_repeat="weekly", event_repeat_until="2025-12-31")
    now = datetime.fromisoformat("2025-03-01T12:00+01:00")
    assert [o.start.date() for o in event.coming_occurrences(now, 3)] == [
        date(2025, 3, 5), date(2025, 3, 12), date(2025, 3, 19)]
    assert event.last_date == date(2025, 12, 31)


def test_an_excepted_date_raises_the_sequence():
    base = dict(event_rsvp_deadline=None, event_repeat="weekly", event_repeat_until="2025-02-26")
    sequences = [parse(**base).sequence,
                 parse(**base, event_except="2025-02-05").sequence,
                 parse(**base, event_except=["2025-02-05", "2025-02-12"]).sequence,
                 parse(**base, event_except=["2025-02-05", "2025-02-12"],
                       event_status="cancelled").sequence]
    assert sequences == sorted(set(sequences)), sequences


def test_title_is_plain_text_and_its_length_counts_the_text():
    typogrified = '<span class="dquo">„</span>Kawa <span class="amp">&amp;</span> ciastka”'
    event = parse_event(VALID, source=SOURCE, slug="s", title=typogrified,
                        default_timezone="Europe/Warsaw", uid_domain="x")
    assert event.title == "„Kawa & ciastka”"
    longest = '<span class="amp">&amp;</span>' + "Ż" * 119  # 120 characters of text
    assert parse_event(VALID, source=SOURCE, slug="s", title=longest,
                       default_timezone="Europe/Warsaw", uid_domain="x").title == "&" + "Ż" * 119


def test_status_table_has_one_row_per_status_of_the_key_table():
    from editorial.keys import REPEATS, STATUSES
    from events.model import STATUS_TABLE
    from events.occurrences import REPEATS as RULES
    assert tuple(STATUS_TABLE) == STATUSES and set(RULES) == set(REPEATS)
    assert set(STATUS_TABLE) == set(STATUSES) == {"scheduled", "rescheduled", "postponed",
                                                  "cancelled"}
    assert [s for s in STATUSES if STATUS_TABLE[s].rsvp] == ["scheduled", "rescheduled"]


def test_placeholders_in_text_fields_reach_residents_as_neutral_text():
    event = parse(event_location="Sala **[DO UZUPEŁNIENIA: numer sali]**, ul. Kolejowa 3, Czernica",
                  event_accessibility=["[DO UZUPEŁNIENIA: winda]"],
                  event_admission="[DO UZUPEŁNIENIA: cena]",
                  event_organizers=["[DO UZUPEŁNIENIA: organizator]"],
                  event_contacts=["[DO UZUPEŁNIENIA: dział] a@b.pl"])
    assert event.location == "Sala Informacja w przygotowaniu, ul. Kolejowa 3, Czernica"
    assert event.accessibility == event.organizers == ("Informacja w przygotowaniu",)
    assert event.admission == event.contacts[0].name == "Informacja w przygotowaniu"
