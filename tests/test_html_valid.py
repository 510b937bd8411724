"""Every built page is valid HTML for the Nu HTML Checker (vnu.jar, issue 5).

The site is built at the event's clocks (RSVP open, RSVP closed, past) and with the event
cancelled and rescheduled (copies of the content with the event file's metadata edited),
and all their pages go to one run of the checker. A missing Java or jar fails the test.
"""

import json
import shutil
import subprocess

import pytest

from conftest import EVENT_PAGE, ROOT, STATES, build, copy_content, write_event

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def built_sites(site_in, news_site, tmp_path_factory):
    sites = {state: site_in(state) for state in STATES}
    sites["news"] = news_site  # news, a paid multi-day event with venue accessibility
    # A multi-day event in another zone.
    tmp = tmp_path_factory.mktemp("zone")
    content = copy_content(tmp)
    write_event(content, "dwudniowe", event_start="2025-03-07 17:00",
                event_end="2025-03-08 13:00", event_timezone="Europe/London")
    sites["zone"] = build(tmp / "output", content=content, EVENTS_NOW="2025-01-10 12:00")
    assert (sites["news"] / "aktualnosci" / "zmiana-sali" / "index.html").is_file()
    return sites


def vnu_command():
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: the Nu HTML Checker needs a Java runtime "
                    "(apt-get install default-jre-headless; the Makefile's `make test` does it)")
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci` (package.json lists vnu-jar)")
    return [java, "-jar", str(VNU), "--errors-only", "--format", "json"]


def test_every_page_is_valid_html(built_sites):
    command = vnu_command()
    files = sorted(str(f) for out in built_sites.values() for f in out.rglob("*.html"))
    for name, out in built_sites.items():
        for page in ("index.html", EVENT_PAGE, "404.html", "archiwum/index.html"):
            assert str(out / page) in files, f"{name}: {page} was not built"
    # With --format json the checker writes its report to stderr; exit code 1 = errors.
    run = subprocess.run(command + files, capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {run.returncode}):\n{run.stderr[-3000:]}")
    where = {str(out): name for name, out in built_sites.items()}

    def describe(m):
        path = m.get("url", "").removeprefix("file:")
        site = next((f"[{name}] {path.removeprefix(out + '/')}" for out, name in where.items()
                     if path.startswith(out)), path)
        return (f"{site}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')} {m['type']}: "
                f"{m.get('message')}\n      {m.get('extract', '').strip()[:160]}")

    assert not messages, f"{len(messages)} HTML errors:\n" + "\n".join(map(describe, messages))
    assert run.returncode == 0, f"vnu.jar exit {run.returncode}: {run.stderr[-2000:]}"
