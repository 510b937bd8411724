"""Caches kept between builds (Pelican's content cache, plugins/build_cache) never change
what is built: a build from a warm cache is byte for byte the build from nothing, also
after an editor changed a title, a date or an address, or the site moved (SITEURL)."""

import gzip
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from conftest import EVENT_ICS, EVENT_PAGE, ROOT, SEED_EVENT_FILE, build, copy_content, soup, write_event

sys.path.insert(0, str(ROOT / "plugins"))
from build_cache import BuildCache  # noqa: E402

NOW = "2025-01-10 12:00"
OTHER_PAGE = "wydarzenia/warsztaty/index.html"


def files(folder):
    """{relative path: bytes} of every file of an output folder."""
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def changed(before, after):
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))


@pytest.fixture
def twice(tmp_path):
    """twice(name, **settings) -> (files of a build from nothing, files of the same build
    from the cache that every earlier call of this test filled)."""
    cache = tmp_path / "cache"
    content = copy_content(tmp_path)
    write_event(content, "warsztaty", title="Warsztaty", event_start="2025-03-07 17:00",
                event_end="2025-03-07 19:00",
                body='Zapraszamy na "warsztaty" - w sali nr 2.')

    def _twice(name, **settings):
        cold = build(tmp_path / f"{name}-cold", content, CACHE_PATH=str(tmp_path / f"{name}-none"),
                     EVENTS_NOW=NOW, **settings)
        warm = build(tmp_path / f"{name}-warm", content, CACHE_PATH=str(cache),
                     CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, EVENTS_NOW=NOW, **settings)
        return files(cold), files(warm)

    _twice.content, _twice.cache = content, cache
    return _twice


def qr_cache(cache):
    return plugin_cache(cache, "events-qr")


def plugin_cache(cache, name):
    (path,) = Path(cache).glob(f"{name}-*.pickle")
    with open(path, "rb") as f:
        return pickle.load(f)


def vevents(cache):
    """Every VEVENT kept in the cache, as one text."""
    return b"".join(plugin_cache(cache, "events-ics").values()).decode("utf-8")


def edit(content, old, new, path=SEED_EVENT_FILE):
    path = Path(content) / path
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_warm_cache_builds_what_a_cold_build_does_and_changes_follow_their_input(twice):
    cold, first = twice("first")  # fills the cache
    assert first == cold
    again_cold, warm = twice("again")  # from the filled cache
    assert warm == again_cold == cold
    codes = qr_cache(twice.cache)
    assert f"http://localhost:8000/{EVENT_PAGE.removesuffix('index.html')}" in codes
    assert (twice.cache / "ArticlesGenerator-Readers").exists()
    assert "SUMMARY;LANGUAGE=pl:Reaktywacja Partnerstwa" in vevents(twice.cache)

    # An editor changes the title and the date of the seed event.
    edit(twice.content, "Title: Reaktywacja Partnerstwa", "Title: Wznowienie Partnerstwa")
    edit(twice.content, "Event-start: 2025-01-22 16:00", "Event-start: 2025-01-23 16:00")
    edit(twice.content, "Event-end: 2025-01-22 18:30", "Event-end: 2025-01-23 18:30")
    cold_edit, warm_edit = twice("edit")
    assert warm_edit == cold_edit
    assert {EVENT_PAGE, EVENT_ICS} <= set(changed(cold, warm_edit))
    assert OTHER_PAGE not in changed(cold, warm_edit)
    assert OTHER_PAGE.replace("index.html", "warsztaty.ics") not in changed(cold, warm_edit)
    # the cache keeps what this build used: the new VEVENT, not the old one
    assert "Wznowienie Partnerstwa" in vevents(twice.cache)
    assert "SUMMARY;LANGUAGE=pl:Reaktywacja" not in vevents(twice.cache)
    page = soup(twice.content.parent / "edit-warm" / EVENT_PAGE)
    assert page.h1.get_text(strip=True).startswith("Wznowienie Partnerstwa")
    assert "23 stycznia 2025" in page.get_text().replace("\u00a0", " ")

    # ... and its address (its translation's too): the page moves, and its QR code encodes
    # the new address.
    edit(twice.content, "Slug: reaktywacja-partnerstwa-lokalnego", "Slug: wznowienie")
    edit(twice.content, "Slug: reaktywacja-partnerstwa-lokalnego", "Slug: wznowienie",
         path=SEED_EVENT_FILE.with_name(SEED_EVENT_FILE.stem + "-uk.md"))
    cold_slug, warm_slug = twice("slug")
    assert warm_slug == cold_slug
    moved = "wydarzenia/wznowienie/index.html"
    assert moved in warm_slug and EVENT_PAGE not in warm_slug
    svg = soup(twice.content.parent / "slug-warm" / moved).select_one("figure.qr svg")
    old_svg = soup(twice.content.parent / "edit-warm" / EVENT_PAGE).select_one("figure.qr svg")
    assert svg is not None and str(svg) != str(old_svg)

    # The site moves: every absolute address and every QR code follows.
    cold_moved, warm_moved = twice("siteurl", SITEURL="https://partnerstwo.example.org/czernica")
    assert warm_moved == cold_moved
    assert {moved, OTHER_PAGE} <= set(changed(warm_slug, warm_moved))
    assert "https://partnerstwo.example.org/czernica/wydarzenia/warsztaty/" in qr_cache(twice.cache)
    # Pelican's own cache pickles the settings with the category of every file it read
    # anew: the plugins' caches must not be copied into it (it would grow with every build).
    with gzip.open(twice.cache / "ArticlesGenerator-Readers") as f:
        kept = f.read()
        f.seek(0)
        files_read = pickle.load(f)
    assert b"qr-code" not in kept and b"BEGIN:VEVENT" not in kept
    settings = [metadata["category"].settings for _, (_, metadata) in files_read.values()]
    assert settings and all(s["BUILD_CACHES"] == {} for s in settings)


def test_an_unchanged_event_s_vevent_comes_from_the_cache(twice):
    """The calendars are joined from the kept VEVENTs: a kept entry (changed here behind
    the build's back) is what the next build writes, where the event did not change."""
    twice("fill")
    path, = twice.cache.glob("events-ics-*.pickle")
    kept = plugin_cache(twice.cache, "events-ics")
    marked = {key: value.replace(b"SUMMARY;LANGUAGE=pl:Warsztaty", b"SUMMARY;LANGUAGE=pl:Kept")
              for key, value in kept.items()}
    assert marked != kept
    with open(path, "wb") as f:
        pickle.dump(marked, f)
    cold, warm = twice("reuse")
    ics = OTHER_PAGE.replace("index.html", "warsztaty.ics")
    assert b"SUMMARY;LANGUAGE=pl:Kept" in warm[ics] and b"SUMMARY;LANGUAGE=pl:Kept" in warm[
        "kalendarz.ics"]
    assert b"SUMMARY;LANGUAGE=pl:Warsztaty" in cold[ics]


def test_the_plugins_cache_is_keyed_by_code_version_and_follows_the_cache_settings(tmp_path):
    settings = {"CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    first = BuildCache(settings, "x", "v1")
    assert first.get("key", lambda: "made by v1") == "made by v1"
    first.save()
    assert BuildCache(settings, "x", "v1").get("key", lambda: "made again") == "made by v1"
    newer = BuildCache(settings, "x", "v2")  # changed code: nothing of v1 is used
    assert newer.get("key", lambda: "made by v2") == "made by v2"
    newer.save()
    assert [p.name for p in tmp_path.iterdir()] == ["x-v2.pickle"]
    cold = BuildCache({**settings, "LOAD_CONTENT_CACHE": False}, "x", "v2")
    assert cold.get("key", lambda: "cold") == "cold"
    off = BuildCache({**settings, "CACHE_CONTENT": False}, "x", "v2")
    off.get("other", lambda: "not kept")
    off.save()
    assert "other" not in BuildCache(settings, "x", "v2").previous


def test_a_cached_value_s_code_version_covers_every_plugin_module_that_makes_it():
    """The parsed Event holds placeholders' neutral text (model imports it from another
    plugin), so a change there must make the cached Events miss; libraries are versioned
    by their version strings instead (relative_to: only files in plugins/)."""
    from events import ics, model
    from build_cache import local_sources
    plugins = ROOT / "plugins"
    made_by = {Path(path).relative_to(plugins).as_posix() for path in local_sources(model)}
    assert {"events/model.py", "events/occurrences.py", "events/text.py",
            "placeholders/placeholders.py", "translations/translations.py"} <= made_by
    vevent_made_by = {Path(path).relative_to(plugins).as_posix()
                      for path in local_sources(ics, model)}
    assert {"events/ics.py", "events/dates.py", "polish_typography/polish_typography.py"} | (
        made_by) <= vevent_made_by
    assert "events/plugin.py" not in vevent_made_by  # what only uses them is not a source


def test_compiled_templates_are_kept_and_follow_the_template_s_source(twice, tmp_path):
    """The theme's compiled templates come from CACHE_PATH/jinja; an edited template is
    compiled anew, and a warm build still equals the cold one."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    cold, warm = twice("theme", THEME=str(theme))
    assert warm == cold
    kept = sorted((twice.cache / "jinja").iterdir())
    assert len(kept) >= 10  # base, article, the macros, ...
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        '<p class="footer-name">', '<p class="footer-name" data-edited="yes">'), encoding="utf-8")
    cold_edit, warm_edit = twice("theme-edit", THEME=str(theme))
    assert warm_edit == cold_edit
    assert b'data-edited="yes"' in warm_edit[EVENT_PAGE]
    assert b'data-edited="yes"' not in warm[EVENT_PAGE]
