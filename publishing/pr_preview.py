"""A pull request's preview: the site built for pr-preview/pr-N/ under the public address,
marked as a preview on every page (a banner at the top, like the local preview's, and
noindex), so nobody takes it for the published site and no search engine lists it."""

import html
import re
from pathlib import Path

from editorial.admin_site import FOLDER

from .pages import preview_path
from .preview import after_body

BANNER_TEXT = "Podgląd zmian – ta wersja nie jest opublikowana"
STYLESHEET = "__podglad__/podglad-zmian.css"  # in the preview only (CSP: own stylesheets)
STYLE = """\
.podglad-zmian { background: #fff4cc; color: #1a1a1a; border-bottom: 4px solid #8a5a00;
  padding: .75rem 1rem; font: 1rem/1.5 system-ui, sans-serif; text-align: center; }
.podglad-zmian p { margin: 0; }
"""
NOINDEX = '<meta name="robots" content="noindex, nofollow">'
NOT_PAGES = (f"{FOLDER}/",)  # the admin is no residents' page (noindex already)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


def preview_siteurl(siteurl, number):
    return f"{siteurl}/{preview_path(number)}"


def banner(number):
    return ('<aside class="podglad-zmian" lang="pl" aria-label="Podgląd zmian">'
            f"<p><strong>{html.escape(BANNER_TEXT)}.</strong> Propozycja zmian "
            f"nr\u00a0{number}, do sprawdzenia przez redakcję; wyszukiwarki jej nie "
            "pokazują.</p></aside>")


def mark_preview(output, siteurl, number):
    """Every page in `output` (built for `siteurl`) with noindex, the banner and its
    stylesheet."""
    output = Path(output)
    style = output / STYLESHEET
    style.parent.mkdir(parents=True, exist_ok=True)
    style.write_text(STYLE, encoding="utf-8")
    head = f'{NOINDEX}<link rel="stylesheet" href="{siteurl}/{STYLESHEET}">'
    for page in sorted(output.rglob("*.html")):
        if page.relative_to(output).as_posix().startswith(NOT_PAGES):
            continue
        text = page.read_text(encoding="utf-8")
        opening = _HEAD.search(text)
        with_banner = opening and after_body(text[:opening.end()] + head + text[opening.end():],
                                             banner(number))
        if with_banner:
            page.write_text(with_banner, encoding="utf-8")

