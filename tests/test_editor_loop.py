"""The loop around the editor's message: the warnings of changed files first and the
standing ones folded into one line, GitHub's annotations in the same order, the preview's
banner (recorded in the cache folder, never in the output), the hint paragraph of
`invoke new-event` warned about while it stays, and a busy port said in Polish.

Most tests call the functions directly; one build checks what a build records.
"""

import logging
import socket
import subprocess

import pytest
from bs4 import BeautifulSoup
from pelican.log import console

from conftest import ROOT, build, copy_content, write_event
from editorial.messages import WARNING, notice
from events.eventfile import EVENT_BODY
from publishing.build import pelican_quiet
from publishing.gate import where_to_fix
from publishing.preview import (BANNER_CSS_PATH, PortBusy, SavedFiles, check_port,
                                page_with_banner)
from site_checks.plugin import HINT_MARK
from site_checks.report import (RECORD_FILE, changed_files, list_warnings, record_warnings,
                                recorded_warnings, start_build_logs)
from test_tasks import INVOKE

CHANGED = notice("tekst do uzupełnienia przed publikacją: „[DO UZUPEŁNIENIA: sala]”",
                 "content/wydarzenia/spotkanie.md", 12, "DO UZUPEŁNIENIA", WARNING)
STANDING = [notice(f"tekst do uzupełnienia przed publikacją: „[DO UZUPEŁNIENIA: {n}]”",
                   "content/pages/kontakt.md", n, "DO UZUPEŁNIENIA", WARNING)
            for n in range(1, 24)]


def listed(warnings, changed, capsys):
    start_build_logs()
    list_warnings(warnings, str(ROOT), changed)
    return capsys.readouterr()


def test_changed_files_warnings_come_first_and_the_standing_ones_are_one_line(capsys):
    out = listed(sorted(STANDING + [CHANGED], key=lambda w: w.source),
                 {"content/wydarzenia/spotkanie.md"}, capsys)

    assert out.err.splitlines() == [
        f"Ostrzeżenie: {CHANGED}",
        "Ostrzeżenia w plikach, których nie zmieniono: 23 – pełna lista: invoke warnings",
        "Strona zbudowana: 24 ostrzeżenia dla redakcji – strona działa, ale popraw je przed "
        "publikacją.",
    ]


def test_without_knowing_the_changes_every_warning_is_listed(capsys):
    out = listed([CHANGED] + STANDING[:2], None, capsys)

    assert out.err.splitlines() == [f"Ostrzeżenie: {w}" for w in [CHANGED] + STANDING[:2]] + [
        "Strona zbudowana: 3 ostrzeżenia dla redakcji (lista wyżej) – strona działa, ale "
        "popraw je przed publikacją."]


def test_github_annotations_put_the_changed_files_first(capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("CONTENT_ANNOTATED", raising=False)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ROOT))

    out = listed(STANDING + [CHANGED], {"content/wydarzenia/spotkanie.md"}, capsys)

    annotations = out.out.splitlines()
    assert len(annotations) == 24  # every one, ...
    assert annotations[0].startswith(  # ... the changed file's within GitHub's first ten
        "::warning file=content/wydarzenia/spotkanie.md,line=12,title=DO UZUPEŁNIENIA::")


def test_the_changed_files_come_from_the_setting_or_the_workflow(monkeypatch):
    monkeypatch.delenv("EDITOR_CHANGED_FILES", raising=False)
    assert changed_files({}) is None
    monkeypatch.setenv("EDITOR_CHANGED_FILES", "content/pages/kontakt.md\n./tasks.py\n")
    assert changed_files({}) == {"content/pages/kontakt.md", "tasks.py"}
    assert changed_files({"EDITOR_CHANGED_FILES": []}) == set()  # the preview: none saved yet


def test_the_preview_knows_the_files_saved_since_it_started(tmp_path):
    (tmp_path / "content" / "pages").mkdir(parents=True)
    page = tmp_path / "content" / "pages" / "kontakt.md"
    page.write_text("Title: Kontakt\n", encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text("", encoding="utf-8")
    saved = SavedFiles(tmp_path, ["content", "pelicanconf.py"])
    assert saved.since_start() == []

    page.write_text("Title: Kontakt z nami\n", encoding="utf-8")
    (tmp_path / "content" / "pages" / "nowa.md").write_text("Title: Nowa\n", encoding="utf-8")

    assert saved.since_start() == ["content/pages/kontakt.md", "content/pages/nowa.md"]


def test_the_new_event_hint_is_warned_about_and_the_warnings_are_recorded_outside_the_output(
        tmp_path, capsys):
    assert HINT_MARK in EVENT_BODY.splitlines()[0]
    content = copy_content(tmp_path)
    path = write_event(content, "dyzur", body=EVENT_BODY)
    line = path.read_text(encoding="utf-8").splitlines().index(EVENT_BODY.splitlines()[0]) + 1

    output = build(tmp_path / "output", content=content, EVENTS_NOW="2025-02-01 12:00")

    expected = (f"content/wydarzenia/dyzur.md, wiersz {line}: w tekście został akapit-wskazówka "
                "„Tu wpisz treść zaproszenia (ten akapit usuń)” – mieszkańcy przeczytają go na "
                "stronie. Oczekiwano: w jego miejscu treść zaproszenia, a akapit-wskazówka "
                "usunięty")
    assert f"Ostrzeżenie: {expected}" in capsys.readouterr().err.splitlines()
    warnings, pages = recorded_warnings(tmp_path / "cache")
    assert (line, expected.split(": ", 1)[1]) in warnings["content/wydarzenia/dyzur.md"]
    assert pages["wydarzenia/dyzur/index.html"] == "content/wydarzenia/dyzur.md"
    assert not list(output.rglob(RECORD_FILE)) and not list(output.rglob("*.json"))


def test_the_banner_shows_a_pages_own_warnings_and_changes_no_file(tmp_path):
    page = tmp_path / "wydarzenia" / "dyzur" / "index.html"
    page.parent.mkdir(parents=True)
    built = '<!doctype html><html lang="pl"><head><title>x</title></head><body class="a"><h1>Dyżur</h1></body></html>'
    page.write_text(built, encoding="utf-8")
    (tmp_path / "index.html").write_text(built, encoding="utf-8")
    record_warnings(tmp_path / "cache", [CHANGED],
                    {"wydarzenia/dyzur/index.html": "content/wydarzenia/spotkanie.md"})
    warnings, pages = recorded_warnings(tmp_path / "cache")

    shown = page_with_banner(tmp_path, "wydarzenia/dyzur/", warnings, pages)

    doc = BeautifulSoup(shown, "lxml")
    aside = doc.body.contents[1]
    assert doc.body.contents[0]["href"] == f"/{BANNER_CSS_PATH}"
    assert aside.name == "aside" and aside.find_next_sibling("h1")
    assert aside.p.get_text() == ("1 ostrzeżenie dla redakcji w pliku "
                                  "content/wydarzenia/spotkanie.md – widać je tylko w "
                                  "podglądzie, nie na opublikowanej stronie.")
    assert [li.get_text() for li in aside.select("li")] == [f"wiersz 12: {CHANGED.message}"]
    assert page.read_text(encoding="utf-8") == built  # only the preview's answer has it
    assert page_with_banner(tmp_path, "", warnings, pages) is None  # no source, no banner


def test_a_busy_port_is_said_in_polish_with_how_to_choose_another(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortBusy) as busy:
            check_port("localhost", port)
        result = subprocess.run([str(INVOKE), "livereload", "--port", str(port)], cwd=ROOT,
                                capture_output=True, text=True, encoding="utf-8", timeout=60)

    expected = (f"Port {port} jest już zajęty: działa na nim inny program (może drugi podgląd "
                f"strony). Zamknij go albo uruchom podgląd na innym porcie: PORT={port + 1} "
                f"make serve (albo .venv/bin/invoke livereload --port {port + 1}), a potem "
                f"otwórz http://localhost:{port + 1}/")
    assert busy.value.message == expected
    assert result.returncode == 1
    assert result.stderr.strip() == expected  # before any build, no traceback
    assert result.stdout == ""


def test_make_serve_passes_port_through():
    dry = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=60)
    assert ".venv/bin/invoke livereload --port 8001" in dry.stdout.splitlines()
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True,
                             text=True, encoding="utf-8", timeout=60)
    assert ".venv/bin/invoke livereload --port 8000" in default.stdout.splitlines()


def test_publishing_keeps_pelicans_english_from_editors_but_not_a_program_error(capsys):
    with pelican_quiet():
        console.print("Done: Processed 2 articles, 0 drafts")
        logging.getLogger("pelican.settings").warning("Feeds generated without SITEURL")
        logging.getLogger("pelican").critical("KeyError: 'x'")
    console.print("after")  # the console is itself again

    out = capsys.readouterr()
    assert out.err == ("Błąd programu, nie treści – przekaż ten komunikat osobie opiekującej "
                       "się stroną: KeyError: 'x'\n")
    assert "Done" not in out.out and "after" in out.out


def test_every_new_message_is_explained_in_the_editors_guide():
    guide = (ROOT / "docs" / "redakcja.md").read_text(encoding="utf-8")
    for said in ("Ostrzeżenia w plikach, których nie zmieniono: 23 – pełna lista: invoke "
                 "warnings", "w tekście został akapit-wskazówka „Tu wpisz treść zaproszenia (ten "
                 "akapit usuń)” –\n  mieszkańcy przeczytają go na stronie",
                 "Port 8000 jest już zajęty: działa na nim inny program (może drugi podgląd "
                 "strony).", "PORT=8001 make serve", "z dopiskiem „Wpisz jeszcze raz.”",
                 "– popraw go w pliku content/pages/o-partnerstwie.md, wiersz 29",
                 "„Błąd programu, nie treści – przekaż ten komunikat osobie opiekującej się "
                 "stroną: …”", "1 ostrzeżenie dla redakcji w pliku content/… – widać je tylko "
                 "w podglądzie,\nnie na opublikowanej stronie."):
        assert said in guide, said


def test_a_program_error_is_shown_once_however_many_steps_keep_pelican_quiet(capsys):
    with pelican_quiet(), pelican_quiet():
        logging.getLogger("pelican").critical("KeyError: 'x'")
    assert capsys.readouterr().err.count("KeyError") == 1


def test_a_broken_link_names_the_content_file_and_line_to_fix(tmp_path):
    source = tmp_path / "o-nas.md"
    source.write_text("Title: O nas\n\nZob. [program](#program-spotkania).\n\n"
                      "[Stara strona](../nie-ma-takiej/)\n", encoding="utf-8")
    pages = {"https://example.org/p/o-nas/": ("content/pages/o-nas.md", source)}

    assert where_to_fix("https://example.org/p/o-nas/#program-spotkania",
                        "https://example.org/p/o-nas/", pages) == \
        " – popraw go w pliku content/pages/o-nas.md, wiersz 3"
    assert where_to_fix("https://example.org/p/nie-ma-takiej/", "https://example.org/p/o-nas/",
                        pages) == " – popraw go w pliku content/pages/o-nas.md, wiersz 5"
    # a link in a template (the home page is built from no content file): no file to name
    assert where_to_fix("https://example.org/p/nie-ma-takiej/", "https://example.org/p/",
                        pages) == ""
