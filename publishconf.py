"""Production settings: `pelicanconf.py` plus what only the public site needs.

SITEURL comes from the environment (tasks.py `invoke publish --siteurl ...` sets it), so
the same files build for GitHub Pages, a sub-path, or any other static host.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = True  # every internal link works at the root and under a sub-path

# Feed settings: one Atom feed of events and news
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/wszystko.atom.xml"

# Drafts are previewed locally, never published
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# A publish build always starts from nothing, so nothing stale is shipped.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
