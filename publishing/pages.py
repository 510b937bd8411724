"""The gh-pages branch: what is published now, one ghp-import commit on top of it (the site,
with the pull-request previews under pr-preview/ kept; or one preview put in or taken out
through ghp-import's prefix), and a push that, when another run pushed in between, starts
again from that run's commit instead of losing its work."""

import contextlib
import os
import shutil
import subprocess
import tempfile

from ghp_import import GhpError, ghp_import

from .errors import PublishError
from .git import git

PREVIEWS = "pr-preview"  # every pull request's preview: pr-preview/pr-N/
ATTEMPTS = 4  # pushes tried when other runs keep pushing in between
# What git says when the remote branch moved since it was fetched (another run pushed).
_RACE = ("fetch first", "non-fast-forward", "stale info", "cannot lock ref",
         "failed to update ref", "incorrect old value")


def is_named(root, remote):
    """Whether `remote` is one of the clone's remotes (CI's origin), not a URL or a path."""
    return remote in git(root, "remote").stdout.split()


def preview_path(number):
    return f"{PREVIEWS}/pr-{number}"


def fetch_published(root, remote, branch):
    """The commit `branch` of `remote` holds now, fetched into `root` (None: nothing is
    published yet). Also in CI's shallow clone, and with `remote` a URL or a path."""
    listed = git(root, "ls-remote", "--exit-code", remote, f"refs/heads/{branch}")
    if listed.returncode == 2:
        return None
    if listed.returncode:
        raise PublishError(f"Nie można połączyć się z repozytorium „{remote}”: "
                           f"{listed.stderr.strip()} – nic nie zostało opublikowane.")
    refspecs = [f"+refs/heads/{branch}:refs/heads/{branch}"]
    if is_named(root, remote):
        refspecs.append(f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    fetched = git(root, "fetch", "--quiet", remote, *refspecs)
    if fetched.returncode:
        raise PublishError(f"Nie udało się pobrać gałęzi {branch} z „{remote}”: "
                           f"{fetched.stderr.strip()} – nic nie zostało opublikowane.")
    return git(root, "rev-parse", f"refs/heads/{branch}").stdout.strip()


def subtree(root, commit, path):
    """The tree at `path` in `commit`, or None when there is none."""
    if not commit:
        return None
    found = git(root, "rev-parse", "--verify", "--quiet", f"{commit}:{path}")
    return found.stdout.strip() if found.returncode == 0 else None


def publish_folder(root, remote, branch, message, folder, *, into=None, attempts=ATTEMPTS):
    """ghp-import `folder` on top of what `remote`'s `branch` publishes, and push it.

    `into` None: `folder` is the whole site; the pull-request previews published now are
    copied into it first, so they stay. `into` a path (pr-preview/pr-N): only that folder of
    the branch is replaced by `folder` (an empty `folder` takes it out).
    A push refused because another run pushed first starts again from that run's commit.
    Returns the new commit, or None when the branch would not change."""
    for _ in range(attempts):
        parent = fetch_published(root, remote, branch)
        if parent is None and into and not os.listdir(folder):
            return None  # nothing published: nothing to take out
        _start_from(root, remote, branch, parent, message, into)
        if into is None:
            keep_previews(root, parent, folder)
        commit = _ghp_import(root, folder, remote, branch, message, into)
        if parent and subtree(root, commit, "") == subtree(root, parent, ""):
            git(root, "update-ref", f"refs/heads/{branch}", parent)
            return None
        pushed = git(root, "push", "--quiet", remote, f"{commit}:refs/heads/{branch}")
        if pushed.returncode == 0:
            return confirm_published(root, remote, branch, commit)
        if not any(words in pushed.stderr for words in _RACE):
            raise PublishError(f"Wysłanie gałęzi {branch} do {remote} nie powiodło się "
                               f"({pushed.stderr.strip()}) – nic nie zostało opublikowane.")
    raise PublishError(
        f"Wysłanie gałęzi {branch} do {remote} nie powiodło się {attempts} razy z rzędu, bo w "
        "tym samym czasie publikowały inne zadania (każda ich publikacja została zachowana). "
        "Nic nie zostało opublikowane – uruchom publikację ponownie za kilka minut.")


def keep_previews(root, published, folder):
    """`folder` with pr-preview/ exactly as `published` has it (none if it has none): ghp-import
    replaces the whole branch with what the folder holds."""
    shutil.rmtree(os.path.join(folder, PREVIEWS), ignore_errors=True)
    if subtree(root, published, PREVIEWS):
        with _index() as env:  # the bytes as published, whatever the clone's line-end rules
            copied = git(root, "-c", "core.autocrlf=false", "-c", "core.eol=lf",
                         f"--work-tree={folder}", "checkout", published, "--", PREVIEWS,
                         env=env)
        if copied.returncode:
            raise PublishError(f"Przygotowanie gałęzi do publikacji nie powiodło się (git "
                               f"checkout {PREVIEWS}: {copied.stderr.strip()}) – nic nie "
                               "zostało opublikowane.")


def _ghp_import(root, folder, remote, branch, message, into):
    """One ghp-import commit of `folder` on the local `branch` (a .nojekyll at the top when it
    is the whole site); returns the commit."""
    try:
        with contextlib.chdir(root):
            ghp_import(folder, mesg=message, remote=remote, branch=branch, push=False,
                       prefix=into, nojekyll=into is None)
    except GhpError as error:
        raise PublishError(f"ghp-import: {error.message} – nic nie zostało opublikowane.") \
            from None
    # git fast-import failed (ghp-import 2.1.0 then raises TypeError)
    except (subprocess.CalledProcessError, TypeError) as error:
        raise PublishError(f"Przygotowanie gałęzi {branch} nie powiodło się ({error}) – nic "
                           "nie zostało opublikowane.") from None
    return git(root, "rev-parse", f"refs/heads/{branch}").stdout.strip()


def _start_from(root, remote, branch, parent, message, into):
    """ghp-import commits on remote/branch when that ref exists, else on the local branch:
    both set to `parent`, what was just fetched. Nothing published: both go (an earlier
    publish elsewhere is not what the new branch grows from), and a preview as the first
    commit gets a branch that starts with its .nojekyll at the top."""
    refs = [f"refs/heads/{branch}"]
    if is_named(root, remote):
        refs.append(f"refs/remotes/{remote}/{branch}")
    for ref in refs:
        git(root, "update-ref", *((ref, parent) if parent else ("-d", ref)))
    if parent is None and into:
        with tempfile.TemporaryDirectory(prefix="pusta-") as empty:
            _ghp_import(root, empty, remote, branch, message, None)


def confirm_published(root, remote, branch, commit):
    """`commit`, once `remote`'s `branch` holds it (or a later commit of another run built on
    it); PublishError if it does not."""
    listed = git(root, "ls-remote", remote, f"refs/heads/{branch}").stdout.split()
    tip = listed[0] if listed else None
    if tip and tip != commit:  # another run already pushed on top of it?
        git(root, "fetch", "--quiet", remote, f"refs/heads/{branch}")
    if not tip or git(root, "merge-base", "--is-ancestor", commit, tip).returncode:
        raise PublishError(f"Nie potwierdzono publikacji: gałąź {branch} w „{remote}” nie "
                           "zawiera nowego commita.")
    return commit


@contextlib.contextmanager
def _index():
    """A throwaway git index (GIT_INDEX_FILE), so the project's own index is never touched."""
    with tempfile.TemporaryDirectory(prefix="indeks-") as tmp:
        yield {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
