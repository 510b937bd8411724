"""The admin a build adds (plugins/admin): Decap CMS from node_modules, only what the page
loads; config.yml made from the key table; the page's own policy, noindex, kept out of the
sitemap and robots; a build without the npm package says so once; while the sign-in relay is
not set up, the page says so in Polish instead of offering a login that fails."""

import json
import logging
import subprocess

import pytest
from pelican.settings import read_settings

from admin.config import EVENT_COLLECTION_KEYS, KEYS, PAGE_KEYS, TRANSLATION_KEYS, anchored
from admin.page import GITHUB_API, content_security_policy
from conftest import ROOT, build, soup
from editorial.keys import EVENT_KEYS

DIST = ROOT / "node_modules" / "decap-cms" / "dist"
YAML = ROOT / "node_modules" / "yaml"  # decap-cms's own YAML reader
NOW = "2025-01-10 12:00"
RELAY = {"ADMIN_OAUTH_RELAY": "https://partnerstwo-auth.example.workers.dev/auth",
         "ADMIN_REPO": "gmina-czernica/partnerstwo"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not (DIST / "decap-cms.js").exists():
        pytest.fail(f"{DIST} is missing: run `npm ci` (make test does)")
    return build(tmp_path_factory.mktemp("admin") / "output", EVENTS_NOW=NOW)


def read_yaml(path):
    """config.yml read by the same YAML library Decap reads it with."""
    script = ("const YAML = require(process.argv[1]); const fs = require('fs');"
              "const text = fs.readFileSync(process.argv[2], 'utf8');"
              "process.stdout.write(JSON.stringify(YAML.parse(text)))")
    result = subprocess.run(["node", "-e", script, str(YAML), str(path)], capture_output=True,
                            encoding="utf-8", check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def config(site):
    return read_yaml(site / "admin" / "config.yml")


def collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def test_the_admin_holds_decaps_bundle_its_chunks_and_our_scripts_only(site):
    admin = site / "admin"
    names = {p.name for p in admin.iterdir()}
    assert {"index.html", "config.yml", "keys.js", "pelican-format.js", "admin.js",
            "admin-init.js", "admin.css", "decap-cms.js"} <= names
    assert not [n for n in names if n.endswith(".map") or n.endswith(".cms.js") or n == "cms.js"]
    chunks = sorted(p.name for p in DIST.glob("*.decap-cms.js"))
    assert chunks and set(chunks) <= names
    assert (admin / "decap-cms.js").read_bytes() == (DIST / "decap-cms.js").read_bytes()
    assert sum(p.stat().st_size for p in admin.iterdir()) < 8 * 1024 * 1024  # no source maps


def test_the_page_is_polish_noindex_with_its_own_policy_and_no_inline_script(site):
    page = soup(site / "admin" / "index.html")
    assert page.html["lang"] == "pl"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert policy == content_security_policy({})
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'unsafe-eval'"  # Decap compiles with eval
    assert directives["connect-src"] == "'self' blob: http://localhost:8081"
    assert GITHUB_API not in policy  # nothing to connect to before the relay is set up
    scripts = page.find_all("script")
    assert [s["src"] for s in scripts] == ["keys.js", "pelican-format.js", "admin-init.js",
                                           "decap-cms.js", "admin.js"]
    assert all(not s.string for s in scripts)


def test_the_admin_is_in_robots_but_not_in_the_sitemap(site):
    assert "Disallow: /admin/" in (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_the_config_says_the_contract(config):
    assert config["locale"] == "pl"
    assert config["backend"] == {"name": "github", "repo": "", "branch": "main",
                                 "preview_context": "deploy/podglad-zmian"}
    assert config["publish_mode"] == "editorial_workflow"  # a draft: a pull request
    assert config["local_backend"] == {"url": "http://localhost:8081/api/v1"}
    assert config["slug"]["encoding"] == "ascii" and config["slug"]["clean_accents"] is True
    assert config["media_folder"] == "content/images"
    events = collection(config, "events")
    assert (events["folder"], events["create"], events["format"]) == (
        "content/wydarzenia", True, "pelican")
    assert events["filter"] == {"field": "Lang", "value": ""}  # translations stay out
    assert collection(config, "news")["folder"] == "content/aktualnosci"
    assert collection(config, "pages")["folder"] == "content/pages"
    # the link next to a draft opens its page in the pull request's preview
    assert [collection(config, name)["preview_path"] for name in ("events", "news", "pages")] \
        == ["wydarzenia/{{slug}}/", "aktualnosci/{{slug}}/", "{{slug}}/"]
    uk = collection(config, "events-uk")
    assert uk["filter"] == {"field": "Lang", "value": "uk"} and uk["folder"] == "content/wydarzenia"
    assert [f["name"] for f in uk["fields"]] == [*TRANSLATION_KEYS, "body"]
    assert [f["name"] for f in collection(config, "pages")["fields"]] == [*PAGE_KEYS, "body"]


def test_the_event_fields_are_the_key_table(config):
    fields = collection(config, "events")["fields"]
    assert [f["name"] for f in fields] == [*EVENT_COLLECTION_KEYS, "body"]
    labels = [f["label"] for f in fields]
    assert len(set(labels)) == len(labels)
    for spec in fields[:-1]:
        key = KEYS[spec["name"]]
        assert spec["label"] == key.label and spec["required"] == key.required, key.name
        assert all(example in spec["hint"] for example in key.example), key.name
        if key.choices:
            assert (spec["widget"], spec["options"]) == ("select", list(key.choices))
        elif key.multiline:
            assert spec["widget"] == "list" and spec["field"]["widget"] == "string"
        elif key.pattern and key.name != "Date":
            assert spec["pattern"][0] == anchored(key.pattern), key.name
            assert spec["pattern"][1].startswith("Oczekiwano: ")
    by_name = {f["name"]: f for f in fields}
    assert by_name["Event-start"]["required"] and by_name["Event-end"]["required"]
    assert by_name["Date"]["default"] == "{{now}}"
    assert by_name["Event-contacts"]["min"] == 1
    assert {k.name for k in EVENT_KEYS if k.multiline} == {
        f["name"] for f in fields if f.get("widget") == "list"}


def test_the_relay_setting_opens_github_sign_in(tmp_path):
    output = build(tmp_path / "output", EVENTS_NOW=NOW, **RELAY)
    config = read_yaml(output / "admin" / "config.yml")
    assert config["backend"] == {"name": "github", "repo": "gmina-czernica/partnerstwo",
                                 "branch": "main", "preview_context": "deploy/podglad-zmian",
                                 "base_url": "https://partnerstwo-auth.example.workers.dev",
                                 "auth_endpoint": "auth"}
    page = soup(output / "admin" / "index.html")
    assert page.body["data-relay"] == "ready"
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "connect-src 'self' blob: http://localhost:8081 https://api.github.com " \
           "https://partnerstwo-auth.example.workers.dev;" in policy
    link = page.select_one("#admin-notice a")["href"]
    assert link == ("https://github.com/gmina-czernica/partnerstwo/blob/main/docs/redakcja.md"
                    "#jednorazowa-konfiguracja-logowania-przez-github")


def test_a_build_without_decap_says_so_once_in_polish_and_builds_the_site(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        output = build(tmp_path / "output", EVENTS_NOW=NOW,
                       ADMIN_DECAP_DIST=str(tmp_path / "node_modules" / "decap-cms" / "dist"))
    said = [r.getMessage() for r in caplog.records if "decap-cms" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("Panel redakcji /admin/ nie został dodany")
    assert "npm ci" in said[0]
    assert not (output / "admin").exists() and (output / "index.html").exists()


def test_without_the_relay_the_page_explains_instead_of_a_failing_login(site, serve, browser):
    """Served on 127.0.0.1 with no local backend running: the Polish notice, no Decap."""
    context = browser.new_context(locale="pl-PL")
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    page.goto(f"{serve(site)}/admin/")
    notice = page.locator("#admin-notice")
    notice.wait_for(state="visible")
    assert notice.locator("h1").inner_text() == "Panel redakcji nie jest jeszcze skonfigurowany"
    assert "docs/redakcja.md" in notice.inner_text()
    assert page.get_by_role("button", name="Zaloguj przez GitHub").count() == 0
    assert violations == []
    context.close()


def test_nginx_and_apache_send_the_admins_policy_from_the_settings():
    """deploy/ repeats the admin's policy for hosts that send one as a header (a header and
    the page's meta tag would both apply: the stricter residents' one would stop Decap)."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    policy = f"{content_security_policy(settings)}; frame-ancestors 'none'"
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    block = nginx.split("location ~ /admin/ {")[1].split("}")[0]
    assert f'add_header Content-Security-Policy "{policy}" always;' in block
    htaccess = (ROOT / "deploy" / ".htaccess").read_text(encoding="utf-8")
    section = htaccess.split('<If "%{REQUEST_URI} =~ m#/admin/#">')[1].split("</If>")[0]
    assert f'Header always set Content-Security-Policy "{policy}"' in section


def test_the_preview_path_of_every_entry_is_its_page(config, site):
    """Decap adds preview_path to the preview's address: each file's own page."""
    checked = 0
    for name in ("events", "news", "pages"):
        spec = collection(config, name)
        for source in sorted((ROOT / spec["folder"]).glob("*.md")):
            header = source.read_text(encoding="utf-8-sig").split("\n\n")[0].splitlines()
            keys = dict(line.split(": ", 1) for line in header if ": " in line)
            if "Lang" in keys or keys.get("Status") == "draft" or \
                    keys.get("Slug", source.stem) != source.stem:
                continue  # a translation, a draft, an address other than the file's name
            path = spec["preview_path"].replace("{{slug}}", source.stem)
            assert (site / path / "index.html").is_file(), (name, source.name)
            checked += 1
    assert checked >= 5
