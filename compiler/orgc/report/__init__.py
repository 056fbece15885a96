"""Reporters: a check result as text, JSON, GitHub annotations or SARIF."""

from __future__ import annotations

from collections.abc import Callable

from ..result import CheckResult
from . import github, json_report, sarif, text

Reporter = Callable[[CheckResult, bool, str], str]  # (result, colour, language of the messages)

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "github": github.render,
    "sarif": sarif.render,
}
