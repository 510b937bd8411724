"""The live preview builds again and again in one process (`invoke livereload`): a build
keeps nothing of the builds before it alive, and the render cache serves its pages."""

import gc
import weakref

from pelican import Pelican, signals
from pelican.settings import read_settings

from conftest import ROOT, copy_content


def test_a_rebuild_in_the_same_process_lets_the_last_builds_pages_go(tmp_path):
    content = copy_content(tmp_path)
    seen = []

    def remember(generators):
        seen.append(weakref.ref(generators[0].context["articles"][0]))

    signals.all_generators_finalized.connect(remember)
    try:
        for _ in range(2):
            settings = read_settings(str(ROOT / "pelicanconf.py"), override={
                "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"),
                "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True,
                "LOAD_CONTENT_CACHE": True, "EVENTS_NOW": "2025-01-10 12:00"})
            pelican = Pelican(settings)
            pelican.run()
    finally:
        signals.all_generators_finalized.disconnect(remember)
    store = pelican.settings["RENDER_CACHE"].store
    assert store.hits > 10 and store.misses == 0  # nothing changed: every page kept
    del pelican, settings
    gc.collect()
    assert seen[0]() is None, "the first build's article is still referenced"
