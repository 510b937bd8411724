"""Pelican settings for local work: relative URLs, no feeds, preview on localhost.

`publishconf.py` overrides what production needs (absolute SITEURL, feeds).
"""

import os
import sys

# Local plugins live in plugins/; make them importable for Pelican and for tasks.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))


def N_(text):
    """Marks settings text residents read: templates show it in the page's language
    (plugins/translations/locale catalogues)."""
    return text


# Site identity
SITENAME = N_("Partnerstwo lokalne w gminie Czernica")
SITESUBTITLE = N_("Współpraca organizacji pozarządowych i instytucji gminy Czernica")
# Absolute only where an address must be absolute (calendar links, QR code, canonical);
# every link between pages stays relative, so the output works from any host and sub-path.
SITEURL = "http://localhost:8000"
RELATIVE_URLS = True
DEFAULT_LANG = "pl"
# The site's languages, each named in itself (the language links); a translation is a file
# with `Lang:` and the original's `Slug:` (CONTENT-MODEL.md). A new language: a line here,
# then `invoke translations` makes its catalogue in plugins/translations/locale/ to fill in;
# its og:locale and dates come from Babel (plugins/translations, plugins/events/dates.py).
LANGUAGES = {"pl": "Po polsku", "uk": "Українською"}
ARTICLE_LANG_URL = "{lang}/{category}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{category}/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
LOCALE = ("C",)  # dates are formatted by Babel, never by the system locale
TIMEZONE = "Europe/Warsaw"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

# Site-wide facts, one place each: templates read them, never repeat them.
PARTNERSHIP_CONTACTS = [
    {"institution": N_("Urząd Gminy Czernica"), "email": "j.herok@czernica.pl",
     "phone": "+48789059281"},
    {"institution": N_("Gminny Ośrodek Pomocy Społecznej w Czernicy"),
     "email": "p.kobak@gops.czernica.pl", "phone": "+48571226315"},
]
PARTNERSHIP_ORGANISERS = [
    N_("Wójt Gminy Czernica"),
    N_("Kierownik Gminnego Ośrodka Pomocy Społecznej"),
    N_("Regionalne Centrum Wspierania Inicjatyw Pozarządowych (RCWIP)"),
]
# Funding statements, chosen per article with `Funding: <key>`. The logo strip is the
# official file from the funding programme; it is not in the repository yet, so the
# build warns and the slot stays empty until an editor adds it (README checklist).
FUNDING = {
    "dows-fe-dolny-slask": {
        "statement": (
            "Spotkanie będzie odbywać się we współpracy z Urzędem Gminy Czernica, a możliwe "
            "jest dzięki projektowi „Dolnośląski Ośrodek Wspierania Ekonomii Społecznej we "
            "Wrocławiu” współfinansowanemu ze środków Europejskiego Funduszu Społecznego Plus "
            "w ramach Funduszy Europejskich dla Dolnego Śląska 2021-2027, Priorytet 7 Fundusze "
            "Europejskie na rzecz rynku pracy i włączenia społecznego na Dolnym Śląsku, "
            "Działanie 7.5 Aktywna integracja."
        ),
        "logo": "images/fe-dolny-slask-logotypy.png",
        "logo_alt": (
            "Fundusze Europejskie dla Dolnego Śląska, Rzeczpospolita Polska, Dofinansowane "
            "przez Unię Europejską, Województwo Dolnośląskie"
        ),
    },
}
# The header's coat of arms or partnership logo: a file the editors add to content/images/;
# until it is there the build warns and the header shows the name alone (README checklist).
SITE_LOGO = {"file": "images/herb-gminy-czernica.png", "alt": N_("Herb Gminy Czernica"),
             "width": 96, "height": 112}
# Whose site this is, said in every page's header and footer, with the gmina's official site.
GMINA_SITE = {"owner": N_("Serwis Gminy Czernica"), "url": "https://czernica.pl/",
              "label": "czernica.pl"}
# Every page's Content-Security-Policy (a <meta> tag; deploy/ and _headers send it as a
# header too): nothing runs, nothing is fetched from another origin. connect-src 'self' lets
# nothing of ours connect anywhere (no script may run), but lets audit tools that fetch from
# inside the page read robots.txt (Lighthouse, GoogleChrome/lighthouse#4386).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
REFERRER_POLICY = "strict-origin-when-cross-origin"
HOME_COMING_EVENTS = 5  # the next ones; the events list has them all
HOME_PAST_EVENTS = 3  # the home page stays light however many meetings took place
HOME_NEWS = 3
NEWS_LIST_URL = "aktualnosci/"
EVENTS_LIST_URL = "wydarzenia/"  # the one list of coming and past events (the category page)
MENUITEMS = [
    (N_("Wydarzenia"), EVENTS_LIST_URL),
    (N_("O partnerstwie"), "o-partnerstwie/"),
    (N_("Kontakt"), "kontakt/"),
]
# The easy-to-read text and the sign-language page, linked from every page's header with
# the wording public bodies' sites use (art. 6 pkt 3 lit. c of the accessibility act).
ACCESS_PAGES = [
    (N_("Tekst łatwy do czytania"), "tekst-latwy-do-czytania/"),
    (N_("Język migowy"), "jezyk-migowy/"),
]
# The pages every footer links, by their Polish address (a translation, where there is one).
FOOTER_PAGES = [
    (N_("Deklaracja dostępności"), "deklaracja-dostepnosci/"),
    (N_("Informacja o przetwarzaniu danych osobowych"), "dane-osobowe/"),
]
PRIVACY_PAGE = "dane-osobowe/"  # linked next to every RSVP button
ABOUT_PAGE = "o-partnerstwie"  # the slug of the page the home page introduces
# Plain UTF-8 text versions made from these pages by every build (the machine-readable file).
TEXT_VERSIONS = [ABOUT_PAGE]
# The office's recording in Polish Sign Language, with its captions: files editors add to
# content/video/ (the build warns while the recording is missing).
PJM_VIDEO = {"file": "video/pjm-partnerstwo.mp4", "captions": "video/pjm-partnerstwo.vtt",
             "captions_label": N_("Napisy po polsku")}

# Path settings
PATH = "content"
ARTICLE_PATHS = ["wydarzenia", "aktualnosci"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["extra", "images", "video"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
    "extra/.nojekyll": {"path": ".nojekyll"},
}
THEME = "theme"
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False  # a failed build must leave the last good output untouched

# URLs: Polish words, pretty folders, so the site works on any static host and sub-path.
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A folder is the category when an editor writes no Category:; these are its Polish names.
CATEGORY_TITLES = {"wydarzenia": N_("Wydarzenia"), "aktualnosci": N_("Aktualności")}
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"
ARCHIVES_URL = "archiwum/"
ARCHIVES_SAVE_AS = "archiwum/index.html"
SLUGIFY_SOURCE = "basename"  # the file name is the address unless Slug: says otherwise
# Pages nobody asked for: one taxonomy (the category) is enough for a small site.
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "archives", "404", "robots"]
ROBOTS_SAVE_AS = "robots.txt"  # a template, because it names the sitemap's absolute URL
TEMPLATE_PAGES = {}
DEFAULT_PAGINATION = False
DISPLAY_CATEGORIES_ON_MENU = False
DISPLAY_PAGES_ON_MENU = False  # the menu is MENUITEMS below, in the order residents need

# Feed settings: none while previewing (publishconf.py turns the Atom feed on)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Markdown: the standard extras; Polish quotes „…” (and «…» in Ukrainian text) come from
# plugins/polish_typography, in the pass over the text it makes anyway (Markdown's smarty
# extension costs a second inline pass); typogrify keeps what it does right.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}
TYPOGRIFY = True
# smartypants: English quotes; caps, initial_quotes: span noise (and a span would split an
# opening quote from its text); widont glues the last two words even when one is long, which
# splits long Polish words on phones.
TYPOGRIFY_OMIT_FILTERS = ["smartypants", "caps", "initial_quotes", "widont"]
TYPOGRIFY_IGNORE_TAGS = ["code", "pre", "kbd", "script"]

# Plugins: listed explicitly, so nothing installed is loaded behind our back. Their order
# does not matter, but for site_checks: it comes after the plugins whose problems it
# collects and whose output it completes, and the build says so if it does not.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["file_rules", "translations", "events", "polish_typography", "placeholders",
           "text_versions", "asset_version", "build_cache", "render_cache",
           "pelican.plugins.sitemap", "admin", "site_checks"]

# The form-based editor at /admin/ (plugins/admin; docs/redakcja.md, "Panel redakcji"):
# Decap CMS from node_modules, added when `npm ci` has installed it. Signing in with GitHub
# needs the repository and an OAuth relay's address (the one-time setup in docs/redakcja.md);
# while either is empty, /admin/ says so and works only with the local backend
# (`invoke admin`, decap-server at ADMIN_LOCAL_BACKEND).
ADMIN_REPO = ""  # "owner/name" on GitHub
ADMIN_OAUTH_RELAY = ""  # e.g. "https://partnerstwo-auth.example.workers.dev/auth"
ADMIN_LOCAL_BACKEND = "http://localhost:8081/api/v1"

# Sitemap: every page a resident may look for, not the error page
SITEMAP = {"format": "xml", "exclude": [r"^404\.html$", r"^archiwum/"]}  # archiwum/: a redirect

# Caching: editors' previews reread only the files that changed, judged by their content
# (a hash), never by their time; the plugins' caches (plugins/build_cache) follow these too.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
CHECK_MODIFIED_METHOD = "sha256"

# Events plugin (plugins/events)
EVENTS_DIR = "wydarzenia"
EVENTS_TIMEZONE = TIMEZONE
EVENTS_NOW = None  # None = the real time of the build; tests and editors may set "YYYY-MM-DD HH:MM"
EVENTS_CALENDAR_NAME = "Partnerstwo lokalne w gminie Czernica – wydarzenia"
EVENTS_UID_DOMAIN = "partnerstwo.czernica.pl"
EVENTS_AREA = (51.0873, 17.2452)  # Czernica: an Event-geo over EVENTS_AREA_KM (300) away warns
