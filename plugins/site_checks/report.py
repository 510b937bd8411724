"""What editors read: the list that stops a build, the warnings of a good build, and the
same lines as GitHub workflow commands, so GitHub shows each on its file and line.

Everything listed is an editorial.messages.Problem.
"""

import json
import logging
import os
import sys

from editorial.messages import ERRORS, WARNINGS, count, in_github_actions, workflow_command

from . import sitemap

# The files whose warnings come first: paths from the project root, one a line (the workflow
# fills it from `git diff --name-only`), or the setting of the same name (the live preview's
# files saved since it started). Unset: every warning is listed.
CHANGED_FILES = "EDITOR_CHANGED_FILES"
# A good build's warnings and which source each page is built from, for the live preview's
# banner: in the cache folder, never in the output (nothing of it can be published).
RECORD_FILE = "ostrzezenia-redakcji.json"
ALL_WARNINGS_COMMAND = "invoke warnings"
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


def changed_files(settings):
    """The files changed in this run (paths from the project root), or None when unknown."""
    given = settings.get(CHANGED_FILES)
    if given is None:
        given = os.environ.get(CHANGED_FILES)
    if given is None:
        return None
    if isinstance(given, str):
        given = given.splitlines()
    return {os.path.normpath(path.strip()) for path in given if path.strip()}


def changed_first(warnings, changed):
    """(warnings of changed files, the standing ones); with no knowledge of changes every
    warning is a changed file's."""
    if changed is None:
        return list(warnings), []
    first = [w for w in warnings if w.source and os.path.normpath(w.source) in changed]
    return first, [w for w in warnings if w not in first]


def list_warnings(warnings, project_root, changed=None):
    """A good build's warnings, every build, then the closing line that counts them: the
    changed files' warnings one by one, the standing ones folded into one line (`changed`:
    see changed_files). GitHub gets every one, the changed files' first (it shows only ten
    annotations a step)."""
    editors = logging.getLogger(EDITORS_LOG)
    first, standing = changed_first(warnings, changed)
    for warning in first:
        editors.warning("Ostrzeżenie: %s", warning)
    announce("warning", first + standing, project_root)
    if standing:
        editors.warning(standing_line(len(standing)))
    if not warnings:
        editors.info("Strona zbudowana: bez błędów i bez ostrzeżeń dla redakcji.")
    elif standing:
        editors.warning("Strona zbudowana: %s dla redakcji – strona działa, ale popraw je "
                        "przed publikacją.", count(len(warnings), WARNINGS))
    else:
        editors.warning("Strona zbudowana: %s dla redakcji (lista wyżej) – strona działa, "
                        "ale popraw je przed publikacją.", count(len(warnings), WARNINGS))


def standing_line(n):
    """The one line for the warnings of files not changed."""
    return (f"Ostrzeżenia w plikach, których nie zmieniono: {n} – pełna lista: "
            f"{ALL_WARNINGS_COMMAND}")


def record_warnings(cache_path, warnings, pages):
    """The warnings and {page written (save_as): its source file} for the live preview."""
    os.makedirs(cache_path, exist_ok=True)
    record = {"warnings": [{"source": w.source, "line": w.line, "message": w.message}
                           for w in warnings], "pages": pages}
    path = os.path.join(cache_path, RECORD_FILE)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(record, f, ensure_ascii=False)
    os.replace(path + ".tmp", path)  # the preview never reads half a file


def forget_warnings(cache_path):
    """A build that has just started has no warnings to show yet."""
    path = os.path.join(cache_path, RECORD_FILE)
    if os.path.isfile(path):
        os.remove(path)


def recorded_warnings(cache_path):
    """What the last good build recorded: ({source: [(line, message)]}, {save_as: source})."""
    try:
        with open(os.path.join(cache_path, RECORD_FILE), encoding="utf-8") as f:
            record = json.load(f)
    except (OSError, ValueError):
        return {}, {}
    by_source = {}
    for warning in record.get("warnings", []):
        by_source.setdefault(warning["source"], []).append((warning["line"], warning["message"]))
    return by_source, record.get("pages", {})


def stop(problems, project_root):
    """End the build before anything is written (and before pelican-sitemap writes)."""
    sitemap.release()
    announce("error", problems, project_root)
    raise BuildStopped(problems)
