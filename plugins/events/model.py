"""The Event model: an event file's metadata, parsed and validated once.

Everything residents see about an event (page, .ics, calendar links, JSON-LD)
reads an `Event`; nothing else parses `Event-*` metadata.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DATETIME_FORM = "RRRR-MM-DD GG:MM, np. 2025-01-22 16:00"
STATUSES = ("scheduled", "rescheduled", "postponed", "cancelled")
# SEQUENCE weights: a reschedule outweighs any status change, so it always rises.
_STATUS_WEIGHT = {"scheduled": 0, "rescheduled": 0, "postponed": 1, "cancelled": 2}

KEYS = {
    "event-start": "Event-start",
    "event-end": "Event-end",
    "event-timezone": "Event-timezone",
    "event-location": "Event-location",
    "event-geo": "Event-geo",
    "event-rsvp-deadline": "Event-rsvp-deadline",
    "event-contacts": "Event-contacts",
    "event-organizers": "Event-organizers",
    "event-status": "Event-status",
    "event-previous-start": "Event-previous-start",
    "event-admission": "Event-admission",
    "event-accessibility": "Event-accessibility",
}
ADMISSION_MAX = 80  # one line of the page's facts and of the printed notice
# RFC 5321: the longest address mail servers accept, and its parts
EMAIL_MAX, EMAIL_LOCAL_MAX, EMAIL_LABEL_MAX = 254, 64, 63

_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_RE = re.compile(r"(\+48)?(\d{9})")
_GEO_RE = re.compile(r"(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)")


@dataclass(frozen=True)
class Problem:
    """One wrong value in one file, worded for the editor who has to fix it."""

    source: str
    field: str
    value: str
    reason: str
    expected: str
    line: int | None = None  # the field's line in the file, added where the file is known

    @property
    def place(self):
        return f"{self.source}, wiersz {self.line}" if self.line else self.source

    @property
    def message(self):
        value = f"„{self.value}”" if self.value else "(brak)"
        return f"pole {self.field}: {value} – {self.reason}. Oczekiwano: {self.expected}."

    def __str__(self):
        return f"{self.place}: {self.message}"


class InvalidEvent(ValueError):
    """Raised with every problem found in one event file."""

    def __init__(self, problems):
        super().__init__("\n".join(map(str, problems)))
        self.problems = list(problems)


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


@dataclass(frozen=True)
class Event:
    slug: str
    title: str
    start: datetime
    end: datetime
    location: str
    contacts: tuple
    geo: tuple | None = None
    rsvp_deadline: datetime | None = None
    organizers: tuple = ()
    status: str = "scheduled"
    previous_starts: tuple = ()
    admission: str | None = None  # "free" or the editor's short text
    accessibility: tuple = ()  # the venue's accessibility, one line each
    modified: datetime | None = None  # the article's Modified/Date, for DTSTAMP
    uid_domain: str = "localhost"

    @property
    def tzid(self):
        return self.start.tzinfo.key

    @property
    def uid(self):
        """Stable across builds and hosts: the slug and a fixed domain, never SITEURL."""
        return f"{self.slug}@{self.uid_domain}"

    @property
    def sequence(self):
        """Rises with every reschedule and status change; editors never count."""
        return 3 * len(self.previous_starts) + _STATUS_WEIGHT[self.status]

    @property
    def free_admission(self):
        return self.admission == "free"

    @property
    def locality(self):
        """The part after the last comma of the location (CONTENT-MODEL.md)."""
        return self.location.rsplit(",", 1)[-1].strip()

    @property
    def street(self):
        parts = [p.strip() for p in self.location.split(",")]
        return parts[-2] if len(parts) >= 2 else ""

    @property
    def place_name(self):
        parts = [p.strip() for p in self.location.split(",")]
        return parts[0] if len(parts) >= 3 else self.location

    def is_upcoming(self, now):
        """Listed among coming events: not over yet, or postponed (its new date is unknown)."""
        return now < self.end or self.status == "postponed"

    def phase(self, now):
        """Where the event is in its life at `now`: the page shows this."""
        if self.status == "cancelled":
            return "cancelled"
        if self.status == "postponed":
            return "postponed"
        if now >= self.end:
            return "past"
        closes = self.rsvp_deadline or self.start
        return "closed" if now >= closes else "open"


def parse_event(metadata, *, source, slug, title, default_timezone, uid_domain,
                modified=None):
    """Build an Event from Pelican metadata (lower-case keys) or raise InvalidEvent."""
    parser = _Parser(metadata, source)
    tz = parser.timezone(default_timezone)
    start = parser.datetime("event-start", tz, required=True)
    end = parser.datetime("event-end", tz, required=True)
    deadline = parser.datetime("event-rsvp-deadline", tz)
    status = parser.status()
    previous = parser.previous_starts(tz, status)
    event_fields = dict(
        location=parser.text("event-location"),
        contacts=parser.contacts(),
        geo=parser.geo(),
        organizers=tuple(parser.lines("event-organizers")),
        admission=parser.admission(),
        accessibility=tuple(parser.lines("event-accessibility")),
    )
    parser.unknown_keys()
    if start and end and end <= start:
        parser.problem("event-end", "koniec musi być później niż początek "
                       f"({start:%Y-%m-%d %H:%M})", DATETIME_FORM)
    if start and deadline and deadline >= start:
        parser.problem("event-rsvp-deadline", "termin zgłoszeń musi upływać przed "
                       f"początkiem ({start:%Y-%m-%d %H:%M})", DATETIME_FORM)
    if parser.problems:
        raise InvalidEvent(parser.problems)
    return Event(slug=slug, title=title, start=start, end=end, rsvp_deadline=deadline,
                 status=status, previous_starts=previous, modified=modified, uid_domain=uid_domain,
                 **event_fields)


def event_keys_in(metadata):
    """The Event-* keys an editor wrote (to catch them where they do not belong)."""
    return [field_name(k) for k in metadata if k.startswith("event-")]


def field_name(key):
    """A metadata key as the editor writes it: "event-rsvp-deadline" -> "Event-rsvp-deadline"."""
    return KEYS.get(key) or key.capitalize()


class _Parser:
    """Reads one file's Event-* values, collecting every problem instead of stopping."""

    def __init__(self, metadata, source):
        self.metadata = metadata
        self.source = source
        self.problems = []

    def problem(self, key, reason, expected, value=None):
        if value is None:
            value = " / ".join(self.lines(key))
        self.problems.append(Problem(self.source, field_name(key), value, reason, expected))

    def lines(self, key):
        value = self.metadata.get(key, [])
        if isinstance(value, str):
            value = value.splitlines()
        return [line.strip() for line in value if line.strip()]

    def raw(self, key):
        return "\n".join(self.lines(key))

    def text(self, key):
        value = " ".join(self.lines(key))
        if not value:
            self.problem(key, "to pole jest wymagane", "opis miejsca z adresem, np. "
                         "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica")
        return value

    def timezone(self, default):
        name = self.raw("event-timezone") or default
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.problem("event-timezone", "nieznana strefa czasowa",
                         "nazwa strefy IANA, np. Europe/Warsaw", value=name)
            return ZoneInfo(default)

    def datetime(self, key, tz, required=False):
        value = self.raw(key)
        if not value:
            if required:
                self.problem(key, "to pole jest wymagane", DATETIME_FORM)
            return None
        return self._datetime_value(key, value, tz)

    def _datetime_value(self, key, value, tz):
        if not _DATETIME_RE.fullmatch(value):
            self.problem(key, "zła postać daty i godziny", DATETIME_FORM, value)
            return None
        day, time = value.split()
        try:
            naive_day = datetime.strptime(day, "%Y-%m-%d")
        except ValueError:
            self.problem(key, f"nie ma takiego dnia w kalendarzu ({day})", DATETIME_FORM, value)
            return None
        try:
            hour = datetime.strptime(time, "%H:%M")
        except ValueError:
            self.problem(key, f"nie ma takiej godziny ({time}); doba ma godziny 00:00–23:59",
                         DATETIME_FORM, value)
            return None
        local = naive_day.replace(hour=hour.hour, minute=hour.minute, tzinfo=tz)
        if local.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
            self.problem(key, "tej godziny nie ma tego dnia (zmiana czasu na letni)",
                         DATETIME_FORM, value)
            return None
        return local

    def status(self):
        value = self.raw("event-status").lower() or "scheduled"
        if value not in STATUSES:
            self.problem("event-status", "nieznany stan wydarzenia", ", ".join(STATUSES))
            return "scheduled"
        return value

    def previous_starts(self, tz, status):
        lines = self.lines("event-previous-start")
        if status == "rescheduled" and not lines:
            self.problem("event-previous-start", "przy Event-status: rescheduled trzeba "
                         "podać wcześniejszy termin", DATETIME_FORM + ", jeden w wierszu")
        starts = tuple(self._datetime_value("event-previous-start", line, tz) for line in lines)
        if None in starts:
            return ()
        if len(set(starts)) != len(starts):
            self.problem("event-previous-start", "ten sam termin podano więcej niż raz",
                         DATETIME_FORM + ", jeden w wierszu, w kolejności zmian")
        return starts

    def contacts(self):
        lines = self.lines("event-contacts")
        if not lines:
            self.problem("event-contacts", "to pole jest wymagane", _CONTACT_FORM)
        return tuple(filter(None, map(self._contact, lines)))

    def _contact(self, line):
        # "[name[,:]] e-mail [phone]": the address is the first word with an "@".
        words = line.split()
        at = next((i for i, word in enumerate(words) if "@" in word), 0)
        name = " ".join(words[:at]).rstrip(",:").strip() or None
        email = words[at].rstrip(",;") if words else ""
        phone = " ".join(words[at + 1:])
        phone_match = _PHONE_RE.fullmatch(re.sub(r"[\s-]", "", phone))
        if not _EMAIL_RE.fullmatch(email):
            self.problem("event-contacts", f"niepoprawny adres e-mail ({email})",
                         _CONTACT_FORM, line)
        elif too_long := _email_too_long(email):
            self.problem("event-contacts", too_long, _CONTACT_FORM, line)
        elif name and _PHONE_RE.fullmatch(re.sub(r"[\s-]", "", name)):
            self.problem("event-contacts", f"numer telefonu ({name}) stoi przed adresem "
                         "e-mail; wpisz go po adresie", _CONTACT_FORM, line)
        elif phone and not phone_match:
            self.problem("event-contacts", f"niepoprawny numer telefonu ({phone}); "
                         "polski numer ma 9 cyfr", _CONTACT_FORM, line)
        else:
            return Contact(email, "+48" + phone_match.group(2) if phone_match else None, name)
        return None

    def admission(self):
        value = " ".join(self.lines("event-admission"))
        if value.lower() == "free":
            return "free"
        if len(value) > ADMISSION_MAX:
            self.problem("event-admission", f"opis wstępu ma {len(value)} znaków",
                         f"free albo krótki opis, najwyżej {ADMISSION_MAX} znaków, np. "
                         "20 zł, płatne na miejscu")
        return value or None

    def geo(self):
        value = self.raw("event-geo")
        if not value:
            return None
        match = _GEO_RE.fullmatch(value)
        lat, lon = (float(match.group(1)), float(match.group(2))) if match else (99, 999)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.problem("event-geo", "to nie są współrzędne geograficzne",
                         "szerokość, długość w stopniach dziesiętnych, np. 51.0873, 17.2452")
            return None
        return (lat, lon)

    def unknown_keys(self):
        for key in self.metadata:
            if key.startswith("event-") and key not in KEYS:
                self.problem(key, "nieznane pole", "jedno z: " + ", ".join(KEYS.values()),
                             value=self.raw(key))


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


_CONTACT_FORM = ("jeden kontakt w wierszu: opcjonalnie nazwa, adres e-mail i opcjonalnie "
                 "telefon, np. Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281")
