"""A broken file stops the whole build with every problem listed, and writes nothing."""

import hashlib
import os
import subprocess
import sys

import pytest

from conftest import ROOT, build, copy_content, write_event


def tree_digest(folder):
    """Names, contents and mtimes of every file: proof that nothing was touched."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(f"{path.relative_to(folder)}{path.stat().st_mtime_ns}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def broken_content(tmp_path):
    content = copy_content(tmp_path)
    write_event(content, "zla-data", event_start="2025-02-30 16:00")
    write_event(content, "zly-koniec", event_end="2025-03-05 16:00", event_status="odwołane")
    (content / "aktualnosci").mkdir(exist_ok=True)
    (content / "aktualnosci" / "wiadomosc.md").write_text(
        "Title: Wiadomość\nDate: 2025-01-10 10:00\nEvent-start: 2025-01-22 16:00\n\nTreść.\n",
        encoding="utf-8")
    (content / "wydarzenia" / "bez-terminu.md").write_text(
        "Title: Bez terminu\nDate: 2025-01-10 10:00\n\nTreść.\n", encoding="utf-8")
    (content / "aktualnosci" / "zla-data-wpisu.md").write_text(
        "Title: Zła data wpisu\nDate: 2025-13-45\n\nTreść.\n", encoding="utf-8")
    return content


def test_all_problems_are_reported_together_and_output_is_untouched(tmp_path, broken_content):
    output = build(tmp_path / "output", EVENTS_NOW="2025-01-10 12:00")
    before = tree_digest(output)
    with pytest.raises(SystemExit) as stopped:
        build(output, content=broken_content, EVENTS_NOW="2025-01-10 12:00")
    assert stopped.value.code != 0
    problems = stopped.value.problems
    expected_starts = [  # each with the line of its field (write_event: Event-start is line 6)
        "content/wydarzenia/zla-data.md, wiersz 6: pole Event-start: „2025-02-30 16:00”",
        "content/wydarzenia/zly-koniec.md, wiersz 10: pole Event-status: „odwołane”",
        "content/wydarzenia/zly-koniec.md, wiersz 7: pole Event-end: „2025-03-05 16:00”",
        "content/aktualnosci/wiadomosc.md, wiersz 3: pole Event-start: „2025-01-22 16:00” – "
        "pola Event-* należą tylko do plików wydarzeń",
        "content/wydarzenia/bez-terminu.md: pole Event-start: (brak) – to pole jest wymagane",
    ]
    for start in expected_starts:
        assert any(p.startswith(start) for p in problems), (start, problems)
    assert "content/aktualnosci/zla-data-wpisu.md, wiersz 2: pole Date: „2025-13-45” – nie ma " \
        "takiego dnia w kalendarzu (2025-13-45). Oczekiwano: data wpisu, np. Date: 2025-01-08 " \
        "12:00." in problems
    assert len(problems) == 9  # bez-terminu.md lacks four required fields
    assert tree_digest(output) == before


def only_problem_with_event(tmp_path, slug, old, new):
    """Build the content plus one event file edited (old -> new); return its one problem."""
    content = copy_content(tmp_path)
    path = write_event(content, slug)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content)
    (problem,) = stopped.value.problems
    return problem


def test_duplicate_slug_is_an_error(tmp_path):
    problem = only_problem_with_event(tmp_path, "kopia", "Slug: kopia",
                                      "Slug: reaktywacja-partnerstwa-lokalnego")
    # Either file may be read first; the other one is named, each with its Slug: line.
    seed = (ROOT / "content" / "wydarzenia" / "reaktywacja-partnerstwa-lokalnego.md").read_text(
        encoding="utf-8")
    seed_line = seed[:seed.index("\nSlug:")].count("\n") + 2
    files = {"kopia.md": 3, "reaktywacja-partnerstwa-lokalnego.md": seed_line}
    (named,) = [name for name in files if problem.startswith(f"content/wydarzenia/{name},")]
    (other,) = set(files) - {named}
    assert problem == (f"content/wydarzenia/{named}, wiersz {files[named]}: pole Slug: "
                       "„reaktywacja-partnerstwa-lokalnego” – ten sam adres ma już "
                       f"content/wydarzenia/{other}. Oczekiwano: inny Slug albo inna nazwa pliku.")


def test_unknown_funding_key_is_an_error(tmp_path):
    problem = only_problem_with_event(tmp_path, "z-funduszem", "Category:",
                                      "Funding: fundusz-nieznany\nCategory:")
    assert problem.startswith("content/wydarzenia/z-funduszem.md, wiersz 4: pole Funding: "
                              "„fundusz-nieznany” – nieznane źródło finansowania.")


def test_bad_clock_setting_is_an_error(tmp_path):
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", EVENTS_NOW="jutro")
    assert stopped.value.problems == [
        "pelicanconf.py: pole EVENTS_NOW: „jutro” – zła postać. Oczekiwano: RRRR-MM-DD GG:MM."]


def test_command_line_build_fails_cleanly(tmp_path, broken_content):
    output = tmp_path / "output"
    output.mkdir()
    (output / "keep.txt").write_text("poprzednia wersja")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(broken_content), "-o", str(output),
         "-s", str(ROOT / "pelicanconf.py"), "--ignore-cache"],
        capture_output=True, encoding="utf-8", cwd=tmp_path, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "Could not process" not in result.stdout + result.stderr  # said once, in Polish
    assert "Strona nie została zbudowana" in result.stderr
    assert "content/wydarzenia/zla-data.md, wiersz 6: pole Event-start: „2025-02-30 16:00” – " \
           "nie ma takiego dnia w kalendarzu (2025-02-30)." in result.stderr
    assert [p.name for p in output.iterdir()] == ["keep.txt"]


def test_a_rebuild_from_the_content_cache_equals_a_fresh_build(tmp_path):
    """What `make serve` does on every save: the cache must not change a single byte."""
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "EVENTS_NOW": "2025-01-10 12:00"}
    build(tmp_path / "warm", **cached)
    rebuilt = build(tmp_path / "warm", **cached)
    fresh = build(tmp_path / "fresh", EVENTS_NOW="2025-01-10 12:00")
    for path in sorted(fresh.rglob("*")):
        if path.is_file():
            twin = rebuilt / path.relative_to(fresh)
            assert twin.read_bytes() == path.read_bytes(), path.relative_to(fresh)


def test_missing_title_and_date_and_a_reserved_address_are_explained(tmp_path):
    content = copy_content(tmp_path)
    (content / "aktualnosci").mkdir(exist_ok=True)
    (content / "aktualnosci" / "bez-tytulu.md").write_text("Date: 2025-01-01 10:00\n\nT\n",
                                                          encoding="utf-8")
    (content / "aktualnosci" / "bez-daty.md").write_text("Title: Bez daty\n\nT\n", encoding="utf-8")
    (content / "pages" / "spis.md").write_text("Title: Spis\nSlug: archiwum\n\nT\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content)
    assert sorted(stopped.value.problems) == sorted([
        "content/aktualnosci/bez-tytulu.md: pole Title: (brak) – to pole jest wymagane. "
        "Oczekiwano: tytuł, np. Title: Spotkanie partnerstwa.",
        "content/aktualnosci/bez-daty.md: pole Date: (brak) – to pole jest wymagane. "
        "Oczekiwano: data wpisu, np. Date: 2025-01-08 12:00.",
        "content/pages/spis.md, wiersz 2: pole Slug: „archiwum” – ten sam adres ma już strona "
        "„archives” "
        "serwisu. Oczekiwano: inny Slug albo inna nazwa pliku.",
    ])


def test_a_multi_line_event_key_in_news_is_shown_as_the_editor_wrote_it(tmp_path):
    content = copy_content(tmp_path)
    (content / "aktualnosci" / "kontakty.md").write_text(
        "Title: Kontakty\nDate: 2025-01-10 10:00\nEvent-contacts: a@b.pl\n    c@d.pl\n\nT\n",
        encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content)
    assert ("content/aktualnosci/kontakty.md, wiersz 3: pole Event-contacts: „a@b.pl / c@d.pl” "
            "– pola Event-* należą tylko do plików wydarzeń. Oczekiwano: plik w katalogu "
            "content/wydarzenia/ albo usunięcie tego pola.") in stopped.value.problems


def test_plugins_in_reversed_order_stop_with_a_word_about_the_order(tmp_path):
    """site_checks lists what translations and events find and completes pelican-sitemap's
    file: listed before them, the build names PLUGINS, never a template error."""
    from pelican.settings import read_settings
    content = copy_content(tmp_path)
    write_event(content, "zla-data", event_start="2025-02-30 16:00")
    plugins = list(reversed(read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]))
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content, PLUGINS=plugins)
    assert stopped.value.problems == [
        "pelicanconf.py: w PLUGINS wtyczka site_checks musi stać po: translations, events, "
        "pelican.plugins.sitemap (zbiera ich ustalenia i kończy ich pracę) – popraw kolejność "
        "listy PLUGINS"]
    assert not (tmp_path / "output").exists()


def test_local_plugins_in_any_order_but_site_checks_build_the_same_site(tmp_path):
    """Their receivers run in the order PLUGINS loads them, so each order needs a fresh
    interpreter (signals outlive builds)."""
    from pelican.settings import read_settings
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    reversed_order = [p for p in reversed(plugins) if p != "site_checks"] + ["site_checks"]
    digests = []
    for order in (plugins, reversed_order):
        out = tmp_path / str(len(digests))
        script = ("import sys; sys.path.insert(0, 'tests'); from conftest import build; "
                  f"build({str(out)!r}, EVENTS_NOW='2025-01-10 12:00', PLUGINS={order!r})")
        subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True)
        digests.append({p.relative_to(out): hashlib.sha256(p.read_bytes()).digest()
                        for p in out.rglob("*") if p.is_file()})
    assert digests[0] == digests[1]


def test_a_build_that_fails_late_leaves_the_output_as_it_was(tmp_path):
    """Pages are written one by one: a template failing after some were written must not
    leave half a site (the build writes into output.partial/ and moves it in at the end)."""
    import shutil
    output = build(tmp_path / "output", EVENTS_NOW="2025-01-10 12:00")
    before = tree_digest(output)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "page.html"  # pages are written after the articles
    text = page.read_text(encoding="utf-8").replace("{{ page.content }}", "{{ 1 // 0 }}")
    page.write_text(text, encoding="utf-8")
    with pytest.raises(ZeroDivisionError):
        build(output, THEME=str(theme), EVENTS_NOW="2025-01-10 12:00")
    assert tree_digest(output) == before


def test_a_good_build_replaces_the_files_and_leaves_no_staging_folder(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "stary-plik.txt").write_text("z poprzedniej budowy", encoding="utf-8")
    build(output, EVENTS_NOW="2025-01-10 12:00")
    assert (output / "index.html").is_file() and (output / "stary-plik.txt").is_file()
    assert not (tmp_path / "output.partial").exists()


def test_two_translations_into_one_language_name_each_other(tmp_path):
    import shutil
    content = copy_content(tmp_path)
    events = content / "wydarzenia"
    shutil.copy(events / "reaktywacja-partnerstwa-lokalnego-uk.md", events / "a-druga-uk.md")
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content)
    pair = ["content/wydarzenia/a-druga-uk.md",
            "content/wydarzenia/reaktywacja-partnerstwa-lokalnego-uk.md"]
    assert stopped.value.problems == [
        f"{one}, wiersz 3: pole Lang: „uk” – dwa tłumaczenia tego samego wpisu (Slug: "
        f"reaktywacja-partnerstwa-lokalnego) na ten sam język: ten plik i {other}. Oczekiwano: "
        "jedno tłumaczenie na język – zostaw jeden z tych plików."
        for one, other in (pair, pair[::-1])]
