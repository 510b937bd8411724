"""Every resident reached (issue 13): Ukrainian pages with the original's facts, the gettext
catalogues, the easy-to-read text, the sign-language page and the plain-text file.

Real builds of the real content (copies where a test changes a file); pages read with
BeautifulSoup, calendars with icalendar and vobject, the catalogue with Babel's own
extraction, the captions with Chromium's WebVTT parser.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urljoin, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po
from pelican.settings import read_settings

from conftest import (EVENT_ICS, EVENT_PAGE, ROOT, STATES, build, copy_content, residents_pages,
                      soup, write_event)
from test_a11y import AXE, AXE_RUN, AXE_TAGS, VIEWPORTS, new_page, pages_of, report, visit
from test_editor_messages import settings_line, warnings_of
from test_first_screen import (CLOCKS, DESKTOP, FIRST_SCREEN, PHONE, boxes, in_order,
                               inside_first_screen)
from test_html_valid import vnu_command
from test_links import mailto_parts
from test_print import one_page_notice, published  # noqa: F401 (a fixture)
from events import dates  # plugins/, on the path from conftest
from translations import catalogues
from translations.translations import og_locale

OPEN = "2025-01-10 12:00"
SITEURL = "https://example.org/partnerstwo"
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
WARSAW = ZoneInfo("Europe/Warsaw")

UK_EVENT = f"uk/{EVENT_PAGE}"
UK_ICS = f"uk/{EVENT_ICS}"
ABOUT, UK_ABOUT = "o-partnerstwie/index.html", "uk/o-partnerstwie/index.html"
ETR, PJM = "tekst-latwy-do-czytania/index.html", "jezyk-migowy/index.html"
EVENT_SOURCE = Path("wydarzenia") / "reaktywacja-partnerstwa-lokalnego.md"
UK_EVENT_SOURCE = Path("wydarzenia") / "reaktywacja-partnerstwa-lokalnego-uk.md"
UK_ABOUT_SOURCE = Path("pages") / "o-partnerstwie-uk.md"
CATALOGUE = ROOT / "plugins" / "translations" / "locale" / "uk" / "LC_MESSAGES" / "messages.po"
TEMPLATE = ROOT / "plugins" / "translations" / "locale" / "messages.pot"
BABEL_CFG = ROOT / "plugins" / "translations" / "babel.cfg"
VIDEO, CAPTIONS = SETTINGS["PJM_VIDEO"]["file"], SETTINGS["PJM_VIDEO"]["captions"]

POLISH_LETTERS = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def text(element):
    """An element's visible text, any run of whitespace (no-break spaces too) as one space."""
    return " ".join(element.get_text().split())


def header_value(relative, key, content=ROOT / "content"):
    """A key's value in a content file's header, as the editor wrote it."""
    for line in (Path(content) / relative).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        name, _, value = line.partition(":")
        if name.strip().lower() == key.lower():
            return value.strip()
    raise AssertionError(f"{relative} has no {key}:")


UK_TITLE = header_value(UK_EVENT_SOURCE, "Title")
PL_TITLE = header_value(EVENT_SOURCE, "Title")


def resolve(page, href):
    """A link on `page` (a path in the output) -> the path it leads to, from the root."""
    return urlsplit(urljoin(f"http://site/{page}", href)).path.lstrip("/")


def target_file(page, href):
    path = resolve(page, href)
    return path + "index.html" if path.endswith("/") or not path else path


def jsonld(page):
    (script,) = page.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def vevent(path):
    (event,) = icalendar.Calendar.from_ical(Path(path).read_bytes()).walk("VEVENT")
    return event


def insert_after(path, anchor, lines):
    """Insert header lines after the line starting with `anchor`; returns the first one's
    line number (1-based, as editors count)."""
    rows = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, row in enumerate(rows) if row.startswith(anchor)) + 1
    rows[at:at] = lines.split("\n")
    path.write_text("\n".join(rows), encoding="utf-8")
    return at + 1


def problems_of(tmp_path, content):
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content, EVENTS_NOW=OPEN)
    assert stopped.value.code != 0
    return stopped.value.problems


@pytest.fixture(scope="module")
def publish_site(tmp_path_factory):
    """The site as publishing builds it: absolute SITEURL, under a sub-path."""
    out = tmp_path_factory.mktemp("publish") / "output"
    return build(out, conf="publishconf.py", SITEURL=SITEURL, FEED_DOMAIN=SITEURL,
                 EVENTS_NOW=OPEN)


@pytest.fixture(scope="module")
def wider_site(tmp_path_factory):
    """The seed plus an event and a news item that have no translation, and the office's
    recording (any bytes: the site serves the file, it does not decode it)."""
    tmp = tmp_path_factory.mktemp("wider")
    content = copy_content(tmp)
    write_event(content, "warsztaty", title="Warsztaty partnerstwa",
                body="Pracujemy w grupach nad „mapą zasobów” gminy.")
    (content / "aktualnosci" / "zmiana-sali.md").write_text(
        "Title: Zmiana sali\nDate: 2025-01-15 10:00\nSummary: Spotkanie odbędzie się w sali nr 12."
        "\n\nSala nr 12 na parterze.\n", encoding="utf-8")
    (content / VIDEO).write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)))
    return build(tmp / "output", content=content, EVENTS_NOW=OPEN)


# --- the catalogues -----------------------------------------------------------------------

def extracted_messages():
    """{msgid: ["file:line", …]} exactly as `invoke translations` collects them: babel.cfg's
    methods and options, the default keywords and translate:2, from the project root."""
    with open(BABEL_CFG, encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, str(BABEL_CFG))
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(["translate:2"])}
    found = {}
    for filename, line, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map,
                                                          keywords=keywords):
        found.setdefault(message, []).append(f"{filename}:{line}")
    return found


@pytest.fixture(scope="module")
def extracted():
    found = extracted_messages()
    assert len(found) > 100, "the extraction found almost nothing: is babel.cfg read?"
    return found


# Every language of the site but Polish (the msgids' language) has a complete catalogue.
TRANSLATED = [lang for lang in SETTINGS["LANGUAGES"] if lang != SETTINGS["DEFAULT_LANG"]]


@pytest.fixture(scope="module", params=TRANSLATED)
def catalogue(request):
    path = catalogues.catalogue_path(catalogues.locale_dir(SETTINGS), request.param)
    assert os.path.isfile(path), f"{path} is missing (run `invoke translations`)"
    with open(path, "rb") as po:
        return {m.id: m for m in read_po(po, locale=request.param) if m.id}


def test_every_interface_string_has_a_translation(extracted, catalogue):
    missing = {m: where for m, where in extracted.items() if m not in catalogue}
    assert not missing, "strings missing from the catalogue (run `invoke translations`):" \
        + "".join(f"\n  {m!r} ({', '.join(where)})" for m, where in missing.items())
    untranslated = [m for m in extracted if not catalogue[m].string or catalogue[m].fuzzy]
    assert not untranslated, f"empty or fuzzy msgstr: {untranslated}"


def test_the_catalogue_has_no_stale_strings(extracted, catalogue):
    stale = [m for m in catalogue if m not in extracted]
    assert not stale, f"msgids no source uses any more (run `invoke translations`): {stale}"


def test_the_template_is_in_step_with_the_sources(extracted):
    with open(TEMPLATE, "rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    assert template == set(extracted), (
        f"messages.pot is out of date: new {sorted(set(extracted) - template)}, "
        f"gone {sorted(template - set(extracted))}")


def test_translations_keep_every_placeholder_and_tag(catalogue):
    for msgid, message in catalogue.items():
        # a plural message: every form of the translation against the singular
        source = msgid[0] if isinstance(msgid, tuple) else msgid
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), (msgid, forms)
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), \
                (msgid, form)
            assert sorted(TAG.findall(form)) == sorted(TAG.findall(source)), (msgid, form)
            assert form.count("%") == source.count("%"), (msgid, form)


def test_no_compiled_catalogue_is_kept_and_a_plain_pelican_build_translates(tmp_path):
    """The .mo is made in memory by every build, so `pelican content` alone gives the
    Ukrainian site."""
    tracked = subprocess.run(["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    assert tracked == [] and not list((ROOT / "plugins").rglob("*.mo"))
    output = tmp_path / "output"
    run = subprocess.run([sys.executable, "-m", "pelican", str(ROOT / "content"), "-o",
                          str(output), "-s", str(ROOT / "pelicanconf.py"), "--ignore-cache",
                          "-e", f'EVENTS_NOW="{OPEN}"', f'CACHE_PATH="{tmp_path / "cache"}"'],
                         capture_output=True, encoding="utf-8", cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert text(soup(output / "uk" / "index.html").h1) == "Найближчі події"
    assert text(soup(output / "index.html").h1) == "Najbliższe wydarzenia"


def test_a_catalogue_saved_during_a_preview_is_read_again(tmp_path, monkeypatch):
    """`make serve` rebuilds in one process: a translator's saved .po shows at once."""
    from translations import translations
    folder = tmp_path / "uk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    po.write_bytes(CATALOGUE.read_bytes())
    monkeypatch.setattr(translations, "LOCALE_DIR", str(tmp_path))
    assert translations.translate("uk", "Wydarzenia") == "Події"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Події"', 'msgstr "Заходи"', 1),
                  encoding="utf-8")
    stat = po.stat()
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert translations.translate("uk", "Wydarzenia") == "Заходи"
    assert translations.translate("pl", "Wydarzenia") == "Wydarzenia"


# --- a third language: a line in LANGUAGES and the catalogue `invoke translations` makes -----

EN_EVENT = f"en/{EVENT_PAGE}"
EN_EVENT_SOURCE = Path("wydarzenia") / "reaktywacja-partnerstwa-lokalnego-en.md"
EN_TITLE = "Reviving the local partnership in the Czernica municipality"
EN_SUMMARY = "A free workshop meeting of the municipality's organisations and institutions."


@pytest.mark.parametrize("start, end, expected", [
    (datetime(2025, 1, 22, 9, 0, tzinfo=WARSAW), datetime(2025, 1, 22, 18, 30, tzinfo=WARSAW),
     {"pl": "środa, 22~stycznia~2025~r., godz.~9.00–18.30",
      "uk": "середа, 22~січня~2025~р., 9:00–18:30",
      "en": "Wednesday, January~22,~2025, 9:00~AM–6:30~PM"}),
    (datetime(2025, 3, 7, 17, 0, tzinfo=WARSAW), datetime(2025, 3, 8, 13, 0, tzinfo=WARSAW),
     {"pl": "piątek, 7~marca~2025~r., godz.~17.00~– sobota, 8~marca~2025~r., godz.~13.00",
      "uk": "пʼятниця, 7~березня~2025~р., 17:00~– субота, 8~березня~2025~р., 13:00",
      "en": "Friday, March~7,~2025, 5:00~PM~– Saturday, March~8,~2025, 1:00~PM"}),
    (date(2025, 6, 14), date(2025, 6, 15),
     {"pl": "sobota–niedziela, 14–^15~czerwca~2025~r.",
      "uk": "субота–неділя, 14–^15~червня~2025~р.",
      "en": "Saturday–Sunday, June~14–^15,~2025"}),
    (date(2025, 6, 28), date(2025, 7, 2),
     {"pl": "sobota–środa, 28~czerwca~– 2~lipca~2025~r.",
      "uk": "субота–середа, 28~червня~– 2~липня~2025~р.",
      "en": "Saturday–Wednesday, June~28~– July~2,~2025"}),
    (date(2025, 12, 31), date(2026, 1, 1),
     {"pl": "środa–czwartek, 31~grudnia~2025~r.~– 1~stycznia~2026~r.",
      "uk": "середа–четвер, 31~грудня~2025~р.~– 1~січня~2026~р.",
      "en": "Wednesday–Thursday, December~31,~2025~– January~1,~2026"}),
], ids=["hours", "two-days", "same-month", "two-months", "two-years"])
def test_dates_in_each_language_come_from_babel(start, end, expected):
    """CLDR's patterns for every language (English has no entry in dates.py); Polish adds its
    "r." and "godz. 9.00". "~" is a no-break space, "^" a word joiner after a day range's
    dash: a date never breaks across lines."""
    span = SimpleNamespace(start=start, end=end)
    assert {lang: dates.when_text(span, locale=lang).replace("\u00a0", "~").replace("\u2060", "^")
            for lang in expected} == expected


def test_og_locale_is_babel_s_likeliest_territory():
    assert [og_locale(lang) for lang in ("pl", "uk", "en", "de", "pt_BR")] == \
        ["pl_PL", "uk_UA", "en_US", "de_DE", "pt_BR"]


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """English added as the README says: a line in LANGUAGES, then the catalogues as
    `invoke translations` makes them (catalogues.collect, into a copy of the locale folder:
    TRANSLATIONS_LOCALE_DIR), and a translation of the event (`Lang: en`, the same Slug).
    Nothing is translated in the new catalogue yet."""
    from translations import translations
    tmp = tmp_path_factory.mktemp("english")
    locale = tmp / "locale"
    shutil.copytree(catalogues.locale_dir(SETTINGS), locale)
    languages = {**SETTINGS["LANGUAGES"], "en": "English"}
    made = catalogues.collect({**SETTINGS, "LANGUAGES": languages,
                               "TRANSLATIONS_LOCALE_DIR": str(locale)}, str(ROOT))
    content = copy_content(tmp)
    (content / EN_EVENT_SOURCE).write_text(
        f"Title: {EN_TITLE}\nDate: 2025-01-08 12:00\nLang: en\n"
        f"Slug: reaktywacja-partnerstwa-lokalnego\nCategory: Wydarzenia\nSummary: {EN_SUMMARY}\n"
        '\nWe invite you to a "free" meeting in the Czernica municipality.\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # the build's catalogues, for this build only
        patch.setattr(translations, "LOCALE_DIR", translations.LOCALE_DIR)
        out = build(tmp / "output", content=content, EVENTS_NOW=OPEN, LANGUAGES=languages,
                    TRANSLATIONS_LOCALE_DIR=str(locale))
    return SimpleNamespace(out=out, made=made, locale=locale)


def test_invoke_translations_makes_the_first_catalogue_of_a_new_language(english):
    path = english.locale / "en" / "LC_MESSAGES" / "messages.po"
    assert english.made == [str(path)]  # Ukrainian's was brought in step, not made anew
    with open(path, "rb") as po:
        catalog = read_po(po)
    with open(english.locale / "messages.pot", "rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    assert (str(catalog.locale), catalog.plural_forms) == ("en", "nplurals=2; plural=(n != 1);")
    assert {m.id for m in catalog if m.id} == template and len(template) > 100
    assert not any(m.string if isinstance(m.string, str) else any(m.string)
                   for m in catalog if m.id)
    with open(english.locale / "uk" / "LC_MESSAGES" / "messages.po", "rb") as po:
        assert read_po(po).get("Wydarzenia").string == "Події"


def test_a_new_language_has_its_home_page_and_its_pages_in_it(english):
    home, page = soup(english.out / "en" / "index.html"), soup(english.out / EN_EVENT)
    assert home.html["lang"] == page.html["lang"] == "en"
    assert text(page.h1) == EN_TITLE and text(page.select_one(".lead")) == EN_SUMMARY
    assert '"free"' in text(page.select_one(".content, main"))  # no Polish „…” in English
    locales = {name: soup(english.out / name).head.select_one('meta[property="og:locale"]')[
        "content"] for name in (EN_EVENT, "en/index.html", EVENT_PAGE, UK_EVENT)}
    assert locales == {EN_EVENT: "en_US", "en/index.html": "en_US", EVENT_PAGE: "pl_PL",
                       UK_EVENT: "uk_UA"}
    calendar, original = vevent(english.out / f"en/{EVENT_ICS}"), vevent(english.out / EVENT_ICS)
    assert (str(calendar["UID"]), str(calendar["SUMMARY"])) == (str(original["UID"]), EN_TITLE)


def test_a_new_language_is_linked_both_ways(english):
    site = SETTINGS["SITEURL"]
    expected = {"pl": f"{site}/wydarzenia/reaktywacja-partnerstwa-lokalnego/",
                "uk": f"{site}/uk/wydarzenia/reaktywacja-partnerstwa-lokalnego/",
                "en": f"{site}/en/wydarzenia/reaktywacja-partnerstwa-lokalnego/",
                "x-default": f"{site}/wydarzenia/reaktywacja-partnerstwa-lokalnego/"}
    for page in (EVENT_PAGE, UK_EVENT, EN_EVENT):
        html = soup(english.out / page)
        assert {link["hreflang"]: link["href"] for link in
                html.head.select("link[rel=alternate][hreflang]")} == expected, page
        links = {link["lang"]: target_file(page, link["href"])
                 for link in html.select("header .language-links a")}
        assert links == {lang: other for lang, other in
                         (("pl", EVENT_PAGE), ("uk", UK_EVENT), ("en", EN_EVENT)) if other != page}
    (english_link,) = soup(english.out / EVENT_PAGE).select("header .language-links a[lang=en]")
    assert (text(english_link), english_link["hreflang"]) == ("English", "en")


def test_a_new_language_s_dates_are_babel_s_and_its_untranslated_text_is_polish(english):
    """Until the catalogue is filled in (test_every_interface_string_has_a_translation fails
    meanwhile), the interface is the Polish source text; names editors wrote are marked
    lang="pl", as on every page; dates and hours are English, from Babel."""
    page, polish = soup(english.out / EN_EVENT), soup(english.out / EVENT_PAGE)
    (when,) = page.select(".facts time")
    assert text(when) == "Wednesday, January 22, 2025, 4:00 PM–6:30 PM"
    assert text(page.select_one(".state time")) == "January 20, 2:00 PM"
    assert [text(a) for a in page.select("nav a")] == [text(a) for a in polish.select("nav a")] \
        == ["Wydarzenia", "O partnerstwie", "Kontakt"]
    assert [text(dt) for dt in page.select(".facts dt")] == ["Kiedy", "Gdzie"]
    assert text(page.select_one(".facts span[lang=pl]")) == header_value(EVENT_SOURCE,
                                                                         "Event-location")
    names = [text(span) for span in page.select(".contact-list span[lang=pl]")]
    assert "Urząd Gminy Czernica" in names


# --- no interface text in the wrong language ------------------------------------------------

# Latin-script words a Ukrainian page may show as they are: product names, acronyms.
NAMES = {"iPhone", "iPad", "Mac", "Outlook", "Outlook.com", "Hotmail", "Android", "Google",
         "Microsoft", "Thunderbird", "OpenStreetMap", "RCWIP", "GOPS", "PJM", "TXT", "SMS",
         "QR-код"}
ADDRESS = re.compile(r"\S+@\S+|\S*(?:://|www\.|\.pl\b)\S*|\S+\.(?:ics|txt)\b")


def foreign_words(path, lang):
    """Words of `path` (visible text, names in attributes) in the wrong language for a page
    in `lang`, outside elements that say they are in another language. On a Ukrainian page a
    Polish name in brackets after its Ukrainian one is how the translations name
    institutions, so brackets are left out."""
    page = soup(path)
    for tag in page(["script", "style"]):
        tag.decompose()
    for other in page.body.select(f"[lang]:not([lang={lang}])"):
        other.decompose()
    names = [v for el in page.body.find_all(True) for k, v in el.attrs.items()
             if k in ("aria-label", "alt", "title", "label")]
    head = [m["content"] for m in page.head.select(
        'meta[name=description], meta[property="og:title"], meta[property="og:description"], '
        'meta[property="og:site_name"]')]
    words = " ".join([page.title.get_text(), *head, page.body.get_text(" "), *names])
    if lang == "pl":
        return sorted(set(re.findall(r"\S*[\u0400-\u04ff]\S*", words)))
    words = ADDRESS.sub(" ", re.sub(r"\([^()]*\)", " ", words))
    latin = re.findall(r"[A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ][\w’'.-]*", words)
    return sorted({w.rstrip(".") for w in latin} - NAMES)


def every_page(sites):
    return [(name, path) for name, out in sites.items() for path in residents_pages(out)]


@pytest.fixture(scope="module")
def state_sites(site_in, wider_site):
    return {**{state: site_in(state) for state in STATES}, "wider": wider_site}


def test_ukrainian_pages_show_no_polish_interface_text(state_sites):
    found = {f"[{name}] {path.relative_to(state_sites[name])}": words
             for name, path in every_page(state_sites)
             if soup(path).html["lang"] == "uk" and (words := foreign_words(path, "uk"))}
    assert not found, "Polish (or other Latin-script) text on Ukrainian pages without " \
        "lang=\"pl\":\n" + "\n".join(f"  {page}: {words}" for page, words in found.items())


def test_polish_pages_show_no_ukrainian_text(state_sites):
    found = {f"[{name}] {path.relative_to(state_sites[name])}": words
             for name, path in every_page(state_sites)
             if soup(path).html["lang"] == "pl" and (words := foreign_words(path, "pl"))}
    assert not found, f"Ukrainian text on Polish pages without lang=\"uk\": {found}"


# --- translation mistakes stop the build, named exactly ---------------------------------------

ONLY_TEXT = ("tłumaczenie zawiera tylko tekst (Title, Summary, treść); terminy, miejsce i kontakty "
             "bierze z oryginału po polsku. Oczekiwano: usunięcie tego pola z tłumaczenia (zmiany "
             "wpisuj w oryginale).")


def news_with_translation(content):
    (content / "aktualnosci" / "zmiana-sali.md").write_text(
        "Title: Zmiana sali\nDate: 2025-01-15 10:00\n\nSala nr 12.\n", encoding="utf-8")
    path = content / "aktualnosci" / "zmiana-sali-uk.md"
    path.write_text("Title: Зміна зали\nDate: 2025-01-15 10:00\nLang: uk\nSlug: zmiana-sali\n\n"
                    "Зала № 12.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("translation, key, value", [
    (UK_EVENT_SOURCE, "Event-start", "2025-01-29 16:00"),
    (UK_EVENT_SOURCE, "Event-location", "Świetlica wiejska, ul. Główna 1, Czernica"),
    (UK_EVENT_SOURCE, "event-status", "cancelled"),  # any case: named as the model names it
    ("news", "Event-start", "2025-01-22 16:00"),
    (UK_ABOUT_SOURCE, "Event-contacts", "j.herok@czernica.pl 789 059 281"),
])
def test_an_event_key_in_a_translation_is_an_error(tmp_path, translation, key, value):
    content = copy_content(tmp_path)
    path = news_with_translation(content) if translation == "news" else content / translation
    line = insert_after(path, "Lang:", f"{key}: {value}")
    name = path.relative_to(content.parent).as_posix()
    assert problems_of(tmp_path, content) == [
        f"{name}, wiersz {line}: pole {key.capitalize()}: „{value}” – {ONLY_TEXT}"]


def orphan(slug, dated=True):
    """A Ukrainian file whose Slug no Polish file has."""
    date = "Date: 2025-01-10 10:00\n" if dated else ""
    return f"Title: Переклад\n{date}Lang: uk\nSlug: {slug}\n\nТекст.\n"


@pytest.mark.parametrize("folder, name, slug, dated", [
    ("aktualnosci", "nowa-sala-uk.md", "nowa-sala", True),
    ("wydarzenia", "reaktywacja-uk.md", "reaktywacja-partnerstwa-lokalnegoo", True),  # a typo
    ("pages", "o-nas-uk.md", "o-nas", False),
])
def test_a_translation_without_its_original_is_an_error(tmp_path, folder, name, slug, dated):
    content = copy_content(tmp_path)
    source = orphan(slug, dated)
    (content / folder / name).write_text(source, encoding="utf-8")
    line = source.split("\n").index("Lang: uk") + 1
    assert problems_of(tmp_path, content) == [
        f"content/{folder}/{name}, wiersz {line}: pole Lang: „uk” – to tłumaczenie nie ma "
        "oryginału: żaden opublikowany plik po polsku tego samego rodzaju (wpis albo strona) "
        f"nie ma Slug: {slug}. Oczekiwano: Slug pliku, który "
        "tłumaczysz, albo usunięcie pola Lang."]


@pytest.mark.parametrize("path, value", [
    (UK_EVENT_SOURCE, "ua"),  # the country's code, not the language's
    (UK_EVENT_SOURCE, "UK"),
    (UK_ABOUT_SOURCE, "en"),  # a language the site has no catalogue for
])
def test_a_language_the_site_does_not_have_is_an_error(tmp_path, path, value):
    content = copy_content(tmp_path)
    source = content / path
    source.write_text(source.read_text(encoding="utf-8").replace("Lang: uk", f"Lang: {value}"),
                      encoding="utf-8")
    line = source.read_text(encoding="utf-8").split("\n").index(f"Lang: {value}") + 1
    assert problems_of(tmp_path, content) == [
        f"content/{path.as_posix()}, wiersz {line}: pole Lang: „{value}” – nieznany kod języka. "
        "Oczekiwano: jeden z kodów: pl, uk."]


def test_the_command_line_build_names_the_orphan_without_a_traceback(tmp_path):
    content = copy_content(tmp_path)
    (content / "aktualnosci" / "nowa-sala-uk.md").write_text(
        orphan("nowa-sala"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pelican", str(content), "-o",
                          str(tmp_path / "output"), "-s", str(ROOT / "pelicanconf.py"),
                          "--ignore-cache", "-e", f'CACHE_PATH="{tmp_path / "cache"}"'],
                         capture_output=True, encoding="utf-8", cwd=tmp_path,
                         env={**os.environ, "COLUMNS": "200"})
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "content/aktualnosci/nowa-sala-uk.md, wiersz 3: pole Lang: „uk” – to tłumaczenie " \
           "nie ma oryginału" in run.stderr
    assert not (tmp_path / "output" / "index.html").exists()


def test_a_placeholder_in_a_translation_is_warned_about(tmp_path, capsys):
    content = copy_content(tmp_path)
    path = content / UK_ABOUT_SOURCE
    text_lines = path.read_text(encoding="utf-8").split("\n")
    text_lines.append("[DO UZUPEŁNIENIA: номер телефону]")
    path.write_text("\n".join(text_lines), encoding="utf-8")
    build(tmp_path / "output", content=content, EVENTS_NOW=OPEN)
    assert (f"content/{UK_ABOUT_SOURCE.as_posix()}, wiersz {len(text_lines)}: tekst do "
            "uzupełnienia przed publikacją: „[DO UZUPEŁNIENIA: номер телефону]”") \
        in warnings_of(capsys.readouterr().err)


# --- the Ukrainian event page -------------------------------------------------------------

def test_the_ukrainian_event_page_speaks_ukrainian_with_the_originals_facts(site):
    uk, pl = soup(site / UK_EVENT), soup(site / EVENT_PAGE)
    assert uk.html["lang"] == "uk" and pl.html["lang"] == "pl"
    assert text(uk.h1) == UK_TITLE
    (when,) = uk.select(".facts time")
    assert text(when) == "середа, 22 січня 2025 р., 16:00–18:30"  # Babel's names, as the issue
    assert when["datetime"] == pl.select_one(".facts time")["datetime"]
    assert text(uk.select_one(".state")) == "Реєстрація до 20 січня, 14:00"
    assert [text(dt) for dt in uk.select(".facts dt")] == ["Коли", "Де"]
    assert text(uk.select_one(".facts span[lang=pl]")) == \
        header_value(EVENT_SOURCE, "Event-location")
    assert text(uk.select_one(".admission")) == "Вхід вільний"
    assert [a["href"] for a in uk.select(".contact-list a[href^=tel]")] == \
        [a["href"] for a in pl.select(".contact-list a[href^=tel]")]
    assert text(uk.select_one(".lead")) == header_value(UK_EVENT_SOURCE, "Summary")


def test_the_rsvp_mail_is_in_ukrainian(site):
    page = soup(site / UK_EVENT)
    (primary,) = page.select(".primary-action a")
    assert text(primary) == "Зареєструватися"
    address, fields = mailto_parts(primary["href"])
    assert fields["subject"] == f"Заявка на участь: {UK_TITLE}, 22 січня 2025 р."
    assert f"«{UK_TITLE}» (22 січня 2025 р., 16:00–18:30)." in fields["body"]
    assert fields["body"].startswith("Добрий день!\r\n\r\n")
    assert fields["body"].endswith("\r\n\r\nІм’я та прізвище:\r\nОрганізація або установа:\r\n"
                                   "Кількість осіб:\r\nПотреби щодо доступності:\r\n\r\n"
                                   "З повагою\r\n")
    # The contacts' own links ask a question, in Ukrainian too.
    hrefs = [a["href"] for a in page.select(".contact-list a[href^=mailto]")]
    polish = [mailto_parts(a["href"])[0]
              for a in soup(site / EVENT_PAGE).select(".contact-list a[href^=mailto]")]
    parsed = [mailto_parts(href) for href in hrefs]
    assert [address for address, _ in parsed] == polish and polish[0] == address
    for _, fields in parsed:
        assert fields == {
            "subject": f"Запитання щодо: {UK_TITLE}",
            "body": (f"Добрий день!\r\n\r\nУ мене є запитання щодо зустрічі «{UK_TITLE}» "
                     "(22 січня 2025 р., 16:00–18:30):\r\n\r\n\r\n\r\nЗ повагою\r\n")}
    assert all(len(href) <= 2000 for href in hrefs + [primary["href"]])


def test_the_other_date_mail_is_in_ukrainian(site):
    (link,) = [a for a in soup(site / UK_EVENT).select(".actions a[href^=mailto]")
               if text(a) == "Попросіть про іншу дату"]
    address, fields = mailto_parts(link["href"])
    assert address == "j.herok@czernica.pl"
    assert fields["subject"] == f"Прохання про іншу дату: {UK_TITLE}"
    assert f"«{UK_TITLE}»" in fields["body"] and "22 січня 2025 р., 16:00" in fields["body"]
    assert not POLISH_LETTERS.search(fields["subject"] + fields["body"])
    assert "\u00a0" not in fields["body"] and "\r\n" in fields["body"]


def test_a_long_ukrainian_title_shortens_the_mail_not_the_page(tmp_path):
    content = copy_content(tmp_path)
    path = content / UK_EVENT_SOURCE
    # The longest title CONTENT-MODEL.md allows (200 characters): in Cyrillic it no longer
    # fits a mailto URI whole (each letter is six characters there).
    long_title = ("Відновлення місцевого партнерства " * 6)[:184].rstrip() + " в гміні Черніца"
    assert len(long_title) <= 200
    path.write_text(path.read_text(encoding="utf-8").replace(f"Title: {UK_TITLE}",
                                                             f"Title: {long_title}"),
                    encoding="utf-8")
    page = soup(build(tmp_path / "output", content=content, EVENTS_NOW=OPEN) / UK_EVENT)
    assert text(page.h1) == " ".join(long_title.split())
    for a in page.select(".actions a[href^=mailto]"):
        assert len(a["href"]) <= 2000
        _, fields = mailto_parts(a["href"])
        assert "…" in fields["subject"] and fields["body"].startswith("Добрий день!")


def test_structured_data_is_in_ukrainian_with_the_same_event(site):
    uk, pl = jsonld(soup(site / UK_EVENT)), jsonld(soup(site / EVENT_PAGE))
    assert (uk["inLanguage"], pl["inLanguage"]) == ("uk", "pl")
    assert uk["name"] == UK_TITLE and pl["name"] == PL_TITLE
    assert uk["description"] == header_value(UK_EVENT_SOURCE, "Summary")
    assert uk["url"] == f"{SETTINGS['SITEURL']}/{UK_EVENT.removesuffix('index.html')}"
    for key in ("startDate", "endDate", "eventStatus", "location", "isAccessibleForFree"):
        assert uk[key] == pl[key], key


def test_calendar_choices_are_in_ukrainian_and_add_the_same_times(site):
    uk, pl = soup(site / UK_EVENT), soup(site / EVENT_PAGE)
    assert text(uk.select_one("details.calendar summary")) == "Додати до календаря"
    options = uk.select(".calendar-options a")
    assert [text(a) for a in options] == [
        "iPhone, iPad, Mac, Outlook на комп’ютері та інші програми",
        "Телефон з Android або обліковий запис Google", "Обліковий запис Outlook.com або Hotmail",
        "Outlook на роботі або в школі"]
    assert target_file(UK_EVENT, options[0]["href"]) == UK_ICS and (site / UK_ICS).is_file()
    google = {k: v[0] for k, v in parse_qs(urlsplit(options[1]["href"]).query).items()}
    polish = {k: v[0] for k, v in parse_qs(urlsplit(
        pl.select(".calendar-options a")[1]["href"]).query).items()}
    assert google["text"] == UK_TITLE
    assert (google["dates"], google["ctz"], google["location"]) == \
        (polish["dates"], polish["ctz"], polish["location"])
    assert google["details"].endswith(f"/{UK_EVENT.removesuffix('index.html')}")
    outlook = {k: v[0] for k, v in parse_qs(urlsplit(options[2]["href"]).query).items()}
    assert outlook["subject"] == UK_TITLE


def test_facts_changed_in_the_polish_file_change_the_ukrainian_page(tmp_path):
    content = copy_content(tmp_path)
    path = content / EVENT_SOURCE
    edited = path.read_text(encoding="utf-8")
    for key, value in [("Event-start", "2025-01-29 17:00"), ("Event-end", "2025-01-29 19:30"),
                       ("Event-rsvp-deadline", "2025-01-27 12:00"),
                       ("Event-location", "Świetlica wiejska, ul. Główna 1, Czernica")]:
        edited = re.sub(rf"^{key}: .*$", f"{key}: {value}", edited, flags=re.M)
    path.write_text(edited, encoding="utf-8")
    out = build(tmp_path / "output", content=content, EVENTS_NOW=OPEN)
    page = soup(out / UK_EVENT)
    assert text(page.select_one(".facts time")) == "середа, 29 січня 2025 р., 17:00–19:30"
    assert text(page.select_one(".state")) == "Реєстрація до 27 січня, 12:00"
    assert text(page.select_one(".facts span[lang=pl]")) == \
        "Świetlica wiejska, ul. Główna 1, Czernica"
    data = jsonld(page)
    assert (data["startDate"], data["endDate"]) == ("2025-01-29T17:00:00+01:00",
                                                    "2025-01-29T19:30:00+01:00")
    assert data["location"]["address"]["streetAddress"] == "ul. Główna 1"
    _, fields = mailto_parts(page.select_one(".primary-action a")["href"])
    assert fields["subject"].endswith(", 29 січня 2025 р.")
    event = vevent(out / UK_ICS)
    assert event.decoded("dtstart") == datetime(2025, 1, 29, 17, 0, tzinfo=WARSAW)
    assert event.decoded("dtend") == datetime(2025, 1, 29, 19, 30, tzinfo=WARSAW)
    assert str(event["location"]) == "Świetlica wiejska, ul. Główna 1, Czernica"


# --- calendars --------------------------------------------------------------------------

def test_the_ukrainian_calendar_is_the_same_event_told_in_ukrainian(site):
    uk, pl = vevent(site / UK_ICS), vevent(site / EVENT_ICS)
    for key in ("uid", "dtstart", "dtend", "sequence", "location", "status", "rrule"):
        assert uk.get(key) == pl.get(key), key
    assert str(uk["summary"]) == UK_TITLE and str(pl["summary"]) == PL_TITLE
    assert uk["summary"].params["LANGUAGE"] == "uk" and pl["summary"].params["LANGUAGE"] == "pl"
    assert uk["description"].params["LANGUAGE"] == "uk"
    description = str(uk["description"])
    assert description.startswith("Шановні пані та панове!")
    assert "Вхід вільний." in description
    assert "Реєстрація до 20 січня 2025 р., 14:00: " in description
    assert str(uk["url"]) == f"{SETTINGS['SITEURL']}/{UK_EVENT.removesuffix('index.html')}"
    # A second reader agrees.
    card = vobject.readOne((site / UK_ICS).read_text(encoding="utf-8"))
    assert card.vevent.uid.value == str(pl["uid"])
    assert card.vevent.summary.value == UK_TITLE
    assert card.vevent.summary.params["LANGUAGE"] == ["uk"]
    assert card.vevent.dtstart.value == pl.decoded("dtstart")


def test_a_cancelled_event_is_cancelled_in_ukrainian_too(site_in):
    event = vevent(site_in("cancelled") / UK_ICS)
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]) == f"СКАСОВАНО: {UK_TITLE}"
    assert text(soup(site_in("cancelled") / UK_EVENT).select_one(".state")) == "Скасовано"


@pytest.mark.parametrize("which", ["seed", "wider"])
def test_the_subscribed_calendar_has_each_event_once_in_polish(site, wider_site, which):
    out = site if which == "seed" else wider_site
    feed = icalendar.Calendar.from_ical((out / "kalendarz.ics").read_bytes())
    events = feed.walk("VEVENT")
    titles = {"seed": [PL_TITLE], "wider": [PL_TITLE, "Warsztaty partnerstwa"]}[which]
    assert sorted(str(e["summary"]) for e in events) == sorted(titles)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert all(e["summary"].params["LANGUAGE"] == "pl" for e in events)
    card = vobject.readOne((out / "kalendarz.ics").read_text(encoding="utf-8"))
    assert sorted(e.summary.value for e in card.vevent_list) == sorted(titles)


def test_an_event_without_translation_has_no_ukrainian_page_or_calendar(wider_site):
    assert not (wider_site / "uk" / "wydarzenia" / "warsztaty").exists()
    page = soup(wider_site / "wydarzenia/warsztaty/index.html")
    (link,) = page.select(".language-links a")
    assert resolve("wydarzenia/warsztaty/index.html", link["href"]) == "uk/"


# --- languages linked both ways -----------------------------------------------------------

PAIRS = [("index.html", "uk/index.html"), (EVENT_PAGE, UK_EVENT), (ABOUT, UK_ABOUT)]


def address(page):
    return f"{SITEURL}/{page.removesuffix('index.html')}"


@pytest.mark.parametrize("polish, ukrainian", PAIRS)
def test_hreflang_links_both_ways_with_x_default(publish_site, polish, ukrainian):
    expected = {"pl": address(polish), "uk": address(ukrainian), "x-default": address(polish)}
    for page in (polish, ukrainian):
        html = soup(publish_site / page)
        links = html.head.select("link[rel=alternate][hreflang]")
        assert {link["hreflang"]: link["href"] for link in links} == expected, page
        assert len(links) == 3, page
        assert html.head.select_one("link[rel=canonical]")["href"] == address(page)


@pytest.mark.parametrize("polish, ukrainian", PAIRS)
def test_the_visible_language_link_leads_to_the_other_version(publish_site, polish, ukrainian):
    for page, other, lang, name in [(polish, ukrainian, "uk", "Українською"),
                                    (ukrainian, polish, "pl", "Po polsku")]:
        (link,) = soup(publish_site / page).select("header .language-links a")
        assert (text(link), link["lang"], link["hreflang"]) == (name, lang, lang), page
        assert target_file(page, link["href"]) == other, page


def test_a_page_without_translation_offers_the_ukrainian_home_page(publish_site):
    translated = {page for pair in PAIRS for page in pair}
    untranslated = [p.relative_to(publish_site).as_posix() for p in residents_pages(publish_site)]
    untranslated = [p for p in untranslated if p not in translated and p != "archiwum/index.html"]
    assert {ETR, PJM, "kontakt/index.html", "wydarzenia/index.html"} <= set(untranslated)
    for page in untranslated:
        html = soup(publish_site / page)
        (link,) = html.select("header .language-links a")
        assert (text(link), link["lang"], link["hreflang"]) == ("Українською", "uk", "uk"), page
        assert resolve(page, link["href"]).removeprefix("partnerstwo/") == "uk/", page
        # Search engines are not told the Ukrainian home page is this page's translation.
        assert html.head.select("link[hreflang]") == [], page


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "x": "http://www.w3.org/1999/xhtml"}


def test_the_sitemap_lists_every_version_with_its_alternates(publish_site):
    urls = {}
    for url in ET.parse(publish_site / "sitemap.xml").getroot().findall("s:url", SITEMAP_NS):
        links = url.findall("x:link", SITEMAP_NS)
        assert all(set(link.attrib) == {"rel", "hreflang", "href"} for link in links), \
            [link.attrib for link in links]  # href=, never pelican-sitemap's ref=
        urls[url.findtext("s:loc", namespaces=SITEMAP_NS)] = {
            link.get("hreflang"): link.get("href") for link in links}
    for polish, ukrainian in PAIRS:
        expected = {"pl": address(polish), "uk": address(ukrainian), "x-default": address(polish)}
        assert urls[address(polish)] == expected
        assert urls[address(ukrainian)] == expected
    pages = [p.relative_to(publish_site).as_posix() for p in residents_pages(publish_site)]
    missing = [p for p in pages if address(p) not in urls and p not in ("404.html",
                                                                       "archiwum/index.html")]
    assert not missing, f"pages not in the sitemap: {missing}"
    assert urls[address(ETR)] == {} and urls[address(PJM)] == {}  # listed, no other version


# --- the Ukrainian home page ---------------------------------------------------------------

def test_the_ukrainian_home_page_lists_events_in_ukrainian_and_marks_the_polish_ones(wider_site):
    page = soup(wider_site / "uk/index.html")
    assert page.html["lang"] == "uk"
    cards = {text(card.select_one(".card-title")): card for card in page.select(".card-event")}
    assert set(cards) == {UK_TITLE, "Warsztaty partnerstwa (польською)"}
    ours = cards[UK_TITLE]
    assert ours.select(".card-title [lang], .in-language") == []
    assert target_file("uk/index.html", ours.select_one(".card-more a")["href"]) == UK_EVENT
    polish = cards["Warsztaty partnerstwa (польською)"]
    assert text(polish.select_one(".card-title span[lang=pl]")) == "Warsztaty partnerstwa"
    assert text(polish.select_one(".in-language")) == "(польською)"
    assert polish.select_one(".card-lead")["lang"] == "pl"
    more = polish.select_one(".card-more a")
    assert more["hreflang"] == "pl"
    assert target_file("uk/index.html", more["href"]) == "wydarzenia/warsztaty/index.html"
    # The interface around a Polish event still speaks Ukrainian.
    assert text(polish.select_one(".card-date")) == "середа, 5 березня 2025 р., 17:00–19:00"
    (news,) = page.select(".news .card-title")
    assert text(news) == "Zmiana sali (польською)"
    assert news.a["lang"] == news.a["hreflang"] == "pl"


def test_the_polish_home_page_lists_everything_in_polish(wider_site):
    page = soup(wider_site / "index.html")
    assert sorted(text(t) for t in page.select(".card-event .card-title")) == \
        sorted([PL_TITLE, "Warsztaty partnerstwa"])
    assert page.select(".in-language, .card-title [lang], .card-lead[lang]") == []


def test_ukrainian_pages_lead_to_the_ukrainian_versions_where_they_exist(site):
    for page in (UK_EVENT, UK_ABOUT, "uk/index.html"):
        html = soup(site / page)
        assert target_file(page, html.select_one(".site-name a")["href"]) == "uk/index.html"
        menu = {text(a): target_file(page, a["href"]) for a in html.select("nav a")}
        assert menu["Про партнерство"] == UK_ABOUT, menu
        assert menu["Події"] == "wydarzenia/index.html", menu  # Polish only, for now
    (current,) = soup(site / UK_ABOUT).select("nav a[aria-current=page]")
    assert text(current) == "Про партнерство"


def test_the_error_page_speaks_to_ukrainian_residents_too(site):
    page = soup(site / "404.html")
    assert page.html["lang"] == "pl"
    (other,) = page.select("main [lang=uk]")
    assert CYRILLIC.search(text(other)) and not POLISH_LETTERS.search(text(other))
    (home,) = other.select("a")
    assert target_file("404.html", home["href"]) == "uk/index.html"


# --- typography by language ---------------------------------------------------------------

def test_ukrainian_text_has_ukrainian_quotes_and_polish_text_keeps_its_own(site):
    uk = soup(site / UK_EVENT)
    content = text(uk.select_one(".content"))
    assert re.search(r"«[^«»]+»", content) and not re.search(r"[„”]", content)
    assert not re.search(r"\w«\w", content), "an apostrophe became a quote"
    body = uk.select_one(".content").get_text()
    assert not re.search(r"\b[aiouwzAIOUWZ]\u00a0", body), "Polish bindings in Ukrainian text"
    assert "в\u00a0гміні" in body and "w gminie Czernica" in body  # its own: one-letter words
    funding = text(uk.select_one(".funding[lang=pl]"))  # the programme's Polish wording
    assert "„Dolnośląski Ośrodek Wspierania Ekonomii Społecznej we Wrocławiu”" in funding
    assert "2021–2027" in funding
    _, fields = mailto_parts(uk.select_one(".primary-action a")["href"])
    assert f"«{UK_TITLE}»" in fields["body"]
    for page in (EVENT_PAGE, ABOUT, ETR, PJM):
        polish = text(soup(site / page).select_one("main"))
        assert not re.search(r"«[^«»]+»", polish), page
    assert "w\u00a0gminie" in soup(site / EVENT_PAGE).select_one(".content").get_text()


# --- easy-to-read text and sign language: linked from every page ---------------------------

ACCESS_WORDING = ["Tekst łatwy do czytania", "Język migowy"]


def test_every_page_links_to_the_easy_to_read_and_sign_language_pages_first(site):
    pages = [p.relative_to(site).as_posix() for p in residents_pages(site)]
    assert UK_EVENT in pages and "404.html" in pages
    for page in pages:
        html = soup(site / page)
        header = html.select_one("header.site-header")
        links = header.select(".access-links a")
        assert [target_file(page, a["href"]) for a in links] == [ETR, PJM], page
        words = [text(a) for a in links]
        if html.html["lang"] == "pl":
            assert words == ACCESS_WORDING, page
        else:  # said in Ukrainian, and that the pages are Polish
            assert all(CYRILLIC.search(w) and not POLISH_LETTERS.search(w) for w in words), words
        # In the header, before the site's name: the first thing after the skip links.
        first = header.find("a")
        assert first is links[0], page


def sentences(element):
    """The text of every paragraph, list item and heading, cut into sentences."""
    blocks = [el for el in element.find_all(["p", "li", "h1", "h2", "h3", "h4", "dd"])
              if not el.find(["p", "li", "ul", "ol"])]
    return [s for block in blocks for s in re.split(r"(?<=[.!?])\s+", text(block)) if s]


@pytest.fixture(scope="module")
def etr_text(site):
    article = soup(site / ETR).select_one("main article")
    for section in article.select(".text-versions"):  # the interface's own part
        section.decompose()
    return article


def test_easy_to_read_sentences_are_short(etr_text):
    found = sentences(etr_text)
    assert len(found) > 30, "the easy-to-read text is missing"
    assert not re.search(r"\b\d{1,2}:\d{2}\b", text(etr_text)), "hours are written 16.00"
    long = [(len(re.findall(r"\w+", s)), s) for s in found if len(re.findall(r"\w+", s)) > 15]
    assert not long, f"sentences over 15 words: {long}"


def test_easy_to_read_has_no_italics_and_no_abbreviations(etr_text):
    assert etr_text.find_all(["em", "i"]) == []
    assert "easy-read" in etr_text["class"]
    words = text(etr_text)
    abbreviations = re.findall(r"\b(?:np|ul|tel|godz|ok|itd|itp|tj|tzw|nr|pt|al|ds|wg|r|m\.in)\.",
                               words)
    acronyms = re.findall(r"\b[A-ZĄĆĘŁŃÓŚŹŻ]{2,}\b", words)
    assert abbreviations == [] and acronyms == [], (abbreviations, acronyms)


EASY_READ_STYLE = """() => [...document.querySelectorAll('main article *')]
  .filter(el => el.getClientRects().length && [...el.childNodes].some(
    n => n.nodeType === 3 && n.textContent.trim()))
  .map(el => { const s = getComputedStyle(el);
    return {what: el.tagName.toLowerCase() + ': ' + el.textContent.trim().slice(0, 30),
            size: parseFloat(s.fontSize), style: s.fontStyle,
            family: s.fontFamily.split(',').pop().trim()}; })"""


def test_easy_to_read_is_set_large_in_sans_serif_without_italics(browser, site, serve):
    context = browser.new_context(viewport=PHONE, locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(f"{serve(site)}/tekst-latwy-do-czytania/", wait_until="load")
        found = page.evaluate(EASY_READ_STYLE)
    finally:
        context.close()
    assert len(found) > 30
    assert [f for f in found if f["style"] != "normal" or f["family"] != "sans-serif"] == []
    small = [f for f in found if f["size"] < 20]  # the site's body text is 18 px
    assert not small, small


def test_easy_to_read_is_at_most_five_phone_screens(browser, site, serve):
    """European easy-to-read rules: short; the text itself on at most five 375×812 screens."""
    context = browser.new_context(viewport=PHONE, locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(f"{serve(site)}/tekst-latwy-do-czytania/", wait_until="load")
        bottom = page.evaluate("document.querySelector('main article').getBoundingClientRect()"
                               ".bottom + scrollY")
    finally:
        context.close()
    assert bottom <= 5 * PHONE["height"], f"the easy-to-read text ends at {bottom:.0f} px"


def test_the_accessibility_statement_lists_both_pages(site):
    page = "deklaracja-dostepnosci/index.html"
    targets = {target_file(page, a["href"]) for a in soup(site / page).select("main a[href]")}
    assert {ETR, PJM} <= targets


# --- the sign-language page ----------------------------------------------------------------

def test_without_the_recording_the_build_warns_and_the_page_says_how_to_reach_us(tmp_path,
                                                                               capsys):
    out = build(tmp_path / "output", EVENTS_NOW=OPEN)
    warnings = warnings_of(capsys.readouterr().err)
    assert (f"pelicanconf.py, wiersz {settings_line(VIDEO)}: brak nagrania w polskim języku "
            f"migowym: content/{VIDEO} – strona „Informacje w polskim języku migowym” pokazuje "
            "tylko tekst, dopóki redakcja nie doda pliku") in warnings
    page = soup(out / PJM)
    assert page.select("video, iframe, embed, object") == []
    assert "jest w przygotowaniu" in text(page.select_one(".pjm-missing"))
    hrefs = {a["href"] for a in page.select("main a[href]")}
    for contact in SETTINGS["PARTNERSHIP_CONTACTS"]:
        assert f"mailto:{contact['email']}" in hrefs and f"sms:{contact['phone']}" in hrefs
    # The interpreter rule waits for the office: marked, and warned about on every build.
    assert any(w.startswith("content/pages/jezyk-migowy.md, wiersz ") and "tłumacza PJM" in w
               for w in warnings)


def test_the_recording_is_served_from_the_site_with_captions(wider_site):
    page = soup(wider_site / PJM)
    assert page.select("iframe, embed, object") == [] and page.select(".pjm-missing") == []
    (video,) = page.select("main video")
    assert video.has_attr("controls")
    assert target_file(PJM, video["src"]) == VIDEO
    assert (wider_site / VIDEO).read_bytes() == (wider_site.parent / "content" / VIDEO).read_bytes()
    (track,) = video.select("track")
    assert (track["kind"], track["srclang"]) == ("captions", "pl") and track["label"]
    assert track.has_attr("default")
    assert target_file(PJM, track["src"]) == CAPTIONS
    assert (wider_site / CAPTIONS).read_bytes() == (ROOT / "content" / CAPTIONS).read_bytes()
    (fallback,) = video.select("a")
    assert target_file(PJM, fallback["href"]) == VIDEO


TIMING = re.compile(r"^((?:\d{2,}:)?\d{2}:[0-5]\d\.\d{3}) --> ((?:\d{2,}:)?\d{2}:[0-5]\d\.\d{3})"
                    r"(?: .*)?$")


def seconds(stamp):
    *hours, minutes, rest = stamp.split(":")
    return int(hours[0] if hours else 0) * 3600 + int(minutes) * 60 + float(rest)


def test_the_captions_file_is_webvtt_with_cues_in_order():
    raw = (ROOT / "content" / CAPTIONS).read_bytes()
    lines = raw.decode("utf-8").replace("\r\n", "\n").split("\n")
    assert re.fullmatch(r"WEBVTT(?:[ \t].*)?", lines[0].lstrip("\ufeff")), lines[0]
    blocks = [b.split("\n") for b in "\n".join(lines[1:]).strip().split("\n\n")]
    cues = []
    for block in blocks:
        timing = next((i for i, line in enumerate(block) if "-->" in line), None)
        assert timing in (0, 1), f"no cue timing line: {block}"
        match = TIMING.match(block[timing])
        assert match, block[timing]
        assert block[timing + 1:] and all(block[timing + 1:]), f"a cue without text: {block}"
        cues.append((seconds(match[1]), seconds(match[2])))
    assert len(cues) >= 5
    assert all(start < end for start, end in cues)
    assert all(a[1] <= b[0] for a, b in zip(cues, cues[1:])), "cues overlap or are out of order"


def test_chromium_reads_the_captions_and_they_match_the_transcript(browser, wider_site, serve):
    base = serve(wider_site)
    context = browser.new_context(viewport=PHONE, locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(f"{base}/jezyk-migowy/", wait_until="load")
        page.wait_for_function("document.querySelector('video track').readyState === 2")
        cues = page.evaluate("[...document.querySelector('video').textTracks[0].cues]"
                             ".map(c => [c.startTime, c.endTime, c.text])")
    finally:
        context.close()
    assert len(cues) >= 5 and cues == sorted(cues)
    heading = next(h for h in soup(wider_site / PJM).select("main h2")
                   if text(h) == "Treść nagrania")
    transcript = []
    for sibling in heading.find_next_siblings():
        if sibling.name != "p":
            break
        transcript.append(text(sibling))
    assert " ".join(" ".join(c[2] for c in cues).split()) == " ".join(transcript)


# --- the plain-text file -------------------------------------------------------------------

@pytest.mark.parametrize("page", [ABOUT, UK_ABOUT])
def test_the_about_page_has_a_plain_text_version(publish_site, page):
    path = publish_site / page.replace("index.html", "o-partnerstwie.txt")
    raw = path.read_bytes()
    content = raw.decode("utf-8")  # strict: fails on anything that is not UTF-8
    assert not re.search(r"<[A-Za-z/!]", content), "HTML tags in the text file"
    assert not re.search(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", content), "HTML entities"
    assert "\u00a0" not in content and content.endswith("\n")
    html = soup(publish_site / page)
    article = html.select_one("main article")
    assert content.split("\n", 1)[0] == text(article.h1)
    flat_text = " ".join(re.sub(r" \((?:https?://|mailto:)[^)]*\)", "", content).split())
    for block in article.find_all(["p", "li", "h2"]):
        assert text(block) in flat_text, text(block)
    links = re.findall(r"\(((?:https?://)[^)]*)\)", content)
    assert links and all(link.startswith(f"{SITEURL}/") for link in links), links


def test_the_text_file_is_made_from_the_page_itself(tmp_path):
    content = copy_content(tmp_path)
    path = content / "pages" / "o-partnerstwie.md"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("Title: O partnerstwie", "Title: O partnerstwie & współpracy")
                    + "\nNowy akapit o spotkaniach „przy kawie”.\n", encoding="utf-8")
    out = build(tmp_path / "output", content=content, EVENTS_NOW=OPEN)
    written = (out / "o-partnerstwie" / "o-partnerstwie.txt").read_text(encoding="utf-8")
    assert written.split("\n", 1)[0] == "O partnerstwie & współpracy"
    assert "Nowy akapit o spotkaniach „przy kawie”." in written


@pytest.mark.parametrize("page", [ETR, PJM])
def test_the_text_file_is_linked_from_the_easy_to_read_and_sign_language_pages(site, page):
    links = soup(site / page).select('main a[type="text/plain"]')
    assert [target_file(page, a["href"]) for a in links] == ["o-partnerstwie/o-partnerstwie.txt"]
    assert (site / "o-partnerstwie" / "o-partnerstwie.txt").is_file()
    assert "TXT" in text(links[0])


# --- in the browser: first screen, print, accessibility -------------------------------------

@pytest.fixture(scope="module")
def served(site_at, serve):
    return lambda state: serve(site_at(CLOCKS[state]))


def test_the_ukrainian_open_first_screen_leads_to_the_one_primary_action(browser, served):
    found, _ = boxes(browser, f"{served('open')}/{UK_EVENT}", PHONE, FIRST_SCREEN)
    order = ["title", "state", "lead", "when", "where", "admission", "primary"]
    in_order(found, order)
    for name in order:
        inside_first_screen(found, name)
    assert found["title"]["text"] == UK_TITLE
    assert found["state"]["text"] == "Реєстрація до 20 січня, 14:00"
    assert found["admission"]["text"] == "Вхід вільний"
    assert found["primary"]["text"] == "Зареєструватися"
    assert found["primary"]["bottom"] < found["phone"]["top"] < found["calendar"]["top"] \
        < found["text"]["top"]


def test_the_ukrainian_closed_first_screen_offers_a_call(browser, served):
    found, _ = boxes(browser, f"{served('closed')}/{UK_EVENT}", PHONE,
                     {**FIRST_SCREEN, "call": ".event-head .state a[href^=tel]"})
    assert found["primary"] is None
    assert found["state"]["text"] == \
        "Реєстрацію закрито – зверніться до організаторів: тел. 789 059 281"
    for name in ("state", "call", "when", "where"):
        inside_first_screen(found, name)


def test_the_ukrainian_desktop_page_puts_facts_beside_the_text(browser, served):
    found, _ = boxes(browser, f"{served('open')}/{UK_EVENT}", DESKTOP,
                     {"aside": ".event-aside", "text": ".event-body",
                      "primary": ".primary-action a"})
    assert found["aside"]["left"] >= found["text"]["right"]
    inside_first_screen(found, "primary", DESKTOP["height"])


def test_the_ukrainian_home_page_shows_the_event_on_the_first_screen(browser, served):
    found, height = boxes(browser, f"{served('open')}/uk/", PHONE,
                          {"h1": "main h1", "card": ".card-event"})
    assert found["h1"]["text"] == "Найближчі події"
    inside_first_screen(found, "card")
    assert height <= 3 * PHONE["height"], f"the Ukrainian home page is {height} px tall"


UK_MUST_PRINT = [
    UK_TITLE, "Реєстрація до 20 січня, 14:00", "Запрошуємо на безкоштовну зустріч",
    "Коли", "середа, 22 січня 2025 р., 16:00–18:30",
    "Де", "Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica", "Вхід вільний",
    "Заявки та запитання приймають", "j.herok@czernica.pl", "789 059 281",
    "p.kobak@gops.czernica.pl", "571 226 315", "Europejskiego Funduszu Społecznego Plus",
]
UK_NEVER_PRINT = {
    "skip links": "Перейти до", "navigation": "Про партнерство", "language link": "Po polsku",
    "footer": "Декларація доступності", "calendar choices": "Додати до календаря",
    "RSVP button": "Зареєструватися", "other date": "Попросіть про іншу дату",
    "map link": "Карта", "subscribe": "Підписатися", "the letter": "Сандра Кмєцяк",
    "a Polish phone label": "tel. ",
}


def test_the_ukrainian_event_page_prints_as_one_page_a4_notice(browser, published, tmp_path):
    polish = published()
    url = polish.removesuffix(EVENT_PAGE.removesuffix("index.html")) + \
        UK_EVENT.removesuffix("index.html")
    one_page_notice(browser, url, tmp_path / "podia.pdf", UK_MUST_PRINT, UK_NEVER_PRINT)


def test_the_accessibility_checks_walk_the_new_pages(site):
    """test_a11y checks every HTML file of the open site at 375 and 1280 px: the Ukrainian,
    easy-to-read and sign-language pages among them."""
    checked = pages_of("open", site)
    assert {UK_EVENT, "uk/index.html", UK_ABOUT, ETR, PJM} <= set(checked)


def axe_violations(browser, serve, out, pages, viewport):
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci`"
    base = serve(out)
    context, tab = new_page(browser, base, viewport)
    try:
        results = {}
        for name in pages:
            visit(tab, f"{base}/{name.removesuffix('index.html')}")
            tab.add_script_tag(path=str(AXE))
            results[name] = tab.evaluate(AXE_RUN, AXE_TAGS)
        return results
    finally:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_nothing_on_the_ukrainian_pages_in_every_state(browser, serve, site_in,
                                                                  wider_site, viewport):
    """test_a11y covers the other states through the Polish pages only."""
    checks = [(site_in(state), ["uk/index.html", UK_EVENT]) for state in STATES if state != "open"]
    checks.append((wider_site, ["uk/index.html", "index.html", PJM]))
    for out, pages in checks:
        results = axe_violations(browser, serve, out, pages, VIEWPORTS[viewport])
        assert not report(results), f"axe-core ({out.parent.name}, {viewport} px):\n" \
            + report(results)


def test_the_wider_pages_are_valid_html(wider_site):
    """test_html_valid checks every state's pages; here the recording's page and a Ukrainian
    home page listing a Polish event and news item."""
    files = [str(wider_site / name) for name in ("uk/index.html", "index.html", PJM,
                                                 "wydarzenia/warsztaty/index.html")]
    run = subprocess.run(vnu_command() + files, capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr)["messages"]
    assert not messages, "\n".join(f"{m.get('url')}:{m.get('lastLine')} {m.get('message')}"
                                   for m in messages)
    assert run.returncode == 0


# --- links in a translation's text --------------------------------------------------------

def test_a_translation_s_links_to_polish_only_pages_say_so_by_themselves(tmp_path):
    """The editor writes links as in Polish; the build marks those that lead to a page
    without a Ukrainian version (hreflang and "(польською)"), and only those."""
    content = copy_content(tmp_path)
    (content / "aktualnosci" / "zmiana-sali.md").write_text(
        "Title: Zmiana sali\nDate: 2025-01-15 10:00\n\nSala nr 12.\n", encoding="utf-8")
    links = {
        "контакти": "{filename}/pages/kontakt.md",  # Polish only
        "сторінка контактів": "|filename|../pages/kontakt.md",  # Pelican's other form
        "знову контакти": "{filename}/pages/kontakt.md) (польською мовою",  # said already
        "приймальня": "{filename}/pages/kontakt.md) (пн–пт",  # a bracket about other things
        "зустрічі": "{filename}/" + UK_EVENT_SOURCE.as_posix(),  # the Ukrainian version
        "польська сторінка": "{filename}/wydarzenia/reaktywacja-partnerstwa-lokalnego.md",
        "пошта": "mailto:a@example.org",
    }
    body = " ".join(f"[{label}]({href})." for label, href in links.items())
    (content / "aktualnosci" / "zmiana-sali-uk.md").write_text(
        "Title: Зміна зали\nDate: 2025-01-15 10:00\nLang: uk\nSlug: zmiana-sali\n\n"
        f"{body}\n", encoding="utf-8")
    out = build(tmp_path / "output", content=content, EVENTS_NOW=OPEN)
    paragraph = next(p for p in soup(out / "uk/aktualnosci/zmiana-sali/index.html")
                     .select("main p") if "контакти" in text(p))
    found = {text(a): a for a in paragraph.select("a")}
    for label in ("контакти", "сторінка контактів", "приймальня"):
        assert found[label]["hreflang"] == "pl"
        assert text(found[label].find_next_sibling()) == "(польською)"
    assert found["знову контакти"]["hreflang"] == "pl"
    assert "польською мовою) (польською)" not in text(paragraph)  # its own bracket says it
    for label in ("зустрічі", "польська сторінка", "пошта"):
        assert not found[label].has_attr("hreflang"), label
    assert "приймальня (польською) (пн–пт)" in text(paragraph)
    assert text(paragraph).count("(польською)") == 3
