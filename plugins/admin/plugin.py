"""The form-based editor at /admin/: Decap CMS copied from its npm package (pinned in
package-lock.json; never a CDN) with the page, its configuration made from the key table,
and the site's own format of content files.

The site builds without Node: when node_modules/decap-cms is missing, the build says so
once, in Polish, and the site is built without /admin/.

Signals: initialized (the admin's Content-Security-Policy handed on as the setting
ADMIN_CONTENT_SECURITY_POLICY, so the hosting headers site_checks writes send /admin/ the
policy its page carries); finalized (the output is complete; site_checks, listed after this
plugin, then moves it out of its staging folder).
"""

import logging
import os
import shutil

from pelican import signals

from editorial.admin_site import ENTRY, FOLDER, POLICY_SETTING

from .config import config_yml
from .page import content_security_policy, index_html, keys_js

log = logging.getLogger(__name__)
HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.join(HERE, "assets")
PROJECT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DIST = os.path.join(PROJECT, "node_modules", "decap-cms", "dist")
# Our scripts around Decap's, in the order the page runs them: admin-init.js sets the flag
# Decap reads as it loads (manual start), admin.js registers the format and starts it.
SCRIPTS = ("keys.js", "pelican-format.js", "admin-init.js", ENTRY, "admin.js")
MISSING = ("Panel redakcji /admin/ nie został dodany: brak pakietu npm decap-cms "
           "({path}). Strona zbudowała się bez niego; aby go dodać, uruchom w katalogu "
           "projektu `npm ci` (potrzebny Node.js 20 lub nowszy).")


def decap_dist(settings):
    return settings.get("ADMIN_DECAP_DIST") or DEFAULT_DIST


def loaded_files(dist):
    """What the page loads from Decap's dist/: the bundle, its lazy chunks and their
    WebAssembly, and the licence notices (no source maps: 60 MB nobody loads)."""
    names = sorted(os.listdir(dist))
    return [name for name in names if name == ENTRY or name.endswith(f".{ENTRY}")
            or name.endswith(".wasm") or name == f"{ENTRY}.LICENSE.txt"]


def write_admin(pelican):
    settings = pelican.settings
    dist = decap_dist(settings)
    if not os.path.isfile(os.path.join(dist, ENTRY)):
        log.warning(MISSING.format(path=os.path.relpath(dist, PROJECT)))
        return
    target = os.path.join(pelican.output_path, FOLDER)
    os.makedirs(target, exist_ok=True)
    for name in loaded_files(dist):
        shutil.copyfile(os.path.join(dist, name), os.path.join(target, name))
    for name in os.listdir(ASSETS):
        shutil.copyfile(os.path.join(ASSETS, name), os.path.join(target, name))
    texts = {"index.html": index_html(settings, SCRIPTS), "config.yml": config_yml(settings),
             "keys.js": keys_js()}
    for name, text in texts.items():
        with open(os.path.join(target, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def hand_on_policy(pelican):
    """The admin's policy, made once from the settings, for whoever sends it as a header."""
    pelican.settings[POLICY_SETTING] = content_security_policy(pelican.settings)


def register():
    signals.initialized.connect(hand_on_policy)
    signals.finalized.connect(write_admin)
