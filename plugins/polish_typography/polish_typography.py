"""Polish typography for Pelican: no-break spaces and en dashes in HTML made from Markdown.

The rules, applied to text only (never to tags, code, URLs or e-mail addresses):

1. one-letter words (a, i, o, u, w, z) bind to the next word: "i w domu";
2. number ranges get an en dash without spaces: "16.00–18.30", "2021–2027";
3. a dash standing alone between words becomes NBSP + en dash + space,
   so that no line starts with a dash;
4. the digit groups of phone numbers stay together: "+48 789 059 281";
5. dates stay together: "22 stycznia 2025 r.";
6. abbreviations bind to what follows: "ul.", "al.", "pl.", "godz.", "tel.", "nr", "s.", "pt.".

No-break spaces are the U+00A0 character itself, not the &nbsp; entity, so the
result also works in attributes and calendars.  Every rule is idempotent.
"""

import logging
import re

from pelican import signals

logger = logging.getLogger(__name__)

NBSP = "\u00a0"
NDASH = "\u2013"

# Breakable whitespace; U+00A0 is deliberately not in it, which makes the rules idempotent.
_SPACE = r"[ \t\r\n]"
_DASH = r"(?:-|\u2013|&ndash;|&\#8211;)"
_NUMBER = r"\d+(?:[.:,]\d+)?"  # 2021, 16.00, 16:00, 3,5
_MONTHS = (
    r"(?i:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia"
    r"|września|października|listopada|grudnia)"
)

# --- Splitting HTML into tags and text -------------------------------------

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""  # a '>' inside a quoted attribute does not end the tag
_RAW_TEXT_ELEMENTS = "|".join(
    rf"<{name}\b{_ATTRIBUTES}>.*?</{name}\s*>" for name in ("script", "style", "textarea")
)
# One capturing group, so re.split() returns text, tag, text, tag, ..., text.
_HTML_TOKEN = re.compile(
    rf"(<!--.*?-->|{_RAW_TEXT_ELEMENTS}|<[A-Za-z/!?]{_ATTRIBUTES}>)",
    re.IGNORECASE | re.DOTALL,
)
# Elements whose content is left alone; group 1 is "/" for a closing tag.
_SKIP_TAG = re.compile(r"<(/?)(?:code|pre|kbd|script|style|textarea)(?=[\s/>])", re.IGNORECASE)

# Parts of text that are never changed; one capturing group for re.split().
_PROTECTED = re.compile(
    r"""(
        (?i:https?://|www\.)(?:[^\s<>"\u00a0&]|&(?!nbsp;|\#160;))+  # URL, up to any kind of space
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                                # e-mail address
      | <[A-Za-z/!?][^<>]*>                                          # tag (typogrify puts spans in titles)
    )""",
    re.VERBOSE,
)
# Every rule needs a space or a dash; text without one is returned at once.
_CANDIDATE = re.compile(r"[\s\-\u2013]")

# --- The rules, in the order they are applied -------------------------------

# Rule 2: 16.00 - 18.30 -> 16.00–18.30, but not 2025-01-22, 789-059-281 or the postal code 55-003.
_RANGE = re.compile(
    rf"""
    (?<![\w.,:/\#&+=%?\-\u2013])          # not the middle of a word, number, URL or chain
    (?!\d\d-\d\d\d(?!\d))                 # a postal code is not a range
    ({_NUMBER}) {_SPACE}* {_DASH} {_SPACE}* ({_NUMBER})
    (?![\w/\-\u2013]|[.,:]\d|&ndash;|&\#8211;)  # not followed by more of a chain
    """,
    re.VERBOSE,
)
# Rule 3: "słowo - słowo" -> "słowo\u00a0– słowo".
_LONE_DASH = re.compile(rf"{_SPACE}+{_DASH}(?={_SPACE})")
# Rule 4: +48 789 059 281, 71 318 12 20, (71) 318 12 20.
_PHONE = re.compile(
    r"""
    (?<![\w+.,:/\-])
    (?:\+48[ \t]+)?(?:\(\d\d\)|\d{2,3})   # optional country code, then area code or first group
    (?:[ \t]+\d{2,3}){2,}                 # at least two more groups of 2-3 digits
    (?!\w|[.,:]\d)
    """,
    re.VERBOSE,
)
_SPACES = re.compile(r"[ \t]+")
# Rule 5: 22 stycznia, stycznia 2025, 2025 r., 2025 roku.
_DAY_MONTH = re.compile(rf"(?<![\w.,:])(\d{{1,2}}){_SPACE}+({_MONTHS})(?!\w)")
_MONTH_YEAR = re.compile(rf"(?<!\w)({_MONTHS}){_SPACE}+(\d{{4}})(?!\w|[.,:]\d)")
_YEAR_SUFFIX = re.compile(rf"(?<![\w.,:])(\d{{4}}){_SPACE}+(r\.|roku(?!\w))")
# Rule 6: ul. Kolejowa, godz. 16.00, tel. 71 318 12 20, nr 5, s. 12, pt. „Tytuł”.
_ABBREVIATION = re.compile(
    rf"(?<![\w.@/\-])((?:[uUaApP]l|[gG]odz|[tT]el|[sS]|[pP]t)\.|[nN]r){_SPACE}+"
)
# Rule 1: a one-letter word binds to the next one.  The letter comes first so that
# the regex engine can skip quickly to candidates; the lookbehinds then check,
# one character further back, that the letter starts a word.
_ONE_LETTER = re.compile(
    rf"""
    ([aiouwzAIOUWZ])
    (?: (?<![^ \t\r\n\u00a0„«»(\["].)              # start of text, space, bracket or quote
      | (?<=&(?:nbsp|quot|\#160|\#171|\#187);.)    # the same written as an entity
      | (?<=&(?:bdquo|laquo|raquo|\#8222);.)
    )
    {_SPACE}+
    """,
    re.VERBOSE,
)


def _bind_groups(match: re.Match) -> str:
    """Join the groups of a phone number with no-break spaces."""
    return _SPACES.sub(NBSP, match.group())


_RULES = (
    (_RANGE, r"\1" + NDASH + r"\2"),
    (_LONE_DASH, NBSP + NDASH),
    (_PHONE, _bind_groups),
    (_DAY_MONTH, r"\1" + NBSP + r"\2"),
    (_MONTH_YEAR, r"\1" + NBSP + r"\2"),
    (_YEAR_SUFFIX, r"\1" + NBSP + r"\2"),
    (_ABBREVIATION, r"\1" + NBSP),
    (_ONE_LETTER, r"\1" + NBSP),
)


def _apply_rules(text: str) -> str:
    """Apply all rules to text that contains no tags, URLs or e-mail addresses."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def polish_text(text: str) -> str:
    """Apply Polish typography to plain text (a title), leaving URLs, e-mails and tags alone."""
    if not _CANDIDATE.search(text):
        return text
    parts = _PROTECTED.split(text)  # even indexes: text; odd indexes: protected
    parts[::2] = [_apply_rules(part) for part in parts[::2]]
    return "".join(parts)


def polish_html(html: str) -> str:
    """Apply Polish typography to the text nodes of an HTML fragment, outside code and markup."""
    parts = _HTML_TOKEN.split(html)  # even indexes: text nodes; odd indexes: tags
    skip_depth = 0  # how many code/pre/kbd/... elements we are inside
    for index, part in enumerate(parts):
        if index % 2:
            match = _SKIP_TAG.match(part)
            if match:
                skip_depth = max(skip_depth - 1, 0) if match.group(1) else skip_depth + 1
        elif part and not skip_depth:
            parts[index] = polish_text(part)
    return "".join(parts)


def polish_content(instance) -> None:
    """Apply Polish typography to the content, title and summary of an article or page."""
    if getattr(instance, "_content", None) is not None:
        instance._content = polish_html(instance._content)
    title = getattr(instance, "title", None)
    if isinstance(title, str):
        instance.title = polish_text(title)
        if "title" in instance.metadata:
            instance.metadata["title"] = instance.title
    # Pelican 4.12 keeps a summary from the metadata in metadata["summary"] and,
    # copied before this signal, in instance._summary; both must stay in step.
    summary = instance.metadata.get("summary")
    if isinstance(summary, str):
        summary = polish_html(summary)
        instance.metadata["summary"] = summary
        if hasattr(instance, "_summary"):
            instance._summary = summary


def register() -> None:
    """Connect the plugin to Pelican: content_object_init runs once per article or page, before caching."""
    signals.content_object_init.connect(polish_content)
    logger.debug("polish_typography: connected to content_object_init")
