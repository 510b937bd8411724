"""Tests for plugins/polish_typography: the rules, their properties, and a real Pelican build."""

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.settings import get_settings_from_file

PLUGINS_DIR = Path(__file__).resolve().parent.parent / "plugins"
if str(PLUGINS_DIR) not in sys.path:
    sys.path.insert(0, str(PLUGINS_DIR))

from polish_typography.polish_typography import (  # noqa: E402
    content_typography,
    educate_quotes,
    polish_content,
    polish_html,
    polish_text,
    register,
    typography,
    ukrainian_rules,
)

N = "\u00a0"  # NO-BREAK SPACE
D = "\u2013"  # EN DASH
J = "\u2060"  # WORD JOINER: no break after the dash of hours or days (rule 9)

SAME = None  # expected output of an input that must not change

# (input, expected output of polish_html)
CASES = [
    # Rule 1: one-letter words
    ("i w domu", f"i{N}w{N}domu"),
    ("Spotkanie w środę", f"Spotkanie w{N}środę"),
    ("A to O tym, U nas, W domu", f"A{N}to O{N}tym, U{N}nas, W{N}domu"),
    ("Z wami, I co", f"Z{N}wami, I{N}co"),
    ("o  dwóch spacjach", f"o{N}dwóch spacjach"),
    ("koniec linii z\nnową", f"koniec linii z{N}nową"),
    ("„i co dalej”", f"„i{N}co dalej”"),
    ("&bdquo;i co&rdquo;", f"&bdquo;i{N}co&rdquo;"),
    ("(w nawiasie) [a w kwadratowym]", f"(w{N}nawiasie) [a{N}w{N}kwadratowym]"),
    ("»o tym«", f"»o{N}tym«"),
    ('"z cudzysłowem"', f'"z{N}cudzysłowem"'),
    ("u&nbsp;nas i w domu", f"u&nbsp;nas i{N}w{N}domu"),
    ("Iwona, wazon, zaw, Ala ma kota", SAME),
    ("litera a. Koniec", SAME),
    ("x-a b", SAME),
    # Rule 2: number ranges
    ("w godz. 16.00 - 18.30", f"w{N}godz.{N}16.00{D}{J}18.30"),
    ("16.00-18.30", f"16.00{D}{J}18.30"),
    ("16:00 – 18:30", f"16:00{D}{J}18:30"),
    ("do 16.00-18.30.", f"do 16.00{D}{J}18.30."),  # a sentence's full stop after it
    ("lata 2021-2027", f"lata 2021{D}2027"),
    ("lata 2021 &ndash; 2027", f"lata 2021{D}2027"),
    ("od 3,5 - 4,5 metra", f"od 3,5{D}4,5 metra"),
    ("22-23 stycznia", f"22{D}{J}23{N}stycznia"),
    ("w dniach 22-23", f"w{N}dniach 22{D}23"),  # no month: not known to be days
    ("w godz. 16.00 -&nbsp;18.30", f"w{N}godz.{N}16.00{D}{J}18.30"),  # typogrify's widont
    ("dnia 2025-01-22", "dnia 2025-\u206001-\u206022"),  # no break at its hyphens
    ("dzwoń 789-059-281", SAME),
    ("55-003 Czernica", SAME),
    ("COVID-19, H1N1-2", SAME),
    ("raport-2021-2027.pdf", SAME),
    # Rule 3: a lone dash
    ("słowo - słowo", f"słowo{N}{D} słowo"),
    ("słowo – słowo", f"słowo{N}{D} słowo"),
    ("słowo &ndash; słowo", f"słowo{N}{D} słowo"),
    ("16.00 - 18.30 - zapraszamy", f"16.00{D}{J}18.30{N}{D} zapraszamy"),
    ("zapraszamy -&nbsp;wszystkich", f"zapraszamy{N}{D}&nbsp;wszystkich"),  # typogrify's widont
    ("-5 stopni, słowo-słowo, słowo -słowo", SAME),
    # Rule 4: phone numbers
    ("789 059 281", f"789{N}059{N}281"),
    ("+48 789 059 281", f"+48{N}789{N}059{N}281"),
    ("tel. 71 318 12 20", f"tel.{N}71{N}318{N}12{N}20"),
    ("tel. (71) 318 12 20", f"tel.{N}(71){N}318{N}12{N}20"),
    ("1234 567 890", SAME),
    # Rule 5: dates
    ("22 stycznia 2025 r.", f"22{N}stycznia{N}2025{N}r."),
    ("1 Maja", f"1{N}Maja"),
    ("od 3 października", f"od 3{N}października"),
    ("do 31 grudnia 2025 roku", f"do 31{N}grudnia{N}2025{N}roku"),
    ("w 2025 r. i 2026 roku", f"w{N}2025{N}r. i{N}2026{N}roku"),
    ("w 2025 rozpoczniemy, 2025 rok", f"w{N}2025 rozpoczniemy, 2025 rok"),
    ("123 maja", SAME),
    # Rule 6: abbreviations
    ("ul. Kolejowa 3", f"ul.{N}Kolejowa{N}3"),  # the house number stays with its street
    ("Al. Jana Pawła, pl. Wolności", f"Al.{N}Jana Pawła, pl.{N}Wolności"),
    ("Godz. 10, tel. 600, nr 5", f"Godz.{N}10, tel.{N}600, nr{N}5"),
    ("Nr 6, s. 12, pt. Tytuł", f"Nr{N}6, s.{N}12, pt.{N}Tytuł"),
    ("czernica.pl i www", f"czernica.pl i{N}www"),
    ("Kurs. Następny, nrb 5", SAME),
    # Never inside code, tags, attributes, URLs or e-mail addresses
    ("<code>i w 16.00 - 18.30</code>", SAME),
    ("<pre><code>a b - c\n2021-2027</code></pre>", SAME),
    ("<pre>a <span>b</span> i w</pre> i w", f"<pre>a <span>b</span> i w</pre> i{N}w"),
    ("<kbd>Ctrl - a</kbd>", SAME),
    ("<script>if (a - b) { i = 1 }</script>", SAME),
    ("<style>p { margin: 0 - 1 }</style>", SAME),
    ("<textarea>i w</textarea>", SAME),
    ("<code>x <code>i w</code> i w</code> i w", f"<code>x <code>i w</code> i w</code> i{N}w"),
    ('<a href="mailto:a@b.pl" title="a b">a@b.pl</a>', SAME),
    ('<img alt="i w 2021 - 2027" src="a-1.png">', SAME),
    ('<a title="x > i w">i w</a>', f'<a title="x > i w">i{N}w</a>'),
    ("<!-- i w - 2021-2027 -->", SAME),
    ("https://example.com/a-b/2021-2027", SAME),
    ("zobacz www.czernica.pl/2021-2027 i w", f"zobacz www.czernica.pl/2021-2027 i{N}w"),
    ("pisz: j.herok@czernica.pl", SAME),
    ("a j.herok@czernica.pl i x", f"a{N}j.herok@czernica.pl i{N}x"),
    # Already processed text and text with nothing to change
    (f"i{N}w{N}domu 16.00{D}{J}18.30{N}{D} zapraszamy", SAME),
    ("Gmina Czernica zaprasza.", SAME),
    ("", SAME),
    ("<p></p>\n<p>Tekst</p>", SAME),
    # A NUL character in the input (the separator used inside polish_html)
    ("<p>i w</p>\x00<p>a b</p>", f"<p>i{N}w</p>\x00<p>a{N}b</p>"),
]


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[case[0][:40] for case in CASES])
def test_polish_html(source, expected):
    assert polish_html(source) == (source if expected is SAME else expected)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Spotkanie w gminie i u sołtysa", f"Spotkanie w{N}gminie i{N}u{N}sołtysa"),
        ("Rada &amp; gmina - w 2025 r.", f"Rada &amp; gmina{N}{D} w{N}2025{N}r."),
        ('Rady <span class="amp">&amp;</span> Gminy w&nbsp;domu', SAME),  # typogrify's output
        ("Strona www.czernica.pl/a-b i 2021-2027", f"Strona www.czernica.pl/a-b i{N}2021{D}2027"),
        ("Czernica", SAME),
    ],
)
def test_polish_text(title, expected):
    assert polish_text(title) == (title if expected is SAME else expected)


# Quotes and ellipses in what Markdown made: (input, expected content_typography(, "pl"))
QUOTE_CASES = [
    ('<p>Mówił: "idziemy", a potem \'cicho\'...</p>', f"<p>Mówił: „idziemy”, a{N}potem »cicho«…</p>"),
    ('<p>"Cytat \'w cytacie\'"</p>', f"<p>„Cytat »w{N}cytacie«”</p>"),
    ("<p>Braille'a i O'Connor</p>", f"<p>Braille\u2019a i{N}O\u2019Connor</p>"),
    ('<p>("w nawiasie") - "po myślniku"</p>', f"<p>(„w{N}nawiasie”){N}{D} „po myślniku”</p>"),
    ('<p>"<em>wyróżnione</em>" i "<a href="https://a.pl/">link</a>".</p>',
     '<p>„<em>wyróżnione</em>” i{N}„<a href="https://a.pl/">link</a>”.</p>'.replace("{N}", N)),
    ('<li>"pierwszy"</li>\n<li>"drugi"</li>', "<li>„pierwszy”</li>\n<li>„drugi”</li>"),
    ('<p>ekran 5" i{N}"{N}nbsp"</p>'.replace("{N}", N), f"<p>ekran 5” i{N}„{N}nbsp”</p>"),
    ("<p>a.... i ...</p>", "<p>a.... i{N}…</p>".replace("{N}", N)),
    ('<code>"kod" i \'kod\'...</code> <pre>"a"</pre>', SAME),
    ('<a title="a \'b\' &quot;c&quot;" href="x">"d"</a>', '<a title="a \'b\' &quot;c&quot;" href="x">„d”</a>'),
    ("<p>„już” i »już« –…</p>", f"<p>„już” i{N}»już« –…</p>"),
]


@pytest.mark.parametrize(("source", "expected"), QUOTE_CASES, ids=[c[0][:40] for c in QUOTE_CASES])
def test_quotes_in_polish_content(source, expected):
    assert content_typography(source, "pl") == (source if expected is SAME else expected)


def test_ukrainian_content_gets_guillemets_and_its_own_bindings():
    html = '<p>Про "партнерство" і \'це\' в "<em>Гміні</em>"... та „готове”</p>'
    assert content_typography(html, "uk") == \
        f"<p>Про «партнерство» і{N}‘це’ в{N}«<em>Гміні</em>»… та «готове»</p>"


@pytest.mark.parametrize(("source", "expected"), [
    ("тел. 789 059 281", f"тел.{N}789{N}059{N}281"),
    ("зустріч в гміні з нами і у вас й о п'ятій а я", f"зустріч в{N}гміні з{N}нами і{N}у{N}вас й{N}о{N}п'ятій а{N}я"),
    ("22 січня 2025 р.", f"22{N}січня{N}2025{N}р."),
    ("вул. Колійна 3", f"вул.{N}Колійна 3"),
    ("2026-11-25", "2026-\u206011-\u206025"),
    ("з 16:00–18:30", f"з{N}16:00{D}{J}18:30"),  # hours never split at their dash
    ("w domu i z nami", "w domu i z nami"),  # Latin letters: Polish words, not Ukrainian ones
])
def test_ukrainian_bindings(source, expected):
    assert ukrainian_rules(source) == expected


def test_quotes_only_for_languages_with_known_marks():
    assert educate_quotes('"quoted"', "en") == '"quoted"'
    assert content_typography('<p>"quoted"</p>', "en") == '<p>"quoted"</p>'


# --- Properties ---------------------------------------------------------------

# Pieces that exercise every rule and every protection when glued together at random.
TEXT_PIECES = [
    "a", "i", "W", "z", "o", "x", " ", "  ", "\n", "\t", "-", "–", " - ", " – ",
    "16.00", "18:30", "2021", "2025", "01", "22", "789", "059", "12", "+48", "(71)", "3,5",
    ".", ",", ":", "/", "@", "#", "&", ";", "stycznia", "Maja", "r.", "roku", "r", "ul.", "nr",
    "s.", "Pt.", "godz.", "tel.", "\u00a0", "&nbsp;", "-&nbsp;", "&#160;-", "&bdquo;", "&rdquo;",
    "&ndash;", "&amp;", "&#160;",
    "„", "”", "»", "«", "(", "[", '"', "x@y.pl", "j.herok@czernica.pl", "https://a.pl/1-2",
    "www.b.pl", "Iwona", "domu", "2021-2027@x.pl", "a.2021-2027@b.pl", "x@a-2021-2027.pl", "55-003",
]
TAG_PIECES = [
    '<a href="https://x.pl/a - b" title="i w 2021 - 2027">', "</a>",
    '<img alt="a b 22 stycznia 2025 r." src="x-1.png">', "<em>", "</em>", "<br>", "<p>", "</p>",
    "<!-- a b - c -->", '<span class="amp">', "</span>", '<a href="mailto:a@b.pl" title="a b">',
]
texts = st.lists(st.sampled_from(TEXT_PIECES), max_size=25).map("".join)
html_fragments = st.lists(st.sampled_from(TEXT_PIECES + TAG_PIECES), max_size=30).map("".join)
TAG = re.compile(r"<[^>]*>")


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(st.text(), texts))
def test_polish_text_is_idempotent(text):
    once = polish_text(text)
    assert polish_text(once) == once


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(st.text(), html_fragments))
def test_polish_html_is_idempotent(html):
    once = polish_html(html)
    assert polish_html(once) == once


@settings(max_examples=300, deadline=None, database=None)
@given(html_fragments)
def test_polish_html_never_changes_tags(html):
    assert TAG.findall(polish_html(html)) == TAG.findall(html)


@settings(max_examples=300, deadline=None, database=None)
@given(html_fragments, st.sampled_from(["code", "pre", "kbd"]), texts, html_fragments)
def test_polish_html_never_changes_code(before, element, inside, after):
    inner = f"<span>{inside}</span> {inside}"
    html = f"{before}<{element}>{inner}</{element}>{after}"
    result = polish_html(html)
    assert result.startswith(polish_html(before))
    assert f"<{element}>{inner}</{element}>" in result


QUOTE_PIECES = ['"', "'", "...", "..", '"<em>', "</em>\"", "(\"", "'s", "l'a"]
QUOTED_HTML = TEXT_PIECES + TAG_PIECES + QUOTE_PIECES
# Ukrainian: without entities, which ukrainian_text() maps once by design (&bdquo; -> &laquo;,
# and smarty's apostrophe &laquo; -> ’), so a second pass would map them again.
QUOTED_HTML_UK = [piece for piece in QUOTED_HTML if "&" not in piece]


@settings(max_examples=300, deadline=None, database=None)
@given(st.one_of(st.tuples(st.lists(st.sampled_from(QUOTED_HTML), max_size=30), st.just("pl")),
                 st.tuples(st.lists(st.sampled_from(QUOTED_HTML_UK), max_size=30), st.just("uk"))))
def test_content_typography_is_idempotent_and_never_changes_tags(pieces_and_lang):
    pieces, lang = pieces_and_lang
    html = "".join(pieces)
    once = content_typography(html, lang)
    assert content_typography(once, lang) == once
    assert TAG.findall(once) == TAG.findall(html)


ADDRESSES = [
    "https://example.com/a-b/2021-2027", "https://pl.wikipedia.org/wiki/Program_(2021-2027)",
    "www.czernica.pl/i-w", "j.herok@czernica.pl", "2021-2027@x.pl", "a-16.00-18.30@b.pl",
    "x@a-2021-2027.pl", "i.w@z.pl", "2021-2027.x@y.pl", "16.00+18.30@x.pl",
]


@settings(max_examples=300, deadline=None, database=None)
@given(texts, st.sampled_from(ADDRESSES), texts)
def test_polish_text_never_changes_urls_or_emails(before, address, after):
    assert address in polish_text(f"{before} {address} {after}")
    assert address in polish_html(f"<p>{before} {address}</p> {after}")


@settings(max_examples=300, deadline=None, database=None)
@given(texts)
def test_polish_text_only_touches_spaces_and_dashes(text):
    def letters(value):  # (word joiners: rules 8 and 9)
        return re.sub(r"[\s\-\u2013\u2060]|&ndash;|&#8211;|&nbsp;|&#160;", "", value)

    assert letters(polish_text(text)) == letters(text)


# --- Pelican ------------------------------------------------------------------


@pytest.fixture
def plugin_disconnected_afterwards():
    """Leave Pelican's global signal as we found it, for other tests in this process."""
    from pelican import signals

    yield
    signals.content_object_init.disconnect(polish_content)


def test_content_title_and_summary_are_polished(plugin_disconnected_afterwards):
    from pelican.contents import Article

    register()
    article = Article(
        "<p>i w domu</p>",
        metadata={"title": "Zebranie w sali", "summary": "<p>o tym - i owym</p>", "lang": "pl"},
    )
    assert article.content == f"<p>i{N}w{N}domu</p>"
    assert article.title == article.metadata["title"] == f"Zebranie w{N}sali"
    assert article.summary == f"<p>o{N}tym{N}{D} i{N}owym</p>"
    assert article._summary == article.metadata["summary"]


def test_ukrainian_text_gets_its_quotes_and_bindings(plugin_disconnected_afterwards):
    from pelican.contents import Article

    register()
    article = Article("<p>Зустріч у &bdquo;Гміні&rdquo; i w домі</p>",
                      metadata={"title": "Про „партнерство” і в нас", "lang": "uk"})
    assert article.content == f"<p>Зустріч у{N}&laquo;Гміні&raquo; i w домі</p>"  # Latin "i w"
    assert article.title == f"Про «партнерство» і{N}в{N}нас"


def test_ukrainian_apostrophes_survive_the_polish_quote_settings(tmp_path, plugin_disconnected_afterwards):
    """An editor types об'єднання: smarty (set up for Polish quotes) must not make it об«єднання."""
    from pelican import Pelican
    from pelican.settings import read_settings

    content = tmp_path / "content"
    content.mkdir()
    (content / "uk.md").write_text("Title: Об'єднання\nDate: 2025-01-10 10:00\nLang: uk\n\n"
                                   "Громадське об'єднання \"Разом\".\n", encoding="utf-8")
    settings = read_settings(override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "out"),
        "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
        "PLUGIN_PATHS": [str(PLUGINS_DIR)], "PLUGINS": ["polish_typography"], "MARKDOWN": MARKDOWN,
        "DEFAULT_LANG": "uk", "TIMEZONE": "Europe/Warsaw", "SITEURL": ""})
    Pelican(settings).run()
    page = (tmp_path / "out" / "obiednannia.html").read_text(encoding="utf-8")
    assert "об’єднання &laquo;Разом&raquo;" in page or "об’єднання «Разом»" in page


ARTICLE = """\
Title: Spotkanie w gminie i u sołtysa
Date: 2025-01-10 10:00
Slug: spotkanie
Summary: Zebranie w sali - zapraszamy

Spotkanie w środę 22 stycznia 2025 r. w godz. 16.00 - 18.30 - zapraszamy "na warsztaty"
i do rozmowy.

    kod i w 2021 - 2027
"""

# The site's own Markdown settings, read from pelicanconf.py (the quotes come from the plugin).
MARKDOWN = get_settings_from_file(str(PLUGINS_DIR.parent / "pelicanconf.py"))["MARKDOWN"]


@pytest.mark.parametrize("typogrify", [False, True], ids=["plain", "typogrify"])
def test_pelican_build(tmp_path, typogrify, plugin_disconnected_afterwards):
    from pelican import Pelican
    from pelican.settings import read_settings

    content = tmp_path / "content"
    content.mkdir()
    (content / "spotkanie.md").write_text(ARTICLE, encoding="utf-8")
    settings = read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "out"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "PLUGIN_PATHS": [str(PLUGINS_DIR)],
            "PLUGINS": ["polish_typography"],
            "MARKDOWN": MARKDOWN,
            "TYPOGRIFY": typogrify,
            "TYPOGRIFY_OMIT_FILTERS": ["smartypants", "caps"],
            "TYPOGRIFY_IGNORE_TAGS": ["code", "pre", "kbd", "script"],
            "TIMEZONE": "Europe/Warsaw",
            "LOCALE": ("C",),
            "DEFAULT_LANG": "pl",
            "SITEURL": "",
        }
    )
    Pelican(settings).run()

    soup = BeautifulSoup((tmp_path / "out" / "spotkanie.html").read_text(encoding="utf-8"), "lxml")
    title = soup.find("h1", class_="entry-title").get_text().strip()
    body = soup.find("div", class_="entry-content")
    text = next(p.get_text() for p in body.find_all("p") if "Spotkanie" in p.get_text())

    assert title == f"Spotkanie w{N}gminie i{N}u{N}sołtysa"
    for expected in [
        f"Spotkanie w{N}środę",
        f"22{N}stycznia{N}2025{N}r.",
        f"godz.{N}16.00{D}{J}18.30",
        f"{N}{D} zapraszamy",
        "„na warsztaty”",
        f"i{N}do",
    ]:
        assert expected in text
    assert body.find("code").get_text() == "kod i w 2021 - 2027\n"


# A language with no rules of its own here (a third one in LANGUAGES): text as written.
OTHER_LANGUAGE_PIECES = QUOTED_HTML + ["„", "”", "I", "a", "16.00 - 18.30", "22 June 2025"]


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(OTHER_LANGUAGE_PIECES), max_size=30).map("".join),
       st.sampled_from(["en", "de", "cs"]))
def test_a_language_without_rules_of_its_own_keeps_its_text_as_written(html, lang):
    assert content_typography(html, lang) == html
    assert typography(html, lang) == html


@pytest.mark.parametrize("start, end, locale, shown", [
    ("2025-03-05 17:00", "2025-03-05 19:00", "pl",
     'środa, 5 marca 2025 r., godz. <span class="hours">17.00–19.00</span>'),
    ("2025-03-05 17:00", "2025-03-05 19:00", "uk",
     'середа, 5 березня 2025 р., <span class="hours">17:00–19:00</span>'),
    ("2025-03-07 17:00", "2025-03-08 13:00", "pl",  # two days: a line may break at " – "
     "piątek, 7 marca 2025 r., godz. 17.00 – sobota, 8 marca 2025 r., godz. 13.00"),
])
def test_an_event_s_hours_on_a_page_never_split_at_their_dash(start, end, locale, shown):
    """The page's `when` keeps "16.00–18.30" in one unbreakable span (site.css: .hours);
    the text is the same one mails and calendars get."""
    from events import dates
    from support import article_with_event
    span = article_with_event(event_start=start, event_end=end).event.first_occurrence
    html = dates.when_html(span, locale=locale)
    assert html.replace(N, " ") == shown
    assert re.sub("<[^>]+>", "", html) == dates.when_text(span, locale=locale)
