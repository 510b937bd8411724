"""What an event's page and its cards show at the build's clock, in one language.

PHASES says what each phase of an event's life shows, as STATUS_TABLE (model.py) says what
each status means: templates print a row and never compare phase names. An EventView is
that row with the event's facts filled in, built once per event, clock and language by the
events plugin (all_generators_finalized), so macros take one object and decide nothing.
Text in the table is Polish, as the catalogues' msgids: templates translate it with `_()`.
"""

from dataclasses import dataclass, replace
from datetime import timedelta

from translations.translations import version_in

from .dates import day_time_text, format_date, time_text
from .model import N_


@dataclass(frozen=True)
class PhaseShows:
    """What a page shows in one phase."""

    state: str  # the state line's words: %(moment)s is when RSVPs close, %(phone)s a number
    state_class: str  # the state line's CSS class
    state_strong: bool  # the whole line in bold (else its words carry their own <strong>)
    rsvp: bool  # RSVPs open: "Zapisy do …", the primary action, RSVP mails, the card's "i zapisy"
    new_date: bool  # a rescheduled event's "Nowy termin:" line
    lead: bool  # the invitation's lead under the title (it speaks of the future)
    contacts_heading: str  # the contacts' heading when RSVPs are not open
    contacts_heading_hidden: bool  # for screen readers only: the state line said it
    calls_off: bool  # "Spotkanie zaplanowane na … nie odbędzie się."
    calendar: bool  # "Dodaj do kalendarza"
    coming_dates: bool  # a series' coming dates and the dates that will not take place
    archival_note: str  # above the invitation's text once its dates no longer hold ("": none)
    subscribe: bool  # the subscription to the whole calendar
    qr: bool  # the QR code for the printed notice: none once the event is over
    card_link: str  # the one link of the event's card
    state_no_phone: str = ""  # the state line when no contact has a phone ("": as `state`)
    other_date: bool = False  # "Termin nie pasuje?" where the event's date is flexible
    tense: str = "future"  # how the easy-to-read page speaks of it: ETR_TEXT's row


ASK = N_("Chcesz przyjść? Zapytaj organizatorów")
SIGN_UP_AND_QUESTIONS = N_("Zgłoszenia i pytania przyjmują")
QUESTIONS = N_("Pytania o spotkanie")

PHASES = {
    "open": PhaseShows(
        N_("Zapisy do %(moment)s"), "state-open", True, rsvp=True, new_date=True, lead=True,
        contacts_heading=SIGN_UP_AND_QUESTIONS, contacts_heading_hidden=False, calls_off=False,
        calendar=True, coming_dates=True, archival_note="", subscribe=True, qr=True,
        card_link=N_("Szczegóły i zapisy"), other_date=True),
    "closed": PhaseShows(
        N_("<strong>Zgłoszenia zamknięte</strong> – zapytaj organizatorów: %(phone)s"),
        "state-closed", False, rsvp=False, new_date=True, lead=True, contacts_heading=ASK,
        contacts_heading_hidden=True, calls_off=False, calendar=True, coming_dates=True,
        archival_note="", subscribe=True, qr=True, card_link=N_("Szczegóły"),
        state_no_phone=N_("<strong>Zgłoszenia zamknięte</strong> – zapytaj organizatorów")),
    "postponed": PhaseShows(
        N_("<strong>Przełożone</strong> – nowy termin podamy na tej stronie"), "state-moved",
        False, rsvp=False, new_date=False, lead=True,
        contacts_heading=N_("Zgłoszenia po ogłoszeniu nowego terminu"),
        contacts_heading_hidden=False, calls_off=False, calendar=False, coming_dates=True,
        archival_note="", subscribe=True, qr=True, card_link=N_("Szczegóły")),
    "past": PhaseShows(
        N_("Wydarzenie się odbyło"), "state-past", True, rsvp=False, new_date=False,
        lead=False, contacts_heading=QUESTIONS, contacts_heading_hidden=False, calls_off=False,
        calendar=False, coming_dates=False,
        archival_note=N_("Poniżej treść zaproszenia sprzed spotkania: terminy i zapisy, o "
                         "których mówi, nie są już aktualne."),
        subscribe=False, qr=False, card_link=N_("Szczegóły"), tense="past"),
    "cancelled": PhaseShows(
        N_("Odwołane"), "state-cancelled", True, rsvp=False, new_date=False, lead=False,
        contacts_heading=QUESTIONS, contacts_heading_hidden=False, calls_off=True,
        calendar=False, coming_dates=False,
        archival_note=N_("Poniżej treść zaproszenia sprzed odwołania: terminy i zapisy, o "
                         "których mówi, nie są już aktualne."),
        subscribe=False, qr=True, card_link=N_("Szczegóły"), tense="cancelled"),
}

# What Event-rsvp changes in the phases before and during an event (CONTENT-MODEL.md):
# `required` is PHASES itself; `optional` welcomes a sign-up that nobody needs; `none` has
# no sign-up at all, its contacts take questions. Past, cancelled: the same for every kind.
NO_SIGN_UP = N_("<strong>Wstęp bez zapisów</strong> – wystarczy przyjść")
PHASES_BY_RSVP = {
    "required": PHASES,
    "optional": {
        **PHASES,
        "open": replace(
            PHASES["open"], state_strong=False, card_link=N_("Szczegóły"),
            state=N_("<strong>Wstęp bez zapisów</strong> – możesz się zgłosić do %(moment)s")),
        "closed": replace(
            PHASES["closed"], contacts_heading=QUESTIONS, contacts_heading_hidden=False,
            state=N_("<strong>Wstęp bez zapisów</strong> – pytania: %(phone)s"),
            state_no_phone=N_("<strong>Wstęp bez zapisów</strong>")),
    },
    "none": {
        **PHASES,
        "open": replace(
            PHASES["open"], rsvp=False, state=NO_SIGN_UP, state_strong=False,
            contacts_heading=QUESTIONS, card_link=N_("Szczegóły")),
        "closed": replace(
            PHASES["closed"], state=NO_SIGN_UP, state_no_phone="", contacts_heading=QUESTIONS,
            contacts_heading_hidden=False),
        "postponed": replace(PHASES["postponed"], contacts_heading=QUESTIONS),
    },
}

# The easy-to-read page's sentences about an event, by its row's `tense`: short sentences,
# one fact each, no abbreviations ("roku", "godzina"), hours as the site writes them ("16.00").
ETR_TEXT = {
    "future": {"title": N_("Spotkanie nazywa się: „%(title)s”."),
               "when": N_("Spotkanie będzie %(day)s %(year)s roku."),
               "weekday": N_("To jest %(weekday)s."),
               "starts": N_("Spotkanie zacznie się o godzinie %(time)s."),
               "ends": N_("Spotkanie skończy się o godzinie %(time)s."),
               "where": N_("Miejsce spotkania:"),
               "free": N_("Spotkanie jest bezpłatne."),
               "last": N_("Spotkanie potrwa do %(day)s.")},
    "past": {"title": N_("Ostatnie spotkanie nazywało się: „%(title)s”."),
             "when": N_("Spotkanie było %(day)s %(year)s roku."),
             "weekday": N_("Dzień tygodnia: %(weekday)s."),
             "starts": N_("Spotkanie zaczęło się o godzinie %(time)s."),
             "ends": N_("Spotkanie skończyło się o godzinie %(time)s."),
             "where": N_("Miejsce spotkania:"),
             "free": N_("Spotkanie było bezpłatne."),
             "last": N_("Spotkanie trwało do %(day)s.")},
}
# What a resident must do to come, said simply: by Event-rsvp, and for `required` by whether
# sign-up is still open (with an hour, or until the end of a day).
ETR_SIGN_UP = {
    ("required", "hour"): N_("Zgłoś się do %(day)s, do godziny %(time)s."),
    ("required", "day"): N_("Zgłoś się najpóźniej %(day)s."),
    ("required", "closed"): N_("Zapisy już się skończyły. Zadzwoń i zapytaj, czy możesz przyjść."),
    ("optional", "hour"): N_("Możesz się zgłosić. Nie musisz."),
    ("optional", "day"): N_("Możesz się zgłosić. Nie musisz."),
    ("optional", "closed"): N_("Nie musisz się zgłaszać. Po prostu przyjdź."),
    ("none", "closed"): N_("Nie musisz się zgłaszać. Po prostu przyjdź."),
}
# Abbreviations an easy-to-read text writes out (an address as the editor typed it).
ETR_WORDS = {"ul. ": "ulica ", "al. ": "aleja ", "pl. ": "plac ", "os. ": "osiedle ",
             "nr ": "numer "}

# How often a series meets, as its lines say it ("Spotkania co tydzień, do …").
SERIES_LABELS = {"weekly": N_("co tydzień"), "biweekly": N_("co dwa tygodnie"),
                 "monthly": N_("raz w miesiącu")}


class EventView:
    """One event as a page in `lang` shows it at `now`: `article` is the version in that
    language (the Polish original where there is none: `foreign`), `shows` its phase's row."""

    def __init__(self, original, now, lang):
        self.article = version_in(original, lang)
        self.event = self.article.event
        self.now = now
        self.lang = lang
        self.foreign = self.article.lang != lang
        self.phase = self.event.phase(now)  # for CSS classes only: `shows` says what it means
        self.shows = PHASES_BY_RSVP[self.event.rsvp][self.phase]
        self.occurrence = self.event.shown_occurrence(now)  # a series' next date

    def render_key(self):
        """What a page showing this view depends on, for plugins/render_cache: the version,
        its event, the language and the stretch of the event's life the clock is in (the
        clock itself changes every build; what is shown changes only at state_changes)."""
        return self.article, self.event, self.lang, self.event.state_at(self.now)

    @property
    def date_known(self):
        return self.event.status_meaning.date_known

    @property
    def series_label(self):
        return SERIES_LABELS.get(self.event.repeat, "")

    @property
    def new_date(self):
        """The new start of a rescheduled event, while it is still ahead; else None."""
        return self.event.start if self.shows.new_date and self.event.previous_starts else None

    @property
    def rsvp_closes(self):
        """When RSVPs for the shown occurrence close, while they are open; else None."""
        return self.event.rsvp_closes(self.occurrence) if self.shows.rsvp else None

    @property
    def state(self):
        """The state line's words (Polish msgid) for the contacts this event has."""
        if self.phone_contact is None and self.shows.state_no_phone:
            return self.shows.state_no_phone
        return self.shows.state

    @property
    def invites_other_date(self):
        """"Termin nie pasuje? Poproś o inny termin…": only where Event-date-flexible says the
        organisers may move the date, and only while it is still ahead."""
        return self.shows.other_date and self.event.date_flexible

    @property
    def sign_up_contact(self):
        """The contact the primary "Zgłoś udział" writes to, while sign-up is open; else None."""
        return self.event.contacts[0] if self.shows.rsvp else None

    @property
    def span(self):
        """A series' first and last day where the page names the whole series instead of one
        date (once it has ended, or when it is called off); else None."""
        if not self.event.repeat or self.shows.coming_dates:
            return None
        return self.event.first_occurrence.day, self.event.last_date

    @property
    def span_in_one_year(self):
        first, last = self.span
        return first.year == last.year

    @property
    def etr(self):
        """The easy-to-read sentences (Polish msgids) for this event's tense, or None (a
        cancelled event is not what that page tells about)."""
        return ETR_TEXT.get(self.shows.tense)

    @property
    def etr_facts(self):
        """The shown occurrence's facts in the page's language, the easy-to-read way: the
        day without the year's abbreviation, the weekday, hours ("" for a whole day), the
        place with its abbreviations written out."""
        occ, lang = self.occurrence, self.lang
        timed = not occ.all_day
        place = self.event.location
        for short, full in ETR_WORDS.items():
            place = place.replace(short, full)
        return {"day": day_time_text(occ.day, lang), "year": occ.day.year,
                "weekday": format_date(occ.day, "EEEE", lang),
                "starts": time_text(occ.start, lang) if timed else "",
                "ends": time_text(occ.end, lang) if timed and occ.day == occ.last_day else "",
                "last": day_time_text(occ.last_day, lang) if occ.last_day != occ.day else "",
                "place": place, "free": self.event.free_admission}

    @property
    def etr_sign_up(self):
        """(msgid, values) of the sentence saying how to come, while the event is ahead;
        None once it is over."""
        if self.shows.tense != "future":
            return None
        closes = self.rsvp_closes
        if closes is None:
            return ETR_SIGN_UP[(self.event.rsvp, "closed")], {}
        last = closes - timedelta(minutes=1)  # sign-up closing at midnight: the day before
        kind = "day" if (closes.hour, closes.minute) == (0, 0) else "hour"
        return ETR_SIGN_UP[(self.event.rsvp, kind)], {
            "day": day_time_text(last.date(), self.lang), "time": time_text(closes, self.lang)}

    @property
    def phone_contact(self):
        """The first contact with a phone: the closed state line names it (None: no phone)."""
        return next((c for c in self.event.contacts if c.phone), None)

    @property
    def series_dates(self):
        """Whether the page lists a series' dates: a series, in a phase that shows them."""
        return self.shows.coming_dates and bool(self.event.repeat)

    @property
    def coming(self):
        """The occurrences not over yet (a running one included)."""
        return self.event.coming_occurrences(self.now)

    @property
    def skipped(self):
        """The excepted dates still ahead ("Nie odbędzie się: …")."""
        return self.event.coming_excepted_dates(self.now)

    @property
    def series_in_google(self):
        """Whether Google's link adds the whole series from the shown date on."""
        return self.event.links_carry_series(self.occurrence)


def views(original, now, languages):
    """{language: EventView} of an event for every language a page may be in."""
    return {lang: EventView(original, now, lang) for lang in languages}
