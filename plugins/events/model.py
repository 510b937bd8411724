"""The Event model: an event file's metadata, parsed and validated once.

Everything residents see about an event (page, .ics, calendar links, JSON-LD)
reads an `Event`; nothing else parses `Event-*` metadata.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cached_property
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from editorial.messages import InvalidContent, Problem
from placeholders.placeholders import neutral

from .occurrences import (MAX_OCCURRENCES, REPEATS, Occurrence, day_of, rule_parts,
                          rule_starts)
from .text import html_to_text

DATETIME_FORM = "RRRR-MM-DD GG:MM, np. 2025-01-22 16:00"
DATE_FORM = "RRRR-MM-DD, np. 2025-06-25"
# Event-start / Event-end: a time, or a day alone for an all-day event.
MOMENT_FORM = DATETIME_FORM + ", albo sam dzień RRRR-MM-DD dla wydarzenia całodniowego"
SAME_FORM = ("obie daty bez godziny, np. 2025-06-14 i 2025-06-15, albo obie z godziną, "
             "np. 2025-06-14 10:00 i 2025-06-14 18:00")
REPEAT_FORM = ("weekly (co tydzień), biweekly (co dwa tygodnie) albo monthly (raz w miesiącu, "
               "ten sam dzień tygodnia co w Event-start)")


def N_(text):
    """Marks Polish text that plugins translate later (translations/locale catalogues)."""
    return text


@dataclass(frozen=True)
class StatusMeaning:
    """What one Event-status means for every output; ics.py, jsonld.py and the templates
    read this instead of keeping their own maps."""

    ical: str  # calendar STATUS
    schema_org: str  # schema.org eventStatus
    weight: int  # its share of SEQUENCE; a reschedule adds 3, more than any status change
    takes_place: bool  # the page follows the clock; listed before the ones that do not
    always_coming: bool  # listed as coming even after its dates (its new date is unknown)
    rsvp: bool  # the page invites RSVPs (until each occurrence starts)
    summary_prefix: str  # for calendars that show no STATUS
    label: str  # what lists say next to the title ("" = nothing to say)
    date_known: bool = True  # False: the page says the date will be announced


STATUS_TABLE = {
    "scheduled": StatusMeaning("CONFIRMED", "https://schema.org/EventScheduled", 0,
                               True, False, True, "", ""),
    "rescheduled": StatusMeaning("CONFIRMED", "https://schema.org/EventRescheduled", 0,
                                 True, False, True, "", N_("zmiana terminu")),
    "postponed": StatusMeaning("TENTATIVE", "https://schema.org/EventPostponed", 1,
                               False, True, False, "", N_("termin zostanie podany"),
                               date_known=False),
    "cancelled": StatusMeaning("CANCELLED", "https://schema.org/EventCancelled", 2,
                               False, False, False, N_("ODWOŁANE: "), N_("odwołane")),
}
STATUSES = tuple(STATUS_TABLE)

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
    "event-repeat": "Event-repeat",
    "event-repeat-until": "Event-repeat-until",
    "event-except": "Event-except",
}
ADMISSION_MAX = 80  # one line of the page's facts and of the printed notice
# RFC 5321: the longest address mail servers accept, and its parts
EMAIL_MAX, EMAIL_LOCAL_MAX, EMAIL_LABEL_MAX = 254, 64, 63

_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_RE = re.compile(r"(\+48)?(\d{9})")
_GEO_RE = re.compile(r"(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)")


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


def event_uid(slug, uid_domain):
    """An event's calendar UID, stable across builds and hosts: the slug and a fixed
    domain (EVENTS_UID_DOMAIN), never SITEURL. The publish gate expects the same."""
    return f"{slug}@{uid_domain}"


@dataclass(frozen=True)
class Event:
    """One event file. `start`/`end` are its first date as written: aware datetimes, or for
    an all-day event dates with `end` the last day (inclusive). A series repeats that date
    by `repeat` up to `repeat_until`, skipping `excepted_dates`; `occurrences` lists them."""

    slug: str
    title: str  # plain text: no markup, no entities (typogrify's spans are stripped)
    start: date | datetime
    end: date | datetime
    location: str
    contacts: tuple
    geo: tuple | None = None
    rsvp_deadline: datetime | None = None
    organizers: tuple = ()
    status: str = "scheduled"
    previous_starts: tuple = ()  # dates for an all-day event
    admission: str | None = None  # "free" or the editor's short text
    accessibility: tuple = ()  # the venue's accessibility, one line each
    modified: datetime | None = None  # the article's Modified/Date, for DTSTAMP
    uid_domain: str = "localhost"
    zone: ZoneInfo | None = None  # default: the zone of `start` (required if all-day)
    repeat: str | None = None  # "weekly", "biweekly", "monthly"
    repeat_until: date | None = None
    excepted_dates: tuple = ()  # sorted dates

    def __post_init__(self):
        if self.zone is None and not self.all_day:  # one value for one fact: equal events
            object.__setattr__(self, "zone", self.start.tzinfo)

    @property
    def tz(self):
        return self.zone or self.start.tzinfo

    @property
    def tzid(self):
        return self.tz.key

    @property
    def all_day(self):
        return not isinstance(self.start, datetime)

    @property
    def uid(self):
        return event_uid(self.slug, self.uid_domain)

    @property
    def status_meaning(self):
        return STATUS_TABLE[self.status]

    @property
    def sequence(self):
        """Rises with every reschedule, status change and excepted date; editors never count."""
        return (3 * len(self.previous_starts) + self.status_meaning.weight
                + len(self.excepted_dates))

    @property
    def rule(self):
        """The series as RRULE parts (icalendar's vRecur takes them), or None."""
        return rule_parts(self.start, self.repeat, self.repeat_until) if self.repeat else None

    @cached_property
    def _rule_occurrences(self):
        length = self.end - self.start
        return tuple(Occurrence(start, start + length, self.tz)
                     for start in rule_starts(self.start, self.rule, MAX_OCCURRENCES))

    @cached_property
    def occurrences(self):
        """Every date the event takes place, in order (excepted dates left out)."""
        return tuple(o for o in self._rule_occurrences if o.day not in self.excepted_dates)

    @property
    def exdates(self):
        """The rule's starts on the excepted dates (calendar EXDATE values)."""
        return tuple(o.start for o in self._rule_occurrences if o.day in self.excepted_dates)

    @property
    def first_occurrence(self):
        return self.occurrences[0]

    @property
    def last_occurrence(self):
        return self.occurrences[-1]

    @property
    def last_date(self):
        """The last day of the last occurrence ("i kolejne do ...")."""
        return self.last_occurrence.last_day

    def coming_occurrences(self, now, limit=None):
        """Occurrences not over at `now` (a running one included), at most `limit`."""
        coming = tuple(o for o in self.occurrences if now < o.ends)
        return coming[:limit] if limit is not None else coming

    def next_occurrence(self, now):
        """The running or next occurrence at `now`; None when the last one has ended."""
        return next((o for o in self.occurrences if now < o.ends), None)

    def shown_occurrence(self, now):
        """The occurrence the page names: the next one, or the last one once all are over."""
        return self.next_occurrence(now) or self.last_occurrence

    def links_carry_series(self, occurrence):
        """Whether a link may add the whole series from `occurrence` on: a rule alone cannot
        skip a date, so not when an excepted date comes after it."""
        return bool(self.rule) and not any(day > occurrence.day for day in self.excepted_dates)

    def coming_excepted_dates(self, now):
        """Excepted dates still ahead at `now` (the page says they will not take place)."""
        return tuple(o.day for o in self._rule_occurrences
                     if o.day in self.excepted_dates and now < o.ends)

    def sort_key(self, now):
        """Lists order events by the occurrence they show (a series appears once)."""
        return self.shown_occurrence(now).begins

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
        return now < self.last_occurrence.ends or self.status_meaning.always_coming

    def phase(self, now):
        """Where the event is in its life at `now`: the page shows this. A series is open
        until each occurrence starts and past after its last one."""
        if not self.status_meaning.takes_place:
            return self.status  # cancelled or postponed, whatever the clock says
        coming = self.next_occurrence(now)
        if coming is None:
            return "past"
        if not self.status_meaning.rsvp:
            return "closed"
        return "closed" if now >= self.rsvp_closes(coming) else "open"

    def rsvp_closes(self, occurrence):
        """When RSVPs for `occurrence` close: the deadline, else its start."""
        return self.rsvp_deadline or occurrence.begins


def plain_text(title):
    """A title as Pelican hands it over (typogrify's spans, entities) -> plain text."""
    return html_to_text(title)


def parse_event(metadata, *, source, slug, title, default_timezone, uid_domain,
                modified=None):
    """Build an Event from Pelican metadata (lower-case keys) or raise InvalidContent."""
    parser = _Parser(metadata, source)
    title = plain_text(title)
    tz = parser.timezone(default_timezone)
    start = parser.moment("event-start", tz, required=True)
    end = parser.moment("event-end", tz, required=True)
    deadline = parser.datetime("event-rsvp-deadline", tz)
    status = parser.status()
    previous = parser.previous_starts(tz, status, start)
    repeat = parser.repeat()
    until = parser.date("event-repeat-until")
    excepted = parser.excepted_dates()
    event_fields = dict(
        location=neutral(parser.text("event-location")),
        contacts=parser.contacts(),
        geo=parser.geo(),
        organizers=tuple(map(neutral, parser.lines("event-organizers"))),
        admission=parser.admission(),
        accessibility=tuple(map(neutral, parser.lines("event-accessibility"))),
    )
    parser.unknown_keys()
    span_ok = parser.span(start, end)
    if span_ok and deadline and deadline >= Occurrence(start, end, tz).begins:
        parser.problem("event-rsvp-deadline", "termin zgłoszeń musi upływać przed "
                       f"początkiem ({_shown(start)})", DATETIME_FORM)
    parser.series(start if span_ok else None, repeat, until, excepted, deadline)
    if parser.problems:
        raise InvalidContent(parser.problems)
    return Event(slug=slug, title=title, start=start, end=end, rsvp_deadline=deadline,
                 status=status, previous_starts=previous, modified=modified, uid_domain=uid_domain,
                 zone=tz, repeat=repeat, repeat_until=until,
                 excepted_dates=tuple(sorted(excepted)), **event_fields)


def _exists(local):
    """False for a wall-clock time skipped when clocks move forward."""
    return local.astimezone(timezone.utc).astimezone(local.tzinfo).replace(
        tzinfo=None) == local.replace(tzinfo=None)


def _shown(moment):
    """A moment as the editor wrote it: "2025-01-22 16:00" or "2025-06-14"."""
    return f"{moment:%Y-%m-%d %H:%M}" if isinstance(moment, datetime) else moment.isoformat()


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

    def moment(self, key, tz, required=False):
        """Event-start / Event-end: a datetime, or a date for an all-day event."""
        value = self.raw(key)
        if not value:
            if required:
                self.problem(key, "to pole jest wymagane", MOMENT_FORM)
            return None
        if _DATE_RE.fullmatch(value):
            return self._day_value(key, value, MOMENT_FORM)
        return self._datetime_value(key, value, tz, MOMENT_FORM)

    def date(self, key):
        value = self.raw(key)
        return self._day_value(key, value) if value else None

    def _day_value(self, key, value, form=DATE_FORM):
        if not _DATE_RE.fullmatch(value):
            self.problem(key, "zła postać daty", form, value)
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"nie ma takiego dnia w kalendarzu ({value})", form, value)
            return None

    def _datetime_value(self, key, value, tz, form=DATETIME_FORM):
        if not _DATETIME_RE.fullmatch(value):
            self.problem(key, "zła postać daty i godziny", form, value)
            return None
        day, time = value.split()
        try:
            naive_day = datetime.strptime(day, "%Y-%m-%d")
        except ValueError:
            self.problem(key, f"nie ma takiego dnia w kalendarzu ({day})", form, value)
            return None
        try:
            hour = datetime.strptime(time, "%H:%M")
        except ValueError:
            self.problem(key, f"nie ma takiej godziny ({time}); doba ma godziny 00:00–23:59",
                         form, value)
            return None
        local = naive_day.replace(hour=hour.hour, minute=hour.minute, tzinfo=tz)
        if not _exists(local):
            self.problem(key, "tej godziny nie ma tego dnia (zmiana czasu na letni)",
                         form, value)
            return None
        return local

    def span(self, start, end):
        """Both ends in one form, the end not before the start; True when they fit."""
        if start is None or end is None:
            return False
        problems = len(self.problems)
        if isinstance(start, datetime) != isinstance(end, datetime):
            reason = ("Event-start to sam dzień (wydarzenie całodniowe), a Event-end ma godzinę"
                      if isinstance(end, datetime) else
                      "Event-start ma godzinę, a Event-end to sam dzień bez godziny")
            self.problem("event-end", reason + "; oba pola muszą mieć tę samą postać", SAME_FORM)
        elif isinstance(start, datetime) and end <= start:
            self.problem("event-end", "koniec musi być później niż początek "
                         f"({_shown(start)})", DATETIME_FORM)
        elif end < start:
            self.problem("event-end", f"ostatni dzień jest wcześniejszy niż pierwszy ({start})",
                         "RRRR-MM-DD, ten sam dzień co Event-start albo późniejszy")
        return len(self.problems) == problems

    def status(self):
        value = self.raw("event-status").lower() or "scheduled"
        if value not in STATUSES:
            self.problem("event-status", "nieznany stan wydarzenia", ", ".join(STATUSES))
            return "scheduled"
        return value

    def previous_starts(self, tz, status, start):
        """Earlier starts in the form of Event-start (a day alone for an all-day event)."""
        all_day = start is not None and not isinstance(start, datetime)
        form = "RRRR-MM-DD, np. 2025-06-14" if all_day else DATETIME_FORM
        lines = self.lines("event-previous-start")
        if status == "rescheduled" and not lines:
            self.problem("event-previous-start", "przy Event-status: rescheduled trzeba "
                         "podać wcześniejszy termin", form + ", jeden w wierszu")
        if all_day:
            starts = tuple(self._day_value("event-previous-start", line, form) for line in lines)
        else:
            starts = tuple(self._datetime_value("event-previous-start", line, tz)
                           for line in lines)
        if None in starts:
            return ()
        if len(set(starts)) != len(starts):
            self.problem("event-previous-start", "ten sam termin podano więcej niż raz",
                         form + ", jeden w wierszu, w kolejności zmian")
        return starts

    def repeat(self):
        value = self.raw("event-repeat").lower()
        if value and value not in REPEATS:
            self.problem("event-repeat", "nieznany rodzaj powtarzania", REPEAT_FORM)
            return None
        return value or None

    def excepted_dates(self):
        days = (self._day_value("event-except", line, DATE_FORM + ", jedna data w wierszu")
                for line in self.lines("event-except"))
        return {day for day in days if day}

    def series(self, start, repeat, until, excepted, deadline):
        """Event-repeat with its until and excepted dates, checked against the rule's dates."""
        if not repeat:
            if not self.raw("event-repeat"):  # (a wrong Event-repeat is reported already)
                for key in ("event-repeat-until", "event-except"):
                    if self.lines(key):
                        self.problem(key, "to pole działa tylko razem z Event-repeat",
                                     "Event-repeat: weekly, biweekly albo monthly, "
                                     "albo usunięcie tego pola")
            return
        if deadline:
            self.problem("event-rsvp-deadline", "wydarzenie cykliczne przyjmuje zgłoszenia do "
                         "początku każdego terminu, więc nie ma jednego terminu zgłoszeń",
                         "usunięcie pola Event-rsvp-deadline")
        if not self.lines("event-repeat-until"):
            self.problem("event-repeat-until", "przy Event-repeat trzeba podać ostatni dzień "
                         "cyklu", DATE_FORM)
        if start is None or until is None:
            return
        first = day_of(start)
        if until < first:
            self.problem("event-repeat-until", "ostatni dzień cyklu jest wcześniejszy niż "
                         f"pierwszy termin ({first})", f"RRRR-MM-DD, nie wcześniej niż {first}")
            return
        starts = rule_starts(start, rule_parts(start, repeat, until))
        days = [day_of(s) for s in starts]
        if len(days) > MAX_OCCURRENCES:
            self.problem("event-repeat-until", f"cykl miałby ponad {MAX_OCCURRENCES} terminów, "
                         "więcej, niż zmieści kalendarz",
                         f"RRRR-MM-DD, najpóźniej {days[MAX_OCCURRENCES - 1]}")
            return
        for day in sorted(excepted - set(days)):
            nearest = [d for d in days if d < day][-1:] + [d for d in days if d > day][:1]
            self.problem("event-except", "tego dnia nie ma w cyklu",
                         "daty z cyklu, jedna w wierszu; najbliższe tej dacie: "
                         + ", ".join(map(str, nearest)), value=day.isoformat())
        skipped = [s for s in starts if isinstance(s, datetime) and not _exists(s)
                   and day_of(s) not in excepted]
        if skipped:  # readers disagree on an hour that does not exist
            self.problem("event-start", f"cykl wypada też {skipped[0]:%Y-%m-%d}, a tego dnia "
                         f"nie ma godziny {skipped[0]:%H:%M} (zmiana czasu na letni)",
                         "inna godzina albo ten dzień w Event-except")
        if set(days) <= excepted:
            self.problem("event-except", "wyłączono wszystkie terminy cyklu, więc nie "
                         "odbędzie się żaden", "przynajmniej jeden termin cyklu poza Event-except "
                         "(albo Event-status: cancelled, gdy odwołany jest cały cykl)")

    def contacts(self):
        lines = self.lines("event-contacts")
        if not lines:
            self.problem("event-contacts", "to pole jest wymagane", _CONTACT_FORM)
        return tuple(filter(None, map(self._contact, lines)))

    def _contact(self, line):
        # "[name[,:]] e-mail [phone]": the address is the first word with an "@".
        words = line.split()
        at = next((i for i, word in enumerate(words) if "@" in word), 0)
        name = neutral(" ".join(words[:at]).rstrip(",:").strip()) or None
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
        value = neutral(" ".join(self.lines("event-admission")))
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
