"""Shared fixtures: real Pelican builds into tmp folders, a local HTTP server, a real browser."""

import functools
import http.server
import os
import shutil
import sys
import socket
import threading
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from playwright.sync_api import sync_playwright
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))  # the site's own plugins, for tests that call them
sys.path.insert(0, str(ROOT))  # the publishing package, for tests that call it
EVENT_PAGE = "wydarzenia/reaktywacja-partnerstwa-lokalnego/index.html"
EVENT_ICS = "wydarzenia/reaktywacja-partnerstwa-lokalnego/reaktywacja-partnerstwa-lokalnego.ics"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def build(output, content=ROOT / "content", conf="pelicanconf.py", **overrides):
    """Build the real site with the real Pelican into `output`; returns `output`."""
    settings = read_settings(str(ROOT / conf), override={
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "CACHE_PATH": str(Path(output).parent / "cache"),
        **overrides,
    })
    Pelican(settings).run()
    return Path(output)


def builds_by_clock(tmp_path_factory, events, name):
    """build(now) -> the real site with `events` ({slug: write_event's fields}) added, as of
    that clock; each clock built once."""
    @functools.cache
    def _build(now):
        folder = tmp_path_factory.mktemp(name)
        content = copy_content(folder)
        for slug, fields in events.items():
            write_event(content, slug, **fields)
        return build(folder / "output", content=content, EVENTS_NOW=now)
    return _build


def copy_content(tmp_path):
    """A writable copy of the real content, for tests that change one file."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def residents_pages(site):
    """Every HTML page residents may open: all but the editors' admin/ (plugins/admin), which
    is Decap's page with its own policy and is not counted in the residents' checks."""
    return sorted(p for p in Path(site).rglob("*.html")
                  if p.relative_to(site).parts[0] != "admin")


def soup(path):
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "lxml")


@pytest.fixture(scope="session")
def site_at(tmp_path_factory):
    """site_at("2025-01-10 12:00") -> the real site built as of that moment (cached)."""
    @functools.cache
    def _build(now, conf="pelicanconf.py", **overrides):
        out = tmp_path_factory.mktemp("site") / "output"
        return build(out, conf=conf, EVENTS_NOW=now, **overrides)
    return _build


# The seed meeting at each moment of its life: EVENTS_NOW and metadata lines added to its file.
SEED_EVENT_FILE = Path("wydarzenia") / "reaktywacja-partnerstwa-lokalnego.md"
STATES = {
    "open": ("2025-01-10 12:00", None),
    "closed": ("2025-01-21 12:00", None),
    "past": ("2025-02-01 12:00", None),
    "cancelled": ("2025-01-10 12:00", "Event-status: cancelled"),
    "rescheduled": ("2025-01-10 12:00",
                    "Event-status: rescheduled\nEvent-previous-start: 2025-01-15 16:00"),
}


def add_seed_metadata(content, lines):
    """Add metadata lines to the seed event's header (right after its Slug: line)."""
    path = Path(content) / SEED_EVENT_FILE
    head, found, rest = path.read_text(encoding="utf-8").partition("\nSlug:")
    assert found, f"{path}: no Slug: line to anchor the edit"
    slug_line, _, body = rest.partition("\n")
    path.write_text(f"{head}\nSlug:{slug_line}\n{lines}\n{body}", encoding="utf-8")


@pytest.fixture(scope="session")
def site_in(site_at, tmp_path_factory):
    """site_in("cancelled") -> the real site with the seed meeting in that state (cached)."""
    @functools.cache
    def _build(state):
        now, lines = STATES[state]
        if lines is None:
            return site_at(now)
        content = copy_content(tmp_path_factory.mktemp(state))
        add_seed_metadata(content, lines)
        return site_at(now, content=content)
    return _build


@pytest.fixture(scope="session")
def news_site(tmp_path_factory):
    """The page types the seed lacks: news (one about the seed, one linking another event),
    a paid, multi-day event with venue accessibility, a map pin and organisers, a weekly
    series with a skipped date and an all-day festival."""
    tmp = tmp_path_factory.mktemp("news")
    content = copy_content(tmp)
    write_event(content, "warsztaty", title="Warsztaty", event_admission="20 zł, płatne na miejscu",
                event_accessibility=["Wejście bez schodów.", "Pętla indukcyjna w sali."],
                event_start="2025-03-07 17:00", event_end="2025-03-08 13:00",
                event_geo="51.0873, 17.2452", event_organizers=["Stowarzyszenie RCWIP"])
    write_event(content, "dyzur", title="Dyżur partnerstwa", event_repeat="weekly",
                event_start="2025-01-08 17:00", event_end="2025-01-08 18:00",
                event_repeat_until="2025-04-30", event_except="2025-01-22")
    write_event(content, "festyn", title="Festyn rodzinny", event_start="2025-06-14",
                event_end="2025-06-15")
    news = content / "aktualnosci"
    (news / "zmiana-sali.md").write_text(
        "Title: Zmiana sali\nDate: 2025-01-15 10:00\nRelated: reaktywacja-partnerstwa-lokalnego\n"
        "Funding: dows-fe-dolny-slask\nSummary: Spotkanie odbędzie się w sali nr 12.\n\n"
        "Sala nr 12 na parterze.\n", encoding="utf-8")
    (news / "zaproszenie.md").write_text(
        "Title: Zapraszamy na warsztaty\nDate: 2025-01-14 10:00\n\n"
        "Szczegóły: [warsztaty]({filename}/wydarzenia/warsztaty.md).\n", encoding="utf-8")
    return build(tmp / "output", content=content, EVENTS_NOW="2025-01-10 12:00")


@pytest.fixture(scope="session")
def site(site_at):
    """The real site while RSVPs are open (before the deadline)."""
    return site_at("2025-01-10 12:00")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".svg": "image/svg+xml"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> base URL of an HTTP server on 127.0.0.1 for that folder."""
    servers = []

    def _serve(directory):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield _serve
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright; a missing browser fails, never skips."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run the README's test command (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="pl-PL")
    yield context.new_page()
    context.close()


def write_event(content, slug, title="Spotkanie testowe", body="Treść spotkania.", **fields):
    """Write content/wydarzenia/<slug>.md; fields are Event-* keys with '_' for '-'."""
    meta = {
        "Event-start": "2025-03-05 17:00",
        "Event-end": "2025-03-05 19:00",
        "Event-location": "Świetlica wiejska, ul. Główna 1, Czernica",
        "Event-contacts": "j.herok@czernica.pl 789 059 281",
        **{key.replace("_", "-").capitalize(): value for key, value in fields.items()},
    }
    lines = [f"Title: {title}", "Date: 2025-01-08 12:00", f"Slug: {slug}",
             "Category: Wydarzenia", "Summary: Spotkanie mieszkańców."]
    for key, value in meta.items():
        if value is not None:
            values = value if isinstance(value, list) else [value]
            lines.append(f"{key}: {values[0]}")
            lines += [f"    {v}" for v in values[1:]]
    path = Path(content) / "wydarzenia" / f"{slug}.md"
    path.write_text("\n".join(lines) + "\n\n" + body + "\n", encoding="utf-8")
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("localhost", 0))
        return s.getsockname()[1]


def fetch(url):
    """(status, headers, body) of a request to a local server, for any status."""
    try:
        with urlopen(url, timeout=5) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(check, seconds=30):
    """Poll `check` until it is true (a bounded wait, never a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except (URLError, ConnectionError, OSError):
            pass
        time.sleep(0.3)
    return False
