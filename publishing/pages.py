"""The gh-pages branch: what is published now, whether a built folder differs from it, and
the push of that folder onto it with ghp-import."""

import contextlib
import os
import subprocess
import tempfile

from ghp_import import GhpError, ghp_import

from .errors import PublishError
from .git import git


def fetch_published_branch(root, remote, branch):
    """Start from what is published now, so the push is a fast-forward (also in CI's
    shallow clone, and when `remote` is a URL or a path rather than a remote's name);
    False when nothing is published yet."""
    listed = git(root, "ls-remote", "--exit-code", remote, f"refs/heads/{branch}")
    if listed.returncode == 2:  # nothing published yet: ghp-import starts the branch
        return False
    if listed.returncode:
        raise PublishError(f"Nie można połączyć się z repozytorium „{remote}”: "
                           f"{listed.stderr.strip()} – nic nie zostało opublikowane.")
    refspecs = [f"+refs/heads/{branch}:refs/heads/{branch}"]
    if remote in git(root, "remote").stdout.split():  # ghp-import rebases onto remote/branch
        refspecs.append(f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    fetched = git(root, "fetch", "--quiet", remote, *refspecs)
    if fetched.returncode:
        raise PublishError(f"Nie udało się pobrać gałęzi {branch} z „{remote}”: "
                           f"{fetched.stderr.strip()} – nic nie zostało opublikowane.")
    return True


def unchanged(root, output, branch):
    """Whether `output` is exactly what the (fetched) published branch holds."""
    published = git(root, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{tree}}")
    return published.returncode == 0 and tree_of_folder(root, output) == published.stdout.strip()


def tree_of_folder(root, folder):
    """The git tree of `folder` as ghp-import would commit it (a throwaway index, every file,
    ignored ones too), to compare with what gh-pages holds."""
    with tempfile.TemporaryDirectory(prefix="indeks-") as tmp:
        env = {"GIT_INDEX_FILE": os.path.join(tmp, "index")}
        added = git(root, f"--work-tree={folder}", "add", "--all", "--force", ".", env=env)
        if added.returncode:
            raise PublishError(f"git add w {folder}: {added.stderr.strip()} – nic nie zostało "
                               "opublikowane.")
        return git(root, "write-tree", env=env).stdout.strip()


def push_to_pages(root, output, remote, branch, message):
    """ghp-import onto `branch` (with .nojekyll), then a quiet push (git's English progress
    is not for editors; its reason for a failure is quoted); returns the published commit."""
    try:
        with contextlib.chdir(root):
            ghp_import(output, mesg=message, remote=remote, branch=branch, push=False,
                       nojekyll=True)
    except GhpError as error:
        raise PublishError(f"ghp-import: {error.message} – nic nie zostało opublikowane.") \
            from None
    # git fast-import failed (ghp-import 2.1.0 then raises TypeError)
    except (subprocess.CalledProcessError, TypeError) as error:
        raise PublishError(f"Przygotowanie gałęzi {branch} nie powiodło się ({error}) – nic "
                           "nie zostało opublikowane.") from None
    pushed = git(root, "push", "--quiet", remote, f"refs/heads/{branch}:refs/heads/{branch}")
    if pushed.returncode:
        raise PublishError(f"Wysłanie gałęzi {branch} do {remote} nie powiodło się "
                           f"({pushed.stderr.strip()}) – nic nie zostało opublikowane.")
    return confirm_published(root, remote, branch, message)


def confirm_published(root, remote, branch, message):
    """The new commit of `branch`, once `remote` holds it; PublishError if it does not."""
    local = git(root, "rev-parse", f"refs/heads/{branch}").stdout.strip()
    subject = git(root, "log", "-1", "--format=%s", local).stdout.strip()
    published = git(root, "ls-remote", remote, f"refs/heads/{branch}").stdout.split()
    if subject != message or not published or published[0] != local:
        raise PublishError(f"Nie potwierdzono publikacji: gałąź {branch} w „{remote}” nie "
                           "zawiera nowego commita.")
    return local
