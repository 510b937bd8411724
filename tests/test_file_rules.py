"""What a file may hold (CONTENT-MODEL.md): each rule of the file_rules reader with its wrong
input and the editor's exact message (no build: the rules read the file's bytes)."""

from pathlib import Path

import pytest

from support import settings

from editorial.messages import InvalidContent
from file_rules.rules import file_problems

SOURCE = "content/wydarzenia/x.md"
HEAD = "Title: T\nDate: 2025-01-08 12:00\n"
CHARACTER = ("Oczekiwano: tekst bez tego znaku – usuń go (zostaje zwykle po wklejeniu tekstu z "
             "innego programu); najprościej przepisz ten wiersz na nowo.")
SLUG = ("adres strony może mieć tylko małe litery bez polskich znaków, cyfry i myślniki (bez "
        "spacji, kropek i ukośników)")
CATEGORY = ("kategoria decyduje o adresie strony, a plik leży w content/wydarzenia/. Oczekiwano: "
            "Category: Wydarzenia albo usunięcie tego pola (kategorię wyznacza katalog).")
REMOTE = ("obraz albo nagranie z innej strony – przeglądarka mieszkańca go nie pobierze (strona "
          "niczego nie ładuje z innych serwerów). Oczekiwano: plik w content/images/ i odnośnik "
          "do niego, np. ![Opis zdjęcia]({static}/images/zdjecie.jpg).")
ATTRIBUTE = ("w znaczniku HTML – strona go nie wykona (zasady bezpieczeństwa). Oczekiwano: zwykły "
             "tekst Markdown (**pogrubienie**, listy, nagłówki ##) bez atrybutów.")


def problems(text, folder="wydarzenia"):
    return [str(p) for p in file_problems(text.encode("utf-8"), SOURCE, folder, settings())]


@pytest.mark.parametrize("text, expected", [
    (HEAD + "\nEvent-start: 2025-01-22 16:00\n\nTekst\n",
     "wiersz 3: pusty wiersz w środku nagłówka – nagłówek kończy się na nim, a pola pod nim (od "
     "wiersza 4: Event-start) trafiłyby do treści strony. Oczekiwano: pola nagłówka jedno pod "
     "drugim, bez pustych wierszy; pusty wiersz tylko między nagłówkiem a treścią."),
    ("Title: T\nEvent start: 2025-01-22 16:00\nDate: 2025-01-08 12:00\n\nT\n",
     "wiersz 2: pole Event-start: „Event start: 2025-01-22 16:00” – spacja zamiast myślnika w "
     "nazwie pola. Oczekiwano: nazwa pola, zaraz po niej dwukropek, np. „Event-start: 2025-01-22 "
     "16:00”."),
    ("Title: T\nEvent-start : 2025-01-22 16:00\nDate: 2025-01-08 12:00\n\nT\n",
     "wiersz 2: pole Event-start: „Event-start : 2025-01-22 16:00” – spacja przed dwukropkiem. "
     "Oczekiwano: nazwa pola, zaraz po niej dwukropek, np. „Event-start: 2025-01-22 16:00”."),
    ("Title: T\nDate: 05.01.2026\n\nT\n",
     "wiersz 2: pole Date: „05.01.2026” – zła postać daty i godziny. Oczekiwano: data wpisu, np. "
     "Date: 2025-01-08 12:00."),
    ("Title: T\nDate: 2025-01-08\u00a012:00\n\nT\n",
     "wiersz 2: pole Date: „2025-01-08\u00a012:00” – twarda spacja zamiast zwykłej (tekst "
     "wklejony z Worda lub strony internetowej) – usuń ją i wpisz zwykłą spację. Oczekiwano: "
     "data wpisu, np. Date: 2025-01-08 12:00."),
    ("Title: T\nDate: 1925-01-08 12:00\n\nT\n",
     "wiersz 2: pole Date: „1925-01-08 12:00” – rok 1925 jest spoza lat 2000–2100 – to pewnie "
     "literówka. Oczekiwano: data wpisu, np. Date: 2025-01-08 12:00."),
    (HEAD + "Modified: 2025-1-15\n\nT\n",
     "wiersz 3: pole Modified: „2025-1-15” – zła postać daty i godziny. Oczekiwano: RRRR-MM-DD "
     "GG:MM, np. 2025-01-22 16:00."),
    (HEAD + "Slug: ../../x\n\nT\n", f"wiersz 3: pole Slug: „../../x” – {SLUG}. Oczekiwano: np. x."),
    (HEAD + "Slug: Spotkanie w Łące\n\nT\n",
     f"wiersz 3: pole Slug: „Spotkanie w Łące” – {SLUG}. Oczekiwano: np. spotkanie-w-lace."),
    (HEAD + "Category: Wydarzenie\n\nT\n", f"wiersz 3: pole Category: „Wydarzenie” – {CATEGORY}"),
    (HEAD + "Category: Aktualności\n\nT\n", f"wiersz 3: pole Category: „Aktualności” – {CATEGORY}"),
    ("Title: " + "ż" * 201 + "\nDate: 2025-01-08 12:00\n\nT\n",
     f"wiersz 1: pole Title: „{'ż' * 80}…” – tytuł ma 201 znaków, a najwyżej 200 – tak długi "
     "tekst to już nie tytuł. Oczekiwano: krótki tytuł; to, co dłuższe, napisz w Summary "
     "(zapowiedź, do 300 znaków) albo w treści."),
    (HEAD + "Summary: " + "ż" * 301 + "\n\nT\n",
     f"wiersz 3: pole Summary: „{'ż' * 80}…” – zapowiedź ma 301 znaków, a najwyżej 300 – tak "
     "długi tekst to już nie zapowiedź (pokazują ją listy i pierwszy ekran). Oczekiwano: jedno–"
     "dwa zdania zaproszenia; resztę przenieś do treści pod nagłówkiem."),
    (HEAD + "\nTekst \u202eodwrócony\n",
     "wiersz 4: niewidoczny znak zmiany kierunku tekstu (U+202E) – odwraca kolejność liter na "
     f"stronie. {CHARACTER}"),
    (HEAD + "\nDzwonek\x07 i koniec\n",
     f"wiersz 4: niewidoczny znak sterujący (U+0007, BEL). {CHARACTER}"),
    ("Title: T\x1b[31m\nDate: 2025-01-08 12:00\n\nT\n",
     f"wiersz 1: niewidoczny znak sterujący (U+001B, ESC). {CHARACTER}"),
    (HEAD + "\n<script>alert(1)</script>\n",
     "wiersz 4: skrypt w treści – strona nie uruchamia skryptów (zasady bezpieczeństwa), więc "
     "mieszkańcy nic by nie zobaczyli. Oczekiwano: usunięcie znacznika <script>."),
    (HEAD + '\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n',
     "wiersz 4: osadzona ramka (np. film z YouTube albo mapa) – przeglądarka mieszkańca ją "
     "zablokuje i zostanie puste miejsce. Oczekiwano: zwykły link, np. [Nagranie spotkania]"
     "(https://www.youtube.com/watch?v=…)."),
    (HEAD + "\n<object data=x></object>\n",
     "wiersz 4: osadzony obiekt – przeglądarka mieszkańca go zablokuje. Oczekiwano: zwykły link "
     "do pliku albo strony."),
    (HEAD + "\n<EMBED src=x>\n",
     "wiersz 4: osadzony obiekt – przeglądarka mieszkańca go zablokuje. Oczekiwano: zwykły link "
     "do pliku albo strony."),
    (HEAD + "\n<form action=x>\n",
     "wiersz 4: formularz – strona nie wysyła formularzy; zgłoszenia przyjmują kontakty "
     "wydarzenia. Oczekiwano: link do adresu e-mail albo telefonu zamiast formularza."),
    (HEAD + '\n<p style="color:red">x</p>\n', f"wiersz 4: atrybut style= {ATTRIBUTE}"),
    (HEAD + '\n<a href="#" onclick="x()">x</a>\n', f"wiersz 4: atrybut onclick= {ATTRIBUTE}"),
    (HEAD + "\n![zdjęcie](https://example.org/a.jpg)\n", f"wiersz 4: {REMOTE}"),
    (HEAD + '\n<img alt="" src="//example.org/a.jpg">\n', f"wiersz 4: {REMOTE}"),
    (HEAD + '\n<video src="http://example.org/a.mp4"></video>\n', f"wiersz 4: {REMOTE}"),
])
def test_a_file_with_what_it_may_not_hold_is_refused(text, expected):
    assert problems(text) == [f"{SOURCE}, {expected}"]


@pytest.mark.parametrize("text", [
    HEAD + "Category: wydarzenia\nSlug: spotkanie-2025\nModified: 2025-01-15\n\nTekst.\n",
    HEAD + "\n![nasze zdjęcie]({static}/images/a.jpg)\n\n```\n<script>pokazany kod</script>\n```\n",
    HEAD + "\n| a\tb |\n<br>\n<strong>ważne</strong>\n",  # a tab in the text is fine
    "\ufeff" + HEAD.replace("\n", "\r\n") + "\r\nTekst z BOM i CRLF.\r\n",
    "Title: " + "ż" * 200 + "\nDate: 2025-01-08 12:00\nSummary: " + "ż" * 300 + "\n\nT\n",
])
def test_good_files_are_read(text):
    images = Path(settings()["PATH"]) / "images"
    images.mkdir(exist_ok=True)
    (images / "a.jpg").write_bytes(b"")  # the local image exists (a missing one is refused)
    assert problems(text) == []


def test_a_news_item_may_say_its_own_category():
    assert problems(HEAD + "Category: Aktualności\n\nT\n", folder="aktualnosci") == []


def test_every_problem_of_a_file_comes_in_the_order_of_its_lines():
    found = problems("Title: T\x07\nDate: 05.01.2026\nSlug: Ą\n\n<script>\n")
    assert [p.split(":")[0].split(", ")[1] for p in found] == [
        "wiersz 1", "wiersz 2", "wiersz 3", "wiersz 5"]


def test_a_file_in_another_encoding_is_refused_before_anything_else():
    with pytest.raises(InvalidContent):
        file_problems((HEAD + "\nŻółw\n").encode("utf-16"), SOURCE, "wydarzenia", settings())
