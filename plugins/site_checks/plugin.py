"""Site checks: everything editors must know about the site as a whole.

Stops a broken build before anything is written, with every problem of every plugin in one
list (file, line, field, value, expected form); lists a good build's warnings every build;
writes the hosting headers file. Other plugins hand over their findings in the context:
`editor_problems` and `editor_warnings` (lists), during all_generators_finalized, so this
plugin is listed after them in PLUGINS (checked at start: check_plugin_order).

Signals: initialized (order check)
-> all_generators_finalized (stop or keep the warnings) -> EditorReport.generate_output
(after the pages are written) -> finalized (pelican-sitemap's file completed).
"""

import dataclasses
import logging
import os
import re
import sys

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from editorial.messages import WARNING, InvalidContent, Problem, notice
from editorial.sources import (all_content, editor_path, field_line, header_fields,
                               lines_containing, markdown_lines, source_name, text_lines)

from . import hosting, sitemap, staging
from .report import (changed_files, forget_warnings, list_warnings, record_warnings,
                     start_build_logs, stop)

SETTINGS_FILE = "pelicanconf.py"  # where FUNDING and SITE_LOGO are written


def project_root(settings):
    """The folder messages name files from: the one holding content/ and pelicanconf.py."""
    return os.path.dirname(os.path.abspath(settings["PATH"]))


# The plugins whose work this one completes: it lists the problems translations and events
# hand over in all_generators_finalized, and fixes what pelican-sitemap writes in finalized.
# Receivers run in the order PLUGINS loads them, so it must come after these.
COMES_AFTER = ("translations", "events", "pelican.plugins.sitemap")


def on_initialized(pelican):
    """The plugins' order checked; a fresh recorder of Pelican's errors and fresh log
    handlers for this build."""
    start_build_logs()
    check_plugin_order(pelican.settings["PLUGINS"], project_root(pelican.settings))
    install_recorder(pelican.settings["PATH"])
    sitemap.release()  # a build of this process that failed late left it waiting for that one
    staging.start(pelican)
    forget_warnings(pelican.settings["CACHE_PATH"])  # the preview's banner: this build's only


def check_plugin_order(plugins, root):
    """Stop at once, naming PLUGINS, when this plugin is listed before one it comes after."""
    names = [getattr(plugin, "__name__", plugin) for plugin in plugins]
    here = names.index(__package__) if __package__ in names else len(names)
    early = [name for name in COMES_AFTER if name in names[here + 1:]]
    if early:
        stop([notice(f"w PLUGINS wtyczka {__package__} musi stać po: {', '.join(early)} (zbiera "
                     "ich ustalenia i kończy ich pracę) – popraw kolejność listy PLUGINS",
                     SETTINGS_FILE, field="PLUGINS")], root)


def on_all_generators_finalized(generators):
    """Stop before any output if anything is wrong; else keep the warnings for the report."""
    contents = list(all_content(generators))
    settings, context = generators[0].settings, generators[0].context
    paths = {source_name(c): c.source_path for c in contents}
    problems = context.get("editor_problems", []) + list(_duplicate_slugs(contents, generators))
    problems += list(_funding_problems(contents, settings)) + recorded_errors()
    if problems:
        staging.discard(staging.staging_path(settings.get("STAGED_FOR", "")))
        located_problems = [located(p, paths) for p in problems]
        stop(sorted(located_problems, key=lambda p: (p.source or "", p.line or 0)),
             project_root(settings))
    # Per-file warnings, made by any plugin as the file is read (content.editor_warnings).
    warnings = sorted((w for c in contents for w in getattr(c, "editor_warnings", [])),
                      key=lambda w: (w.source, w.line or 0))
    context["funding_logos_present"], missing_funding = funding_logos_present(settings)
    context["site_logo_present"], missing_logo = site_file_present(
        settings, "SITE_LOGO", "brak pliku z herbem lub logo w nagłówku: {path} – nagłówek "
        "pokazuje samą nazwę, dopóki redakcja nie doda pliku")
    context["pjm_video_present"], missing_video = site_file_present(
        settings, "PJM_VIDEO", "brak nagrania w polskim języku migowym: {path} – strona "
        "„Informacje w polskim języku migowym” pokazuje tylko tekst, dopóki redakcja nie doda "
        "pliku")
    warnings += missing_funding + missing_logo + missing_video + unread_files(generators)
    warnings += hint_paragraphs(contents)
    warnings += [located(w, paths) for w in context.get("editor_warnings", [])]
    context["editor_warnings"] = warnings
    context["editor_pages"] = {c.save_as: source_name(c) for c in contents
                               if getattr(c, "save_as", None)}
    sitemap.date_undated_pages(contents)


def located(problem, paths):
    """The problem with the line of its field, where the file has the field."""
    path = paths.get(problem.source)
    if problem.line or not path or problem.value is None:
        return problem
    return dataclasses.replace(problem, line=field_line(path, problem.field, problem.value))


def _duplicate_slugs(contents, generators):
    """Two files, or a file and one of the site's own pages, that would share an address.
    Two translations into one language name each other: neither is more to blame."""
    settings = generators[0].settings
    seen = {settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): f"strona „{name}” serwisu"
            for name in settings["DIRECT_TEMPLATES"]}
    for generator in generators:
        for category, _ in getattr(generator, "categories", []):
            seen[category.save_as] = f"lista kategorii „{category}”"
    written = {}
    for content in contents:
        if getattr(content, "save_as", None):  # (a draft is not written when publishing)
            written.setdefault(content.save_as, []).append(content)
    for save_as, found in written.items():
        translations = len(found) > 1 and all(c.lang != settings["DEFAULT_LANG"] for c in found)
        for content in found if save_as in seen or translations else found[1:]:
            others = [source_name(c) for c in found if c is not content]
            if translations:
                yield Problem(source_name(content), "Lang", content.lang, "dwa tłumaczenia "
                              f"tego samego wpisu (Slug: {content.slug}) na ten sam język: ten "
                              f"plik i {', '.join(others)}", "jedno tłumaczenie na język – "
                              "zostaw jeden z tych plików")
            else:
                yield Problem(source_name(content), "Slug", content.slug,
                              f"ten sam adres ma już {seen.get(save_as) or others[0]}",
                              "inny Slug albo inna nazwa pliku")


def unread_files(generators):
    """A warning for each file in the article and page folders that Pelican does not read
    (a .md.txt, a .docx, a .MD): it would be left out without a word."""
    found = []
    for generator in generators:
        paths = {ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
                 PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES")}.get(type(generator))
        if paths:
            folders, excluded = (generator.settings[name] for name in paths)
            every = generator.get_files(folders, exclude=excluded, extensions=False)
            found += sorted(every - generator.get_files(folders, exclude=excluded))
    return [notice("Pelican nie czyta tego pliku, więc nie trafi on na stronę. Oczekiwano: plik "
                   "tekstowy z końcówką .md pisaną małymi literami, np. spotkanie.md "
                   "(tekst z Worda wklej do takiego pliku)",
                   editor_path(generators[0].settings["PATH"], path), None, "plik", WARNING)
            for path in found if not os.path.basename(path).startswith(".")]


# What marks a paragraph written for the editor, not for residents: `invoke new-event` writes
# one ("Tu wpisz treść zaproszenia (ten akapit usuń). …"; tests check it carries the mark).
HINT_MARK = "(ten akapit usuń)"


def hint_paragraphs(contents):
    """A warning for every line that still holds a paragraph meant to be deleted."""
    return [notice(f"w tekście został akapit-wskazówka „{_hint_shown(line)}” – mieszkańcy "
                   "przeczytają go na stronie. Oczekiwano: w jego miejscu treść zaproszenia, "
                   "a akapit-wskazówka usunięty", source_name(content), number, "treść",
                   WARNING)
            for content in contents
            for number, line in enumerate(text_lines(content.source_path), 1)
            if HINT_MARK in line]


def _hint_shown(line):
    """The hint's words up to its mark (the sentence the editor will recognise)."""
    return line[:line.index(HINT_MARK) + len(HINT_MARK)].strip()


def _funding_problems(contents, settings):
    known = settings.get("FUNDING", {})
    for content in contents:
        key = content.metadata.get("funding")
        if key and key not in known:
            yield Problem(source_name(content), "Funding", key, "nieznane źródło finansowania",
                          "jeden z kluczy FUNDING w pelicanconf.py: " + ", ".join(known))


def _settings_warning(settings, setting, file, text):
    """A warning about a file named in pelicanconf.py, on the line that names it."""
    conf = os.path.join(project_root(settings), SETTINGS_FILE)
    line = next((number for number, _ in lines_containing(conf, file)), None)
    return notice(text, SETTINGS_FILE, line, setting, WARNING)


def funding_logos_present(settings):
    """({key: whether its logo strip exists}, warnings): a missing official file is a
    warning, not a break; the slot stays empty."""
    present, warnings = {}, []
    for key, funding in settings.get("FUNDING", {}).items():
        present[key] = os.path.isfile(os.path.join(settings["PATH"], funding["logo"]))
        if not present[key]:
            warnings.append(_settings_warning(
                settings, "FUNDING", funding["logo"],
                f"brak pliku z logotypami finansowania „{key}”: "
                f"{editor_path(settings['PATH'], funding['logo'])} – miejsce na logotypy "
                "pozostanie puste, dopóki redakcja nie doda oficjalnego pliku"))
    return present, warnings


def site_file_present(settings, setting, missing):
    """(whether the file a setting names exists, warnings): `missing` says, with {path},
    what residents see meanwhile; a missing file is a warning, never a break."""
    entry = settings.get(setting)
    if not entry:
        return False, []
    if os.path.isfile(os.path.join(settings["PATH"], entry["file"])):
        return True, []
    path = editor_path(settings["PATH"], entry["file"])
    return False, [_settings_warning(settings, setting, entry["file"], missing.format(path=path))]


# Pelican's own errors (a bad Date:, a missing Title:), reworded and listed with ours

class _ErrorRecorder(logging.Handler):
    """Remembers Pelican's own errors so they stop the build too; the closing Polish list
    repeats each of them, so the record is marked for _NotTwiceInEnglish."""

    def __init__(self, content_path):
        super().__init__(level=logging.ERROR)
        self.content_path = content_path
        self.found = []

    def emit(self, record):
        self.found.extend(_explained(record, self.content_path))
        record.in_editor_list = True


class _NotTwiceInEnglish(logging.Filter):
    """On the console's handlers: drops Pelican's English line ("Could not process …") for an
    error the editor will read, reworded, in the closing list. Records reach the "pelican"
    logger's recorder before the root logger's handlers, so the mark is already there."""

    def filter(self, record):
        return not getattr(record, "in_editor_list", False)


_MISSING = {"title": "tytuł, np. Title: Spotkanie partnerstwa",
            "date": "data wpisu, np. Date: 2025-01-08 12:00"}


def _explained(record, content_path):
    """Pelican's own error as the editor's problems, worded like ours where we know what it
    means (a file the reader refused carries its own)."""
    if record.msg == "Skipping %s: could not find information about '%s'":
        content, prop = record.args
        return [Problem(source_name(content), prop.capitalize(), "", "to pole jest wymagane",
                        _MISSING.get(prop, prop))]
    error = sys.exc_info()[1]  # Pelican logs "Could not process" without the reason
    if isinstance(error, InvalidContent):
        return error.problems
    if record.msg == "Could not process %s" and error is not None:
        relative = str(record.args[0])
        lines = markdown_lines(os.path.join(content_path, relative))
        quoted = re.findall(r"'([^']+)'", str(error))
        line, field = next(((number, key) for number, key, value in header_fields(lines)
                            if quoted and quoted[0] in value), (None, ""))
        return [notice(f"Pelican nie mógł odczytać pliku: {error}. Sprawdź nagłówek pliku, np. "
                       "Date: RRRR-MM-DD GG:MM", editor_path(content_path, relative), line,
                       field.capitalize())]
    return [notice(record.getMessage())]


def _recorders():
    return [h for h in logging.getLogger("pelican").handlers if isinstance(h, _ErrorRecorder)]


def install_recorder(content_path):
    """A fresh recorder of Pelican's errors for this build (signals outlive builds)."""
    pelican_logger = logging.getLogger("pelican")
    for handler in _recorders():
        pelican_logger.removeHandler(handler)
    pelican_logger.addHandler(_ErrorRecorder(content_path))
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _NotTwiceInEnglish) for f in handler.filters):
            handler.addFilter(_NotTwiceInEnglish())


def recorded_errors():
    return [found for recorder in _recorders() for found in recorder.found]


class EditorReport:
    """After the pages are written: the hosting headers file, then the warnings and the
    closing line that counts them."""

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path

    def generate_output(self, writer):
        hosting.write_headers_file(self.settings, self.output_path)
        warnings = self.context.get("editor_warnings", [])
        list_warnings(warnings, project_root(self.settings), changed_files(self.settings))
        record_warnings(self.settings["CACHE_PATH"], warnings,
                        self.context.get("editor_pages", {}))


def get_generators(pelican):
    return EditorReport


def register():
    signals.initialized.connect(on_initialized)
    signals.all_generators_finalized.connect(on_all_generators_finalized)
    # finalized: after pelican-sitemap's own receiver (listed before: check_plugin_order),
    # so the sitemap is written when it is completed.
    signals.finalized.connect(sitemap.complete_alternates)
    # finalized, last: the staged site becomes the output only once it is all written.
    signals.finalized.connect(staging.finish)
    signals.get_generators.connect(get_generators)
