"""Hosting files that are tested: deploy/nginx.conf on a real nginx (Debian's package, on
127.0.0.1), deploy/.htaccess and the `_headers` file in the output say the same policy as
the settings."""

import re
import subprocess
from pathlib import Path

import pytest
from pelican.settings import read_settings

from conftest import EVENT_ICS, ROOT, build, fetch, free_port, soup, wait_for
from publishing.crawl import crawl_site, mount

NGINX = "/usr/sbin/nginx"
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
POLICY = SETTINGS["CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'none'"
SECURITY = {"Content-Security-Policy": POLICY, "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": SETTINGS["REFERRER_POLICY"]}
NOW = "2025-01-10 12:00"


def replace_once(text, old, new):
    assert text.count(old) == 1, old
    return text.replace(old, new)


def server_block(port, root, subpath=""):
    """deploy/nginx.conf as an admin would adapt it: the address, the folder, the sub-path."""
    block = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    block = replace_once(block, "listen 80;", f"listen 127.0.0.1:{port};")
    block = replace_once(block, "root /var/www/partnerstwo;", f"root {root};")
    if subpath:
        block = replace_once(block, "error_page 404 /404.html;",
                             f"error_page 404 /{subpath}/404.html;")
    return block


@pytest.fixture(scope="module", params=["", "partnerstwo"], ids=["root", "sub-path"])
def nginx(request, tmp_path_factory):
    """(base URL, output): a publish build served by a real nginx with deploy/nginx.conf."""
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: run .ci/install-system-packages (apt-get install nginx)")
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()
    base = f"http://127.0.0.1:{port}/{request.param}".rstrip("/")
    www = tmp / "www"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", base)
        output = build(mount(www, base), conf="publishconf.py", EVENTS_NOW=NOW)
    (tmp / "site.conf").write_text(server_block(port, www, request.param), encoding="utf-8")
    temp_paths = "".join(f"    {name}_temp_path {tmp}/{name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp / "nginx.conf").write_text(
        f"daemon off;\nmaster_process off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;"
        f"\n    access_log off;\n{temp_paths}    include {tmp}/site.conf;\n}}\n",
        encoding="utf-8")
    server = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"),
                               "-e", str(tmp / "error.log")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if not wait_for(lambda: fetch(f"{base}/")[0] == 200, seconds=20):
            server.terminate()
            pytest.fail(f"nginx did not start: {server.communicate(timeout=10)[1]!r}")
        yield base, output
    finally:
        server.terminate()
        server.wait(timeout=10)


def css_url(output, base):
    href = soup(output / "index.html").find("link", rel="stylesheet")["href"]
    return f"{base}/{href.lstrip('./')}"


def test_nginx_sends_each_file_with_its_type_and_the_security_headers(nginx):
    base, output = nginx
    expected = {
        f"{base}/": "text/html; charset=utf-8",
        f"{base}/o-partnerstwie/": "text/html; charset=utf-8",  # a pretty address: a folder
        css_url(output, base): "text/css; charset=utf-8",
        f"{base}/kalendarz.ics": "text/calendar; charset=utf-8",
        f"{base}/{EVENT_ICS}": "text/calendar; charset=utf-8",
        f"{base}/favicon.svg": "image/svg+xml; charset=utf-8",
        f"{base}/sitemap.xml": "text/xml; charset=utf-8",
    }
    for url, content_type in expected.items():
        status, headers, body = fetch(url)
        assert (status, headers["Content-Type"]) == (200, content_type), url
        assert {name: headers[name] for name in SECURITY} == SECURITY, url
        path = url.removeprefix(f"{base}/").split("?")[0]
        assert body == (output / path / "index.html" if path.endswith("/") or not path
                        else output / path).read_bytes(), url


def test_nginx_caches_the_hashed_stylesheet_for_a_year(nginx):
    base, output = nginx
    assert "?v=" in css_url(output, base)
    assert fetch(css_url(output, base))[1]["Cache-Control"] == "max-age=31536000"
    assert fetch(f"{base}/")[1]["Cache-Control"] is None


def test_nginx_answers_any_missing_address_with_the_404_page(nginx):
    base, output = nginx
    for missing in ("nie-ma-takiej-strony", "wydarzenia/stare/spotkanie/", "a/b/c/d.html"):
        status, headers, body = fetch(f"{base}/{missing}")
        assert (status, headers["Content-Type"]) == (404, "text/html; charset=utf-8"), missing
        assert body == (output / "404.html").read_bytes()
        assert headers["Content-Security-Policy"] == POLICY


def test_every_link_works_through_nginx(nginx):
    base, output = nginx
    crawl = crawl_site(base, base)
    assert crawl.broken == {}
    assert crawl.visited("/kalendarz.ics") and crawl.visited("/o-partnerstwie/")


def test_htaccess_sends_the_same_policy_and_types():
    text = (ROOT / "deploy" / ".htaccess").read_text(encoding="utf-8")
    site_wide = text.split("<If ")[0]  # /admin/ has its own policy (tests/test_admin.py)
    assert re.findall(r'Header always set (\S+) "([^"]*)"', site_wide) == list(SECURITY.items())
    assert "AddType text/calendar .ics" in text.splitlines()
    assert "ErrorDocument 404 /404.html" in text.splitlines()


def test_nginx_conf_sends_exactly_the_settings_policy():
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = text.split("location ~ /admin/")[0]  # /admin/ has its own (tests/test_admin.py)
    assert re.findall(r'^\s*add_header (\S+) "([^"]*)" always;', server, re.M) == list(
        SECURITY.items())
    assert not re.search(r"^\s*types\s*\{", text, re.M)  # it would replace every MIME type


def test_the_output_has_a_headers_file_for_netlify_and_cloudflare(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    rules, path = {}, None
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            path = line
            rules[path] = {}
        elif line.strip().startswith("! "):  # Cloudflare's detach of an earlier rule's header
            rules[path][line.strip()] = None
        else:
            name, value = line.strip().split(": ", 1)
            rules[path][name] = value
    admin = soup(site / "admin" / "index.html").select_one(
        'meta[http-equiv="Content-Security-Policy"]')["content"]
    assert rules == {
        "/*": SECURITY,
        "/*.ics": {"Content-Type": "text/calendar; charset=utf-8"},
        "/theme/css/*": {"Cache-Control": "public, max-age=31536000, immutable"},
        # its own policy (tests/test_hosting.py: what each host sends)
        "/admin/*": {"! Content-Security-Policy": None,
                     "Content-Security-Policy": f"{admin}; frame-ancestors 'none'"},
    }


def test_nginx_sends_the_admin_its_own_policy(nginx):
    """/admin/ (plugins/admin) gets the policy its page carries; everything else keeps the
    residents' one."""
    base, output = nginx
    page = soup(output / "admin" / "index.html")
    meta = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    for url in (f"{base}/admin/", f"{base}/admin/decap-cms.js", f"{base}/admin/config.yml"):
        status, headers, _ = fetch(url)
        assert status == 200, url
        assert headers["Content-Security-Policy"] == f"{meta}; frame-ancestors 'none'", url
        assert headers["X-Content-Type-Options"] == "nosniff", url
    assert fetch(f"{base}/")[1]["Content-Security-Policy"] == POLICY
