"""Values made from content, kept in CACHE_PATH from one build to the next.

A value is looked up by everything it is made from (its key) in a file named after the
version of the code that makes it, so a changed input or changed code simply misses; no
entry is ever judged by its age. The settings that govern Pelican's own content cache
govern this one too: LOAD_CONTENT_CACHE reads it, CACHE_CONTENT writes it (publishconf.py
turns both off, so a published site is always made from nothing).

Each build writes only the entries it used, so the file never outgrows the site.
"""

import glob
import hashlib
import logging
import os
import pickle
import tempfile

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


class BuildCache:
    """key -> value for one build, with the previous build's values to reuse."""

    def __init__(self, settings, name, version):
        self.name = os.path.join(settings["CACHE_PATH"], name)
        self.path = f"{self.name}-{version}.pickle"
        self.writes = bool(settings.get("CACHE_CONTENT"))
        self.previous = self._load() if settings.get("LOAD_CONTENT_CACHE") else {}
        self.used = {}

    def _load(self):
        try:
            with open(self.path, "rb") as f:
                return pickle.load(f)
        except FileNotFoundError:
            return {}
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as error:
            logger.debug("cache %s unreadable, made anew: %s", self.path, error)
            return {}

    def get(self, key, make):
        """The value for `key`: this build's, the previous build's, or make()'s."""
        if key not in self.used:
            value = self.previous.get(key)
            self.used[key] = make() if value is None else value
        return self.used[key]

    def save(self):
        """Write the values this build used (atomically: a reader never sees half a file)."""
        if not self.writes or self.used == self.previous:
            return
        folder = os.path.dirname(self.path)
        os.makedirs(folder, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as f:
            pickle.dump(self.used, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, self.path)
        for old in glob.glob(glob.escape(self.name) + "-*.pickle"):  # other code versions'
            if old != self.path:
                os.remove(old)
