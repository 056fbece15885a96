"""Quick fixes: a diagnostic's own Fix, and the id or name its hint suggests instead."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from lsprotocol import types

from ..diagnostics import Diagnostic, Fix
from ..i18n import Message
from .diagnostics import to_lsp
from .positions import Lines, token_range

# a suggestion inside a message or a hint: its catalogue key -> the parameter that names it
_SUGGESTIONS = {"did-you-mean": "name", "E102.unknown-field.guess": "name", "E102.enum.guess": "option"}


def suggestion(diagnostic: Diagnostic) -> str | None:
    """The id, field or value a diagnostic's wording suggests ("did you mean …"), if any."""
    for message in (diagnostic.what, diagnostic.advice):
        for found in _messages(message):
            parameter = _SUGGESTIONS.get(found.key)
            if parameter:
                return str(dict(found.params)[parameter])
    return None


def _messages(value: Any) -> Iterator[Message]:
    if isinstance(value, Message):
        yield value
        for _, parameter in value.params:
            yield from _messages(parameter)
    elif isinstance(value, tuple):
        for item in value:
            yield from _messages(item)


def code_actions(
    diagnostics: list[Diagnostic],
    wanted: types.Range,
    text_of: Callable[[str], str],
    uri_of: Callable[[str], str],
    language: str,
) -> list[types.CodeAction]:
    """The quick fixes of the diagnostics whose ranges meet ``wanted`` (all in one file)."""
    actions = []
    for diagnostic in diagnostics:
        lines = Lines(text_of(diagnostic.location.file))
        shown = to_lsp(diagnostic, lines, language)
        if not _meet(shown.range, wanted):
            continue
        if diagnostic.fix is not None:
            actions.append(_from_fix(diagnostic.fix, shown, text_of, uri_of, language))
        name = suggestion(diagnostic)
        if name is not None:
            location = diagnostic.location
            edit = types.TextEdit(token_range(lines, location.line, location.column), name)
            actions.append(
                types.CodeAction(
                    title=Message("lsp.replace-with", name=name).render(language),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    is_preferred=diagnostic.fix is None,
                    edit=types.WorkspaceEdit(changes={uri_of(location.file): [edit]}),
                )
            )
    return actions


def _from_fix(
    fix: Fix,
    shown: types.Diagnostic,
    text_of: Callable[[str], str],
    uri_of: Callable[[str], str],
    language: str,
) -> types.CodeAction:
    changes: dict[str, list[types.TextEdit]] = {}
    lines: dict[str, Lines] = {}
    for edit in fix.edits:
        if edit.file not in lines:
            lines[edit.file] = Lines(text_of(edit.file))
        found = lines[edit.file]
        changes.setdefault(uri_of(edit.file), []).append(
            types.TextEdit(types.Range(found.to_lsp(*edit.start), found.to_lsp(*edit.end)), edit.text)
        )
    return types.CodeAction(
        title=fix.what.render(language),
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[shown],
        is_preferred=True,
        edit=types.WorkspaceEdit(changes=changes),
    )


def _meet(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)
