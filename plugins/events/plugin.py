"""Events plugin: validates every event file once, stops a broken build before
anything is written, exposes the Event model to templates and writes the .ics files.

Signal order (see register()): initialized -> content_object_init (per file)
-> all_generators_finalized (check + context) -> CalendarGenerator.generate_output.
"""

import logging
import os
from datetime import datetime
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

from . import dates, ics, jsonld, links
from .related import related_slugs
from .errors import install_recorder, recorded_errors, source_name, stop
from .model import (InvalidEvent, Problem, event_keys_in, header_problems, parse_event,
                    phone_display)
from .qr import qr_svg

log = logging.getLogger(__name__)

DEFAULTS = {
    "EVENTS_DIR": "wydarzenia",
    "EVENTS_TIMEZONE": "Europe/Warsaw",
    "EVENTS_NOW": None,
    "EVENTS_CALENDAR_NAME": "Wydarzenia",
    "EVENTS_FEED_SAVE_AS": "kalendarz.ics",
    "EVENTS_UID_DOMAIN": "localhost",
}

FILTERS = {
    "pl_date": dates.pl_date,
    "pl_time": dates.pl_time,
    "pl_datetime": dates.pl_datetime,
    "pl_when": dates.pl_when,
    "pl_day_time": dates.pl_day_time,
    "google_calendar_url": links.google_calendar_url,
    "outlook_url": links.outlook_url,
    "office365_url": links.office365_url,
    "webcal_url": links.webcal_url,
    "google_subscribe_url": links.google_subscribe_url,
    "rsvp_mailto": links.rsvp_mailto,
    "other_date_mailto": links.other_date_mailto,
    "tel_url": links.tel_url,
    "osm_url": links.osm_url,
    "event_jsonld": jsonld.event_jsonld,
    "phone_display": phone_display,
    "qr_svg": qr_svg,
}


def settings_with_defaults(settings):
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    return settings


def on_initialized(pelican):
    """Defaults, Jinja filters and a fresh recorder of Pelican's errors for this build."""
    settings = settings_with_defaults(pelican.settings)
    settings.setdefault("JINJA_FILTERS", {}).update(FILTERS)
    install_recorder()


def on_content_init(content):
    """Parse an event file's metadata into `content.event`, or record its problems."""
    if not isinstance(content, (Article, Page)) or content.relative_source_path is None:
        return  # only files an editor wrote
    settings = settings_with_defaults(content.settings)
    source = source_name(content)
    content.event = None
    content.event_problems = header_problems(content.source_path, source)
    in_events_dir = content.relative_source_path.split(os.sep)[0] == settings["EVENTS_DIR"]
    if isinstance(content, Article) and in_events_dir:
        title = getattr(content, "title", "")  # a missing Title is Pelican's own error
        try:
            content.event = parse_event(
                content.metadata, source=source, slug=content.slug, title=title,
                default_timezone=settings["EVENTS_TIMEZONE"],
                uid_domain=settings["EVENTS_UID_DOMAIN"],
                modified=getattr(content, "modified", None) or getattr(content, "date", None),
            )
        except InvalidEvent as invalid:
            content.event_problems += invalid.problems
    else:
        content.event_problems += [
            Problem(source, key, str(content.metadata[key.lower()]),
                    "pola Event-* należą tylko do plików wydarzeń",
                    f"plik w katalogu content/{settings['EVENTS_DIR']}/ albo usunięcie tego pola")
            for key in event_keys_in(content.metadata)]


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


def _all_content(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield from generator.articles + generator.translations + generator.drafts
            yield from generator.drafts_translations + generator.hidden_articles
        elif isinstance(generator, PagesGenerator):
            yield from generator.pages + generator.hidden_pages + generator.draft_pages


def _duplicate_slugs(contents, generators):
    """Two files, or a file and one of the site's own pages, that would share an address."""
    settings = generators[0].settings
    seen = {settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): f"strona „{name}” serwisu"
            for name in settings["DIRECT_TEMPLATES"]}
    for generator in generators:
        for category, _ in getattr(generator, "categories", []):
            seen[category.save_as] = f"lista kategorii „{category}”"
    for content in contents:
        if not getattr(content, "save_as", None):
            continue  # not written at all (e.g. a draft when publishing)
        if content.save_as in seen:
            yield Problem(source_name(content), "Slug", content.slug,
                          f"ten sam adres ma już {seen[content.save_as]}",
                          "inny Slug albo inna nazwa pliku")
        seen.setdefault(content.save_as, source_name(content))


def on_all_generators_finalized(generators):
    """Stop before any output if anything is wrong; else give templates the event lists."""
    contents = list(_all_content(generators))
    settings = generators[0].settings
    problems = [p for c in contents for p in getattr(c, "event_problems", [])]
    problems += list(_duplicate_slugs(contents, generators))
    problems += list(_funding_problems(contents, settings))
    problems += recorded_errors()
    now, clock_problems = build_now(settings)
    problems += clock_problems
    context = generators[0].context
    # Each event once, at the occurrence it shows: a series at its next one.
    events = sorted((a for a in context["articles"] if getattr(a, "event", None)),
                    key=lambda a: a.event.sort_key(now))
    news = [a for a in context["articles"] if not getattr(a, "event", None)]
    problems += _link_news(news, events)
    if problems:
        stop(problems)
    for article in events:  # the .ics lies next to the page (none for unpublished drafts)
        article.ics_save_as = os.path.join(os.path.dirname(article.save_as), f"{article.slug}.ics")
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
    context["funding_logos_present"] = funding_logos_present(settings)
    context["site_logo_present"] = site_logo_present(settings)


def _link_news(news, events):
    """Give each news item the events it concerns; returns the problems of Related: keys."""
    slugs = {a.slug for a in events}
    problems = []
    for item in news:
        item.related_events, found = related_slugs(item, slugs, source_name(item))
        problems += found
    return problems


def _funding_problems(contents, settings):
    known = settings.get("FUNDING", {})
    for content in contents:
        key = content.metadata.get("funding")
        if key and key not in known:
            yield Problem(source_name(content), "Funding", key, "nieznane źródło finansowania",
                          "jeden z kluczy FUNDING w pelicanconf.py: " + ", ".join(known))


def funding_logos_present(settings):
    """Which funding logo strips exist; a missing official file is a warning, not a break."""
    present = {}
    for key, funding in settings.get("FUNDING", {}).items():
        present[key] = os.path.isfile(os.path.join(settings["PATH"], funding["logo"]))
        if not present[key]:
            log.warning("Brak pliku z logotypami finansowania %r: content/%s. Miejsce na "
                        "logotypy pozostanie puste, dopóki redakcja nie doda oficjalnego pliku.",
                        key, funding["logo"])
    return present


def site_logo_present(settings):
    """Whether the header's logo file exists; missing, the header shows the name alone."""
    logo = settings.get("SITE_LOGO")
    if not logo:
        return False
    if os.path.isfile(os.path.join(settings["PATH"], logo["file"])):
        return True
    log.warning("Brak pliku z herbem lub logo w nagłówku: content/%s. Nagłówek pokazuje "
                "samą nazwę, dopóki redakcja nie doda pliku.", logo["file"])
    return False


class CalendarGenerator:
    """Writes an .ics next to every event page and the subscribable feed of all events."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def _entry(self, article):
        siteurl = self.settings["SITEURL"]
        page_url = f"{siteurl}/{article.url}" if siteurl.startswith("http") else None
        # Links in the text must work from a calendar too: absolute where SITEURL is.
        content = article.get_content(siteurl) if page_url else article.content
        return article.event, ics.description(article.event, content), page_url

    def _write(self, save_as, data):
        path = os.path.join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)

    def generate_output(self, writer):
        articles = [a for a in self.context["articles"] if getattr(a, "event", None)]
        entries = [self._entry(article) for article in articles]
        for article, entry in zip(articles, entries):
            self._write(article.ics_save_as, ics.calendar([entry]))
        self._write(self.settings["EVENTS_FEED_SAVE_AS"],
                    ics.calendar(entries, name=self.settings["EVENTS_CALENDAR_NAME"],
                                 now=self.context["events_now"]))


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
