"""How a build stops for an editor: every problem listed in Polish, no traceback, nothing
written. Pelican's own errors (a bad Date:, a missing Title:) are recorded and reworded."""

import logging
import os
import sys

from .model import Problem


class BuildStopped(SystemExit):
    """Ends the build with exit code 1 and the editor's list of problems, no traceback."""

    def __init__(self, problems):
        self.problems = [str(p) for p in problems]
        lines = "\n".join(f"  • {p}" for p in self.problems)
        super().__init__(
            f"Strona nie została zbudowana: {_count_errors(len(self.problems))} w treści. "
            f"Nic nie zostało zapisane ani opublikowane.\n{lines}"
        )


def _count_errors(n):
    """Polish plural: 1 błąd, 2–4 błędy (but 12–14 błędów), 5+ błędów."""
    if n == 1:
        return "1 błąd"
    few = n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)
    return f"{n} {'błędy' if few else 'błędów'}"


class _ErrorRecorder(logging.Handler):
    """Remembers Pelican's own errors (e.g. a bad Date:) so they stop the build too."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(_explained(record))


_MISSING = {"title": "tytuł, np. Title: Spotkanie partnerstwa",
            "date": "data wpisu, np. Date: 2025-01-08 12:00"}


def _explained(record):
    """Pelican's own error, worded like ours for the editor where we know what it means."""
    if record.msg == "Skipping %s: could not find information about '%s'":
        content, prop = record.args
        return str(Problem(source_name(content), prop.capitalize(), "",
                           "to pole jest wymagane", _MISSING.get(prop, prop)))
    error = sys.exc_info()[1]  # Pelican logs "Could not process" without the reason
    if record.msg == "Could not process %s" and error is not None:
        return (f"{os.path.join('content', str(record.args[0]))}: Pelican nie mógł odczytać "
                f"pliku: {error}. Sprawdź nagłówek pliku, np. Date: RRRR-MM-DD GG:MM")
    return record.getMessage()


def _recorders():
    return [h for h in logging.getLogger("pelican").handlers if isinstance(h, _ErrorRecorder)]


def source_name(content):
    """The file as the editor knows it: content/wydarzenia/x.md."""
    return editor_path(content.settings["PATH"], content.relative_source_path)


def editor_path(content_path, relative_path):
    """content/<relative_path>, named after the content folder, as every message names files."""
    return os.path.join(os.path.basename(os.path.normpath(content_path)), relative_path)


def stop(problems):
    """End the build before anything is written. pelican-sitemap 1.2.2 waits for the build it
    saw start to finish; release it, or it skips sitemap.xml in every later build of this
    process (livereload, tests)."""
    sitemap = sys.modules.get("pelican.plugins.sitemap.sitemap")
    if sitemap is not None:
        sitemap.generator._main_pelican = None
        sitemap.generator.page_queue = []
    raise BuildStopped(problems)


def install_recorder():
    """A fresh recorder of Pelican's errors for this build (signals outlive builds)."""
    pelican_logger = logging.getLogger("pelican")
    for handler in _recorders():
        pelican_logger.removeHandler(handler)
    pelican_logger.addHandler(_ErrorRecorder())


def recorded_errors():
    return [message for recorder in _recorders() for message in recorder.messages]
