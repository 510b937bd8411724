"""The published site works on a static host, at a domain's root and under a sub-path.

The publish gate is site code (publishing/gate.py): `invoke publish` runs it on the
folder it is about to push, and these tests run the very same checks on a fresh publish build
of the real content, and show that each check catches what it is there for.
"""

import icalendar
import pytest
from bs4 import BeautifulSoup

import conftest
from conftest import ROOT, copy_content
from publishing import gate
from publishing.crawl import crawl_site, mount

GATE_SITEURL = "https://example.org/partnerstwo"
SUBPATH = "partnerstwo"
NOW = "2025-01-10 12:00"  # RSVPs open: the page shows every link it can
PUBLISHCONF = ROOT / "publishconf.py"

build = conftest.build


def publish_build(output, monkeypatch, content=ROOT / "content", siteurl=GATE_SITEURL):
    monkeypatch.setenv("SITEURL", siteurl)  # as publish does: publishconf.py reads it
    return build(output, content=content, conf="publishconf.py")


def published_events(content=ROOT / "content"):
    settings, contents = gate.read_content(content, PUBLISHCONF)
    return gate.published_events(settings, contents)


def drafts(content=ROOT / "content"):
    return gate.drafts(gate.read_content(content, PUBLISHCONF)[1])


# The gate

@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """(output, SITEURL): a fresh publish build of the real content."""
    output = tmp_path_factory.mktemp("publish") / "output"
    with pytest.MonkeyPatch.context() as env:
        publish_build(output, env)
    return output, GATE_SITEURL


def test_the_gate_passes_the_real_site(built_site):
    output, siteurl = built_site
    assert gate.check_built_site(output, siteurl, ROOT / "content", PUBLISHCONF) == []


def test_the_gate_names_a_missing_home_page(tmp_path):
    (tmp_path / "output").mkdir()
    assert gate.check_built_site(tmp_path / "output", GATE_SITEURL, ROOT / "content",
                                 PUBLISHCONF) == ["brak strony głównej (index.html)"]


def test_the_gate_names_a_missing_or_broken_calendar(built_site, tmp_path):
    import shutil
    output = shutil.copytree(built_site[0], tmp_path / "output")
    (output / conftest.EVENT_ICS).unlink()
    (output / "kalendarz.ics").write_text("to nie jest kalendarz", encoding="utf-8")
    settings, contents = gate.read_content(ROOT / "content", PUBLISHCONF)
    problems = gate.calendar_problems(output, settings, contents)
    assert f"brak kalendarza wydarzenia {conftest.EVENT_ICS}" in problems
    assert any(p.startswith("plik kalendarz.ics nie jest poprawnym kalendarzem: ")
               for p in problems), problems


def test_the_gate_names_a_sitemap_address_of_another_site(built_site, tmp_path):
    import shutil
    output = shutil.copytree(built_site[0], tmp_path / "output")
    sitemap = output / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(
        f"{GATE_SITEURL}/kontakt/", "https://inna.example.org/kontakt/"), encoding="utf-8")
    assert gate.sitemap_problems(output, GATE_SITEURL) == [
        f"mapa strony sitemap.xml podaje adres spoza {GATE_SITEURL}/: "
        "https://inna.example.org/kontakt/"]


def test_sitemap_lists_absolute_urls_of_this_site(built_site):
    output, siteurl = built_site
    doc = BeautifulSoup((output / "sitemap.xml").read_bytes(), "xml")
    locs = [loc.get_text(strip=True) for loc in doc.find_all("loc")]
    assert f"{siteurl}/" in locs
    assert [loc for loc in locs if not loc.startswith(f"{siteurl}/")] == []


# Hosting layouts: the real host is a test server; the site is built for its address

@pytest.fixture(scope="module", params=["", SUBPATH], ids=["root", "sub-path"])
def hosted(request, serve, tmp_path_factory):
    """(output, SITEURL, crawl): built for http://127.0.0.1:PORT[/partnerstwo], then crawled."""
    www = tmp_path_factory.mktemp("www")
    local = serve(www)  # the server first: its port is part of SITEURL
    siteurl = f"{local}/{request.param}".rstrip("/")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", siteurl)
        output = build(mount(www, siteurl), conf="publishconf.py", EVENTS_NOW=NOW)
    return output, siteurl, crawl_site(local, siteurl)


def test_every_link_resolves(hosted):
    _, siteurl, crawl = hosted
    assert crawl.broken == {}
    for needed in ("/", "/kalendarz.ics", "/sitemap.xml", "/robots.txt", ".atom.xml",
                   "/theme/css/site.css", "/o-partnerstwie/", "/kontakt/", "/wydarzenia/"):
        assert crawl.visited(needed), f"nic nie prowadzi do {needed}"
    assert all(url.startswith(f"{siteurl}/") for url in crawl.responses if url != siteurl)


def test_ics_is_served_as_a_calendar(hosted):
    output, siteurl, crawl = hosted
    event_ics = [url for url in crawl.visited(".ics") if not url.endswith("/kalendarz.ics")]
    assert len(event_ics) == len(published_events()) >= 1
    for url in crawl.visited(".ics"):
        status, content_type, body = crawl.responses[url]
        assert content_type == "text/calendar", url
        assert icalendar.Calendar.from_ical(body).walk("VEVENT"), url


def test_sitemap_lists_absolute_urls_that_resolve(hosted):
    output, siteurl, crawl = hosted
    status, content_type, body = crawl.responses[f"{siteurl}/sitemap.xml"]
    locs = [loc.get_text(strip=True) for loc in BeautifulSoup(body, "xml").find_all("loc")]
    assert f"{siteurl}/" in locs
    for loc in locs:
        assert loc.startswith(f"{siteurl}/"), loc
        assert crawl.responses[loc][0] == 200, loc
    assert f"Sitemap: {siteurl}/sitemap.xml" in (output / "robots.txt").read_text(encoding="utf-8")


def test_event_pages_are_reachable_from_the_home_page(hosted):
    output, siteurl, crawl = hosted
    for article in published_events():
        assert crawl.visited(f"/{article.url}"), article.url


DRAFT_EVENT = """\
Title: Szkic wydarzenia
Date: 2025-01-09 10:00
Category: Wydarzenia
Status: draft
Event-start: 2025-02-05 16:00
Event-end: 2025-02-05 18:00
Event-location: Świetlica wiejska, ul. Wrocławska 1, Dobrzykowice
Event-contacts: j.herok@czernica.pl 789 059 281

Szkic zaproszenia, którego nikt poza redakcją nie powinien zobaczyć.
"""


def build_with_drafts(tmp_path, monkeypatch, drafts_by_path):
    content = copy_content(tmp_path)
    for path, text in drafts_by_path.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_text(text, encoding="utf-8")
    return content, publish_build(tmp_path / "output", monkeypatch, content)


def assert_no_drafts(output, content):
    assert gate.draft_problems(output, gate.read_content(content, PUBLISHCONF)[1]) == []


def every_text(output):
    return "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in output.rglob("*") if p.is_file())


def test_a_draft_event_is_not_published_at_all(tmp_path, monkeypatch):
    content, output = build_with_drafts(
        tmp_path, monkeypatch, {"wydarzenia/szkic-wydarzenia.md": DRAFT_EVENT})
    assert [d.slug for d in drafts(content)] == ["szkic-wydarzenia"]
    assert_no_drafts(output, content)  # no page, no .ics, no link, no sitemap entry
    for words in ("Szkic zaproszenia", "Szkic wydarzenia", "szkic-wydarzenia@"):
        assert words not in every_text(output)  # nor in the feed or kalendarz.ics
    assert (output / "index.html").is_file()  # the rest of the site is there


def test_several_drafts_are_not_published(tmp_path, monkeypatch):
    content, output = build_with_drafts(tmp_path, monkeypatch, {
        "wydarzenia/szkic-wydarzenia.md": DRAFT_EVENT,
        "aktualnosci/szkic-aktualnosci.md": "Title: Szkic aktualności\nDate: 2025-01-09 "
                                            "10:00\nStatus: draft\n\nSzkic.\n",
        "pages/szkic-strony.md": "Title: Szkic strony\nStatus: draft\n\nSzkic.\n",
    })
    assert len(drafts(content)) == 3
    assert_no_drafts(output, content)


def test_the_gate_reports_broken_links(tmp_path, monkeypatch):
    """The gate is only as good as its crawler: a missing page and a missing anchor count."""
    content = copy_content(tmp_path)
    page = content / "pages" / "o-partnerstwie.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Stara strona](../nie-ma-takiej/) "
                    "i [kotwica](#nie-ma-takiej-kotwicy).\n", encoding="utf-8")
    output = publish_build(tmp_path / "output", monkeypatch, content)
    page_url = f"{GATE_SITEURL}/o-partnerstwie/"
    line = len(page.read_text(encoding="utf-8").splitlines())  # the source file to fix
    fix = f" – popraw go w pliku content/pages/o-partnerstwie.md, wiersz {line}"
    assert gate.check_built_site(output, GATE_SITEURL, content, PUBLISHCONF) == [
        f"niedziałający link: {GATE_SITEURL}/nie-ma-takiej/ (404, link z {page_url}){fix}",
        f"niedziałający link: {page_url}#nie-ma-takiej-kotwicy (brak kotwicy, link z "
        f"{page_url}){fix}",
    ]


def test_a_draft_named_with_a_common_word_does_not_stop_publishing(tmp_path, monkeypatch):
    """Slugs are words: "partnerstwo" is in every page's text; only the draft's own address,
    files and UID would betray it."""
    content, output = build_with_drafts(
        tmp_path, monkeypatch, {"wydarzenia/partnerstwo.md": DRAFT_EVENT.replace(
            "szkic-wydarzenia", "partnerstwo")})
    assert gate.draft_problems(output, gate.read_content(content, PUBLISHCONF)[1]) == []


def test_the_gate_reports_a_draft_that_would_be_published(tmp_path, monkeypatch):
    content, output = build_with_drafts(
        tmp_path, monkeypatch, {"wydarzenia/szkic-wydarzenia.md": DRAFT_EVENT})
    (output / "zdradzony-szkic.html").write_text('<a href="wydarzenia/szkic-wydarzenia/">x</a>',
                                                  encoding="utf-8")
    assert gate.draft_problems(output, gate.read_content(content, PUBLISHCONF)[1]) == [
        "szkic „szkic-wydarzenia” (wydarzenia/szkic-wydarzenia.md) trafiłby do publikacji: "
        "zdradzony-szkic.html"]


# The `_headers` file: what Netlify and Cloudflare Pages send for a path, as each documents
# the file (Netlify: a line without a colon is skipped, a later matching rule's value of a
# header replaces the earlier one; Cloudflare Pages: the values of every matching rule are
# joined with a comma, "! Name" detaches what the rules before set).

def header_rules(text):
    """[(path pattern, [(name, value or None for a detach)])] in the file's order."""
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line, []))
        elif line.strip().startswith("!"):
            rules[-1][1].append((line.strip()[1:].strip(), None))
        else:
            name, value = line.strip().split(": ", 1)
            rules[-1][1].append((name, value))
    return rules


def matches(pattern, path):
    import re
    return re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path) is not None


def netlify(rules, path):
    sent = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            sent.update({name: value for name, value in headers if value is not None})
    return sent


def cloudflare(rules, path):
    sent = {}
    for pattern, headers in rules:
        if not matches(pattern, path):
            continue
        for name, value in headers:
            if value is None:
                sent.pop(name, None)
            else:
                sent[name] = f"{sent[name]}, {value}" if name in sent else value
    return sent


def test_the_headers_file_sends_the_admin_its_own_policy(built_site):
    output, _ = built_site
    rules = header_rules((output / "_headers").read_text(encoding="utf-8"))
    page = BeautifulSoup((output / "admin" / "index.html").read_bytes(), "html.parser")
    admin = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    residents = BeautifulSoup((output / "kontakt" / "index.html").read_bytes(), "html.parser"
                              ).select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert admin != residents and "'unsafe-eval'" in admin
    for host in (netlify, cloudflare):
        for path in ("/admin/", "/admin/index.html", "/admin/decap-cms.js"):
            sent = host(rules, path)
            assert sent["Content-Security-Policy"] == f"{admin}; frame-ancestors 'none'", (
                host.__name__, path)
            assert sent["X-Content-Type-Options"] == "nosniff"
        for path in ("/", "/kontakt/", "/wydarzenia/index.html", "/administracja/"):
            assert host(rules, path)["Content-Security-Policy"] == (
                f"{residents}; frame-ancestors 'none'"), (host.__name__, path)
