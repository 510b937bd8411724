"""The rendered pages kept in CACHE_PATH/render/<code version>/ from one build to the next.

`index.pickle` maps each written file's name to what its render read (the dependencies,
each by name) and one digest of all their values; the page itself lies beside it in a file
named after both, so an index that a failed build never saved still points to the bytes
it was made with. A new code version (plugins, theme, settings files, lock files) starts an
empty folder and removes the others. Each build keeps only the entries it used.
"""

import hashlib
import os
import shutil
import tempfile

from build_cache import read_kept, write_kept

INDEX = "index.pickle"


class RenderStore:
    def __init__(self, settings, version):
        self.root = os.path.join(settings["CACHE_PATH"], "render")
        self.folder = os.path.join(self.root, version)
        self.writes = bool(settings.get("CACHE_CONTENT"))
        self.previous = (read_kept(os.path.join(self.folder, INDEX))
                         if settings.get("LOAD_CONTENT_CACHE") else {})
        self.used = {}
        self.hits = self.misses = self.uncacheable = 0

    def entry(self, name):
        """(dependencies, digest) the previous build recorded for file `name`, or None."""
        return self.previous.get(name)

    def page(self, name, digest):
        """The page kept for `name` made from inputs with `digest`, or None."""
        try:
            with open(self._path(name, digest), encoding="utf-8", newline="") as f:
                return f.read()
        except (OSError, UnicodeDecodeError):
            return None

    def keep(self, name, dependencies, digest, page=None):
        """Record this build's entry for `name` (and write its page, when newly made)."""
        self.used[name] = (dependencies, digest)
        if page is None or not self.writes:
            return
        os.makedirs(self.folder, exist_ok=True)
        path = self._path(name, digest)
        if os.path.exists(path):
            return
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=self.folder,
                                         delete=False, suffix=".tmp") as f:
            f.write(page)
        os.replace(f.name, path)

    def forget(self, name):
        self.used.pop(name, None)

    def save(self):
        """Write this build's index and remove pages and code versions no longer used."""
        if not self.writes:
            return
        os.makedirs(self.folder, exist_ok=True)
        if self.used != self.previous:
            write_kept(os.path.join(self.folder, INDEX), self.used)
        kept = {os.path.basename(self._path(n, d)) for n, (_, d) in self.used.items()}
        for file in os.listdir(self.folder):
            if file != INDEX and file not in kept:
                os.remove(os.path.join(self.folder, file))
        for other in os.listdir(self.root):
            if other != os.path.basename(self.folder):
                shutil.rmtree(os.path.join(self.root, other), ignore_errors=True)

    def _path(self, name, digest):
        file = hashlib.sha256(name.encode("utf-8", "surrogatepass") + b"\0" + digest).hexdigest()
        return os.path.join(self.folder, file[:40] + ".html")
