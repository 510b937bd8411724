"""The page the live preview shows on every address while the build is broken: the editor's
list of problems, or one line pointing at the terminal when a program error stopped it."""

import html

from editorial.messages import ERRORS, count, notice

_PAGE = """<!doctype html>
<html lang="pl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strona nie została zbudowana – podgląd</title>
<style>
body {{ font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }}
main {{ max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem; }}
h1 {{ color: #8a1c1c; font-size: 1.6rem; }}
li {{ margin: 0 0 1rem; overflow-wrap: anywhere; }}
.miejsce {{ font-weight: bold; display: block; }}
</style>
</head>
<body>
<main>
<h1>Strona nie została zbudowana</h1>
<p>{summary} Popraw plik i zapisz go – ta karta sama pokaże poprawioną stronę.
Opis komunikatów: docs/redakcja.md, rozdział „Komunikaty o błędach”.</p>
<ol>
{items}
</ol>
</main>
</body>
</html>
"""
UNEXPLAINED = ("Budowanie przerwał błąd programu, nie treści: szczegóły są w oknie terminala. "
               "Przekaż je osobie opiekującej się stroną.")


def error_page(problems):
    """The list of problems as a page (each: file and line, then field, value, expected)."""
    items = "\n".join(
        "<li>" + (f'<span class="miejsce">{html.escape(p.place)}</span>' if p.place else "")
        + f"{html.escape(p.message)}</li>" for p in problems)
    explained = [p for p in problems if p.message != UNEXPLAINED]
    summary = f"{count(len(explained), ERRORS)} w treści." if explained else ""
    return _PAGE.format(summary=summary, items=items)


def problems_of(stopped):
    """The problems of a stopped build: the editor's list, or one line pointing at the
    terminal (a program error has no list)."""
    found = getattr(stopped, "found", None)
    return found if found else [notice(UNEXPLAINED)]
