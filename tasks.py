"""Tasks for the site (invoke): build, preview, a new event file, publish to GitHub Pages.

`invoke --list` lists them; `invoke --help TASK` explains the options. The README's
`make serve` runs `invoke livereload`. Follows Pelican's quickstart tasks.py: one CONFIG
dict, one pelican_run() helper. Messages for editors are in Polish.
"""

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

from events.eventfile import event_file_text  # noqa: E402  (plugins/, see above)
from editorial import keys  # noqa: E402
from editorial.messages import InvalidContent  # noqa: E402
from editorial.sources import editor_path  # noqa: E402
from events.model import parse_event  # noqa: E402
from publishing.build import settings_overrides  # noqa: E402
from publishing.errors import PublishError  # noqa: E402
from publishing.preview import live_preview, preview_policy, serve_folder  # noqa: E402
from publishing.publish import publish_site  # noqa: E402
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
    serve_folder(CONFIG["deploy_path"], CONFIG["host"], int(port))


@task(help={"now": NOW_HELP, "port": "port (domyślnie 8000)"})
def livereload(c, now=None, port=CONFIG["port"]):
    """Build, serve at http://localhost:8000/ and rebuild on every saved change."""
    policy = preview_policy(SETTINGS.get("CONTENT_SECURITY_POLICY"))
    overrides = settings_overrides(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, EVENTS_NOW=now,
                                   CONTENT_SECURITY_POLICY=policy)
    live_preview(lambda: pelican_run("-s", CONFIG["settings_base"], *overrides), ROOT,
                 CONFIG["watched"], CONFIG["deploy_path"], CONFIG["host"], int(port))


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
    help={
        "title": "tytuł, np. \"Reaktywacja Partnerstwa\" (z niego powstaje adres strony)",
        "start": 'początek, "RRRR-MM-DD GG:MM" albo sam dzień "RRRR-MM-DD" (cały dzień)',
        "end": 'koniec, "RRRR-MM-DD GG:MM" albo ostatni dzień "RRRR-MM-DD"',
        "place": "miejsce z adresem, np. \"Budynek Urzędu Gminy Czernica, "
                 "ul. Kolejowa 3, Czernica\"",
        "contact": 'kontakt "e-mail telefon"; można podać kilka razy, pierwszy to organizator',
        "rsvp_deadline": 'termin zgłoszeń (opcjonalnie), "RRRR-MM-DD GG:MM"',
        "summary": "jedno zdanie zaproszenia do list wydarzeń (opcjonalnie)",
        "repeat": "cykl (opcjonalnie): weekly, biweekly albo monthly",
        "repeat_until": 'ostatni dzień cyklu, "RRRR-MM-DD" (razem z --repeat)',
        "except_": 'dzień cyklu, w którym spotkania nie będzie, "RRRR-MM-DD"; można podać '
                   "kilka razy",
    },
)
def new_event(c, title=None, start=None, end=None, place=None, contact=None,
              rsvp_deadline=None, summary=None, repeat=None, repeat_until=None, except_=None):
    """Create content/wydarzenia/<slug>.md for a new event (asks for missing values)."""
    fields = {"title": title, "start": start, "end": end, "place": place,
              "contacts": [line for line in (contact or []) if line and line.strip()],
              "rsvp_deadline": rsvp_deadline, "summary": summary, "repeat": repeat,
              "repeat_until": repeat_until,
              "except": [day for day in (except_ or []) if day and day.strip()]}
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    fields = _complete_event_fields(fields)
    slug = slugify(fields["title"], regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise Exit(f"Z tytułu „{fields['title']}” nie da się utworzyć adresu strony: "
                   "tytuł musi zawierać litery lub cyfry.")
    folder = os.path.join(CONFIG["content_path"], CONFIG["events_dir"])
    path = os.path.join(folder, f"{slug}.md")
    source = editor_path(CONFIG["content_path"], os.path.relpath(path, CONFIG["content_path"]))
    if os.path.exists(path):
        raise Exit(f"{source} już istnieje – nie nadpisuję go. Zmień tytuł albo popraw "
                   "istniejący plik.")
    try:
        event = parse_event(
            _event_metadata(fields), source=source, slug=slug, title=fields["title"],
            default_timezone=SETTINGS["EVENTS_TIMEZONE"], uid_domain=SETTINGS["EVENTS_UID_DOMAIN"])
    except InvalidContent as invalid:
        problems = "\n".join(f"  • {problem}" for problem in invalid.problems)
        raise Exit(f"Nie utworzono pliku {source}, bo:\n{problems}") from None
    text = event_file_text(event, date=datetime.now(ZoneInfo(SETTINGS["TIMEZONE"])),
                           category=CONFIG["events_category"], summary=fields["summary"],
                           body=_EVENT_BODY, default_timezone=SETTINGS["EVENTS_TIMEZONE"])
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


@task(help={
    "remote": "nazwa zdalnego repozytorium git albo adres/ścieżka (domyślnie origin)",
    "siteurl": "publiczny adres strony, np. https://example.org/partnerstwo "
               "(domyślnie zmienna środowiskowa SITEURL)",
})
def publish(c, remote="origin", siteurl=None):
    """Build with publishconf.py into a fresh folder, check it, push it to gh-pages."""
    try:
        done = publish_site(ROOT, remote, siteurl, settings_file=CONFIG["settings_publish"],
                            content_path=CONFIG["content_path"], sources=CONFIG["site_sources"],
                            branch=CONFIG["github_pages_branch"],
                            commit_message=CONFIG["commit_message"], pelican=pelican_run)
    except PublishError as error:
        raise Exit(error.message, code=error.code) from None
    print(done)


def pelican_run(*args):
    """Run Pelican in this process; arguments after `--` on the command line pass through."""
    core = getattr(program, "core", None)
    remainder = getattr(core, "remainder", "") if core else ""
    pelican_main([*args, *shlex.split(remainder)])


# new-event helpers

_PROMPTS = {
    "title": "Tytuł wydarzenia",
    "start": "Początek (RRRR-MM-DD GG:MM, albo sam dzień RRRR-MM-DD dla całego dnia)",
    "end": "Koniec (RRRR-MM-DD GG:MM, albo ostatni dzień RRRR-MM-DD)",
    "place": "Miejsce z adresem (np. Budynek Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica)",
}
_OPTIONS = {"title": "--title", "start": "--start", "end": "--end", "place": "--place",
            "contacts": "--contact"}


def _complete_event_fields(fields):
    """Ask for missing values on a terminal; elsewhere (scripts, CI) stop with what is missing."""
    missing = [key for key in _OPTIONS if not fields[key]]
    if not missing:
        return fields
    if not sys.stdin.isatty():
        raise Exit(
            "Brakuje: " + ", ".join(_OPTIONS[key] for key in missing) + ". Podaj je w "
            "poleceniu, np.:\n  invoke new-event --title \"Spotkanie partnerstwa\" "
            "--start \"2025-03-01 17:00\" --end \"2025-03-01 19:00\" --place \"Budynek "
            "Urzędu Gminy Czernica, ul. Kolejowa 3, Czernica\" --contact \"j.herok@czernica.pl "
            "789 059 281\"")
    print("Nowe wydarzenie – podaj brakujące dane (Ctrl+C przerywa).")
    for key, prompt in _PROMPTS.items():
        while not fields[key]:
            fields[key] = input(f"{prompt}: ").strip()
    if not fields["contacts"]:
        print("Kontakty: jeden w wierszu, e-mail i opcjonalnie telefon "
              "(np. j.herok@czernica.pl 789 059 281); pusty wiersz kończy.")
        while not fields["contacts"] or fields["contacts"][-1]:
            fields["contacts"].append(input("Kontakt: ").strip())
        fields["contacts"] = [line for line in fields["contacts"] if line]
    if fields["rsvp_deadline"] is None and not fields["repeat"]:
        fields["rsvp_deadline"] = input("Termin zgłoszeń (RRRR-MM-DD GG:MM, "
                                        "Enter = bez terminu): ").strip()
    if fields["summary"] is None:
        fields["summary"] = input("Jedno zdanie zaproszenia (Enter = pomiń): ").strip()
    return fields


def _event_metadata(fields):
    """The options as Pelican would read them from a file (lower-case keys)."""
    metadata = {
        "event-start": fields["start"],
        "event-end": fields["end"],
        "event-location": fields["place"],
        "event-rsvp-deadline": fields["rsvp_deadline"],
        "event-contacts": fields["contacts"],
        "event-repeat": fields["repeat"],
        "event-repeat-until": fields["repeat_until"],
        "event-except": fields["except"],
    }
    return {key: value for key, value in metadata.items() if value}


_EVENT_BODY = """\
Tu wpisz treść zaproszenia (ten akapit usuń). Napisz, czego dotyczy spotkanie, dla kogo
jest, kto je prowadzi i czy trzeba potwierdzić udział. Terminu, miejsca i kontaktów nie
powtarzaj: strona pokazuje je sama, razem z przyciskami „Dodaj do kalendarza”.

Śródtytuły zaczynaj od „## ”, wypunktowania od „- ”. Instrukcja: docs/redakcja.md.
"""


from publishing.local_admin import MissingTools, start_local_backend, stop  # noqa: E402


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
