"""Render a written file again only when something it read changed (docs/architecture.md,
"The render cache").

Every file Pelican renders from a template goes through RenderCacheWriter.write_file. The
first time, the page is rendered while its reads are recorded: each name it looks up in
the template context (RecordingContext), each key it looks up in a mapping of the context
(RecordedMapping: one news list of `related_news`, one entry of `localized_urls`), the
template it starts from. Those reads, with one digest of their values, the settings and the
build's clock-free state of every event it shows, are kept with the page. The next build
renders it again only when one of those digests differs; the code (plugins, theme, settings
files, lock files) is the cache's folder name, so a change there starts from nothing.

Files not rendered from templates (the calendars, QR codes inside pages, feeds, the
sitemap, the text versions) are made by their own code on every build, as before.
"""

import glob
import hashlib
import logging
import os
import sys
from collections.abc import Mapping

import jinja2
import pelican
from jinja2.runtime import Context
from pelican import signals
from pelican.writers import Writer

from build_cache import code_version
from editorial.plugins import listed_in_plugins

from .digest import MISSING, Describer, Uncacheable, settings_digest
from .store import RenderStore

logger = logging.getLogger(__name__)

# Settings left out of the settings' digest, keyed only on the pages that read them: the
# clock (pages see it through the events' state, which is keyed), this build's caches and
# where they lie, the files the editor saved since the preview started (the order of the
# console's warnings: tasks.py passes a new list on every save).
CLOCK_AND_CACHES = {"EVENTS_NOW", "BUILD_CACHES", "RENDER_CACHE", "CACHE_PATH",
                    "LOAD_CONTENT_CACHE", "CACHE_CONTENT", "EDITOR_CHANGED_FILES"}
LOCK_FILES = ("requirements.txt", "requirements-test.txt", "package-lock.json",
              "pelicanconf.py", "publishconf.py")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EVERYTHING = ("everything",)  # a read of a whole context: nothing to key it by
WARNED = ("warned",)  # a message logged while rendering: a kept page would not repeat it

_reads = None  # the set the page being rendered records its reads in


def _record(read):
    if _reads is not None:
        _reads.add(read)


class RecordingContext(Context):
    """Jinja's template context, recording the names a page reads from its input."""

    def resolve_or_missing(self, key):
        if _reads is not None and key not in self.vars:
            _reads.add(("name", key))
        return super().resolve_or_missing(key)

    def __contains__(self, name):
        if _reads is not None and name not in self.vars:
            _reads.add(("name", name))
        return super().__contains__(name)

    def keys(self):
        _record(EVERYTHING)
        return super().keys()

    def values(self):
        _record(EVERYTHING)
        return super().values()

    def items(self):
        _record(EVERYTHING)
        return super().items()

    def __iter__(self):
        _record(EVERYTHING)
        return super().__iter__()


class WarningWatch(logging.Handler):
    """Marks the page being rendered when anything logs a warning or worse meanwhile."""

    def __init__(self):
        super().__init__(level=logging.WARNING)

    def emit(self, record):
        _record(WARNED)


def watch_warnings():
    """One WarningWatch on the root logger, however many builds a process runs."""
    root = logging.getLogger()
    if not any(isinstance(h, WarningWatch) for h in root.handlers):
        root.addHandler(WarningWatch())


class RecordedMapping(Mapping):
    """A mapping of the context (`related_news`, `localized_urls`, …) that records which of
    its keys a page looked up; a page that goes through all of it reads it whole."""

    __slots__ = ("_name", "_data")

    def __init__(self, name, data):
        self._name, self._data = name, data

    def __getitem__(self, key):
        self._read(key)
        return self._data[key]

    def __contains__(self, key):
        self._read(key)
        return key in self._data

    def _read(self, key):
        # A key that is not a plain value (Jinja's Undefined, an object) is not kept in the
        # index: the page reads the whole mapping instead.
        plain = type(key) in (str, int, bool, type(None))
        _record(("item", self._name, key) if plain else ("whole", self._name))

    def __iter__(self):
        _record(("whole", self._name))
        return iter(self._data)

    def __len__(self):
        _record(("whole", self._name))
        return len(self._data)

    def __repr__(self):
        return repr(self._data)


class RenderCache:
    """One build's rendered-page cache: its store, and digests of its values."""

    def __init__(self, settings):
        self.settings = settings
        self._store = None
        self.describer = Describer()
        self._settings_digest = None
        self._digests = {}
        self._reads = {}

    def __reduce__(self):
        # Pelican's content cache pickles the settings: a build's cache is not copied there.
        return _absent, ()

    @property
    def store(self):
        """Opened at the first page: every plugin has set up its settings by then (the
        translations' catalogue folder is part of the code version)."""
        if self._store is None:
            self._store = RenderStore(self.settings, cache_version(self.settings))
        return self._store

    @property
    def settings_digest(self):
        if self._settings_digest is None:
            self._settings_digest = settings_digest(self.settings, CLOCK_AND_CACHES)
        return self._settings_digest

    def render(self, template, localcontext):
        """The page `template` makes of `localcontext`: kept, or rendered and kept."""
        global _reads
        name = localcontext["output_file"]
        if not issubclass(template.environment.context_class, RecordingContext):
            return template.render(localcontext)  # its reads would go unrecorded
        kept = self.store.entry(name)
        if kept is not None:
            dependencies, digest = kept
            if self.digest(template, dependencies, localcontext) == digest:
                page = self.store.page(name, digest)
                if page is not None:
                    self.store.keep(name, dependencies, digest)
                    self.store.hits += 1
                    return page
        _reads = reads = set()
        try:
            page = template.render(recorded(localcontext))
        finally:
            _reads = None
        self._keep(name, template, reads, localcontext, page)
        return page

    def _keep(self, name, template, reads, localcontext, page):
        self.store.forget(name)
        if EVERYTHING in reads or WARNED in reads:
            self.store.uncacheable += 1
            return
        dependencies = self._interned(tuple(sorted(map(self._interned, reads), key=repr)))
        try:
            digest = self.digest(template, dependencies, localcontext)
        except Uncacheable as error:
            logger.debug("render cache: %s not kept (%s)", name, error)
            self.store.uncacheable += 1
            return
        self.store.misses += 1
        self.store.keep(name, dependencies, digest, page)

    def _interned(self, value):
        """One object for equal reads and equal lists of reads: the index pickles each once."""
        return self._reads.setdefault(value, value)

    def digest(self, template, dependencies, localcontext):
        """One digest of the template, the settings and each value a page read."""
        parts = [self.settings_digest, template.name.encode("utf-8")]
        for read in dependencies:
            parts.append(repr(read).encode("utf-8", "surrogatepass"))
            parts.append(self.value_digest(read, localcontext))
        return hashlib.sha256(b"\0".join(parts)).digest()

    def value_digest(self, read, localcontext):
        kind, name = read[0], read[1]
        value = localcontext.get(name, MISSING)
        if kind == "name":
            if recordable(name, value):
                return b"mapping"  # its keys are read one by one: ("item", name, key)
            if (name.isupper() and name not in CLOCK_AND_CACHES
                    and value is self.settings.get(name, MISSING)):
                return b"setting"  # in the settings' digest
        elif kind == "item":
            value = value.get(read[2], MISSING) if isinstance(value, Mapping) else MISSING
        if isinstance(value, (str, int, type(None))):
            return repr(value).encode("utf-8", "surrogatepass")
        # Values shared by every page (the context's) are described once per build.
        found = self._digests.get(id(value))
        if found is None or found[0] is not value:
            found = self._digests[id(value)] = (value, self.describer.digest(value))
        return found[1]


def _absent():
    return None


def recordable(name, value):
    """Whether a value of the context is a mapping whose reads are recorded key by key:
    plain dicts of the generators' context (settings are keyed whole)."""
    return type(value) is dict and not name.isupper()


def recorded(localcontext):
    """The context a page is rendered with: its mappings record which keys it reads."""
    return {name: RecordedMapping(name, value) if recordable(name, value) else value
            for name, value in localcontext.items()}


def cache_version(settings):
    """The code and text that render pages: plugins, theme, catalogues, settings files,
    lock files, Python, Pelican and Jinja. A change to any of them starts the cache anew."""
    folders = [os.path.join(ROOT, "plugins"), settings.get("THEME") or "",
               settings.get("TRANSLATIONS_LOCALE_DIR") or "",
               *(settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
    files = sorted({p for folder in folders if folder and os.path.isdir(folder)
                    for p in glob.glob(os.path.join(glob.escape(folder), "**", "*"),
                                       recursive=True)
                    if os.path.isfile(p) and "__pycache__" not in p})
    files += [os.path.join(ROOT, name) for name in LOCK_FILES]
    # Each file by its name too (templates are found by name), then its bytes.
    named = [part for path in files for part in (f"file {os.path.relpath(path, ROOT)}", path)]
    return code_version(sys.version, pelican.__version__, jinja2.__version__, *named)


class RenderCacheWriter(Writer):
    """Pelican's writer, with each template rendered through the build's RenderCache."""

    def write_file(self, name, template, context, *args, **kwargs):
        cache = self.settings.get("RENDER_CACHE")
        if isinstance(cache, RenderCache) and hasattr(template, "render"):
            template = CachedTemplate(template, cache)
        return super().write_file(name, template, context, *args, **kwargs)


class CachedTemplate:
    """What Pelican's writer calls to render a page."""

    def __init__(self, template, cache):
        self.template, self.cache = template, cache
        self.name = template.name

    def render(self, localcontext):
        return self.cache.render(self.template, localcontext)


def start(pelican_object):
    settings = pelican_object.settings
    if listed_in_plugins(settings, __package__) and (settings.get("LOAD_CONTENT_CACHE")
                                        or settings.get("CACHE_CONTENT")):
        settings["RENDER_CACHE"] = RenderCache(settings)
        watch_warnings()
    else:
        settings.pop("RENDER_CACHE", None)


def get_writer(pelican_object):
    if isinstance(pelican_object.settings.get("RENDER_CACHE"), RenderCache):
        return RenderCacheWriter
    return None


def record_reads(generator):
    env = getattr(generator, "env", None)
    if isinstance(generator.settings.get("RENDER_CACHE"), RenderCache) and env is not None:
        env.context_class = RecordingContext


def save(pelican_object):
    cache = pelican_object.settings.get("RENDER_CACHE")
    if isinstance(cache, RenderCache):
        store = cache.store
        logger.debug("render cache: %d kept, %d rendered, %d not cacheable",
                     store.hits, store.misses, store.uncacheable)
        store.save()


def register():
    # initialized: before the writer is made; generator_init: each generator's own Jinja
    # environment, before any template renders; finalized: every page is written (a build
    # that failed never keeps what it rendered).
    signals.initialized.connect(start)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(record_reads)
    signals.finalized.connect(save)
