"""Real objects for tests of one function or one macro, without a site build (in the
style of Pelican's own tests/support.py): settings read from pelicanconf.py, Pelican's own
Article, an Event parsed by the events plugin, a fixed clock."""

import functools
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.contents import Article
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from events import plugin as events_plugin  # noqa: E402

WARSAW = ZoneInfo("Europe/Warsaw")
EVENT_FIELDS = {
    "event-start": "2025-03-05 17:00",
    "event-end": "2025-03-05 19:00",
    "event-location": "Świetlica wiejska, ul. Główna 1, Czernica",
    "event-contacts": ["j.herok@czernica.pl 789 059 281"],
}


def clock(text):
    """"2025-01-10 12:00" -> an aware moment in the site's zone (the build's EVENTS_NOW)."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WARSAW)


class _Initialized:
    """What the events plugin's initialized receiver needs of a Pelican object."""

    def __init__(self, settings):
        self.settings = settings


@functools.cache
def content_folder():
    """A content/ folder of this test process: receivers of content_object_init that read
    the file itself (placeholders, site checks) find the file an Article says it is."""
    folder = Path(tempfile.mkdtemp(prefix="support-")) / "content"
    folder.mkdir()
    return folder


def settings(**overrides):
    """The site's settings (pelicanconf.py) with the events plugin's defaults merged, as a
    build has them after `initialized`."""
    found = read_settings(str(ROOT / "pelicanconf.py"),
                          override={"PATH": str(content_folder()), **overrides})
    events_plugin.on_initialized(_Initialized(found))
    return found


def article(metadata=None, content="<p>Treść.</p>", source="wydarzenia/spotkanie.md",
            site_settings=None):
    """Pelican's own Article of a file at content/`source` (lower-case metadata keys, values
    as Pelican's reader hands them over: dates as datetimes, lists for multi-line keys)."""
    site_settings = site_settings or settings()
    metadata = {"title": "Spotkanie", "date": clock("2025-01-08 12:00"),
                "slug": Path(source).stem, **(metadata or {})}
    path = Path(site_settings["PATH"]) / source
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_file_text(metadata), encoding="utf-8")
    return Article(content, metadata=metadata, settings=site_settings, source_path=str(path),
                   context={})


def _file_text(metadata):
    """The file an editor would have written for `metadata` (its header, no text)."""
    lines = []
    for key, value in metadata.items():
        values = value if isinstance(value, list) else [value]
        if isinstance(values[0], datetime):
            values = [f"{values[0]:%Y-%m-%d %H:%M}"]
        lines += [f"{key.capitalize()}: {values[0]}"] + [f"    {v}" for v in values[1:]]
    return "\n".join(lines) + "\n\nTreść.\n"


def article_with_event(site_settings=None, **fields):
    """An event file's Article after the events plugin read it: `.event` (or
    `.event_problems`). Fields are Event-* keys with "_" for "-"; None leaves one out."""
    metadata = {**EVENT_FIELDS, **{k.replace("_", "-"): v for k, v in fields.items()}}
    found = article({k: v for k, v in metadata.items() if v is not None},
                    site_settings=site_settings)
    events_plugin.on_content_init(found)
    return found
