"""The live preview (`invoke livereload`, what `make serve` runs) while a file is broken:
every address shows the Polish list of problems, the open tab reloads to it and back by
itself, and a preview started with a broken file shows the list too, never a bare 404.

Each test runs the real command on a free port in a copy of the project and reads the
served pages over HTTP (and, for the reload, in Chromium).
"""

import contextlib
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, fetch, free_port, wait_for
from test_tasks import INVOKE, NOT_COPIED, read

EVENT = "content/wydarzenia/reaktywacja-partnerstwa-lokalnego.md"
EVENT_URL = "wydarzenia/reaktywacja-partnerstwa-lokalnego/"
GOOD_START = "Event-start: 2025-01-22 16:00"
BAD_START = "Event-start: 2025-02-30 16:00"
ADDRESSES = ["", EVENT_URL, "o-partnerstwie/", "nie/ma/takiej/strony/", "theme/css/site.css"]


@pytest.fixture
def project(tmp_path):
    copy = tmp_path / "projekt"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    return copy


@contextlib.contextmanager
def preview(project):
    """`invoke livereload --port <free port>` in `project`; yields (base URL, log path)."""
    port = free_port()
    log = project / "livereload.log"
    with open(log, "w", encoding="utf-8") as out:
        server = subprocess.Popen([str(INVOKE), "livereload", "--port", str(port)],
                                  cwd=project, stdin=subprocess.DEVNULL, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        base = f"http://localhost:{port}/"
        assert wait_for(lambda: get(base)), read(log)  # answers, whatever it says
        yield base, log
    finally:
        server.terminate()
        server.wait(timeout=10)


def get(url):
    """(status, content type, body) for any status."""
    status, headers, body = fetch(url)
    return status, headers.get_content_type(), body


def problems_shown(body):
    doc = BeautifulSoup(body, "lxml")
    return doc.h1.get_text(), [li.get_text(" ", strip=True) for li in doc.select("main ol li")]


def event_start_line(project):
    text = (project / EVENT).read_text(encoding="utf-8")
    return text[:text.index("Event-start:")].count("\n") + 1


def set_start(project, old, new):
    path = project / EVENT
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def expected_problem(project):
    return (f"{EVENT}, wiersz {event_start_line(project)} pole Event-start: „2025-02-30 16:00” "
            "– nie ma takiego dnia w kalendarzu (2025-02-30). Oczekiwano: RRRR-MM-DD GG:MM, "
            "np. 2025-01-22 16:00, albo sam dzień RRRR-MM-DD dla wydarzenia całodniowego.")


def is_real_page(base, path=EVENT_URL):
    status, content_type, body = get(base + path)
    return status == 200 and b"nie zosta\xc5\x82a zbudowana" not in body


def test_a_broken_file_shows_its_problems_on_every_address_until_it_is_fixed(project):
    with preview(project) as (base, log):
        assert wait_for(lambda: is_real_page(base)), read(log)
        output = sorted(p.relative_to(project) for p in (project / "output").rglob("*"))

        set_start(project, GOOD_START, BAD_START)
        assert wait_for(lambda: get(base)[0] == 500), read(log)

        for address in ADDRESSES:
            status, content_type, body = get(base + address)
            assert (status, content_type) == (500, "text/html"), address
            assert problems_shown(body) == ("Strona nie została zbudowana",
                                            [expected_problem(project)]), address
            assert b"livereload.js" in body  # the tab reloads itself after the next build
        assert sorted(p.relative_to(project) for p in (project / "output").rglob("*")) == output

        set_start(project, BAD_START, GOOD_START)
        assert wait_for(lambda: is_real_page(base)), read(log)
        status, content_type, body = get(base)
        assert status == 200 and BeautifulSoup(body, "lxml").h1 is not None
        assert get(base + "nie/ma/takiej/strony/")[0] == 404  # the site's own 404 page again


def test_a_preview_started_with_a_broken_file_shows_the_problems_not_a_404(project):
    set_start(project, GOOD_START, BAD_START)
    assert not (project / "output").exists()
    with preview(project) as (base, log):
        status, content_type, body = get(base)
        assert status == 500, read(log)
        assert problems_shown(body)[1] == [expected_problem(project)]

        set_start(project, BAD_START, GOOD_START)
        assert wait_for(lambda: is_real_page(base, "")), read(log)


def test_a_missing_address_gets_the_sites_own_404_page(project):
    with preview(project) as (base, log):
        assert wait_for(lambda: is_real_page(base)), read(log)
        status, content_type, body = get(base + "nie/ma/takiej/strony/")
        assert (status, content_type) == (404, "text/html")
        own = BeautifulSoup((project / "output" / "404.html").read_bytes(), "lxml")
        assert BeautifulSoup(body, "lxml").main == own.main


def with_policy_meta(project):
    """The pages' Content-Security-Policy as a <meta> tag (the theme's own where it has one):
    the preview must still let livereload's script reload the tab."""
    base_html = project / "theme" / "templates" / "base.html"
    text = base_html.read_text(encoding="utf-8")
    if "Content-Security-Policy" not in text:
        base_html.write_text(text.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n'
                             '<meta http-equiv="Content-Security-Policy" '
                             'content="{{ CONTENT_SECURITY_POLICY }}">', 1), encoding="utf-8")


def test_the_open_tab_goes_to_the_problems_and_back_by_itself(project, page):
    """What an editor sees: the browser tab follows every save, with no click."""
    with_policy_meta(project)
    with preview(project) as (base, log):
        assert wait_for(lambda: is_real_page(base)), read(log)
        page.goto(base + EVENT_URL)
        title = page.title()
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute(
            "content")
        assert policy.startswith("default-src 'none'") and "script-src 'self'" in policy
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=15000)

        set_start(project, GOOD_START, BAD_START)
        page.wait_for_function(
            "() => document.title.includes('nie została zbudowana')", timeout=30000)
        assert page.locator("main ol li").all_inner_texts() == [
            expected_problem(project).replace(" pole", "\npole", 1)]
        assert page.url == base + EVENT_URL  # the same address, showing the problems

        set_start(project, BAD_START, GOOD_START)
        page.wait_for_function(f"() => document.title === {title!r}", timeout=30000)
        assert "Reaktywacja" in page.locator("h1").inner_text()
