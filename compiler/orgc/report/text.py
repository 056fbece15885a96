"""``file:line:col: severity CODE message``, a hint below, a summary last."""

from __future__ import annotations

import click

from ..diagnostics import Severity
from ..pipeline import CheckResult

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(result: CheckResult, colour: bool) -> str:
    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if colour else text  # type: ignore[arg-type]

    lines = []
    for d in result.diagnostics:
        severity = style(d.severity.label, fg=_COLOURS[d.severity], bold=True)
        lines.append(f"{style(str(d.location), bold=True)}: {severity} {d.code} {d.message}")
        if d.hint:
            lines.append(f"    {style('hint:', dim=True)} {d.hint}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def summary(result: CheckResult) -> str:
    parts = [
        _plural(result.count(Severity.ERROR), "error"),
        _plural(result.count(Severity.WARNING), "warning"),
    ]
    infos = result.count(Severity.INFO)
    if infos:
        parts.append(_plural(infos, "info"))
    text = f"{', '.join(parts)} in {_plural(result.files, 'file')}"
    if result.waivers:
        text += f"; {_plural(len(result.waivers), 'waiver')} (see `orgc check --format json`)"
    return text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
