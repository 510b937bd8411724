"""The gh-pages branch, composed with git's own plumbing: what is published now, the new
tree (the site, with the pull-request previews under pr-preview/ kept; or one preview put in
or taken out), one commit on top of what is published, and a push that, when another run
pushed in between, starts again from that run's commit instead of losing its work."""

import contextlib
import os
import tempfile

from .errors import PublishError
from .git import git

PREVIEWS = "pr-preview"  # every pull request's preview: pr-preview/pr-N/
NOJEKYLL = ".nojekyll"  # GitHub Pages serves the files as they are (no Jekyll build)
ATTEMPTS = 4  # pushes tried when other runs keep pushing in between
# What git says when the remote branch moved since it was fetched (another run pushed).
_RACE = ("fetch first", "non-fast-forward", "stale info", "cannot lock ref",
         "failed to update ref", "incorrect old value")


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
    if remote in git(root, "remote").stdout.split():
        refspecs.append(f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    fetched = git(root, "fetch", "--quiet", remote, *refspecs)
    if fetched.returncode:
        raise PublishError(f"Nie udało się pobrać gałęzi {branch} z „{remote}”: "
                           f"{fetched.stderr.strip()} – nic nie zostało opublikowane.")
    return git(root, "rev-parse", f"refs/heads/{branch}").stdout.strip()


def tree_of_folder(root, folder):
    """The git tree of every file in `folder` (ignored ones too), its objects written into
    `root`'s repository."""
    with _index() as env:
        added = git(root, f"--work-tree={folder}", "add", "--all", "--force", ".", env=env)
        if added.returncode:
            raise PublishError(f"git add w {folder}: {added.stderr.strip()} – nic nie zostało "
                               "opublikowane.")
        return _write_tree(root, env)


def subtree(root, commit, path):
    """The tree at `path` in `commit`, or None when there is none."""
    if not commit:
        return None
    found = git(root, "rev-parse", "--verify", "--quiet", f"{commit}:{path}")
    return found.stdout.strip() if found.returncode == 0 else None


def tree_with(root, base, parts):
    """`base` (a tree, or None for an empty one) with each folder of `parts` ({path: tree
    or None}) replaced by that tree or removed, and a .nojekyll at the top."""
    with _index() as env:
        if base:
            _checked(git(root, "read-tree", base, env=env))
        for path, tree in parts.items():
            _checked(git(root, "rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", path,
                         env=env))
            if tree:
                _checked(git(root, "read-tree", f"--prefix={path}/", tree, env=env))
        empty = git(root, "hash-object", "-w", os.devnull).stdout.strip()
        _checked(git(root, "update-index", "--add", "--cacheinfo",
                     f"100644,{empty},{NOJEKYLL}", env=env))
        return _write_tree(root, env)


def site_tree(root, folder):
    """`folder` as the published branch's tree: the site with its .nojekyll."""
    with open(os.path.join(folder, NOJEKYLL), "w", encoding="utf-8"):
        pass
    return tree_of_folder(root, folder)


def publish_tree(root, remote, branch, message, compose, attempts=ATTEMPTS):
    """Commit compose(published commit or None) -> tree (None: nothing to do) on top of
    what `remote` publishes and push it; a push refused because another run pushed first
    starts again from that run's commit. Returns the new commit, or None when the tree is
    what is published."""
    for _ in range(attempts):
        parent = fetch_published(root, remote, branch)
        tree = compose(parent)
        if tree is None or (parent and tree == subtree(root, parent, "")):
            return None
        commit = _commit(root, tree, parent, message)
        pushed = git(root, "push", "--quiet", remote, f"{commit}:refs/heads/{branch}")
        if pushed.returncode == 0:
            git(root, "update-ref", f"refs/heads/{branch}", commit)
            return confirm_published(root, remote, branch, commit)
        if not any(words in pushed.stderr for words in _RACE):
            raise PublishError(f"Wysłanie gałęzi {branch} do {remote} nie powiodło się "
                               f"({pushed.stderr.strip()}) – nic nie zostało opublikowane.")
    raise PublishError(
        f"Wysłanie gałęzi {branch} do {remote} nie powiodło się {attempts} razy z rzędu, bo w "
        "tym samym czasie publikowały inne zadania (każda ich publikacja została zachowana). "
        "Nic nie zostało opublikowane – uruchom publikację ponownie za kilka minut.")


def confirm_published(root, remote, branch, commit):
    """`commit`, once `remote`'s `branch` holds it; PublishError if it does not."""
    published = git(root, "ls-remote", remote, f"refs/heads/{branch}").stdout.split()
    if not published or published[0] != commit:
        raise PublishError(f"Nie potwierdzono publikacji: gałąź {branch} w „{remote}” nie "
                           "zawiera nowego commita.")
    return commit


def _commit(root, tree, parent, message):
    made = git(root, "commit-tree", tree, *(["-p", parent] if parent else []), "-m", message)
    _checked(made)
    return made.stdout.strip()


@contextlib.contextmanager
def _index():
    """A throwaway git index (GIT_INDEX_FILE), so the project's own index is never touched."""
    with tempfile.TemporaryDirectory(prefix="indeks-") as tmp:
        yield {"GIT_INDEX_FILE": os.path.join(tmp, "index")}


def _write_tree(root, env):
    written = git(root, "write-tree", env=env)
    _checked(written)
    return written.stdout.strip()


def _checked(result):
    if result.returncode:
        raise PublishError(f"Przygotowanie gałęzi do publikacji nie powiodło się "
                           f"(git {' '.join(result.args[1:3])}: {result.stderr.strip()}) – "
                           "nic nie zostało opublikowane.")
    return result
