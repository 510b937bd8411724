"""A QR code of a page's address as inline SVG, for the printed notice (no image request).

Making a code is the dearest thing an event page does (about 1 ms), and it depends on
nothing but the address and this code: `QrCodes` keeps the codes in CACHE_PATH between
builds (plugins/build_cache), keyed by the address, in a file named after this module's
source and segno's version. The label (in the page's language) is added on each use.
"""

import io

import segno
from markupsafe import Markup, escape

from build_cache import BuildCache, code_version

LABEL = "Kod QR z adresem tej strony"


def qr_svg(url, label=LABEL):
    """url -> an accessible inline <svg> element that encodes it, named `label` (the page's
    language)."""
    return _labelled(_svg(url), label)


def _labelled(svg, label):
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def _svg(url):
    buffer = io.BytesIO()
    # A fixed mask: any mask gives a valid code, and searching all eight is 3/4 of the cost.
    segno.make(url, error="m", mask=0).save(
        buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True,
        title=None, desc=None, svgclass="qr-code", lineclass=None, omitsize=False,
    )
    return buffer.getvalue().decode("utf-8")


class QrCodes:
    """The `qr_svg` filter of one build: codes from the previous build where it made them."""

    def __init__(self, settings):
        self.cache = BuildCache(settings, "events-qr", code_version(__file__, segno.__version__))

    def __call__(self, url, label=LABEL):
        return _labelled(self.cache.get(url, lambda: _svg(url)), label)

    def save(self):
        self.cache.save()

    def __reduce__(self):
        # Pickled as the plain qr_svg filter: Pelican's content cache pickles the settings
        # (their JINJA_FILTERS too) with every category it keeps; the codes must not go there.
        return _plain_filter, ()


def _plain_filter():
    return qr_svg
