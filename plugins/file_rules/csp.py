"""The pages' Content-Security-Policy (setting CONTENT_SECURITY_POLICY), read so that the
body rules follow it: what it lets a page load or run is allowed in an editor's text, what
it blocks is refused before a resident meets an empty frame or a broken image.

Only what an editor's HTML can meet is modelled (CSP Level 3, simplified): 'none', 'self',
'unsafe-inline', '*', scheme sources (https:, data:) and host sources (example.org,
*.example.org, https://example.org); nonces and hashes never match an editor's text."""

from urllib.parse import urlsplit

# Directives that fall back to another when the policy does not name them (CSP3 §6.8.3).
_FALLBACK = {"script-src": ("default-src",), "style-src": ("default-src",),
             "img-src": ("default-src",), "media-src": ("default-src",),
             "object-src": ("default-src",), "frame-src": ("child-src", "default-src"),
             "child-src": ("default-src",)}


class Policy:
    """One policy: {directive: [source expressions]}."""

    def __init__(self, text, site_url=""):
        self.directives = {}
        for part in (text or "").split(";"):
            words = part.split()
            if words:
                self.directives.setdefault(words[0].lower(), [w for w in words[1:]])
        self.site_origin = _origin(site_url) if site_url else None

    def sources(self, directive):
        """The directive's sources, after its fallbacks; None when nothing restricts it."""
        for name in (directive, *_FALLBACK.get(directive, ())):
            if name in self.directives:
                return [s.lower() for s in self.directives[name]]
        return None

    def allows_inline(self, directive):
        """Whether inline code (a <style> or <script> element, a style= or on…= attribute,
        a javascript: link) runs under `directive`."""
        sources = self.sources(directive)
        return sources is None or "'unsafe-inline'" in sources

    def allows_url(self, directive, url):
        """Whether a page of the site may load `url` (as written in the text) under
        `directive`."""
        sources = self.sources(directive)
        if sources is None:
            return True
        return any(self._matches(source, url) for source in sources)

    def _matches(self, source, url):
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if source == "'self'":
            return (not scheme and not parts.netloc) or (
                self.site_origin is not None and _origin(url) == self.site_origin)
        if source == "*":
            return scheme in ("", "http", "https") and (bool(parts.netloc) or not scheme)
        if source.endswith(":") and "/" not in source:
            return scheme == source[:-1]
        if source.startswith("'"):
            return False  # 'none', 'unsafe-inline', nonces, hashes: no URL matches them
        return _host_matches(source, parts)


def _origin(url):
    parts = urlsplit(url)
    return (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port)


def _host_matches(source, parts):
    """A host source: [scheme://]host[:port][/path]; the path is not compared."""
    wanted = urlsplit(source if "://" in source else f"//{source}")
    if wanted.scheme and wanted.scheme != parts.scheme.lower():
        return False
    if not wanted.scheme and parts.scheme.lower() not in ("http", "https", ""):
        return False
    host, pattern = (parts.hostname or "").lower(), (wanted.hostname or "")
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return bool(host) and host == pattern
