"""Plain UTF-8 text versions of chosen pages (a machine-readable file, as the accessibility
act asks of public bodies), made by every build from the pages themselves, never kept as a
second copy: TEXT_VERSIONS lists the slugs; each page gets `<page folder>/<slug>.txt` and a
`text_version_url` templates link to."""

import os

from pelican import signals
from pelican.generators import PagesGenerator

from events.text import html_to_text


def text_of(page, siteurl=""):
    """Title, summary and content as plain text: headings and list items on lines of their own.
    The title is HTML too (typogrify's <span class="amp">); links are absolute where SITEURL
    is, so the file works wherever it is saved."""
    content = page.get_content(siteurl) if siteurl.startswith("http") else page.content
    parts = [html_to_text(page.title), html_to_text(page.metadata.get("summary", "")),
             html_to_text(content)]
    return "\n\n".join(part for part in parts if part).replace("\u00a0", " ") + "\n"


def _save_as(page):
    return os.path.join(os.path.dirname(page.save_as), f"{page.slug}.txt")


def mark_pages(generators):
    """Give every chosen page (and its translations) the address of its text version."""
    for generator in generators:
        if not isinstance(generator, PagesGenerator):
            continue
        pages = (generator.pages + generator.hidden_pages + generator.translations
                 + generator.hidden_translations)
        for page in pages:
            if page.slug in page.settings.get("TEXT_VERSIONS", ()) and page.save_as:
                page.text_version_save_as = _save_as(page)


class TextVersionGenerator:
    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context, self.settings, self.output_path = context, settings, output_path

    def generate_output(self, writer):
        for page in self.context.get("pages", []) + self.context.get("hidden_pages", []):
            for version in [page, *page.translations]:
                save_as = getattr(version, "text_version_save_as", None)
                if save_as:
                    path = os.path.join(self.output_path, save_as)
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "w", encoding="utf-8", newline="\n") as f:
                        f.write(text_of(version, self.settings["SITEURL"]))


def get_generators(pelican):
    return TextVersionGenerator


def register():
    # all_generators_finalized: every page is read and has its address.
    signals.all_generators_finalized.connect(mark_pages)
    signals.get_generators.connect(get_generators)
