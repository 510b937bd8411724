"""Performance budgets of the built site, in bytes and requests (never wall-clock time).

- First load of the home page and of the event page (the HTML plus every stylesheet,
  script, image and font it loads from our own output, each gzipped at level 9) fits in
  14 KB = 14336 bytes: the first round trip of a new TCP connection (initial congestion
  window of 10 segments), so a resident on a slow mobile link sees the page after one trip.
- No JavaScript is needed: the only <script> allowed is JSON-LD structured data.
- Nothing is loaded from another origin (no CDN, fonts, maps or trackers).
- Exactly one stylesheet, whose URL carries a hash of its content (plugins/asset_version),
  so hosts may cache it forever and a changed stylesheet is fetched at once.
"""

import gzip
import hashlib
import re
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
from pelican.settings import read_settings

from conftest import EVENT_PAGE, ROOT, build, copy_content, soup, write_event

BUDGET = 14 * 1024  # bytes, gzip -9, HTML + everything it loads
NOW = "2025-01-10 12:00"  # RSVP open: the event page in its fullest state
PAGES = ["index.html", EVENT_PAGE]
STYLESHEET = ROOT / "theme" / "static" / "css" / "site.css"

# Elements and attributes through which a page loads something (not mere links).
LOADING_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                     "modulepreload", "prefetch", "manifest", "mask-icon"}
LOADING_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"],
    "iframe": ["src"], "video": ["src", "poster"], "audio": ["src"], "object": ["data"],
    "embed": ["src"], "track": ["src"], "input": ["src"],
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The real site, built once for this module with the event page at its fullest."""
    return build(tmp_path_factory.mktemp("budgets") / "output", EVENTS_NOW=NOW)


def loaded_urls(html):
    """Every URL the page makes the browser fetch (srcset split into its candidates)."""
    urls = []
    for link in html.find_all("link", href=True):
        if LOADING_LINK_RELS & {rel.lower() for rel in link.get("rel", [])}:
            urls.append(link["href"])
    for tag, attributes in LOADING_ATTRIBUTES.items():
        for element in html.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if not value:
                    continue
                if attribute == "srcset":
                    urls += [c.strip().split()[0] for c in value.split(",") if c.strip()]
                else:
                    urls.append(value)
    return urls


def is_other_origin(url):
    return bool(re.match(r"(?i)^(?:[a-z][a-z0-9+.-]*:)?//", url.strip()))


def local_file(site, page, url):
    """The output file a same-origin URL points to (query and fragment dropped), or None."""
    if url.startswith("data:") or is_other_origin(url):
        return None
    path = urlsplit(url).path
    base = site if path.startswith("/") else (site / page).parent
    return (base / path.lstrip("/")).resolve()


def first_load(site, page):
    """{output-relative path: (raw bytes, gzip -9 bytes)} of the page and all it loads."""
    files = {page: site / page}
    queue = [(page, url) for url in loaded_urls(soup(site / page))]
    while queue:
        referrer, url = queue.pop()
        target = local_file(site, referrer, url)
        if target is None:
            continue
        relative = target.relative_to(site.resolve()).as_posix()
        assert target.is_file(), f"{referrer} loads {url}, which is not in the output"
        if relative in files:
            continue
        files[relative] = target
        if target.suffix == ".css":  # fonts and images a stylesheet loads count too
            css = target.read_text(encoding="utf-8")
            queue += [(relative, m.group(2) or m.group(4)) for m in CSS_URL.finditer(css)]
    sizes = {}
    for relative, path in files.items():
        data = path.read_bytes()
        sizes[relative] = (len(data), len(gzip.compress(data, compresslevel=9)))
    return sizes


def describe(sizes):
    return ", ".join(f"{name} {gz} B gzip ({raw} B raw)" for name, (raw, gz) in sizes.items())


@pytest.mark.parametrize("page", PAGES)
def test_first_load_fits_in_14_kb(built, page):
    sizes = first_load(built, page)
    total = sum(gz for _, gz in sizes.values())
    assert total <= BUDGET, (
        f"{page}: first load {total} B gzip -9 > budget {BUDGET} B "
        f"(over by {total - BUDGET} B): {describe(sizes)}")
    # The budget must have counted the stylesheet, or it measures nothing.
    assert any(name.endswith(".css") for name in sizes), describe(sizes)
    print(f"{page}: {total} B of {BUDGET} B: {describe(sizes)}")


@pytest.mark.parametrize("page", PAGES)
def test_no_javascript(built, page):
    scripts = [str(s)[:120] for s in soup(built / page).find_all("script")
               if (s.get("type") or "").strip().lower() != "application/ld+json"]
    assert scripts == [], f"{page}: scripts other than JSON-LD: {scripts}"


@pytest.mark.parametrize("page", PAGES)
def test_nothing_loaded_from_another_origin(built, page):
    html = soup(built / page)
    inline_css = [m.group(2) or m.group(4) for style in html.find_all("style")
                  for m in CSS_URL.finditer(style.get_text())]
    foreign = [url for url in loaded_urls(html) + inline_css if is_other_origin(url)]
    assert foreign == [], f"{page}: resources from other origins: {foreign}"


def stylesheets(site, page):
    return [link["href"] for link in soup(site / page).find_all("link", href=True)
            if "stylesheet" in [rel.lower() for rel in link.get("rel", [])]]


def version_of(href):
    """The ?v= value of a URL if it is hexadecimal, else None."""
    values = parse_qs(urlsplit(href).query).get("v", [])
    return values[0] if len(values) == 1 and re.fullmatch(r"[0-9a-f]+", values[0]) else None


@pytest.mark.parametrize("page", PAGES)
def test_one_stylesheet_with_content_hash(built, page):
    hrefs = stylesheets(built, page)
    assert len(hrefs) == 1, f"{page}: expected exactly one stylesheet, found {hrefs}"
    version = version_of(hrefs[0])
    assert version and len(version) >= 8, f"{page}: no ?v=<hex hash> in {hrefs[0]}"
    source = hashlib.sha256(STYLESHEET.read_bytes()).hexdigest()
    assert source.startswith(version), (
        f"{page}: ?v={version} is not the sha256 of theme/static/css/site.css ({source})")
    served = local_file(built, page, hrefs[0])
    assert hashlib.sha256(served.read_bytes()).hexdigest().startswith(version), (
        f"{page}: the stylesheet in the output does not match ?v={version}")


def test_stylesheet_hash_changes_with_its_content(built, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    css = theme / "static" / "css" / "site.css"
    css.write_bytes(css.read_bytes() + b"\n/* changed */\n")
    changed = build(tmp_path / "output", EVENTS_NOW=NOW, THEME=str(theme))
    before = version_of(stylesheets(built, "index.html")[0])
    after = version_of(stylesheets(changed, "index.html")[0])
    assert after != before, f"?v= stayed {before} although site.css changed"
    assert hashlib.sha256(css.read_bytes()).hexdigest().startswith(after), (
        f"?v={after} is not the sha256 of the changed site.css")


def test_home_page_stays_within_budget_with_many_past_events(tmp_path):

    content = copy_content(tmp_path)
    for n in range(60):
        write_event(content, f"spotkanie-{n:02d}", title=f"Spotkanie partnerstwa nr {n}",
                    event_start=f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d} 17:00",
                    event_end=f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d} 19:00")
    site = build(tmp_path / "output", content=content, EVENTS_NOW="2025-02-01 12:00")
    home = soup(site / "index.html")
    (past,) = [s for s in home.select("main section") if s.find(id="minione")]
    assert len(past.select("li")) == read_settings(str(ROOT / "pelicanconf.py"))["HOME_PAST_EVENTS"]
    assert past.find("a", string=lambda t: t and "Wszystkie wydarzenia" in t)
