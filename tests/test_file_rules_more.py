"""More of "What a file may hold" (CONTENT-MODEL.md): the gaps a probe of 130 wrong files
found after the first rules, each with its wrong input and the editor's exact message."""

from pathlib import Path

import pytest

from conftest import build, copy_content
from test_editor_messages import warnings_of
from support import settings

from editorial.messages import InvalidContent
from editorial.sources import split_lines, text_lines
from file_rules.rules import file_problems

SOURCE = "content/wydarzenia/x.md"
HEAD = "Title: T\nDate: 2025-01-08 12:00\n"
CHARACTER = ("Oczekiwano: tekst bez tego znaku – usuń go (zostaje zwykle po wklejeniu tekstu z "
             "innego programu); najprościej przepisz ten wiersz na nowo.")
SEPARATOR = ("– wygląda jak koniec wiersza, ale nim nie jest: strona i kalendarz czytają go jako "
             f"znak w środku wiersza. {CHARACTER}")


@pytest.fixture(autouse=True)
def local_images():
    """The images the tests' texts show, in the content folder of the rules' settings (an
    image whose file is missing is refused)."""
    for name in ("a.jpg", "a-2x.jpg", "a.mp4", "plakat.jpg", "jest.png", "jest nowy.png"):
        content_file(f"images/{name}")


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
    (HEAD + "Summary: a\x1db\n\nT\n",
     f"wiersz 3: niewidoczny znak sterujący (U+001D, GS). {CHARACTER}"),
    (HEAD + "Summary: a\x1eb\n\nT\n",
     f"wiersz 3: niewidoczny znak sterujący (U+001E, RS). {CHARACTER}"),
    (HEAD + "Event-location: Świetlica\x85ul. Główna 1\n\nT\n",
     f"wiersz 3: niewidoczny znak sterujący (U+0085, NEL). {CHARACTER}"),
    (HEAD + "\nPierwszy akapit.\n\nDrugi\x85akapit.\n",
     f"wiersz 6: niewidoczny znak sterujący (U+0085, NEL). {CHARACTER}"),
    (HEAD + "\nStrona\x0cdruga.\n",
     f"wiersz 4: niewidoczny znak sterujący (U+000C, FF). {CHARACTER}"),
    (HEAD + "\nWiersz\x0bz Shift+Enter.\n",
     f"wiersz 4: niewidoczny znak sterujący (U+000B, VT). {CHARACTER}"),
    (HEAD + "Summary: na bezpłatne\u2028warsztaty\n\nT\n",
     f"wiersz 3: niewidoczny separator wiersza (U+2028) {SEPARATOR}"),
    (HEAD + "\nAkapit\u2029drugi.\n",
     f"wiersz 4: niewidoczny separator akapitu (U+2029) {SEPARATOR}"),
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


# --- body HTML: the HTML Markdown makes, checked against the pages' policy ----------------

REMOTE = ("obraz albo nagranie z innej strony – przeglądarka mieszkańca go nie pobierze (strona "
          "niczego nie ładuje z innych serwerów). Oczekiwano: plik w content/images/ i odnośnik "
          "do niego, np. ![Opis zdjęcia]({static}/images/zdjecie.jpg).")
STYLES = ("wygląd stron ustala szablon. Oczekiwano: zwykły tekst Markdown (**pogrubienie**, "
          "listy, nagłówki ##) bez stylów.")


@pytest.mark.parametrize("body, expected", [
    ('<meta http-equiv="refresh" content="0;url=https://example.com">',
     'wiersz 4: przekierowanie (<meta http-equiv="refresh">) – przeglądarka od razu '
     "przeniosłaby mieszkańców z tej strony na inną. Oczekiwano: zwykły link do tamtej strony, "
     "np. [Szczegóły](https://…)."),
    ('<META HTTP-EQUIV=Refresh CONTENT="5">',
     'wiersz 4: przekierowanie (<meta http-equiv="refresh">) – przeglądarka od razu '
     "przeniosłaby mieszkańców z tej strony na inną. Oczekiwano: zwykły link do tamtej strony, "
     "np. [Szczegóły](https://…)."),
    ('<meta name="robots" content="noindex">',
     "wiersz 4: znacznik <meta> w treści – należy do szablonu strony, nie do tekstu. "
     "Oczekiwano: usunięcie znacznika <meta>."),
    ("Plakat:\n\n![Plakat][p]\n\n[p]: https://example.org/plakat.jpg", f"wiersz 8: {REMOTE}"),
    ('<img alt="Plakat" src="/images/a.jpg" srcset="https://example.org/a.jpg 2x">',
     f"wiersz 4: {REMOTE}"),
    ('<picture>\n<source srcset="https://example.org/a.webp">\n<img alt="" src="/images/a.jpg">'
     "\n</picture>", f"wiersz 5: {REMOTE}"),
    ('<video src="/images/a.mp4" poster="https://example.org/p.jpg"></video>',
     f"wiersz 4: {REMOTE}"),
    ('![Plakat](data:image/png;base64,iVBORw0KGgo=)',
     "wiersz 4: obraz wklejony w tekst jako adres data: – przeglądarka mieszkańca go nie pokaże "
     "(zasady bezpieczeństwa). Oczekiwano: plik w content/images/ i odnośnik do niego, np. "
     "![Opis zdjęcia]({static}/images/zdjecie.jpg)."),
    ("<style>\nh1 { color: red }\n</style>",
     "wiersz 4: arkusz stylów w treści (<style>) – przeglądarka go nie zastosuje (zasady "
     f"bezpieczeństwa); {STYLES}"),
    ('<link rel="stylesheet" href="https://example.org/a.css">',
     'wiersz 4: arkusz stylów w treści (<link rel="stylesheet">) – przeglądarka go nie wczyta '
     f"(zasady bezpieczeństwa); {STYLES}"),
    ("[Zapisz się](javascript:alert(1))",
     "wiersz 4: link javascript: – strona nie uruchamia skryptów (zasady bezpieczeństwa), więc "
     "kliknięcie nic nie da. Oczekiwano: zwykły link do strony albo pliku, np. "
     "[Program](https://…)."),
    ('<a href=" JavaScript:void(0)">x</a>',
     "wiersz 4: link javascript: – strona nie uruchamia skryptów (zasady bezpieczeństwa), więc "
     "kliknięcie nic nie da. Oczekiwano: zwykły link do strony albo pliku, np. "
     "[Program](https://…)."),
    ('<base href="https://example.org/">',
     "wiersz 4: znacznik <base> – przeglądarka go zablokuje (zasady bezpieczeństwa), a gdyby "
     "zadziałał, zmieniłby adres każdego linku na stronie. Oczekiwano: usunięcie znacznika "
     "<base>."),
    ("<script src=\"/theme/a.js\"></script>",
     "wiersz 4: skrypt w treści – strona nie uruchamia skryptów (zasady bezpieczeństwa), więc "
     "mieszkańcy nic by nie zobaczyli. Oczekiwano: usunięcie znacznika <script>."),
])
def test_body_html_the_pages_would_block_or_that_leads_away_is_refused(body, expected):
    assert problems(f"{HEAD}\n{body}\n") == [f"{SOURCE}, {expected}"]


@pytest.mark.parametrize("body", [
    "```\n<meta http-equiv=\"refresh\" content=\"0\">\n<style>x</style>\n```",
    "Kod `<base href=x>` i `javascript:` w tekście.",
    "![Plakat][p]\n\n[p]: {static}/images/plakat.jpg",
    '<img alt="" src="/images/a.jpg" srcset="/images/a-2x.jpg 2x, {static}/images/a.jpg 1x">',
    "[Strona gminy](https://czernica.pl/) i [napisz](mailto:j.herok@czernica.pl)",
])
def test_body_html_the_pages_show_is_read(body):
    assert problems(f"{HEAD}\n{body}\n") == []


def content_file(relative):
    """A file in the content folder the rules' settings name (PATH)."""
    path = Path(settings()["PATH"]) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def test_two_findings_of_one_kind_are_named_by_their_own_lines():
    text = f"{HEAD}\n![a][p]\n\n![b](https://example.org/b.jpg)\n\n[p]: https://example.org/a.jpg\n"
    assert [p.split(":")[0] for p in problems(text)] == [f"{SOURCE}, wiersz 6",
                                                         f"{SOURCE}, wiersz 8"]


def test_the_body_rules_follow_the_policy_in_the_settings():
    policy = ("default-src 'none'; img-src 'self' https://*.czernica.pl; "
              "style-src 'self' 'unsafe-inline'; frame-src https://www.youtube-nocookie.com")
    body = ('![a](https://bip.czernica.pl/a.jpg)\n\n<p style="color: red">x</p>\n\n'
            '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>\n\n'
            "![b](https://example.org/b.jpg)\n")
    found = [str(p) for p in file_problems(f"{HEAD}\n{body}".encode(), SOURCE, "wydarzenia",
                                           settings(CONTENT_SECURITY_POLICY=policy))]
    assert found == [f"{SOURCE}, wiersz 10: {REMOTE}"]


# --- a refused original does not make its translation an orphan ---------------------------

SEED = Path("wydarzenia/reaktywacja-partnerstwa-lokalnego.md")
BEL_IN_TITLE = ("niewidoczny znak sterujący (U+0007, BEL). Oczekiwano: tekst bez tego znaku – "
                "usuń go (zostaje zwykle po wklejeniu tekstu z innego programu); najprościej "
                "przepisz ten wiersz na nowo.")


def stopped_build(tmp_path, content):
    with pytest.raises(SystemExit) as stopped:
        build(tmp_path / "output", content=content, EVENTS_NOW="2025-01-10 12:00")
    assert stopped.value.code != 0
    return [str(p) for p in stopped.value.problems]


def with_bel_in_title(text):
    return text.replace("Title: Reaktywacja", "Title: Reaktywacja\x07", 1)


@pytest.mark.parametrize("edit, expected", [
    (with_bel_in_title, f"content/{SEED.as_posix()}, wiersz 1: {BEL_IN_TITLE}"),
    # without Slug: the file name is the address (SLUGIFY_SOURCE), and still the original's
    (lambda text: with_bel_in_title(text).replace(
        "Slug: reaktywacja-partnerstwa-lokalnego\n", ""),
     f"content/{SEED.as_posix()}, wiersz 1: {BEL_IN_TITLE}"),
])
def test_the_translation_of_a_refused_original_is_not_called_an_orphan(tmp_path, edit,
                                                                        expected):
    content = copy_content(tmp_path)
    (content / SEED).write_text(edit((content / SEED).read_text(encoding="utf-8")),
                                encoding="utf-8")
    assert stopped_build(tmp_path, content) == [expected]


def test_the_translation_of_an_original_in_another_encoding_is_not_called_an_orphan(tmp_path):
    content = copy_content(tmp_path)
    (content / SEED).write_bytes((content / SEED).read_text(encoding="utf-8").encode("cp1250"))
    (problem,) = stopped_build(tmp_path, content)
    assert problem.startswith(f"content/{SEED.as_posix()}, wiersz 5: plik nie jest zapisany")


def test_a_translation_whose_original_is_not_the_refused_file_is_still_an_orphan(tmp_path):
    content = copy_content(tmp_path)
    (content / SEED).write_text(with_bel_in_title((content / SEED).read_text(encoding="utf-8")),
                                encoding="utf-8")
    (content / "aktualnosci" / "nowa-sala-uk.md").write_text(
        "Title: Переклад\nDate: 2025-01-10 10:00\nLang: uk\nSlug: nowa-sala\n\nТекст.\n",
        encoding="utf-8")
    assert stopped_build(tmp_path, content) == [
        "content/aktualnosci/nowa-sala-uk.md, wiersz 3: pole Lang: „uk” – to tłumaczenie nie "
        "ma oryginału: żaden opublikowany plik po polsku tego samego rodzaju (wpis albo strona) "
        "nie ma Slug: nowa-sala. Oczekiwano: Slug pliku, który tłumaczysz, albo usunięcie pola "
        "Lang.",
        f"content/{SEED.as_posix()}, wiersz 1: {BEL_IN_TITLE}"]


# --- an event's warnings are the original's, said once ------------------------------------

def test_an_events_warnings_are_given_once_for_the_original_not_its_translation(tmp_path,
                                                                                 capsys):
    content = copy_content(tmp_path)
    text = (content / SEED).read_text(encoding="utf-8")
    text = text.replace("Date: 2025-01-08 12:00", "Date: 2022-01-08 12:00", 1).replace(
        "Event-start:", "Event-geo: 17.2452, 51.0873\nEvent-start:", 1)
    (content / SEED).write_text(text, encoding="utf-8")
    build(tmp_path / "output", content=content, EVENTS_NOW="2025-01-10 12:00")
    seed = f"content/{SEED.as_posix()}"
    assert [w for w in warnings_of(capsys.readouterr().err) if "reaktywacja" in w] == [
        f"{seed}, wiersz 8: pole Event-start: „2025-01-22 16:00” – początek jest ponad 2 lata "
        "po dacie wpisu (Date: 2022-01-08 12:00) – to może być literówka w roku. Oczekiwano: "
        "sprawdzony rok początku wydarzenia.",
        f"{seed}, wiersz 7: pole Event-geo: „17.2452, 51.0873” – to miejsce jest 4804 km od "
        "gminy, więc szerokość i długość są pewnie zamienione. Oczekiwano: szerokość (dla "
        "Polski 49–55), przecinek, długość (14–24), np. 51.0873, 17.2452."]


# --- messages that name the real cause ----------------------------------------------------

UTF8_HOW = ("plik zapisany jako UTF-8: w Notatniku Plik → Zapisz jako → Kodowanie: UTF-8; w "
            "Wordzie Zapisz jako → Zwykły tekst → Unicode (UTF-8); w edytorze GitHuba wklej "
            "tekst na nowo.")
UTF16 = ("wiersz 1: plik jest zapisany w kodowaniu UTF-16 (w Notatniku: „Unicode”); zapisz go "
         f"jako UTF-8. Oczekiwano: {UTF8_HOW}")
POLISH = HEAD + "Summary: Zapraszamy na spotkanie w świetlicy\n\nŻółta łąka, gęś i jaźń.\n"
UKRAINIAN = ("Title: Зустріч партнерства\nDate: 2025-01-08 12:00\nLang: uk\n\n"
             "Запрошуємо на безкоштовну зустріч.\n")


def raw_problems(raw):
    with pytest.raises(InvalidContent) as refused:
        file_problems(raw, SOURCE, "wydarzenia", settings())
    return [str(p) for p in refused.value.problems]


@pytest.mark.parametrize("raw, expected", [
    (POLISH.encode("utf-16"), UTF16),  # Notepad's "Unicode": little-endian with a BOM
    (POLISH.encode("utf-16-le"), UTF16),
    (POLISH.encode("utf-16-be"), UTF16),
    (UKRAINIAN.encode("utf-16-le"), UTF16),
    (POLISH.encode("cp1250"),
     "wiersz 3: plik nie jest zapisany w kodowaniu UTF-8 (pierwszy taki znak w wierszu 3; tak "
     "zapisują polskie litery Notatnik i Word w kodowaniu Windows-1250). Oczekiwano: "
     + UTF8_HOW),
    (UKRAINIAN.encode("cp1251"),
     "wiersz 1: plik nie jest zapisany w kodowaniu UTF-8 (pierwszy taki znak w wierszu 1; tak "
     "zapisują cyrylicę Notatnik i Word w kodowaniu Windows-1251). Oczekiwano: " + UTF8_HOW),
])
def test_a_file_in_another_encoding_is_named_by_its_encoding(raw, expected):
    assert raw_problems(raw) == [f"{SOURCE}, {expected}"]


DASH_FORM = "Oczekiwano: nazwa pola, zaraz po niej dwukropek, np. „Event-start: 2025-01-22 16:00”."


@pytest.mark.parametrize("dash, name", [
    ("\u2013", "półpauza „–”"), ("\u2014", "pauza „—”"), ("\u2212", "znak minus „−”"),
    ("\u2011", "łącznik nierozdzielający „‑”"),
])
def test_a_dash_for_the_hyphen_of_a_key_is_named_and_the_key_suggested(dash, name):
    text = f"{HEAD}Event{dash}start: 2025-01-22 16:00\n\nT\n"
    assert problems(text) == [
        f"{SOURCE}, wiersz 3: pole Event-start: „Event{dash}start: 2025-01-22 16:00” – {name} "
        "zamiast zwykłego łącznika „-” w nazwie pola (zwykle po autokorekcie Worda). "
        + DASH_FORM]


@pytest.mark.parametrize("text, expected", [
    ("\n" + HEAD + "\nT\n", "pusty wiersz przed nagłówkiem – nagłówek musi zaczynać się w "
     "pierwszym wierszu pliku; inaczej pola od wiersza 2 (Title) trafiłyby do treści "
     "strony. Oczekiwano: pierwszy wiersz pliku z pierwszym polem nagłówka (np. Title: …), "
     "bez pustych wierszy nad nim."),
    ("\ufeff\n  \n\n" + HEAD + "\nT\n", "3 puste wiersze przed nagłówkiem – nagłówek musi "
     "zaczynać się w pierwszym wierszu pliku; inaczej pola od wiersza 4 (Title) trafiłyby "
     "do treści strony. Oczekiwano: pierwszy wiersz pliku z pierwszym polem nagłówka (np. "
     "Title: …), bez pustych wierszy nad nim."),
])
def test_blank_lines_before_the_header_are_named_by_the_first_line(text, expected):
    assert problems(text) == [f"{SOURCE}, wiersz 1: {expected}"]


# --- an image of this site whose file is not there ----------------------------------------

def missing(path):
    return (f"nie ma pliku {path} – zamiast obrazu albo nagrania strona pokazałaby puste pole. "
            "Oczekiwano: "
            "plik zapisany pod tą nazwą w content/images/ (wielkość liter ma znaczenie) albo "
            "poprawiona nazwa w odnośniku, np. ![Opis zdjęcia]({static}/images/zdjecie.jpg).")


@pytest.mark.parametrize("body, expected", [
    ("![Plakat]({static}/images/nie-ma.png)", f"wiersz 4: {missing('content/images/nie-ma.png')}"),
    ("![Plakat](images/nie-ma.png)", f"wiersz 4: {missing('content/images/nie-ma.png')}"),
    ("Plakat:\n\n![Plakat][p]\n\n[p]: /images/Plakat.JPG",
     f"wiersz 8: {missing('content/images/Plakat.JPG')}"),  # the case of the name counts
    ("![Plakat]({static}plakat.jpg)", f"wiersz 4: {missing('content/wydarzenia/plakat.jpg')}"),
    ('<video src="{static}/video/nie-ma.mp4" controls></video>',
     f"wiersz 4: {missing('content/video/nie-ma.mp4')}"),
    ("![Plakat](images/jest.png)",
     "wiersz 4: obraz wpisany bez {static} – strona leży w swoim katalogu, więc przeglądarka "
     "szukałaby go gdzie indziej i go nie pokaże. Oczekiwano: "
     "![Opis]({static}/images/jest.png)."),
])
def test_an_image_whose_file_is_not_there_is_refused(body, expected):
    assert problems(f"{HEAD}\n{body}\n") == [f"{SOURCE}, {expected}"]


@pytest.mark.parametrize("body", [
    "![Plakat]({static}/images/jest.png)",
    "![Plakat]({static}../images/jest.png)",  # beside the file's folder, as Pelican reads it
    "![Plakat](/images/jest.png)",
    "![Plakat]({attach}/images/jest%20nowy.png)",
])
def test_an_image_whose_file_is_there_is_read(body):
    assert problems(f"{HEAD}\n{body}\n") == []


def test_a_missing_image_stops_the_build_with_no_english_line(tmp_path, capsys):
    content = copy_content(tmp_path)
    seed = content / SEED
    lines = seed.read_text(encoding="utf-8").split("\n")
    lines[-1:] = ["", "![Plakat spotkania]({static}/images/plakat.jpg)", ""]
    seed.write_text("\n".join(lines), encoding="utf-8")
    assert stopped_build(tmp_path, content) == [
        f"content/{SEED.as_posix()}, wiersz {len(lines) - 1}: "
        + missing("content/images/plakat.jpg")]
    assert "Cannot get modification stamp" not in capsys.readouterr().err
