"""Orgc's wording in Chinese and English: one catalogue per language (``en``, ``zh``), looked up by key.

A ``Message`` (a key and its parameters) is rendered when reported: diagnostics and the command
line's own words. Documents and ``orgc diff`` take their fixed wording by key in an output language
(``wording``; ``documents`` and ``diff`` name their sections of the catalogue).
"""

from __future__ import annotations

import errno
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from . import en, zh

LANGUAGES = ("zh", "en")
_CATALOGUES: dict[str, ModuleType] = {"en": en, "zh": zh}


def default_language(languages: Sequence[str]) -> str:
    """The language of messages for a project: its first language if that is zh or en, else en."""
    return languages[0] if languages and languages[0] in LANGUAGES else "en"


@dataclass(frozen=True, init=False)
class Message:
    """A catalogue key with its parameters; ``render(lang)`` gives the text, ``str()`` the English.

    A parameter may be text or a number (inserted as is, with the template's format
    spec), another Message (rendered in the same language), a list (joined as the
    language joins lists: ``a, b`` / ``a、b``), ``OneOf`` (``a or b`` / ``a或b``) or
    None (nothing). A template may be a pair (singular, plural), chosen by ``count``.
    """

    key: str
    params: tuple[tuple[str, Any], ...]

    def __init__(self, key: str, /, **params: Any) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", tuple(sorted((k, _frozen(v)) for k, v in params.items())))

    def render(self, lang: str) -> str:
        catalogue = _CATALOGUES.get(lang, en)
        params = dict(self.params)
        if self.key == "schema-description":  # a schema's own wording, translated by its English text
            text = params["text"]
            return getattr(catalogue, "SCHEMA_DESCRIPTIONS", {}).get(text, text)
        if self.key == "verbatim":  # orgc's own words, or a parser's: the reporters escape them
            return str(params["text"])
        template = _form(catalogue.MESSAGES[self.key], params.get("count"))
        return _Formatter(lang).vformat(template, (), params)

    def __str__(self) -> str:
        return self.render("en")


def wording(key: str, lang: str, count: int | None = None) -> str:
    """The template of ``key`` in an output language, unformatted: its caller fills the fields.

    Chinese for ``zh`` and its variants (``zh-Hant`` …), English for any other language;
    of a pair (singular, plural), the form for ``count``.
    """
    catalogue = zh if lang.startswith("zh") else en
    return _form(catalogue.MESSAGES[key], count)


def _form(template: str | tuple[str, str], count: object) -> str:
    if isinstance(template, tuple):
        return template[0] if count == 1 else template[1]
    return template


@dataclass(frozen=True)
class OneOf:
    """Alternatives as a parameter: ``text or a list`` / ``文本或列表``."""

    items: tuple[Any, ...]


def verbatim(text: str) -> Message:
    """Text that is the same in every language (an id, a path, words from another program)."""
    return Message("verbatim", text=text)


def os_reason(exc: OSError) -> Message:
    """Why the system refused, in the catalogue's words for the common errors; else the system's own text."""
    reasons = {
        errno.EACCES: Message("os.permission-denied"),
        errno.EPERM: Message("os.permission-denied"),
        errno.ENOENT: Message("os.not-found"),
        errno.ENOSPC: Message("os.disk-full"),
        errno.EDQUOT: Message("os.disk-full"),
        errno.EFBIG: Message("os.too-large"),
        errno.EROFS: Message("os.read-only"),
        errno.EEXIST: Message("os.exists"),
        errno.ENOTDIR: Message("os.not-a-folder"),
        errno.EISDIR: Message("os.is-a-folder"),
        errno.ENOTEMPTY: Message("os.not-empty"),
        errno.EBUSY: Message("os.busy"),
        errno.ETXTBSY: Message("os.busy"),
        errno.ENAMETOOLONG: Message("os.name-too-long"),
        errno.ELOOP: Message("os.too-many-links"),
        errno.EMFILE: Message("os.too-many-open"),
        errno.ENFILE: Message("os.too-many-open"),
        errno.EIO: Message("os.io-error"),
        errno.EXDEV: Message("os.other-device"),
    }
    known = reasons.get(exc.errno) if exc.errno is not None else None
    return known or verbatim(exc.strerror or str(exc))


def description(text: str) -> Message:
    """A ``description`` from our JSON Schemas: English there, translated by the catalogues."""
    return Message("schema-description", text=text)


_AND = Message("list.and")
_OR = Message("list.or")


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if value is None:
            return ""
        if isinstance(value, Message):
            return value.render(self.lang)
        if isinstance(value, OneOf):
            return _OR.render(self.lang).join(self.format_field(v, format_spec) for v in value.items)
        if isinstance(value, tuple):
            return _AND.render(self.lang).join(self.format_field(v, format_spec) for v in value)
        if isinstance(value, str):  # text from the specs: it must not start a line of the report
            value = _UNPRINTABLE.sub(_escaped, value)
        return format(value, format_spec)


# Line breaks, control characters and bidi controls in a parameter (an id, a title, a file
# name) would let the specs write lines of their own into a report, such as a GitHub
# workflow command (`\n::error::...`), or reorder it: they are shown escaped, as repr() does.
# Invisible format characters (zero-width space, joiners, BOM) are shown too: they are
# what the reader of a message about an id must be told of.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, OneOf):
        return OneOf(tuple(_frozen(v) for v in value.items))
    return value
