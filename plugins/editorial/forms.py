"""The forms of values editors write (dates, contacts, coordinates …): one reader per form,
turning one value as written into a Python value or a FormError that says, in Polish, what
is wrong. The key table (keys.py) names the form of each key; the build, `invoke new-event`
and the form-based editor all check values through these readers.

Readers know nothing of time zones or of other keys: rules between keys are the model's.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify

DATETIME_FORM = "RRRR-MM-DD GG:MM, np. 2025-01-22 16:00"
DATE_FORM = "RRRR-MM-DD, np. 2025-06-25"
# Event-start / Event-end: a time, or a day alone for an all-day event.
MOMENT_FORM = DATETIME_FORM + ", albo sam dzień RRRR-MM-DD dla wydarzenia całodniowego"
CONTACT_FORM = ("jeden kontakt w wierszu: opcjonalnie nazwa, adres e-mail i opcjonalnie "
                "telefon, np. Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281")
GEO_FORM = "szerokość, długość w stopniach dziesiętnych, np. 51.0873, 17.2452"
TIMEZONE_FORM = "nazwa strefy IANA, np. Europe/Warsaw"
ADMISSION_MAX = 80  # one line of the page's facts and of the printed notice
TITLE_MAX, SUMMARY_MAX = 200, 300  # deliberate: longer text is not a title or a lead
ADMISSION_FORM = (f"free albo krótki opis, najwyżej {ADMISSION_MAX} znaków, np. "
                  "20 zł, płatne na miejscu")
# RFC 5321: the longest address mail servers accept, and its parts
EMAIL_MAX, EMAIL_LOCAL_MAX, EMAIL_LABEL_MAX = 254, 64, 63
YEARS = range(2000, 2101)  # a year outside is a typo (and beyond what calendars handle)
# Time zones by their IANA area/location name; abbreviations (CET, UTC+1) say less.
ZONE_AREAS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
              "Europe", "Indian", "Pacific")

# Patterns of whole values, ASCII only (a browser's form checks them too, and JavaScript's
# \d means ASCII digits where Python's means any digit).
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
DATETIME_PATTERN = DATE_PATTERN + r" [0-9]{2}:[0-9]{2}"
MOMENT_PATTERN = DATE_PATTERN + r"( [0-9]{2}:[0-9]{2})?"
GEO_PATTERN = r"-?[0-9]{1,3}(\.[0-9]+)?\s*,\s*-?[0-9]{1,3}(\.[0-9]+)?"
# An address's local part is a dot-atom: no dot at its ends, never two dots in a row.
EMAIL_PATTERN = (r"[A-Za-z0-9_%+-]+(\.[A-Za-z0-9_%+-]+)*"
                 r"@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE_PATTERN = r"(\+48)?([0-9]{9})"
SLUG_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"

_DATE_RE = re.compile(DATE_PATTERN)
_DATETIME_RE = re.compile(DATETIME_PATTERN)
_GEO_RE = re.compile(r"(-?[0-9]{1,3}(?:\.[0-9]+)?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)")
_EMAIL_RE = re.compile(EMAIL_PATTERN)
_PHONE_RE = re.compile(PHONE_PATTERN)
_SLUG_RE = re.compile(SLUG_PATTERN)
_ZONE_RE = re.compile(rf"(?:{'|'.join(ZONE_AREAS)})(?:/[A-Za-z0-9_+-]+)+")
_HARD_SPACES = "\u00a0\u202f\u2007"  # no-break, narrow no-break, figure space


class FormError(ValueError):
    """A value not in its form: `reason` for the editor, `expected` the form (None: the
    key's own form)."""

    def __init__(self, reason, expected=None):
        super().__init__(reason)
        self.reason = reason
        self.expected = expected


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str | None  # E.164, e.g. "+48789059281"
    name: str | None = None  # the person or institution written before the address

    @property
    def phone_display(self):
        return phone_display(self.phone) if self.phone else None


def phone_display(e164):
    """+48789059281 -> "789 059 281", the way Poles write and read phone numbers."""
    digits = e164.removeprefix("+48")
    return f"{digits[:3]}\u00a0{digits[3:6]}\u00a0{digits[6:]}"


def written(moment):
    """A date or moment as editors write it: "2025-06-14" or "2025-01-22 16:00"."""
    return f"{moment:%Y-%m-%d %H:%M}" if isinstance(moment, datetime) else moment.isoformat()


# Readers: one value as written -> its Python value, or FormError

def read_text(value):
    return value


def _plain_characters(value):
    """Characters that look right but are not what a form takes: say which, not "wrong"."""
    if any(c in _HARD_SPACES for c in value):
        raise FormError("twarda spacja zamiast zwykłej (tekst wklejony z Worda lub strony "
                        "internetowej) – usuń ją i wpisz zwykłą spację")
    if any(c.isdigit() and not c.isascii() for c in value):
        raise FormError("cyfry spoza ASCII (np. arabskie albo szerokie z wklejonego tekstu) "
                        "– wpisz je zwykłymi cyframi 0–9")


def _year(written_year, form):
    if int(written_year) not in YEARS:
        raise FormError(f"rok {written_year} jest spoza lat {YEARS[0]}–{YEARS[-1]} – to pewnie "
                        "literówka", form)


def read_date(value, form=None):
    """"2025-06-14" -> date."""
    _plain_characters(value)
    if not _DATE_RE.fullmatch(value):
        raise FormError("zła postać daty", form)
    _year(value[:4], form)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FormError(f"nie ma takiego dnia w kalendarzu ({value})", form) from None


def read_datetime(value, form=None):
    """"2025-01-22 16:00" -> a naive datetime (the model gives it its zone)."""
    _plain_characters(value)
    if not _DATETIME_RE.fullmatch(value):
        raise FormError("zła postać daty i godziny", form)
    day, time = value.split()
    _year(day[:4], form)
    try:
        naive_day = datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        raise FormError(f"nie ma takiego dnia w kalendarzu ({day})", form) from None
    try:
        hour = datetime.strptime(time, "%H:%M")
    except ValueError:
        raise FormError(f"nie ma takiej godziny ({time}); doba ma godziny 00:00–23:59",
                        form) from None
    return naive_day.replace(hour=hour.hour, minute=hour.minute)


def read_moment(value):
    """Event-start / Event-end: a naive datetime, or a date for an all-day event."""
    if _DATE_RE.fullmatch(value):
        return read_date(value)
    return read_datetime(value)


def read_timezone(value):
    """An IANA area/location name ("Europe/Warsaw") -> its zone."""
    if not _ZONE_RE.fullmatch(value):
        if re.fullmatch(r"[A-Za-z]{2,5}([+-][0-9]{1,2}(:?[0-9]{2})?)?", value):
            raise FormError("skrót strefy czasowej zamiast jej nazwy: skrót nie mówi, kiedy "
                            "zmienia się czas letni")
        raise FormError("nieznana strefa czasowa")
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise FormError("nieznana strefa czasowa") from None


def read_geo(value):
    """"51.0873, 17.2452" -> (latitude, longitude)."""
    _plain_characters(value)
    match = _GEO_RE.fullmatch(value)
    lat, lon = (float(match.group(1)), float(match.group(2))) if match else (99, 999)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise FormError("to nie są współrzędne geograficzne")
    return (lat, lon)


def read_title(value):
    if len(value) > TITLE_MAX:
        raise FormError(f"tytuł ma {len(value)} znaków, a najwyżej {TITLE_MAX} – tak długi tekst "
                        "to już nie tytuł", "krótki tytuł; to, co dłuższe, napisz w Summary "
                        f"(zapowiedź, do {SUMMARY_MAX} znaków) albo w treści")
    return value


def read_summary(value):
    if len(value) > SUMMARY_MAX:
        raise FormError(f"zapowiedź ma {len(value)} znaków, a najwyżej {SUMMARY_MAX} – tak długi "
                        "tekst to już nie zapowiedź (pokazują ją listy i pierwszy ekran)",
                        "jedno–dwa zdania zaproszenia; resztę przenieś do treści pod nagłówkiem")
    return value


def read_slug(value):
    """An address: lowercase ASCII letters, digits and hyphens (the suggestion is Pelican's
    own transliteration of what was written)."""
    if not _SLUG_RE.fullmatch(value):
        suggestion = slugify(value, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
        raise FormError("adres strony może mieć tylko małe litery bez polskich znaków, cyfry i "
                        "myślniki (bez spacji, kropek i ukośników)",
                        f"np. {suggestion or 'spotkanie-partnerstwa'}")
    return value


def read_admission(value):
    if value.lower() == "free":
        return "free"
    if len(value) > ADMISSION_MAX:
        raise FormError(f"opis wstępu ma {len(value)} znaków")
    return value


def choice(values, reason):
    """A reader of one of `values` (any case), e.g. Event-status."""
    def read(value):
        if value.lower() not in values:
            raise FormError(reason)
        return value.lower()
    return read


def yes_or_no(value):
    """"yes" -> True, "no" -> False (any case), e.g. Event-date-flexible."""
    answers = {"yes": True, "no": False}
    if value.lower() not in answers:
        raise FormError("tu wpisuje się yes albo no")
    return answers[value.lower()]


def read_contact(line):
    """"[name[,:]] e-mail [phone]" -> Contact: the address is the first word with an "@"."""
    words = line.split()
    ats = [i for i, word in enumerate(words) if "@" in word]
    at = ats[0] if ats else 0
    name = " ".join(words[:at]).rstrip(",:").strip() or None
    email = words[at].rstrip(",;") if words else ""
    phone = " ".join(words[at + 1:])
    if len(ats) > 1:
        raise FormError("dwa adresy w jednym wierszu – każdy kontakt wpisz w osobnym wierszu")
    if not ats and re.search(r"[(\[{]\s*(at|małpa)\s*[)\]}]", line, re.IGNORECASE):
        raise FormError("(at) zamiast @ – w pliku adres wpisuje się ze znakiem @")
    if not ats:
        raise FormError("w wierszu nie ma adresu e-mail (słowa ze znakiem @)")
    _plain_characters(phone)
    phone_match = _PHONE_RE.fullmatch(re.sub(r"[\s-]", "", phone))
    if "@" in email and re.search(r"^\.|\.@|\.\.", email):
        raise FormError(f"kropka na początku, przed @ albo dwie kropki obok siebie w adresie "
                        f"e-mail ({email})")
    if not _EMAIL_RE.fullmatch(email):
        raise FormError(f"niepoprawny adres e-mail ({email})")
    if too_long := _email_too_long(email):
        raise FormError(too_long)
    if name and _PHONE_RE.fullmatch(re.sub(r"[\s-]", "", name)):
        raise FormError(f"numer telefonu ({name}) stoi przed adresem e-mail; wpisz go po "
                        "adresie")
    if phone and not phone_match:
        raise FormError(f"niepoprawny numer telefonu ({phone}); polski numer ma 9 cyfr")
    return Contact(email, "+48" + phone_match.group(2) if phone_match else None, name)


def contact_line(contact):
    """"[name] e-mail [phone]", the phone as Poles write it (plain spaces in a file)."""
    phone = phone_display(contact.phone).replace("\u00a0", " ") if contact.phone else None
    return " ".join(part for part in (contact.name, contact.email, phone) if part)


def _email_too_long(email):
    """Why mail servers would refuse this well-formed address (RFC 5321 limits), or None."""
    local, domain = email.rsplit("@", 1)
    longest = max(domain.split("."), key=len)
    if len(email) > EMAIL_MAX:
        return f"adres e-mail ma {len(email)} znaków, a poczta przyjmuje najwyżej {EMAIL_MAX}"
    if len(local) > EMAIL_LOCAL_MAX:
        return (f"część adresu e-mail przed @ ma {len(local)} znaków, a poczta przyjmuje "
                f"najwyżej {EMAIL_LOCAL_MAX}")
    if len(longest) > EMAIL_LABEL_MAX:
        return (f"człon adresu e-mail po @ ma {len(longest)} znaków, a poczta przyjmuje "
                f"najwyżej {EMAIL_LABEL_MAX} między kropkami")
    return None
