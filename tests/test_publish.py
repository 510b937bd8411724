"""`invoke publish` end to end: the real build, the gate and the commit onto gh-pages, into a
bare repository;
and its steps (publishing/publish.py, git.py, pages.py) called one by one.

Each end-to-end test runs the real command in a copy of the project (its own git repository),
so nothing in the working tree is written; a bare repository in tmp_path stands in for GitHub.
"""

import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import ROOT
from publishing.errors import PublishError
from publishing.git import source_commit, uncommitted
from publishing.pages import fetch_published, publish_folder
from publishing.publish import public_siteurl

INVOKE = Path(sys.executable).with_name("invoke")
SITEURL = "https://example.org/partnerstwo"
EVENT = "content/wydarzenia/reaktywacja-partnerstwa-lokalnego.md"
EVENT_ICS = ("wydarzenia/reaktywacja-partnerstwa-lokalnego/"
             "reaktywacja-partnerstwa-lokalnego.ics")
NOT_COPIED = shutil.ignore_patterns(".venv", "node_modules", "output", "cache", ".git",
                                    ".pytest_cache", ".hypothesis", "__pycache__", "benchmarks")


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True, encoding="utf-8").stdout.strip()


def commit_all(repo, message):
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", message, cwd=repo)
    return git("rev-parse", "--short", "HEAD", cwd=repo)


def copy_project(copy, admin=True):
    """The working tree as it is now (other engineers' files too), as a fresh repository;
    with `admin`, node_modules as `npm ci` leaves it (a link to this project's)."""
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    if admin:
        (copy / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    git("init", "-q", "-b", "main", cwd=copy)
    git("config", "user.name", "Redakcja", cwd=copy)
    git("config", "user.email", "redakcja@example.org", cwd=copy)
    commit_all(copy, "Treść strony")
    return copy


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "projekt")


@pytest.fixture
def remote(tmp_path):
    bare = tmp_path / "github.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    return bare


def publish(project, *args, siteurl_env=None, extra_env=None):
    """Run `invoke publish ...` in `project`, as an editor or CI would."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "GITHUB_ACTIONS")}
    if siteurl_env is not None:
        env["SITEURL"] = siteurl_env
    env.update(extra_env or {})
    result = subprocess.run([str(INVOKE), "publish", *args], cwd=project, env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            encoding="utf-8", timeout=600)
    result.output = result.stdout + result.stderr
    return result


def published(remote, what="%H"):
    """The gh-pages tip in the remote (None if nothing was ever published)."""
    found = subprocess.run(["git", "--git-dir", str(remote), "log", "-1", f"--format={what}",
                            "gh-pages", "--"], capture_output=True, text=True,
                           encoding="utf-8")
    return found.stdout.strip() if found.returncode == 0 else None


def published_files(remote):
    return git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages",
               cwd=remote).splitlines()


def test_publish_then_a_broken_event_publishes_nothing(project, remote):
    source = git("rev-parse", "--short", "HEAD", cwd=project)
    result = publish(project, "--remote", str(remote), "--siteurl", SITEURL)
    assert result.returncode == 0, result.output

    files = published_files(remote)
    for needed in ("index.html", ".nojekyll", "kalendarz.ics", EVENT_ICS, "sitemap.xml",
                   "feeds/wszystko.atom.xml", "404.html"):
        assert needed in files
    assert [f for f in files if f.endswith(".ics")] == ["kalendarz.ics", f"uk/{EVENT_ICS}", EVENT_ICS]
    assert published(remote, "%s") == f"Publikacja strony z commita {source}"
    sitemap = git("--git-dir", str(remote), "show", "gh-pages:sitemap.xml", cwd=remote)
    assert f"<loc>{SITEURL}/</loc>" in sitemap  # built with publishconf.py and this SITEURL
    assert not (project / "output").exists()  # a fresh temporary folder, never output/
    good = published(remote)

    event = project / EVENT
    text = event.read_text(encoding="utf-8")
    line = text[:text.index("Event-start: 2025-01-22 16:00")].count("\n") + 1
    event.write_text(text.replace("Event-start: 2025-01-22 16:00",
                                  "Event-start: 2025-02-30 16:00"), encoding="utf-8")
    commit_all(project, "Zły termin")
    result = publish(project, "--remote", str(remote), "--siteurl", SITEURL)

    assert result.returncode != 0
    assert (f"content/wydarzenia/reaktywacja-partnerstwa-lokalnego.md, wiersz {line}: pole "
            "Event-start: „2025-02-30 16:00” – nie ma takiego dnia w kalendarzu (2025-02-30)"
            ) in result.output
    assert "Strona nie została zbudowana" in result.output
    assert "Traceback" not in result.output
    assert published(remote) == good


def test_publish_from_a_fresh_clone_continues_the_published_history(project, remote, tmp_path):
    """CI checks out only main (shallow): publish must start from what is published."""
    assert publish(project, "--remote", str(remote), "--siteurl", SITEURL).returncode == 0
    first = published(remote)
    clone = tmp_path / "klon"
    git("clone", "-q", "--depth", "1", f"file://{project}", str(clone), cwd=tmp_path)
    git("remote", "set-url", "origin", str(remote), cwd=clone)
    for key, value in (("user.name", "CI"), ("user.email", "ci@example.org")):
        git("config", key, value, cwd=clone)
    page = clone / "content" / "pages" / "kontakt.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNowe zdanie.\n", encoding="utf-8")
    commit_all(clone, "Nowe zdanie")

    result = publish(clone, "--remote", "origin", siteurl_env=SITEURL)  # SITEURL from env

    assert result.returncode == 0, result.output
    assert published(remote, "%P") == first  # a fast-forward: history kept
    assert published(remote, "%s") == "Publikacja strony z commita " + git(
        "rev-parse", "--short", "HEAD", cwd=clone)


def test_publish_without_siteurl_refuses(project, remote):
    result = publish(project, "--remote", str(remote))
    assert result.returncode != 0
    assert "Nie podano publicznego adresu strony" in result.output
    assert "--siteurl" in result.output and "SITEURL" in result.output
    assert published(remote) is None


def test_a_broken_link_stops_publish_at_the_gate(project, remote):
    """The build succeeds, the checks on the built output do not: nothing is pushed."""
    page = project / "content" / "pages" / "o-partnerstwie.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Stara strona](../nie-ma-takiej/)\n",
                    encoding="utf-8")
    commit_all(project, "Zepsuty link")

    result = publish(project, "--remote", str(remote), "--siteurl", SITEURL)

    assert result.returncode != 0
    line = page.read_text(encoding="utf-8").splitlines().index(
        "[Stara strona](../nie-ma-takiej/)") + 1
    assert (f"  • niedziałający link: {SITEURL}/nie-ma-takiej/ (404, link z "
            f"{SITEURL}/o-partnerstwie/) – popraw go w pliku content/pages/o-partnerstwie.md, "
            f"wiersz {line}\n") in result.output
    assert "Kontrola zbudowanej strony wykryła problemy – nic nie zostało opublikowane" \
        in result.output
    assert "Traceback" not in result.output
    assert published(remote) is None


def test_uncommitted_content_is_named_in_the_commit_message(project, remote):
    """An editor publishing from a working copy: the message must not pretend otherwise."""
    source = git("rev-parse", "--short", "HEAD", cwd=project)
    (project / "content" / "aktualnosci").mkdir(exist_ok=True)
    (project / "content" / "aktualnosci" / "nowa.md").write_text(
        "Title: Nowa aktualność\nDate: 2025-01-09 10:00\n\nTreść.\n", encoding="utf-8")

    result = publish(project, "--remote", str(remote), "--siteurl", SITEURL)

    assert result.returncode == 0, result.output
    assert published(remote, "%s") == (f"Publikacja strony z commita {source} "
                                       "(z niezatwierdzonymi zmianami)")
    assert "aktualnosci/nowa/index.html" in published_files(remote)  # the file name is the address


def test_publishing_the_same_site_again_pushes_nothing(project, remote):
    """The hourly rebuild: nothing changed, so no new gh-pages commit, and it says so."""
    assert publish(project, "--remote", str(remote), "--siteurl", SITEURL).returncode == 0
    first = published(remote)
    commit_all_empty = git("commit", "-q", "--allow-empty", "-m", "Bez zmian w treści",
                           cwd=project)
    assert commit_all_empty == ""

    result = publish(project, "--remote", str(remote), "--siteurl", SITEURL)

    assert result.returncode == 0, result.output
    assert ("Nic nowego do opublikowania: zbudowana strona jest taka sama jak w gałęzi gh-pages "
            f"w {remote}, więc nic nie zostało wysłane.") in result.output
    assert published(remote) == first

    page = project / "content" / "pages" / "kontakt.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNowe zdanie.\n", encoding="utf-8")
    commit_all(project, "Nowe zdanie")
    assert publish(project, "--remote", str(remote), "--siteurl", SITEURL).returncode == 0
    assert published(remote, "%P") == first  # a change is published, on top of the last


def test_publish_lists_the_warnings_for_editors(project, remote):
    result = publish(project, "--remote", str(remote), "--siteurl", SITEURL)
    assert result.returncode == 0, result.output
    placeholders = [(path, number) for path in sorted((project / "content").rglob("*.md"))
                    for number, line in enumerate(path.read_text(encoding="utf-8")
                                                  .splitlines(), 1)
                    if "[DO UZUPEŁNIENIA" in line]
    for path, number in placeholders:
        assert (f"Ostrzeżenie: {path.relative_to(project)}, wiersz {number}: tekst do "
                "uzupełnienia przed publikacją: „[DO UZUPEŁNIENIA") in result.output
    warnings = result.output.count("Ostrzeżenie: ")
    assert warnings >= len(placeholders)
    assert f"Strona zbudowana: {warnings} " in result.output
    # Polish only: no Pelican closing line or log in English, no git progress
    for english in ("Done: Processed", "Feeds generated without SITEURL", "WARNING", "INFO",
                    "[new branch]", "gh-pages -> gh-pages"):
        assert english not in result.output
    assert all(line.startswith(("Ostrzeżenie: ", "Strona zbudowana: ", "Opublikowano "))
               for line in result.output.splitlines()), result.output


def test_publish_needs_only_the_site_requirements(project, remote, tmp_path):
    """No test tool is imported: an import of any package only requirements-test.txt adds
    fails in this run, and publishing still succeeds."""
    site = {_name(line) for line in (ROOT / "requirements.txt").read_text().splitlines()}
    test_only = {_name(line) for line in (ROOT / "requirements-test.txt").read_text()
                 .splitlines()} - site - {""}
    modules = sorted({module for module, dists in metadata.packages_distributions().items()
                      for dist in dists if _name(dist) in test_only})
    assert {"pytest", "bs4", "playwright"} <= set(modules)
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\n"
        f"BLOCKED = {modules!r}\n"
        "class Blocker:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in BLOCKED:\n"
        "            raise ImportError(f'{name}: only for tests')\n"
        "sys.meta_path.insert(0, Blocker())\n", encoding="utf-8")

    result = publish(project, "--remote", str(remote), "--siteurl", SITEURL,
                     extra_env={"PYTHONPATH": str(blocker)})

    assert result.returncode == 0, result.output
    assert published(remote) is not None


def _name(requirement):
    """The normalised distribution name of a requirements line (or "" for none)."""
    line = requirement.split("#")[0].strip()
    if not line or line.startswith("-"):
        return ""
    return re.split(r"[=<>!~\[; ]", line, 1)[0].lower().replace("_", "-")


# The steps, called directly (no build): each refusal is a PublishError in Polish

def test_the_public_address_is_given_or_taken_from_siteurl(monkeypatch):
    monkeypatch.delenv("SITEURL", raising=False)
    with pytest.raises(PublishError, match="^Nie podano publicznego adresu strony, więc nic "
                       "nie opublikowano. Podaj go: invoke publish --siteurl "):
        public_siteurl(None)
    with pytest.raises(PublishError) as refused:
        public_siteurl("example.org/partnerstwo")
    assert refused.value.message == ("Adres strony „example.org/partnerstwo” musi zaczynać się "
                                     "od https:// (lub http://).")
    assert refused.value.code == 1
    assert public_siteurl(f" {SITEURL}/ ") == SITEURL
    monkeypatch.setenv("SITEURL", f"{SITEURL}/")
    assert public_siteurl(None) == SITEURL


def test_publishing_needs_a_commit_to_name(tmp_path):
    git("init", "-q", cwd=tmp_path)
    with pytest.raises(PublishError, match=r"^Publikacja wymaga repozytorium git z co najmniej "
                       r"jednym commitem \(git rev-parse HEAD: .+\)\.$"):
        source_commit(tmp_path)


def test_uncommitted_changes_are_found_only_in_the_given_paths(project):
    assert not uncommitted(project, ["content", "theme"])
    (project / "notatka.txt").write_text("nie dla strony\n", encoding="utf-8")
    assert not uncommitted(project, ["content", "theme"])
    (project / "content" / "pages" / "nowa.md").write_text("Title: Nowa\n\nTreść.\n",
                                                           encoding="utf-8")
    assert uncommitted(project, ["content", "theme"])


def test_an_unreachable_remote_stops_before_the_push(project, tmp_path):
    missing = tmp_path / "nie-ma-takiego.git"
    with pytest.raises(PublishError) as refused:
        fetch_published(project, str(missing), "gh-pages")
    assert refused.value.message.startswith(
        f"Nie można połączyć się z repozytorium „{missing}”: ")
    assert refused.value.message.endswith(" – nic nie zostało opublikowane.")


def test_a_folder_is_pushed_once_and_then_is_what_is_published(project, remote, tmp_path):
    folder = tmp_path / "zbudowana"
    folder.mkdir()
    (folder / "index.html").write_text("<p>Strona</p>\n", encoding="utf-8")
    assert fetch_published(project, str(remote), "gh-pages") is None  # nothing yet

    sha = publish_folder(project, str(remote), "gh-pages", "Pierwsza publikacja", folder)

    assert published(remote) == sha
    assert sorted(published_files(remote)) == [".nojekyll", "index.html"]
    assert fetch_published(project, str(remote), "gh-pages") == sha
    assert publish_folder(project, str(remote), "gh-pages", "Bez zmian", folder) is None
    assert published(remote) == sha
    (folder / "nowa.html").write_text("<p>Nowa</p>\n", encoding="utf-8")
    again = publish_folder(project, str(remote), "gh-pages", "Druga", folder)
    assert published(remote, "%P") == sha and published(remote) == again


def test_a_site_without_the_admin_is_not_published(tmp_path, remote):
    """No `npm ci` (no node_modules): the build still works, the publish refuses."""
    project = copy_project(tmp_path / "bez-panelu", admin=False)
    for args in ((), ("--preview", "7")):
        result = publish(project, "--remote", str(remote), "--siteurl", SITEURL, *args)
        assert result.returncode != 0, result.output
        assert ("  • brak panelu redakcji /admin/: strona zbudowała się bez pakietu npm "
                "decap-cms. Uruchom w katalogu projektu `npm ci` (potrzebny Node.js 20 lub "
                "nowszy) i opublikuj ponownie\n") in result.output
        assert "Traceback" not in result.output
    assert published(remote) is None
