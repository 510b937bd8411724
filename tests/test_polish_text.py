"""What residents read follows Polish typography on every page, not only in content."""

import re

import pytest

from conftest import soup

SINGLE_LETTER_THEN_BREAK = re.compile(r"(?<![\w.@/-])[aiouwzAIOUWZ] (?=\w)")
ENGLISH_QUOTES = re.compile(r"[\"“]")


def prose(path, lang="pl"):
    """Visible text of a page in `lang`, without code and without the hidden structured data:
    a Polish page without what it marks as another language, and the reverse."""
    page = soup(path)
    for tag in page(["script", "style", "code", "pre", "kbd"]):
        tag.decompose()
    if page.html["lang"] == lang:
        for other in page.body.select(f"[lang]:not([lang={lang}])"):
            other.decompose()
        return page.body.get_text("\n")
    return "\n".join(e.get_text("\n") for e in page.body.select(f"[lang={lang}]"))


@pytest.mark.parametrize("now", ["2025-01-10 12:00", "2025-01-21 12:00", "2025-02-01 12:00"])
def test_no_single_letter_word_at_a_line_end_and_no_english_quotes(site_at, now):
    site = site_at(now)
    found = {}
    for path in sorted(site.rglob("*.html")):
        text = prose(path)
        bad = SINGLE_LETTER_THEN_BREAK.findall(text) + ENGLISH_QUOTES.findall(text)
        if bad:
            found[str(path.relative_to(site))] = [
                text[max(0, m.start() - 30):m.end() + 20]
                for m in list(SINGLE_LETTER_THEN_BREAK.finditer(text))[:3]
                + list(ENGLISH_QUOTES.finditer(text))[:3]]
    assert not found


def test_ukrainian_pages_use_ukrainian_quotes(site_at):
    site = site_at("2025-01-10 12:00")
    pages = sorted((site / "uk").rglob("*.html"))
    assert len(pages) >= 3
    for path in pages:
        text = prose(path, lang="uk")
        assert not re.findall(r"[„\"“]", text), (path, re.findall(r".{20}[„\"“].{20}", text))
