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

7. a street's house number binds to its name: "ul. Kolejowa 3";
8. an ISO date never breaks at its hyphens (a word joiner after each): "2026-11-25";
9. a range of hours or of days never breaks after its dash (a word joiner after it):
   "16.00–18.30", "14–15 czerwca" (a range of years may: "2021–2027" is no single fact).

In what Markdown made and in titles (not settings text), straight quotes become „…” (»…«
inside) and "..." an ellipsis, in the same pass over the text nodes; Ukrainian text gets
«…» instead and its own bindings (one-letter words, "тел.", phone numbers, dates). Text in any other language
of the site is left as written: the rules above are Polish, quotation marks differ between
languages, so a language gets typography only by rules of its own here.
"""

import functools
import logging
import re
import sys

from pelican import signals

from build_cache import cached, code_version, content_key, local_sources
from editorial.quotes import QUOTES, SEPARATOR, educate_quotes  # noqa: F401 (also this module's API)

logger = logging.getLogger(__name__)

NBSP = "\u00a0"
NDASH = "\u2013"

# Breakable whitespace; U+00A0 is deliberately not in it, which makes the rules idempotent.
_SPACE = r"[ \t\r\n]"
# Any space, including a no-break one (typogrify's widont puts &nbsp; before the last word).
_ANY_SPACE = r"(?:[ \t\r\n\u00a0]|&nbsp;|&\#160;)"
_DASH = r"(?:-|\u2013|&ndash;|&\#8211;)"
_NUMBER = r"\d+(?:[.:,]\d+)?"  # 2021, 16.00, 16:00, 3,5
_MONTHS = (
    r"(?i:stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia"
    r"|września|października|listopada|grudnia)"
)

# --- Splitting HTML into tags and text -------------------------------------

# Attributes of a tag: a '>' inside a quoted value does not end the tag.
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
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
# Text nodes are joined with this character, so that each rule runs once per document
# instead of once per text node; no rule matches across it or changes it, and the quotes
# look through it (editorial.quotes).
_SEPARATOR = SEPARATOR

# Parts of text that are never changed; one capturing group for re.split().  A URL is
# protected from "://" or "www." on (the scheme has nothing a rule could change).
# E-mail addresses need no protection: they hold no spaces, and the only rule that
# works without spaces (number ranges) refuses digits next to "@", ".", "+" or "-".
_PROTECTED = re.compile(
    r"""(
        (?:://|www\.)(?:[^\s<>"\u00a0&\x00]|&(?!nbsp;|\#160;))+  # URL, up to any kind of space
      | <[A-Za-z/!?][^<>\x00]*>                                   # tag (typogrify's, in titles)
    )""",
    re.VERBOSE,
)
# Every rule needs a space or a dash; text without one is returned at once.
_CANDIDATE = re.compile(r"[\s\-\u2013]")

# --- The rules, in the order they are applied -------------------------------
# Patterns start with a digit or a space and look back from there, so that the regex
# engine can skip quickly to the few places where a rule may apply.

# Rule 2: 16.00 - 18.30 -> 16.00–18.30, but not 2025-01-22, 789-059-281 or the postal code 55-003.
_RANGE = re.compile(
    rf"""
    (\d(?<![\w.,:/\#&+=%?@\-\u2013]\d)      # a number, not part of a word, URL, e-mail or chain
     (?!\d-\d\d\d(?!\d))                   # (a postal code is not a range)
     \d*(?:[.:,]\d+)?)
    {_ANY_SPACE}* {_DASH} {_ANY_SPACE}*
    ({_NUMBER})
    (?![\w/\-\u2013@+]|[.,:]\w|&ndash;|&\#8211;)  # not followed by more of a chain
    """,
    re.VERBOSE,
)
# Rule 3: "słowo - słowo" -> "słowo\u00a0– słowo" (and "słowo -&nbsp;słowo" from typogrify).
_LONE_DASH = re.compile(rf"{_SPACE}+{_DASH}(?={_ANY_SPACE})")
# Rules 4 and 5: the spaces inside phone numbers and dates become no-break spaces.
_PHONE_OR_DATE = re.compile(
    rf"""
    \d(?<![\w.,:/\-]\d)                       # a number that is not part of another
    (?: \d{{1,2}}\)?(?:{_SPACE}+\d{{2,3}}){{2,}}(?!\w|[.,:]\d)  # 789 059 281, (71) 318 12 20
      | \d?{_SPACE}+{_MONTHS}(?!\w)                             # 22 stycznia
        (?:{_SPACE}+\d{{4}}(?!\w|[.,:]\d)                       #   2025
           (?:{_SPACE}+(?:r\.|roku(?!\w)))?)?                   #   r. / roku
      | \d{{3}}{_SPACE}+(?:r\.|roku(?!\w))                      # 2025 r., 2025 roku
    )
    """,
    re.VERBOSE,
)
# Rules 1 and 6: the space after a one-letter word or an abbreviation becomes a
# no-break space.  A word starts after the start of text, a space, a bracket, a quote
# or the ";" that ends an entity such as &bdquo; or &nbsp;.
_NOT_WORD_START = r"""[^\x00 \t\r\n\u00a0„«»(\[";]"""
_SHORT_WORD = re.compile(
    rf"""
    {_SPACE}                                   # a space, after
    (?: (?<=(?<!{_NOT_WORD_START})[aiouwzAIOUWZ].)          # a one-letter word,
      | (?<=(?<!{_NOT_WORD_START})[nN]r.)                    # "nr",
      | (?<=\..)                                             # or an abbreviation with a dot:
        (?: (?<=(?<!{_NOT_WORD_START})[sS]\..)               #   s.
          | (?<=(?<!{_NOT_WORD_START})(?:[uUaApP]l|[pP]t)\..)  #   ul. al. pl. pt.
          | (?<=(?<!{_NOT_WORD_START})[tT]el\..)             #   tel.
          | (?<=(?<!{_NOT_WORD_START})[gG]odz\..)            #   godz.
        )
    )
    {_SPACE}*                                  # and the rest of the spaces
    """,
    re.VERBOSE | re.DOTALL,  # "." in the lookbehinds is the space, which may be a newline
)
_SPACES = re.compile(_SPACE + "+")
# Rule 7: a street's house number stays with the street: "ul. Kolejowa 3", "al. Jana Pawła
# II 5" (up to four words after the abbreviation, which rule 6 has bound already).
_STREET_WORD = r"[^\s\d,;:.()\x00]+"
_STREET = re.compile(
    rf"""
    ((?<![^\x00 \t\r\n\u00a0„«»(\[";])(?:[uUaApP]l|os)\.[ \t\r\n\u00a0]+
     (?:{_STREET_WORD}[ \u00a0]){{0,3}}{_STREET_WORD})
    {_SPACE}+
    (\d+[a-zA-Z]?(?:/\d+[a-zA-Z]?)?(?![\w\-]|[.,:]\d))
    """,
    re.VERBOSE,
)
# Rule 8: an ISO date ("2026-11-25") never breaks at its hyphens: a word joiner after each.
WORD_JOINER = "\u2060"
_ISO_DATE = re.compile(r"(?<![\w.,:/\-])(\d{4})-(\d{2})-(\d{2})(?![\w\-]|[.,:]\d)")
_ISO_DATE_JOINED = r"\1-" + WORD_JOINER + r"\2-" + WORD_JOINER + r"\3"
# Rule 9: after rule 2 made the dash, a word joiner after the dash of hours or of days
# before a month (rule 5 has bound the month already). Shared with the Ukrainian rules.
_HOUR_RANGE = r"(?<![\w.,:])\d{1,2}[.:]\d\d\u2013(?=\d{1,2}[.:]\d\d(?!\d|[.,:]\d))"
_UNBROKEN_RANGE = re.compile(
    rf"{_HOUR_RANGE}|(?<![\w.,:])\d{{1,2}}\u2013(?=\d{{1,2}}{_ANY_SPACE}+{_MONTHS})")
_UNBROKEN_HOURS = re.compile(_HOUR_RANGE)


def _bind(match: re.Match) -> str:
    """Replace the spaces inside a match with no-break spaces."""
    return _SPACES.sub(NBSP, match.group())


_RULES = (
    (_RANGE, r"\1" + NDASH + r"\2"),
    (_LONE_DASH, NBSP + NDASH),
    (_PHONE_OR_DATE, _bind),
    (_SHORT_WORD, NBSP),
    (_STREET, r"\1" + NBSP + r"\2"),
    (_ISO_DATE, _ISO_DATE_JOINED),
    (_UNBROKEN_RANGE, r"\g<0>" + WORD_JOINER),
)


def _apply_rules(text: str) -> str:
    """Apply all rules to text that contains no tags or URLs."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def polish_text(text: str) -> str:
    """Apply Polish typography to plain text (a title), leaving URLs, e-mails and tags alone."""
    if not _CANDIDATE.search(text):
        return text
    if "://" not in text and "www." not in text and "<" not in text:
        return _apply_rules(text)
    parts = _PROTECTED.split(text)  # even indexes: text; odd indexes: protected
    parts[::2] = [_apply_rules(part) for part in parts[::2]]
    return "".join(parts)


def polish_html(html: str) -> str:
    """Apply Polish typography to the text nodes of an HTML fragment, outside code and markup."""
    return text_nodes(html, polish_text)


def text_nodes(html: str, rules) -> str:
    """Apply `rules` (text -> text) to the text nodes of an HTML fragment, outside code and
    markup; the nodes are joined into one text, so that each rule runs once per document."""
    parts = _HTML_TOKEN.split(html)  # even indexes: text nodes; odd indexes: tags
    texts = [0] if parts[0] else []  # indexes of the text nodes to change
    skip_depth = 0  # how many code/pre/kbd/... elements we are inside
    for index in range(1, len(parts), 2):
        match = _SKIP_TAG.match(parts[index])
        if match:
            skip_depth = max(skip_depth - 1, 0) if match.group(1) else skip_depth + 1
        if not skip_depth and parts[index + 1]:
            texts.append(index + 1)
    if _SEPARATOR in html:  # cannot join safely: node by node
        changed = [rules(parts[index]) for index in texts]
    else:
        changed = rules(_SEPARATOR.join([parts[index] for index in texts])).split(_SEPARATOR)
    for index, text in zip(texts, changed):
        parts[index] = text
    return "".join(parts)


# --- Quotation marks and ellipses ---------------------------------------------
# Straight quotes become the language's own (editorial.quotes: the mails, JSON-LD and
# calendars make titles' quotes the same way); tags between text nodes (the separator) are
# looked through, so "<em>słowo</em>" is quoted as a whole.


# Ukrainian text keeps its own conventions: «…» quotes and the apostrophe ’ (text typed
# with the Polish „…”, or entities as Markdown's smarty used to write them: „…”, »…«, an
# apostrophe as «) and none of the Polish bindings above. One pass: each mark replaced once.
_UKRAINIAN_QUOTES = {"\u201e": "\u00ab", "\u201d": "\u00bb", "&bdquo;": "&laquo;",
                     "&rdquo;": "&raquo;", "&laquo;": "\u2019", "&raquo;": "\u2018"}
_UKRAINIAN_QUOTE = re.compile("|".join(map(re.escape, _UKRAINIAN_QUOTES)))


def ukrainian_text(text: str) -> str:
    return _UKRAINIAN_QUOTE.sub(lambda m: _UKRAINIAN_QUOTES[m.group()], text)


# Ukrainian bindings, in text nodes: one-letter words (в, з, і, у, й, о, а, я) and the
# abbreviations тел., вул., м., с., ім., № bind to the next word; a phone number's digit
# groups, "22 січня 2025 р." and an ISO date stay together (as the Polish rules 4, 5, 8).
_UK_MONTHS = (r"(?i:січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня"
              r"|жовтня|листопада|грудня)")
_UK_SHORT_WORD = re.compile(
    rf"""(?<![^\x00 \t\r\n\u00a0„«»‘(\[";])
    (?:[авзійоуяАВЗІЙОУЯ]|тел\.|Тел\.|вул\.|м\.|с\.|ім\.|№)
    {_SPACE}+""", re.VERBOSE)
_UK_PHONE_OR_DATE = re.compile(
    rf"""
    \d(?<![\w.,:/\-]\d)
    (?: \d{{1,2}}\)?(?:{_SPACE}+\d{{2,3}}){{2,}}(?!\w|[.,:]\d)
      | \d?{_SPACE}+{_UK_MONTHS}(?!\w)(?:{_SPACE}+\d{{4}}(?!\w|[.,:]\d)(?:{_SPACE}+р\.)?)?
      | \d{{3}}{_SPACE}+р\.
    )
    """,
    re.VERBOSE,
)


def _uk_bind(match: re.Match) -> str:
    return match.group()[:len(match.group().rstrip(" \t\r\n"))] + NBSP


def ukrainian_rules(text: str) -> str:
    """The Ukrainian bindings in plain text (or joined text nodes), URLs and tags left alone."""
    parts = _PROTECTED.split(text)
    for index in range(0, len(parts), 2):
        part = _UK_PHONE_OR_DATE.sub(_bind, parts[index])
        part = _UK_SHORT_WORD.sub(_uk_bind, part)
        part = _ISO_DATE.sub(_ISO_DATE_JOINED, part)
        parts[index] = _UNBROKEN_HOURS.sub(r"\g<0>" + WORD_JOINER, part)
    return "".join(parts)


def typography(text: str, lang: str) -> str:
    """Text (or HTML) in `lang` with that language's typography (none: as written)."""
    if lang == "pl":
        return polish_html(text) if "<" in text else polish_text(text)
    if lang == "uk":
        return ukrainian_text(text)
    return text


def content_typography(html: str, lang: str) -> str:
    """What Markdown made (content, summary) with `lang`'s typography and quotes: one pass
    over the text nodes (Markdown's smarty extension would cost a second inline pass)."""
    if lang == "pl":
        return text_nodes(html, lambda text: polish_text(educate_quotes(text, lang)))
    html = typography(html, lang)
    if lang == "uk":
        return text_nodes(html, lambda text: ukrainian_rules(educate_quotes(text, lang)))
    return text_nodes(html, functools.partial(educate_quotes, lang=lang)) if lang in QUOTES else html


def polish_content(instance) -> None:
    """Apply the typography of its language to the content, title and summary of an
    article or page (kept by content for the next build: plugins/build_cache)."""
    lang = getattr(instance, "lang", None) or instance.settings.get("DEFAULT_LANG", "pl")
    content = getattr(instance, "_content", None)
    title = getattr(instance, "title", None)
    title = title if isinstance(title, str) else None
    summary = instance.metadata.get("summary")
    summary = summary if isinstance(summary, str) else None
    content, title, summary = cached(
        instance.settings, "typography", _VERSION, content_key(lang, content, title, summary),
        lambda: _typeset(lang, content, title, summary))
    if content is not None:
        instance._content = content
    if title is not None:
        instance.title = title
        if "title" in instance.metadata:
            instance.metadata["title"] = title
    # Pelican 4.12 keeps a summary from the metadata in metadata["summary"] and,
    # copied before this signal, in instance._summary; both must stay in step.
    if summary is not None:
        instance.metadata["summary"] = summary
        if hasattr(instance, "_summary"):
            instance._summary = summary


def _typeset(lang, content, title, summary):
    """(content, title, summary) with `lang`'s typography; None stays None."""
    # A title gets the quotes too ('"Czysta gmina"' -> „Czysta gmina”), around typogrify's
    # spans ("&" in a span): the same rules as the text; events make its plain text alike.
    html_rules = functools.partial(content_typography, lang=lang)
    return (None if content is None else html_rules(content),
            None if title is None else html_rules(title),
            None if summary is None else html_rules(summary))


def add_typo_filter(pelican) -> None:
    """Templates apply the same typography to settings text (site name, funding statement)."""
    pelican.settings.setdefault("JINJA_FILTERS", {})["typo"] = polish_text


_VERSION = code_version(*local_sources(sys.modules[__name__]))  # with editorial.quotes


def register() -> None:
    """Connect to content_object_init: it runs once per article or page, before caching."""
    signals.content_object_init.connect(polish_content)
    # initialized: before any template environment is made from the settings.
    signals.initialized.connect(add_typo_filter)
    logger.debug("polish_typography: connected to content_object_init")
