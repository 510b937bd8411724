"""All editor input is untrusted: any text in any key, any bytes as a file, gives either a
good result or the editor's Polish list of problems — never a traceback, and a failed
build writes nothing. Most examples run against the model and the reader directly; a few
go through whole builds."""

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT, build
from support import settings as site_settings

from editorial.keys import CONTENT_KEYS, EVENT_KEYS
from editorial.messages import InvalidContent, Problem
from events.model import parse_event
from file_rules.reader import EditorsMarkdownReader
from file_rules.rules import file_problems

# What editors paste: control and bidi characters, hard spaces, digits of other scripts,
# typographic punctuation, Polish letters, and the characters forms are made of.
TRICKY = ("\x00\x07\x1b\x7f\t\r\u00a0\u202f\u2007\u202e\u2066\u200b\ufeff"
          "٠١٢٣٤٥٦٧٨٩０１２３４５６７８９„”–—…’ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
FORM_BITS = ("0123456789-:., @+()/[]<>&\"'#*_\n" "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
pieces = st.one_of(
    st.text(alphabet=TRICKY + FORM_BITS, max_size=40),
    st.text(max_size=20),  # anything Unicode has
    st.sampled_from(["2025-01-22 16:00", "2025-01-22", "Europe/Warsaw", "j.herok@czernica.pl",
                     "789 059 281", "51.0873, 17.2452", "weekly", "free", "cancelled",
                     "0001-01-01 00:00", "9999-12-31", "[DO UZUPEŁNIENIA: x]", "<script>"]),
)
values = st.lists(pieces, min_size=1, max_size=3).map("".join)
value_lines = st.one_of(values, st.lists(values, min_size=1, max_size=3))
EVENT_NAMES = [key.lower for key in EVENT_KEYS]
metadata = st.dictionaries(st.sampled_from(EVENT_NAMES + ["event-adres", "event-"]),
                           value_lines, max_size=len(EVENT_NAMES))


def _is_editors_list(problems):
    assert problems and all(isinstance(p, Problem) for p in problems)
    assert all(str(p) and p.reason for p in problems)


@settings(max_examples=400, deadline=None)
@given(metadata)
def test_any_values_in_any_event_keys_give_an_event_or_the_list(found):
    try:
        parse_event(found, source="content/wydarzenia/x.md", slug="x", title="X",
                    default_timezone="Europe/Warsaw", uid_domain="x")
    except InvalidContent as invalid:
        _is_editors_list(invalid.problems)


HEADER_KEYS = [key.name for key in CONTENT_KEYS + EVENT_KEYS] + ["Event start", "Event-start "]
header_line = st.tuples(st.sampled_from(HEADER_KEYS), values).map(lambda kv: f"{kv[0]}: {kv[1]}")
file_text = st.tuples(st.lists(st.one_of(header_line, values), max_size=8), values).map(
    lambda parts: "\n".join(parts[0]) + "\n\n" + parts[1])
file_bytes = st.one_of(
    st.binary(max_size=300),
    file_text.map(lambda text: text.encode("utf-8")),
    file_text.map(lambda text: text.encode("cp1250", errors="replace")),
    file_text.map(lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")),
)


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory):
    found = site_settings()
    (Path(found["PATH"]) / "wydarzenia").mkdir(exist_ok=True)
    return found, Path(found["PATH"])


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=file_bytes)
def test_any_bytes_as_a_file_are_read_or_refused_with_the_list(reader_site, raw):
    """The reader (file rules, then Pelican's Markdown) and the model on what it read."""
    found, content = reader_site
    path = content / "wydarzenia" / "plik.md"
    path.write_bytes(raw)
    try:
        _, metadata = EditorsMarkdownReader(found).read(str(path))
        parse_event(metadata, source="content/wydarzenia/plik.md", slug="plik", title="X",
                    default_timezone="Europe/Warsaw", uid_domain="x")
    except InvalidContent as invalid:
        _is_editors_list(invalid.problems)


def test_rules_name_the_file_and_line_of_what_they_refuse():
    """The three kinds of refusal the property above meets, each worded for the editor."""
    source = "content/wydarzenia/x.md"
    with pytest.raises(InvalidContent) as binary:
        file_problems(b"PK\x03\x04\x00\x00\xff\xfe", source, "wydarzenia", site_settings())
    assert str(binary.value.problems[0]).startswith(
        f"{source}, wiersz 1: to nie jest plik tekstowy")
    windows = "Title: Spotkanie\nDate: 2025-01-08 12:00\n\nZapraszamy do świetlicy.\n"
    with pytest.raises(InvalidContent) as encoded:
        file_problems(windows.encode("cp1250"), source, "wydarzenia", site_settings())
    assert str(encoded.value.problems[0]) == (
        f"{source}, wiersz 4: plik nie jest zapisany w kodowaniu UTF-8 (pierwszy taki znak w "
        "wierszu 4; tak zapisują polskie litery Notatnik i Word w kodowaniu Windows-1250). "
        "Oczekiwano: plik zapisany jako UTF-8: w Notatniku Plik → Zapisz jako → Kodowanie: "
        "UTF-8; w Wordzie Zapisz jako → Zwykły tekst → Unicode (UTF-8); w edytorze GitHuba "
        "wklej tekst na nowo.")
    (bel,) = file_problems("Title: Dzwonek\x07\nDate: 2025-01-08 12:00\n\nTekst.\n".encode(),
                           source, "wydarzenia", site_settings())
    assert str(bel) == (
        f"{source}, wiersz 1: niewidoczny znak sterujący (U+0007, BEL). Oczekiwano: tekst bez "
        "tego znaku – usuń go (zostaje zwykle po wklejeniu tekstu z innego programu); "
        "najprościej przepisz ten wiersz na nowo.")
    assert bel.field == "Title"


# A few whole builds: the output folder gets a site or nothing at all

@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=file_bytes)
def test_a_build_with_any_file_builds_or_stops_and_writes_nothing(tmp_path_factory, raw):
    tmp = tmp_path_factory.mktemp("any")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "wydarzenia" / "plik.md").write_bytes(raw)
    output = tmp / "output"
    try:
        build(output, content=content, EVENTS_NOW="2025-01-10 12:00")
    except SystemExit as stopped:
        assert stopped.code != 0 and stopped.problems, stopped.code
        assert all(line.startswith("content/") for line in stopped.problems), stopped.problems
        assert not output.exists() or not any(output.iterdir())
    else:
        assert (output / "index.html").is_file()
    assert not Path(f"{output}.partial").exists()


def test_markup_in_title_and_summary_is_read_as_text(reader_site):
    found, content = reader_site
    path = content / "wydarzenia" / "znaczniki.md"
    path.write_text("Title: </script><script>alert(1)</script> & <b>ważne</b>\n"
                    "Date: 2025-01-08 12:00\nSummary: Zapraszamy <em>wszystkich</em> **dziś**\n"
                    "\nTreść.\n", encoding="utf-8")
    _, metadata = EditorsMarkdownReader(found).read(str(path))
    assert metadata["title"] == ("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                                 "&lt;b&gt;ważne&lt;/b&gt;")
    assert metadata["summary"] == ("<p>Zapraszamy &lt;em&gt;wszystkich&lt;/em&gt; "
                                   "<strong>dziś</strong></p>")  # Markdown's own emphasis stays
