"""What pelican-sitemap 1.2.2 needs from us: its state released when a build stops, and a
date for pages without one, so an unchanged site builds into the very same sitemap.xml."""

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
