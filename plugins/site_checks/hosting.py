"""Response headers for hosts: the `_headers` file (Netlify, Cloudflare Pages) written into
the output, and the values deploy/nginx.conf and deploy/.htaccess must send (tested)."""

import os

from editorial.admin_site import FOLDER, POLICY_SETTING

HEADERS_FILE = "_headers"
CSS_CACHE = "public, max-age=31536000, immutable"  # site.css?v=<hash>: a new URL per change
# The admin plugin hands on its page's policy (Decap needs eval, inline styles, blob: and
# data: images, GitHub's API) in the setting POLICY_SETTING: made in plugins/admin/page.py.
ADMIN_PATH = f"/{FOLDER}/*"
# Cloudflare Pages joins the values of a header that several matching rules set (two
# policies: the stricter one would stop Decap); "! Name" detaches the one set before.
# Netlify skips a line without a colon and lets the later rule's value replace the earlier.
DETACH = "! "


def with_frame_ancestors(policy):
    """A page's policy plus what only a header can say: no framing by other sites."""
    return f"{policy}; frame-ancestors 'none'"


def security_headers(settings):
    return {
        "Content-Security-Policy": with_frame_ancestors(settings["CONTENT_SECURITY_POLICY"]),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": settings["REFERRER_POLICY"],
    }


def headers_file(settings):
    """Netlify / Cloudflare Pages `_headers`: paths from the site's root, headers indented;
    /admin/ gets its own policy instead of the residents' one."""
    rules = {
        "/*": security_headers(settings),
        "/*.ics": {"Content-Type": "text/calendar; charset=utf-8"},
        "/theme/css/*": {"Cache-Control": CSS_CACHE},
    }
    lines = ["# Response headers for Netlify and Cloudflare Pages (plugins/site_checks/hosting.py)"]
    for path, headers in rules.items():
        lines.append(path)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    if settings.get(POLICY_SETTING):
        lines += [ADMIN_PATH, f"  {DETACH}Content-Security-Policy",
                  f"  Content-Security-Policy: {with_frame_ancestors(settings[POLICY_SETTING])}"]
    return "\n".join(lines) + "\n"


def write_headers_file(settings, output_path):
    if not settings.get("CONTENT_SECURITY_POLICY"):
        return  # a site without a policy (another theme) has nothing to send
    with open(os.path.join(output_path, HEADERS_FILE), "w", encoding="utf-8") as f:
        f.write(headers_file(settings))
