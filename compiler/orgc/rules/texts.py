"""I18N001: every text in every configured language."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from functools import cache
from operator import itemgetter
from typing import Any

from ..diagnostics import Subject
from ..i18n import Message
from ..model.entities import Org, Text
from .registry import Context, Finding, rule


@rule("I18N001", "missing-translation", "warning", "a Text lacks one of the configured languages")
def missing_translation(ctx: Context) -> Iterator[Finding]:
    """
    A text is not written in every language of `orgc.yaml` `languages`. A plain
    string counts as the first (default) language.

    **Why:** job descriptions are rendered per language; a missing translation
    falls back to the default language in the middle of the other document.

    **Fails:** (with `languages: [zh, en]`)
    ```yaml
    title: 班组长
    ```

    **Fix:**
    ```yaml
    title: {zh: 班组长, en: Team lead}
    ```
    """
    wanted = ctx.org.languages
    if len(wanted) < 2:
        return
    example = "{" + ", ".join(f"{lang}: ..." for lang in wanted) + "}"
    for text, subject, missing in incomplete_texts(ctx.org, wanted):
        if text.where is not None:
            yield Finding(
                Message("I18N001", text=_short(str(text)), languages=missing),
                text.where,
                Message("I18N001.hint", example=example),
                subject,
            )


def incomplete_texts(org: Org, wanted: tuple[str, ...]) -> list[tuple[Text, Subject | None, tuple[str, ...]]]:
    """Every Text in the organisation that lacks one of ``wanted``, with the entity whose `waive`
    applies to it and the languages it lacks."""
    walk = _Walk(wanted)
    walk.collect(org, None)
    for unit in org.units.values():
        walk.collect(unit, None)
    for kpi in org.kpis.values():
        walk.collect(kpi, None)
    for kind, table in (
        ("role", org.roles),
        ("block", org.blocks),
        ("process", org.processes),
        ("policy", org.policies),
    ):
        for entity in table.values():
            walk.collect(entity, Subject(kind, entity.id))
    return walk.found


class _Walk:
    """A quarter of a million texts at 10,000 roles: each is looked at where it is found and kept only
    when it lacks a language; what a set of languages lacks is worked out once."""

    def __init__(self, wanted: tuple[str, ...]) -> None:
        self.wanted = wanted
        self.found: list[tuple[Text, Subject | None, tuple[str, ...]]] = []
        self.lacking: dict[tuple[str, ...], tuple[str, ...]] = {}

    def collect(self, value: Any, subject: Subject | None) -> None:
        # plain calls: nested generators would hand every text up through each level
        for name, written in _fields(type(value)):
            item = getattr(value, name)
            if item is None:
                continue
            if written is _TEXT:
                self.check(item, subject)
            elif written is _TEXTS:
                for text in item:
                    self.check(text, subject)
            elif isinstance(item, Text):
                self.check(item, subject)
            elif isinstance(item, tuple):
                for part in item:
                    if isinstance(part, Text):
                        self.check(part, subject)
                    else:
                        self.collect(part, subject)
            else:
                self.collect(item, subject)

    def check(self, text: Text, subject: Subject | None) -> None:
        values = text.values
        # nearly every text is written in two languages: their codes without map()
        codes = (values[0][0], values[1][0]) if len(values) == 2 else tuple(map(_code, values))
        missing = self.lacking.get(codes)
        if missing is None:
            missing = self.lacking[codes] = tuple(lang for lang in self.wanted if lang not in codes)
        if missing:
            self.found.append((text, subject, missing))


_code = itemgetter(0)

# how a field holds its texts, by its type: a Text (or None), a tuple of Texts (empty or not), or
# anything else, looked at value by value
_TEXT, _TEXTS, _OTHER = "text", "texts", "other"


@cache
def _fields(kind: type) -> tuple[tuple[str, str], ...]:
    """The fields of ``kind`` that can hold a Text (``_field_names``), each with how it holds them."""
    if not dataclasses.is_dataclass(kind):
        return ()
    hints = typing.get_type_hints(kind)
    return tuple((name, _written(hints[name])) for name in _field_names(kind))


def _written(hint: Any) -> str:
    if hint is Text or hint == Text | None:
        return _TEXT
    if typing.get_origin(hint) is tuple and typing.get_args(hint) == (Text, ...):
        return _TEXTS
    return _OTHER


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields that can hold a Text; src is skipped (the org's tables are walked by texts_of).
    None of a value that is not a dataclass (a string, a number, None)."""
    if not dataclasses.is_dataclass(kind):
        return ()
    hints = typing.get_type_hints(kind)
    return tuple(
        f.name for f in dataclasses.fields(kind) if f.name != "src" and _may_hold_text(hints[f.name])
    )


def _may_hold_text(hint: Any) -> bool:
    if hint is Text:
        return True
    if dataclasses.is_dataclass(hint):
        return bool(_field_names(hint))
    return any(_may_hold_text(arg) for arg in typing.get_args(hint))


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:29] + "…"
