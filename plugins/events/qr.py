"""A QR code of a page's address as inline SVG, for the printed notice (no image request)."""

import functools
import io

import segno
from markupsafe import Markup, escape


def qr_svg(url, label="Kod QR z adresem tej strony"):
    """url -> an accessible inline <svg> element that encodes it, named `label` (the page's
    language)."""
    return Markup(_svg(url).replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


@functools.lru_cache(maxsize=16384)  # a live preview re-renders the same pages on every save
def _svg(url):
    buffer = io.BytesIO()
    # A fixed mask: any mask gives a valid code, and searching all eight is 3/4 of the cost.
    segno.make(url, error="m", mask=0).save(
        buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True,
        title=None, desc=None, svgclass="qr-code", lineclass=None, omitsize=False,
    )
    return buffer.getvalue().decode("utf-8")
