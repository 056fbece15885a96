"""``orgc explain [CODE]``: one diagnostic code explained, the list of them all, or the Markdown reference."""

from __future__ import annotations

from ..i18n import Message
from ..rules import RULES, all_rules
from ..rules.docs import reference_markdown, rule_text
from . import CommandProblem, Outcome


def run(code: str | None, markdown: bool) -> Outcome:
    if markdown:
        return Outcome(0, reference_markdown())
    if code is None:
        return Outcome(0, "".join(f"{e.code:<8} {e.severity.label:<8} {e.summary}\n" for e in all_rules()))
    if code.upper() in RULES:
        return Outcome(0, rule_text(RULES[code.upper()]) + "\n")
    raise CommandProblem(Message("cli.no-diagnostic-code", code=code).render("en"))
