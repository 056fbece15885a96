"""orgc's diagnostics as the editor shows them: a range, a severity, the message and its hint."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lsprotocol import types

from ..diagnostics import Diagnostic, Severity
from .positions import Lines, token_range

SOURCE = "orgc"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_lsp(diagnostic: Diagnostic, lines: Lines, language: str) -> types.Diagnostic:
    location = diagnostic.location
    message = diagnostic.message_in(language)
    hint = diagnostic.hint_in(language).strip()
    return types.Diagnostic(
        range=token_range(lines, location.line, location.column),
        message=f"{message}\n{hint}" if hint else message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
    )


def by_file(
    diagnostics: Iterable[Diagnostic], text_of: Callable[[str], str], language: str
) -> dict[str, list[types.Diagnostic]]:
    """Every diagnostic, converted, by the file it is in (each file's text is split once)."""
    found: dict[str, list[types.Diagnostic]] = {}
    lines: dict[str, Lines] = {}
    for diagnostic in diagnostics:
        file = diagnostic.location.file
        if file not in lines:
            lines[file] = Lines(text_of(file))
        found.setdefault(file, []).append(to_lsp(diagnostic, lines[file], language))
    return found
