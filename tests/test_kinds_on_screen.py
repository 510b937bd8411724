"""Every kind of event on every phone, measured in real Chromium (issue 21).

The real site with six events of different kinds is built once per clock: the seed workshop
(sign-up required, date flexible), a two-day workshop (required, timed, not flexible), a
sewing series (sign-up optional, every two weeks, ended by March), office hours (no sign-up,
weekly), a harvest festival (no sign-up, all-day, two days) and a computer course (a
cancelled weekly series). The covering subset, not every kind × clock × size:

- BEFORE (10 January 2025): every kind before it starts, sign-up open where there is one,
  and the Ukrainian seed page;
- DURING (4 March 2025, 10.30): the office hours running, the sewing series ended, the
  two-day workshop's sign-up still open, the seed event over;
- AFTER (30 August 2025, noon): the festival running, the cancelled series after its dates,
  the two-day workshop over.

Each of those event pages is opened at 375×812 with text at 100 % and at 125 % (the
browser's default font size 20 px, set through the DevTools protocol as a resident sets it),
at 320×568 and at 1280×800, and checked for what the issue promises: the state line on the
first screen and the first action with it (at 320×568 on the second screen), a sign-up
button only where there is a sign-up, the other-date invitation only where the date is
flexible, cancelled dates struck and labelled in a readable colour, 44 px main actions and
24 px other targets, hours never split at their dash. The cards (home, events list), the
bullets of wrapped links and the Ukrainian pages' links to Polish pages are checked at the
clocks where they show something new; every page of the three builds goes through the Nu
HTML Checker, and a page of each kind through axe-core. One browser (the session's) and one
tab per size.
"""

import functools
import json
import re
import subprocess
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup

from conftest import EVENT_PAGE, builds_by_clock, residents_pages, soup
from test_a11y import AXE, AXE_RUN, AXE_TAGS, report
from test_event_kinds import KINDS as EVENT_KINDS
from test_first_screen import BOXES, BULLET_LINES, MAIN_ACTIONS, OTHER_TARGETS, TARGETS
from test_html_valid import vnu_command

BEFORE, DURING, AFTER = "2025-01-10 12:00", "2025-03-04 10:30", "2025-08-30 12:00"
KINDS = {**EVENT_KINDS,
         "warsztaty": dict(title="Warsztaty rękodzieła", event_start="2025-03-07 17:00",
                           event_end="2025-03-08 13:00", event_rsvp_deadline="2025-03-05 12:00",
                           event_admission="20 zł, płatne na miejscu")}
SEED, UK_SEED = EVENT_PAGE, "uk/" + EVENT_PAGE

SIZES = {"375": ({"width": 375, "height": 812}, None),
         "375-125": ({"width": 375, "height": 812}, 20),
         "320": ({"width": 320, "height": 568}, None),
         "1280": ({"width": 1280, "height": 800}, None)}
TABS = {**SIZES, "320-125": ({"width": 320, "height": 568}, 20)}  # where links wrap most


def event(slug):
    return f"wydarzenia/{slug}/index.html"


OPEN_NONE = "Wstęp bez zapisów – wystarczy przyjść"
PAST = "Wydarzenie się odbyło"
# (clock, page) -> (the state line, the first action: "sign-up", "question" or None)
PAGES = {
    (BEFORE, SEED): ("Zapisy do 20 stycznia, godz. 14.00", "sign-up"),
    (BEFORE, event("warsztaty")): ("Zapisy do 5 marca, godz. 12.00", "sign-up"),
    (BEFORE, event("szycie")): (
        "Wstęp bez zapisów – możesz się zgłosić do 14 stycznia, godz. 16.00", "sign-up"),
    (BEFORE, event("dyzur")): (OPEN_NONE, "question"),
    (BEFORE, event("dozynki")): (OPEN_NONE, "question"),
    (BEFORE, event("kurs-komputerowy")): ("Odwołane", "question"),
    (BEFORE, UK_SEED): ("Реєстрація до 20 січня, 14:00", "sign-up"),
    (DURING, event("dyzur")): (OPEN_NONE, "question"),
    (DURING, event("szycie")): (PAST, None),
    (DURING, event("warsztaty")): ("Zapisy do 5 marca, godz. 12.00", "sign-up"),
    (DURING, SEED): (PAST, None),
    (AFTER, event("dozynki")): (OPEN_NONE, "question"),
    (AFTER, event("kurs-komputerowy")): ("Odwołane", "question"),
    (AFTER, event("warsztaty")): (PAST, None),
}
FLEXIBLE = {(BEFORE, SEED), (BEFORE, UK_SEED)}  # Event-date-flexible: yes, while it is ahead
NO_SIGN_UP = {"dyzur", "dozynki"}  # Event-rsvp: none


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """built(clock) -> the output folder of the real site with KINDS, as of that clock."""
    return builds_by_clock(tmp_path_factory, KINDS, "kinds-on-screen")


@pytest.fixture(scope="module")
def base(built, serve):
    """base(clock) -> the address the site built at that clock is served at."""
    return functools.cache(lambda now: serve(built(now)))


@pytest.fixture(scope="module")
def tabs(browser):
    """tabs(size) -> one tab of that size for the whole module (TABS)."""
    contexts, opened = [], {}

    def _tab(size):
        if size not in opened:
            viewport, font = TABS[size]
            # bypass_csp: the pages forbid every script, axe-core is the tests' own
            # (tests/test_csp.py checks the policy with nothing bypassed).
            context = browser.new_context(viewport=viewport, locale="pl-PL", bypass_csp=True)
            contexts.append(context)
            tab = context.new_page()
            opened[size] = (tab, context.new_cdp_session(tab), font)
        return opened[size]
    yield _tab
    for context in contexts:
        context.close()


def visit(tabs, size, url):
    """The tab of `size` at `url`, its default font size set before the page loads (a
    full-page screenshot resets it, so it is set for every page)."""
    tab, cdp, font = tabs(size)
    if font:
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font, "fixed": 16}})
    tab.goto(url, wait_until="load")
    expected = f"{font or 16}px"
    assert tab.evaluate("getComputedStyle(document.documentElement).fontSize") == expected
    return tab


# What a page shows of an event's dates: whether struck, the label, its colour's contrast.
CALLED_OFF = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = c => { const v = rgb(c).slice(0, 3).map(x => { x /= 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const background = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
    if (rgb(c)[3] !== 0) return c; } return 'rgb(255, 255, 255)'; };
  const contrast = el => { const [a, b] = [lum(getComputedStyle(el).color), lum(background(el))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  return [...document.querySelectorAll('del')].filter(d => d.getClientRects().length).map(d => {
    const label = d.parentElement.querySelector('.called-off');
    return {struck: getComputedStyle(d).textDecorationLine, text: d.textContent.replace(/\\s+/g, ' ').trim(),
            contrast: contrast(d), label: label && label.getClientRects().length ? {
              text: label.textContent.trim(), contrast: contrast(label),
              size: parseFloat(getComputedStyle(label).fontSize), color: getComputedStyle(label).color}
              : null};
  });
}"""
# Each range of hours on one line: a span that broke has two boxes.
SPLIT_HOURS = """() => [...document.querySelectorAll('.hours')]
  .filter(h => h.getClientRects().length > 1).map(h => h.textContent)"""
FIRST_SCREEN = {"state": ".event-head .state", "primary": ".primary-action a",
                "question": ".actions .contact-list a", "aside": ".event-aside",
                "text": ".event-body", "other_date": ".actions .contact-list + p:not(.small) a",
                "header": ".site-header"}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("now, page", PAGES, ids=[f"{now[:10]}-{page.split('/')[-2]}"
                                                  + ("-uk" if page.startswith("uk") else "")
                                                  for now, page in PAGES])
def test_the_first_screen_of_every_kind(tabs, base, now, page, size):
    state, action = PAGES[now, page]
    viewport, _ = SIZES[size]
    height = viewport["height"]
    tab = visit(tabs, size, f"{base(now)}/{page.removesuffix('index.html')}")
    found = tab.evaluate(BOXES, FIRST_SCREEN)
    assert found["state"]["text"] == state
    assert found["state"]["bottom"] <= height, f"the state line ends at {found['state']['bottom']}"
    slug = page.split("/")[-2]
    # A sign-up button only where there is a sign-up, and open; never for Event-rsvp: none.
    assert (found["primary"] is not None) is (action == "sign-up")
    if slug in NO_SIGN_UP:
        assert "Zgłoś udział" not in tab.inner_text("main")
    if action:
        first = found["primary" if action == "sign-up" else "question"]
        least = 2 * height if size == "320" else height  # the small phone: the second screen
        assert first["bottom"] <= least, f"the first action ends at {first['bottom']:.0f} px"
    # "Termin nie pasuje?" only where the date is flexible.
    assert (found["other_date"] is not None) is ((now, page) in FLEXIBLE)
    if size == "1280":
        assert found["aside"]["left"] >= found["text"]["right"]
    assert tab.evaluate(TARGETS, [MAIN_ACTIONS, 44]) == []
    assert tab.evaluate(TARGETS, [OTHER_TARGETS, 24]) == []
    assert tab.evaluate(SPLIT_HOURS) == []


@pytest.mark.parametrize("size", ["375-125", "320"])
@pytest.mark.parametrize("now", [BEFORE, AFTER])
def test_a_cancelled_series_is_struck_and_labelled_on_its_page(tabs, base, now, size):
    tab = visit(tabs, size, f"{base(now)}/wydarzenia/kurs-komputerowy/")
    dates = tab.evaluate(CALLED_OFF)
    (when,) = [d for d in dates if d["label"]]  # the facts' date; the others are in sentences
    assert when["struck"] == "line-through"
    assert when["text"] == "od 6 maja do 24 czerwca 2025 r., co tydzień"
    assert when["label"]["text"] == "(odwołane)"
    assert when["label"]["contrast"] >= 4.5 and when["contrast"] >= 4.5, when
    assert when["label"]["size"] >= (22.5 if size == "375-125" else 18), when  # the body's size
    assert all(d["struck"] == "line-through" for d in dates)
    found = tab.evaluate(BOXES, {"label": ".facts .called-off"})
    assert found["label"]["bottom"] <= SIZES[size][0]["height"]  # on the first screen


def test_a_cancelled_series_prints_struck_and_labelled_in_black(browser, base):
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    try:
        tab = context.new_page()
        tab.emulate_media(media="print")
        tab.goto(f"{base(BEFORE)}/wydarzenia/kurs-komputerowy/", wait_until="load")
        (when,) = [d for d in tab.evaluate(CALLED_OFF) if d["label"]]
        assert when["struck"] == "line-through"
        assert when["label"]["text"] == "(odwołane)" and when["label"]["color"] == "rgb(0, 0, 0)"
    finally:
        context.close()


# ---- cards: the home page and the events list

CARDS = """() => [...document.querySelectorAll('li.card-event')].map(card => {
  const box = s => { const el = card.querySelector(s); if (!el) return null;
    const r = el.getBoundingClientRect(); return {top: r.top + scrollY, bottom: r.bottom + scrollY,
      text: el.textContent.replace(/\\s+/g, ' ').trim()}; };
  const del = card.querySelector('.card-date del');
  return {title: box('.card-title').text, state: box('.state'), date: box('.card-date'),
          link: box('.card-more a'), struck: del ? getComputedStyle(del).textDecorationLine : null};
})"""


@pytest.mark.parametrize("size", ["375-125", "320", "320-125"])
@pytest.mark.parametrize("page", ["", "wydarzenia/"])
def test_cards_say_the_state_and_a_cancelled_one_says_it_first(tabs, base, page, size):
    tab = visit(tabs, size, f"{base(BEFORE)}/{page}")
    cards = {card["title"]: card for card in tab.evaluate(CARDS)}
    cancelled = cards["Kurs komputerowy"]
    assert cancelled["state"]["text"] == "Odwołane"
    assert cancelled["state"]["bottom"] <= cancelled["date"]["top"], "the date comes first"
    assert cancelled["struck"] == "line-through"
    for title in ("Dyżur animatora", "Dożynki gminne"):  # no sign-up: nothing to sign up for
        if title in cards:
            assert cards[title]["state"]["text"] == OPEN_NONE
            assert cards[title]["link"]["text"] == f"Szczegóły: {title}"
    for card in cards.values():
        if card is not cancelled:
            assert card["date"]["bottom"] <= card["state"]["top"] and card["struck"] is None
    if page == "":  # the home page: the first coming event starts on the first screen
        first = min(cards.values(), key=lambda card: card["date"]["top"])
        assert first["date"]["bottom"] <= TABS[size][0]["height"]
    assert tab.evaluate(SPLIT_HOURS) == []  # at 320 px with 125 % text they would split


@pytest.mark.parametrize("size", ["375-125", "320"])
def test_a_cancelled_series_among_past_events_is_struck_and_labelled(tabs, base, size):
    tab = visit(tabs, size, f"{base(AFTER)}/wydarzenia/")
    past = tab.evaluate(CALLED_OFF)
    assert {(d["text"], d["struck"], d["label"]["text"]) for d in past} == {
        ("od 6 maja do 24 czerwca 2025 r., co tydzień", "line-through", "(odwołane)")}
    assert all(d["label"]["contrast"] >= 4.5 and d["contrast"] >= 4.5 for d in past), past


def test_bullets_stand_by_the_first_line_of_every_wrapped_link(tabs, base):
    """The events list (past events, subscription, footer) and a series' calendar choices,
    at 320 px with text at 125 %: some links wrap there."""
    found = []
    for now, page in ((DURING, "wydarzenia/"), (BEFORE, "wydarzenia/szycie/")):
        tab = visit(tabs, "320-125", f"{base(now)}/{page}")
        if page.endswith("szycie/"):
            tab.click("details.calendar summary")
        found += tab.evaluate(BULLET_LINES, ".site-footer li a, .link-list li a, "
                                            ".past-list li a, .calendar-options li a")
    assert any(link["lines"] > 1 for link in found), found
    for link in found:
        assert abs(link["bullet"] - link["first"]) < 10, link
        if link["lines"] > 1:
            assert link["bullet"] < link["last"] - 20, link


# ---- the Ukrainian pages: where each link leads (the built HTML)

MARK = "(польською)"


def target(out, page, href):
    """The file a relative link of `page` opens in the built site `out` (None: not a page)."""
    if re.match(r"[a-z]+:|#", href):
        return None
    path = PurePosixPath(page).parent
    for part in href.split("#")[0].split("/"):
        path = path.parent if part == ".." else path / part if part not in ("", ".") else path
    file = Path(out) / path
    file = file / "index.html" if href.split("#")[0].endswith("/") or file.is_dir() else file
    return file if file.suffix == ".html" and file.is_file() else None


def says_polish(link):
    """The link's text or what follows it says "(польською)" (or in other words, in
    a page's own text: "(сторінка польською мовою)")."""
    texts = (node.get_text() if hasattr(node, "get_text") else str(node)
             for node in link.next_siblings)
    after = next((text.strip() for text in texts if text.strip()), "")
    return "польською" in link.get_text() or after.startswith("(") and "польською" in after


@pytest.mark.parametrize("now", [BEFORE, DURING])
def test_every_link_from_a_ukrainian_page_to_a_polish_page_says_so(built, now):
    out = built(now)
    pages = sorted(p.relative_to(out).as_posix() for p in (out / "uk").rglob("*.html"))
    checked = []
    for page in pages:
        html = soup(out / page)
        assert html.html["lang"] == "uk", page
        for link in html.select("a[href]"):
            file = target(out, page, link["href"])
            if file is None or link.find_parent(class_="language-links"):
                continue  # "Po polsku", the same page in Polish, names itself
            if BeautifulSoup(file.read_text(encoding="utf-8"), "lxml").html["lang"] != "pl":
                continue
            checked.append((page, link.get_text(" ", strip=True)))
            assert link.get("hreflang") == "pl", (page, str(link))
            assert says_polish(link), (page, str(link), str(link.next_sibling))
    texts = {text for _, text in checked}
    # The header's, the cards' and the footer's links are among them, and past events.
    assert {"Легкий текст", "Мова жестів", "Події", "Контакти", "Усі події",
            "Декларація доступності"} <= texts, texts
    assert any(text.startswith("Детальніше") for text in texts), texts
    if now == DURING:
        assert "Warsztaty szycia" in texts  # an untranslated past event


def test_the_ukrainian_event_marks_the_polish_funding_statement_and_names(built):
    page = soup(built(BEFORE) / UK_SEED)
    funding = page.select_one(".funding[lang=pl]")
    assert funding.select_one("[lang=uk]").get_text(strip=True) == MARK
    for name in page.select(".organizers li"):  # translated, or marked as Polish
        assert re.search("[а-яіїєґ]", name.get_text()) or name.select("[lang=pl]"), name
    privacy = page.select_one(".actions .small a")
    assert privacy["hreflang"] == "pl" and says_polish(privacy)


# ---- every kind's pages valid and accessible (test_html_valid and test_a11y check the seed)

def test_every_page_of_every_kind_is_valid_html(built):
    files = sorted(str(f) for now in (BEFORE, DURING, AFTER)
                   for f in residents_pages(built(now)))
    run = subprocess.run(vnu_command() + files, capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr)["messages"]
    assert not messages, "\n".join(f"{m.get('url')}:{m.get('lastLine')} {m.get('message')}"
                                   for m in messages)


AXE_PAGES = {BEFORE: ["", "wydarzenia/", "tekst-latwy-do-czytania/", "uk/",
                      "wydarzenia/kurs-komputerowy/", "wydarzenia/dozynki/"],
             DURING: ["wydarzenia/szycie/", "wydarzenia/dyzur/", "uk/"],
             AFTER: ["wydarzenia/", "wydarzenia/kurs-komputerowy/"]}


@pytest.mark.parametrize("size", ["375-125", "1280"])
def test_axe_finds_nothing_on_every_kind(tabs, base, size):
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci`"
    results = {}
    for now, pages in AXE_PAGES.items():
        for page in pages:
            tab = visit(tabs, size, f"{base(now)}/{page}")
            tab.add_script_tag(path=str(AXE))
            results[f"{now[:10]} /{page}"] = tab.evaluate(AXE_RUN, AXE_TAGS)
    assert not report(results), report(results)
