"""The live preview (`invoke livereload`) while the build is broken: every address it serves
shows the editor's list of problems, and livereload's script (injected before </head>)
reloads the tab by itself after every rebuild, so the fixed page comes back by itself.
Nothing is written to the output folder: the page exists only in the preview server."""

import html
import os

from livereload.handlers import StaticFileHandler

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


def preview_policy(policy):
    """The pages' Content-Security-Policy, letting only livereload's script and its
    WebSocket in (same origin): the preview reloads itself, the published site runs nothing."""
    if not policy:
        return policy
    written = {part.split()[0] for part in policy.split(";") if part.strip()}
    added = [rule for rule in ("script-src 'self' 'unsafe-inline'", "connect-src 'self'")
             if rule.split()[0] not in written]
    return "; ".join([policy, *added])


class BuildState:
    """What the preview serves: the output folder, or the problems of the last build."""

    def __init__(self):
        self.problems = None  # None: the last build succeeded


def handler_for(state, output):
    """livereload's static handler, answering every address with the problems while the
    last build failed, and with the site's own 404 page for a missing address."""

    class PreviewHandler(StaticFileHandler):
        async def get(self, path, include_body=True):
            if state.problems is not None:
                self._send(500, error_page(state.problems))
                return
            await super().get(path, include_body)

        def write_error(self, status_code, **kwargs):
            not_found = os.path.join(output, "404.html")
            if status_code == 404 and os.path.isfile(not_found):
                with open(not_found, encoding="utf-8") as f:
                    self._send(404, f.read())
            else:
                super().write_error(status_code, **kwargs)

        def _send(self, status, page):
            self.clear()
            self.set_status(status)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(page)

    return PreviewHandler


def problems_of(stopped):
    """The problems of a stopped build: the editor's list, or one line pointing at the
    terminal (a program error has no list)."""
    found = getattr(stopped, "found", None)
    return found if found else [notice(UNEXPLAINED)]

