"""The published site works on a static host, at a domain's root and under a sub-path.

`TestBuiltOutput` is also the gate of `invoke publish`: publish runs
`pytest tests/test_hosting.py::TestBuiltOutput` with PUBLISH_OUTPUT (the folder it is about to
push) and SITEURL in the environment. Without them the class checks a fresh publish build of
the real content, so the gate runs in every ordinary test run too.
"""

import os
import re
from collections import deque
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit
from urllib.request import urlopen

import icalendar
import pytest
from bs4 import BeautifulSoup
from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import read_settings

import conftest
from conftest import ROOT, copy_content

GATE_SITEURL = "https://example.org/partnerstwo"
SUBPATH = "partnerstwo"
NOW = "2025-01-10 12:00"  # RSVPs open: the page shows every link it can

# Tags and attributes that make a browser (or a calendar app) fetch a URL.
_HTML_LINKS = [("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"),
               ("script", "src"), ("source", "src"), ("iframe", "src"), ("form", "action")]
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_XML_TYPES = ("application/xml", "text/xml", "application/atom+xml", "application/rss+xml")


build = conftest.build


# The crawler

def links_in(url, content_type, body):
    """Every URL a document points to, resolved against the document's own URL."""
    found = []
    if content_type == "text/html":
        doc = BeautifulSoup(body, "lxml")
        for tag, attr in _HTML_LINKS:
            found += [el[attr] for el in doc.find_all(tag, attrs={attr: True})]
        for el in doc.find_all(srcset=True):
            found += [part.split()[0] for part in el["srcset"].split(",") if part.strip()]
        found += [el["content"] for el in doc.find_all("meta", content=True)
                  if re.match(r"(https?|webcal)://", el["content"])]  # og:url, og:image
    elif content_type == "text/css":
        found += _CSS_URL.findall(body.decode("utf-8"))
    elif content_type in _XML_TYPES:  # sitemap <loc>, Atom <link href>
        doc = BeautifulSoup(body, "xml")
        found += [loc.get_text(strip=True) for loc in doc.find_all("loc")]
        found += [link["href"] for link in doc.find_all("link", href=True)]
    elif content_type == "text/calendar":
        calendar = icalendar.Calendar.from_ical(body)
        found += [str(event["URL"]) for event in calendar.walk("VEVENT") if "URL" in event]
    elif url.endswith("/robots.txt"):
        found += re.findall(r"(?mi)^sitemap:\s*(\S+)", body.decode("utf-8"))
    return [urljoin(url, link.strip()) for link in found if link.strip()]


class Crawl:
    """Fetches every URL of one origin reachable from the start URLs, as a browser would.

    `public` is the origin the site's absolute links use (SITEURL's); its URLs are fetched from
    `local`, the test server standing in for the real host. webcal:// counts as http://.
    """

    def __init__(self, local, public=None):
        self.local = local
        self.public = urlsplit(public or local)
        self.responses = {}  # url -> (status, content type, body)
        self.broken = {}  # url -> why, and which document links to it
        self.fragments = []  # (url, fragment, referrer): #anchors to check at the end

    def same_origin(self, url):
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "webcal") and parts.netloc == self.public.netloc

    def fetch(self, url):
        local = urlsplit(self.local)
        parts = urlsplit(url)._replace(scheme=local.scheme, netloc=local.netloc)
        try:
            with urlopen(urlunsplit(parts), timeout=10) as response:
                return response.status, response.headers.get_content_type(), response.read()
        except HTTPError as error:
            return error.code, None, b""
        except URLError as error:
            return str(error.reason), None, b""

    def run(self, *starts, seeds=()):
        """starts: URLs to visit; seeds: (url, referrer) pairs found elsewhere."""
        queue = deque([(url, "(start)") for url in starts] + list(seeds))
        while queue:
            url, referrer = queue.popleft()
            url, fragment = urldefrag(url)
            if url.startswith("webcal://"):  # a calendar app fetches it over http(s)
                url = f"{self.public.scheme}://{url.removeprefix('webcal://')}"
            if fragment:
                self.fragments.append((url, fragment, referrer))
            if url in self.responses or not self.same_origin(url):
                continue
            status, content_type, body = self.responses[url] = self.fetch(url)
            if status != 200:
                self.broken[url] = f"{status}, link z {referrer}"
            elif content_type == "text/html" and b"<title>Directory listing for" in body:
                self.broken[url] = f"katalog bez index.html, link z {referrer}"
            else:
                queue.extend((link, url) for link in links_in(url, content_type, body))
        self._check_fragments()
        return self

    def _check_fragments(self):
        for url, fragment, referrer in self.fragments:
            status, content_type, body = self.responses.get(url, (None, None, b""))
            if status == 200 and content_type == "text/html":
                doc = BeautifulSoup(body, "lxml")
                if not (doc.find(id=fragment) or doc.find(attrs={"name": fragment})):
                    self.broken[f"{url}#{fragment}"] = f"brak kotwicy, link z {referrer}"

    def visited(self, suffix):
        return [url for url, (status, *_) in self.responses.items()
                if status == 200 and urlsplit(url).path.endswith(suffix)]


def crawl_site(local, siteurl):
    """The whole site from its home page, robots.txt and sitemap, plus the 404 page's links
    as a host serves it: for any missing address, however deep (so its links are absolute)."""
    crawl = Crawl(local, siteurl)
    status, content_type, body = crawl.fetch(f"{siteurl}/404.html")
    assert status == 200, f"404.html: {status}"
    deep_missing = f"{siteurl}/nie/ma/takiej/strony/"
    seeds = []
    for link in links_in(deep_missing, content_type, body):
        url, fragment = urldefrag(link)
        if url != deep_missing:
            seeds.append((link, f"404.html pod adresem {deep_missing}"))
        elif not BeautifulSoup(body, "lxml").find(id=fragment):  # in-page link, e.g. #tresc
            crawl.broken[link] = "brak kotwicy na stronie 404.html"
    return crawl.run(f"{siteurl}/", f"{siteurl}/robots.txt", f"{siteurl}/sitemap.xml",
                     seeds=seeds)


def mount(parent, siteurl):
    """The folder inside a served `parent` that answers for SITEURL's path."""
    path = urlsplit(siteurl).path.strip("/")
    return parent / path if path else parent


# What the content says must (not) be published

def read_content(content=ROOT / "content", conf="publishconf.py"):
    """Every content file, read by Pelican's own readers with the publish settings."""
    settings = read_settings(str(ROOT / conf), override={"PATH": str(content)})
    readers = Readers(settings)
    found = []
    for folders, content_class in ((settings["ARTICLE_PATHS"], Article),
                                   (settings["PAGE_PATHS"], Page)):
        for folder in folders:
            for path in sorted((Path(content) / folder).rglob("*")):
                if path.suffix.lstrip(".") in readers.extensions:
                    found.append(readers.read_file(
                        base_path=str(content), path=str(path.relative_to(content)),
                        content_class=content_class, context={}))
    return settings, found


def published_events(content=ROOT / "content"):
    settings, contents = read_content(content)
    events_dir = settings.get("EVENTS_DIR", "wydarzenia")
    return settings, [c for c in contents if isinstance(c, Article)
                      and c.relative_source_path.split(os.sep)[0] == events_dir
                      and c.status == "published"]


def drafts(content=ROOT / "content"):
    return [c for c in read_content(content)[1] if c.status == "draft"]


def assert_events_have_ics(output, content=ROOT / "content"):
    settings, events = published_events(content)
    uid_domain = settings.get("EVENTS_UID_DOMAIN", "localhost")
    for article in events:
        assert (output / article.save_as).is_file(), f"brak strony {article.save_as}"
        ics_path = output / Path(article.save_as).parent / f"{article.slug}.ics"
        assert ics_path.is_file(), f"brak pliku {ics_path.relative_to(output)}"
        calendar = icalendar.Calendar.from_ical(ics_path.read_bytes())
        assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == [
            f"{article.slug}@{uid_domain}"]
    feed = icalendar.Calendar.from_ical((output / "kalendarz.ics").read_bytes())
    assert sorted(str(e["UID"]) for e in feed.walk("VEVENT")) == sorted(
        f"{a.slug}@{uid_domain}" for a in events)
    for ics_path in output.rglob("*.ics"):  # every calendar file a host serves parses
        assert icalendar.Calendar.from_ical(ics_path.read_bytes()).subcomponents, ics_path


def assert_no_drafts(output, content=ROOT / "content"):
    assert not (output / "drafts").exists()
    texts = {path: path.read_text(encoding="utf-8", errors="replace")
             for path in output.rglob("*") if path.is_file()}
    for draft in drafts(content):
        slug = re.compile(rf"(?<![\w-]){re.escape(draft.slug)}(?![\w-])")
        assert not [p for p in texts if slug.search(str(p.relative_to(output)))], draft.slug
        assert not [p for p, text in texts.items() if slug.search(text)], draft.slug


# The gate

@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """(output, SITEURL): the folder `invoke publish` is checking, or a fresh publish build."""
    if os.environ.get("PUBLISH_OUTPUT"):
        siteurl = os.environ.get("SITEURL", "").rstrip("/")
        assert siteurl, "PUBLISH_OUTPUT needs SITEURL, the address it was built for"
        return Path(os.environ["PUBLISH_OUTPUT"]), siteurl
    output = tmp_path_factory.mktemp("publish") / "output"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", GATE_SITEURL)  # as publish does: publishconf.py reads it
        build(output, conf="publishconf.py")
    return output, GATE_SITEURL


class TestBuiltOutput:
    """Checks on a built publish folder: what `invoke publish` requires before pushing."""

    def test_home_page_exists(self, built_site):
        output, _ = built_site
        assert (output / "index.html").is_file()

    def test_every_event_has_an_ics_that_parses(self, built_site):
        assert_events_have_ics(built_site[0])

    def test_no_broken_internal_links(self, built_site, serve, tmp_path_factory):
        output, siteurl = built_site
        www = tmp_path_factory.mktemp("www")
        site = mount(www, siteurl)
        site.parent.mkdir(parents=True, exist_ok=True)
        site.symlink_to(output, target_is_directory=True) if site != www else None
        local = serve(output if site == www else www)
        crawl = crawl_site(local, siteurl)
        assert crawl.broken == {}
        assert crawl.visited("/index.html") or crawl.visited("/")

    def test_sitemap_lists_absolute_urls_of_this_site(self, built_site):
        output, siteurl = built_site
        doc = BeautifulSoup((output / "sitemap.xml").read_bytes(), "xml")
        locs = [loc.get_text(strip=True) for loc in doc.find_all("loc")]
        assert f"{siteurl}/" in locs
        assert [loc for loc in locs if not loc.startswith(f"{siteurl}/")] == []

    def test_no_drafts(self, built_site):
        assert_no_drafts(built_site[0])


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
    assert len(event_ics) == len(published_events()[1]) >= 1
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
    for article in published_events()[1]:
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
    monkeypatch.setenv("SITEURL", GATE_SITEURL)
    return content, build(tmp_path / "output", content=content, conf="publishconf.py")


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


def test_the_crawler_reports_broken_links(tmp_path, monkeypatch, serve):
    """The gate is only as good as its crawler: a missing page and a missing anchor count."""
    content = copy_content(tmp_path)
    page = content / "pages" / "o-partnerstwie.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Stara strona](../nie-ma-takiej/) "
                    "i [kotwica](#nie-ma-takiej-kotwicy).\n", encoding="utf-8")
    monkeypatch.setenv("SITEURL", GATE_SITEURL)
    www = tmp_path / "www"
    output = build(mount(www, GATE_SITEURL), content=content, conf="publishconf.py")
    crawl = crawl_site(serve(www), GATE_SITEURL)
    assert set(crawl.broken) == {f"{GATE_SITEURL}/nie-ma-takiej/",
                                 f"{GATE_SITEURL}/o-partnerstwie/#nie-ma-takiej-kotwicy"}
    assert (output / "o-partnerstwie" / "index.html").is_file()
