"""More of "What a file may hold" (CONTENT-MODEL.md): the gaps a probe of 130 wrong files
found after the first rules, each with its wrong input and the editor's exact message."""

import pytest

from support import settings

from editorial.sources import split_lines, text_lines
from file_rules.rules import file_problems

SOURCE = "content/wydarzenia/x.md"
HEAD = "Title: T\nDate: 2025-01-08 12:00\n"
CHARACTER = ("Oczekiwano: tekst bez tego znaku – usuń go (zostaje zwykle po wklejeniu tekstu z "
             "innego programu); najprościej przepisz ten wiersz na nowo.")
SEPARATOR = ("– wygląda jak koniec wiersza, ale nim nie jest: strona i kalendarz czytają go jako "
             f"znak w środku wiersza. {CHARACTER}")


def problems(text, folder="wydarzenia"):
    return [str(p) for p in file_problems(text.encode("utf-8"), SOURCE, folder, settings())]


# --- characters str.splitlines() would have taken for line ends --------------------------

@pytest.mark.parametrize("text, expected", [
    (HEAD + "Summary: na\x0bbezpłatne warsztaty\n\nT\n",
     f"wiersz 3: niewidoczny znak sterujący (U+000B, VT). {CHARACTER}"),
    (HEAD + "Summary: na\x0cbezpłatne warsztaty\n\nT\n",
     f"wiersz 3: niewidoczny znak sterujący (U+000C, FF). {CHARACTER}"),
    ("Title: Spotkanie\x1cpartnerstwa\nDate: 2025-01-08 12:00\n\nT\n",
     f"wiersz 1: niewidoczny znak sterujący (U+001C, FS). {CHARACTER}"),
    (HEAD + "Summary: a\x1db\n\nT\n", f"wiersz 3: niewidoczny znak sterujący (U+001D, GS). {CHARACTER}"),
    (HEAD + "Summary: a\x1eb\n\nT\n", f"wiersz 3: niewidoczny znak sterujący (U+001E, RS). {CHARACTER}"),
    (HEAD + "Event-location: Świetlica\x85ul. Główna 1\n\nT\n",
     f"wiersz 3: niewidoczny znak sterujący (U+0085, NEL). {CHARACTER}"),
    (HEAD + "\nPierwszy akapit.\n\nDrugi\x85akapit.\n",
     f"wiersz 6: niewidoczny znak sterujący (U+0085, NEL). {CHARACTER}"),
    (HEAD + "\nStrona\x0cdruga.\n", f"wiersz 4: niewidoczny znak sterujący (U+000C, FF). {CHARACTER}"),
    (HEAD + "\nWiersz\x0bz Shift+Enter.\n",
     f"wiersz 4: niewidoczny znak sterujący (U+000B, VT). {CHARACTER}"),
    (HEAD + "Summary: na bezpłatne\u2028warsztaty\n\nT\n",
     f"wiersz 3: niewidoczny separator wiersza (U+2028) {SEPARATOR}"),
    (HEAD + "\nAkapit\u2029drugi.\n", f"wiersz 4: niewidoczny separator akapitu (U+2029) {SEPARATOR}"),
])
def test_a_character_that_splitlines_ends_a_line_at_is_a_character_in_its_line(text, expected):
    assert problems(text) == [f"{SOURCE}, {expected}"]


def test_later_lines_keep_their_numbers_after_such_a_character():
    text = HEAD + "\nStrona\x0cdruga.\n\n<script>x()</script>\n"
    assert [p.split(":")[0] for p in problems(text)] == [f"{SOURCE}, wiersz 4",
                                                         f"{SOURCE}, wiersz 6"]


@pytest.mark.parametrize("text, lines", [
    ("a\nb\n", ["a", "b"]),
    ("a\r\nb\r\n", ["a", "b"]),
    ("a\rb", ["a", "b"]),  # an old Mac file: Pelican opens files with universal newlines
    ("a\x0bb\x0cc\x1cd\x85e\u2028f\n\n", ["a\x0bb\x0cc\x1cd\x85e\u2028f", ""]),
    ("", []),
])
def test_editor_text_is_split_at_line_feeds_and_carriage_returns_only(text, lines):
    assert split_lines(text) == lines


def test_a_file_read_for_its_lines_is_split_the_same_way(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"\xef\xbb\xbfTitle: a\x0bb\r\nDate: 2025-01-08 12:00\r\n")
    assert text_lines(path) == ["Title: a\x0bb", "Date: 2025-01-08 12:00"]


def test_a_file_with_old_mac_line_ends_is_read():
    assert problems(HEAD.replace("\n", "\r") + "\rTekst.\r") == []
