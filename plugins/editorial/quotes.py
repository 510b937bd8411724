"""Quotation marks in the language of the text, for every output that shows a title or
text typed with straight quotes: the page (polish_typography), the mail's subject and body,
JSON-LD and calendars (events). Polish „…” with »…« inside, Ukrainian «…» with ‘…’ inside;
any other language is left as written (its marks are not ours to guess).

A quote opens after a space, a bracket, a dash or the other kind's opening mark, or at the
start; else it closes; between two letters a ' is an apostrophe (Braille’a). SEPARATOR
(text nodes joined by polish_typography) is looked through, so "<em>słowo</em>" is quoted
as a whole."""

import re

QUOTES = {"pl": ("„", "”", "»", "«"), "uk": ("«", "»", "‘", "’")}
APOSTROPHE = "’"
SEPARATOR = "\x00"
_OPENS_AFTER = "([{/-–—"
_QUOTE_OR_ELLIPSIS = re.compile(r"[\"']|(?<!\.)\.\.\.(?!\.)")


def educate_quotes(text: str, lang: str) -> str:
    """Straight quotes and "..." in plain text (or joined text nodes) -> `lang`'s marks."""
    marks = QUOTES.get(lang)
    if not marks or ('"' not in text and "'" not in text and "..." not in text):
        return text
    double_open, double_close, single_open, single_close = marks

    def neighbour(index, step):
        while 0 <= index < len(text) and text[index] == SEPARATOR:
            index += step
        return text[index] if 0 <= index < len(text) else ""

    def mark(match):
        quote = match.group()
        if quote == "...":
            return "\u2026"
        before, after = neighbour(match.start() - 1, -1), neighbour(match.end(), 1)
        if quote == "'" and before.isalpha() and after.isalpha():
            return APOSTROPHE
        other_open = single_open if quote == '"' else double_open
        opens = not before or before.isspace() or before in _OPENS_AFTER or before == other_open
        if quote == '"':
            return double_open if opens else double_close
        return single_open if opens else single_close

    return _QUOTE_OR_ELLIPSIS.sub(mark, text)


def inner_quotes(text: str, lang: str) -> str:
    """Text to be put inside `lang`'s quotation marks: its own outer marks become the inner
    ones („Czysta gmina” -> »Czysta gmina«), so that a mail's „…” around a title does not
    nest the same marks."""
    marks = QUOTES.get(lang)
    if not marks:
        return text
    double_open, double_close, single_open, single_close = marks
    return text.translate(str.maketrans({double_open: single_open, double_close: single_close}))
