"""News that concern an event: named in its `Related:` key, or linking to the event's file.

A room change announced as news must reach residents from the event's own page.
"""

import re

from editorial.messages import Problem

_SEPARATORS = re.compile(r"[\s,]+")


def related_slugs(news, event_slugs, source):
    """(event slugs this news item concerns, problems with its Related: key)."""
    value = news.metadata.get("related", "")
    written = [s for s in _SEPARATORS.split(" ".join(value) if isinstance(value, list) else value)
               if s]
    problems = [Problem(source, "Related", slug, "nie ma wydarzenia o takim adresie (Slug)",
                        "Slug jednego z wydarzeń, np. " + (sorted(event_slugs) or ["spotkanie"])[0])
                for slug in written if slug not in event_slugs]
    content = getattr(news, "_content", "") or ""
    linked = [slug for slug in event_slugs  # a whole name: "spotkanie" is not "drugie-spotkanie"
              if re.search(rf"(?<![\w-]){re.escape(slug)}(?:\.md|/)", content)]
    slugs = [s for s in written if s in event_slugs]
    return slugs + [s for s in sorted(linked) if s not in slugs], problems
