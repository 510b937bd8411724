"""A small site with every kind of event, and the changes an editor, a developer or the
clock makes to it: what tests/test_render_cache_differential.py and
benchmarks/render_cache_fuzz.py build warm and cold and compare, file by file.

The site is a model (files as header lines and a body) written into a content folder;
each change edits the model, and `write()` puts into the folder only the files that
changed, as an editor's save does.
"""

import shutil
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
CONTACT = "j.herok@czernica.pl 789 059 281"
PLACE = "Świetlica wiejska, ul. Główna 1, Czernica"
START_CLOCK = "2025-03-01 12:00"
# Every instant at which some page of the corpus changes state, and a minute either side
# (deadlines, starts, ends, a series' dates): the clock moves among these.
STATE_CHANGES = ["2025-03-03 10:00", "2025-03-03 12:00", "2025-03-04 18:00",
                 "2025-03-04 20:00", "2025-03-05 14:00", "2025-03-08 00:00",
                 "2025-03-09 00:00", "2025-03-10 17:00", "2025-03-10 19:00",
                 "2025-03-11 18:00", "2025-03-14 16:00", "2025-03-16 12:00",
                 "2025-03-18 20:00", "2025-03-25 20:00", "2025-04-30 12:00"]


def _event(title, start, end, **keys):
    head = {"Title": title, "Date": "2025-02-01 12:00", "Category": "Wydarzenia",
            "Summary": f"Zapraszamy: {title.lower()}.", "Event-start": start,
            "Event-end": end, "Event-location": PLACE, "Event-contacts": CONTACT}
    head.update({k.replace("_", "-"): v for k, v in keys.items()})
    return {"head": head, "body": f"Spotkanie „{title}” dla mieszkańców gminy."}


def initial_files():
    """{path in content/: {"head": {key: value}, "body": text}} of the corpus's own files."""
    return {
        "wydarzenia/zapisy-wymagane.md": _event(
            "Warsztaty z zapisami", "2025-03-10 17:00", "2025-03-10 19:00",
            **{"Event-rsvp-deadline": "2025-03-05 14:00", "Funding": "dows-fe-dolny-slask"}),
        "wydarzenia/zapisy-dowolne.md": _event(
            "Spotkanie otwarte", "2025-03-03 10:00", "2025-03-03 12:00",
            **{"Event-rsvp": "optional"}),
        "wydarzenia/bez-zapisow.md": _event(
            "Piknik sąsiedzki", "2025-03-11 18:00", "2025-03-11 20:00",
            **{"Event-rsvp": "none", "Event-admission": "free"}),
        "wydarzenia/cykl.md": _event(
            "Dyżur partnerstwa", "2025-03-04 18:00", "2025-03-04 20:00",
            **{"Event-repeat": "weekly", "Event-repeat-until": "2025-03-25",
               "Event-except": "2025-03-18"}),
        "wydarzenia/odwolane.md": _event(
            "Zebranie odwołane", "2025-03-12 17:00", "2025-03-12 18:00",
            **{"Event-status": "cancelled"}),
        "wydarzenia/caly-dzien.md": _event("Dzień otwarty", "2025-03-08", "2025-03-08"),
        "wydarzenia/kilka-dni.md": _event(
            "Festiwal organizacji", "2025-03-14 16:00", "2025-03-16 12:00",
            **{"Event-organizers": "Urząd Gminy Czernica"}),
        "wydarzenia/zapisy-wymagane-uk.md": {
            "head": {"Title": "Майстерня з реєстрацією", "Date": "2025-02-01 12:00",
                     "Lang": "uk", "Slug": "zapisy-wymagane", "Category": "Wydarzenia",
                     "Summary": "Запрошуємо на майстерню."},
            "body": "Зустріч для мешканців гміни."},
        "aktualnosci/komunikat.md": {
            "head": {"Title": "Zmiana sali", "Date": "2025-02-10 09:00",
                     "Category": "Aktualności", "Related": "zapisy-wymagane",
                     "Summary": "Warsztaty odbędą się w sali nr 2."},
            "body": "Warsztaty odbędą się w sali nr 2."},
        "aktualnosci/podsumowanie.md": {
            "head": {"Title": "Podsumowanie roku", "Date": "2025-01-20 09:00",
                     "Category": "Aktualności"},
            "body": "Dziękujemy wszystkim za wspólny rok."},
    }


def text_of(file):
    lines = []
    for key, value in file["head"].items():
        values = value if isinstance(value, list) else [value]
        lines.append(f"{key}: {values[0]}")
        lines += [f"    {v}" for v in values[1:]]
    return "\n".join(lines) + "\n\n" + file["body"] + "\n"


class Site:
    """The corpus in `folder`: content/ (the real pages with their placeholders and
    translation, the files above), a copy of the theme and catalogues to change, the warm
    build's cache, and the settings every build of it gets."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.content = self.folder / "content"
        for part in ("pages", "extra", "images", "video"):
            if (ROOT / "content" / part).is_dir():
                shutil.copytree(ROOT / "content" / part, self.content / part)
        for part in ("wydarzenia", "aktualnosci"):
            (self.content / part).mkdir(parents=True, exist_ok=True)
        self.theme = self.folder / "theme"
        shutil.copytree(ROOT / "theme", self.theme)
        self.locale = self.folder / "locale"
        shutil.copytree(ROOT / "plugins" / "translations" / "locale", self.locale)
        self.files = initial_files()
        self.written = {}
        self.clock = START_CLOCK
        self.settings = {}
        self.builds = 0
        self.write()

    def write(self):
        """Put the model into content/: changed files written, removed files removed."""
        for path in set(self.written) - set(self.files):
            (self.content / path).unlink()
            del self.written[path]
        for path, file in self.files.items():
            text = text_of(file)
            if self.written.get(path) != text:
                (self.content / path).write_text(text, encoding="utf-8")
                self.written[path] = text

    def build(self, output, cache, warm):
        """A real build of the corpus into `output`, from (and into) the cache `cache` when
        `warm`, else from nothing."""
        self.write()
        settings = read_settings(str(ROOT / "pelicanconf.py"), override={
            "PATH": str(self.content), "OUTPUT_PATH": str(output), "THEME": str(self.theme),
            "TRANSLATIONS_LOCALE_DIR": str(self.locale), "CACHE_PATH": str(cache),
            "CACHE_CONTENT": warm, "LOAD_CONTENT_CACHE": warm,
            "DELETE_OUTPUT_DIRECTORY": True, "EVENTS_NOW": self.clock, **self.settings})
        pelican = Pelican(settings)
        pelican.run()
        self.builds += 1
        self.last = pelican.settings.get("RENDER_CACHE")  # its store counts hits and misses
        return Path(output)

    def differences(self):
        """The files in which a warm build (from the cache of every earlier warm build)
        differs from a build from nothing, with the same content, settings and clock."""
        warm = self.build(self.folder / "warm", self.folder / "cache", warm=True)
        self.warm_cache = self.last
        cold = self.build(self.folder / "cold", self.folder / "cold-cache", warm=False)
        shutil.rmtree(self.folder / "cold-cache", ignore_errors=True)
        return compare(warm, cold)


def files_in(folder):
    return {str(p.relative_to(folder)): p for p in Path(folder).rglob("*") if p.is_file()}


def compare(warm, cold):
    """Names of files that differ, byte for byte, or are only in one of the folders."""
    a, b = files_in(warm), files_in(cold)
    return sorted(name for name in a.keys() | b.keys()
                  if name not in a or name not in b
                  or a[name].read_bytes() != b[name].read_bytes())


def event_files(site):
    return sorted(p for p, f in site.files.items()
                  if p.startswith("wydarzenia/") and "Lang" not in f["head"])


# Each kind of change: (name, function(site)). Every one keeps the site valid.
def _set(path, key, value):
    def change(site):
        if value is None:
            site.files[path]["head"].pop(key, None)
        else:
            site.files[path]["head"][key] = value
    return change


def _body(path, text):
    def change(site):
        site.files[path]["body"] += f"\n\n{text}"
    return change


def _append(path, text):
    """A file outside the model (the real pages): a paragraph added."""
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def _add_event(site):
    site.files["wydarzenia/nowe.md"] = _event("Nowe spotkanie", "2025-03-20 17:00",
                                              "2025-03-20 18:30")


def _remove(path):
    def change(site):
        site.files.pop(path, None)
    return change


def _rename(old, new):
    def change(site):
        if old in site.files:
            site.files[new] = site.files.pop(old)
    return change


def _add_translation(site):
    site.files["wydarzenia/bez-zapisow-uk.md"] = {
        "head": {"Title": "Сусідський пікнік", "Date": "2025-02-01 12:00", "Lang": "uk",
                 "Slug": "bez-zapisow", "Category": "Wydarzenia"},
        "body": "Приходьте всі."}


def _add_news(site):
    site.files["aktualnosci/przypomnienie.md"] = {
        "head": {"Title": "Przypomnienie o pikniku", "Date": "2025-02-20 09:00",
                 "Category": "Aktualności", "Related": "bez-zapisow, cykl"},
        "body": "Przypominamy o pikniku i dyżurach."}


def _setting(key, value):
    def change(site):
        site.settings[key] = value
    return change


def _template(site):
    path = site.theme / "templates" / "base.html"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</footer>", "<!-- zmiana szablonu --></footer>", 1)
                    if "zmiana szablonu" not in text
                    else text.replace("<!-- zmiana szablonu -->", ""), encoding="utf-8")


def _catalogue(site):
    import os
    path = site.locale / "uk" / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    marker = 'msgstr "Перейти до змісту"'
    changed = 'msgstr "Перейти до змісту сторінки"'
    path.write_text(text.replace(marker, changed) if marker in text
                    else text.replace(changed, marker), encoding="utf-8")
    stat = path.stat()  # a catalogue is read again when its time changes
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def _clock(moment):
    def change(site):
        site.clock = moment
    return change


REQUIRED = "wydarzenia/zapisy-wymagane.md"
CHANGES = [
    ("body", _body(REQUIRED, "Prosimy o punktualne przybycie.")),
    ("title", _set(REQUIRED, "Title", "Warsztaty z zapisami – nowa nazwa")),
    ("summary", _set("wydarzenia/cykl.md", "Summary", "Co tydzień we wtorek.")),
    ("Event-start/end", lambda s: (_set(REQUIRED, "Event-start", "2025-03-10 16:00")(s),
                                   _set(REQUIRED, "Event-end", "2025-03-10 18:30")(s))),
    ("Event-location", _set("wydarzenia/bez-zapisow.md", "Event-location",
                            "Boisko szkolne, ul. Szkolna 3, Dobrzykowice")),
    ("Event-geo", _set("wydarzenia/bez-zapisow.md", "Event-geo", "51.0873, 17.2452")),
    ("Event-rsvp-deadline", _set(REQUIRED, "Event-rsvp-deadline", "2025-03-07 12:00")),
    ("Event-contacts", _set("wydarzenia/kilka-dni.md", "Event-contacts",
                            ["p.kobak@gops.czernica.pl 571 226 315", CONTACT])),
    ("Event-organizers", _set("wydarzenia/kilka-dni.md", "Event-organizers",
                              ["Urząd Gminy Czernica", "GOPS w Czernicy"])),
    ("Event-admission", _set("wydarzenia/bez-zapisow.md", "Event-admission", "10 zł")),
    ("Event-accessibility", _set("wydarzenia/caly-dzien.md", "Event-accessibility",
                                 "Wejście bez schodów.")),
    ("Event-rsvp", _set("wydarzenia/zapisy-dowolne.md", "Event-rsvp", "required")),
    ("Event-date-flexible", _set("wydarzenia/kilka-dni.md", "Event-date-flexible", "yes")),
    ("Event-timezone", _set("wydarzenia/kilka-dni.md", "Event-timezone", "Europe/Kyiv")),
    ("Event-repeat-until", _set("wydarzenia/cykl.md", "Event-repeat-until", "2025-04-08")),
    ("Event-except", _set("wydarzenia/cykl.md", "Event-except", ["2025-03-11", "2025-03-18"])),
    ("Event-repeat", lambda s: (_set("wydarzenia/cykl.md", "Event-repeat", "biweekly")(s),
                                _set("wydarzenia/cykl.md", "Event-except", "2025-03-18")(s))),
    ("Event-status rescheduled", lambda s: (
        _set("wydarzenia/kilka-dni.md", "Event-status", "rescheduled")(s),
        _set("wydarzenia/kilka-dni.md", "Event-previous-start", "2025-03-13 16:00")(s),
        _set("wydarzenia/kilka-dni.md", "Event-start", "2025-03-14 17:00")(s))),
    ("Event-status postponed", _set("wydarzenia/bez-zapisow.md", "Event-status", "postponed")),
    ("Event-status scheduled again", _set("wydarzenia/odwolane.md", "Event-status", None)),
    ("Event-status cancelled", _set(REQUIRED, "Event-status", "cancelled")),
    ("Funding", _set("wydarzenia/kilka-dni.md", "Funding", "dows-fe-dolny-slask")),
    ("translation edited", _body("wydarzenia/zapisy-wymagane-uk.md", "Оновлено.")),
    ("translation title", _set("wydarzenia/zapisy-wymagane-uk.md", "Title", "Нова назва")),
    ("translation added", _add_translation),
    ("translation removed", _remove("wydarzenia/zapisy-wymagane-uk.md")),
    ("news mentioning an event added", _add_news),
    ("news title", _set("aktualnosci/przypomnienie.md", "Title", "Przypomnienie – zmiana")),
    ("news Related changed", _set("aktualnosci/komunikat.md", "Related", "kilka-dni")),
    ("news removed", _remove("aktualnosci/podsumowanie.md")),
    ("event added", _add_event),
    ("event removed", _remove("wydarzenia/zapisy-dowolne.md")),
    ("event renamed", _rename("wydarzenia/nowe.md", "wydarzenia/nowe-spotkanie.md")),
    ("page edited", lambda s: _append(s.content / "pages" / "kontakt.md",
                                      "Zapraszamy w godzinach pracy urzędu.")),
    ("setting", _setting("HOME_COMING_EVENTS", 2)),
    ("setting in every page", _setting("GMINA_SITE", {
        "owner": "Serwis Gminy Czernica", "url": "https://czernica.pl/",
        "label": "www.czernica.pl"})),
    ("files the preview saw saved (console only)",
     _setting("EDITOR_CHANGED_FILES", ["content/pages/kontakt.md"])),
    ("template", _template),
    ("catalogue", _catalogue),
    ("clock: an RSVP deadline passes", _clock("2025-03-07 13:00")),
    ("clock: a start passes", _clock("2025-03-09 16:30")),
    ("clock: an occurrence of a series ends", _clock("2025-03-11 20:30")),
    ("clock: an end passes", _clock("2025-03-16 12:01")),
    ("clock: the last occurrence ends", _clock("2025-05-01 00:00")),
]
