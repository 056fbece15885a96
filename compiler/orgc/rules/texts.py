"""I18N001: every text in every configured language."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..diagnostics import Subject
from ..messages import Message
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
    for text, subject in texts_of(ctx.org):
        present = {code for code, _ in text.values}
        missing = [lang for lang in wanted if lang not in present]
        if missing and text.where is not None:
            example = "{" + ", ".join(f"{lang}: ..." for lang in wanted) + "}"
            yield Finding(
                Message("I18N001", text=_short(str(text)), languages=tuple(missing)),
                text.where,
                Message("I18N001.hint", example=example),
                subject,
            )


def texts_of(org: Org) -> Iterator[tuple[Text, Subject | None]]:
    """Every Text in the organisation, with the entity whose `waive` applies to it."""
    found: list[tuple[Text, Subject | None]] = []
    _collect(org, None, found)
    for unit in org.units.values():
        _collect(unit, None, found)
    for kpi in org.kpis.values():
        _collect(kpi, None, found)
    for kind, table in (
        ("role", org.roles),
        ("block", org.blocks),
        ("process", org.processes),
        ("policy", org.policies),
    ):
        for entity in table.values():
            _collect(entity, Subject(kind, entity.id), found)
    return iter(found)


def _collect(value: Any, subject: Subject | None, found: list[tuple[Text, Subject | None]]) -> None:
    # a list filled by plain calls: a quarter of a million texts pass through a few levels each,
    # and nested generators would hand every one up through each level
    for name in _field_names(type(value)):
        item = getattr(value, name)
        if isinstance(item, Text):
            found.append((item, subject))
        elif isinstance(item, tuple):
            for part in item:
                if isinstance(part, Text):
                    found.append((part, subject))
                else:
                    _collect(part, subject, found)
        elif item is not None:
            _collect(item, subject, found)


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
