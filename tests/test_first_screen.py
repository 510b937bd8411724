"""What a resident sees first, measured in real Chromium with element positions (issue 10).

On a 375×812 phone the event page's first screen does the job: title, state, lead, when and
where, admission and, while RSVPs are open, the one primary action, in that order and fully
inside the first 812 px. On a 1280 px screen the facts and actions stand beside the text.
"""

import pytest

from conftest import EVENT_PAGE

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
SMALL_PHONE = {"width": 320, "height": 568}
CLOCKS = {"open": "2025-01-10 12:00", "closed": "2025-01-21 09:00", "past": "2025-02-01 12:00"}

# Position and text of the first element matching each selector (None when there is none).
BOXES = """(selectors) => Object.fromEntries(Object.entries(selectors).map(([name, sel]) => {
  const el = document.querySelector(sel);
  if (!el || !el.getClientRects().length) return [name, null];
  const r = el.getBoundingClientRect();
  return [name, {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right,
                 text: el.textContent.replace(/\\s+/g, ' ').trim(),
                 position: getComputedStyle(el).position}];
}))"""

FIRST_SCREEN = {
    "title": "main h1", "state": ".event-head .state", "lead": ".event-head .lead",
    "when": ".facts div:nth-child(1)", "where": ".facts div:nth-child(2)",
    "admission": ".admission", "primary": ".primary-action a", "phone": ".actions a[href^=tel]",
    "calendar": "details.calendar summary", "text": ".event-body .content",
}


@pytest.fixture(scope="module")
def served(site_at, serve):
    """served(state) -> the base URL of the real site built at that state's clock."""
    return lambda state: serve(site_at(CLOCKS[state]))


def boxes(browser, url, viewport, selectors):
    context = browser.new_context(viewport=viewport, locale="pl-PL")
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        return page.evaluate(BOXES, selectors), page.evaluate(
            "document.documentElement.scrollHeight")
    finally:
        context.close()


def in_order(found, names):
    tops = [found[name]["top"] for name in names]
    assert tops == sorted(tops), f"not in the order {names}: {tops}"


def inside_first_screen(found, name, height=PHONE["height"]):
    box = found[name]
    assert box is not None, f"{name} is missing"
    assert 0 <= box["top"] and box["bottom"] <= height, \
        f"{name} is not fully inside the first {height} px: {box['top']:.0f}–{box['bottom']:.0f}"


def test_open_first_screen_leads_to_the_one_primary_action(browser, served):
    found, _ = boxes(browser, served("open") + "/" + EVENT_PAGE, PHONE, FIRST_SCREEN)
    order = ["title", "state", "lead", "when", "where", "admission", "primary"]
    in_order(found, order)
    for name in order:
        inside_first_screen(found, name)
    assert found["state"]["text"] == "Zapisy do 20 stycznia, godz. 14.00"
    assert found["admission"]["text"] == "Wstęp wolny"
    assert found["primary"]["text"] == "Zgłoś udział"
    # Everything else comes after the primary action: phones, calendar, then the letter.
    assert found["primary"]["bottom"] < found["phone"]["top"] < found["calendar"]["top"] \
        < found["text"]["top"]


def test_closed_first_screen_says_so_and_offers_a_call(browser, served):
    found, _ = boxes(browser, served("closed") + "/" + EVENT_PAGE, PHONE,
                     {**FIRST_SCREEN, "ask": ".actions h2.visually-hidden",
                      "call": ".event-head .state a[href^=tel]"})
    assert found["primary"] is None
    assert found["state"]["text"] == "Zgłoszenia zamknięte – zapytaj organizatorów: tel. 789 059 281"
    in_order(found, ["title", "state", "lead", "when", "where", "phone"])
    for name in ("state", "call", "when", "where"):  # the call is offered at once
        inside_first_screen(found, name)
    assert found["call"]["text"] == "tel. 789 059 281"
    assert found["phone"]["text"] == "Zadzwoń: 789 059 281"  # every contact follows
    assert found["ask"]["text"] == "Chcesz przyjść? Zapytaj organizatorów"  # for screen readers


def test_past_first_screen_says_it_took_place_and_offers_nothing_to_do(browser, served):
    found, _ = boxes(browser, served("past") + "/" + EVENT_PAGE, PHONE, FIRST_SCREEN)
    assert found["state"]["text"] == "Wydarzenie się odbyło"
    inside_first_screen(found, "state")
    inside_first_screen(found, "when")
    assert found["primary"] is None and found["calendar"] is None and found["lead"] is None


def test_home_page_is_at_most_three_phone_screens(browser, served):
    found, height = boxes(browser, served("open") + "/", PHONE,
                          {"h1": "main h1", "card": ".card-event", "more": ".card-event .card-more a"})
    assert found["h1"]["text"] == "Najbliższe wydarzenia"
    assert height <= 3 * PHONE["height"], f"the home page is {height} px tall"
    inside_first_screen(found, "card")  # the coming event, whole, on the first screen
    assert found["more"]["text"] == "Szczegóły i zapisy: Reaktywacja Partnerstwa lokalnego w gminie Czernica"


def test_desktop_puts_facts_and_actions_beside_the_text(browser, served):
    found, _ = boxes(browser, served("open") + "/" + EVENT_PAGE, DESKTOP,
                     {"aside": ".event-aside", "text": ".event-body", "primary": ".primary-action a"})
    assert found["aside"]["left"] >= found["text"]["right"], "the facts are not beside the text"
    assert found["aside"]["position"] == "sticky"
    inside_first_screen(found, "primary", DESKTOP["height"])


# Targets smaller than `least` px (WCAG 2.2 2.5.8: 24 px; links inside sentences excepted).
TARGETS = """([selector, least]) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length)
  .map(el => ({what: el.outerHTML.slice(0, 60), height: el.getBoundingClientRect().height}))
  .filter(t => t.height < least)"""
MAIN_ACTIONS = ".button, summary, .card-more a"
OTHER_TARGETS = ("nav a, .site-name a, .access-links a, .language-links a, .contact-line a, "
                 ".map-link, .calendar-options a, .past-list a, .link-list a, .site-footer a, "
                 ".small a")


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE, DESKTOP], ids=["375", "320", "1280"])
@pytest.mark.parametrize("page", ["", EVENT_PAGE, "wydarzenia/", "deklaracja-dostepnosci/"])
def test_main_actions_are_44px_and_every_other_target_24px(browser, served, page, viewport):
    context = browser.new_context(viewport=viewport, locale="pl-PL")
    try:
        tab = context.new_page()
        tab.goto(served("open") + "/" + page, wait_until="load")
        tab.click("details.calendar summary") if page == EVENT_PAGE else None
        assert tab.evaluate(TARGETS, [MAIN_ACTIONS, 44]) == []
        assert tab.evaluate(TARGETS, [OTHER_TARGETS, 24]) == []
    finally:
        context.close()


# --- Enlarged text (the browser's default font size 20 px instead of 16: 125 %) ----------

@pytest.fixture
def enlarged(browser):
    """enlarged(viewport) -> a page whose default font size is 20 px, as a resident sets it
    (Settings › Appearance › Font size: the same WebPreferences value, through the DevTools
    protocol, since the session's browser is already running); the zoom and the device scale
    factor are left alone (they reflow differently). The tests check that it took effect."""
    contexts = []

    def _open(viewport):
        context = browser.new_context(viewport=viewport, locale="pl-PL")
        contexts.append(context)
        page = context.new_page()
        page.context.new_cdp_session(page).send(
            "Page.setFontSizes", {"fontSizes": {"standard": 20, "fixed": 16}})
        return page
    yield _open
    for context in contexts:
        context.close()


def test_enlarged_text_keeps_the_sign_up_button_on_the_first_phone_screen(enlarged, served):
    tab = enlarged(PHONE)
    tab.goto(served("open") + "/" + EVENT_PAGE, wait_until="load")
    assert tab.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"
    assert tab.evaluate("getComputedStyle(document.body).fontSize") == "22.5px"  # 1.125rem
    found = tab.evaluate(BOXES, {**FIRST_SCREEN, "header": ".site-header"})
    order = ["title", "state", "lead", "when", "where", "admission", "primary"]
    in_order(found, order)
    for name in order:
        inside_first_screen(found, name)
    assert found["primary"]["text"] == "Zgłoś udział"
    # The header leaves most of the screen to the event (it took 369 px before).
    assert found["header"]["bottom"] <= 0.15 * PHONE["height"], found["header"]


def test_enlarged_text_keeps_the_access_links_in_the_home_page_header(enlarged, served):
    tab = enlarged(PHONE)
    tab.goto(served("open") + "/", wait_until="load")
    links = tab.evaluate("""[...document.querySelectorAll('.site-header .access-links a')]
        .map(a => [a.textContent.trim(), a.getBoundingClientRect().bottom])""")
    assert [text for text, _ in links] == ["Tekst łatwy do czytania", "Język migowy"]
    assert all(0 < bottom <= PHONE["height"] for _, bottom in links)
    found = tab.evaluate(BOXES, {"card": ".card-event .card-date"})
    inside_first_screen(found, "card")  # the coming event starts on the first screen


def test_small_phone_shows_the_state_first_and_the_button_on_the_second_screen(browser, served):
    found, _ = boxes(browser, served("open") + "/" + EVENT_PAGE, SMALL_PHONE, FIRST_SCREEN)
    inside_first_screen(found, "state", SMALL_PHONE["height"])
    inside_first_screen(found, "title", SMALL_PHONE["height"])
    assert found["primary"]["bottom"] <= 2 * SMALL_PHONE["height"], found["primary"]


@pytest.mark.parametrize("page", ["", EVENT_PAGE, "wydarzenia/", "kontakt/"])
def test_access_links_are_reachable_from_every_page_on_a_phone(browser, served, page):
    """In the header on the home page, in the footer (the second skip link) everywhere."""
    context = browser.new_context(viewport=SMALL_PHONE, locale="pl-PL")
    try:
        tab = context.new_page()
        tab.goto(served("open") + "/" + page, wait_until="load")
        visible = tab.evaluate("""[...document.querySelectorAll('a')]
            .filter(a => a.getClientRects().length && getComputedStyle(a).visibility !== 'hidden')
            .filter(a => /tekst-latwy-do-czytania|jezyk-migowy/.test(a.href))
            .map(a => a.closest('header, footer, main').tagName)""")
        assert visible.count("FOOTER") == 2, visible
        if page == "":
            assert visible.count("HEADER") == 2, visible
    finally:
        context.close()


# A zero-width probe at the start of the list item shows the line its bullet stands by.
BULLET_LINES = """(selector) => [...document.querySelectorAll(selector)].map(a => {
  const item = a.closest('li'), probe = document.createElement('span');
  probe.textContent = '\u200b';
  item.insertBefore(probe, item.firstChild);
  const bullet = probe.getBoundingClientRect().top;
  probe.remove();
  const lines = node => { const range = document.createRange(); range.selectNodeContents(node);
                          return [...range.getClientRects()].map(r => r.top); };
  const link = lines(a), text = lines(item);
  return {link: a.textContent.trim().slice(0, 30), lines: new Set(link.map(Math.round)).size,
          first: Math.min(...text), last: Math.max(...text), bullet};
})"""


def test_bullets_stand_by_the_first_line_of_links_that_wrap(enlarged, served):
    tab = enlarged(SMALL_PHONE)
    tab.goto(served("open") + "/" + EVENT_PAGE, wait_until="load")
    tab.click("details.calendar summary")
    found = tab.evaluate(BULLET_LINES, ".site-footer li a, .calendar-options li a")
    wrapped = [f for f in found if f["lines"] > 1]
    assert wrapped, found  # at 320 px with enlarged text some do wrap
    for link in found:  # the item's first line, never the last line of a wrapped link
        assert abs(link["bullet"] - link["first"]) < 10, link  # (a link's padding: 6 px)
    for link in wrapped:
        assert link["bullet"] < link["last"] - 20, link


def test_calendar_choices_open_without_javascript(browser, served):
    context = browser.new_context(viewport=PHONE, locale="pl-PL", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served("open") + "/" + EVENT_PAGE, wait_until="load")
        options = page.locator(".calendar-options a")
        assert options.first.is_hidden()
        page.focus("details.calendar summary")
        page.keyboard.press("Enter")
        assert [" ".join(t.split()) for t in options.all_inner_texts()] == [
            "iPhone, iPad, Mac, Outlook w komputerze i inne programy",
            "Telefon z Androidem albo konto Google", "Konto Outlook.com lub Hotmail",
            "Outlook w pracy lub szkole"]
        assert options.first.is_visible()
    finally:
        context.close()
