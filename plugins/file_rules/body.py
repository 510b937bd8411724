"""HTML in an editor's text that the pages would not show as meant: what the pages'
Content-Security-Policy blocks (read from the settings, csp.py) and what would take the page
away from residents (a <meta> redirect). The HTML Markdown made of the text is checked, so
a Markdown reference-style image is seen like an <img>; each finding is then named by the
line of the file it came from."""

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from editorial.messages import notice
from editorial.sources import editor_path

from .csp import Policy

_LOCAL_FILE = ("plik w content/images/ i odnośnik do niego, np. ![Opis zdjęcia]"
               "({static}/images/zdjecie.jpg)")
_MARKDOWN_ONLY = "zwykły tekst Markdown (**pogrubienie**, listy, nagłówki ##)"
# Each kind of finding: (reason, what to do instead), as the editor reads them.
MESSAGES = {
    "script": ("skrypt w treści – strona nie uruchamia skryptów (zasady bezpieczeństwa), "
               "więc mieszkańcy nic by nie zobaczyli", "usunięcie znacznika <script>"),
    "iframe": ("osadzona ramka (np. film z YouTube albo mapa) – przeglądarka mieszkańca ją "
               "zablokuje i zostanie puste miejsce",
               "zwykły link, np. [Nagranie spotkania](https://www.youtube.com/watch?v=…)"),
    "object": ("osadzony obiekt – przeglądarka mieszkańca go zablokuje",
               "zwykły link do pliku albo strony"),
    "form": ("formularz – strona nie wysyła formularzy; zgłoszenia przyjmują kontakty "
             "wydarzenia", "link do adresu e-mail albo telefonu zamiast formularza"),
    "attribute": ("atrybut {name}= w znaczniku HTML – strona go nie wykona (zasady "
                  "bezpieczeństwa)", f"{_MARKDOWN_ONLY} bez atrybutów"),
    "remote": ("obraz albo nagranie z innej strony – przeglądarka mieszkańca go nie pobierze "
               "(strona niczego nie ładuje z innych serwerów)", _LOCAL_FILE),
    "data": ("obraz wklejony w tekst jako adres data: – przeglądarka mieszkańca go nie pokaże "
             "(zasady bezpieczeństwa)", _LOCAL_FILE),
    "style": ("arkusz stylów w treści (<style>) – przeglądarka go nie zastosuje (zasady "
              "bezpieczeństwa); wygląd stron ustala szablon", f"{_MARKDOWN_ONLY} bez stylów"),
    "stylesheet": ("arkusz stylów w treści (<link rel=\"stylesheet\">) – przeglądarka go nie "
                   "wczyta (zasady bezpieczeństwa); wygląd stron ustala szablon",
                   f"{_MARKDOWN_ONLY} bez stylów"),
    "javascript": ("link javascript: – strona nie uruchamia skryptów (zasady bezpieczeństwa), "
                   "więc kliknięcie nic nie da",
                   "zwykły link do strony albo pliku, np. [Program](https://…)"),
    "base": ("znacznik <base> – przeglądarka go zablokuje (zasady bezpieczeństwa), a gdyby "
             "zadziałał, zmieniłby adres każdego linku na stronie", "usunięcie znacznika <base>"),
    "refresh": ("przekierowanie (<meta http-equiv=\"refresh\">) – przeglądarka od razu "
                "przeniosłaby mieszkańców z tej strony na inną",
                "zwykły link do tamtej strony, np. [Szczegóły](https://…)"),
    "meta": ("znacznik <meta> w treści – należy do szablonu strony, nie do tekstu",
             "usunięcie znacznika <meta>"),
}
# Where each element fetches from, by attribute: the policy's directive.
_RESOURCES = {("img", "src"): "img-src", ("img", "srcset"): "img-src",
              ("source", "srcset"): "img-src", ("source", "src"): "media-src",
              ("video", "src"): "media-src", ("video", "poster"): "img-src",
              ("audio", "src"): "media-src", ("track", "src"): "media-src",
              ("input", "src"): "img-src", ("image", "href"): "img-src",
              ("image", "xlink:href"): "img-src"}
_EMBEDDED = {"iframe": ("frame-src", "src", "iframe"), "frame": ("frame-src", "src", "iframe"),
             "object": ("object-src", "data", "object"), "embed": ("object-src", "src", "object"),
             "form": ("form-action", "action", "form"), "base": ("base-uri", "href", "base")}


class _Finding:
    def __init__(self, kind, needle, name=""):
        self.kind, self.needle, self.name = kind, needle, name


class _Collector(HTMLParser):
    """Every finding in one page's HTML, in document order."""

    def __init__(self, policy):
        super().__init__(convert_charrefs=True)
        self.policy, self.findings, self.local = policy, [], []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        self._element(tag, values)
        for name, value in attrs:
            self._attribute(tag, name, value or "", values)

    def _add(self, kind, needle, name=""):
        self.findings.append(_Finding(kind, needle, name))

    def _element(self, tag, values):
        element = rf"<\s*{re.escape(tag)}\b"
        if tag == "meta":
            refresh = values.get("http-equiv", "").strip().lower() == "refresh"
            self._add("refresh" if refresh else "meta",
                      r"http-equiv\s*=\s*[\"']?refresh" if refresh else element)
        elif tag == "script":
            src = values.get("src", "")
            if not (self.policy.allows_url("script-src", src) if src
                    else self.policy.allows_inline("script-src")):
                self._add("script", element)
        elif tag == "style" and not self.policy.allows_inline("style-src"):
            self._add("style", element)
        elif tag in _EMBEDDED:
            directive, attribute, kind = _EMBEDDED[tag]
            if not self.policy.allows_url(directive, values.get(attribute, "")):
                self._add(kind, element)
        elif tag == "link" and "stylesheet" in values.get("rel", "").lower().split():
            if not self.policy.allows_url("style-src", values.get("href", "")):
                self._add("stylesheet", element)

    def _attribute(self, tag, name, value, values):
        if name == "style" and not self.policy.allows_inline("style-src"):
            self._add("attribute", rf"[\s\"'/]style\s*=", name)
        elif name.startswith("on") and not self.policy.allows_inline("script-src"):
            self._add("attribute", rf"[\s\"'/]{re.escape(name)}\s*=", name)
        elif name == "href" and tag in ("a", "area") and _scheme(value) == "javascript":
            if not self.policy.allows_inline("script-src"):
                self._add("javascript", r"javascript\s*:")
        elif (tag, name) in _RESOURCES:
            for url in _urls(name, value):
                if not self.policy.allows_url(_RESOURCES[tag, name], url):
                    self._add("data" if _scheme(url) == "data" else "remote",
                              re.escape(url[:200]))
                elif not _scheme(url) and not urlsplit(url).netloc:
                    self.local.append(url)


def _scheme(url):
    """A URL's scheme as a browser reads it (control characters and spaces ignored)."""
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    return urlsplit(cleaned).scheme.lower() if ":" in cleaned else ""


def _urls(name, value):
    """The URLs of an attribute: a srcset lists several ("a.jpg 1x, b.jpg 2x")."""
    if name != "srcset":
        return [value.strip()]
    return [item.split()[0] for item in value.split(",") if item.split()]


def body_problems(html, lines, start, source, settings):
    """What the policy would block, what would take residents away, and images or media of
    this site whose file is not there, in a page's HTML (the text of `lines` after line
    `start`, made into HTML by Markdown): one message per kind and line."""
    policy = Policy(settings.get("CONTENT_SECURITY_POLICY", ""), settings.get("SITEURL", ""))
    collector = _Collector(policy)
    collector.feed(html)
    collector.close()
    places = _Places(lines, start)
    found = [(places.line(f.needle), _message(f)) for f in collector.findings]
    found += [(places.line(re.escape(url)), message) for url in collector.local
              if (message := _local_file_message(url, source, settings))]
    problems, seen = [], set()
    for number, text in found:
        if (number, text) not in seen:
            seen.add((number, text))
            problems.append(notice(text, source, number, "treść"))
    return problems


def _message(finding):
    reason, expected = MESSAGES[finding.kind]
    return f"{reason.format(name=finding.name)}. Oczekiwano: {expected}."


_PLACEHOLDER_RE = re.compile(r"^[{|](static|attach|filename)[}|](?P<path>.*)$")


def _local_file_message(url, source, settings):
    """The message for an image or recording of this site that will not show: its file is
    not in content/, or the address lacks {static} (a page lies in its own folder, so a
    relative "images/x.jpg" points into it). None when the file is there."""
    content = settings["PATH"]
    here = os.path.dirname(os.path.join(*Path(source).parts[1:]))  # the file's own folder
    path = unquote(urlsplit(url).path)
    if not path:
        return None
    written = _PLACEHOLDER_RE.match(path)
    if written or path.startswith("/"):
        path = written["path"] if written else path
        relative = os.path.normpath(path[1:] if path.startswith("/")
                                    else os.path.join(here, path))
        if os.path.isfile(os.path.join(content, relative)):
            return None
        return _missing(editor_path(content, relative))
    # A relative address: the file in content/ (as the docs teach) or beside the text.
    for relative in map(os.path.normpath, (path, os.path.join(here, path))):
        if os.path.isfile(os.path.join(content, relative)):
            return ("obraz wpisany bez {static} – strona leży w swoim katalogu, więc "
                    f"przeglądarka szukałaby go gdzie indziej i go nie pokaże. Oczekiwano: "
                    f"![Opis]({{static}}/{Path(relative).as_posix()}).")
    return _missing(editor_path(content, os.path.normpath(path)))


def _missing(path):
    return (f"nie ma pliku {path} – zamiast obrazu albo nagrania strona pokazałaby puste pole. "
            "Oczekiwano: plik zapisany pod tą nazwą w content/images/ (wielkość liter ma "
            "znaczenie) albo poprawiona nazwa w odnośniku, np. ![Opis zdjęcia]"
            "({static}/images/zdjecie.jpg).")


class _Places:
    """The line each finding came from: the n-th finding of a pattern is its n-th match in
    the text (fenced code blocks left out: Markdown shows them, never runs them)."""

    def __init__(self, lines, start):
        self.lines, self.used = [], {}
        fenced = False
        for number, text in enumerate(lines[start:], start + 1):
            if text.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            elif not fenced:
                self.lines.append((number, text))

    def line(self, needle):
        pattern = re.compile(needle, re.IGNORECASE)
        matches = [number for number, text in self.lines for _ in pattern.finditer(text)]
        if not matches:
            return None
        index = self.used.get(needle, 0)
        self.used[needle] = index + 1
        return matches[min(index, len(matches) - 1)]
