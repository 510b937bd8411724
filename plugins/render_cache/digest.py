"""Stable digests of what a template reads: the same value gives the same bytes in any
process, a changed value other bytes, and a value that cannot be told apart from another
(an object known only by its address) makes the page uncacheable rather than stale.

A content object (Pelican's Article, Page) is described by every attribute it carries but
the generator's context and the settings (those are keyed elsewhere), with the content
objects it points to (its translations, …) by name; a page's digest of a value then adds
the descriptions of every content object reachable from it. An object that knows which of
its facts a page shows offers `render_key()` (the events plugin's EventView: the event and
its state at the build's clock), and is described by that instead of its attributes.
"""

import datetime
import decimal
import functools
import hashlib
import inspect
import types
import zoneinfo
from collections.abc import Mapping

from markupsafe import Markup
from pelican.contents import Content
from pelican.utils import SafeDatetime
from pelican.settings import DEFAULT_CONFIG

DEFAULT_LINK_REGEX = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
# Attributes of a content object keyed elsewhere: the generator's context (each value a
# page reads is keyed by name) and the settings (keyed whole, once per build).
SKIPPED_ATTRIBUTES = {"_context", "settings"}
PLAIN = (type(None), bool, int, float, complex, str, bytes, datetime.date, datetime.time,
         datetime.timedelta, datetime.tzinfo, decimal.Decimal, range)
SIMPLE = {type(None), bool, int, float, str}  # the most common: checked first
# Values whose repr() says all they hold, the same in every process; containers of only
# these are described by repr() itself.
REPR_STABLE = SIMPLE | {Markup, SafeDatetime, datetime.datetime, datetime.date,
                        datetime.time, datetime.timedelta, zoneinfo.ZoneInfo}
CONTAINERS = (list, tuple, dict)
MISSING = object()


class Uncacheable(Exception):
    """A value whose description would not tell it apart from another."""


def content_name(content):
    """How a description names a content object it does not describe itself."""
    return repr(("content", type(content).__name__, content.source_path,
                 getattr(content, "save_as", None), getattr(content, "lang", None)))


class Describer:
    """Descriptions of one build's values. A content object's own description is made once
    per build (content objects do not change while pages are written)."""

    def __init__(self):
        self._own = {}  # id(content) -> (content, description, [contents it names])
        self._names = {}  # id(content) -> (content, content_name)
        self._frozen = {}  # id(frozen dataclass) -> (it, description, [contents it names])
        self._links = None

    def name(self, content):
        kept = self._names.get(id(content))
        if kept is None or kept[0] is not content:
            kept = self._names[id(content)] = (content, content_name(content))
        return kept[1]

    def digest(self, value):
        """A digest of `value` and of every content object reachable from it."""
        found = []
        parts = [self.describe(value, found, set())]
        seen, todo = set(), list(found)
        while todo:
            content = todo.pop()
            if id(content) in seen:
                continue
            seen.add(id(content))
            description, names = self.own(content)
            parts.append(description)
            todo.extend(names)
        parts[1:] = sorted(parts[1:])
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).digest()

    def own(self, content):
        """A content object's own attributes, and the content objects they name."""
        kept = self._own.get(id(content))
        if kept is None or kept[0] is not content:
            names = []
            attributes = _state(content, vars(content))
            description = self.name(content) + self.describe(attributes, names, set())
            if _links_elsewhere(content):
                description += self.links(content)
            kept = self._own[id(content)] = (content, _hex(description), names)
        return kept[1], kept[2]

    def links(self, content):
        """Where every file of the site is written: a text with {filename}, {static} or
        {attach} links shows the addresses of the files it links to."""
        if self._links is None:
            context = getattr(content, "_context", None) or {}
            table = {(key, path): (type(item).__name__, getattr(item, "url", None))
                     for key in ("generated_content", "static_content")
                     for path, item in (context.get(key) or {}).items()}
            self._links = "links:" + hashlib.sha256(repr(sorted(table.items())).encode(
                "utf-8", "surrogatepass")).hexdigest()
        return self._links

    def describe(self, value, found, active):
        """A text standing for `value`; content objects it holds are named and added to
        `found`. `active`: ids of the containers being described (a cycle is named)."""
        kind = type(value)
        if kind in SIMPLE:
            return f"{kind.__qualname__}:{value!r}"
        if isinstance(value, Content):
            found.append(value)
            return self.name(value)
        if isinstance(value, PLAIN):
            if isinstance(value, datetime.tzinfo) and not isinstance(
                    value, (zoneinfo.ZoneInfo, datetime.timezone)):
                return self._described_object(value, found, active)
            return f"{kind.__qualname__}:{value!r}"
        if value is MISSING:
            return "<missing>"
        if id(value) in active:
            return f"<cycle {kind.__qualname__}>"
        active.add(id(value))
        try:
            if _is_frozen(value):  # immutable: described once per build
                kept = self._frozen.get(id(value))
                if kept is None or kept[0] is not value:
                    names = []
                    description = self._unfrozen(value, names, active)
                    kept = self._frozen[id(value)] = (
                        value, f"{kind.__qualname__}#{_hex(description)}", names)
                found.extend(kept[2])
                return kept[1]
            return self._unfrozen(value, found, active)
        finally:
            active.discard(id(value))

    def _unfrozen(self, value, found, active):
        if hasattr(type(value), "render_key") and not isinstance(value, type):
            return "key:" + self.describe(value.render_key(), found, active)
        kind = type(value)
        if kind in CONTAINERS and _plain(value):  # the common case, at C speed
            return f"{kind.__qualname__}:{value!r}"
        if isinstance(value, (list, tuple)):
            inner = ",".join(self.describe(v, found, active) for v in value)
            return f"{type(value).__qualname__}[{inner}]"
        if isinstance(value, (set, frozenset)):
            return "set{" + ",".join(sorted(self.describe(v, found, active) for v in value)) + "}"
        if isinstance(value, Mapping):
            # In their order: a page that goes through a mapping shows it in that order.
            items = (self.describe(k, found, active) + ":" + self.describe(v, found, active)
                     for k, v in value.items())
            return f"{type(value).__qualname__}{{" + ",".join(items) + "}"
        return self._described_object(value, found, active)

    def _described_object(self, value, found, active):
        if isinstance(value, functools.partial):
            return "partial:" + self.describe((value.func, value.args, value.keywords),
                                              found, active)
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type,
                              types.ModuleType)):
            return "code:" + code_name(value)
        if isinstance(value, types.MethodType):
            return "method:" + code_name(value.__func__) + self.describe(value.__self__, found,
                                                                         active)
        if hasattr(value, "__dict__") or hasattr(type(value), "__slots__"):
            state = dict(getattr(value, "__dict__", {}))
            for cls in type(value).__mro__:
                for slot in getattr(cls, "__slots__", ()):
                    if isinstance(slot, str) and hasattr(value, slot):
                        state[slot] = getattr(value, slot)
            state = _state(value, state)
            return f"{code_name(type(value))}" + self.describe(state, found, active)
        text = repr(value)
        if " at 0x" in text:
            raise Uncacheable(type(value).__qualname__)
        return f"{code_name(type(value))}:{text}"


def _plain(value, depth=0):
    """Whether a list, tuple or dict holds only REPR_STABLE values (nested up to 3 deep)."""
    kind = type(value)
    if kind in REPR_STABLE:
        return True
    if depth > 3 or kind not in CONTAINERS:
        return False
    if kind is dict:
        return all(type(k) in SIMPLE and _plain(v, depth + 1) for k, v in value.items())
    return all(_plain(v, depth + 1) for v in value)


def _hex(text):
    """A description by its digest: what is kept for the rest of the build is short."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _is_frozen(value):
    params = getattr(type(value), "__dataclass_params__", None)
    return params is not None and params.frozen


def _state(value, attributes):
    """An object's attributes but those keyed elsewhere and those it works out from the
    others on first use (cached properties: present or not depending on what ran before)."""
    derived = _derived(type(value))
    return {k: v for k, v in attributes.items()
            if k not in SKIPPED_ATTRIBUTES and k not in derived}


@functools.cache
def _derived(cls):
    return frozenset(name for klass in cls.__mro__ for name, member in vars(klass).items()
                     if isinstance(member, functools.cached_property))


def _links_elsewhere(content):
    """Whether a content object's text or metadata links to a file by its source name."""
    texts = [t for t in (getattr(content, "_content", None),
                         *getattr(content, "metadata", {}).values()) if isinstance(t, str)]
    if (content.settings.get("INTRASITE_LINK_REGEX") == DEFAULT_LINK_REGEX
            and not any("{" in t or "|" in t for t in texts)):
        return False  # no link of that form can be there
    regex = content._get_intrasite_link_regex()
    return any(regex.search(text) for text in texts)


def code_name(value):
    """A function, class or module by where it is defined (its code is keyed by the code
    version of the whole cache)."""
    if isinstance(value, types.ModuleType):
        return value.__name__
    module = getattr(value, "__module__", None) or inspect.getmodule(value)
    return f"{module}.{getattr(value, '__qualname__', getattr(value, '__name__', '?'))}"


def settings_digest(settings, ignored):
    """The settings as pages may see them, but `ignored` (the clock, caches, paths of the
    build's own machinery). Objects held in settings (filters, extensions) count by their
    type: their code is in the code version, their state is theirs."""
    describer = _SettingsDescriber()
    kept = {k: v for k, v in settings.items() if k not in ignored}
    return hashlib.sha256(describer.describe(kept, [], set()).encode(
        "utf-8", "surrogatepass")).digest()


class _SettingsDescriber(Describer):
    def _described_object(self, value, found, active):
        if isinstance(value, (functools.partial, types.FunctionType, types.BuiltinFunctionType,
                              type, types.ModuleType, types.MethodType)):
            return super()._described_object(value, found, active)
        return "object:" + code_name(type(value))
