"""What editors read where they work: header mistakes named on their line, warnings on every
build with a closing count, and GitHub workflow commands only inside GitHub Actions."""

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build, copy_content, write_event

sys.path.insert(0, str(ROOT / "plugins"))
from file_rules.header import header_problems  # noqa: E402
from editorial.messages import ERRORS, WARNINGS, count, notice, workflow_command  # noqa: E402

SOURCE = "content/wydarzenia/spotkanie.md"
MORE_FORM = ("Oczekiwano: dalsze wartości pola w osobnych wierszach wciętych czterema spacjami, "
             "np. „    p.kobak@gops.czernica.pl 571 226 315”.")
NOW = "2025-01-10 12:00"


def header(tmp_path, text):
    return [str(p) for p in header_problems(text.splitlines(), SOURCE)]


# Header mistakes, each with its exact message and line

def test_a_tab_where_four_spaces_belong(tmp_path):
    assert header(tmp_path, "Title: T\nEvent-contacts: a@b.pl 789 059 281\n\tc@d.pl 571 226 315"
                            "\n\nTekst\n") == [
        f"{SOURCE}, wiersz 3: pole Event-contacts: „c@d.pl 571 226 315” – tabulator zamiast "
        f"czterech spacji. {MORE_FORM}"]


def test_no_blank_line_between_the_header_and_the_text(tmp_path):
    assert header(tmp_path, "Title: T\nEvent-organizers: Wójt Gminy Czernica\nSzanowni Państwo,"
                            "\nzapraszamy na spotkanie.\n\nDalszy tekst.\n") == [
        f"{SOURCE}, wiersz 3: „Szanowni Państwo,” – po nagłówku musi być pusty wiersz. "
        "Oczekiwano: pusty wiersz między ostatnim polem nagłówka a treścią."]


def test_a_key_written_twice(tmp_path):
    assert header(tmp_path, "Title: T\nEvent-start: 2025-01-22 16:00\nEvent-end: 2025-01-22 18:00"
                            "\nevent-start: 2025-01-23 16:00\n\nTekst\n") == [
        f"{SOURCE}, wiersz 4: pole event-start: „2025-01-23 16:00” – to pole jest już w wierszu "
        "2; pole wpisuje się raz. Oczekiwano: jedno pole, a jego kolejne wartości w osobnych "
        "wierszach wciętych czterema spacjami."]


@pytest.mark.parametrize("line, key, example", [
    ("Summary Zapraszamy na spotkanie", "Summary", "Summary: Zapraszamy na spotkanie"),
    ("Event-start 2025-01-22 16:00", "Event-start", "Event-start: 2025-01-22 16:00"),
    ("Miejsce Świetlica wiejska", "Miejsce", "Miejsce: Świetlica wiejska"),  # more fields follow
])
def test_a_header_line_without_its_colon(tmp_path, line, key, example):
    assert header(tmp_path, f"Title: T\n{line}\nEvent-end: 2025-01-22 18:00\n\nTekst\n") == [
        f"{SOURCE}, wiersz 2: pole {key}: „{line}” – brak dwukropka po nazwie pola. "
        f"Oczekiwano: nazwa pola, dwukropek i wartość, np. „{example}”."]


def test_a_continuation_line_indented_by_two_spaces(tmp_path):
    assert header(tmp_path, "Title: T\nEvent-contacts: a@b.pl 789 059 281\n  c@d.pl 571 226 315"
                            "\n\nTekst\n") == [
        f"{SOURCE}, wiersz 3: pole Event-contacts: „c@d.pl 571 226 315” – ten wiersz nie jest "
        f"ani polem, ani dalszą wartością poprzedniego pola. {MORE_FORM}"]


def test_a_good_header_has_no_problems(tmp_path):
    assert header(tmp_path, "Title: T\nEvent-contacts: a@b.pl\n    c@d.pl\n\n  wcięty tekst\n"
                            "Tekst: z dwukropkiem\n") == []
    assert header(tmp_path, "Tekst bez nagłówka.\n") == []  # Pelican names the missing Title


def build_problems(tmp_path, content):
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content, EVENTS_NOW=NOW)
    return stopped.value.problems


def test_a_header_mistake_is_the_only_message_about_its_file(tmp_path):
    """A tab early in the header hides every later field from Pelican; the editor hears about
    the tab, not about four "required" fields that are in fact there."""
    content = copy_content(tmp_path)
    path = write_event(content, "z-tabulatorem")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Summary: Spotkanie mieszkańców.",
                                 "Summary: Spotkanie mieszkańców,\n\tna które zapraszamy."),
                    encoding="utf-8")
    assert build_problems(tmp_path, content) == [
        "content/wydarzenia/z-tabulatorem.md, wiersz 6: pole Summary: „na które zapraszamy.” – "
        f"tabulator zamiast czterech spacji. {MORE_FORM}"]


def test_text_right_under_the_header_is_named_not_the_last_field(tmp_path):
    content = copy_content(tmp_path)
    path = write_event(content, "bez-odstepu", event_organizers="Wójt Gminy Czernica",
                       body="Szanowni Państwo,\nzapraszamy.")
    path.write_text(path.read_text(encoding="utf-8").replace("\n\nSzanowni", "\nSzanowni"),
                    encoding="utf-8")
    assert build_problems(tmp_path, content) == [
        "content/wydarzenia/bez-odstepu.md, wiersz 11: „Szanowni Państwo,” – po nagłówku musi "
        "być pusty wiersz. Oczekiwano: pusty wiersz między ostatnim polem nagłówka a treścią."]


# Warnings: listed on every build, counted in the closing line; the build goes on

def warnings_of(err):
    return [line.removeprefix("Ostrzeżenie: ") for line in err.splitlines()
            if line.startswith("Ostrzeżenie: ")]


def closing_line(err):
    (line,) = [line for line in err.splitlines() if line.startswith("Strona zbudowana")]
    return line


def test_placeholders_are_warned_about_on_every_build(tmp_path, capsys):
    content = copy_content(tmp_path)
    page = content / "pages" / "kontakt.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "Telefon: **[DO UZUPEŁNIENIA: numer telefonu sekretariatu]**.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cached = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
    expected = ("content/pages/kontakt.md, wiersz 5: tekst do uzupełnienia przed publikacją: "
                "„[DO UZUPEŁNIENIA: numer telefonu sekretariatu]”")

    for _ in range(2):  # as the preview rebuilds: from the cache, in the same process
        build(tmp_path / "output", content=content, EVENTS_NOW=NOW, **cached)
        err = capsys.readouterr().err
        assert expected in warnings_of(err)
        placeholders = sum(text.count("[DO UZUPEŁNIENIA") for text in
                           (p.read_text(encoding="utf-8") for p in content.rglob("*.md")))
        assert len([w for w in warnings_of(err) if "DO UZUPEŁNIENIA" in w]) == placeholders
        assert re.fullmatch(rf"Strona zbudowana: {len(warnings_of(err))} ostrzeże(nie|nia|ń) "
                            "dla redakcji \\(lista wyżej\\) – strona działa, ale popraw je przed "
                            "publikacją.", closing_line(err)), closing_line(err)
    assert (tmp_path / "output" / "kontakt" / "index.html").is_file()
    # the editor moves the line: the warning follows the file, not what the cache kept
    lines.insert(4, "")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build(tmp_path / "output", content=content, EVENTS_NOW=NOW, **cached)
    assert expected.replace("wiersz 5", "wiersz 6") in warnings_of(capsys.readouterr().err)


def settings_line(text):
    conf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(conf, 1) if text in line)


def test_a_missing_logo_file_is_a_warning_with_the_file_and_setting(tmp_path, capsys):
    build(tmp_path / "output", EVENTS_NOW=NOW)
    err = capsys.readouterr().err
    logo = "images/fe-dolny-slask-logotypy.png"
    assert (f"pelicanconf.py, wiersz {settings_line(logo)}: brak pliku z logotypami "
            f"finansowania „dows-fe-dolny-slask”: content/{logo} – miejsce na logotypy pozostanie "
            "puste, dopóki redakcja nie doda oficjalnego pliku") in warnings_of(err)
    herb = "images/herb-gminy-czernica.png"
    assert (f"pelicanconf.py, wiersz {settings_line(herb)}: brak pliku z herbem lub logo w "
            f"nagłówku: content/{herb} – nagłówek pokazuje samą nazwę, dopóki redakcja nie doda "
            "pliku") in warnings_of(err)

    content = copy_content(tmp_path)
    for name in (logo, herb):
        (content / name).parent.mkdir(exist_ok=True)
        (content / name).write_bytes((ROOT / "content" / "extra" / "favicon.svg").read_bytes())
    build(tmp_path / "with-logos", content=content, EVENTS_NOW=NOW)
    assert [w for w in warnings_of(capsys.readouterr().err) if "brak pliku" in w] == []


@pytest.mark.parametrize("start, reason", [
    ("2052-03-05 17:00", "początek jest ponad 2 lata po dacie wpisu (Date: 2025-01-08 12:00) – "
                         "to może być literówka w roku. Oczekiwano: sprawdzony rok początku "
                         "wydarzenia."),
    ("2024-03-05 17:00", "początek jest wcześniej niż data wpisu (Date: 2025-01-08 12:00) – to "
                         "może być literówka. Oczekiwano: sprawdzony rok i dzień początku albo "
                         "pola Date."),
])
def test_an_unlikely_start_is_a_warning(tmp_path, capsys, start, reason):
    content = copy_content(tmp_path)
    end = start.replace("17:00", "19:00")
    write_event(content, "literowka", event_start=start, event_end=end)
    output = build(tmp_path / "output", content=content, EVENTS_NOW=NOW)
    assert (f"content/wydarzenia/literowka.md, wiersz 6: pole Event-start: „{start}” – "
            f"{reason}") in warnings_of(capsys.readouterr().err)
    assert (output / "wydarzenia" / "literowka" / "index.html").is_file()


def test_a_start_within_two_years_is_no_warning(tmp_path, capsys):
    content = copy_content(tmp_path)
    write_event(content, "za-rok", event_start="2026-12-05 17:00", event_end="2026-12-05 19:00")
    build(tmp_path / "output", content=content, EVENTS_NOW=NOW)
    assert [w for w in warnings_of(capsys.readouterr().err) if "Event-start" in w] == []


# GitHub: workflow commands on the file and line, only in GitHub Actions

def test_github_actions_get_each_problem_on_its_file_and_line(tmp_path, capsys, monkeypatch):
    content = copy_content(tmp_path)
    write_event(content, "zla-data", event_start="2025-02-30 16:00")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    with pytest.raises(SystemExit):
        build(tmp_path / "output", content=content, EVENTS_NOW=NOW)
    assert capsys.readouterr().out.splitlines() == [
        "::error file=content/wydarzenia/zla-data.md,line=6,title=Event-start::pole Event-start: "
        "„2025-02-30 16:00” – nie ma takiego dnia w kalendarzu (2025-02-30). Oczekiwano: "
        "RRRR-MM-DD GG:MM, np. 2025-01-22 16:00, albo sam dzień RRRR-MM-DD dla wydarzenia "
        "całodniowego."]


def test_github_actions_get_the_warnings_too(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ROOT))
    build(tmp_path / "output", EVENTS_NOW=NOW)
    out, err = capsys.readouterr()
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert len(commands) == len(warnings_of(err)) > 0
    assert all(line.startswith("::warning file=") for line in commands)
    text = (ROOT / "content" / "pages" / "dane-osobowe.md").read_text(encoding="utf-8")
    number = text[:text.index("[DO UZUPEŁNIENIA")].count("\n") + 1
    assert any(line.startswith(f"::warning file=content/pages/dane-osobowe.md,line={number},"
                               "title=DO UZUPEŁNIENIA::tekst do uzupełnienia przed publikacją: "
                               "„[DO UZUPEŁNIENIA") for line in commands), commands


def test_the_second_build_of_a_workflow_run_repeats_no_workflow_commands(tmp_path, capsys,
                                                                        monkeypatch):
    """The publish step builds again after the content step: its warnings are not put on the
    files twice (.github/workflows/site.yml sets CONTENT_ANNOTATED there)."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ROOT))
    monkeypatch.setenv("CONTENT_ANNOTATED", "true")
    build(tmp_path / "output", EVENTS_NOW=NOW)
    out, err = capsys.readouterr()
    assert len(warnings_of(err)) > 0
    assert [line for line in out.splitlines() if line.startswith("::")] == []


def test_outside_github_actions_there_are_no_workflow_commands(tmp_path, capfd, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    content = copy_content(tmp_path)
    write_event(content, "zla-data", event_start="2025-02-30 16:00")
    build(tmp_path / "good", EVENTS_NOW=NOW)
    with pytest.raises(SystemExit):
        build(tmp_path / "output", content=content, EVENTS_NOW=NOW)
    out, err = capfd.readouterr()
    assert "Ostrzeżenie: " in err
    assert [line for line in (out + err).splitlines() if line.startswith("::")] == []


def test_workflow_commands_escape_what_github_would_misread():
    item = notice("100% gotowe\nale: nie całkiem", "content/a,b.md", 3, "Pole: x, y")
    assert workflow_command("warning", item, str(ROOT)) == (
        "::warning file=content/a%2Cb.md,line=3,title=Pole%3A x%2C y::100%25 gotowe%0Aale: nie "
        "całkiem")
    assert workflow_command("error", notice("bez pliku"), str(ROOT)) == "::error::bez pliku"


def test_file_paths_are_relative_to_the_repository_root(monkeypatch):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(ROOT.parent))
    item = notice("x", "content/pages/kontakt.md", 1, "Title")
    assert workflow_command("error", item, str(ROOT)) == (
        f"::error file={Path(ROOT.name) / 'content/pages/kontakt.md'},line=1,title=Title::x")


@pytest.mark.parametrize("n, errors, warnings", [
    (1, "1 błąd", "1 ostrzeżenie"), (2, "2 błędy", "2 ostrzeżenia"),
    (5, "5 błędów", "5 ostrzeżeń"), (12, "12 błędów", "12 ostrzeżeń"),
    (22, "22 błędy", "22 ostrzeżenia"), (21, "21 błędów", "21 ostrzeżeń"),
])
def test_counts_are_polish(n, errors, warnings):
    assert (count(n, ERRORS), count(n, WARNINGS)) == (errors, warnings)


@pytest.mark.parametrize("line, inside", [
    ("**[DO UZUPEŁNIENIA: numer sali]**", False),
    ("- [DO UZUPEŁNIENIA: winda].", False),
    ("Event-location: [DO UZUPEŁNIENIA: miejsce]", False),
    ("## [DO UZUPEŁNIENIA: tytuł części]", False),
    ("Osobą kontaktową jest [DO UZUPEŁNIENIA: imię i nazwisko].", True),
    ("- Parking: **[DO UZUPEŁNIENIA: miejsca parkingowe]**", True),
    ("Sala [DO UZUPEŁNIENIA: numer], ul. Kolejowa 3", True),
])
def test_a_placeholder_inside_a_sentence_is_named_so(line, inside):
    from placeholders.placeholders import marker_warnings
    (warning,) = marker_warnings(["Title: T", line], SOURCE)
    marker = line[line.index("["):line.index("]") + 1]
    expected = f"{SOURCE}, wiersz 2: tekst do uzupełnienia przed publikacją: „{marker}”"
    if inside:
        expected += (" – stoi w środku zdania, a mieszkańcy przeczytają w tym miejscu „Informacja "
                     "w przygotowaniu”. Oczekiwano: znacznik jako osobne zdanie albo punkt listy, "
                     "np. „- [DO UZUPEŁNIENIA: numer sali]”")
    assert (str(warning), warning.severity) == (expected, "warning")


def test_the_seed_site_has_no_placeholder_inside_a_sentence(tmp_path, capsys):
    """Each marker in the seed content is a sentence or list item of its own: warned about
    as a fact to fill in, never as one that leaves a sentence reading as nonsense."""
    build(tmp_path / "output", EVENTS_NOW=NOW)
    placeholders = [w for w in warnings_of(capsys.readouterr().err) if "DO UZUPEŁNIENIA" in w]
    markers = sum(path.read_text(encoding="utf-8").count("[DO UZUPEŁNIENIA")
                  for path in (ROOT / "content").rglob("*.md"))
    assert markers and len(placeholders) == markers
    assert [w for w in placeholders if "w środku zdania" in w] == []


def test_a_file_pelican_does_not_read_is_a_warning(tmp_path, capsys):
    content = copy_content(tmp_path)
    for name in ("spotkanie.md.txt", "zaproszenie.docx", "FESTYN.MD", ".DS_Store"):
        (content / "wydarzenia" / name).write_bytes(b"x")
    build(tmp_path / "output", content=content, EVENTS_NOW=NOW)
    found = [w for w in warnings_of(capsys.readouterr().err) if "nie czyta" in w]
    assert found == [
        f"content/wydarzenia/{name}: Pelican nie czyta tego pliku, więc nie trafi on na stronę. "
        "Oczekiwano: plik tekstowy z końcówką .md pisaną małymi literami, np. spotkanie.md (tekst "
        "z Worda wklej do takiego pliku)" for name in ("FESTYN.MD", "spotkanie.md.txt",
                                                     "zaproszenie.docx")]
