"""The event view templates read (plugins/events/view.py): what each phase of an event's
life shows, from Pelican articles made by tests/support.py (no site build); and the theme's
templates, which print the view and decide nothing about phases."""

import re
from pathlib import Path

import pytest

from support import ROOT, article, article_with_event, clock, settings
from events import plugin as events_plugin
from events.model import STATUS_TABLE
from events.view import PHASES, EventView

TEMPLATES = ROOT / "theme" / "templates"
DEADLINE = "2025-03-03 12:00"  # support's event is on 5 March 2025, 17:00–19:00


def view(now, lang="pl", **fields):
    return EventView(article_with_event(**fields), clock(now), lang)


def shown(v):
    """What the page and the card show, as a resident would list it."""
    s = v.shows
    return {"phase": v.phase, "state": v.state, "lead": s.lead,
            "rsvp": s.rsvp, "calendar": s.calendar, "series dates": v.series_dates,
            "archival note": s.archival_note, "calls off": s.calls_off,
            "subscribe": s.subscribe, "qr": s.qr, "card link": s.card_link,
            "contacts heading": s.contacts_heading}


COMING = {"lead": True, "calendar": True, "archival note": "", "calls off": False,
          "subscribe": True, "qr": True}
OPEN = {**COMING, "phase": "open", "state": "Zapisy do %(moment)s", "rsvp": True,
        "card link": "Szczegóły i zapisy", "contacts heading": "Zgłoszenia i pytania przyjmują"}
CLOSED = {**COMING, "phase": "closed", "rsvp": False,
          "state": "<strong>Zgłoszenia zamknięte</strong> – zapytaj organizatorów: %(phone)s",
          "card link": "Szczegóły", "contacts heading": "Chcesz przyjść? Zapytaj organizatorów"}
PAST = {"phase": "past", "state": "Wydarzenie się odbyło", "lead": False, "rsvp": False,
        "calendar": False, "series dates": False, "archival note": (
            "Poniżej treść zaproszenia sprzed spotkania: terminy i zapisy, o których mówi, "
            "nie są już aktualne."), "calls off": False, "subscribe": False, "qr": False,
        "card link": "Szczegóły", "contacts heading": "Pytania o spotkanie"}
CANCELLED = {"phase": "cancelled", "state": "Odwołane", "lead": False, "rsvp": False,
             "calendar": False, "series dates": False, "archival note": (
                 "Poniżej treść zaproszenia sprzed odwołania: terminy i zapisy, o których "
                 "mówi, nie są już aktualne."), "calls off": True, "subscribe": False,
             "qr": True, "card link": "Szczegóły", "contacts heading": "Pytania o spotkanie"}
POSTPONED = {"phase": "postponed",
             "state": "<strong>Przełożone</strong> – nowy termin podamy na tej stronie",
             "lead": True, "rsvp": False, "calendar": False, "series dates": False,
             "archival note": "", "calls off": False, "subscribe": True, "qr": True,
             "card link": "Szczegóły",
             "contacts heading": "Zgłoszenia po ogłoszeniu nowego terminu"}
WEEKLY = {"event_repeat": "weekly", "event_repeat_until": "2025-04-30"}


@pytest.mark.parametrize("name, now, fields, expected", [
    ("upcoming, sign-up open", "2025-03-01 12:00", {"event_rsvp_deadline": DEADLINE},
     {**OPEN, "series dates": False}),
    ("sign-up closed", "2025-03-04 12:00", {"event_rsvp_deadline": DEADLINE},
     {**CLOSED, "series dates": False}),
    ("ongoing", "2025-03-05 18:00", {}, {**CLOSED, "series dates": False}),
    ("past", "2025-03-06 12:00", {}, PAST),
    ("cancelled", "2025-03-01 12:00", {"event_status": "cancelled"}, CANCELLED),
    ("cancelled, after its date", "2025-03-06 12:00", {"event_status": "cancelled"}, CANCELLED),
    ("postponed", "2025-03-01 12:00", {"event_status": "postponed"}, POSTPONED),
    ("rescheduled", "2025-03-01 12:00",
     {"event_status": "rescheduled", "event_previous_start": "2025-02-26 17:00"},
     {**OPEN, "series dates": False}),
    ("series coming", "2025-03-10 12:00", WEEKLY, {**OPEN, "series dates": True}),
    ("series, one meeting running", "2025-03-12 18:00", WEEKLY, {**CLOSED, "series dates": True}),
    ("series ended", "2025-05-10 12:00", WEEKLY, PAST),
    ("postponed series", "2025-03-01 12:00", {**WEEKLY, "event_status": "postponed"},
     {**POSTPONED, "series dates": True}),
    ("cancelled series", "2025-03-10 12:00", {**WEEKLY, "event_status": "cancelled"}, CANCELLED),
    ("all-day, open", "2025-06-01 12:00",
     {"event_start": "2025-06-14", "event_end": "2025-06-15"}, {**OPEN, "series dates": False}),
    ("all-day, on the day", "2025-06-15 10:00",
     {"event_start": "2025-06-14", "event_end": "2025-06-15"}, {**CLOSED, "series dates": False}),
    ("all-day, past", "2025-06-16 00:00",
     {"event_start": "2025-06-14", "event_end": "2025-06-15"}, PAST),
    ("multi-day, open", "2025-03-06 12:00",
     {"event_start": "2025-03-07 17:00", "event_end": "2025-03-08 13:00"},
     {**OPEN, "series dates": False}),
    ("multi-day, second day", "2025-03-08 10:00",
     {"event_start": "2025-03-07 17:00", "event_end": "2025-03-08 13:00"},
     {**CLOSED, "series dates": False}),
    ("multi-day, past", "2025-03-08 13:00",
     {"event_start": "2025-03-07 17:00", "event_end": "2025-03-08 13:00"}, PAST),
])
def test_each_phase_shows_its_row(name, now, fields, expected):
    assert shown(view(now, **fields)) == expected, name


def test_open_rsvps_close_at_the_deadline_else_as_the_occurrence_begins():
    assert view("2025-03-01 12:00", event_rsvp_deadline=DEADLINE).rsvp_closes == clock(DEADLINE)
    assert view("2025-03-01 12:00").rsvp_closes == clock("2025-03-05 17:00")
    all_day = view("2025-06-01 12:00", event_start="2025-06-14", event_end="2025-06-15")
    assert all_day.rsvp_closes == clock("2025-06-14 00:00")  # the day before is the last
    for closed in (view("2025-03-04 12:00", event_rsvp_deadline=DEADLINE),
                   view("2025-03-06 12:00"), view("2025-03-01 12:00", event_status="cancelled")):
        assert closed.rsvp_closes is None


def test_a_closed_event_names_the_first_contact_with_a_phone():
    v = view("2025-03-04 12:00", event_rsvp_deadline=DEADLINE,
             event_contacts=["a@b.pl", "Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281"])
    assert v.phone_contact.email == "j.herok@czernica.pl"
    assert view("2025-03-04 12:00", event_contacts=["a@b.pl"]).phone_contact is None


def test_a_rescheduled_event_names_its_new_date_until_it_is_over():
    fields = {"event_status": "rescheduled", "event_previous_start": "2025-02-26 17:00"}
    assert view("2025-03-01 12:00", **fields).new_date == clock("2025-03-05 17:00")
    assert view("2025-03-05 18:00", **fields).new_date == clock("2025-03-05 17:00")  # ongoing
    assert view("2025-03-06 12:00", **fields).new_date is None  # past: the old date is history
    assert view("2025-03-01 12:00").new_date is None  # never moved


def test_a_series_shows_its_next_meeting_and_how_often_it_meets():
    coming = view("2025-03-10 12:00", **WEEKLY, event_except="2025-03-19")
    assert coming.occurrence.start == clock("2025-03-12 17:00")
    assert coming.series_label == "co tydzień"
    assert [o.start for o in coming.coming[:2]] == [clock("2025-03-12 17:00"),
                                                    clock("2025-03-26 17:00")]
    assert [d.isoformat() for d in coming.skipped] == ["2025-03-19"]
    assert not coming.series_in_google  # a rule alone cannot skip 19 March
    assert view("2025-03-10 12:00", **WEEKLY).series_in_google
    ended = view("2025-05-10 12:00", **WEEKLY)
    assert ended.occurrence.start == clock("2025-04-30 17:00")  # the last one, once all are over
    assert view("2025-03-10 12:00", event_repeat="biweekly",
                event_repeat_until="2025-04-30").series_label == "co dwa tygodnie"
    assert view("2025-03-10 12:00", event_repeat="monthly",
                event_repeat_until="2025-12-31").series_label == "raz w miesiącu"
    assert view("2025-03-01 12:00").series_label == ""


def test_a_postponed_event_has_no_date_to_show():
    assert not view("2025-03-01 12:00", event_status="postponed").date_known
    assert view("2025-03-01 12:00").date_known


def test_every_phase_an_event_can_be_in_has_a_row():
    """A new status that does not take place is a phase of its own: it needs its row."""
    phases = {"open", "closed", "past"} | {
        status for status, meaning in STATUS_TABLE.items() if not meaning.takes_place}
    assert set(PHASES) == phases


def translated(original, lang="uk", title="Зустріч"):
    """A translation of `original` as Pelican links it (Lang:, the same Slug:)."""
    version = article({"title": title, "lang": lang, "slug": original.slug},
                      source=f"wydarzenia/{original.slug}.{lang}.md")
    events_plugin.on_content_init(version)
    original.translations = [version]
    version.translations = [original]
    return version


def test_a_view_shows_the_version_in_the_page_language_else_the_original_marked_foreign():
    original = article_with_event()
    ukrainian = translated(original)
    events_plugin.attach_views([original, ukrainian], clock("2025-03-01 12:00"), ["pl", "uk"])
    assert original.event_view.article is original and not original.event_view.foreign
    assert ukrainian.event_view.article is ukrainian and not ukrainian.event_view.foreign
    assert ukrainian.event_view.event.title == "Зустріч"  # the facts are the original's
    assert ukrainian.event_view.event.start == original.event.start
    assert original.event_views["uk"] is ukrainian.event_view
    alone = article_with_event()
    events_plugin.attach_views([alone], clock("2025-03-01 12:00"), ["pl", "uk"])
    assert alone.event_views["uk"].article is alone and alone.event_views["uk"].foreign
    assert alone.event_views["uk"].lang == "uk"


def template_of(content):
    events_plugin.choose_template(content, content.settings)
    return content.template


def test_the_folder_chooses_the_template_never_the_editor():
    event = article_with_event()
    events_plugin.attach_views([event], clock("2025-03-01 12:00"), ["pl"])
    assert template_of(event) == "event"
    assert template_of(article(source="aktualnosci/zmiana-sali.md")) == "news"
    typed = article({"template": "page"}, source="aktualnosci/wpis.md")
    assert template_of(typed) == "news"
    typed_event = article_with_event(template="news")
    events_plugin.attach_views([typed_event], clock("2025-03-01 12:00"), ["pl"])
    assert template_of(typed_event) == "event"
    assert all((TEMPLATES / f"{name}.html").exists() for name in ("event", "news"))
    assert not (TEMPLATES / "article.html").exists()  # no third page that is both


PHASE_NAMES = "|".join(sorted({"open", "closed", "past", "scheduled", *STATUS_TABLE}))
PHASE_COMPARISONS = [
    re.compile(rf"""(==|!=)\s*['"]({PHASE_NAMES})['"]"""),  # x == 'open'
    re.compile(rf"""['"]({PHASE_NAMES})['"]\s*(==|!=)"""),  # 'open' == x
    re.compile(rf"""\b(in|not\s+in)\s*[(\[]\s*['"]({PHASE_NAMES})['"]"""),  # in ('past', …)
    re.compile(r"\bphase\s*(==|!=|\bin\b|\bnot\s+in\b|\bis\b)"),  # phase == …, phase in …
    re.compile(r"\.phase\("),  # a template working the phase out itself
    re.compile(r"""\brepeat\s*(==|!=)"""),  # how often a series meets: view.series_label
]


def template_files():
    return sorted(TEMPLATES.rglob("*.html"))


def test_the_finder_finds_a_phase_comparison():
    """The patterns below do catch what templates used to say."""
    old = ["{% if phase == 'open' %}", "{% if phase not in ('past', 'cancelled') %}",
           "{{ _('a') if phase == 'cancelled' else _('b') }}", "{% set p = event.phase(now) %}",
           "{% elif event.repeat == 'biweekly' %}", "' visually-hidden' if 'closed' == phase"]
    for line in old:
        assert any(p.search(line) for p in PHASE_COMPARISONS), line
    assert not any(p.search("{% if shows.rsvp %}") for p in PHASE_COMPARISONS)


def test_no_template_compares_phase_strings():
    assert template_files()
    found = [f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
             for path in template_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for pattern in PHASE_COMPARISONS if pattern.search(line)]
    assert found == []


MACRO_FILES = sorted((TEMPLATES / "macros").glob("*.html"))
CONTEXT_READS = re.compile(
    r"\b(page_language|in_language|localized_url|language_versions|original_of)\s*\(|"
    r"\b(DEFAULT_LANG|LANGUAGES|page_lang|events_now|localized_urls)\b")


def test_the_finder_finds_a_context_read():
    for line in ["{% set article = in_language(original) %}", "{% if lang != DEFAULT_LANG %}",
                 "{% set target = localized_url(url) %}", "{{ page_language() }}"]:
        assert CONTEXT_READS.search(line), line
    assert not CONTEXT_READS.search("{{ name_in_language(c.name) }}")  # text, as _() is


@pytest.mark.parametrize("path", MACRO_FILES, ids=lambda p: p.name)
def test_macros_read_only_their_parameters_and_the_text_helpers(path):
    """No macro works out the page's language or its version of an article itself."""
    body = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)  # comments
    macros = re.findall(r"\{%-?\s*macro\s+\w+\(([^)]*)\)", body)
    parameters = {p.split("=")[0].strip() for params in macros for p in params.split(",")}
    reads = [m.group(0) for m in CONTEXT_READS.finditer(body)
             if (m.group(2) or m.group(1)) not in parameters]
    assert macros and reads == []


def test_templates_are_chosen_only_in_builds_that_list_the_plugin():
    """Pelican's signals outlive a build: a later build in the same process without this
    plugin (another theme, no event.html) keeps Pelican's own template names."""
    assert events_plugin.listed_in_plugins(settings())
    assert not events_plugin.listed_in_plugins(settings(PLUGINS=["polish_typography"]))
    assert not events_plugin.listed_in_plugins(settings(PLUGINS=None))
