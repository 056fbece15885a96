"""GitHub Actions workflow commands: one annotation per diagnostic."""

from __future__ import annotations

from ..diagnostics import Severity
from ..result import CheckResult
from .text import summary

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: CheckResult, colour: bool = False, lang: str = "en") -> str:
    lines = []
    for d in result.diagnostics:
        loc = d.location
        props = f"file={_prop(loc.file)},line={loc.line},col={loc.column},title={_prop(d.code)}"
        hint = d.hint_in(lang)
        body = d.message_in(lang) + (f"\n{hint}" if hint else "")
        lines.append(f"::{_COMMANDS[d.severity]} {props}::{_data(body)}")
    lines.append(summary(result, lang))
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
