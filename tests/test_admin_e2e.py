"""The form-based editor end to end, offline: the built /admin/ in Debian's Chromium, the
local backend (decap-server in git mode) on a temporary clone of this repository. An editor
signs in, sees and opens the seed event, adds an event through the form's Polish labels and
saves it as a draft (the editorial workflow: a branch of its own, main untouched, as a pull
request would be on GitHub), marks it ready and publishes it: the draft's one commit, adding
one file, lands on main, and the site builds it. A date in words is refused and nothing is
committed. No request leaves the machine; the page's own CSP is never hit."""

import json
import os
import re
import shutil
import subprocess
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

import pytest

from conftest import ROOT, build, free_port, wait_for

SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
SEED_TITLE = "Reaktywacja Partnerstwa lokalnego w gminie Czernica"
NEW_EVENT = {  # label in the form -> value typed
    "Tytuł": "Warsztaty z pisania wniosków",
    "Początek": "2025-03-12 17:00",
    "Koniec": "2025-03-12 19:30",
    "Miejsce": "Świetlica wiejska, ul. Główna 1, Czernica",
    "Zapowiedź": "Pokażemy, jak napisać wniosek o dotację – krok po kroku, na przykładach.",
}
CONTACT = "Urząd Gminy Czernica, j.herok@czernica.pl 789 059 281"
BODY = "Zapraszamy organizacje z gminy.\n\n## Program\n\n- wnioski,\n- budżet."
NEW_SLUG = "warsztaty-z-pisania-wnioskow"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + e.blockedURI));
"""


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          encoding="utf-8").stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A throwaway clone of this repository on branch main (decap-server commits into it)."""
    if not SERVER.exists():
        pytest.fail(f"{SERVER} is missing: run `npm ci` (make test does)")
    repo = tmp_path_factory.mktemp("editor") / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    git(repo, "checkout", "-q", "-B", "main")
    git(repo, "config", "user.name", "Redakcja testowa")
    git(repo, "config", "user.email", "redakcja@example.org")
    # The tested content is the working tree's, committed or not.
    shutil.rmtree(repo / "content")
    shutil.copytree(ROOT / "content", repo / "content")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "Content as in the working tree")
    return repo


@pytest.fixture(scope="module")
def admin(clone, tmp_path_factory, serve):
    """(admin URL, clone): the built site served on 127.0.0.1 and decap-server on the clone."""
    port = free_port()
    output = build(tmp_path_factory.mktemp("admin-site") / "output",
                   EVENTS_NOW="2025-01-10 12:00",
                   ADMIN_LOCAL_BACKEND=f"http://localhost:{port}/api/v1")
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(clone), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
    log = open(clone.parent / "decap-server.log", "w")
    server = subprocess.Popen(["node", str(SERVER)], env=env, stdout=log, stderr=log)
    try:
        if not wait_for(lambda: _answers(port), seconds=30):
            log_text = (clone.parent / "decap-server.log").read_text(encoding="utf-8")
            pytest.fail(f"decap-server did not start: {log_text}")
        yield f"{serve(output)}/admin/", clone
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _answers(port):
    """Whether decap-server answers Decap's first question."""
    request = Request(f"http://127.0.0.1:{port}/api/v1",
                      data=json.dumps({"action": "info"}).encode(),
                      headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=2) as response:
        return response.status == 200


@pytest.fixture
def editor(admin, browser):
    """(page, outside requests): a fresh browser page; every request not to this machine is
    refused and counted."""
    url, _ = admin
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    outside = []

    def route(request_route):
        if urlsplit(request_route.request.url).hostname in LOCAL_HOSTS or \
                request_route.request.url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    context.add_init_script(CSP_PROBE)
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name="Zaloguj się").click()
    page.get_by_text(SEED_TITLE).first.wait_for(timeout=30000)
    yield page, outside
    context.close()


def csp_violations(page):
    return page.evaluate("window.__cspViolations")


def labelled(page, label):
    """The field whose label is `label` (Decap adds "(opcjonalne)" to optional ones)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(opcjonalne\))?$"))


def set_field(page, label, value):
    """Type into the field labelled `label` (select all first: Decap's inputs may keep text)."""
    field = labelled(page, label)
    field.click()
    field.press("Control+a")
    field.press_sequentially(value)


def new_event(page):
    page.get_by_role("link", name="Utwórz pozycję typu Wydarzenie").click()
    page.get_by_label("Tytuł", exact=True).wait_for()


def until(page, check, seconds=20):
    """Poll `check` while the page keeps running: time.sleep would stall the request
    routing of Playwright's sync API, and with it the very request awaited."""
    for _ in range(seconds * 4):
        if check():
            return True
        page.wait_for_timeout(250)
    return False


def save(page):
    """Save the form: in the editorial workflow, a draft (a branch, not main)."""
    page.get_by_role("button", name="Zapisz", exact=True).click()


def set_status(page, status):
    """The draft's status, as the editor picks it from the toolbar's "Status: …" menu."""
    page.get_by_role("button", name=re.compile(r"^Status: ")).click()
    page.get_by_role("menuitem", name=status).click()


def publish(page):
    """"Opublikuj" → "Opublikuj teraz", and yes to Decap's question whether to publish."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Opublikuj", exact=True).click()
    page.get_by_text("Opublikuj teraz").click()


def branches(repo):
    return git(repo, "branch", "--format=%(refname:short)").split()


def test_the_seed_event_is_listed_and_opens_with_its_start(editor):
    page, outside = editor
    page.get_by_text(SEED_TITLE).first.click()
    assert page.get_by_label("Początek", exact=True).input_value() == "2025-01-22 16:00"
    assert page.get_by_label("Tytuł", exact=True).input_value() == SEED_TITLE
    assert outside == [] and csp_violations(page) == []


def test_a_new_event_is_a_draft_then_one_commit_that_builds(editor, admin, tmp_path):
    page, outside = editor
    _, clone = admin
    before = git(clone, "rev-parse", "HEAD").strip()
    new_event(page)
    for label, value in NEW_EVENT.items():
        set_field(page, label, value)
    page.get_by_role("button", name="Dodaj Kontakty").click()
    set_field(page, "Kontakty", CONTACT)
    set_field(page, "Treść", BODY)
    save(page)
    draft = f"cms/events/{NEW_SLUG}"
    assert until(page, lambda: draft in branches(clone))
    assert git(clone, "rev-parse", "main").strip() == before  # a draft publishes nothing
    page.get_by_role("button", name=re.compile(r"^Status: Wersja robocza")).wait_for()
    set_status(page, "W recenzji")
    set_status(page, "Gotowe")
    publish(page)
    assert until(page, lambda: git(clone, "rev-parse", "main").strip() != before)
    assert until(page, lambda: draft not in branches(clone))  # merged, then deleted
    # the draft's one commit, fast-forwarded onto main (nothing else moved main meanwhile)
    assert git(clone, "rev-list", "--count", f"{before}..main").strip() == "1"
    changed = git(clone, "show", "--name-status", "--format=", "main").split("\n")
    assert [line for line in changed if line] == [f"A\tcontent/wydarzenia/{NEW_SLUG}.md"]
    text = git(clone, "show", f"main:content/wydarzenia/{NEW_SLUG}.md")
    header, _, body = text.partition("\n\n")
    assert body == BODY + "\n"  # the file ends with a line end
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    typed = {"Title": NEW_EVENT["Tytuł"], "Summary": NEW_EVENT["Zapowiedź"],
             "Event-start": NEW_EVENT["Początek"], "Event-end": NEW_EVENT["Koniec"],
             "Event-location": NEW_EVENT["Miejsce"], "Event-contacts": CONTACT}
    assert {key: fields[key] for key in typed} == typed
    assert set(fields) == set(typed) | {"Date"}  # Date: the form's default, now
    assert list(fields) == ["Title", "Date", "Summary", "Event-start", "Event-end",
                            "Event-location", "Event-contacts"]  # the key table's order
    output = build(tmp_path / "output", content=clone / "content", EVENTS_NOW="2025-03-01 12:00",
                   ADMIN_DECAP_DIST=str(tmp_path / "none"))
    assert (output / "wydarzenia" / NEW_SLUG / "index.html").exists()
    assert outside == [] and csp_violations(page) == []


def test_a_date_in_words_is_refused_and_nothing_committed(editor, admin):
    page, outside = editor
    _, clone = admin
    before = git(clone, "rev-parse", "HEAD").strip()
    new_event(page)
    for label, value in {**NEW_EVENT, "Tytuł": "Spotkanie w słowach",
                         "Początek": "dwunasty marca o siedemnastej"}.items():
        set_field(page, label, value)
    page.get_by_role("button", name="Dodaj Kontakty").click()
    set_field(page, "Kontakty", CONTACT)
    drafts = branches(clone)
    save(page)
    page.get_by_text("Oczekiwano: RRRR-MM-DD GG:MM").first.wait_for()
    assert git(clone, "rev-parse", "HEAD").strip() == before
    assert branches(clone) == drafts  # not even a draft
    assert git(clone, "status", "--porcelain") == ""
    assert outside == [] and csp_violations(page) == []
