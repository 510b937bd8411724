"""Tasks for the site (invoke): build, preview, a new event file, publish to GitHub Pages.

`invoke --list` lists them; `invoke --help TASK` explains the options. The README's
`make serve` runs `invoke livereload`. Follows Pelican's quickstart tasks.py: one CONFIG
dict, one pelican_run() helper. Messages for editors are in Polish.
"""

import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from zoneinfo import ZoneInfo

from invoke import task
from invoke.exceptions import Exit
from invoke.main import program
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file
from pelican.utils import slugify

ROOT = os.path.dirname(os.path.abspath(__file__))
SETTINGS_FILE_BASE = os.path.join(ROOT, "pelicanconf.py")
SETTINGS = {}
SETTINGS.update(DEFAULT_CONFIG)
LOCAL_SETTINGS = get_settings_from_file(SETTINGS_FILE_BASE)  # also puts plugins/ on sys.path
SETTINGS.update(LOCAL_SETTINGS)

from events.eventfile import event_file_text  # noqa: E402  (plugins/, see above)
from editorial.messages import InvalidContent, in_github_actions, notice, workflow_command  # noqa: E402
from editorial.sources import editor_path  # noqa: E402
from events.model import parse_event  # noqa: E402
from site_checks.gate import check_built_site  # noqa: E402
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

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        CONFIG["deploy_path"], (CONFIG["host"], int(port)), ComplexHTTPRequestHandler
    )
    print(f"Podgląd strony: http://{CONFIG['host']}:{port}/  (Ctrl+C kończy)", flush=True)
    server.serve_forever()


@task(help={"now": NOW_HELP, "port": "port (domyślnie 8000)"})
def livereload(c, now=None, port=CONFIG["port"]):
    """Build, serve at http://localhost:8000/ and rebuild on every saved change.

    While a file is broken, every address shows the list of problems until it is fixed.
    """
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from site_checks.preview import BuildState, handler_for, preview_policy, problems_of

    state = BuildState()
    policy = preview_policy(SETTINGS.get("CONTENT_SECURITY_POLICY"))

    def cached_build():
        try:
            pelican_run("-s", CONFIG["settings_base"],
                        *settings_overrides(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True,
                                            EVENTS_NOW=now, CONTENT_SECURITY_POLICY=policy))
        except SystemExit as stopped:  # a broken file: say why, show it, keep watching
            if stopped.code in (0, None):
                state.problems = None
                return
            state.problems = problems_of(stopped)
            if isinstance(stopped.code, str):
                print(stopped.code, file=sys.stderr)
            print("Popraw plik i zapisz go – podgląd zbuduje się ponownie sam.",
                  file=sys.stderr, flush=True)
        else:
            state.problems = None

    def plugins_changed():
        print("Zmieniono kod w plugins/: nowy kod zadziała po ponownym uruchomieniu "
              "podglądu (Ctrl+C, potem make serve).", file=sys.stderr, flush=True)
        cached_build()

    cached_build()
    # livereload skips the reload of a change within 3 s of the last one; a fix saved right
    # after a mistake must still bring the page back, so every rebuild reloads the tab.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server()
    server.SFH = handler_for(state, CONFIG["deploy_path"])
    for path in CONFIG["watched"]:
        rebuild_on_change = plugins_changed if path == "plugins" else cached_build
        server.watch(os.path.join(ROOT, path), rebuild_on_change,
                     ignore=lambda changed: "__pycache__" in changed)
    print(f"Podgląd strony: http://{CONFIG['host']}:{port}/  (odświeża się po każdej "
          "zapisanej zmianie; Ctrl+C kończy)", flush=True)
    os.makedirs(CONFIG["deploy_path"], exist_ok=True)  # a first build that failed wrote none
    server.serve(host=CONFIG["host"], port=int(port), root=CONFIG["deploy_path"])


@task
def translations(c):
    """Collect the interface strings into the catalogues (plugins/translations/locale): a
    language of LANGUAGES without a catalogue gets its first one."""
    made = catalogues.collect(SETTINGS, ROOT)
    for path in made:
        print(f"Nowy katalog: {os.path.relpath(path, ROOT)}")
    folder = os.path.relpath(catalogues.locale_dir(SETTINGS), ROOT)
    print(f"Przetłumacz puste msgstr w {folder}/*/LC_MESSAGES/messages.po")


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
    siteurl = _public_siteurl(siteurl)
    commit = _source_commit(c)
    message = CONFIG["commit_message"].format(commit=commit)
    if _git(c, "status", "--porcelain", "--", *CONFIG["site_sources"]).stdout.strip():
        message += " (z niezatwierdzonymi zmianami)"
    branch = CONFIG["github_pages_branch"]
    with tempfile.TemporaryDirectory(prefix="publikacja-strony-") as tmp:
        output = os.path.join(tmp, "output")
        _publish_build(output, siteurl, cache=os.path.join(tmp, "cache"))
        _check_built_site(output, siteurl)
        if _fetch_published_branch(c, remote, branch) and _unchanged(c, output, branch):
            print(f"Nic nowego do opublikowania: zbudowana strona jest taka sama jak w gałęzi "
                  f"{branch} w {remote}, więc nic nie zostało wysłane.")
            return
        sha = _push_to_pages(c, output, remote, message)
    print(f"Opublikowano {siteurl}/ – gałąź {branch} w {remote}, commit {sha[:7]}: {message}")


def pelican_run(*args):
    """Run Pelican in this process; arguments after `--` on the command line pass through."""
    core = getattr(program, "core", None)
    remainder = getattr(core, "remainder", "") if core else ""
    pelican_main([*args, *shlex.split(remainder)])


def settings_overrides(**settings):
    """Pelican's `-e KEY=JSON ...` for the settings that are not None."""
    pairs = [f"{key}={json.dumps(value)}" for key, value in settings.items()
             if value is not None]
    return ["-e", *pairs] if pairs else []


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


# publish helpers

def _public_siteurl(siteurl):
    siteurl = (siteurl or os.environ.get("SITEURL") or "").strip().rstrip("/")
    if not siteurl:
        raise Exit("Nie podano publicznego adresu strony, więc nic nie opublikowano. Podaj "
                   "go: invoke publish --siteurl https://example.org/partnerstwo albo w "
                   "zmiennej środowiskowej SITEURL (w GitHub Actions: zmienna repozytorium "
                   "SITEURL).")
    if not siteurl.startswith(("https://", "http://")):
        raise Exit(f"Adres strony „{siteurl}” musi zaczynać się od https:// (lub http://).")
    return siteurl


def _git(c, *args, env=None):
    with c.cd(ROOT):
        return c.run(shlex.join(["git", *args]), hide=True, warn=True, pty=False,
                     encoding="utf-8", env=env or {})


def _source_commit(c):
    result = _git(c, "rev-parse", "--short", "HEAD")
    if result.failed:
        raise Exit("Publikacja wymaga repozytorium git z co najmniej jednym commitem "
                   f"(git rev-parse HEAD: {result.stderr.strip()}).")
    return result.stdout.strip()


@contextlib.contextmanager
def _environment(**variables):
    saved = {key: os.environ.get(key) for key in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _publish_build(output, siteurl, cache):
    """publishconf.py reads SITEURL from the environment; any failure stops the publish."""
    with _environment(SITEURL=siteurl):
        try:
            pelican_run("-s", CONFIG["settings_publish"], "-o", output, "--ignore-cache",
                        *settings_overrides(CACHE_PATH=cache))
        except SystemExit as stopped:
            if isinstance(stopped.code, str):  # the events plugin's list for the editor
                raise Exit(stopped.code) from None
            raise Exit("Budowanie strony nie powiodło się (szczegóły wyżej) – nic nie "
                       "zostało opublikowane.", code=stopped.code or 1) from None
    if not os.path.isfile(os.path.join(output, "index.html")):
        raise Exit("Budowanie nie utworzyło strony głównej (index.html) – nic nie zostało "
                   "opublikowane.")


def _check_built_site(output, siteurl):
    """The gate (plugins/site_checks/gate.py), run on this very folder."""
    problems = check_built_site(output, siteurl, CONFIG["content_path"],
                                CONFIG["settings_publish"])
    if not problems:
        return
    if in_github_actions():
        for problem in problems:
            print(workflow_command("error", notice(problem, field="Kontrola przed publikacją"),
                                   ROOT))
    listed = "\n".join(f"  • {problem}" for problem in problems)
    raise Exit(f"Kontrola zbudowanej strony wykryła problemy – nic nie zostało "
               f"opublikowane:\n{listed}")


def _unchanged(c, output, branch):
    """Whether `output` is exactly what the (fetched) published branch holds."""
    published = _git(c, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{tree}}")
    return published.ok and _tree_of_folder(c, output) == published.stdout.strip()


def _tree_of_folder(c, folder):
    """The git tree of `folder` as ghp-import would commit it (a throwaway index, every file,
    ignored ones too), to compare with what gh-pages holds."""
    with tempfile.TemporaryDirectory(prefix="indeks-") as tmp:
        env = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
        added = _git(c, f"--work-tree={folder}", "add", "--all", "--force", ".", env=env)
        if added.failed:
            raise Exit(f"git add w {folder}: {added.stderr.strip()} – nic nie zostało "
                       "opublikowane.")
        return _git(c, "write-tree", env=env).stdout.strip()


def _push_to_pages(c, output, remote, message):
    """ghp-import onto gh-pages (with .nojekyll) and push; returns the published commit."""
    from ghp_import import GhpError, ghp_import

    branch = CONFIG["github_pages_branch"]
    try:
        with contextlib.chdir(ROOT):
            ghp_import(output, mesg=message, remote=remote, branch=branch, push=True,
                       nojekyll=True)
    except GhpError as error:
        raise Exit(f"ghp-import: {error.message} – nic nie zostało opublikowane.") from None
    # git push failed; or git fast-import did (ghp-import 2.1.0 then raises TypeError)
    except (subprocess.CalledProcessError, TypeError) as error:
        raise Exit(f"Wysłanie gałęzi {branch} do {remote} nie powiodło się ({error}) – "
                   "nic nie zostało opublikowane.") from None
    return _confirm_published(c, remote, branch, message)


def _fetch_published_branch(c, remote, branch):
    """Start from what is published now, so the push is a fast-forward (also in CI's
    shallow clone, and when --remote is a URL or a path rather than a remote's name);
    False when nothing is published yet."""
    listed = _git(c, "ls-remote", "--exit-code", remote, f"refs/heads/{branch}")
    if listed.exited == 2:  # nothing published yet: ghp-import starts the branch
        return False
    if listed.failed:
        raise Exit(f"Nie można połączyć się z repozytorium „{remote}”: "
                   f"{listed.stderr.strip()} – nic nie zostało opublikowane.")
    refspecs = [f"+refs/heads/{branch}:refs/heads/{branch}"]
    if remote in _git(c, "remote").stdout.split():  # ghp-import rebases onto remote/branch
        refspecs.append(f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    fetched = _git(c, "fetch", "--quiet", remote, *refspecs)
    if fetched.failed:
        raise Exit(f"Nie udało się pobrać gałęzi {branch} z „{remote}”: "
                   f"{fetched.stderr.strip()} – nic nie zostało opublikowane.")
    return True


def _confirm_published(c, remote, branch, message):
    local = _git(c, "rev-parse", f"refs/heads/{branch}").stdout.strip()
    subject = _git(c, "log", "-1", "--format=%s", local).stdout.strip()
    published = _git(c, "ls-remote", remote, f"refs/heads/{branch}").stdout.split()
    if subject != message or not published or published[0] != local:
        raise Exit(f"Nie potwierdzono publikacji: gałąź {branch} w „{remote}” nie zawiera "
                   "nowego commita.")
    return local
