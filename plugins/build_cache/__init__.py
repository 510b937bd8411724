"""Values made from content, kept in CACHE_PATH from one build to the next.

A value is looked up by everything it is made from (its key) in a file named after the
version of the code that makes it, so a changed input or changed code simply misses; no
entry is ever judged by its age. The settings that govern Pelican's own content cache
govern this one too: LOAD_CONTENT_CACHE reads it, CACHE_CONTENT writes it (publishconf.py
turns both off, so a published site is always made from nothing).

Each build writes only the entries it used, so the file never outgrows the site.

As a plugin it also keeps each build's per-file caches in the settings (BUILD_CACHES:
cached(), for work done on every file of every build, e.g. typography) and saves them
when the build is done, and keeps the compiled Jinja templates (TemplateCache), under the
same two settings; and it empties, when a build starts, the memo in which Pelican itself
would keep every earlier build's pages alive.
"""

import glob
import hashlib
import inspect
import logging
import os
import pickle
import sys
import tempfile

import jinja2
from jinja2 import FileSystemBytecodeCache
from pelican import signals
from pelican.contents import Content
from pelican.utils import memoized

logger = logging.getLogger(__name__)


def code_version(*parts):
    """A short fingerprint of the code that makes a value: source files (paths) and
    library versions (strings)."""
    digest = hashlib.sha256()
    for part in parts:
        if os.path.isfile(part):
            with open(part, "rb") as source:
                digest.update(source.read())
        else:
            digest.update(str(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def read_kept(path):
    """What write_kept() left at `path`, or {} when there is none or it cannot be read (a
    cache is only ever made anew, never trusted half-read)."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as error:
        logger.debug("cache %s unreadable, made anew: %s", path, error)
        return {}


def write_kept(path, value):
    """Pickle `value` to `path` atomically: a reader never sees half a file."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(f.name, path)


PLUGINS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def local_sources(*modules):
    """The source files of `modules` and of every module in the plugins folder that they
    use, directly or through each other (modules and the names imported from them): what
    a value they make depends on, for code_version(). Found, not listed, so that a module
    a change brings in cannot be forgotten."""
    found, todo = set(), list(modules)
    while todo:
        module = todo.pop()
        path = os.path.abspath(getattr(module, "__file__", None) or "")
        if path in found or not path.startswith(PLUGINS_DIR + os.sep):
            continue
        found.add(path)
        for value in vars(module).values():
            todo.append(value if inspect.ismodule(value)
                        else sys.modules.get(getattr(value, "__module__", None) or ""))
    return sorted(found)


class BuildCache:
    """key -> value for one build, with the previous build's values to reuse."""

    def __init__(self, settings, name, version):
        self.name = os.path.join(settings["CACHE_PATH"], name)
        self.path = f"{self.name}-{version}.pickle"
        self.writes = bool(settings.get("CACHE_CONTENT"))
        self.previous = read_kept(self.path) if settings.get("LOAD_CONTENT_CACHE") else {}
        self.used = {}

    def get(self, key, make):
        """The value for `key`: this build's, the previous build's, or make()'s."""
        if key not in self.used:
            value = self.previous.get(key)
            self.used[key] = make() if value is None else value
        return self.used[key]

    def save(self):
        """Write the values this build used."""
        if not self.writes or self.used == self.previous:
            return
        write_kept(self.path, self.used)
        for old in glob.glob(glob.escape(self.name) + "-*.pickle"):  # other code versions'
            if old != self.path:
                os.remove(old)


class BuildCaches(dict):
    """name -> BuildCache of one build, in its settings as BUILD_CACHES."""

    def __reduce__(self):
        # Pelican's content cache pickles the settings with every category it keeps: the
        # caches' values must not be copied there (that file would grow with them).
        return BuildCaches, ()


def cached(settings, name, version, key, make):
    """make()'s value for `key` in this build's cache `name` (made by `version` of the
    code); make() itself where the plugin is not loaded."""
    caches = settings.get("BUILD_CACHES")
    if caches is None:
        return make()
    if name not in caches:
        caches[name] = BuildCache(settings, name, version)
    return caches[name].get(key, make)


def content_key(*parts):
    """A short key for everything a value is made from (plain values: their repr)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).digest()


def start_caches(pelican):
    pelican.settings["BUILD_CACHES"] = BuildCaches()
    forget_memoized_content()


def forget_memoized_content():
    """Empty Pelican's own memo of every page's text and summary (pelican.utils.memoized on
    Content.get_content and get_summary). It is keyed by the content object and never
    emptied, so in a long-lived process (the live preview, tests) each build kept every
    article of every earlier build alive, and with them their whole context: about 23 MiB
    per rebuild at 1000 events, and a slower rebuild each time as the collector walked them."""
    for name in ("get_content", "get_summary"):
        memo = vars(Content).get(name)
        if isinstance(memo, memoized):
            memo.cache.clear()


def save_caches(pelican):
    for cache in pelican.settings.get("BUILD_CACHES", {}).values():
        cache.save()


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates in CACHE_PATH/jinja. Jinja names each file after the template
    and checks the hash of its source; the name here also holds the environment's options
    that change the compiled code, so a template compiled otherwise simply misses."""

    def __init__(self, settings):
        super().__init__(os.path.join(settings["CACHE_PATH"], "jinja"))
        self.reads = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.writes = bool(settings.get("CACHE_CONTENT"))

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, f"{name}|{_compiled_with(environment, name)}",
                                  filename, source)

    def load_bytecode(self, bucket):
        if self.reads:
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket):
        if self.writes:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)


def _compiled_with(env, name):
    """What of a Jinja environment goes into a template's compiled code."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return repr((jinja2.__version__, sorted(env.extensions), env.block_start_string,
                 env.block_end_string, env.variable_start_string, env.variable_end_string,
                 env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                 env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                 env.newline_sequence, env.keep_trailing_newline, env.optimized,
                 env.finalize is not None, getattr(env, "newstyle_gettext", False), autoescape))


def use_template_cache(generator):
    if generator.settings.get("LOAD_CONTENT_CACHE") or generator.settings.get("CACHE_CONTENT"):
        generator.env.bytecode_cache = TemplateCache(generator.settings)


def register():
    # initialized: before any file is read; finalized: every page is written.
    signals.initialized.connect(start_caches)
    signals.finalized.connect(save_caches)
    # generator_init: each generator has its own Jinja environment, none has loaded a
    # template yet.
    signals.generator_init.connect(use_template_cache)
