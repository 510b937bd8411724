"""The header mistakes editors make, each named where it is (Markdown would otherwise end
the header silently there and turn the rest of it into page text)."""

import re

from editorial.messages import Problem, notice
from editorial.sources import FIELD_RE, MORE_RE, header_block
from editorial.keys import KNOWN, field_name

_KEY_WITHOUT_COLON_RE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*:?\s*(?P<rest>.*)")
_SPACE_BEFORE_COLON_RE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s+:\s*(?P<rest>.*)")
_SPACE_IN_KEY_RE = re.compile(r"(?P<key>[A-Za-z][A-Za-z0-9_-]*(?: +[A-Za-z0-9_-]+)+):\s*(?P<rest>.*)")
_MORE_FORM = ("dalsze wartości pola w osobnych wierszach wciętych czterema spacjami, np. "
              "„    p.kobak@gops.czernica.pl 571 226 315”")


def header_problems(lines, source):
    """Every header line Markdown would misread: a tab or a wrong indent where four spaces
    belong, a field written twice, a field without its colon or with a space before it or
    inside its name, text right after the header, a blank line inside it."""
    block = header_block(lines)
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
    colon ("Event-start :") or in its name ("Event start:"), else None."""
    for pattern, reason in ((_SPACE_BEFORE_COLON_RE, "spacja przed dwukropkiem"),
                            (_SPACE_IN_KEY_RE, "spacja zamiast myślnika w nazwie pola")):
        written = pattern.fullmatch(text)
        if written and (name := re.sub(r" +", "-", written["key"]).lower()) in KNOWN:
            return (field_name(name), text.strip(), reason,
                    f"nazwa pola, zaraz po niej dwukropek, np. „{field_name(name)}: "
                    f"{written['rest']}”")
    return None


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


def _field(key):
    return field_name(key.lower()) if key else "(nagłówek)"


def _meant_as_field(text, later):
    """A line that starts like a field name, of a field we know or followed by more fields."""
    word = _KEY_WITHOUT_COLON_RE.match(text)
    if not word or text.startswith(" "):
        return False
    return word["key"].lower() in KNOWN or any(FIELD_RE.match(x.text) for x in later)
