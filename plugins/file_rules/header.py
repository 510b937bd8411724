"""The header mistakes editors make, each named where it is (Markdown would otherwise end
the header silently there and turn the rest of it into page text)."""

import re

from editorial.messages import Problem, count, notice
from editorial.sources import FIELD_RE, MORE_RE, header_block
from editorial.keys import KNOWN, field_name

_KEY_WITHOUT_COLON_RE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:?\s*(?P<rest>.*)")
_SPACE_BEFORE_COLON_RE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s+:\s*(?P<rest>.*)")
_SPACE_IN_KEY_RE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*(?: +[A-Za-z0-9_-]+)+):\s*(?P<rest>.*)")
# Dashes Word puts in place of a hyphen (autocorrect, a pasted name): en dash, em dash, minus,
# the Unicode hyphens; each named as editors know it.
_DASHES = {"\u2013": "półpauza „–”", "\u2014": "pauza „—”", "\u2212": "znak minus „−”",
           "\u2010": "łącznik Unicode „‐”", "\u2011": "łącznik nierozdzielający „‑”",
           "\u2012": "kreska cyfrowa „‒”"}
_DASH_IN_KEY_RE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*(?:[%s][A-Za-z0-9_-]+)+)\s*:\s*"
                             r"(?P<rest>.*)" % "".join(_DASHES))
_BLANK_LINES = ("pusty wiersz", "puste wiersze", "pustych wierszy")
_MORE_FORM = ("dalsze wartości pola w osobnych wierszach wciętych czterema spacjami, np. "
              "„    p.kobak@gops.czernica.pl 571 226 315”")


def header_problems(lines, source):
    """Every header line Markdown would misread: a tab or a wrong indent where four spaces
    belong, a field written twice, a field without its colon or with a space before it or
    a dash or space inside its name, text right after the header, a blank line inside it
    or above it."""
    block = header_block(lines)
    if not block:
        return _blank_lines_before(lines, source)
    problems, key, seen = [], None, {}
    for index, line in enumerate(block):
        text, number = line.text, line.number
        field = FIELD_RE.match(text)
        if field:
            key = field["key"]
            if key.lower() in seen:
                problems.append(Problem(
                    source, key, field["value"].strip(),
                    f"to pole jest już w wierszu {seen[key.lower()]}; pole wpisuje się raz",
                    "jedno pole, a jego kolejne wartości w osobnych wierszach wciętych "
                    "czterema spacjami", number))
            seen.setdefault(key.lower(), number)
        elif MORE_RE.match(text) and key:
            continue
        elif "\t" in text[:len(text) - len(text.lstrip())]:
            problems.append(Problem(source, _field(key), text.strip(),
                                    "tabulator zamiast czterech spacji", _MORE_FORM, number))
        elif text.startswith(" ") and key:
            problems.append(Problem(
                source, _field(key), text.strip(),
                "ten wiersz nie jest ani polem, ani dalszą wartością poprzedniego pola",
                _MORE_FORM, number))
        elif misspelt := _misspelt_field(text):
            problems.append(Problem(source, *misspelt, number))
        elif _meant_as_field(text, block[index + 1:]):
            word = _KEY_WITHOUT_COLON_RE.match(text)
            problems.append(Problem(
                source, word["key"], text.strip(), "brak dwukropka po nazwie pola",
                f"nazwa pola, dwukropek i wartość, np. „{word['key']}: {word['rest']}”",
                number))
        elif key:  # the text begins right under the header
            problems.append(notice(
                f"„{text.strip()}” – po nagłówku musi być pusty wiersz. Oczekiwano: pusty "
                "wiersz między ostatnim polem nagłówka a treścią.", source, number, "nagłówek"))
            break
        else:
            break  # no header at all: Pelican names the missing Title
    else:
        if key:
            problems += _blank_line_inside(lines, len(block) + 1, source)
    return problems


def _misspelt_field(text):
    """(field, value, reason, expected) of a known field written with a space before its
    colon ("Event-start :"), in its name ("Event start:") or with a dash for its hyphen
    ("Event–start:"), else None."""
    dash = next((c for c in text.partition(":")[0] if c in _DASHES), "")
    for pattern, reason in (
            (_SPACE_BEFORE_COLON_RE, "spacja przed dwukropkiem"),
            (_SPACE_IN_KEY_RE, "spacja zamiast myślnika w nazwie pola"),
            (_DASH_IN_KEY_RE, f"{_DASHES.get(dash)} zamiast zwykłego łącznika „-” w nazwie pola "
                              "(zwykle po autokorekcie Worda)")):
        written = pattern.fullmatch(text)
        if written and (name := _hyphenated(written["key"]).lower()) in KNOWN:
            return (field_name(name), text.strip(), reason,
                    f"nazwa pola, zaraz po niej dwukropek, np. „{field_name(name)}: "
                    f"{written['rest']}”")
    return None


def _hyphenated(key):
    """A key's name with its spaces and dashes as the hyphens they stand for."""
    return re.sub(r"[ %s]+" % "".join(_DASHES), "-", key)


def _blank_line_inside(lines, blank, source):
    """The blank line that ends the header early: Markdown would read the known fields
    under it as the page's text."""
    later = next((n for n, text in enumerate(lines[blank:], blank + 1) if text.strip()), None)
    field = FIELD_RE.match(lines[later - 1]) if later else None
    if not field or field["key"].lower() not in KNOWN:
        return []
    return [notice(f"pusty wiersz w środku nagłówka – nagłówek kończy się na nim, a pola pod "
                   f"nim (od wiersza {later}: {field['key']}) trafiłyby do treści strony. "
                   "Oczekiwano: pola nagłówka jedno pod drugim, bez pustych wierszy; pusty "
                   "wiersz tylko między nagłówkiem a treścią.", source, blank, "nagłówek")]


def _blank_lines_before(lines, source):
    """Blank lines above the header: Markdown would read no header at all and show every
    field as the page's text."""
    first = next((n for n, text in enumerate(lines, 1) if text.strip()), None)
    field = FIELD_RE.match(lines[first - 1]) if first else None
    if not field or field["key"].lower() not in KNOWN:
        return []
    blank = "pusty wiersz" if first == 2 else count(first - 1, _BLANK_LINES)
    return [notice(f"{blank} przed nagłówkiem – nagłówek musi zaczynać się w pierwszym wierszu "
                   f"pliku; inaczej pola od wiersza {first} ({field['key']}) trafiłyby do "
                   "treści strony. Oczekiwano: pierwszy wiersz pliku z pierwszym polem "
                   f"nagłówka (np. {field['key']}: …), bez pustych wierszy nad nim.",
                   source, 1, "nagłówek")]


def _field(key):
    return field_name(key.lower()) if key else "(nagłówek)"


def _meant_as_field(text, later):
    """A line that starts like a field name, of a field we know or followed by more fields."""
    word = _KEY_WITHOUT_COLON_RE.match(text)
    if not word or text.startswith(" "):
        return False
    return word["key"].lower() in KNOWN or any(FIELD_RE.match(x.text) for x in later)
