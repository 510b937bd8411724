"""Editor messages: one type for everything an editor must fix or know, and the ways it is
worded (Polish plurals, GitHub's workflow commands). Imports no plugin."""

import os
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    """One finding in one file: a field's wrong value (`value` is a string, "" when the
    field is empty) or a finding about a place that is not one value (`value` None: the
    reason is the whole message)."""

    source: str | None
    field: str
    value: str | None
    reason: str
    expected: str = ""
    line: int | None = None  # the field's line in the file, added where the file is known
    severity: str = ERROR

    @property
    def place(self):
        if not self.source:
            return ""
        return f"{self.source}, wiersz {self.line}" if self.line else self.source

    @property
    def message(self):
        if self.value is None:
            return self.reason
        value = f"„{self.value}”" if self.value else "(brak)"
        return f"pole {self.field}: {value} – {self.reason}. Oczekiwano: {self.expected}."

    def __str__(self):
        return f"{self.place}: {self.message}" if self.place else self.message


def notice(text, source=None, line=None, field="", severity=ERROR):
    """A finding about a place in a file that is not one field's wrong value."""
    return Problem(source, field, None, text, "", line, severity)


class InvalidContent(ValueError):
    """Raised with every problem found in one file."""

    def __init__(self, problems):
        super().__init__("\n".join(map(str, problems)))
        self.problems = list(problems)


ERRORS = ("błąd", "błędy", "błędów")
WARNINGS = ("ostrzeżenie", "ostrzeżenia", "ostrzeżeń")


def count(n, forms):
    """Polish plural: 1 błąd, 2–4 błędy (but 12–14 błędów), 5+ błędów; 0 błędów."""
    one, few, many = forms
    if n == 1:
        return f"1 {one}"
    return f"{n} {few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many}"


def in_github_actions():
    return os.environ.get("GITHUB_ACTIONS") == "true"


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
