"""tasks.py: the tasks are listed, and `invoke new-event` writes a file that builds
(`invoke livereload`: test_preview.py, `invoke publish`: test_publish.py).

Every command runs in a copy of the project, so nothing in the working tree is written.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from conftest import ROOT, build, soup
from editorial.messages import WARNINGS, count

INVOKE = Path(sys.executable).with_name("invoke")
NOT_COPIED = shutil.ignore_patterns(".venv", "node_modules", "output", "cache", ".git",
                                    ".pytest_cache", ".hypothesis", "__pycache__", "benchmarks")
# Every Polish letter with a diacritic: ż ó ł ć ę ś ź ń ą
TITLE = "Żółć, gęś i źdźbło: ćwiczenia łańcuchowe na łące"
SLUG = "zolc-ges-i-zdzblo-cwiczenia-lancuchowe-na-lace"
EVENT_OPTIONS = ["--start", "2025-03-01 17:00", "--end", "2025-03-01 19:30",
                 "--place", "Świetlica wiejska, ul. Wrocławska 1, Dobrzykowice",
                 "--contact", "j.herok@czernica.pl 789 059 281",
                 "--contact", "p.kobak@gops.czernica.pl", "--rsvp-deadline", "2025-02-27 14:00"]


@pytest.fixture
def project(tmp_path):
    copy = tmp_path / "projekt"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    return copy


def invoke(project, *args, **kwargs):
    kwargs.setdefault("stdin", subprocess.DEVNULL)  # not a terminal: nobody to ask
    result = subprocess.run([str(INVOKE), *args], cwd=project, capture_output=True, text=True,
                            encoding="utf-8", timeout=120, **kwargs)
    result.output = result.stdout + result.stderr
    return result


def event_files(project):
    return sorted(p.name for p in (project / "content" / "wydarzenia").glob("*.md"))


def test_tasks_are_listed_with_their_docstrings():
    listed = invoke(ROOT, "--list").stdout
    for name in ("build", "rebuild", "serve", "livereload", "new-event", "publish"):
        assert re.search(rf"^\s+{name}\s+\S", listed, re.M), name


def test_new_event_writes_a_file_named_after_the_polish_title(project):
    result = invoke(project, "new-event", "--title", TITLE, *EVENT_OPTIONS)

    assert result.returncode == 0, result.output
    path = project / "content" / "wydarzenia" / f"{SLUG}.md"
    assert f"content/wydarzenia/{SLUG}.md" in result.stdout
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n\n", 1)
    assert head.splitlines()[:4] == [f"Title: {TITLE}", head.splitlines()[1],
                                     "Category: Wydarzenia", f"Slug: {SLUG}"]
    assert re.fullmatch(r"Date: \d{4}-\d\d-\d\d \d\d:\d\d", head.splitlines()[1])
    assert ("Event-contacts: j.herok@czernica.pl 789 059 281\n"
            "    p.kobak@gops.czernica.pl") in head
    assert "Event-rsvp-deadline: 2025-02-27 14:00" in head
    assert "Tu wpisz treść zaproszenia" in body


def test_the_new_event_builds_with_the_real_pelican(project, tmp_path):
    assert invoke(project, "new-event", "--title", TITLE, *EVENT_OPTIONS).returncode == 0

    output = build(tmp_path / "output", content=project / "content",
                   EVENTS_NOW="2025-02-01 12:00")

    page = output / "wydarzenia" / SLUG / "index.html"
    assert "źdźbło" in soup(page).h1.get_text()
    calendar = icalendar.Calendar.from_ical((page.parent / f"{SLUG}.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2025-03-01T17:00:00+01:00"
    assert event.decoded("DTEND").isoformat() == "2025-03-01T19:30:00+01:00"
    assert str(event["ORGANIZER"]).lower() == "mailto:j.herok@czernica.pl"


def test_new_event_refuses_to_overwrite(project):
    assert invoke(project, "new-event", "--title", TITLE, *EVENT_OPTIONS).returncode == 0
    path = project / "content" / "wydarzenia" / f"{SLUG}.md"
    before = path.read_bytes()

    result = invoke(project, "new-event", "--title", TITLE, *EVENT_OPTIONS[:2],
                    "--end", "2025-03-01 21:00", *EVENT_OPTIONS[4:])

    assert result.returncode != 0
    assert f"content/wydarzenia/{SLUG}.md już istnieje – nie nadpisuję go" in result.stderr
    assert path.read_bytes() == before


def test_a_bad_date_gives_the_polish_message_and_no_file(project):
    before = event_files(project)
    result = invoke(project, "new-event", "--title", TITLE, "--start", "2025-02-30 17:00",
                    *EVENT_OPTIONS[2:])

    assert result.returncode != 0
    assert (f"content/wydarzenia/{SLUG}.md: pole Event-start: „2025-02-30 17:00” – nie ma "
            "takiego dnia w kalendarzu (2025-02-30). Oczekiwano: RRRR-MM-DD GG:MM, np. "
            "2025-01-22 16:00, albo sam dzień RRRR-MM-DD dla wydarzenia całodniowego.") \
        in result.stderr
    assert "Traceback" not in result.output
    assert event_files(project) == before


def test_every_problem_is_reported_at_once(project):
    result = invoke(project, "new-event", "--title", "Spotkanie", "--start", "2025-3-1 17:00",
                    "--end", "2025-03-01 24:00", "--place", "Świetlica, Czernica",
                    "--contact", "j.herok(at)czernica.pl", "--rsvp-deadline", "2025-03-02 10:00")

    assert result.returncode != 0
    assert "pole Event-start: „2025-3-1 17:00” – zła postać daty i godziny" in result.stderr
    assert ("pole Event-end: „2025-03-01 24:00” – nie ma takiej godziny (24:00)"
            in result.stderr)
    assert "(at) zamiast @ – w pliku adres wpisuje się ze znakiem @" in result.stderr
    assert not (project / "content" / "wydarzenia" / "spotkanie.md").exists()


def test_missing_values_without_a_terminal_are_named(project):
    before = event_files(project)
    result = invoke(project, "new-event", "--title", TITLE, "--start", "2025-03-01 17:00")

    assert result.returncode != 0
    assert "Brakuje: --end, --place, --contact." in result.stderr
    assert event_files(project) == before


def on_a_terminal(project, answers, *args):
    """`invoke new-event ARGS` answered line by line on a pseudo-terminal."""
    controller, terminal = os.openpty()
    os.write(controller, ("\n".join(answers) + "\n").encode())
    try:
        return invoke(project, "new-event", *args, stdin=terminal)
    finally:
        os.close(terminal)
        os.close(controller)


def test_missing_values_are_asked_for_on_a_terminal(project):
    # Summary, start, end, place, no sign-up, a date open to change, one contact and the
    # empty line ending the contacts, no series, no deadline.
    answers = ["Zapraszamy.", "2025-03-01 17:00", "2025-03-01 19:30",
               "Świetlica, ul. Główna 1, Czernica", "none", "yes",
               "j.herok@czernica.pl 789 059 281", "", "", ""]
    result = on_a_terminal(project, answers, "--title", TITLE)

    assert result.returncode == 0, result.output
    text = (project / "content" / "wydarzenia" / f"{SLUG}.md").read_text(encoding="utf-8")
    assert "Event-location: Świetlica, ul. Główna 1, Czernica\n" in text
    assert "Summary: Zapraszamy.\n" in text
    assert "Event-rsvp-deadline" not in text and "Event-repeat" not in text
    assert "Event-rsvp: none\n" in text and "Event-date-flexible: yes\n" in text


def test_each_answer_is_checked_as_it_is_typed_and_asked_again(project):
    answers = ["", "2025-02-30 17:00", "2025-03-01 17:00", "2025-03-01 19:30",
               "Świetlica, ul. Główna 1, Czernica", "tak", "optional", "", "j.herok(at)czernica.pl",
               "j.herok@czernica.pl", "", "co tydzień", "", "2025-03-01 10:00"]
    result = on_a_terminal(project, answers, "--title", TITLE)

    assert result.returncode == 0, result.output
    assert ("Początek (RRRR-MM-DD GG:MM, albo sam dzień RRRR-MM-DD dla całego dnia): pole "
            "Event-start: „2025-02-30 17:00” – nie ma takiego dnia w kalendarzu (2025-02-30). "
            "Oczekiwano: RRRR-MM-DD GG:MM, np. 2025-01-22 16:00, albo sam dzień RRRR-MM-DD dla "
            "wydarzenia całodniowego. Wpisz jeszcze raz.\n") in result.stdout
    assert ("pole Event-rsvp: „tak” – nieznany sposób zapisów. Oczekiwano: required, optional "
            "albo none. Wpisz jeszcze raz.") in result.stdout
    assert ("pole Event-contacts: „j.herok(at)czernica.pl” – (at) zamiast @ – w pliku adres "
            "wpisuje się ze znakiem @.") in result.stdout
    assert ("pole Event-repeat: „co tydzień” – nieznany rodzaj powtarzania. Oczekiwano: weekly "
            "(co tydzień), biweekly (co dwa tygodnie) albo monthly (raz w miesiącu, ten sam "
            "dzień tygodnia co w Event-start). Wpisz jeszcze raz.") in result.stdout
    head = read(project / "content" / "wydarzenia" / f"{SLUG}.md").split("\n\n", 1)[0]
    assert "Event-start: 2025-03-01 17:00\n" in head
    assert "Event-contacts: j.herok@czernica.pl" in head.splitlines()
    assert "Event-rsvp-deadline: 2025-03-01 10:00" in head and "Event-rsvp: optional" in head


def test_a_series_is_offered_at_the_prompts_and_only_its_wrong_answer_is_asked_again(project):
    # ... series weekly, until before the start (found only with the whole event), except.
    answers = ["", "2025-03-05 17:00", "2025-03-05 19:00", "Świetlica, ul. Główna 1, Czernica",
               "", "", "j.herok@czernica.pl", "", "weekly", "2025-03-01", "2025-03-19", "", "2025-04-30"]
    result = on_a_terminal(project, answers, "--title", "Dyżur partnerstwa")

    assert result.returncode == 0, result.output
    assert "Powtarzanie: weekly (co tydzień), biweekly (co dwa tygodnie) albo monthly" \
        in result.stdout
    assert ("pole Event-repeat-until: „2025-03-01” – ostatni dzień cyklu jest wcześniejszy niż "
            "pierwszy termin (2025-03-05). Oczekiwano: RRRR-MM-DD, nie wcześniej niż 2025-03-05. "
            "Wpisz jeszcze raz.\nOstatni dzień cyklu (RRRR-MM-DD): ") in result.stdout
    assert "Termin zgłoszeń" not in result.stdout  # a series takes no RSVP deadline
    head = read(project / "content" / "wydarzenia" / "dyzur-partnerstwa.md").split("\n\n")[0]
    assert head.endswith("Event-repeat: weekly\nEvent-repeat-until: 2025-04-30\n"
                         "Event-except: 2025-03-19")


def test_stopping_at_a_question_writes_no_file_and_says_so(project):
    before = event_files(project)
    result = on_a_terminal(project, ["", "\x04"], "--title", TITLE)  # Ctrl+D at "Początek"

    assert result.returncode == 1
    assert result.stderr.strip() == "Przerwano: plik wydarzenia nie został utworzony."
    assert event_files(project) == before


def test_invoke_warnings_lists_every_warning_that_a_build_folds(project):
    """CI's build (the pushed files in EDITOR_CHANGED_FILES) folds the standing warnings
    into one line that names `invoke warnings`; that command lists them all."""
    env = {**os.environ, "EDITOR_CHANGED_FILES": "content/pages/kontakt.md\n"}
    folded = invoke(project, "build", env=env)
    listed = invoke(project, "warnings", env=env)

    assert folded.returncode == 0 and listed.returncode == 0, folded.output + listed.output
    every = [line for line in listed.stderr.splitlines() if line.startswith("Ostrzeżenie: ")]
    assert len(every) > 10
    assert [line for line in folded.stderr.splitlines() if line.startswith("Ostrzeżeni")] == [
        f"Ostrzeżenia w plikach, których nie zmieniono: {len(every)} – pełna lista: "
        "invoke warnings"]
    assert listed.stderr.splitlines()[-1] == (
        f"Strona zbudowana: {count(len(every), WARNINGS)} dla redakcji (lista wyżej) – strona "
        "działa, ale popraw je przed publikacją.")
    assert listed.stdout == folded.stdout == ""  # Pelican's English stays away


def test_the_prompts_come_from_the_key_table():
    from tasks import asked_keys
    names = [key.name for key in asked_keys()]
    assert names == ["Title", "Summary", "Event-start", "Event-end", "Event-location",
                     "Event-rsvp", "Event-date-flexible", "Event-contacts", "Event-repeat", "Event-rsvp-deadline",
                     "Event-repeat-until", "Event-except"]


def test_new_event_help_names_every_option_cleanly():
    shown = invoke(ROOT, "--help", "new-event").stdout
    options = re.findall(r"^\s+(--\S+)", shown, re.M)
    assert options == ["--contact", "--date-flexible=STRING", "--end=STRING", "--except",
                       "--place=STRING", "--repeat=STRING", "--repeat-until=STRING",
                       "--rsvp=STRING", "--rsvp-deadline=STRING",
                       "--start=STRING", "--summary=STRING", "--title=STRING"]
    assert "--=" not in shown


def read(path):
    return path.read_text(encoding="utf-8")


def test_new_event_writes_a_series_and_an_all_day_event_that_build(project, tmp_path):
    series = invoke(project, "new-event", "--title", "Dyżur partnerstwa",
                    "--start", "2025-03-05 17:00", "--end", "2025-03-05 19:00",
                    "--place", "Świetlica wiejska, ul. Wrocławska 1, Dobrzykowice",
                    "--contact", "j.herok@czernica.pl", "--repeat", "biweekly",
                    "--repeat-until", "2025-06-25", "--except", "2025-04-16",
                    "--except", "2025-04-30")
    assert series.returncode == 0, series.output
    head = (project / "content" / "wydarzenia" / "dyzur-partnerstwa.md").read_text(
        encoding="utf-8").split("\n\n", 1)[0]
    assert ("Event-repeat: biweekly\nEvent-repeat-until: 2025-06-25\n"
            "Event-except: 2025-04-16\n    2025-04-30") in head
    festival = invoke(project, "new-event", "--title", "Dożynki gminne",
                      "--start", "2025-08-30", "--end", "2025-08-31",
                      "--place", "Boisko, ul. Polna 2, Czernica", "--contact", "j.herok@czernica.pl")
    assert festival.returncode == 0, festival.output
    output = build(tmp_path / "output", content=project / "content", EVENTS_NOW="2025-02-01 12:00")
    import recurring_ical_events
    calendar = icalendar.Calendar.from_ical(
        (output / "wydarzenia" / "dyzur-partnerstwa" / "dyzur-partnerstwa.ics").read_bytes())
    days = [o.decoded("DTSTART").date().isoformat()
            for o in recurring_ical_events.of(calendar).all()]
    assert days == ["2025-03-05", "2025-03-19", "2025-04-02", "2025-05-14", "2025-05-28",
                    "2025-06-11", "2025-06-25"]
    (day,) = icalendar.Calendar.from_ical(
        (output / "wydarzenia" / "dozynki-gminne" / "dozynki-gminne.ics").read_bytes()
    ).walk("VEVENT")
    assert day.decoded("DTSTART").isoformat() == "2025-08-30"
    assert day.decoded("DTEND").isoformat() == "2025-09-01"
