"""The Event model: an event file's metadata, parsed and validated once.

Everything residents see about an event (page, .ics, calendar links, JSON-LD)
reads an `Event`; nothing else parses `Event-*` metadata. Each key's form comes from the
key table (editorial/keys.py); this module adds the zone and the rules between keys.
"""

from bisect import bisect_right
from dataclasses import dataclass, field, make_dataclass
from datetime import datetime, timezone
from functools import cached_property
from zoneinfo import ZoneInfo

from editorial.forms import DATE_FORM, DATETIME_FORM, Contact, FormError, written
from editorial.keys import EVENT_KEY, EVENT_KEYS, field_name
from editorial.messages import InvalidContent, Problem
from editorial.sources import split_lines
from placeholders.placeholders import neutral

from .occurrences import MAX_OCCURRENCES, Occurrence, day_of, rule_parts, rule_starts
from .text import html_to_text

SAME_FORM = ("obie daty bez godziny, np. 2025-06-14 i 2025-06-15, albo obie z godziną, "
             "np. 2025-06-14 10:00 i 2025-06-14 18:00")


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


def event_uid(slug, uid_domain):
    """An event's calendar UID, stable across builds and hosts: the slug and a fixed
    domain (EVENTS_UID_DOMAIN), never SITEURL. The publish gate expects the same."""
    return f"{slug}@{uid_domain}"


class _Event:
    """One event file (the dataclass `Event` below adds the fields). `start`/`end` are its
    first date as written: aware datetimes, or for an all-day event dates with `end` the
    last day (inclusive). A series repeats that date by `repeat` up to `repeat_until`,
    skipping `excepted_dates`; `occurrences` lists them."""

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

    @cached_property
    def state_changes(self):
        """Every instant at which what a page shows of the event may change, in order: the
        methods above compare the clock with these alone (each date's start, when RSVPs
        close without a deadline; each date's end, excepted dates' too; the deadline)."""
        moments = {o.begins for o in self.occurrences}
        moments |= {o.ends for o in self._rule_occurrences}
        if self.rsvp_deadline:
            moments.add(self.rsvp_deadline)
        return tuple(sorted(moments))

    def state_at(self, now):
        """Which stretch between state changes `now` falls in: pages of an event made at
        two moments with the same number show the same (plugins/render_cache keys by it)."""
        return bisect_right(self.state_changes, now)


# The fields: the file's slug and title, one per key of the key table (its `attr`, with its
# `empty` value when the editor leaves it out), and what the build adds. A key added to
# the table is a field here without a line of this module.
Event = make_dataclass("Event", [
    ("slug", str), ("title", str),  # title: plain text, no markup (typogrify's spans stripped)
    *[(key.attr, object) for key in EVENT_KEYS if key.required],
    *[(key.attr, object, field(default=key.empty)) for key in EVENT_KEYS if not key.required],
    ("modified", datetime | None, field(default=None)),  # Modified/Date, for DTSTAMP
    ("uid_domain", str, field(default="localhost")),
], bases=(_Event,), frozen=True)
Event.__module__ = __name__  # where pickle (the build caches) finds it again


def plain_text(title):
    """A title as Pelican hands it over (typogrify's spans, entities) -> plain text."""
    return html_to_text(title)


def parse_event(metadata, *, source, slug, title, default_timezone, uid_domain,
                modified=None):
    """Build an Event from Pelican metadata (lower-case keys) or raise InvalidContent."""
    reader = _Reader(metadata, source)
    values = {key.attr: reader.value(key) for key in EVENT_KEYS}
    reader.unknown_keys()
    tz = values["zone"] or ZoneInfo(default_timezone)
    for attr in ("start", "end", "rsvp_deadline"):
        values[attr] = reader.localized(attr, values[attr], tz)
    values["previous_starts"] = reader.previous_starts(values, tz)
    for attr in ("location", "admission"):
        values[attr] = neutral(values[attr]) if values[attr] else values[attr]
    for attr in ("organizers", "accessibility"):
        values[attr] = tuple(map(neutral, values[attr]))
    values["location"] = values["location"] or ""
    values["contacts"] = tuple(Contact(c.email, c.phone, c.name and neutral(c.name))
                               for c in values["contacts"])
    start, end, deadline = values["start"], values["end"], values["rsvp_deadline"]
    span_ok = reader.span(start, end)
    if span_ok and deadline and deadline >= Occurrence(start, end, tz).begins:
        reader.problem("event-rsvp-deadline", "termin zgłoszeń musi upływać przed "
                       f"początkiem ({written(start)})", DATETIME_FORM)
    if values["rsvp"] == "none" and deadline:
        reader.problem("event-rsvp-deadline", "przy Event-rsvp: none nie ma zapisów, więc nie "
                       "ma też terminu zgłoszeń", "usunięcie pola Event-rsvp-deadline albo "
                       "Event-rsvp: required")
    values["excepted_dates"] = tuple(sorted(set(values["excepted_dates"])))
    reader.series(start if span_ok else None, values)
    if reader.problems:
        raise InvalidContent(reader.problems)
    return Event(slug=slug, title=plain_text(title), modified=modified, uid_domain=uid_domain,
                 **{**values, "zone": tz})


def _exists(local):
    """False for a wall-clock time skipped when clocks move forward."""
    return local.astimezone(timezone.utc).astimezone(local.tzinfo).replace(
        tzinfo=None) == local.replace(tzinfo=None)


class _Reader:
    """Reads one file's Event-* values through the key table, collecting every problem
    instead of stopping."""

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
            value = split_lines(value)
        return [line.strip() for line in value if line.strip()]

    def value(self, key):
        """The key's value in its form (a tuple for a key of one value a line); its empty
        value when it is missing or wrong."""
        lines = self.lines(key.lower)
        if not lines and key.required:
            self.problem(key.lower, "to pole jest wymagane", key.form)
        if key.multiline:
            return tuple(value for value in (self._read(key, line) for line in lines)
                         if value is not None)
        return self._read(key, key.join.join(lines)) if lines else key.empty

    def _read(self, key, text):
        try:
            return key.read(text)
        except FormError as wrong:
            self.problem(key.lower, wrong.reason, wrong.expected or key.form, text)
            return key.empty if not key.multiline else None

    def localized(self, attr, moment, tz):
        """A naive datetime in the event's zone (a date stays a date); None for a time
        skipped when clocks move forward."""
        if not isinstance(moment, datetime):
            return moment
        local = moment.replace(tzinfo=tz)
        if not _exists(local):
            key = next(k for k in EVENT_KEYS if k.attr == attr)
            self.problem(key.lower, "tej godziny nie ma tego dnia (zmiana czasu na letni)",
                         key.form, written(moment))
            return None
        return local

    def previous_starts(self, values, tz):
        """Earlier starts in the form of Event-start (a day alone for an all-day event)."""
        start, key = values["start"], "event-previous-start"
        all_day = start is not None and not isinstance(start, datetime)
        form = "RRRR-MM-DD, np. 2025-06-14" if all_day else DATETIME_FORM
        starts = values["previous_starts"]
        if values["status"] == "rescheduled" and not self.lines(key):
            self.problem(key, "przy Event-status: rescheduled trzeba podać wcześniejszy "
                         "termin", form + ", jeden w wierszu")
        for moment in starts:
            if isinstance(moment, datetime) == all_day:
                self.problem(key, "zła postać daty" if all_day else "zła postać daty i godziny",
                             form, written(moment))
        wrong = len(starts) != len(self.lines(key)) or any(
            isinstance(moment, datetime) == all_day for moment in starts)
        if wrong:
            return ()
        starts = tuple(self.localized("previous_starts", moment, tz) for moment in starts)
        if None in starts:
            return ()
        if len(set(starts)) != len(starts):
            self.problem(key, "ten sam termin podano więcej niż raz",
                         form + ", jeden w wierszu, w kolejności zmian")
        return starts

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
                         f"({written(start)})", DATETIME_FORM)
        elif end < start:
            self.problem("event-end", f"ostatni dzień jest wcześniejszy niż pierwszy ({start})",
                         "RRRR-MM-DD, ten sam dzień co Event-start albo późniejszy")
        return len(self.problems) == problems

    def series(self, start, values):
        """Event-repeat with its until and excepted dates, checked against the rule's dates."""
        repeat, until = values["repeat"], values["repeat_until"]
        excepted = set(values["excepted_dates"])
        if not repeat:
            if not self.lines("event-repeat"):  # (a wrong Event-repeat is reported already)
                for key in ("event-repeat-until", "event-except"):
                    if self.lines(key):
                        self.problem(key, "to pole działa tylko razem z Event-repeat",
                                     "Event-repeat: weekly, biweekly albo monthly, "
                                     "albo usunięcie tego pola")
            return
        if values["rsvp_deadline"]:
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
        self._overlap(starts, values["end"] - start)
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

    def _overlap(self, starts, length):
        """Each date of a series ends before the next begins (an all-day event's `length`
        runs to its last day, inclusive)."""
        for first, second in zip(starts, starts[1:]):
            ends = first + length
            if ends > second or (not isinstance(first, datetime) and ends >= second):
                self.problem("event-repeat", f"jeden termin trwa dłużej, niż wynosi odstęp "
                             f"między terminami cyklu: {written(first)} i {written(second)} "
                             "nachodzą na siebie", "krótsze wydarzenie albo rzadsze powtarzanie")
                return

    def unknown_keys(self):
        for key in self.metadata:
            if key.startswith("event-") and key not in EVENT_KEY:
                self.problem(key, "nieznane pole", "jedno z: " + ", ".join(
                    k.name for k in EVENT_KEYS), value="\n".join(self.lines(key)))
