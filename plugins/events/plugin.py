"""Events plugin: validates every event file once, hands its problems and warnings to
the site checks (which stop a broken build before anything is written), exposes the Event
model to templates and writes the .ics files.

Signal order (see register()): initialized -> content_object_init (per file)
-> all_generators_finalized (problems, warnings + context) -> CalendarGenerator.generate_output
-> finalized (the QR codes kept for the next build).
"""

import dataclasses
import functools
import glob
import math
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import babel
import dateutil
import icalendar
from dateutil.relativedelta import relativedelta
from jinja2 import pass_context
from pelican import signals
from pelican.contents import Article, Page

from build_cache import BuildCache, cached, code_version, content_key, local_sources
from editorial.forms import phone_display
from editorial.keys import event_keys_in
from editorial.messages import WARNING, InvalidContent, Problem
from editorial.plugins import listed_in_plugins as plugin_listed
from editorial.sources import all_content, is_event_file, source_name
from translations.translations import page_language, version_in

from . import dates, ics, jsonld, links, model, view
from .model import parse_event, plain_text
from .qr import QrCodes, qr_svg
from .related import related_slugs

TYPO_YEARS = 2  # a start this far after the file's Date is more likely a typo in the year
_MODEL_VERSION = code_version(*local_sources(model), dateutil.__version__, icalendar.__version__)

DEFAULTS = {
    "EVENTS_DIR": "wydarzenia",
    "EVENTS_TIMEZONE": "Europe/Warsaw",
    "EVENTS_NOW": None,
    "EVENTS_CALENDAR_NAME": "Wydarzenia",
    "EVENTS_FEED_SAVE_AS": "kalendarz.ics",
    "EVENTS_UID_DOMAIN": "localhost",
    "EVENTS_AREA": None,  # (latitude, longitude) of the site's own area
    "EVENTS_AREA_KM": 300,  # a map pin further away is a warning
}

def _in_locale(context, value, *args, function, **kwargs):
    return function(value, *args, locale=page_language(context), **kwargs)


def in_page_language(function):
    """A filter that speaks the language of the page being rendered (`locale=`). A partial,
    not a closure: settings hold the filters, and Pelican's content cache pickles them."""
    return pass_context(functools.partial(_in_locale, function=function))


FILTERS = {
    # dates and times: "środa, 22 stycznia 2025 r." / "середа, 22 січня 2025 р."
    "day": in_page_language(dates.date_text),
    "time": in_page_language(dates.time_text),
    "moment": in_page_language(dates.datetime_text),
    "when": in_page_language(dates.when_html),  # the hours unbroken
    "day_time": in_page_language(dates.day_time_text),
    "deadline": in_page_language(dates.deadline_text),
    # links, mails and structured data in the page's language
    "rsvp_mailto": in_page_language(links.rsvp_mailto),
    "other_date_mailto": in_page_language(links.other_date_mailto),
    "question_mailto": in_page_language(links.question_mailto),
    "event_jsonld": in_page_language(jsonld.event_jsonld),
    "google_calendar_url": links.google_calendar_url,
    "outlook_url": links.outlook_url,
    "office365_url": links.office365_url,
    "webcal_url": links.webcal_url,
    "google_subscribe_url": links.google_subscribe_url,
    "tel_url": links.tel_url,
    "osm_url": links.osm_url,
    "phone_display": phone_display,
    "qr_svg": qr_svg,  # a build's own is QrCodes (on_initialized), which keeps them
    # an article or page in a language the caller names: macros read no page language
    "version_in": version_in,
}


def on_initialized(pelican):
    """Defaults (merged once: every content object shares these settings) and filters."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    settings.setdefault("JINJA_FILTERS", {}).update(FILTERS, qr_svg=QrCodes(settings))


def on_finalized(pelican):
    """Keep this build's QR codes for the next build (signals outlive builds: only ours)."""
    codes = pelican.settings.get("JINJA_FILTERS", {}).get("qr_svg")
    if isinstance(codes, QrCodes):
        codes.save()


def on_content_init(content):
    """Parse an event file's metadata into `content.event`, or record its problems."""
    if not isinstance(content, (Article, Page)) or content.relative_source_path is None:
        return  # only files an editor wrote
    settings = content.settings  # with DEFAULTS since on_initialized
    source = source_name(content)
    content.event = None
    content.event_problems = []
    if content.lang != settings["DEFAULT_LANG"]:  # a translation: its facts are the original's
        content.event_problems += _misplaced_keys(
            content, "tłumaczenie zawiera tylko tekst (Title, Summary, treść); terminy, miejsce "
            "i kontakty bierze z oryginału po polsku",
            "usunięcie tego pola z tłumaczenia (zmiany wpisuj w oryginale)")
    elif is_event_file(content, settings["EVENTS_DIR"]):
        facts = {"source": source, "slug": content.slug,
                 "title": getattr(content, "title", ""),  # a missing Title is Pelican's error
                 "default_timezone": settings["EVENTS_TIMEZONE"],
                 "uid_domain": settings["EVENTS_UID_DOMAIN"],
                 "modified": getattr(content, "modified", None) or getattr(content, "date", None)}
        # Kept by what the file says for the next build (plugins/build_cache).
        key = content_key(sorted(content.metadata.items()), sorted(facts.items()))
        content.event, problems = cached(settings, "events-model", _MODEL_VERSION, key,
                                         lambda: _parsed(content.metadata, facts))
        content.event_problems += problems
    else:
        content.event_problems += _misplaced_keys(
            content, "pola Event-* należą tylko do plików wydarzeń",
            f"plik w katalogu content/{settings['EVENTS_DIR']}/ albo usunięcie tego pola")


def _misplaced_keys(content, reason, expected):
    """A problem for every Event-* key where none belongs, its value as the editor wrote it
    (the lines of a multi-line value joined with " / ")."""
    def written(value):
        return " / ".join(value) if isinstance(value, list) else str(value)

    return [Problem(source_name(content), key, written(content.metadata[key.lower()]), reason,
                    expected) for key in event_keys_in(content.metadata)]


def _parsed(metadata, facts):
    """(the Event, []) or (None, its problems)."""
    try:
        return parse_event(metadata, **facts), []
    except InvalidContent as invalid:
        return None, invalid.problems


def build_now(settings):
    """The build's one clock: EVENTS_NOW ("YYYY-MM-DD HH:MM", site zone) or the real time;
    returns (now, problems)."""
    tz = ZoneInfo(settings["EVENTS_TIMEZONE"])
    value = settings["EVENTS_NOW"]
    if not value:
        return datetime.now(tz), []
    try:
        return datetime.strptime(str(value), "%Y-%m-%d %H:%M").replace(tzinfo=tz), []
    except ValueError:
        return datetime.now(tz), [Problem("pelicanconf.py", "EVENTS_NOW", str(value),
                                          "zła postać", "RRRR-MM-DD GG:MM")]


def on_all_generators_finalized(generators):
    """Hand every problem to the site checks (they stop the build); else give templates the
    event lists and the site checks the warnings."""
    contents = list(all_content(generators))
    settings, context = generators[0].settings, generators[0].context
    now, problems = build_now(settings)
    problems += [p for c in contents for p in getattr(c, "event_problems", [])]
    # Each event once, at the occurrence it shows: a series at its next one.
    events = sorted((a for a in context["articles"] if getattr(a, "event", None)),
                    key=lambda a: a.event.sort_key(now))
    news = [a for a in context["articles"] if not getattr(a, "event", None)]
    problems += _link_news(news, events)
    if problems:
        context.setdefault("editor_problems", []).extend(problems)
        return
    for article in events:  # the .ics lies next to the page (none for unpublished drafts)
        for version in (article, *article.translations):
            version.ics_save_as = os.path.join(os.path.dirname(version.save_as),
                                               f"{article.slug}.ics")
    attach_views(contents, now, page_languages(settings, contents))
    if listed_in_plugins(settings):  # a build of another theme has no event.html
        for content in contents:
            choose_template(content, settings)
    context["events_now"] = now
    context["EVENTS_SITE_URL"] = settings["SITEURL"]
    # Coming events: the next one that takes place first; cancelled and postponed ones after it.
    upcoming = [a for a in events if a.event.is_upcoming(now)]
    context["upcoming_events"] = sorted(
        upcoming, key=lambda a: not a.event.status_meaning.takes_place)
    context["past_events"] = [a for a in reversed(events) if not a.event.is_upcoming(now)]
    context["news_articles"] = news  # newest first, as Pelican sorts articles
    context["events_by_slug"] = {a.slug: a for a in events}
    context["related_news"] = {a.slug: [n for n in news if a.slug in n.related_events]
                               for a in events}
    # Once, for the original: a translation's event is the original's (no Event-* key there).
    context.setdefault("editor_warnings", []).extend(
        w for c in contents if getattr(c, "event", None)
        and c.lang == settings["DEFAULT_LANG"] for w in event_warnings(c, settings))


def page_languages(settings, contents):
    """Every language a page may be in: the site's, and any a file says (a wrong `Lang:` is
    the translations plugin's message to the editor, not a KeyError here)."""
    found = [settings["DEFAULT_LANG"], *settings.get("LANGUAGES", {})]
    return list(dict.fromkeys(found + [c.lang for c in contents]))


def attach_views(contents, now, languages):
    """Each event's view for templates (view.py), drafts' too: `event_views` on the original
    (a list shows it in the page's language), `event_view` on each version (its own page)."""
    for article in contents:
        if article.in_default_lang and getattr(article, "event", None):
            for version in (article, *article.translations):
                version.event = localized(article.event, version)
            article.event_views = view.views(article, now, languages)
            for version in (article, *article.translations):
                version.event_view = article.event_views[version.lang]


def listed_in_plugins(settings):
    """Whether this build runs the events plugin (editorial.plugins)."""
    return plugin_listed(settings, __package__)


def choose_template(content, settings):
    """An article's page template from its folder: event.html for the events folder,
    news.html for the rest (Pelican's `template`; editors never choose it). A draft
    translation whose original is published has no event facts to show: its text only."""
    if isinstance(content, Article):
        is_event = is_event_file(content, settings["EVENTS_DIR"])
        content.template = "event" if is_event and hasattr(content, "event_view") else "news"


def localized(event, version):
    """The event as a translation tells it: the original's facts, the translation's title."""
    if version.in_default_lang:
        return event
    return dataclasses.replace(event, title=plain_text(version.title))


def _link_news(news, events):
    """Give each news item the events it concerns; returns the problems of Related: keys."""
    slugs = {a.slug for a in events}
    problems = []
    for item in news:
        item.related_events, found = related_slugs(item, slugs, source_name(item))
        problems += found
    return problems


def event_warnings(content, settings):
    """What the editor most likely mistyped, though it may be right: a start years after
    the announcement's own Date: or before it, a map pin far from the site's area (latitude
    and longitude swapped?). Warnings: the build goes on."""
    event, source = content.event, source_name(content)
    start = event.first_occurrence.begins  # an aware instant, also for an all-day event
    value = event.start.isoformat() if event.all_day else f"{start:%Y-%m-%d %H:%M}"
    date = getattr(content, "date", None)
    if date and start > date + relativedelta(years=TYPO_YEARS):
        yield Problem(source, "Event-start", value,
                      f"początek jest ponad {TYPO_YEARS} lata po dacie wpisu "
                      f"(Date: {date:%Y-%m-%d %H:%M}) – to może być literówka w roku",
                      "sprawdzony rok początku wydarzenia", severity=WARNING)
    if date and start < date:
        yield Problem(source, "Event-start", value,
                      f"początek jest wcześniej niż data wpisu (Date: {date:%Y-%m-%d %H:%M}) "
                      "– to może być literówka", "sprawdzony rok i dzień początku albo pola Date",
                      severity=WARNING)
    area, radius = settings["EVENTS_AREA"], settings["EVENTS_AREA_KM"]
    if event.geo and area and (far := distance_km(event.geo, area)) > radius:
        yield Problem(source, "Event-geo", f"{event.geo[0]}, {event.geo[1]}",
                      f"to miejsce jest {far:.0f} km od gminy, więc szerokość i długość są pewnie "
                      "zamienione", "szerokość (dla Polski 49–55), przecinek, długość (14–24), "
                      "np. 51.0873, 17.2452", severity=WARNING)


def distance_km(a, b):
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


class CalendarGenerator:
    """Writes an .ics next to every event page and the subscribable feed of all events.

    Each VEVENT is kept in CACHE_PATH (plugins/build_cache) by a hash of what it is made
    from: the Event, the page's HTML, its address and language; the file is named after
    the code and the catalogues that make it, so an edit or a new version simply misses."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path
        self.cache = BuildCache(settings, "events-ics", _ics_code_version())

    def _part(self, article):
        """(event, VEVENT bytes) of an article in its language."""
        siteurl = self.settings["SITEURL"]
        page_url = f"{siteurl}/{article.url}" if siteurl.startswith("http") else None
        # Links in the text must work from a calendar too: absolute where SITEURL is.
        content = article.get_content(siteurl) if page_url else article.content
        event, lang = article.event, article.lang
        key = content_key(event, content, page_url, lang)
        return event, self.cache.get(key, lambda: ics.vevent_bytes(
            event, ics.description(event, content, lang, page_url), page_url, lang))

    def _write(self, save_as, data):
        path = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def generate_output(self, writer):
        articles = [a for a in self.context["articles"] if getattr(a, "event", None)]
        parts = [self._part(article) for article in articles]  # the feed: each event once
        for article, part in zip(articles, parts):
            self._write(article.ics_save_as, ics.joined([part]))
            for translation in article.translations:  # in its language, with the same UID
                self._write(translation.ics_save_as, ics.joined([self._part(translation)]))
        self._write(self.settings["EVENTS_FEED_SAVE_AS"],
                    ics.joined(parts, name=self.settings["EVENTS_CALENDAR_NAME"],
                               now=self.context["events_now"]))
        self.cache.save()


def _ics_code_version():
    """The code a VEVENT's bytes depend on: our modules, the catalogues, the libraries."""
    from translations import translations
    catalogues = sorted(glob.glob(os.path.join(translations.LOCALE_DIR, "*", "LC_MESSAGES",
                                               "*.po")))
    return code_version(*local_sources(ics, model), *catalogues, icalendar.__version__,
                        babel.__version__)


def get_generators(pelican):
    return CalendarGenerator


def register():
    # initialized: settings and filters exist before any reader or template runs.
    signals.initialized.connect(on_initialized)
    # content_object_init: once per file, before Pelican caches it, so previews reuse it.
    signals.content_object_init.connect(on_content_init)
    # all_generators_finalized: everything is read, nothing is written yet.
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    signals.get_generators.connect(get_generators)
    # finalized: every page is written.
    signals.finalized.connect(on_finalized)
