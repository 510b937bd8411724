"""Facts still to come ("[DO UZUPEŁNIENIA: …]", left by editors for the office) are shown to
residents as a neutral "Informacja w przygotowaniu", never as bold brackets, in the page's
text and in every event field that residents read; what is to be filled in stays in the
source, where the build's warnings point editors to it."""

import re

from pelican import signals

from translations.translations import translate

NOT_YET = "Informacja w przygotowaniu"
# The marker, with the bold that editors put around it so that it stands out in the source.
MARKER_HTML = re.compile(r"(?:<strong>)?\[DO UZUPEŁNIENIA:[^\[\]]*\](?:</strong>)?")
MARKER = re.compile(r"\*{0,2}\[DO UZUPEŁNIENIA:[^\[\]]*\]\*{0,2}")


def hide_markers(html, lang="pl"):
    """HTML with each marker as the neutral text (in `lang`)."""
    text = translate(lang, "Informacja w przygotowaniu")  # NOT_YET, for the catalogue
    shown = f'<span class="placeholder">{text}</span>'
    return MARKER_HTML.sub(lambda _: shown, html)


def neutral(text):
    """Plain text (an event field, for pages and calendars alike) with each marker as the
    neutral text."""
    return MARKER.sub(NOT_YET, text)


def on_content_init(instance):
    """Replace the markers in an article's or page's text and summary."""
    lang = getattr(instance, "lang", None) or "pl"
    if getattr(instance, "_content", None):
        instance._content = hide_markers(instance._content, lang)
    summary = instance.metadata.get("summary")
    if isinstance(summary, str):  # Pelican 4.12 keeps it in two places (polish_typography)
        instance.metadata["summary"] = hide_markers(summary, lang)
        if hasattr(instance, "_summary"):
            instance._summary = instance.metadata["summary"]


def register():
    # content_object_init: once per file, before Pelican caches it.
    signals.content_object_init.connect(on_content_init)
