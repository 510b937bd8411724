"""HTML of an event page -> plain text for calendars: links stay visible as URLs."""

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.href = None
        self.link_text = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = []

    def handle_endtag(self, tag):
        if tag == "a" and self.href:
            target = self.href.removeprefix("mailto:").removeprefix("tel:")
            if target not in "".join(self.link_text):
                self.parts.append(f" ({target})")
            self.href = None

    def handle_data(self, data):
        data = data.replace("\n", " ")  # line breaks in HTML source are spaces
        self.parts.append(data)
        if self.href:
            self.link_text.append(data)


def html_to_text(html):
    """Visible text of an HTML fragment, paragraphs kept, spaces tidied."""
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    text = "".join(extractor.parts).replace("\u00a0", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
