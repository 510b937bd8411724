"""File rules plugin: editors' Markdown files are read only when they hold what a file may
hold (rules.py); otherwise the reader refuses the file with every problem, which the site
checks list (file, line, field) before anything is written. Titles and summaries are read
as the text the editor typed: markup in them is shown, never run as HTML.

Signal: readers_init (the Markdown reader replaced by EditorsMarkdownReader).
"""

import html
import os

from pelican import signals
from markdown import Markdown
from pelican.readers import MarkdownReader

from editorial.messages import InvalidContent
from editorial.sources import editor_path

from .rules import file_problems

TEXT_KEYS = ("title", "summary")  # keys whose value residents read as typed


class EditorsMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader behind the file rules."""

    def read(self, source_path):
        """Pelican's MarkdownReader.read with the file rules between converting the text
        and reading its metadata: the rules check the HTML Markdown made, converted once."""
        content_path = self.settings["PATH"]
        relative = os.path.relpath(source_path, content_path)
        with open(source_path, "rb") as f:
            raw = f.read()
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        converted = []

        def to_html(text):
            converted.append(self._md.convert(text))
            return converted[-1]

        problems = file_problems(raw, editor_path(content_path, relative),
                                 relative.split(os.sep)[0], self.settings, to_html)
        if problems:
            raise InvalidContent(problems)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return converted[-1], metadata

    def _parse_metadata(self, meta):
        """Title and Summary as text: "<", ">" and "&" become entities before Markdown and
        typogrify see them (Summary's Markdown emphasis still works)."""
        for key in TEXT_KEYS:
            found = next((name for name in meta if name.lower() == key), None)
            if found:
                meta[found] = [html.escape(value, quote=False) for value in meta[found]]
        return super()._parse_metadata(meta)


def use_editors_reader(readers):
    for extension in EditorsMarkdownReader.file_extensions:
        readers.reader_classes[extension] = EditorsMarkdownReader


def register():
    # readers_init: before any file is read, on every Readers Pelican makes.
    signals.readers_init.connect(use_editors_reader)
