"""`invoke admin`: the form-based editor on an editor's own computer. decap-server (the
local backend of Decap CMS, from node_modules) serves the editor's clone at
http://localhost:8081/api/v1, which /admin/ of the live preview finds by itself
(`local_backend` in admin/config.yml), so no GitHub sign-in is needed."""

import os
import shutil
import subprocess


class MissingTools(Exception):
    """What to install first, in Polish."""

SERVER = os.path.join("node_modules", "decap-server", "dist", "index.js")
PORT = 8081  # Decap's default local backend (ADMIN_LOCAL_BACKEND in pelicanconf.py)


def start_local_backend(root, commit=False, port=PORT):
    """decap-server on 127.0.0.1 for the clone at `root`: with `commit`, each "Opublikuj"
    is a commit (git mode); without, the form only writes the files (the editor commits)."""
    server = os.path.join(root, SERVER)
    if not shutil.which("node") or not os.path.isfile(server):
        raise MissingTools("Panel redakcji potrzebuje Node.js 20 lub nowszego i pakietów npm: "
                           "uruchom w katalogu projektu `npm ci` (albo `make test`)")
    env = {**os.environ, "MODE": "git" if commit else "fs", "GIT_REPO_DIRECTORY": root,
           "PORT": str(port), "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}
    return subprocess.Popen(["node", server], env=env, cwd=root)


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
