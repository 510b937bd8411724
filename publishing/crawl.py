"""A crawler for the built site: fetches every URL of one origin reachable from the start
URLs, as a browser or a calendar app would, and names every link that leads nowhere.
Standard library only (plus icalendar), so publishing needs only requirements.txt."""

import contextlib
import functools
import http.server
import re
import tempfile
import threading
import xml.etree.ElementTree as ElementTree
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit
from urllib.request import urlopen

import icalendar

# Tags and attributes that make a browser (or a calendar app) fetch a URL.
_HTML_LINKS = {("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"),
               ("script", "src"), ("source", "src"), ("iframe", "src"), ("form", "action")}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_XML_TYPES = ("application/xml", "text/xml", "application/atom+xml", "application/rss+xml")


class _Page(HTMLParser):
    """The URLs an HTML page points to and the anchors (id, name) it has."""

    def __init__(self, body):
        super().__init__(convert_charrefs=True)
        self.links, self.anchors = [], set()
        self.feed(body.decode("utf-8", errors="replace"))
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        self.links += [attrs[attr] for t, attr in _HTML_LINKS if t == tag and attr in attrs]
        if "srcset" in attrs:
            self.links += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        if tag == "meta" and re.match(r"(https?|webcal)://", attrs.get("content", "")):
            self.links.append(attrs["content"])  # og:url, og:image
        self.anchors.update(attrs[key] for key in ("id", "name") if attrs.get(key))

    handle_startendtag = handle_starttag


def anchors_in(body):
    return _Page(body).anchors


def links_in(url, content_type, body):
    """Every URL a document points to, resolved against the document's own URL."""
    found = []
    if content_type == "text/html":
        found += _Page(body).links
    elif content_type == "text/css":
        found += _CSS_URL.findall(body.decode("utf-8"))
    elif content_type in _XML_TYPES:  # sitemap <loc>, Atom <link href>
        for element in ElementTree.fromstring(body).iter():
            name = element.tag.rsplit("}", 1)[-1]
            if name == "loc" and element.text:
                found.append(element.text.strip())
            elif name == "link" and element.get("href"):
                found.append(element.get("href"))
    elif content_type == "text/calendar":
        calendar = icalendar.Calendar.from_ical(body)
        found += [str(event["URL"]) for event in calendar.walk("VEVENT") if "URL" in event]
    elif url.endswith("/robots.txt"):
        found += re.findall(r"(?mi)^sitemap:\s*(\S+)", body.decode("utf-8"))
    return [urljoin(url, link.strip()) for link in found if link.strip()]


class Crawl:
    """`public` is the origin the site's absolute links use (SITEURL's); its URLs are fetched
    from `local`, the server standing in for the real host. webcal:// counts as http://."""

    def __init__(self, local, public=None):
        self.local = local
        self.public = urlsplit(public or local)
        self.responses = {}  # url -> (status, content type, body)
        self.broken = {}  # url -> why, and which document links to it
        self.linked_from = {}  # broken url -> the URL of the document that links to it
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
                self.linked_from[url] = referrer
            elif content_type == "text/html" and b"<title>Directory listing for" in body:
                self.broken[url] = f"katalog bez index.html, link z {referrer}"
                self.linked_from[url] = referrer
            else:
                try:
                    queue.extend((link, url) for link in links_in(url, content_type, body))
                except (ValueError, ElementTree.ParseError) as error:
                    self.broken[url] = f"nie da się odczytać ({error}), link z {referrer}"
        self._check_fragments()
        return self

    def _check_fragments(self):
        for url, fragment, referrer in self.fragments:
            status, content_type, body = self.responses.get(url, (None, None, b""))
            if status == 200 and content_type == "text/html" and fragment not in anchors_in(body):
                self.broken[f"{url}#{fragment}"] = f"brak kotwicy, link z {referrer}"
                self.linked_from[f"{url}#{fragment}"] = referrer

    def visited(self, suffix):
        return [url for url, (status, *_) in self.responses.items()
                if status == 200 and urlsplit(url).path.endswith(suffix)]


def crawl_site(local, siteurl):
    """The whole site from its home page, robots.txt and sitemap, plus the 404 page's links
    as a host serves it: for any missing address, however deep (so its links are absolute)."""
    crawl = Crawl(local, siteurl)
    status, content_type, body = crawl.fetch(f"{siteurl}/404.html")
    if status != 200:
        crawl.broken[f"{siteurl}/404.html"] = f"{status}: brak strony błędu 404"
        return crawl.run(f"{siteurl}/", f"{siteurl}/robots.txt", f"{siteurl}/sitemap.xml")
    deep_missing = f"{siteurl}/nie/ma/takiej/strony/"
    seeds = []
    for link in links_in(deep_missing, content_type, body):
        url, fragment = urldefrag(link)
        if url != deep_missing:
            seeds.append((link, f"404.html pod adresem {deep_missing}"))
        elif fragment not in anchors_in(body):  # in-page link, e.g. #tresc
            crawl.broken[link] = "brak kotwicy na stronie 404.html"
    return crawl.run(f"{siteurl}/", f"{siteurl}/robots.txt", f"{siteurl}/sitemap.xml",
                     seeds=seeds)


def mount(parent, siteurl):
    """The folder inside a served `parent` that answers for SITEURL's path."""
    path = urlsplit(siteurl).path.strip("/")
    return Path(parent) / path if path else Path(parent)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".svg": "image/svg+xml"}

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(directory):
    """A static server for `directory` on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def served_at(output, siteurl):
    """The built `output` served where SITEURL's path says (root or sub-path)."""
    with tempfile.TemporaryDirectory(prefix="kontrola-strony-") as www:
        site = mount(www, siteurl)
        if site != Path(www):
            site.parent.mkdir(parents=True, exist_ok=True)
            site.symlink_to(Path(output).resolve(), target_is_directory=True)
        with serving(www if site != Path(www) else output) as local:
            yield local
