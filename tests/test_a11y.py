"""Accessibility of every page type in real headless Chromium (issue 5).

Residents are often elderly and on phones: axe-core (WCAG 2.1 A/AA + best practice) at
375 and 1280 px, reflow at 320 px, text enlarged to 200 %, the skip links, a visible focus
on every focusable element, contrast (7:1 for body text), reduced motion and an 18 px base.

Every page is checked in every state an event goes through: RSVP open, RSVP closed, past,
cancelled and rescheduled (the last two are copies of the content with the event file's
metadata edited). The open site is checked page by page over *every* HTML file it has, so
pages added later (deklaracja-dostepnosci, dane-osobowe) are checked as soon as they exist.
"""

import functools

import pytest
from pelican.settings import read_settings

from conftest import EVENT_PAGE, ROOT, STATES

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# pelicanconf's SITEURL: a page served at any depth (404.html) may link to it absolutely,
# stylesheet included, so the browser is pointed from there to the test server.
PREVIEW_SITEURL = read_settings(str(ROOT / "pelicanconf.py"))["SITEURL"]

# Page types the open site must have (the two legal pages are checked when they exist).
REQUIRED_PAGES = ["index.html", EVENT_PAGE, "o-partnerstwie/index.html", "kontakt/index.html",
                  "wydarzenia/index.html", "404.html"]
# The old address of the events list only sends the browser on (test_old_list_address_redirects).
REDIRECTS = {"archiwum/index.html": "wydarzenia/"}
VIEWPORTS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 800}}


@pytest.fixture(scope="session")
def sites(site_in, news_site, serve):
    """sites(state) -> (output folder, base URL); each state is built and served once."""
    @functools.cache
    def _site(state):
        out = news_site if state == "news" else site_in(state)
        return out, serve(out)
    return _site


def pages_of(state, out):
    """The open site: every HTML page it has; other states: the pages that show the event."""
    if state == "news":  # the page types the seed lacks
        return ["index.html", EVENT_PAGE, "wydarzenia/warsztaty/index.html",
                "wydarzenia/dyzur/index.html", "wydarzenia/festyn/index.html",
                "aktualnosci/zmiana-sali/index.html", "aktualnosci/index.html"]
    if state != "open":
        return ["index.html", EVENT_PAGE, "wydarzenia/index.html"]
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                   if p.relative_to(out).as_posix() not in REDIRECTS
                   and not p.relative_to(out).as_posix().startswith("admin/"))  # editors' tool
    missing = [p for p in REQUIRED_PAGES if p not in pages]
    assert not missing, f"page types missing from the built site: {missing}"
    return pages


def url(base, page):
    return f"{base}/{page.removesuffix('index.html')}"


def new_page(browser, base, viewport, **options):
    """A fresh page; absolute links to the preview SITEURL are served from `base`."""
    # The pages forbid every script (CSP); axe-core is the tests' own script, let in by the
    # browser itself. tests/test_csp.py checks the policy with nothing bypassed.
    context = browser.new_context(viewport=viewport, locale="pl-PL", bypass_csp=True, **options)
    if PREVIEW_SITEURL.startswith("http"):
        context.route(f"{PREVIEW_SITEURL}/**", lambda route: route.continue_(
            url=route.request.url.replace(PREVIEW_SITEURL, base, 1)))
    page = context.new_page()
    return context, page


def visit(page, address):
    response = page.goto(address, wait_until="load")
    assert response is not None and response.ok, f"{address}: {response and response.status}"
    # The stylesheet must have loaded, or every visual check below would test unstyled HTML.
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--text')"), \
        f"{address}: site.css did not load"


@pytest.fixture
def check_site(browser, sites):
    """check_site(state, viewport, js, *args) -> {page: result of js} over the state's pages."""
    opened = []

    def _check(state, viewport, script, *args, before=None, **options):
        out, base = sites(state)
        context, page = new_page(browser, base, viewport, **options)
        opened.append(context)
        results = {}
        for name in pages_of(state, out):
            visit(page, url(base, name))
            if before:
                before(page)
            results[name] = page.evaluate(script, *args)
        return results

    yield _check
    for context in opened:
        context.close()


def test_old_list_address_redirects(browser, sites):
    out, base = sites("open")
    context, page = new_page(browser, base, VIEWPORTS["375"])
    try:
        for old, new in REDIRECTS.items():
            page.goto(url(base, old))
            page.wait_for_url(f"{base}/{new}")
            assert page.locator("h1").inner_text() == "Wydarzenia"
    finally:
        context.close()


def report(results):
    """{page: [problem, ...]} -> a readable assertion message; empty when all is well."""
    return "\n".join(f"{page}:\n    " + "\n    ".join(map(str, problems))
                     for page, problems in results.items() if problems)


# --- axe-core ---------------------------------------------------------------------------

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v =>
    `${v.id} (${v.impact}): ${v.help} -> ` + v.nodes.map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("state", [*STATES, "news"])
def test_axe_finds_no_violations(check_site, state, viewport):
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (package.json lists axe-core)"
    results = check_site(state, VIEWPORTS[viewport], AXE_RUN, AXE_TAGS,
                         before=lambda page: page.add_script_tag(path=str(AXE)))
    assert not report(results), f"axe-core violations ({state}, {viewport} px):\n{report(results)}"


# --- reflow and text size ---------------------------------------------------------------

NO_HORIZONTAL_SCROLL = """() => {
  const root = document.documentElement;
  return root.scrollWidth <= root.clientWidth ? [] :
    [`scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}; widest: ` +
     [...document.querySelectorAll('body *')]
       .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
       .slice(-5).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))
       .join(', ')];
}"""


@pytest.mark.parametrize("state", [*STATES, "news"])
def test_no_horizontal_scrolling_at_320px(check_site, state):
    results = check_site(state, {"width": 320, "height": 640}, NO_HORIZONTAL_SCROLL)
    assert not report(results), f"horizontal scrolling at 320 px ({state}):\n{report(results)}"


# Text resized to 200 %: WCAG 1.4.4 is about *text* size, so the root font size is doubled
# (documentElement.style.fontSize = '200%'), exactly what a browser's or phone's "text size"
# setting does to a rem-based stylesheet. Full-page zoom (body.style.zoom, or a 640 px
# viewport at 2x) only gives the 1280 px window a 640 px layout, which the 320 px reflow
# test above already bounds; text-only enlargement is the harder case where boxes sized
# for normal text clip it. Checked at 1280 px and at 375 px (elderly residents enlarge text
# on their phones).
TEXT_NOT_CLIPPED = """() => {
  const root = document.documentElement;
  const problems = [];
  if (root.scrollWidth > root.clientWidth)
    problems.push(`horizontal scroll: ${root.scrollWidth} > ${root.clientWidth}`);
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                     (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
  const hidden = el => { const s = getComputedStyle(el);
    return s.clipPath === 'inset(50%)' || s.clip.startsWith('rect(0') ||
           (el.offsetWidth <= 1 && el.offsetHeight <= 1); };
  for (const el of document.querySelectorAll('body *')) {
    const texts = [...el.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
    if (!texts.length || !el.getClientRects().length) continue;
    let skip = false;
    for (let a = el; a; a = a.parentElement) if (hidden(a)) { skip = true; break; }
    if (skip) continue;
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' && a.scrollWidth > a.clientWidth + 1)
        problems.push(`${name(el)}: text clipped horizontally by ${name(a)} (${a.scrollWidth} > ${a.clientWidth})`);
      if (s.overflowY !== 'visible' && a.scrollHeight > a.clientHeight + 1)
        problems.push(`${name(el)}: text clipped vertically by ${name(a)} (${a.scrollHeight} > ${a.clientHeight})`);
    }
    for (const t of texts) {
      const range = document.createRange(); range.selectNodeContents(t);
      const r = range.getBoundingClientRect();
      if (r.width && (r.left < -1 || r.right > root.clientWidth + 1))
        problems.push(`${name(el)}: text outside the window (${Math.round(r.left)}..${Math.round(r.right)} px): ${t.textContent.trim().slice(0, 40)}`);
    }
  }
  return [...new Set(problems)];
}"""


def enlarge_text(page):
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "36px"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("state", ["open", "cancelled", "rescheduled"])
def test_text_at_200_percent_is_not_clipped(check_site, state, viewport):
    results = check_site(state, VIEWPORTS[viewport], TEXT_NOT_CLIPPED, before=enlarge_text)
    assert not report(results), f"text at 200 % ({state}, {viewport} px):\n{report(results)}"


BASE_FONT_SIZE = """() => {
  const small = [];
  const size = el => parseFloat(getComputedStyle(el).fontSize);
  if (size(document.body) < 18) small.push(`body: ${size(document.body)} px`);
  for (const el of document.querySelectorAll('main p, main li, main dd'))
    if (el.getClientRects().length && size(el) < 18)
      small.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''}: ` +
                 `${size(el)} px: ${el.textContent.trim().slice(0, 50)}`);
  return small;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_base_text_is_at_least_18px(check_site, viewport):
    for state in ("open", "cancelled"):
        results = check_site(state, VIEWPORTS[viewport], BASE_FONT_SIZE)
        assert not report(results), f"text under 18 px ({state}, {viewport} px):\n{report(results)}"


# --- keyboard ---------------------------------------------------------------------------

ACTIVE = """() => { const a = document.activeElement; const r = a.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {text: a.textContent.trim(), href: a.getAttribute('href'), tag: a.tagName.toLowerCase(),
          x: r.left, y: r.top, w: r.width, h: r.height, vw: innerWidth, vh: innerHeight,
          onTop: !!hit && (hit === a || a.contains(hit))}; }"""

SKIP_LINKS = [("Przejdź do treści", "#tresc", "main"), ("Przejdź do stopki", "#stopka", "footer")]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ["index.html", EVENT_PAGE])
def test_skip_links_come_first_are_visible_and_work(browser, sites, name, viewport):
    out, base = sites("open")
    context, page = new_page(browser, base, VIEWPORTS[viewport])
    try:
        for presses, (text, href, landmark) in enumerate(SKIP_LINKS, start=1):
            visit(page, url(base, name))
            for _ in range(presses):
                page.keyboard.press("Tab")
            active = page.evaluate(ACTIVE)
            assert (active["tag"], active["text"], active["href"]) == ("a", text, href), \
                f"Tab #{presses} focused {active}, expected the skip link {text!r}"
            assert active["w"] > 0 and active["h"] > 0, f"{text!r} has no size when focused: {active}"
            assert 0 <= active["x"] and active["x"] + active["w"] <= active["vw"] and \
                0 <= active["y"] and active["y"] + active["h"] <= active["vh"], \
                f"{text!r} is not inside the window when focused: {active}"
            assert active["onTop"], f"{text!r} is covered by another element when focused"
            page.keyboard.press("Enter")
            inside = page.evaluate("""(id) => { const t = document.getElementById(id);
                return !!t && (document.activeElement === t || t.contains(document.activeElement))
                       && t.tagName.toLowerCase(); }""", href[1:])
            assert inside == landmark, \
                f"Enter on {text!r} left focus on {page.evaluate('document.activeElement.outerHTML.slice(0, 80)')}"
    finally:
        context.close()


FOCUSABLE = """() => {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const list = [...document.querySelectorAll(sel)].filter(el =>
    el.tabIndex >= 0 && !el.disabled && getComputedStyle(el).visibility !== 'hidden' &&
    el.getClientRects().length && !el.closest('details:not([open]) > :not(summary)'));
  list.forEach((el, i) => { el.dataset.focusIndex = i; });
  return list.map(el => { const s = getComputedStyle(el);
    return {outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow}; });
}"""

FOCUS_STYLE = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = null;  // what the outline is drawn on: the first opaque background around it
  for (let a = el.parentElement; a && !bg; a = a.parentElement) {
    const c = rgb(getComputedStyle(a).backgroundColor);
    if (c.length === 3 || c[3] === 1) bg = c.slice(0, 3);
  }
  bg = bg || [255, 255, 255];
  const [l1, l2] = [lum(rgb(s.outlineColor)), lum(bg)].sort((a, b) => b - a);
  return {index: el.dataset.focusIndex ?? null, what: el.outerHTML.slice(0, 70),
          outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow,
          outlineContrast: (l1 + 0.05) / (l2 + 0.05)};
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", ["index.html", EVENT_PAGE])
def test_focus_is_always_visible(browser, sites, name, viewport):
    """Tab through every focusable element: each shows an outline (3:1 against what is
    around it) or a box-shadow it does not have unfocused, and none is skipped."""
    out, base = sites("open")
    context, page = new_page(browser, base, VIEWPORTS[viewport])
    try:
        visit(page, url(base, name))
        unfocused = page.evaluate(FOCUSABLE)
        assert len(unfocused) > 5, f"only {len(unfocused)} focusable elements found"
        reached, problems = [], []
        for _ in range(len(unfocused) + 3):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_STYLE)
            if focused["index"] is None:
                break  # focus left the list (back to the browser UI / body): one full round
            index = int(focused["index"])
            if reached and index <= reached[-1]:
                break
            reached.append(index)
            before = unfocused[index]
            outline = (focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
                       and focused["outline"] != before["outline"])
            shadow = focused["shadow"] != "none" and focused["shadow"] != before["shadow"]
            if not (outline or shadow):
                problems.append(f"no visible focus: {focused['what']} "
                                f"(outline {focused['outline']}, box-shadow {focused['shadow']})")
            elif outline and not shadow and focused["outlineContrast"] < 3:
                problems.append(f"focus outline contrast {focused['outlineContrast']:.2f}:1 < 3:1: "
                                f"{focused['what']}")
        assert reached == list(range(len(unfocused))), \
            f"Tab order reached {reached}, expected all {len(unfocused)} focusable elements in order"
        assert not problems, "\n".join(problems)
    finally:
        context.close()


# --- contrast ---------------------------------------------------------------------------

CONTRAST = """() => {
  const parse = c => { const m = c.match(/^rgba?\\(([^)]+)\\)$/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const lum = c => c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05); };
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
  const hidden = el => { const s = getComputedStyle(el);
    return s.clipPath === 'inset(50%)' || s.clip.startsWith('rect(0'); };
  const problems = [];
  for (const el of document.querySelectorAll('body *')) {
    const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
    const s = getComputedStyle(el);
    if (!text || !el.getClientRects().length || s.visibility !== 'visible') continue;
    let skip = false;
    for (let a = el; a; a = a.parentElement) if (hidden(a)) { skip = true; break; }
    if (skip) continue;
    // The effective background: layers from the element up to the first opaque one.
    const layers = [];
    for (let a = el; a; a = a.parentElement) {
      const as = getComputedStyle(a);
      if (as.backgroundImage !== 'none') { problems.push(`${name(el)}: background image on ${name(a)}, contrast not measurable`); break; }
      if (parseFloat(as.opacity) < 1) problems.push(`${name(el)}: ${name(a)} is translucent (opacity ${as.opacity})`);
      const c = parse(as.backgroundColor);
      if (!c) { problems.push(`${name(el)}: unknown colour ${as.backgroundColor}`); break; }
      if (c[3] > 0) layers.push(c);
      if (c[3] === 1) break;
    }
    let bg = [255, 255, 255, 1];  // the canvas
    for (const layer of layers.reverse()) bg = over(layer, bg);
    const fg = parse(s.color);
    if (!fg) { problems.push(`${name(el)}: unknown colour ${s.color}`); continue; }
    const body = !!el.closest('main p, main li, main dd');
    const need = body ? 7 : 4.5;
    const r = ratio(over(fg, bg), bg);
    if (r < need) problems.push(`${name(el)} ${r.toFixed(2)}:1 < ${need}:1 (${s.color} on rgb(${bg.slice(0, 3)})): ${text.slice(0, 40)}`);
  }
  return [...new Set(problems)];
}"""


@pytest.mark.parametrize("state", [*STATES, "news"])
def test_text_contrast(check_site, state):
    """Body text (main p, li, dd) at least 7:1 (WCAG AAA), every other text 4.5:1."""
    results = check_site(state, VIEWPORTS["375"], CONTRAST)
    assert not report(results), f"contrast too low ({state}):\n{report(results)}"


# --- motion -----------------------------------------------------------------------------

MOTION = """() => {
  const seconds = v => v.split(',').map(t => t.trim())
    .map(t => t.endsWith('ms') ? parseFloat(t) / 1000 : parseFloat(t));
  const problems = document.getAnimations().map(a =>
    `running animation ${a.animationName || a.transitionProperty || a.id || a.constructor.name}`);
  for (const el of document.querySelectorAll('*'))
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(el, pseudo);
      if (seconds(s.transitionDuration).some(t => t > 0.01) && s.transitionProperty !== 'none')
        problems.push(`${el.tagName.toLowerCase()}${pseudo || ''}: transition ${s.transitionProperty} ${s.transitionDuration}`);
      if (s.animationName !== 'none' && seconds(s.animationDuration).some(t => t > 0.01))
        problems.push(`${el.tagName.toLowerCase()}${pseudo || ''}: animation ${s.animationName}`);
    }
  return [...new Set(problems)];
}"""


def hover_and_focus_everything(page):
    """Motion usually starts on hover or focus: trigger both before measuring."""
    shown = [link for link in page.locator("header a[href], main a[href]").all()
             if link.is_visible()]  # on a phone the header shows fewer links
    for link in shown[:12]:
        link.hover()
    page.keyboard.press("Tab")


@pytest.mark.parametrize("state", ["open", "cancelled"])
def test_reduced_motion_is_respected(check_site, state):
    results = check_site(state, VIEWPORTS["375"], MOTION, reduced_motion="reduce",
                         before=hover_and_focus_everything)
    assert not report(results), f"motion despite prefers-reduced-motion ({state}):\n{report(results)}"
