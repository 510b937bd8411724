"""The keys editors write in a file's header, one entry each: the one place a key is
declared. From this table come the events model's parser (which Event attribute, which
form), the event-file writer and the prompts of `invoke new-event`, the key lists in error
messages, the header check's known keys, the tables of docs/redakcja.md and the fields of
the form-based editor.

Adding a key is one entry here plus the places that show it (templates, .ics, JSON-LD).
"""

from dataclasses import dataclass

from . import forms
from .forms import (CONTACT_FORM, DATE_FORM, DATE_PATTERN, DATETIME_FORM, DATETIME_PATTERN,
                    GEO_FORM, GEO_PATTERN, MOMENT_FORM, MOMENT_PATTERN, TIMEZONE_FORM)

STATUSES = ("scheduled", "rescheduled", "postponed", "cancelled")
REPEATS = ("weekly", "biweekly", "monthly")
RSVP_MODES = ("required", "optional", "none")
REPEAT_FORM = ("weekly (co tydzień), biweekly (co dwa tygodnie) albo monthly (raz w miesiącu, "
               "ten sam dzień tygodnia co w Event-start)")
LOCATION_FORM = "opis miejsca z adresem, np. Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica"


@dataclass(frozen=True)
class Key:
    """One key as editors write it."""

    name: str  # as editors write it (keys are case-insensitive, as everywhere in Pelican)
    label: str  # its Polish name: the form's label, the prompt
    form: str  # the expected form, as messages say it ("Oczekiwano: …")
    meaning: str  # what it is for, for editors (docs, the form's hint)
    example: tuple = ()  # value lines as editors write them
    required: bool = False
    required_when: str = ""  # the docs' word when it is required only with another key
    attr: str | None = None  # the Event attribute it fills (Event-* keys)
    read: object = None  # one value -> its Python value, or forms.FormError; None: Pelican's
    write: object = None  # its Python value -> one value as written
    multiline: bool = False  # one value a line (continuation lines of four spaces)
    join: str = "\n"  # how the lines of a one-value key are joined before it is read
    choices: tuple = ()  # the values it may take
    pattern: str | None = None  # what one value matches (ASCII; the form-based editor too)
    docs_form: str = ""  # the form as the docs' table shows it (default: `form`)
    default: object = None  # the value of a key left out (a one-value-a-line key: ())
    ask: str = ""  # `invoke new-event`'s question for it ("": not asked), in the table's order
    ask_when: tuple = ()  # (key, whether it has a value): asked only then, right after that key

    @property
    def lower(self):
        """The key as Pelican hands it over in metadata."""
        return self.name.lower()

    @property
    def empty(self):
        """The value when the editor leaves the key out."""
        return () if self.multiline else self.default


CONTENT_KEYS = (
    Key("Title", "Tytuł", "tytuł, np. Title: Spotkanie partnerstwa",
        "tytuł wydarzenia, aktualności albo strony",
        ("Reaktywacja Partnerstwa lokalnego w gminie Czernica",), required=True,
        read=forms.read_title, docs_form=f"tekst, najwyżej {forms.TITLE_MAX} znaków",
        ask="Tytuł wydarzenia (z niego powstaje adres strony)"),
    Key("Date", "Data dodania", "data wpisu, np. Date: 2025-01-08 12:00",
        "kiedy ogłoszenie dodano; ustala kolejność wpisów w kanale Atom",
        ("2025-01-08 12:00",), required=True, read=forms.read_moment, pattern=MOMENT_PATTERN,
        docs_form="`RRRR-MM-DD GG:MM`"),
    Key("Modified", "Data zmiany", DATETIME_FORM,
        "kiedy wpis ostatnio istotnie zmieniono (nieobowiązkowe)", ("2025-01-15 09:00",),
        read=forms.read_moment, pattern=MOMENT_PATTERN, docs_form="`RRRR-MM-DD GG:MM`"),
    Key("Category", "Kategoria", "Wydarzenia w content/wydarzenia/, Aktualności w "
        "content/aktualnosci/", "`Wydarzenia` albo `Aktualności`, zgodnie z katalogiem pliku; "
        "można pominąć", ("Wydarzenia",), docs_form="`Wydarzenia` albo `Aktualności`"),
    Key("Slug", "Adres strony", "małe litery bez polskich znaków, cyfry i myślniki, np. "
        "spotkanie-partnerstwa", "adres strony i identyfikator wydarzenia w kalendarzach; bez "
        "tego pola adresem jest nazwa pliku (bez `.md`); **nie zmieniaj go po publikacji**",
        ("reaktywacja-partnerstwa-lokalnego",), required_when="zalecane", read=forms.read_slug,
        pattern=forms.SLUG_PATTERN, docs_form="małe litery, cyfry, myślniki"),
    Key("Summary", "Zapowiedź", "jedno–dwa zdania zaproszenia",
        "zapowiedź na listach wydarzeń, na pierwszym ekranie strony i w kanale",
        ("Zapraszamy na bezpłatne spotkanie …",), required_when="zalecane",
        read=forms.read_summary, docs_form=f"jedno–dwa zdania, najwyżej {forms.SUMMARY_MAX} znaków",
        ask="Jedno–dwa zdania zaproszenia do list wydarzeń"),
    Key("Lang", "Język", "kod języka, np. uk", "język tłumaczenia (zob. "
        "[Tłumaczenia](#tłumaczenia-po-ukraińsku)); oryginał po polsku go nie ma", ("uk",),
        pattern=r"[a-z]{2}", docs_form="`uk`"),
    Key("Related", "Dotyczy wydarzeń", "Slug jednego z wydarzeń",
        "w aktualności: wydarzenia, których dotyczy (ich `Slug`, oddzielone przecinkami); "
        "aktualność pokaże się na ich stronach", ("reaktywacja-partnerstwa-lokalnego",),
        docs_form="`Slug` wydarzenia, kilka po przecinku"),
    Key("Funding", "Finansowanie", "jeden z kluczy FUNDING w pelicanconf.py",
        "oświadczenie o dofinansowaniu i pasek logotypów z ustawienia `FUNDING` w "
        "`pelicanconf.py`", ("dows-fe-dolny-slask",), docs_form="klucz z `FUNDING`"),
    Key("Status", "Szkic", "draft albo brak pola",
        "`draft` = szkic, niepublikowany (zob. [Szkice](#szkice))", ("draft",),
        choices=("draft", "published", "hidden"), docs_form="`draft`"),
)

EVENT_KEYS = (
    Key("Event-start", "Początek", MOMENT_FORM,
        "początek, czas lokalny; sam dzień = wydarzenie całodniowe (zob. [Wydarzenia "
        "całodniowe i cykliczne](#wydarzenia-całodniowe-i-cykliczne))", ("2025-01-22 16:00",),
        required=True, attr="start", read=forms.read_moment, write=forms.written,
        pattern=MOMENT_PATTERN, docs_form="`RRRR-MM-DD GG:MM` albo sam dzień `RRRR-MM-DD`",
        ask="Początek (RRRR-MM-DD GG:MM, albo sam dzień RRRR-MM-DD dla całego dnia)"),
    Key("Event-end", "Koniec", MOMENT_FORM,
        "koniec; później niż początek; może być innego dnia; przy samym dniu: **ostatni** "
        "dzień wydarzenia", ("2025-01-22 18:30",), required=True, attr="end",
        read=forms.read_moment, write=forms.written, pattern=MOMENT_PATTERN,
        docs_form="jak `Event-start` (obie z godziną albo obie bez)",
        ask="Koniec (RRRR-MM-DD GG:MM, albo ostatni dzień RRRR-MM-DD)"),
    Key("Event-timezone", "Strefa czasowa", TIMEZONE_FORM,
        "strefa czasowa, gdy wydarzenie jest za granicą; domyślnie `Europe/Warsaw`",
        ("Europe/Berlin",), attr="zone", read=forms.read_timezone,
        write=lambda zone: zone.key, docs_form="nazwa strefy IANA"),
    Key("Event-location", "Miejsce", LOCATION_FORM,
        "miejsce i adres tak, jak czytają je mieszkańcy; **część po ostatnim przecinku to "
        "miejscowość**", ("Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica",),
        required=True, attr="location", read=forms.read_text, write=str, join=" ",
        docs_form="tekst",
        ask="Miejsce z adresem (np. Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, "
        "Czernica)"),
    Key("Event-geo", "Współrzędne", GEO_FORM,
        "link do mapy OpenStreetMap i położenie w kalendarzu", ("51.0873, 17.2452",),
        attr="geo", read=forms.read_geo, write=lambda geo: f"{geo[0]}, {geo[1]}",
        pattern=GEO_PATTERN, docs_form="`szerokość, długość` w stopniach dziesiętnych "
        "(kropka, nie przecinek, w liczbach)"),
    Key("Event-rsvp-deadline", "Termin zgłoszeń", DATETIME_FORM,
        "do kiedy przyjmujemy zgłoszenia; przed początkiem", ("2025-01-20 14:00",),
        attr="rsvp_deadline", read=forms.read_datetime, write=forms.written,
        pattern=DATETIME_PATTERN, docs_form="`RRRR-MM-DD GG:MM`",
        ask="Termin zgłoszeń (RRRR-MM-DD GG:MM)",
        ask_when=("Event-repeat", False)),
    Key("Event-rsvp", "Zapisy", "required, optional albo none",
        "czy mieszkańcy się zapisują: `required` (domyślnie: przycisk „Zgłoś udział” i termin "
        "zgłoszeń), `optional` (zgłoszenie mile widziane, ale można przyjść bez niego), `none` "
        "(wystarczy przyjść: bez zapisów, kontakty służą pytaniom; wtedy bez "
        "`Event-rsvp-deadline`)", ("optional",), attr="rsvp",
        read=forms.choice(RSVP_MODES, "nieznany sposób zapisów"), write=str, choices=RSVP_MODES,
        default="required", docs_form="`required`, `optional` albo `none`",
        ask="Zapisy: required (trzeba się zgłosić; domyślnie), optional (można) albo none "
        "(bez zapisów)"),
    Key("Event-date-flexible", "Termin do uzgodnienia", "yes albo no",
        "`yes`: organizatorzy mogą przenieść termin, gdy wielu mieszkańcom nie pasuje, więc "
        "strona zaprasza, by o tym napisać; domyślnie `no`", ("yes",), attr="date_flexible",
        read=forms.yes_or_no, write=lambda flexible: "yes" if flexible else "no",
        choices=("yes", "no"), default=False, docs_form="`yes` albo `no`",
        ask="Czy termin można zmienić, gdy wielu osobom nie pasuje? yes albo no (domyślnie no)"),
    Key("Event-contacts", "Kontakty", CONTACT_FORM,
        "kto przyjmuje zgłoszenia i pytania; tekst przed adresem e-mail to nazwa osoby lub "
        "instytucji, pokazana obok adresu („Urząd Gminy Czernica – j.herok@czernica.pl”); "
        "pierwszy kontakt dostaje zgłoszenia z przycisku „Zgłoś udział” i jest organizatorem "
        "w kalendarzu (z tą nazwą)", ("Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281",
                                       "Jan Kowalski (GOPS) p.kobak@gops.czernica.pl"),
        required=True, attr="contacts", read=forms.read_contact, write=forms.contact_line,
        multiline=True, docs_form="jeden kontakt w wierszu: `nazwa, e-mail telefon` (nazwa i "
        "telefon nieobowiązkowe; polski numer, 9 cyfr, spacje dozwolone, można z `+48`)",
        ask="Kontakt: e-mail i opcjonalnie telefon, przed nimi może być nazwa (np. "
        "Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281)"),
    Key("Event-organizers", "Organizatorzy", "jedna organizacja w wierszu",
        "organizatorzy pokazani na stronie", ("Wójt Gminy Czernica",
                                              "Kierownik Gminnego Ośrodka Pomocy Społecznej"),
        attr="organizers", read=forms.read_text, write=str, multiline=True),
    Key("Event-status", "Stan", ", ".join(STATUSES),
        "stan: zaplanowane (domyślnie), przeniesione, przełożone bez terminu, odwołane",
        ("rescheduled",), attr="status",
        read=forms.choice(STATUSES, "nieznany stan wydarzenia"), write=str, choices=STATUSES,
        default="scheduled",
        docs_form="`scheduled`, `rescheduled`, `postponed`, `cancelled`"),
    Key("Event-previous-start", "Wcześniejsze terminy", DATETIME_FORM + ", jeden w wierszu",
        "każdy wcześniejszy termin początku", ("2025-01-22 16:00",),
        required_when="przy `rescheduled`", attr="previous_starts", read=forms.read_moment,
        write=forms.written, multiline=True, pattern=MOMENT_PATTERN,
        docs_form="jak `Event-start`, jeden w wierszu, w kolejności zmian"),
    Key("Event-admission", "Wstęp", forms.ADMISSION_FORM,
        "wstęp: `free` strona pokazuje jako „Wstęp wolny” (a wyszukiwarki dowiadują się, że "
        "wstęp jest bezpłatny); inny tekst, np. `20 zł, płatne na miejscu`, pokazuje tak, jak "
        "go wpisano; bez tego pola strona o wstępie nic nie mówi", ("free",), attr="admission", read=forms.read_admission,
        write=str, join=" ", docs_form="`free` albo krótki tekst (najwyżej 80 znaków)"),
    Key("Event-accessibility", "Dostępność miejsca", "tekst, jeden lub kilka wierszy",
        "dostępność miejsca tak, jak potrzebują jej mieszkańcy: wejście bez schodów, winda, "
        "toaleta dostosowana, pętla indukcyjna, parking, pomoc na miejscu; osobna część "
        "strony „Dostępność miejsca” i opis w kalendarzu",
        ("Wejście bez schodów od ul. Kolejowej.", "Toaleta dostosowana na parterze."),
        attr="accessibility", read=forms.read_text, write=str, multiline=True),
    Key("Event-repeat", "Powtarzanie", REPEAT_FORM,
        "wydarzenie cykliczne: co tydzień, co dwa tygodnie albo co miesiąc (ten sam dzień "
        "tygodnia w tym samym tygodniu miesiąca, np. w pierwszą środę)", ("biweekly",),
        attr="repeat", read=forms.choice(REPEATS, "nieznany rodzaj powtarzania"), write=str,
        choices=REPEATS, docs_form="`weekly`, `biweekly` albo `monthly`",
        ask="Powtarzanie: weekly (co tydzień), biweekly (co dwa tygodnie) albo "
        "monthly (raz w miesiącu)"),
    Key("Event-repeat-until", "Ostatni dzień cyklu", DATE_FORM,
        "ostatni dzień, w którym cykl może się odbyć (włącznie)", ("2025-06-25",),
        required_when="przy `Event-repeat`", attr="repeat_until", read=forms.read_date,
        write=forms.written, pattern=DATE_PATTERN, docs_form="`RRRR-MM-DD`",
        ask="Ostatni dzień cyklu (RRRR-MM-DD)", ask_when=("Event-repeat", True)),
    Key("Event-except", "Dni bez spotkania", DATE_FORM + ", jedna data w wierszu",
        "dni cyklu, w które spotkania nie będzie", ("2025-04-16", "2025-04-30"),
        required_when="nie, tylko przy `Event-repeat`", attr="excepted_dates",
        read=forms.read_date, write=forms.written, multiline=True, pattern=DATE_PATTERN,
        docs_form="`RRRR-MM-DD`, jeden w wierszu",
        ask="Dzień cyklu bez spotkania (RRRR-MM-DD)", ask_when=("Event-repeat", True)),
)

EVENT_KEY = {key.lower: key for key in EVENT_KEYS}
# Keys Pelican reads that editors of this site do not need (not in the docs or the form).
PELICAN_KEYS = ("tags", "author", "authors", "template", "save_as", "url", "translation")
KNOWN = {key.lower for key in CONTENT_KEYS + EVENT_KEYS} | set(PELICAN_KEYS)


def field_name(key):
    """A metadata key as the editor writes it: "event-rsvp-deadline" -> "Event-rsvp-deadline"."""
    known = EVENT_KEY.get(key)
    return known.name if known else key.capitalize()


def event_keys_in(metadata):
    """The Event-* keys an editor wrote (to catch them where they do not belong)."""
    return [field_name(k) for k in metadata if k.startswith("event-")]


# The docs' tables (docs/redakcja.md holds them between these markers; a test compares)

DOCS_MARKERS = {"content": ("<!-- pola wspólne: z plugins/editorial/keys.py -->",
                            "<!-- koniec pól wspólnych -->"),
                "event": ("<!-- pola wydarzenia: z plugins/editorial/keys.py -->",
                          "<!-- koniec pól wydarzenia -->")}


def docs_table(keys):
    """The Markdown table of `keys` for docs/redakcja.md."""
    rows = ["| pole | wymagane | postać | znaczenie | przykład |", "|---|---|---|---|---|"]
    for key in keys:
        required = "tak" if key.required else key.required_when or "nie"
        example = "<br>".join(f"`{key.name}: {line}`" if i == 0 else f"`    {line}`"
                              for i, line in enumerate(key.example))
        rows.append(f"| `{key.name}` | {required} | {key.docs_form or key.form} | "
                    f"{key.meaning} | {example} |")
    return "\n".join(rows)


def docs_tables():
    """{marker pair: table} for both tables."""
    return {DOCS_MARKERS["content"]: docs_table(CONTENT_KEYS),
            DOCS_MARKERS["event"]: docs_table(EVENT_KEYS)}


def with_docs_tables(text):
    """docs/redakcja.md's text with both tables as the key table makes them now."""
    for (start, end), table in docs_tables().items():
        before, found, rest = text.partition(start)
        _, found_end, after = rest.partition(end)
        if not (found and found_end):
            raise ValueError(f"docs/redakcja.md lacks the markers {start} … {end}")
        text = f"{before}{start}\n{table}\n{end}{after}"
    return text
