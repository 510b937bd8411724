"""Every page forbids scripts and other origins (Content-Security-Policy) and breaks nothing
of its own doing so: each page type is loaded in Chromium, nothing bypassed, and any CSP
violation the browser reports fails the test (issue 10)."""

import pytest
from pelican.settings import read_settings

from conftest import EVENT_PAGE, ROOT, STATES, soup

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))

# Runs before the page's own code in every document (the browser injects it, CSP or not) and
# records what the browser reports as blocked.
RECORD_VIOLATIONS = """
window.__csp = {ready: true, violations: []};
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
"""


def html_pages(site):
    """Residents' pages; the editors' /admin/ has its own policy (tests/test_admin.py)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("admin/"))


def test_every_page_carries_the_policy_and_the_referrer_policy(site):
    policy = SETTINGS["CONTENT_SECURITY_POLICY"]
    for directive in ("default-src 'none'", "object-src 'none'", "base-uri 'none'",
                      "form-action 'none'", "style-src 'self'", "img-src 'self'"):
        assert directive in policy
    assert "unsafe-inline" not in policy and "script-src" not in policy  # nothing may run
    for page in html_pages(site):
        html = soup(site / page)
        (csp,) = html.select('meta[http-equiv="Content-Security-Policy"]')
        assert csp["content"] == policy, page
        assert html.head.find("meta") is html.select_one("meta[charset]"), page
        (referrer,) = html.select('meta[name="referrer"]')
        assert referrer["content"] == "strict-origin-when-cross-origin", page


@pytest.mark.parametrize("state", STATES)
def test_no_page_triggers_a_csp_violation(browser, site_in, serve, state):
    site = site_in(state)
    base = serve(site)
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="pl-PL")
    context.add_init_script(RECORD_VIOLATIONS)
    console = []
    try:
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text)
                if "Content Security Policy" in message.text else None)
        pages = html_pages(site) if state == "open" else [
            "index.html", "wydarzenia/index.html", EVENT_PAGE]
        for name in pages:
            page.goto(f"{base}/{name.removesuffix('index.html')}", wait_until="load")
            page.wait_for_load_state("networkidle")
            recorded = page.evaluate("window.__csp")
            assert recorded["ready"], f"{name}: the violation recorder did not run"
            assert recorded["violations"] == [], f"{name}: {recorded['violations']}"
            # The page really is styled: the stylesheet was allowed.
            assert page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--text')"), name
        assert console == []
    finally:
        context.close()
