"""What pelican-sitemap 1.2.2 needs from us: its state released when a build stops, and a
date for pages without one, so an unchanged site builds into the very same sitemap.xml."""

import os
import re
import sys


def _generator():
    module = sys.modules.get("pelican.plugins.sitemap.sitemap")
    return getattr(module, "generator", None)


def release():
    """pelican-sitemap waits for the build it saw start to finish; release it, or it skips
    sitemap.xml in every later build of this process (livereload, tests)."""
    generator = _generator()
    if generator is not None:
        generator._main_pelican = None
        generator.page_queue = []


def date_undated_pages(contents):
    """Pages, the home page and lists get the newest Date/Modified of the content instead of
    the wall clock of the process (which made every build's sitemap.xml new)."""
    generator = _generator()
    dates = [d for c in contents for d in (getattr(c, "modified", None), getattr(c, "date", None))
             if d is not None]
    if generator is not None and dates:
        generator.now = max(dates)


_URL = re.compile(r"<url>.*?</url>", re.DOTALL)
_LOC = re.compile(r"<loc>(.*?)</loc>")
# ref=: pelican-sitemap 1.2.2's typo; href= too, should a later release write it right.
_ALTERNATE = re.compile(r'<xhtml:link rel="alternate" hreflang="([^"]+)" h?ref="([^"]+)"/>\n')


def complete_alternates(pelican):
    """pelican-sitemap 1.2.2 writes a translation's link as `ref=` (not `href=`) and leaves
    out the page itself; search engines want every version, itself and x-default included,
    in each <url> (sitemaps.org extension for hreflang)."""
    path = os.path.join(pelican.output_path, "sitemap.xml")
    if not os.path.isfile(path):
        return
    settings = pelican.settings
    with open(path, encoding="utf-8") as f:
        text = f.read()
    fixed = _URL.sub(lambda m: _with_all_versions(m.group(), settings), text)
    if fixed != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(fixed)


def _with_all_versions(block, settings):
    loc = _LOC.search(block).group(1)
    others = _ALTERNATE.findall(block) or _home_versions(loc, settings)
    if not others:
        return block
    versions = dict(others)
    versions[_language_of(loc, settings)] = loc
    versions["x-default"] = versions.get(settings["DEFAULT_LANG"], loc)
    links = "".join(f'<xhtml:link rel="alternate" hreflang="{lang}" href="{url}"/>\n'
                    for lang, url in versions.items())
    return _ALTERNATE.sub("", block).replace("</url>", links + "</url>")


def _home_versions(url, settings):
    """The home page has one in every language (uk/ …), which pelican-sitemap cannot know."""
    default = settings["DEFAULT_LANG"]
    homes = {"": default, **{f"{lang}/": lang for lang in settings.get("LANGUAGES", {})
                             if lang != default}}
    path = url.removeprefix(settings["SITEURL"]).lstrip("/")
    if path not in homes:
        return []
    return [(lang, f"{settings['SITEURL']}/{home}") for home, lang in homes.items()
            if home != path]


def _language_of(url, settings):
    path = url.removeprefix(settings["SITEURL"]).lstrip("/")
    return next((lang for lang in settings.get("LANGUAGES", {})
                 if lang != settings["DEFAULT_LANG"] and path.startswith(f"{lang}/")),
                settings["DEFAULT_LANG"])
