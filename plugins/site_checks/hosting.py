"""Response headers for hosts: the `_headers` file (Netlify, Cloudflare Pages) written into
the output, and the values deploy/nginx.conf and deploy/.htaccess must send (tested)."""

import os

HEADERS_FILE = "_headers"
CSS_CACHE = "public, max-age=31536000, immutable"  # site.css?v=<hash>: a new URL per change


def content_security_policy(settings):
    """The pages' policy plus what only a header can say: no framing by other sites."""
    return f"{settings['CONTENT_SECURITY_POLICY']}; frame-ancestors 'none'"


def security_headers(settings):
    return {
        "Content-Security-Policy": content_security_policy(settings),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings["REFERRER_POLICY"],
    }


def headers_file(settings):
    """Netlify / Cloudflare Pages `_headers`: paths from the site's root, headers indented."""
    rules = {
        "/*": security_headers(settings),
        "/*.ics": {"Content-Type": "text/calendar; charset=utf-8"},
        "/theme/css/*": {"Cache-Control": CSS_CACHE},
    }
    lines = ["# Response headers for Netlify and Cloudflare Pages (plugins/site_checks/hosting.py)"]
    for path, headers in rules.items():
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def write_headers_file(settings, output_path):
    if not settings.get("CONTENT_SECURITY_POLICY"):
        return  # a site without a policy (another theme) has nothing to send
    with open(os.path.join(output_path, HEADERS_FILE), "w", encoding="utf-8") as f:
        f.write(headers_file(settings))
