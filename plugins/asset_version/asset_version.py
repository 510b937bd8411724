"""Puts a hash of the theme's stylesheet in CSS_VERSION, so its URL changes with its
content and hosts may cache it forever."""

import hashlib
import os

from pelican import signals

STYLESHEET = os.path.join("static", "css", "site.css")


def add_css_version(pelican):
    path = os.path.join(pelican.settings["THEME"], STYLESHEET)
    if os.path.isfile(path):  # signals outlive a build: another theme may be in use now
        with open(path, "rb") as css:
            pelican.settings["CSS_VERSION"] = hashlib.sha256(css.read()).hexdigest()[:12]


def register():
    # initialized: before any template reads the settings.
    signals.initialized.connect(add_css_version)
