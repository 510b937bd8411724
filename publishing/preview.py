"""The local preview: output/ served as it is (`invoke serve`), or built again on every saved
change (`invoke livereload`), with the editor's list of problems on every address while a file
is broken, and a page's warnings in a banner at its top (added to what this server answers,
never to the files in output/). A busy port is said in Polish, with how to choose another."""

import contextlib
import errno
import html
import os
import re
import socket
import sys

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from editorial.messages import WARNINGS, count
from site_checks.report import recorded_warnings

from .error_page import error_page, problems_of

# Watched code the running preview has imported already: a change there needs a restart.
CODE = "plugins"


class PortBusy(Exception):
    """Another program listens on the preview's port: what to do, in Polish."""

    def __init__(self, port):
        super().__init__(
            f"Port {port} jest już zajęty: działa na nim inny program (może drugi podgląd "
            f"strony). Zamknij go albo uruchom podgląd na innym porcie: PORT={port + 1} make "
            f"serve (albo .venv/bin/invoke livereload --port {port + 1}), a potem otwórz "
            f"http://localhost:{port + 1}/")
        self.message = str(self)


def check_port(host, port):
    """PortBusy now, before a build, if another program already listens on `port`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do
        with busy_port_named(port):
            probe.bind((socket.gethostbyname(host), port))


@contextlib.contextmanager
def busy_port_named(port):
    """OSError "Address already in use" as PortBusy (another program took the port since)."""
    try:
        yield
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise PortBusy(port) from None


class AddressReuseTCPServer(RootedHTTPServer):
    """Pelican's own server, free to restart on the port a stopped one has just left."""

    allow_reuse_address = True


def serve_folder(folder, host, port):
    """`folder` as it is at http://host:port/, until Ctrl+C."""
    with busy_port_named(port):
        server = AddressReuseTCPServer(folder, (host, port), ComplexHTTPRequestHandler)
    print(f"Podgląd strony: http://{host}:{port}/  (Ctrl+C kończy)", flush=True)
    server.serve_forever()


def live_preview(build, root, watched, output, host, port, cache):
    """Build, serve `output` at http://host:port/ and build again on every saved change in
    `watched` (paths relative to `root`). `build(changed)` runs Pelican once, `changed` the
    files saved since the preview started (their warnings come first); SystemExit stops it.

    livereload's script (injected before </head>) reloads the open tab after every build, so
    the problems show, and the fixed page comes back, by themselves. A broken build writes
    nothing to `output`: its error page exists only in this server, as does the banner with
    a page's warnings (read from what the build recorded in `cache`)."""
    check_port(host, port)
    state = BuildState(build, SavedFiles(root, watched))
    state.rebuild()
    # livereload skips the reload of a change within 3 s of the last one; a fix saved right
    # after a mistake must still bring the page back, so every rebuild reloads the tab.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server()
    server.SFH = handler_for(state, output, cache)
    for path in watched:
        rebuild_on_change = state.rebuild_after_code_change if path == CODE else state.rebuild
        server.watch(os.path.join(root, path), rebuild_on_change,
                     ignore=lambda changed: "__pycache__" in changed)
    print(f"Podgląd strony: http://{host}:{port}/  (odświeża się po każdej "
          "zapisanej zmianie; Ctrl+C kończy)", flush=True)
    os.makedirs(output, exist_ok=True)  # a first build that failed wrote none
    with busy_port_named(port):
        server.serve(host=host, port=port, root=output)


class SavedFiles:
    """The files under `watched` (relative to `root`) saved since the preview started."""

    def __init__(self, root, watched):
        self.root, self.watched = root, watched
        self.started = self._times()

    def _times(self):
        times = {}
        for path in self.watched:
            top = os.path.join(self.root, path)
            found = [top] if os.path.isfile(top) else (
                os.path.join(folder, name) for folder, _, names in os.walk(top)
                for name in names)
            for file in found:
                with contextlib.suppress(OSError):  # removed while we look
                    times[os.path.relpath(file, self.root)] = os.stat(file).st_mtime_ns
        return times

    def since_start(self):
        now = self._times()
        return sorted(path for path, time in now.items() if self.started.get(path) != time)


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

    def __init__(self, build, saved=None):
        self.build = build  # runs Pelican once; SystemExit when the build stops
        self.saved = saved  # SavedFiles, or None: every warning is listed
        self.problems = None  # None: the last build succeeded

    def rebuild(self):
        """Build; a broken file: say why, show it, keep watching."""
        try:
            self.build(self.saved.since_start() if self.saved else None)
        except SystemExit as stopped:
            if stopped.code in (0, None):
                self.problems = None
                return
            self.problems = problems_of(stopped)
            if isinstance(stopped.code, str):
                print(stopped.code, file=sys.stderr)
            print("Popraw plik i zapisz go – podgląd zbuduje się ponownie sam.",
                  file=sys.stderr, flush=True)
        else:
            self.problems = None

    def rebuild_after_code_change(self):
        """Build with the code already imported, and say that new code needs a restart."""
        print("Zmieniono kod w plugins/: nowy kod zadziała po ponownym uruchomieniu "
              "podglądu (Ctrl+C, potem make serve).", file=sys.stderr, flush=True)
        self.rebuild()


def handler_for(state, output, cache):
    """livereload's static handler, answering every address with the problems while the
    last build failed, with the site's own 404 page for a missing address, and with a page's
    warnings in a banner at its top (only here: the files in `output` stay as built)."""

    class PreviewHandler(StaticFileHandler):
        async def get(self, path, include_body=True):
            if state.problems is not None:
                self._send(500, error_page(state.problems))
                return
            if path == BANNER_CSS_PATH:
                self._send(200, BANNER_CSS, "text/css")
                return
            page = page_with_banner(output, path, *recorded_warnings(cache))
            if page is not None:
                self._send(200, page)
                return
            await super().get(path, include_body)

        def write_error(self, status_code, **kwargs):
            not_found = os.path.join(output, "404.html")
            if status_code == 404 and os.path.isfile(not_found):
                with open(not_found, encoding="utf-8") as f:
                    self._send(404, f.read())
            else:
                super().write_error(status_code, **kwargs)

        def compute_etag(self):
            """No ETag for what this handler writes itself (no file behind it)."""
            return super().compute_etag() if getattr(self, "absolute_path", None) else None

        def _send(self, status, page, content_type="text/html"):
            self.clear()
            self.set_status(status)
            self.set_header("Content-Type", f"{content_type}; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(page)

    return PreviewHandler


# The banner: served by the preview alone, at an address no built page has (the pages'
# Content-Security-Policy lets in only the site's own stylesheets, no inline style).
BANNER_CSS_PATH = "__podglad__/ostrzezenia.css"
BANNER_CSS = """\
.podglad-ostrzezenia { background: #fff4cc; color: #1a1a1a; border-bottom: 3px solid #8a5a00;
  padding: .75rem 1rem; font: 1rem/1.5 system-ui, sans-serif; overflow-wrap: anywhere; }
.podglad-ostrzezenia p { margin: 0 0 .25rem; }
.podglad-ostrzezenia ul { margin: 0; padding-left: 1.25rem; }
"""
_BODY = re.compile(r"<body\b[^>]*>", re.I)


def page_with_banner(output, path, warnings, pages):
    """The page at `path` (a file in `output`) with its source file's warnings at the top
    of <body>, or None when it has none (or is no page)."""
    save_as = path if path and not path.endswith("/") else f"{path}index.html"
    source = pages.get(save_as)
    found = warnings.get(source)
    file = os.path.join(output, save_as)
    if not found or not os.path.isfile(file):
        return None
    with open(file, encoding="utf-8") as f:
        return after_body(f.read(), banner(source, found))


def after_body(page, markup):
    """`page` with `markup` at the top of its <body>, or None when it has no <body>."""
    opening = _BODY.search(page)
    if not opening:
        return None
    return page[:opening.end()] + markup + page[opening.end():]


def banner(source, warnings):
    """The warnings of `source` as editors see them above its page in the preview."""
    items = "".join(f"<li>{'wiersz ' + str(line) + ': ' if line else ''}{html.escape(message)}"
                    "</li>" for line, message in warnings)
    return (f'<link rel="stylesheet" href="/{BANNER_CSS_PATH}">'
            f'<aside class="podglad-ostrzezenia" lang="pl" aria-label="Ostrzeżenia dla redakcji">'
            f"<p><strong>{banner_title(len(warnings))}</strong> {html.escape(source)} – widać "
            "je tylko w podglądzie, nie na opublikowanej stronie.</p>"
            f"<ul>{items}</ul></aside>")


def banner_title(n):
    return f"{count(n, WARNINGS).capitalize()} dla redakcji w pliku"
