"""Facts still to come ("[DO UZUPEŁNIENIA: …]", left by editors for the office) are shown to
residents as a neutral "Informacja w przygotowaniu", never as bold brackets, in the page's
text and in every event field that residents read; what is to be filled in stays in the
source, where the build's warnings point editors to it: one for every marker, saying so
when it stands inside a sentence (the neutral text then reads as nonsense there)."""

import re
import sys

from pelican import signals
from pelican.contents import Article, Page

from build_cache import cached, code_version, content_key, local_sources
from editorial.messages import WARNING, notice
from editorial.sources import source_name, text_lines
from translations.translations import translate

NOT_YET = "Informacja w przygotowaniu"
# The marker, with the bold that editors put around it so that it stands out in the source.
MARKER_HTML = re.compile(r"(?:<strong>)?\[DO UZUPEŁNIENIA:[^\[\]]*\](?:</strong>)?")
MARKER = re.compile(r"\*{0,2}\[DO UZUPEŁNIENIA:[^\[\]]*\]\*{0,2}")
# Any marker an editor may leave, also without its colon or closing bracket (a warning each).
LEFT = re.compile(r"\[DO UZUPEŁNIENIA[^\]]*\]?")
# What may stand before a whole-sentence marker: a key, a list bullet, a heading, bold.
_LEAD = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9_-]*:\s*)?(?:[-*+]\s+|\d+[.)]\s+|#+\s+)?\**$")

_VERSION = code_version(*local_sources(sys.modules[__name__]))  # what makes the warnings


def hide_markers(html, lang="pl"):
    """HTML with each marker as the neutral text (in `lang`)."""
    text = translate(lang, "Informacja w przygotowaniu")  # NOT_YET, for the catalogue
    shown = f'<span class="placeholder">{text}</span>'
    return MARKER_HTML.sub(lambda _: shown, html)


def neutral(text):
    """Plain text (an event field, for pages and calendars alike) with each marker as the
    neutral text."""
    return MARKER.sub(NOT_YET, text)


def marker_warnings(lines, source):
    """A warning for every marker left in a file's lines."""
    return [notice(_warning(line, found), source, number, "DO UZUPEŁNIENIA", WARNING)
            for number, line in enumerate(lines, 1) for found in LEFT.finditer(line)]


def _warning(line, found, limit=120):
    marker = found.group()
    shown = marker if len(marker) <= limit else marker[:limit].rstrip() + "…"
    text = f"tekst do uzupełnienia przed publikacją: „{shown}”"
    if _inside_sentence(line, found):
        text += (f" – stoi w środku zdania, a mieszkańcy przeczytają w tym miejscu „{NOT_YET}”. "
                 "Oczekiwano: znacznik jako osobne zdanie albo punkt listy, np. "
                 "„- [DO UZUPEŁNIENIA: numer sali]”")
    return text


def _inside_sentence(line, found):
    """Whether text of the sentence stands before or after the marker on its line."""
    after = line[found.end():].strip().strip("*").strip()
    return not _LEAD.match(line[:found.start()]) or after not in ("", ".")


def on_content_init(instance):
    """Replace the markers in an article's or page's text and summary; note each marker
    left in the file (`editor_warnings`, listed by the site checks)."""
    if isinstance(instance, (Article, Page)) and instance.relative_source_path is not None:
        source = source_name(instance)
        with open(instance.source_path, "rb") as f:  # kept by the file's bytes (build_cache)
            key = content_key(source, f.read())
        instance.editor_warnings = getattr(instance, "editor_warnings", []) + cached(
            instance.settings, "placeholders", _VERSION, key,
            lambda: marker_warnings(text_lines(instance.source_path), source))
    lang = getattr(instance, "lang", None) or "pl"
    if getattr(instance, "_content", None):
        instance._content = hide_markers(instance._content, lang)
    summary = instance.metadata.get("summary")
    if isinstance(summary, str):  # Pelican 4.12 keeps it in two places (polish_typography)
        instance.metadata["summary"] = hide_markers(summary, lang)
        if hasattr(instance, "_summary"):
            instance._summary = instance.metadata["summary"]


def register():
    # content_object_init: once per file, before Pelican caches it.
    signals.content_object_init.connect(on_content_init)
