"""Pelican run in this process: settings given on its command line, and the publish build."""

import contextlib
import json
import logging
import os
import sys

from pelican import main as pelican_main
from pelican.log import console

from .errors import PublishError


def run_pelican(*args):
    """Pelican's command line with `args`, in this process (a failed build: SystemExit)."""
    pelican_main(list(args))


def settings_overrides(**settings):
    """Pelican's `-e KEY=JSON ...` for the settings that are not None."""
    pairs = [f"{key}={json.dumps(value)}" for key, value in settings.items()
             if value is not None]
    return ["-e", *pairs] if pairs else []


@contextlib.contextmanager
def pelican_quiet():
    """Pelican's own English lines ("Done: Processed …", its log) kept from editors: what
    they must know comes in Polish from the site's checks. Only a program error still shows
    (for the person who looks after the site), introduced in Polish."""
    if console.quiet:  # quiet already (publish runs tasks.py's pelican_run, quiet too)
        yield
        return
    program_errors = logging.StreamHandler(sys.stderr)
    program_errors.setLevel(logging.CRITICAL)
    program_errors.setFormatter(logging.Formatter(f"{PROGRAM_ERROR} %(message)s"))
    root, was_quiet = logging.getLogger(), console.quiet
    console.quiet = True  # Pelican's console: its log handler and its closing line
    root.addHandler(program_errors)
    try:
        yield
    finally:
        root.removeHandler(program_errors)
        console.quiet = was_quiet


PROGRAM_ERROR = ("Błąd programu, nie treści – przekaż ten komunikat osobie opiekującej się "
                 "stroną:")


@contextlib.contextmanager
def environment(**variables):
    """os.environ with `variables` set, as it was again afterwards."""
    saved = {key: os.environ.get(key) for key in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build_for_publishing(output, siteurl, cache, settings_file, pelican=run_pelican):
    """`settings_file` (publishconf.py, which reads SITEURL from the environment) into a
    fresh `output`; any failure stops the publish. `pelican` runs Pelican's command line."""
    with environment(SITEURL=siteurl), pelican_quiet():
        try:
            pelican("-s", settings_file, "-o", output, "--ignore-cache",
                    *settings_overrides(CACHE_PATH=cache))
        except SystemExit as stopped:
            if isinstance(stopped.code, str):  # the events plugin's list for the editor
                raise PublishError(stopped.code) from None
            raise PublishError("Budowanie strony nie powiodło się (szczegóły wyżej) – nic nie "
                               "zostało opublikowane.", code=stopped.code or 1) from None
    if not os.path.isfile(os.path.join(output, "index.html")):
        raise PublishError("Budowanie nie utworzyło strony głównej (index.html) – nic nie "
                           "zostało opublikowane.")
