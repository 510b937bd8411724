"""The site in more than one language: interface strings from gettext catalogues, each page
in its own language, translations checked and linked both ways, a home page per language.

- Catalogues: plugins/translations/locale/<lang>/LC_MESSAGES/messages.po (the folder is
  TRANSLATIONS_LOCALE_DIR), for the theme's templates (jinja2.ext.i18n) and the plugins'
  Python text alike; msgids are the Polish text, so Polish needs none. Every build compiles
  them in memory (no .mo file is kept); `invoke translations` writes them (catalogues.py).
  A message a catalogue does not translate (yet) is shown in Polish.
- A language is a line in LANGUAGES: what else the site says about it comes from Babel
  (og:locale in LOCALES, unless the settings name one; dates in plugins/events/dates.py).
- A page's language: its content's `Lang:`, or `page_lang` for pages rendered once per
  language (the home page), or DEFAULT_LANG. Text comes back translated and with that
  language's typography.
- Content translations are Pelican's own (`Lang:` + the same `Slug:`); a translation whose
  original is missing is an editor's mistake (site_checks lists it).

Signal order: initialized (the i18n extension, the catalogues' folder, LOCALES) ->
generator_init (each generator's Jinja environment) -> all_generators_finalized (check,
link) -> LanguageHomeGenerator writes.
"""

import functools
import io
import os

from babel import Locale
from babel.core import get_global
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals
from pelican.generators import Generator
from pelican.utils import slugify

from editorial.messages import Problem
from editorial.sources import all_content, header_fields, markdown_lines, source_name

from polish_typography.polish_typography import typography

from . import catalogues
from .catalogues import DOMAIN, SOURCE_LANG
from .foreign_links import mark_links

# The catalogues this build reads: TRANSLATIONS_LOCALE_DIR, set by configure() (translate()
# is called with a language and a message alone, from templates, calendars and mails).
LOCALE_DIR = catalogues.DEFAULT_LOCALE_DIR


def catalogue_path(lang):
    return catalogues.catalogue_path(LOCALE_DIR, lang)


@functools.lru_cache(maxsize=16)
def _compiled(po_path, mtime):
    """A .po file -> gettext translations, compiled in memory."""
    with open(po_path, "rb") as po:
        catalog = read_po(po)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def _version(lang):
    """The catalogue's path and modification time (None for the source language, which has
    none), so that a catalogue saved while `make serve` runs is read again by the next build,
    and another build's catalogues (TRANSLATIONS_LOCALE_DIR) are never taken for this one's."""
    if lang == SOURCE_LANG:  # most text of the site: no file to look at
        return None
    path = catalogue_path(lang)
    return (path, os.path.getmtime(path)) if os.path.isfile(path) else None


def _catalogue(lang, version):
    return NullTranslations() if version is None else _compiled(*version)


def translate(lang, message):
    """`message` (Polish) in `lang`, with that language's typography."""
    return _translated(lang, message, _version(lang))


def has_translation(lang, message):
    """Whether the catalogue of `lang` translates `message` (Polish is the source)."""
    version = _version(lang)
    return version is not None and _catalogue(lang, version).gettext(message) != message


@functools.lru_cache(maxsize=4096)
def _translated(lang, message, version):
    return typography(_catalogue(lang, version).gettext(message), lang)


def translate_plural(lang, singular, plural, n):
    return typography(_catalogue(lang, _version(lang)).ngettext(singular, plural, n), lang)


def rendered_content(context):
    """The article or page being rendered, found by the file being written (link_translations
    maps them): the writer's `article` would do, but Jinja hands calls inside a loop a context
    with the loop's variables, and a `{% set article = … %}` there would change the page's
    language half-way down the page."""
    return context.get("content_by_output", {}).get(context.get("output_file"))


def page_language(context):
    """The language of the page being rendered."""
    lang = getattr(rendered_content(context), "lang", None)
    return lang or context.get("page_lang") or context.get("DEFAULT_LANG", "pl")


@pass_context
def _gettext(context, message):
    return translate(page_language(context), message)


@pass_context
def _ngettext(context, singular, plural, n):
    return translate_plural(page_language(context), singular, plural, n)


@pass_context
def _name(context, name):
    """An editor's name of a person or organisation, escaped: in the page's language where the
    catalogue has it, else as written and marked Polish (no %-formatting: it is data)."""
    lang = page_language(context)
    if lang == context.get("DEFAULT_LANG", "pl") or has_translation(lang, name):
        return escape(translate(lang, name))
    return Markup('<span lang="{}">{}</span>').format(context.get("DEFAULT_LANG", "pl"), name)


@pass_context
def _page_language(context):
    return page_language(context)


def version_in(content, lang):
    """The version of `content` (an article or a page) in `lang`: its translation, or
    `content` itself where it has none (or is in `lang`)."""
    return next((t for t in getattr(content, "translations", ()) if t.lang == lang), content)


@pass_context
def _in_language(context, content):
    """The translation of `content` in the page's language, or `content` itself."""
    return version_in(content, page_language(context))


def original_of(content):
    """The original of a translation (the content itself when it is the original)."""
    if content.in_default_lang:
        return content
    return next((t for t in content.translations if t.in_default_lang), content)


@pass_context
def _localized_url(context, url):
    """A site address in the page's language, where the site has it: "o-partnerstwie/" ->
    "uk/o-partnerstwie/" on a Ukrainian page."""
    return context.get("localized_urls", {}).get(url, {}).get(page_language(context), url)


@pass_context
def _language_versions(context):
    """This page in every other language: its translation, else that language's home page
    (`exact`: the same page, for hreflang)."""
    lang, content = page_language(context), rendered_content(context)
    versions = []
    for code, name in context["LANGUAGES"].items():
        if code == lang:
            continue
        translation = next((t for t in getattr(content, "translations", ()) if t.lang == code),
                           None)
        home = "" if code == context["DEFAULT_LANG"] else f"{code}/"
        versions.append({"lang": code, "name": name,
                         "url": translation.url if translation else home,
                         "exact": translation is not None or context.get("page_name") == "index"})
    return versions


def og_locale(lang):
    """Open Graph's locale of a language code, from Babel: "pl" -> "pl_PL", "uk" -> "uk_UA",
    "en" -> "en_US" (the territory CLDR finds likeliest for it, where the code names none)."""
    locale = Locale.parse(lang.replace("-", "_"))
    if not locale.territory:
        likely = get_global("likely_subtags").get(locale.language)
        locale = Locale.parse(likely) if likely else locale
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def configure(pelican):
    """The i18n extension, the catalogues' folder and each language's og:locale."""
    global LOCALE_DIR
    settings = pelican.settings
    environment = settings.setdefault("JINJA_ENVIRONMENT", {})
    extensions = environment.setdefault("extensions", [])
    if "jinja2.ext.i18n" not in extensions:
        extensions.append("jinja2.ext.i18n")
    LOCALE_DIR = catalogues.locale_dir(settings)
    settings["TRANSLATIONS_LOCALE_DIR"] = LOCALE_DIR
    locales = settings["LOCALES"] = dict(settings.get("LOCALES") or {})
    for lang in settings.get("LANGUAGES", {}):
        locales.setdefault(lang, og_locale(lang))


def install_callables(generator):
    install(generator.env)


def install(env):
    """gettext and the language helpers in a Jinja environment (with jinja2.ext.i18n)."""
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(page_language=_page_language, name_in_language=_name,
                       in_language=_in_language, localized_url=_localized_url,
                       language_versions=_language_versions, translate=translate,
                       original_of=original_of)


def link_translations(generators):
    """A language the site lacks or a translation without an original is a problem; every
    address learns its versions; templates learn which content each output file shows; a
    translation's links to pages without its language say so (foreign_links.py)."""
    settings, context = generators[0].settings, generators[0].context
    contents = [c for generator in generators for c in _originals(generator)]
    context.setdefault("editor_problems", []).extend(
        _problems(contents, settings, _refused_originals(context, settings)))
    default = settings["DEFAULT_LANG"]
    urls = {"": {lang: f"{lang}/" for lang in settings.get("LANGUAGES", {}) if lang != default}}
    for content in contents:
        group = [content, *content.translations]
        for translation in content.translations:
            # Pelican links the original to its translations only; link them back.
            translation.translations = [other for other in group if other is not translation]
            urls.setdefault(content.url, {})[translation.lang] = translation.url
    context["localized_urls"] = urls
    mark_links([version for content in contents for version in (content, *content.translations)
                if version.lang != default], context.get("generated_content", {}), default,
               lambda lang: translate(lang, "po polsku"))
    context["content_by_output"] = {
        version.save_as: version for c in all_content(generators)
        for version in (c, *c.translations) if getattr(version, "save_as", None)}


def _problems(contents, settings, refused=frozenset()):
    """An unknown `Lang:` ("ua", "UK"; no page could be in it), else a translation Pelican
    kept as an original because no file in the default language has its Slug (a file it
    refused, `refused`, counts: its own problems are the editor's list)."""
    default, languages = settings["DEFAULT_LANG"], settings.get("LANGUAGES", {})
    for content in contents:
        for version in (content, *content.translations):
            if version.lang != default and version.lang not in languages:
                yield Problem(source_name(version), "Lang", version.lang, "nieznany kod języka",
                              f"jeden z kodów: {', '.join(languages)}")
            elif (version is content and content.lang != default
                  and content.slug not in refused):
                yield Problem(source_name(content), "Lang", content.lang, "to tłumaczenie nie "
                              "ma oryginału: żaden opublikowany plik po polsku tego samego "
                              f"rodzaju (wpis albo strona) nie ma Slug: {content.slug}",
                              "Slug pliku, który tłumaczysz, albo usunięcie pola Lang")


def _refused_originals(context, settings):
    """The slugs of files in the default language that Pelican failed to read (it records a
    file it could not process in the context's `generated_content` as None): the reader
    refused them and named their problems."""
    default, slugs = settings["DEFAULT_LANG"], set()
    for path, content in context.get("generated_content", {}).items():
        if content is None:
            fields = {}
            lines = markdown_lines(os.path.join(settings["PATH"], path))
            for _, key, value in header_fields(lines):
                fields.setdefault(key, value)
            if fields.get("lang", default) == default:
                slugs.add(fields.get("slug") or _slug(path, fields, settings))
    return slugs


def _slug(path, fields, settings):
    """The slug Pelican gives a file without Slug: from its title or its file name
    (SLUGIFY_SOURCE)."""
    source = fields.get("title") if settings.get("SLUGIFY_SOURCE") == "title" else None
    return slugify(source or os.path.splitext(os.path.basename(path))[0],
                   regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
                   preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                   use_unicode=settings.get("SLUGIFY_USE_UNICODE", False))


def _originals(generator):
    """Articles and pages Pelican lists as originals (their translations hang on them)."""
    return (getattr(generator, "articles", []) + getattr(generator, "pages", [])
            + getattr(generator, "hidden_pages", []))


class LanguageHomeGenerator(Generator):
    """The home page once more for every other language (uk/index.html)."""

    def generate_output(self, writer):
        default = self.settings["DEFAULT_LANG"]
        for lang in self.settings.get("LANGUAGES", {}):
            if lang != default:
                writer.write_file(f"{lang}/index.html", self.get_template("index"), self.context,
                                  relative_urls=self.settings["RELATIVE_URLS"],
                                  page_name="index", page_lang=lang, url=f"{lang}/")


def get_generators(pelican):
    return LanguageHomeGenerator


def register():
    # initialized: before any generator makes its Jinja environment or reads a file.
    signals.initialized.connect(configure)
    # generator_init: each generator has its own environment.
    signals.generator_init.connect(install_callables)
    # all_generators_finalized: every file is read, nothing is written.
    signals.all_generators_finalized.connect(link_translations)
    signals.get_generators.connect(get_generators)
