"""Links in a translation's text to a page that has no version in its language.

An editor translating into Ukrainian writes [Контакти]({filename}kontakt.md) as in Polish;
the contact page has no Ukrainian version, so the link leads to a Polish page. The theme's
own links say so (hreflang for programs, a visible "(польською)" for residents); this does
the same for links in the text, so the editor need not know the markup. A link the editor
marked already (its own hreflang) is left as written, and a mark is not added where the
text goes on with a bracket of its own that says it: "(сторінка польською мовою)".
"""

import html
import posixpath
import re
from urllib.parse import unquote

# A link Markdown made from an intrasite address ({filename}… or |filename|…), before
# Pelican turns it into the target's URL; then any bracket that follows it.
_LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>"
                   r"(?P<bracket>\s*\((?P<said>[^()]*)\))?", re.S)
_TARGET = re.compile(r"""\bhref=(["'])[{|]filename[|}](?P<path>[^"'#?]*)""")


def mark_links(versions, generated_content, default_lang, mark):
    """Each of `versions` (content not in `default_lang`) with its links to pages in another
    language marked; `mark(lang)` is the visible text for a page in `default_lang`."""
    for content in versions:
        text = getattr(content, "_content", None)
        if not text or "filename" not in text:
            continue
        source_dir = posixpath.dirname(content.relative_source_path.replace("\\", "/"))
        content._content = _LINK.sub(
            lambda link: _marked(link, content.lang, source_dir, generated_content,
                                 default_lang, mark), text)


def _marked(link, lang, source_dir, generated_content, default_lang, mark):
    attrs = link["attrs"]
    found = _TARGET.search(attrs)
    target = found and generated_content.get(_source_path(source_dir, found["path"]))
    if (not target or "hreflang=" in attrs or getattr(target, "lang", lang) == lang
            or any(version.lang == lang for version in getattr(target, "translations", []))):
        return link[0]
    marked = f'<a{attrs} hreflang="{html.escape(target.lang)}">{link["text"]}</a>'
    bracket = link["bracket"] or ""
    if target.lang != default_lang or mark(lang) in (link["said"] or ""):
        return marked + bracket
    return f'{marked} <span class="in-language">({html.escape(mark(lang))})</span>{bracket}'


def _source_path(source_dir, path):
    """The target's path in the content folder, found as Pelican finds it."""
    path = unquote(path)
    return posixpath.normpath(path[1:] if path.startswith("/")
                              else posixpath.join(source_dir, path))
