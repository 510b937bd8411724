"""What editors read: the list that stops a build, the warnings of a good build, and the
same lines as GitHub workflow commands, so GitHub shows each on its file and line.

Everything listed is an editorial.messages.Problem.
"""

import logging
import os
import sys

from editorial.messages import ERRORS, WARNINGS, count, in_github_actions, workflow_command

from . import sitemap

EDITORS_LOG = "site_checks.editors"  # plain lines on stderr, every build (no Pelican dedup)
GITHUB_LOG = "site_checks.github"  # workflow commands on stdout, only in GitHub Actions


class BuildStopped(SystemExit):
    """Ends the build with exit code 1 and the editor's list of problems, no traceback."""

    def __init__(self, problems):
        self.found = list(problems)  # the problems themselves (the preview's error page)
        self.problems = [str(p) for p in self.found]
        lines = "\n".join(f"  • {p}" for p in self.problems)
        super().__init__(
            f"Strona nie została zbudowana: {count(len(self.problems), ERRORS)} w treści. "
            f"Nic nie zostało zapisane ani opublikowane.\n{lines}"
        )


def start_build_logs():
    """Fresh handlers for this build (loggers outlive builds; tests and the preview swap
    sys.stdout and sys.stderr between builds)."""
    editors = logging.getLogger(EDITORS_LOG)
    github = logging.getLogger(GITHUB_LOG)
    for logger, stream, wanted in ((editors, sys.stderr, True),
                                   (github, sys.stdout, annotates_builds())):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.propagate = False  # not Pelican's console: one plain line per message
        if hasattr(logger, "disable_filter"):
            logger.disable_filter()  # Pelican shows a warning once a process; ours every build
        logger.setLevel(logging.INFO)
        if wanted:
            handler = logging.StreamHandler(stream)
            handler.setFormatter(logging.Formatter("%(message)s"))
            logger.addHandler(handler)


def annotates_builds():
    """Whether a build puts its problems and warnings on their files as workflow commands:
    in GitHub Actions, unless a step before already did (CONTENT_ANNOTATED=true on the
    publish step of .github/workflows/site.yml: its build is the second of the run)."""
    return in_github_actions() and os.environ.get("CONTENT_ANNOTATED") != "true"


def announce(kind, items, project_root):
    """Workflow commands for `items` ("error" or "warning"); logged only in GitHub Actions."""
    github = logging.getLogger(GITHUB_LOG)
    for item in items:
        github.info(workflow_command(kind, item, project_root))


def list_warnings(warnings, project_root):
    """A good build's warnings, every build, then the closing line that counts them."""
    editors = logging.getLogger(EDITORS_LOG)
    for warning in warnings:
        editors.warning("Ostrzeżenie: %s", warning)
    announce("warning", warnings, project_root)
    if warnings:
        editors.warning("Strona zbudowana: %s dla redakcji (lista wyżej) – strona działa, "
                        "ale popraw je przed publikacją.", count(len(warnings), WARNINGS))
    else:
        editors.info("Strona zbudowana: bez błędów i bez ostrzeżeń dla redakcji.")


def stop(problems, project_root):
    """End the build before anything is written (and before pelican-sitemap writes)."""
    sitemap.release()
    announce("error", problems, project_root)
    raise BuildStopped(problems)
