"""git run in the project's folder: its output captured, a failure returned rather than raised."""

import os
import subprocess

from .errors import PublishError


def git(folder, *args, env=None):
    """`git ARGS` in `folder` as a CompletedProcess (returncode 0: success); `env` adds
    variables to this process's environment."""
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                              encoding="utf-8", errors="replace",
                              env={**os.environ, **(env or {})})
    except OSError as error:  # no git at all: a failure like any other, with the reason
        return subprocess.CompletedProcess(["git", *args], 127, "", str(error))


def source_commit(folder):
    """The short hash of HEAD: the commit the published site is built from."""
    result = git(folder, "rev-parse", "--short", "HEAD")
    if result.returncode:
        raise PublishError("Publikacja wymaga repozytorium git z co najmniej jednym commitem "
                           f"(git rev-parse HEAD: {result.stderr.strip()}).")
    return result.stdout.strip()


def uncommitted(folder, paths):
    """Whether any of `paths` (relative to `folder`) has changes not yet committed."""
    return bool(git(folder, "status", "--porcelain", "--", *paths).stdout.strip())
