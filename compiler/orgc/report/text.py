"""``file:line:col: severity CODE message``, a hint below, a summary last."""

from __future__ import annotations

import click

from ..diagnostics import Severity
from ..i18n import Message
from ..result import CheckResult

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(result: CheckResult, colour: bool, lang: str = "en") -> str:
    """The report in ``lang``; severities and codes stay as they are, for tools that read the lines."""

    def style(text: str, **kwargs: object) -> str:
        return click.style(text, **kwargs) if colour else text  # type: ignore[arg-type]

    label = style(Message("report.hint").render(lang), dim=True)
    lines = []
    for d in result.diagnostics:
        severity = style(d.severity.label, fg=_COLOURS[d.severity], bold=True)
        lines.append(f"{style(str(d.location), bold=True)}: {severity} {d.code} {d.message_in(lang)}")
        hint = d.hint_in(lang)
        if hint:
            lines.append("    " + Message("report.hint-line", label=label, hint=hint).render(lang))
    lines.append(summary(result, lang))
    return "\n".join(lines) + "\n"


def summary(result: CheckResult, lang: str = "en") -> str:
    counts = [
        Message("report.errors", count=result.count(Severity.ERROR)),
        Message("report.warnings", count=result.count(Severity.WARNING)),
    ]
    infos = result.count(Severity.INFO)
    if infos:
        counts.append(Message("report.infos", count=infos))
    files = Message("report.files", count=result.files)
    text = Message("report.summary", counts=tuple(counts), files=files).render(lang)
    if result.waivers:
        waivers = Message("report.waiver-count", count=len(result.waivers))
        text += Message("report.waivers", waivers=waivers).render(lang)
    return text
