"""The catalogues' files, as `invoke translations` keeps them: the template (messages.pot)
collected from the sources, and one catalogue per language of LANGUAGES but the source
language, made the first time (`pybabel init`: the language's plural forms from Babel) and
brought in step with the template after that (`pybabel update`).

Babel's own command line, run in this process; Babel alone is imported, so tasks.py and
the tests use this without building anything.
"""

import os

from babel.messages.frontend import CommandLineInterface

DOMAIN = "messages"
TEMPLATE = f"{DOMAIN}.pot"
SOURCE_LANG = "pl"  # the language of the msgids: it needs no catalogue
# The catalogues of the site (TRANSLATIONS_LOCALE_DIR, where a test may put others).
DEFAULT_LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
# Where the interface strings are, the paths in it from the project root.
MAPPING = os.path.join(os.path.dirname(os.path.abspath(__file__)), "babel.cfg")


def locale_dir(settings):
    return settings.get("TRANSLATIONS_LOCALE_DIR") or DEFAULT_LOCALE_DIR


def catalogue_path(folder, lang):
    return os.path.join(folder, lang, "LC_MESSAGES", f"{DOMAIN}.po")


def _pybabel(*arguments):
    CommandLineInterface().run(["pybabel", *arguments])


def extract(root, template):
    """Every interface string under `root` (babel.cfg's files) into `template`."""
    _pybabel("extract", "--no-location", "--sort-output", "-F", MAPPING, "-k", "translate:2",
             "-o", template, root)


def update(settings):
    """Each language's catalogue in step with the template: a language that has none gets
    its first. Returns the paths of the catalogues made now."""
    folder = locale_dir(settings)
    template = os.path.join(folder, TEMPLATE)
    made = []
    for lang in settings["LANGUAGES"]:
        if lang == settings.get("DEFAULT_LANG", SOURCE_LANG):  # the msgids' language
            continue
        if os.path.isfile(catalogue_path(folder, lang)):
            _pybabel("update", "--no-fuzzy-matching", "--ignore-obsolete", "-i", template,
                     "-l", lang, "-d", folder)
        else:
            _pybabel("init", "-i", template, "-l", lang, "-d", folder)
            made.append(catalogue_path(folder, lang))
    return made


def collect(settings, root):
    """What `invoke translations` does: the template from the sources under `root`, then
    every language's catalogue. Returns the paths of the catalogues made now."""
    extract(root, os.path.join(locale_dir(settings), TEMPLATE))
    return update(settings)
