"""The live preview (`invoke livereload`, what `make serve` runs): it rebuilds on every
change, and while a file is broken every address shows the Polish list of problems, the
open tab reloads to it and back by itself, and a preview started with a broken file shows
the list too, never a bare 404. Its pieces (publishing/preview.py, error_page.py) are also
called directly.

Each test of the command runs it on a free port in a copy of the project and reads the
served pages over HTTP (and, for the reload, in Chromium).
"""

import contextlib
import shutil
import subprocess
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, fetch, free_port, wait_for
from editorial.messages import notice
from publishing.error_page import UNEXPLAINED, error_page, problems_of
from publishing.preview import preview_policy
from site_checks.report import BuildStopped
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


def test_livereload_builds_serves_and_rebuilds_on_a_change(project):
    """What `make serve` runs: the first build, the URL printed, rebuilds after edits, and an
    editor's error reported without stopping the preview."""
    with preview(project) as (home, log):
        assert wait_for(lambda: urlopen(home, timeout=2).status == 200), read(log)
        assert home in read(log)

        def shows(token):
            return token in urlopen(home + "o-partnerstwie/", timeout=2).read().decode("utf-8")

        page = project / "content" / "pages" / "o-partnerstwie.md"
        page.write_text(read(page) + "\nNowe zdanie: PierwszaZmiana.\n", encoding="utf-8")
        assert wait_for(lambda: shows("PierwszaZmiana")), read(log)

        sitemap = project / "output" / "sitemap.xml"
        written = sitemap.stat().st_mtime_ns
        event = project / "content" / "wydarzenia" / "reaktywacja-partnerstwa-lokalnego.md"
        good = read(event)
        event.write_text(good.replace("Event-start: 2025-01-22 16:00",
                                      "Event-start: 2025-02-30 16:00"), encoding="utf-8")
        assert wait_for(lambda: "nie ma takiego dnia w kalendarzu" in read(log)), read(log)
        assert "Traceback" not in read(log)

        event.write_text(good, encoding="utf-8")
        page.write_text(read(page) + "\nNowe zdanie: DrugaZmiana.\n", encoding="utf-8")
        assert wait_for(lambda: shows("DrugaZmiana")), read(log)
        # every plugin writes again after an error, the sitemap too
        assert wait_for(lambda: sitemap.stat().st_mtime_ns > written, seconds=5), read(log)


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


def test_the_edited_pages_warnings_show_in_a_banner_that_is_never_written(project, page):
    """The editor saves a page with a placeholder: its warning is the first in the terminal,
    the others are one line, and the open tab shows it above the page (styled, under the
    pages' Content-Security-Policy); the file in output/ has no banner."""
    with_policy_meta(project)
    with preview(project) as (base, log):
        assert wait_for(lambda: is_real_page(base)), read(log)
        page.goto(base + "o-partnerstwie/")
        assert page.locator("aside.podglad-ostrzezenia").count() == 0
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=15000)

        about = project / "content" / "pages" / "o-partnerstwie.md"
        about.write_text(read(about) + "\n- [DO UZUPEŁNIENIA: godziny dyżuru]\n",
                         encoding="utf-8")
        line = len(read(about).splitlines())
        # (waits survive the tab's reloads: a save may rebuild, and reload, more than once)
        page.wait_for_function("""() => {
            const banner = document.querySelector("aside.podglad-ostrzezenia");
            return banner && banner.textContent.includes("godziny dyżuru")
                && getComputedStyle(banner).backgroundColor === "rgb(255, 244, 204)";
        }""", timeout=30000)

        banner = BeautifulSoup(get(base + "o-partnerstwie/")[2], "lxml").select_one(
            "aside.podglad-ostrzezenia")
        assert [li.get_text() for li in banner.select("li")] == [
            f"wiersz {line}: tekst do uzupełnienia przed publikacją: „[DO UZUPEŁNIENIA: "
            "godziny dyżuru]”"]
        built = read(project / "output" / "o-partnerstwie" / "index.html")
        assert "DO UZUPEŁNIENIA: godziny" not in built and "podglad-ostrzezenia" not in built
        terminal = read(log).split("DO UZUPEŁNIENIA: godziny dyżuru", 1)[1].splitlines()
        assert terminal[1].startswith("Ostrzeżenia w plikach, których nie zmieniono: ")
        assert terminal[1].endswith(" – pełna lista: invoke warnings")


# The pieces, called directly

def test_the_preview_policy_lets_in_only_livereloads_script_and_socket():
    assert preview_policy("default-src 'none'; style-src 'self'") == (
        "default-src 'none'; style-src 'self'; script-src 'self' 'unsafe-inline'; "
        "connect-src 'self'")
    assert preview_policy("default-src 'none'; script-src 'none'") == (
        "default-src 'none'; script-src 'none'; connect-src 'self'")  # the site's own word
    assert preview_policy("") == "" and preview_policy(None) is None


def test_the_error_page_lists_each_problem_with_its_place_escaped():
    problems = [notice("brak dwukropka po <Title>", "content/pages/kontakt.md", 3),
                notice("plik nie ma nagłówka", "content/pages/o-nas.md")]
    doc = BeautifulSoup(error_page(problems), "lxml")
    assert doc.html["lang"] == "pl" and doc.h1.get_text() == "Strona nie została zbudowana"
    assert doc.p.get_text().startswith("2 błędy w treści. Popraw plik i zapisz go")
    assert [(li.span.get_text(), li.span.next_sibling) for li in doc.select("main ol li")] == [
        ("content/pages/kontakt.md, wiersz 3", "brak dwukropka po <Title>"),
        ("content/pages/o-nas.md", "plik nie ma nagłówka")]


def test_a_program_error_points_at_the_terminal_not_at_a_file():
    (problem,) = problems_of(SystemExit(1))  # a traceback, no list for the editor
    assert problem.message == UNEXPLAINED and problem.place == ""
    doc = BeautifulSoup(error_page([problem]), "lxml")
    assert doc.p.get_text().startswith(" Popraw plik i zapisz go")  # no count of errors
    assert [li.get_text() for li in doc.select("main ol li")] == [UNEXPLAINED]
    found = [notice("zły termin", "content/wydarzenia/x.md", 4)]
    assert problems_of(BuildStopped(found)) == found  # a broken file: the editor's list
