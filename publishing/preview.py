"""The local preview: output/ served as it is (`invoke serve`), or built again on every saved
change (`invoke livereload`), with the editor's list of problems on every address while a file
is broken."""

import os
import sys

from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from .error_page import error_page, problems_of

# Watched code the running preview has imported already: a change there needs a restart.
CODE = "plugins"


class AddressReuseTCPServer(RootedHTTPServer):
    """Pelican's own server, free to restart on the port a stopped one has just left."""

    allow_reuse_address = True


def serve_folder(folder, host, port):
    """`folder` as it is at http://host:port/, until Ctrl+C."""
    server = AddressReuseTCPServer(folder, (host, port), ComplexHTTPRequestHandler)
    print(f"Podgląd strony: http://{host}:{port}/  (Ctrl+C kończy)", flush=True)
    server.serve_forever()


def live_preview(build, root, watched, output, host, port):
    """Build, serve `output` at http://host:port/ and build again on every saved change in
    `watched` (paths relative to `root`). `build()` runs Pelican once; SystemExit stops it.

    livereload's script (injected before </head>) reloads the open tab after every build, so
    the problems show, and the fixed page comes back, by themselves. A broken build writes
    nothing to `output`: its error page exists only in this server."""
    state = BuildState(build)
    state.rebuild()
    # livereload skips the reload of a change within 3 s of the last one; a fix saved right
    # after a mistake must still bring the page back, so every rebuild reloads the tab.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server()
    server.SFH = handler_for(state, output)
    for path in watched:
        rebuild_on_change = state.rebuild_after_code_change if path == CODE else state.rebuild
        server.watch(os.path.join(root, path), rebuild_on_change,
                     ignore=lambda changed: "__pycache__" in changed)
    print(f"Podgląd strony: http://{host}:{port}/  (odświeża się po każdej "
          "zapisanej zmianie; Ctrl+C kończy)", flush=True)
    os.makedirs(output, exist_ok=True)  # a first build that failed wrote none
    server.serve(host=host, port=port, root=output)


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

    def __init__(self, build):
        self.build = build  # runs Pelican once; SystemExit when the build stops
        self.problems = None  # None: the last build succeeded

    def rebuild(self):
        """Build; a broken file: say why, show it, keep watching."""
        try:
            self.build()
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
