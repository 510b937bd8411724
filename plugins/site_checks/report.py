"""What editors read: the list that stops a build, the warnings of a good build, and the
same lines as GitHub workflow commands, so GitHub shows each on its file and line.

Everything listed has `source` (or None), `line` (or None), `field` and `message`: a
Problem from the Event model, or a Notice for what is not one field's value.
"""

import logging
import os
import sys
from dataclasses import dataclass

from . import sitemap

EDITORS_LOG = "site_checks.editors"  # plain lines on stderr, every build (no Pelican dedup)
GITHUB_LOG = "site_checks.github"  # workflow commands on stdout, only in GitHub Actions


@dataclass(frozen=True)
class Notice:
    """A message about a place in a file that is not one field's wrong value."""

    text: str
    source: str | None = None
    line: int | None = None
    field: str = ""  # what it is about: GitHub's title for it

    @property
    def place(self):
        if not self.source:
            return ""
        return f"{self.source}, wiersz {self.line}" if self.line else self.source

    @property
    def message(self):
        return self.text

    def __str__(self):
        return f"{self.place}: {self.text}" if self.place else self.text


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


ERRORS = ("błąd", "błędy", "błędów")
WARNINGS = ("ostrzeżenie", "ostrzeżenia", "ostrzeżeń")


def count(n, forms):
    """Polish plural: 1 błąd, 2–4 błędy (but 12–14 błędów), 5+ błędów; 0 błędów."""
    one, few, many = forms
    if n == 1:
        return f"1 {one}"
    return f"{n} {few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many}"


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


def in_github_actions():
    return os.environ.get("GITHUB_ACTIONS") == "true"


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


def workflow_command(kind, item, project_root):
    """::error file=…,line=…,title=…::message — file relative to the repository root."""
    properties = []
    if item.source:
        path = os.path.join(project_root, item.source)
        repository = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        properties.append(("file", os.path.relpath(path, repository)))
        if item.line:
            properties.append(("line", str(item.line)))
    if item.field:
        properties.append(("title", item.field))
    listed = ",".join(f"{key}={_escape(value, property=True)}" for key, value in properties)
    return f"::{kind} {listed}::{_escape(item.message)}" if listed else \
        f"::{kind}::{_escape(item.message)}"


def _escape(text, property=False):
    """GitHub's escaping of workflow command data (and, in properties, ':' and ',')."""
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


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
