"""Tasks for the site (invoke): build, preview, a new event file, publish to GitHub Pages.

`invoke --list` lists them; `invoke --help TASK` explains the options. The README's
`make serve` runs `invoke livereload`. Follows Pelican's quickstart tasks.py: one CONFIG
dict, one pelican_run() helper. Messages for editors are in Polish.
"""

import contextlib
import os
import shlex
import shutil
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

from invoke import task
from invoke.exceptions import Exit
from invoke.main import program
from pelican import main as pelican_main
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file
from pelican.utils import slugify

ROOT = os.path.dirname(os.path.abspath(__file__))
SETTINGS_FILE_BASE = os.path.join(ROOT, "pelicanconf.py")
SETTINGS = {}
SETTINGS.update(DEFAULT_CONFIG)
LOCAL_SETTINGS = get_settings_from_file(SETTINGS_FILE_BASE)  # also puts plugins/ on sys.path
SETTINGS.update(LOCAL_SETTINGS)

from events.eventfile import EVENT_BODY, event_file_text  # noqa: E402  (plugins/, see above)
from editorial import keys  # noqa: E402
from editorial.forms import FormError  # noqa: E402
from editorial.messages import InvalidContent, Problem  # noqa: E402
from editorial.sources import editor_path  # noqa: E402
from events.model import parse_event  # noqa: E402
from publishing.build import pelican_quiet, settings_overrides  # noqa: E402
from site_checks.report import CHANGED_FILES  # noqa: E402
from publishing.errors import PublishError  # noqa: E402
from publishing.preview import PortBusy, live_preview, preview_policy, serve_folder  # noqa: E402
from publishing.local_admin import MissingTools, start_local_backend, stop  # noqa: E402
from publishing.commit_status import post_status  # noqa: E402
from publishing.publish import published_address, publish_site  # noqa: E402
from publishing.publish import unpublish_preview as unpublish_preview_of  # noqa: E402
from translations import catalogues  # noqa: E402

CONFIG = {
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": os.path.join(ROOT, "publishconf.py"),
    # Output path for local work (publish always builds into a fresh temporary folder).
    "deploy_path": os.path.join(ROOT, SETTINGS["OUTPUT_PATH"]),
    "cache_path": os.path.join(ROOT, SETTINGS["CACHE_PATH"]),
    # Where `new-event` writes: content/wydarzenia/<slug>.md
    "content_path": os.path.join(ROOT, SETTINGS["PATH"]),
    "events_dir": SETTINGS["EVENTS_DIR"],
    "events_category": "Wydarzenia",
    # What livereload watches (relative to ROOT)
    "watched": ["content", "theme", "plugins", "pelicanconf.py"],
    # What the published site is built from (uncommitted changes there are named in publish)
    "site_sources": ["content", "theme", "plugins", "pelicanconf.py", "publishconf.py"],
    # GitHub Pages configuration
    "github_pages_branch": "gh-pages",
    "commit_message": "Publikacja strony z commita {commit}",
    # Host and port for `serve` and `livereload`
    "host": "localhost",
    "port": 8000,
}

NOW_HELP = 'podgląd na wybraną chwilę, "RRRR-MM-DD GG:MM" (ustawia EVENTS_NOW)'


@task
def clean(c):
    """Remove output/ and the content cache."""
    for path in (CONFIG["deploy_path"], CONFIG["cache_path"]):
        shutil.rmtree(path, ignore_errors=True)


@task(help={"now": NOW_HELP})
def build(c, now=None):
    """Build the site into output/ with pelicanconf.py."""
    pelican_run("-s", CONFIG["settings_base"], *settings_overrides(EVENTS_NOW=now))


@task(help={"now": NOW_HELP})
def rebuild(c, now=None):
    """Build from scratch: empty output/ first and ignore the content cache."""
    pelican_run("-d", "--ignore-cache", "-s", CONFIG["settings_base"],
                *settings_overrides(EVENTS_NOW=now))


@task(help={"port": "port (domyślnie 8000)"})
def serve(c, port=CONFIG["port"]):
    """Serve output/ at http://localhost:8000/ (run `invoke build` first)."""
    try:
        serve_folder(CONFIG["deploy_path"], CONFIG["host"], int(port))
    except PortBusy as busy:
        raise Exit(busy.message) from None


@task(help={"now": NOW_HELP, "port": "port (domyślnie 8000; make serve: PORT=8001 make serve)"})
def livereload(c, now=None, port=CONFIG["port"]):
    """Build, serve at http://localhost:8000/ and rebuild on every saved change."""
    policy = preview_policy(SETTINGS.get("CONTENT_SECURITY_POLICY"))

    def build_site(changed):
        """One build; the files saved since the preview started have their warnings first."""
        pelican_run("-s", CONFIG["settings_base"], *settings_overrides(
            CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, EVENTS_NOW=now,
            CONTENT_SECURITY_POLICY=policy, **{CHANGED_FILES: changed}))

    try:
        live_preview(build_site, ROOT, CONFIG["watched"], CONFIG["deploy_path"], CONFIG["host"],
                     int(port), CONFIG["cache_path"])
    except PortBusy as busy:
        raise Exit(busy.message) from None


@task
def translations(c):
    """Collect the interface strings into the catalogues (plugins/translations/locale): a
    language of LANGUAGES without a catalogue gets its first one."""
    made = catalogues.collect(SETTINGS, ROOT)
    for path in made:
        print(f"Nowy katalog: {os.path.relpath(path, ROOT)}")
    folder = os.path.relpath(catalogues.locale_dir(SETTINGS), ROOT)
    print(f"Przetłumacz puste msgstr w {folder}/*/LC_MESSAGES/messages.po")


@task
def docs_keys(c):
    """Write the tables of keys in docs/redakcja.md from the key table (editorial/keys.py)."""
    path = os.path.join(ROOT, "docs", "redakcja.md")
    with open(path, encoding="utf-8") as file:
        text = file.read()
    with open(path, "w", encoding="utf-8") as file:
        file.write(keys.with_docs_tables(text))
    print("Tabele pól w docs/redakcja.md odpowiadają teraz plugins/editorial/keys.py")


@task(
    iterable=["contact", "except_"],
    auto_shortflags=False,  # letters run out: invoke gave --repeat-until the short flag "-"
    help={
        "title": "tytuł, np. \"Reaktywacja Partnerstwa\" (z niego powstaje adres strony)",
        "start": 'początek, "RRRR-MM-DD GG:MM" albo sam dzień "RRRR-MM-DD" (cały dzień)',
        "end": 'koniec, "RRRR-MM-DD GG:MM" albo ostatni dzień "RRRR-MM-DD"',
        "place": "miejsce z adresem, np. \"Budynek Urzędu Gminy Czernica, "
                 "ul. Kolejowa 3, Czernica\"",
        "contact": 'kontakt "e-mail telefon"; można podać kilka razy, pierwszy to organizator',
        "rsvp_deadline": 'termin zgłoszeń (opcjonalnie), "RRRR-MM-DD GG:MM"',
        "rsvp": "zapisy (opcjonalnie): required (domyślnie), optional albo none",
        "date_flexible": "yes, gdy termin można zmienić na prośbę mieszkańców (domyślnie no)",
        "summary": "jedno zdanie zaproszenia do list wydarzeń (opcjonalnie)",
        "repeat": "cykl (opcjonalnie): weekly, biweekly albo monthly",
        "repeat_until": 'ostatni dzień cyklu, "RRRR-MM-DD" (razem z --repeat)',
        "except_": 'dzień cyklu, w którym spotkania nie będzie, "RRRR-MM-DD"; można podać '
                   "kilka razy",
    },
)
def new_event(c, title=None, start=None, end=None, place=None, contact=None,
              rsvp_deadline=None, rsvp=None, date_flexible=None, summary=None, repeat=None,
              repeat_until=None, except_=None):
    """Create content/wydarzenia/<slug>.md for a new event (asks for missing values)."""
    given = {"Title": title, "Summary": summary, "Event-start": start, "Event-end": end,
             "Event-location": place, "Event-rsvp-deadline": rsvp_deadline,
             "Event-rsvp": rsvp, "Event-date-flexible": date_flexible,
             "Event-contacts": contact or [], "Event-repeat": repeat,
             "Event-repeat-until": repeat_until, "Event-except": except_ or []}
    try:
        answers = _complete_event_fields({name: _cleaned(v) for name, v in given.items()})
    except (EOFError, KeyboardInterrupt):  # Ctrl+D, Ctrl+C at a question
        raise Exit(INTERRUPTED) from None
    slug = slugify(answers["Title"], regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Exit(f"Z tytułu „{answers['Title']}” nie da się utworzyć adresu strony: "
                   "tytuł musi zawierać litery lub cyfry.")
    folder = os.path.join(CONFIG["content_path"], CONFIG["events_dir"])
    path = os.path.join(folder, f"{slug}.md")
    source = editor_path(CONFIG["content_path"], os.path.relpath(path, CONFIG["content_path"]))
    if os.path.exists(path):
        raise Exit(f"{source} już istnieje – nie nadpisuję go. Zmień tytuł albo popraw "
                   "istniejący plik.")
    try:
        event = _checked_event(answers, source, slug)
    except (EOFError, KeyboardInterrupt):
        raise Exit(INTERRUPTED) from None
    text = event_file_text(event, date=datetime.now(ZoneInfo(SETTINGS["TIMEZONE"])),
                           category=CONFIG["events_category"], summary=answers["Summary"],
                           body=EVENT_BODY, default_timezone=SETTINGS["EVENTS_TIMEZONE"])
    os.makedirs(folder, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:  # "x": never overwrite
        f.write(text)
    category = slugify(CONFIG["events_category"])
    address = SETTINGS["ARTICLE_URL"].format(category=category, slug=slug)
    print(f"Utworzono {source}\nAdres strony: {address}\n"
          "Dopisz treść zaproszenia w miejsce tekstu-wskazówki i obejrzyj podgląd: make serve")
    if event.first_occurrence.begins < datetime.now(event.tz):
        print("Uwaga: początek wydarzenia jest w przeszłości – sprawdź datę.",
              file=sys.stderr)


@task
def warnings(c):
    """Build the site into output/ and list every warning for editors (none folded)."""
    os.environ.pop(CHANGED_FILES, None)  # unknown changes: every warning is listed
    pelican_run("-s", CONFIG["settings_base"])


@task(help={
    "remote": "nazwa zdalnego repozytorium git albo adres/ścieżka (domyślnie origin)",
    "siteurl": "publiczny adres strony, np. https://example.org/partnerstwo "
               "(domyślnie zmienna środowiskowa SITEURL)",
    "preview": "numer propozycji zmian (pull request): jej podgląd w pr-preview/pr-N/ "
               "zamiast strony",
})
def publish(c, remote="origin", siteurl=None, preview=None):
    """Build with publishconf.py into a fresh folder, check it, push it to gh-pages (the
    pull-request previews stay); with --preview N, pull request N's preview instead."""
    try:
        done = publish_site(ROOT, remote, siteurl, settings_file=CONFIG["settings_publish"],
                            content_path=CONFIG["content_path"], sources=CONFIG["site_sources"],
                            branch=CONFIG["github_pages_branch"],
                            commit_message=CONFIG["commit_message"], pelican=pelican_run,
                            preview=preview)
    except PublishError as error:
        raise Exit(error.message, code=error.code) from None
    print(done)
    if preview and os.environ.get("GITHUB_OUTPUT"):  # the workflow links it from the PR
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            print(f"preview_url={published_address(siteurl, preview)}/", file=output)


@task(help={"state": "pending, success albo failure",
            "url": "adres podglądu (success) albo opisu błędu (failure)"})
def preview_status(c, state, url=""):
    """Set the pull request's commit status for its preview (in GitHub Actions)."""
    try:
        post_status(state, url, os.environ)
    except PublishError as error:
        raise Exit(error.message, code=error.code) from None


@task(help={"number": "numer zamkniętej propozycji zmian (pull request)",
            "remote": "nazwa zdalnego repozytorium git albo adres/ścieżka (domyślnie origin)"})
def unpublish_preview(c, number, remote="origin"):
    """Remove pull request N's preview (pr-preview/pr-N/) from gh-pages."""
    try:
        done = unpublish_preview_of(ROOT, remote, number,
                                    branch=CONFIG["github_pages_branch"])
    except PublishError as error:
        raise Exit(error.message, code=error.code) from None
    print(done)


def pelican_run(*args):
    """Run Pelican in this process; arguments after `--` on the command line pass through.
    Editors read Polish only: Pelican's own English lines show only when asked for (`-- -v`
    or `-- -D`)."""
    core = getattr(program, "core", None)
    remainder = shlex.split(getattr(core, "remainder", "") if core else "")
    asked = {"-v", "--verbose", "-D", "--debug"} & set(remainder)
    with contextlib.nullcontext() if asked else pelican_quiet():
        pelican_main([*args, *remainder])


# new-event helpers

INTERRUPTED = "\nPrzerwano: plik wydarzenia nie został utworzony."
# The options that must be given when nobody can be asked (not a terminal).
_OPTIONS = {"Title": "--title", "Event-start": "--start", "Event-end": "--end",
            "Event-location": "--place", "Event-contacts": "--contact"}
_KEYS = {key.name: key for key in keys.CONTENT_KEYS + keys.EVENT_KEYS}


def _cleaned(value):
    """An option's value stripped; a repeatable option's without its empty values."""
    if isinstance(value, list):
        return [line.strip() for line in value if line and line.strip()]
    return value.strip() if isinstance(value, str) else value


def asked_keys():
    """The keys new-event asks for (Key.ask), in the key table's order, each asked only when
    (Key.ask_when) right after the key it depends on."""
    flagged = [key for key in keys.CONTENT_KEYS + keys.EVENT_KEYS if key.ask]
    ordered = []
    for key in (key for key in flagged if not key.ask_when):
        ordered.append(key)
        ordered += [other for other in flagged if other.ask_when[:1] == (key.name,)]
    return ordered


def _complete_event_fields(answers):
    """Ask for missing values on a terminal, each checked as it is typed; elsewhere
    (scripts, CI) stop with what is missing."""
    missing = [name for name in _OPTIONS if not answers[name]]
    if not missing:
        return answers
    if not sys.stdin.isatty():
        raise Exit(
            "Brakuje: " + ", ".join(_OPTIONS[name] for name in missing) + ". Podaj je w "
            "poleceniu, np.:\n  invoke new-event --title \"Spotkanie partnerstwa\" "
            "--start \"2025-03-01 17:00\" --end \"2025-03-01 19:00\" --place \"Budynek "
            "Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica\" --contact \"j.herok@czernica.pl "
            "789 059 281\"")
    print("Nowe wydarzenie – podaj brakujące dane (Ctrl+C przerywa). Każda odpowiedź jest "
          "sprawdzana od razu.")
    for key in asked_keys():
        if _wanted(key, answers):
            answers[key.name] = _ask(key, answers[key.name])
    return answers


def _wanted(key, answers):
    """Whether new-event asks for `key` now: its condition holds (Key.ask_when)."""
    if not key.ask_when:
        return True
    other, with_value = key.ask_when
    return bool(answers[other]) == with_value


def _ask(key, given):
    """The key's value: `given` if it is in its form, else asked for on the terminal until
    it is (one value a line for a multi-line key; an empty line ends the list)."""
    if key.multiline:
        return _ask_lines(key, given)
    if given:
        wrong = _wrong(key, given)
        if not wrong:
            return given
        print(wrong)
    elif given == "":  # given as an empty option: the editor chose to leave it out
        return given
    # A key asked because another has a value goes with it (Event-repeat-until).
    needed = key.required or key.ask_when[1:] == (True,)
    optional = "" if needed else " – Enter = pomiń"
    while True:
        answer = input(f"{key.ask}{optional}: ").strip()
        wrong = _wrong(key, answer) if answer or needed else None
        if not wrong:
            return answer
        print(wrong)


def _ask_lines(key, given):
    """A multi-line key's values: the given ones if all are in their form, else asked for."""
    if given and all([_accepted(key, value) for value in given]):  # every wrong one said
        return given
    print(f"{key.ask} – jeden w wierszu; pusty wiersz kończy.")
    values = []
    while True:
        answer = input(f"{key.label}: ").strip()
        if not answer and (values or not key.required):
            return values
        if _accepted(key, answer):
            values.append(answer)


def _accepted(key, value):
    """Whether `value` is in its key's form; if not, the editor reads why."""
    wrong = _wrong(key, value)
    if wrong:
        print(wrong)
    return not wrong


def _wrong(key, text):
    """The message for a value not in its key's form, or None."""
    if not text:
        wrong = Problem(None, key.name, "", "to pole jest wymagane", key.form)
    else:
        try:
            key.read(text)
            return None
        except FormError as error:
            wrong = Problem(None, key.name, text, error.reason, error.expected or key.form)
    return f"{wrong.message} Wpisz jeszcze raz."


def _checked_event(answers, source, slug):
    """The event the answers describe; what only the whole event shows (an end before the
    start, a deadline after it) is asked again on a terminal, else every problem stops it."""
    while True:
        try:
            return parse_event(_event_metadata(answers), source=source, slug=slug,
                               title=answers["Title"],
                               default_timezone=SETTINGS["EVENTS_TIMEZONE"],
                               uid_domain=SETTINGS["EVENTS_UID_DOMAIN"])
        except InvalidContent as invalid:
            wrong = [_KEYS[p.field] for p in invalid.problems if p.field in _KEYS]
            if not sys.stdin.isatty() or not wrong:
                problems = "\n".join(f"  • {problem}" for problem in invalid.problems)
                raise Exit(f"Nie utworzono pliku {source}, bo:\n{problems}") from None
            for problem in invalid.problems:
                print(f"{problem.message} Wpisz jeszcze raz.")
            for key in dict.fromkeys(wrong):
                answers[key.name] = _ask(key, [] if key.multiline else None)


def _event_metadata(answers):
    """The answers as Pelican would read them from a file (lower-case keys)."""
    return {key.lower: answers[key.name] for key in keys.EVENT_KEYS
            if answers.get(key.name)}


@task(help={"now": NOW_HELP, "port": "port podglądu (domyślnie 8000)",
            "commit": "każde „Opublikuj” w panelu to commit w tej kopii repozytorium"})
def admin(c, now=None, port=CONFIG["port"], commit=False):
    """The form-based editor on this computer: the live preview at http://localhost:8000/
    and its panel at http://localhost:8000/admin/, writing into this clone's content/."""
    try:
        backend = start_local_backend(ROOT, commit=commit)
    except MissingTools as error:
        raise Exit(str(error), code=1) from None
    print(f"Panel redakcji: http://localhost:{port}/admin/ (przycisk „Zaloguj się”)", flush=True)
    try:
        livereload(c, now=now, port=port)
    finally:
        stop(backend)
