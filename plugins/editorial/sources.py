"""How messages name an editor's file and where a field stands in its header; which
content Pelican read.

The header is read the way Python-Markdown's meta extension reads it (the same two
patterns), so a line number always points at the line Pelican took the value from.
"""

import os
import re
from dataclasses import dataclass

from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator

# Python-Markdown's meta extension: a field, and a field's further value (4+ spaces)
FIELD_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")


def editor_path(content_path, relative_path):
    """content/<relative_path>, named after the content folder, as every message names files."""
    return os.path.join(os.path.basename(os.path.normpath(content_path)), relative_path)


def source_name(content):
    """The file as the editor knows it: content/wydarzenia/x.md."""
    return editor_path(content.settings["PATH"], content.relative_source_path)


@dataclass(frozen=True)
class HeaderLine:
    number: int  # 1-based, as text editors count
    text: str


def split_lines(text):
    """An editor's text in lines, split where Pelican and Markdown split it: at LF, CR LF and
    CR only. str.splitlines() also ends a line at VT, FF, U+001C–U+001E, NEL and U+2028/2029:
    those are characters inside a line that the file rules must see (and every later line
    number would be one too high)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def text_lines(path):
    """A text file's lines without their ends ([] for a file that is not UTF-8 text: the
    reader names that mistake)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return split_lines(f.read())
    except (OSError, UnicodeDecodeError):
        return []


def header_block(lines):
    """The lines before the first blank line of a Markdown file: what editors see as the
    header."""
    block = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            break
        block.append(HeaderLine(number, line))
    return block


def header_fields(lines):
    """[(line, key in lower case, value)] for every line Markdown reads as metadata."""
    found, key = [], None
    for line in header_block(lines):
        field, more = FIELD_RE.match(line.text), MORE_RE.match(line.text)
        if field:
            key = field["key"].lower()
            found.append((line.number, key, field["value"].strip()))
        elif more and key:
            found.append((line.number, key, more["value"].strip()))
        else:
            break  # Markdown's header ends here
    return found


def field_line(path, field, value=""):
    """The line of `field` in the file's header: the line holding `value` where the field
    has several, else its first line; None if the file does not have the field."""
    lines = [(number, text) for number, key, text in header_fields(markdown_lines(path))
             if key == field.lower()]
    value = (value or "").strip()
    exact = [number for number, text in lines if value and text == value]
    within = [number for number, text in lines if value and text and text in value]
    return next(iter(exact + within + [number for number, _ in lines]), None)


def markdown_lines(path):
    """A Markdown file's lines (other formats have no such header: none)."""
    return text_lines(path) if str(path).endswith(".md") else []


def lines_containing(path, text):
    """[(line number, line)] of every line of a text file that contains `text`."""
    try:
        with open(path, encoding="utf-8") as f:
            return [(number, line.rstrip("\r\n")) for number, line in enumerate(f, 1)
                    if text in line]
    except (OSError, UnicodeDecodeError):
        return []


def is_event_file(content, events_dir):
    """Whether an editor's file is an event: an article in the events folder (EVENTS_DIR),
    whatever its header says (a missing Event-start is then the editor's mistake)."""
    return (isinstance(content, Article) and content.relative_source_path is not None
            and content.relative_source_path.split(os.sep)[0] == events_dir)


def all_content(generators):
    """Every article and page Pelican read, drafts and hidden ones too."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield from generator.articles + generator.translations + generator.drafts
            yield from generator.drafts_translations + generator.hidden_articles
            yield from generator.hidden_translations
        elif isinstance(generator, PagesGenerator):
            yield from generator.pages + generator.hidden_pages + generator.draft_pages
            yield from generator.translations + generator.hidden_translations
            yield from generator.draft_translations
