"""What an editor's file may hold (CONTENT-MODEL.md): its encoding, its characters, the
forms of the keys Pelican itself reads (Date, Slug, Category, Title, Summary …) and HTML
in the text that the pages' Content-Security-Policy would block. Each rule gives the
problems of one file's text; the reader refuses the file with all of them."""

import re
import unicodedata

from markdown import Markdown

from editorial.forms import FormError
from editorial.keys import CONTENT_KEYS
from editorial.messages import InvalidContent, Problem, notice
from editorial.sources import FIELD_RE, header_block, header_fields, split_lines

from .body import body_problems
from .header import header_problems

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ALLOWED_CONTROLS = set("\t\n\r")
# Not control characters (category Zl/Zp), but no editor types them either: pasted from Word
# on a Mac or from web pages, they end a line in some programs and not in others.
SEPARATORS = {"\u2028": "separator wiersza", "\u2029": "separator akapitu"}
_CONTENT_KEY = {key.lower: key for key in CONTENT_KEYS}
UTF8_HOW = ("plik zapisany jako UTF-8: w Notatniku Plik → Zapisz jako → Kodowanie: UTF-8; "
            "w Wordzie Zapisz jako → Zwykły tekst → Unicode (UTF-8); w edytorze GitHuba "
            "wklej tekst na nowo")


def decoded(raw, source):
    """A file's bytes as text (UTF-8, with or without a BOM), or InvalidContent naming the
    file, the line and how to save it as UTF-8."""
    if _is_utf16(raw):  # before UTF-8: ASCII text in UTF-16 is valid UTF-8 full of NULs
        raise _undecodable(source, 1, "plik jest zapisany w kodowaniu UTF-16 (w Notatniku: "
                           "„Unicode”); zapisz go jako UTF-8", UTF8_HOW)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as wrong:
        line = raw[:wrong.start].count(b"\n") + 1
        if b"\0" in raw[:4096]:
            raise _undecodable(source, line, "to nie jest plik tekstowy (np. dokument Worda, "
                               "PDF albo obraz zapisany z końcówką .md)", "zwykły plik "
                               "tekstowy .md w kodowaniu UTF-8; dokument wklej jako tekst")
        raise _undecodable(source, line, "plik nie jest zapisany w kodowaniu UTF-8 (pierwszy "
                           f"taki znak w wierszu {line}; {_likely_encoding(raw)})", UTF8_HOW)
    return text


def _undecodable(source, line, reason, expected):
    return InvalidContent([Problem(source, "kodowanie", None,
                                   f"{reason}. Oczekiwano: {expected}.", line=line)])


def _is_utf16(raw):
    """UTF-16 (Notepad's "Unicode"): its byte-order mark, or, without one, text whose every
    other byte is often NUL (ASCII characters in UTF-16) and never the others, that decodes
    as UTF-16 into text rather than control characters."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    sample = raw[:4096]
    even, odd = sample[0::2], sample[1::2]
    for nuls, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if len(sample) >= 8 and nuls.count(0) > 0.25 * len(nuls) and others.count(0) == 0:
            text = sample[:len(sample) - len(sample) % 2].decode(codec, errors="replace")
            wrong = sum(1 for c in text if (c < " " and c not in "\t\r\n") or c == "\ufffd")
            return wrong < 0.01 * len(text)  # (the sample may end inside a character)
    return False


# Bytes 128–255 that are letters in Windows-1250 or Windows-1251.
_HIGH_LETTERS = bytes(b for b in range(0x80, 0x100)
                      if bytes([b]).decode("cp1250", "replace").isalpha()
                      or bytes([b]).decode("cp1251", "replace").isalpha())
_WORD_RE = re.compile(rb"[A-Za-z" + re.escape(_HIGH_LETTERS) + rb"]+")


def _likely_encoding(raw):
    """Which old Windows code page the file is likely in, worded for the message. A Polish
    word has a letter with a diacritic among plain ASCII ones ("Czernica", "spotkanie",
    "łąka"); a Cyrillic word in Windows-1251 has no ASCII letter at all."""
    words = [w for w in _WORD_RE.findall(raw) if max(w) >= 0x80]
    latin = sum(1 for w in words if re.search(rb"[A-Za-z]", w))
    if words and latin < len(words) / 2:
        return "tak zapisują cyrylicę Notatnik i Word w kodowaniu Windows-1251"
    return "tak zapisują polskie litery Notatnik i Word w kodowaniu Windows-1250"


def character_problems(lines, source):
    """Control characters (other than tab and line ends), bidirectional overrides and the
    Unicode line and paragraph separators, which no editor means and which break pages,
    calendars and mails: one per line."""
    fields = _field_of_lines(lines)
    problems = []
    for number, text in enumerate(lines, 1):
        bad = next((c for c in text if c in BIDI or c in SEPARATORS or (
            unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS)), None)
        if bad is None:
            continue
        code = f"U+{ord(bad):04X}"
        if bad in BIDI:
            reason = (f"niewidoczny znak zmiany kierunku tekstu ({code}) – odwraca kolejność "
                      "liter na stronie")
        elif bad in SEPARATORS:
            reason = (f"niewidoczny {SEPARATORS[bad]} ({code}) – wygląda jak koniec wiersza, "
                      "ale nim nie jest: strona i kalendarz czytają go jako znak w środku "
                      "wiersza")
        else:
            reason = f"niewidoczny znak sterujący ({code}, {_control_name(bad)})"
        problems.append(notice(f"{reason}. Oczekiwano: tekst bez tego znaku – usuń go (zostaje "
                               "zwykle po wklejeniu tekstu z innego programu); najprościej "
                               "przepisz ten wiersz na nowo.", source, number,
                               fields.get(number, "treść")))
    return problems


def _control_name(char):
    names = {"\0": "NUL", "\a": "BEL", "\b": "BS", "\x1b": "ESC", "\x0b": "VT", "\x0c": "FF",
             "\x1c": "FS", "\x1d": "GS", "\x1e": "RS", "\x85": "NEL"}
    return names.get(char, "znak sterujący")


def _field_of_lines(lines):
    """{line number: the header field it belongs to}."""
    return {number: key.capitalize() for number, key, _ in header_fields(lines)}


def content_key_problems(lines, source, folder, settings):
    """The keys Pelican reads, in the key table's forms; Category matches the folder, since
    it decides the page's address."""
    values = {}
    for number, key, value in header_fields(lines):
        values.setdefault(key, []).append((number, value))
    problems = []
    for key, found in values.items():
        number, value = found[0]
        text = " ".join(v for _, v in found)
        entry = _CONTENT_KEY.get(key)
        if entry and entry.read:
            try:
                entry.read(text)
            except FormError as wrong:
                problems.append(Problem(source, entry.name, _shortened(text), wrong.reason,
                                        wrong.expected or entry.form, number))
    if "category" in values:
        problems += _category(values["category"][0], source, folder, settings)
    return problems


def _shortened(text, limit=80):
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _category(found, source, folder, settings):
    number, value = found
    titles = settings.get("CATEGORY_TITLES", {})
    if folder not in titles or value.lower() == titles[folder].lower():
        return []
    return [Problem(source, "Category", value, f"kategoria decyduje o adresie strony, a plik "
                    f"leży w content/{folder}/", f"Category: {titles[folder]} albo usunięcie "
                    "tego pola (kategorię wyznacza katalog)", number)]


def _has_header(lines):
    return bool(lines) and FIELD_RE.match(lines[0]) is not None


def file_problems(raw, source, folder, settings, to_html=None):
    """Every reason to refuse one Markdown file (its bytes), in the order of its lines.
    `to_html` makes the file's text into the page's HTML (the reader passes its own
    Markdown, so the text is converted once); by default a Markdown of the settings."""
    text = decoded(raw, source)
    lines = split_lines(text)
    problems = header_problems(lines, source)
    if not problems:  # a misread header makes the rest of the file's messages misleading
        problems = content_key_problems(lines, source, folder, settings)
    start = len(header_block(lines)) + 1 if _has_header(lines) else 0
    html = (to_html or _markdown(settings).convert)(text)
    problems += character_problems(lines, source) + body_problems(html, lines, start, source,
                                                                  settings)
    return sorted(problems, key=lambda p: p.line or 0)


def _markdown(settings):
    """Markdown as Pelican's reader configures it (its extensions and the meta extension,
    so that the header does not become text)."""
    config = dict(settings["MARKDOWN"])
    extensions = list(config.get("extensions", []))
    for name in [*config.get("extension_configs", {}), "markdown.extensions.meta"]:
        if name not in extensions:
            extensions.append(name)
    return Markdown(**{**config, "extensions": extensions})
