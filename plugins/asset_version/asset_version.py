"""Puts a hash of the theme's stylesheet in CSS_VERSION, so its URL changes with its
content and hosts may cache it forever."""

import hashlib
import os

from pelican import signals

STYLESHEET = os.path.join("static", "css", "site.css")


def add_css_version(pelican):
    with open(os.path.join(pelican.settings["THEME"], STYLESHEET), "rb") as css:
        pelican.settings["CSS_VERSION"] = hashlib.sha256(css.read()).hexdigest()[:12]


def register():
    # initialized: before any template reads the settings.
    signals.initialized.connect(add_css_version)
