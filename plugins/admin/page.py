"""admin/index.html and admin/keys.js: the page that loads Decap CMS, its own
Content-Security-Policy (Decap needs more than the residents' pages allow), and the key
shapes pelican-format.js reads."""

import json
from html import escape
from urllib.parse import urlsplit

from editorial.keys import CONTENT_KEYS, EVENT_KEYS

GITHUB_API = "https://api.github.com"
GITHUB_AVATARS = "https://avatars.githubusercontent.com"  # the signed-in editor's picture
SETUP_ANCHOR = "jednorazowa-konfiguracja-logowania-przez-github"
DOCS = "docs/redakcja.md"


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def relay_ready(settings):
    return bool(settings.get("ADMIN_OAUTH_RELAY") and settings.get("ADMIN_REPO"))


def local_backend(settings):
    return settings.get("ADMIN_LOCAL_BACKEND", "http://localhost:8081/api/v1")


def content_security_policy(settings):
    """Only what Decap uses: its own scripts (it compiles its config schema with eval, and
    its WebAssembly needs the same), inline styles (emotion), blob:/data: images (uploads,
    previews), connections to the local backend and, once set up, GitHub's API and the
    relay. Sent as a header too where the host allows a policy per folder (deploy/)."""
    connect = ["'self'", "blob:", origin(local_backend(settings))]
    images = ["'self'", "data:", "blob:"]
    if relay_ready(settings):
        connect += [GITHUB_API, origin(settings["ADMIN_OAUTH_RELAY"])]
        images.append(GITHUB_AVATARS)
    return "; ".join([
        "default-src 'none'", "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'", f"img-src {' '.join(images)}",
        f"connect-src {' '.join(connect)}", "object-src 'none'", "base-uri 'none'",
        "form-action 'none'", "manifest-src 'none'",
    ])


def setup_link(settings):
    """Where the one-time sign-in setup is described (the repository's docs on GitHub)."""
    repo = settings.get("ADMIN_REPO")
    if repo:
        return f"https://github.com/{repo}/blob/main/{DOCS}#{SETUP_ANCHOR}"
    return None


def notice(settings):
    """The Polish notice shown instead of a GitHub sign-in that would fail."""
    link = setup_link(settings)
    where = (f'<a href="{escape(link)}">w\u00a0instrukcji dla redakcji</a>' if link else
             f"w\u00a0instrukcji dla redakcji ({DOCS}, rozdział „Jednorazowa konfiguracja "
             "logowania przez GitHub”)")
    return (
        '<main id="admin-notice" class="admin-notice" hidden>\n'
        "<h1>Panel redakcji nie jest jeszcze skonfigurowany</h1>\n"
        "<p>Logowanie przez GitHub wymaga jednorazowej konfiguracji: aplikacji OAuth na "
        "GitHubie i\u00a0małego pośrednika logowania. "
        "Dopóki w\u00a0<code>pelicanconf.py</code> nie ma "
        "ustawień <code>ADMIN_OAUTH_RELAY</code> i\u00a0<code>ADMIN_REPO</code>, zalogować się "
        "tu nie można.</p>\n"
        f"<p>Jak to zrobić krok po kroku, opisujemy {where}.</p>\n"
        "<p>Na własnym komputerze panel działa bez tej konfiguracji: uruchom "
        "<code>.venv/bin/invoke admin</code> i\u00a0otwórz "
        "<code>http://localhost:8000/admin/</code>.</p>\n"
        "</main>\n")


def index_html(settings, scripts):
    policy = content_security_policy(settings)
    sitename = escape(settings.get("SITENAME", ""))
    referrer = settings.get("REFERRER_POLICY", "same-origin")
    tags = "\n".join(f'<script src="{escape(src)}"></script>' for src in scripts)
    return (
        "<!doctype html>\n"
        '<html lang="pl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        f'<meta name="referrer" content="{escape(referrer)}">\n'
        f"<title>Redakcja – {sitename}</title>\n"
        '<link rel="stylesheet" href="admin.css">\n'
        "</head>\n"
        f'<body data-relay="{"ready" if relay_ready(settings) else ""}" '
        f'data-local-backend="{escape(local_backend(settings))}">\n'
        f"{notice(settings)}{tags}\n</body>\n</html>\n")


def keys_js():
    """The keys' shapes for pelican-format.js: names, one-value-a-line keys, how lines join."""
    keys = [{"name": key.name, "multiline": key.multiline, "join": key.join}
            for key in CONTENT_KEYS + EVENT_KEYS]
    table = json.dumps({"keys": keys}, ensure_ascii=False, indent=1)
    return ("/* Written by the build from plugins/editorial/keys.py (plugins/admin). */\n"
            '(typeof window !== "undefined" ? window : globalThis).PelicanKeys = '
            f"{table};\n")
