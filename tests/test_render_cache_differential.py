"""The render cache (plugins/render_cache) never serves a stale page: after each kind of
change an editor, a developer or the clock makes, and after random sequences of them, a
warm build's output folder is byte for byte a build's from nothing. A cache that misses
one input on purpose is caught, with the stale file named.

The corpus and the changes: tests/render_cache_corpus.py; more random sequences:
benchmarks/render_cache_fuzz.py."""

import pickletools
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_cache_corpus import CHANGES, STATE_CHANGES, Site, event_files  # noqa: E402

from events import view  # noqa: E402  (tests/conftest.py puts plugins/ on the path)

REQUIRED_PAGE = "wydarzenia/zapisy-wymagane/index.html"


def test_each_kind_of_change_leaves_the_warm_build_equal_to_a_cold_one(tmp_path):
    site = Site(tmp_path)
    assert site.differences() == [], "the first warm build (empty cache)"
    assert site.differences() == [], "a warm build with nothing changed"
    store = site.warm_cache.store
    assert store.hits > 20 and store.misses == 0, "nothing changed: every page is kept"
    for name, change in CHANGES:
        change(site)
        assert site.differences() == [], f"after the change: {name}"
    assert index_objects(site.folder / "cache") == set(), "the index keeps only plain values"


def index_objects(cache):
    """Classes the render cache's index would import to load (a read keyed by an object
    would pickle the object, and the content it holds, into every build's index)."""
    (index,) = Path(cache).glob("render/*/index.pickle")
    return {arg for op, arg, _ in pickletools.genops(index.read_bytes())
            if op.name in ("GLOBAL", "STACK_GLOBAL", "INST")} | {
        op.name for op, _, _ in pickletools.genops(index.read_bytes())
        if op.name in ("STACK_GLOBAL", "REDUCE", "NEWOBJ", "BUILD")}


def test_a_key_without_the_clock_serves_a_stale_page_and_the_check_names_it(
        tmp_path, monkeypatch):
    # The event's state at the clock dropped from its views' key: the page whose RSVPs
    # closed since the last build is served as it was.
    monkeypatch.setattr(view.EventView, "render_key",
                        lambda self: (self.article, self.event, self.lang))
    site = Site(tmp_path)
    assert site.differences() == []
    site.clock = "2025-03-07 13:00"  # after the RSVP deadline of zapisy-wymagane
    stale = site.differences()
    assert REQUIRED_PAGE in stale
    assert "uk/" + REQUIRED_PAGE in stale


class EditsAndClock(RuleBasedStateMachine):
    """Random sequences of the changes above, the clock moving among the corpus's state
    changes, each followed by a warm build compared with a cold one."""

    def __init__(self):
        super().__init__()
        self.site = None

    @initialize()
    def start(self):
        import tempfile
        self.site = Site(tempfile.mkdtemp(prefix="render-cache-"))

    @rule(index=st.integers(0, len(CHANGES) - 1))
    def change(self, index):
        name, change = CHANGES[index]
        try:
            change(self.site)
        except KeyError:  # the change's file was removed or renamed by an earlier one
            pass

    @rule(moment=st.sampled_from(STATE_CHANGES), minutes=st.sampled_from([-1, 0, 1]))
    def move_clock(self, moment, minutes):
        from datetime import datetime, timedelta
        at = datetime.strptime(moment, "%Y-%m-%d %H:%M") + timedelta(minutes=minutes)
        self.site.clock = at.strftime("%Y-%m-%d %H:%M")

    @rule(data=st.data())
    def edit_body(self, data):
        files = event_files(self.site)
        if files:
            path = data.draw(st.sampled_from(files))
            self.site.files[path]["body"] += f"\n\nDopisek po kompilacji nr {self.site.builds}."

    def teardown(self):
        if self.site is not None:
            shutil.rmtree(self.site.folder, ignore_errors=True)

    @invariant()
    def warm_equals_cold(self):
        if self.site is not None:
            assert self.site.differences() == [], f"clock {self.site.clock}"


EditsAndClock.TestCase.settings = settings(
    max_examples=5, stateful_step_count=4, deadline=None, database=None,
    suppress_health_check=list(HealthCheck))
test_random_sequences_of_changes = pytest.mark.filterwarnings("ignore")(
    EditsAndClock.TestCase)
