"""`invoke publish`: build into a fresh folder, pass the gate, then push to gh-pages, or
publish nothing and say why."""

import os
import tempfile

from editorial.messages import in_github_actions, notice, workflow_command

from .build import build_for_publishing, run_pelican
from .errors import PublishError
from .gate import check_built_site
from .git import source_commit, uncommitted
from .pages import fetch_published_branch, push_to_pages, unchanged


def publish_site(root, remote, siteurl, *, settings_file, content_path, sources, branch,
                 commit_message, pelican=run_pelican):
    """Publish the site in `root` to `branch` of `remote`; returns the sentence that says what
    was done. Raises PublishError, with nothing published, at the first thing that stops it.

    `sources` are the paths whose uncommitted changes the commit message names;
    `commit_message` has a {commit} slot; `pelican` runs Pelican's command line."""
    siteurl = public_siteurl(siteurl)
    message = commit_message.format(commit=source_commit(root))
    if uncommitted(root, sources):
        message += " (z niezatwierdzonymi zmianami)"
    with tempfile.TemporaryDirectory(prefix="publikacja-strony-") as tmp:
        output = os.path.join(tmp, "output")
        build_for_publishing(output, siteurl, os.path.join(tmp, "cache"), settings_file,
                             pelican)
        check_before_publishing(output, siteurl, content_path, settings_file, root)
        if fetch_published_branch(root, remote, branch) and unchanged(root, output, branch):
            return (f"Nic nowego do opublikowania: zbudowana strona jest taka sama jak w "
                    f"gałęzi {branch} w {remote}, więc nic nie zostało wysłane.")
        sha = push_to_pages(root, output, remote, branch, message)
    return f"Opublikowano {siteurl}/ – gałąź {branch} w {remote}, commit {sha[:7]}: {message}"


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
