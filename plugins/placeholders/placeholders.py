"""Facts still to come ("[DO UZUPEŁNIENIA: …]", left by editors for the office) are shown to
residents as a neutral "Informacja w przygotowaniu", never as bold brackets; what is to be
filled in stays in the source, where the build's warnings point editors to it."""

import re

from pelican import signals

# The marker, with the bold that editors put around it so that it stands out in the source.
MARKER = re.compile(r"(?:<strong>)?\[DO UZUPEŁNIENIA:[^\[\]]*\](?:</strong>)?")
SHOWN = '<span class="placeholder">Informacja w\u00a0przygotowaniu</span>'


def hide_markers(html):
    return MARKER.sub(SHOWN, html)


def on_content_init(instance):
    """Replace the markers in an article's or page's text and summary."""
    if getattr(instance, "_content", None):
        instance._content = hide_markers(instance._content)
    summary = instance.metadata.get("summary")
    if isinstance(summary, str):  # Pelican 4.12 keeps it in two places (polish_typography)
        instance.metadata["summary"] = hide_markers(summary)
        if hasattr(instance, "_summary"):
            instance._summary = instance.metadata["summary"]


def register():
    # content_object_init: once per file, before Pelican caches it.
    signals.content_object_init.connect(on_content_init)
