"""Stage 4: checks over the model. One rule per diagnostic code, each documented by its docstring."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..config import Config
from ..diagnostics import Diagnostic, Severity
from ..model.entities import Org
from ..model.graph import OrgGraph
from . import duties, kpis, org, policies, roles, structural, texts  # noqa: F401  (registration)
from .registry import RULES, Context, Rule, all_rules

LEVELS = ("off", "info", "warning", "error")


def run_rules(org_model: Org, graph: OrgGraph, config: Config, today: date) -> Iterator[Diagnostic]:
    """Run every enabled rule with the severity and options set in orgc.yaml."""
    for entry in all_rules():
        if entry.check is None:
            continue
        setting = config.rules.get(entry.code)
        level = setting.level if setting and setting.level in LEVELS else None
        if level == "off":
            continue
        severity = Severity.parse(level) if level else entry.severity
        options = {**entry.defaults, **(setting.options if setting else {})}
        context = Context(org_model, graph, options, today)
        for finding in entry.check(context):
            yield Diagnostic(
                entry.code, severity, finding.message, finding.location, finding.hint, finding.subject
            )


__all__ = ["LEVELS", "RULES", "Rule", "all_rules", "run_rules"]
