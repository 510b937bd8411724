"""`invoke publish`: build into a fresh folder, pass the gate, then commit it onto gh-pages
(keeping the pull-request previews) and push, or publish nothing and say why. With a
pull request's number: its preview under pr-preview/pr-N/; `invoke unpublish-preview`
takes one out again."""

import os
import re
import tempfile

from editorial.messages import in_github_actions, notice, workflow_command

from .build import build_for_publishing, run_pelican
from .errors import PublishError
from .gate import check_built_site
from .git import source_commit, uncommitted
from .pages import preview_path, publish_folder
from .pr_preview import mark_preview, preview_siteurl

PREVIEW_MESSAGE = "Podgląd zmian nr {number} z commita {commit}"
REMOVAL_MESSAGE = "Usunięcie podglądu zmian nr {number}"


def publish_site(root, remote, siteurl, *, settings_file, content_path, sources, branch,
                 commit_message, pelican=run_pelican, preview=None):
    """Publish the site in `root` to `branch` of `remote`; returns the sentence that says what
    was done. Raises PublishError, with nothing published, at the first thing that stops it.

    `sources` are the paths whose uncommitted changes the commit message names;
    `commit_message` has a {commit} slot; `pelican` runs Pelican's command line; `preview`,
    a pull request's number, publishes its preview under pr-preview/pr-N/ instead."""
    number = preview_number(preview)
    siteurl = published_address(siteurl, number)
    if number:
        commit_message = PREVIEW_MESSAGE.replace("{number}", number)
    message = commit_message.format(commit=source_commit(root))
    if uncommitted(root, sources):
        message += " (z niezatwierdzonymi zmianami)"
    with tempfile.TemporaryDirectory(prefix="publikacja-strony-") as tmp:
        output = os.path.join(tmp, "output")
        build_for_publishing(output, siteurl, os.path.join(tmp, "cache"), settings_file,
                             pelican)
        if number:
            mark_preview(output, siteurl, number)
        check_before_publishing(output, siteurl, content_path, settings_file, root)
        sha = publish_folder(root, remote, branch, message, output,
                             into=preview_path(number) if number else None)
    if sha is None:
        return (f"Nic nowego do opublikowania: zbudowana strona jest taka sama jak w "
                f"gałęzi {branch} w {remote}, więc nic nie zostało wysłane.")
    what = "Opublikowano podgląd zmian" if number else "Opublikowano"
    return f"{what} {siteurl}/ – gałąź {branch} w {remote}, commit {sha[:7]}: {message}"


def unpublish_preview(root, remote, number, *, branch):
    """Take pull request `number`'s preview out of `branch` (it was closed); returns what
    was done. Nothing else published changes."""
    number = preview_number(number)
    if number is None:
        raise PublishError("Podaj numer propozycji zmian (pull request), której podgląd "
                           "usunąć, np. invoke unpublish-preview 7.")
    path = preview_path(number)
    with tempfile.TemporaryDirectory(prefix="bez-podgladu-") as empty:
        sha = publish_folder(root, remote, branch, REMOVAL_MESSAGE.format(number=number),
                             empty, into=path)
    if sha is None:
        return (f"Podglądu zmian nr {number} nie ma w gałęzi {branch} w {remote} – nic do "
                "usunięcia.")
    return (f"Usunięto podgląd zmian nr {number} ({path}/) – gałąź {branch} w {remote}, "
            f"commit {sha[:7]}.")


def published_address(siteurl, preview=None):
    """Where the site (or pull request `preview`'s preview) is published, without a
    trailing slash."""
    number = preview_number(preview)
    siteurl = public_siteurl(siteurl)
    return preview_siteurl(siteurl, number) if number else siteurl


def preview_number(value):
    """A pull request's number as text, or None for the site itself."""
    if value in (None, "", False):
        return None
    if not re.fullmatch(r"[1-9][0-9]{0,8}", str(value)):
        raise PublishError(f"Numer propozycji zmian (pull request) „{value}” musi być liczbą "
                           "całkowitą większą od zera – nic nie zostało opublikowane.")
    return str(value)


def public_siteurl(siteurl):
    """The public address, given or from the SITEURL variable, without a trailing slash."""
    siteurl = (siteurl or os.environ.get("SITEURL") or "").strip().rstrip("/")
    if not siteurl:
        raise PublishError("Nie podano publicznego adresu strony, więc nic nie opublikowano. "
                           "Podaj go: invoke publish --siteurl https://example.org/partnerstwo "
                           "albo w zmiennej środowiskowej SITEURL (w GitHub Actions: zmienna "
                           "repozytorium SITEURL).")
    if not siteurl.startswith(("https://", "http://")):
        raise PublishError(f"Adres strony „{siteurl}” musi zaczynać się od https:// "
                           "(lub http://).")
    return siteurl


def check_before_publishing(output, siteurl, content_path, settings_file, root):
    """The gate (publishing/gate.py) run on this very folder: every problem listed in the
    PublishError, and in GitHub Actions also printed as a workflow command."""
    problems = check_built_site(output, siteurl, content_path, settings_file)
    if not problems:
        return
    if in_github_actions():
        for problem in problems:
            print(workflow_command("error", notice(problem, field="Kontrola przed publikacją"),
                                   root))
    listed = "\n".join(f"  • {problem}" for problem in problems)
    raise PublishError(f"Kontrola zbudowanej strony wykryła problemy – nic nie zostało "
                       f"opublikowane:\n{listed}")
