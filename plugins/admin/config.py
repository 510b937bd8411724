"""admin/config.yml, made from the key table (editorial.keys) and the settings: the form's
fields are the header's keys, with their Polish labels, hints, examples, required flags and
patterns, so the form and the build never disagree about a key."""

import json
import re
from urllib.parse import urlsplit

from editorial.admin_site import PREVIEW_CONTEXT
from editorial.forms import EMAIL_PATTERN
from editorial.keys import CONTENT_KEYS, EVENT_KEYS

from .page import local_backend, origin

FORMAT = "pelican"  # the custom format of assets/pelican-format.js
# Event-contacts has no pattern of its own in the table (a whole line: a name, an address, a
# phone); this one accepts every line forms.read_contact accepts (tested on the same lines).
PHONE_TEXT = r"[\s-]*(\+[\s-]*4[\s-]*8)?([\s-]*[0-9]){9}[\s-]*"
CONTACT_PATTERN = rf"(.*\s)?{EMAIL_PATTERN}[,;]*(\s+{PHONE_TEXT})?"
EXTRA_PATTERNS = {"Event-contacts": (CONTACT_PATTERN, "jeden kontakt w wierszu: nazwa, adres "
                                     "e-mail ze znakiem @ i telefon (9 cyfr)")}
KEYS = {key.name: key for key in CONTENT_KEYS + EVENT_KEYS}
# Which keys each collection offers, in the key table's order (a new file's order).
NEWS_KEYS = ("Title", "Date", "Modified", "Slug", "Summary", "Related", "Funding", "Status")
EVENT_COLLECTION_KEYS = ("Title", "Date", "Modified", "Slug", "Summary", "Funding", "Status",
                         *(key.name for key in EVENT_KEYS))
PAGE_KEYS = ("Title", "Slug", "Summary", "Modified", "Status")
TRANSLATION_KEYS = ("Title", "Lang", "Slug", "Summary")  # text keys (and the two that pair it)
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # dayjs: what `Date` is written as (forms.DATETIME_PATTERN)


def anchored(pattern):
    """Decap tests a pattern with RegExp.test (anywhere in the value): anchor it, as Python's
    fullmatch does."""
    return f"^(?:{pattern})$"


def field_pattern(key):
    """[regex, Polish message] of a key's value, or None."""
    if key.name in EXTRA_PATTERNS:
        pattern, form = EXTRA_PATTERNS[key.name]
    elif key.pattern:
        pattern, form = key.pattern, key.form
    else:
        return None
    return [anchored(pattern), f"Oczekiwano: {form}"]


def hint(key):
    example = "; ".join(key.example)
    # The docs' Markdown: links point into docs/redakcja.md, not into the admin.
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"„\1” w instrukcji", key.meaning.replace("**", ""))
    text = text[:1].upper() + text[1:]
    return f"{text}. Przykład: {example}" if example else text


def field(key, required=None):
    """One key as one field, named exactly like the key."""
    spec = {"name": key.name, "label": key.label, "hint": hint(key),
            "required": key.required if required is None else required}
    pattern = field_pattern(key)
    if key.name == "Date":
        spec.update(widget="datetime", format=DATE_FORMAT, default="{{now}}")
        return spec
    if key.choices:
        spec.update(widget="select", options=list(key.choices))
    elif key.multiline:
        item = {"name": "line", "label": key.label, "widget": "string"}
        if pattern:
            item["pattern"] = pattern
        spec.update(widget="list", field=item, allow_add=True)
        if spec["required"]:
            spec["min"] = 1
    else:
        spec["widget"] = "string"
        if pattern:
            spec["pattern"] = pattern
    return spec


def fields(names, required=()):
    """The fields of `names` plus the text (a plain text widget: Markdown stays as typed)."""
    listed = [field(KEYS[name], True if name in required else None) for name in names]
    return listed + [{"name": "body", "label": "Treść", "widget": "text", "required": False,
                      "hint": "Treść w Markdown: akapity oddziela pusty wiersz, śródtytuł "
                              "zaczyna się od „## ”, punkt listy od „- ”."}]


def collection(name, label, folder, names, **extra):
    return {"name": name, "label": label, "label_singular": extra.pop("singular", label),
            "folder": folder, "extension": "md", "format": FORMAT, "create": True,
            "slug": extra.pop("slug", "{{slug}}"), "identifier_field": "Title",
            "summary": "{{Title}}",
            "fields": fields(names, extra.pop("required", ())), **extra}


def preview_path(url_setting, category=None):
    """Where an entry's page is in the pull request's preview (Decap adds it to the link
    the commit status gives): Pelican's own URL setting, the file name being the address
    (SLUGIFY_SOURCE = "basename")."""
    return url_setting.format(category=category, slug="{{slug}}")


def not_translation():
    """pelican-format.js gives a file without Lang: an empty Lang; Decap's filter compares
    with ===, so this keeps translations out of a collection."""
    return {"field": "Lang", "value": ""}


def collections(settings):
    events, news = settings.get("EVENTS_DIR", "wydarzenia"), "aktualnosci"
    article_url = settings.get("ARTICLE_URL", "{category}/{slug}/")
    page_url = settings.get("PAGE_URL", "{slug}/")
    listed = [
        collection("events", "Wydarzenia", f"content/{events}", EVENT_COLLECTION_KEYS,
                   singular="Wydarzenie", filter=not_translation(),
                   sortable_fields=["Event-start", "Title"],
                   preview_path=preview_path(article_url, events)),
        collection("news", "Aktualności", f"content/{news}", NEWS_KEYS, singular="Aktualność",
                   filter=not_translation(), preview_path=preview_path(article_url, news)),
        collection("pages", "Strony", "content/pages", PAGE_KEYS, singular="Strona",
                   filter=not_translation(), create=False, delete=False,
                   preview_path=preview_path(page_url)),
    ]
    default = settings.get("DEFAULT_LANG", "pl")
    for lang, name in settings.get("LANGUAGES", {}).items():
        if lang == default:
            continue
        for kind, label, folder in (("events", "wydarzeń", events), ("news", "aktualności", news),
                                    ("pages", "stron", "pages")):
            listed.append(collection(
                f"{kind}-{lang}", f"Tłumaczenia {label} ({name})", f"content/{folder}",
                TRANSLATION_KEYS, singular=f"Tłumaczenie ({name})",
                filter={"field": "Lang", "value": lang}, required=("Lang", "Slug"),
                slug="{{fields.Slug}}-{{fields.Lang}}",
                description="Tłumaczenie ma to samo pole „Adres strony” (Slug) co oryginał "
                            f"i pole „Język”: {lang}."))
    return listed


def backend(settings):
    spec = {"name": "github", "repo": settings.get("ADMIN_REPO", ""), "branch": "main",
            "preview_context": PREVIEW_CONTEXT}
    relay = settings.get("ADMIN_OAUTH_RELAY", "")
    if relay:
        spec["base_url"] = origin(relay)
        spec["auth_endpoint"] = urlsplit(relay).path.strip("/") or "auth"
    return spec


def config(settings):
    """The whole configuration, as a dict."""
    return {
        "locale": "pl",
        "backend": backend(settings),
        # A saved draft is a branch and a pull request (its preview built by preview.yml);
        # "Opublikuj" merges it into main, which publishes the site.
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": local_backend(settings)},
        "media_folder": "content/images",
        "public_folder": "/images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections(settings),
    }


def to_yaml(value, indent=0):
    """A small YAML writer (the site needs no PyYAML): block mappings and sequences, every
    string double-quoted the JSON way, which YAML reads as is."""
    pad = "  " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 1)}")
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
        return "\n".join(lines)
    lines = []
    for item in value:
        if isinstance(item, (dict, list)) and item:
            inner = to_yaml(item, indent + 1)
            lines.append(f"{pad}- {inner.lstrip()}")
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return "\n".join(lines)


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dict, list)):
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False)


def config_yml(settings):
    return ("# Written by every build from plugins/editorial/keys.py and pelicanconf.py "
            "(plugins/admin): do not edit.\n" + to_yaml(config(settings)) + "\n")
