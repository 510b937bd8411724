"""The publish gate: checks on a built publish folder, each finding a Polish sentence.

`invoke publish` runs check_built_site() on the folder it is about to push and publishes
nothing unless the list is empty; the tests run the same checks. Needs only what building
the site needs (Pelican, icalendar, the standard library).
"""

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import read_settings

from editorial.admin_site import ENTRY, FOLDER
from editorial.sources import editor_path, is_event_file, lines_containing
from events.model import event_uid

from .build import pelican_quiet
from .crawl import crawl_site, served_at


def check_built_site(output, siteurl, content_path, settings_file):
    """Every reason not to publish `output`, built for `siteurl` from `content_path`."""
    output = Path(output)
    if not (output / "index.html").is_file():
        return ["brak strony głównej (index.html)"]
    settings, contents = read_content(content_path, settings_file, siteurl)
    return (admin_problems(output) + calendar_problems(output, settings, contents)
            + link_problems(output, siteurl, page_sources(siteurl, content_path, contents))
            + sitemap_problems(output, siteurl) + draft_problems(output, contents))


def read_content(content_path, settings_file, siteurl=""):
    """Every content file, read by Pelican's own readers with the given settings (and the
    SITEURL the site was built for: without it Pelican warns, in English, about feeds)."""
    with pelican_quiet():
        return _read_content(content_path, settings_file, siteurl)


def _read_content(content_path, settings_file, siteurl):
    settings = read_settings(str(settings_file),
                             override={"PATH": str(content_path), "SITEURL": siteurl})
    readers = Readers(settings)
    found = []
    for folders, content_class in ((settings["ARTICLE_PATHS"], Article),
                                   (settings["PAGE_PATHS"], Page)):
        for folder in folders:
            for path in sorted((Path(content_path) / folder).rglob("*")):
                if path.suffix.lstrip(".") in readers.extensions:
                    found.append(readers.read_file(
                        base_path=str(content_path), path=str(path.relative_to(content_path)),
                        content_class=content_class, context={}))
    return settings, found


# What plugins/admin puts in admin/ when the npm package decap-cms is installed.
ADMIN_FILES = tuple(f"{FOLDER}/{name}" for name in ("index.html", "config.yml", ENTRY))


def admin_problems(output):
    """Every publish carries the editors' form (/admin/): without it, editors could not
    work until the next publish that has it."""
    if all((output / name).is_file() for name in ADMIN_FILES):
        return []
    return ["brak panelu redakcji /admin/: strona zbudowała się bez pakietu npm decap-cms. "
            "Uruchom w katalogu projektu `npm ci` (potrzebny Node.js 20 lub nowszy) i "
            "opublikuj ponownie"]


def published_events(settings, contents):
    return [c for c in contents
            if c.status == "published" and is_event_file(c, settings["EVENTS_DIR"])]


def drafts(contents):
    return [c for c in contents if c.status == "draft"]


def calendar_problems(output, settings, contents):
    """Every published event has its page and an .ics with its UID; the feed has them all;
    every calendar file a host serves parses."""
    problems, uid_domain = [], settings.get("EVENTS_UID_DOMAIN", "localhost")
    events = published_events(settings, contents)
    uids = {article: event_uid(article.slug, uid_domain) for article in events}
    for article in events:
        page, ics = Path(article.save_as), Path(article.save_as).parent / f"{article.slug}.ics"
        if not (output / page).is_file():
            problems.append(f"brak strony wydarzenia {page}")
        if not (output / ics).is_file():
            problems.append(f"brak kalendarza wydarzenia {ics}")
        elif _uids(output / ics, problems) not in ([uids[article]], None):
            problems.append(f"kalendarz {ics} nie zawiera tego wydarzenia (UID {uids[article]})")
    feed = settings.get("EVENTS_FEED_SAVE_AS", "kalendarz.ics")
    if not (output / feed).is_file():
        problems.append(f"brak kalendarza wszystkich wydarzeń {feed}")
    else:
        missing = set(uids.values()) - set(
            _uids(output / feed, problems) or [])
        problems += [f"kalendarz {feed} nie zawiera wydarzenia {uid}" for uid in sorted(missing)]
    for path in sorted(output.rglob("*.ics")):
        _uids(path, problems, quiet=True)
    return list(dict.fromkeys(problems))  # a broken file is named once


def _uids(path, problems, quiet=False):
    """The VEVENT UIDs of an .ics, or None (and a problem) if it does not parse."""
    try:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        if not calendar.subcomponents:
            raise ValueError("pusty kalendarz")
    except ValueError as error:
        problems.append(f"plik {path.name} nie jest poprawnym kalendarzem: {error}")
        return None
    return [str(event["UID"]) for event in calendar.walk("VEVENT")]


def page_sources(siteurl, content_path, contents):
    """{a page's public URL: (its source file as editors name it, its path on disk)}."""
    return {f"{siteurl}/{address}": (editor_path(content_path, c.relative_source_path),
                                     c.source_path)
            for c in contents if getattr(c, "save_as", None)
            for address in (c.url, c.save_as)}


def link_problems(output, siteurl, sources=None):
    """A local crawl as residents' browsers and calendar apps would follow the links; a
    broken link on a page built from a content file names that file (and its line)."""
    with served_at(output, siteurl) as local:
        crawl = crawl_site(local, siteurl)
    problems = [f"niedziałający link: {url} ({why})"
                + where_to_fix(url, crawl.linked_from.get(url), sources or {})
                for url, why in sorted(crawl.broken.items())]
    if not (crawl.visited("/index.html") or crawl.visited("/")):
        problems.append(f"strona główna {siteurl}/ nie odpowiada")
    return problems


def where_to_fix(url, page, sources):
    """The words that name the content file to fix (" – popraw go w pliku content/…md,
    wiersz N") for a link on a page built from one; "" for a template's link. The line: the
    one line of the file that holds the link's #anchor or the last part of its address."""
    if page not in sources:
        return ""
    source, path = sources[page]
    parts = urlsplit(url)
    target = f"#{parts.fragment}" if parts.fragment else parts.path.rstrip("/").rsplit("/")[-1]
    found = lines_containing(path, target) if target else []
    line = f", wiersz {found[0][0]}" if len(found) == 1 else ""
    return f" – popraw go w pliku {source}{line}"


def sitemap_problems(output, siteurl):
    path = output / "sitemap.xml"
    if not path.is_file():
        return ["brak mapy strony sitemap.xml"]
    try:
        locs = [el.text.strip() for el in ElementTree.parse(path).iter()
                if el.tag.rsplit("}", 1)[-1] == "loc" and el.text]
    except ElementTree.ParseError as error:
        return [f"mapa strony sitemap.xml nie da się odczytać: {error}"]
    problems = [f"mapa strony sitemap.xml podaje adres spoza {siteurl}/: {loc}"
                for loc in locs if not loc.startswith(f"{siteurl}/")]
    if f"{siteurl}/" not in locs:
        problems.append(f"mapa strony sitemap.xml nie podaje strony głównej {siteurl}/")
    return problems


def published_address(draft):
    """The address a draft would have once published (ARTICLE_URL or PAGE_URL)."""
    kind = "ARTICLE" if type(draft).__name__ == "Article" else "PAGE"
    return draft.settings[f"{kind}_URL"].format(**draft.url_format)


_TEXT_FILES = {".html", ".xml", ".ics", ".txt"}  # what can link to a page or carry its UID


def draft_problems(output, contents):
    """No draft's own traces in the output: a page or file under its address, a link to
    that address, its calendar UID. (Its slug as a mere word is fine: slugs are words.)"""
    problems = []
    if (output / "drafts").exists():
        problems.append("w zbudowanej stronie jest katalog szkiców drafts/")
    files = [path for path in sorted(output.rglob("*")) if path.is_file()]
    texts = {path: path.read_text(encoding="utf-8", errors="replace") for path in files
             if path.suffix in _TEXT_FILES}
    for draft in drafts(contents):
        address = published_address(draft)  # "wydarzenia/partnerstwo/", were it published
        trace = re.compile(rf"(?<=[\"'/]){re.escape(address)}|(?<![\w.-]){re.escape(draft.slug)}@")
        for path in files:
            name = path.relative_to(output)
            own = name.as_posix().startswith(address) or path.stem == draft.slug
            if own or trace.search(texts.get(path, "")):
                problems.append(f"szkic „{draft.slug}” ({draft.relative_source_path}) trafiłby "
                                f"do publikacji: {name}")
    return problems
