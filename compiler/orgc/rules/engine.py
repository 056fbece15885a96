"""The rule engine: runs every enabled rule as orgc.yaml sets it, then applies the specs' waivers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date

from ..config import Config
from ..diagnostics import Diagnostic, Severity, Waiver, WaiverUse
from ..i18n import Message
from ..model.entities import Org
from ..model.graph import OrgGraph
from .registry import RULES, Context, all_rules

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
                entry.code,
                severity,
                finding.message,
                finding.location,
                finding.hint,
                finding.subject,
                finding.fix,
            )


def apply_waivers(
    diagnostics: Iterable[Diagnostic], waivers: Iterable[Waiver]
) -> tuple[list[Diagnostic], list[WaiverUse], list[Diagnostic]]:
    """The diagnostics no waiver silences, each usable waiver with what it silenced, and the unusable ones.

    A waiver is unusable when its code is unknown or is reported before the rules run (E102).
    """
    waivers = list(waivers)
    valid: set[tuple[object, str]] = set()
    problems = []
    for waiver in waivers:
        entry = RULES.get(waiver.code)
        if entry is None:
            problems.append(
                Diagnostic(
                    "E102",
                    Severity.ERROR,
                    Message("E102.waive-unknown", code=waiver.code),
                    waiver.location,
                    Message("E102.waive-unknown.hint"),
                )
            )
        elif not entry.configurable:
            problems.append(
                Diagnostic(
                    "E102",
                    Severity.ERROR,
                    Message("E102.waive-stage", code=waiver.code),
                    waiver.location,
                    Message("E102.waive-stage.hint"),
                )
            )
        else:
            valid.add((waiver.subject, waiver.code))
    silenced: Counter[tuple[object, str]] = Counter()
    kept = []
    for diagnostic in diagnostics:
        key = (diagnostic.subject, diagnostic.code)
        if diagnostic.subject is not None and key in valid:
            silenced[key] += 1
        else:
            kept.append(diagnostic)
    uses = [WaiverUse(w, silenced[(w.subject, w.code)]) for w in waivers if (w.subject, w.code) in valid]
    uses.sort(key=lambda u: (u.waiver.location, u.waiver.code))
    return kept, uses, problems
