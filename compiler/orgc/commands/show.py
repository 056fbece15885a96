"""``orgc show ROLE``: one role in the terminal, with everything derived about it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import click

from ..i18n import LANGUAGES, Message, wording
from ..model.entities import Org, Role, Text
from ..model.graph import OrgGraph
from ..model.raci import assignments, combined
from ..rules.registry import guess
from . import CommandProblem, Outcome
from .check import checked, messages_language


def run(role: str, path: Path, lang: str | None, messages: str | None, colour: bool) -> Outcome:
    """The role in ``lang``; a note on stderr when the specs have errors (what is shown may be wrong)."""
    if messages is None and lang in LANGUAGES:
        messages = lang
    result = checked(path, None, messages)
    said = messages_language(messages, result.config.languages)
    found = result.org.roles.get(role)
    if found is None:
        problem = Message("cli.no-role", role=role, guess=guess(role, result.org.roles))
        raise CommandProblem(problem.render(said).strip())
    language = lang or result.org.default_language
    text = render_role(result.org, result.graph, found, language, colour, said)
    if result.ok:
        return Outcome(0, text)
    note = Message("cli.specs-have-errors", path=str(path)).render(said)
    return Outcome(0, text, f"\n{note}\n")


def render_role(org: Org, graph: OrgGraph, role: Role, lang: str, colour: bool, messages: str = "en") -> str:
    """The role's texts in ``lang``, orgc's own words (headings, labels) in ``messages``."""
    fallback = org.default_language

    def t(text: Text | None) -> str:
        return text.get(lang, fallback) if text else ""

    def say(message: Message) -> str:
        return message.render(messages)

    def name(role_id: str) -> str:
        other = org.roles.get(role_id)
        return f"{t(other.title)} ({role_id})" if other else role_id

    def value_word(value: str, lang: str) -> str:  # a controlled value: daily as written, 每日 in Chinese
        if lang == "en":
            return value
        try:
            return wording(f"value.{value}", lang)
        except KeyError:
            return value

    def head(text: str) -> str:
        return click.style(text, bold=True) if colour else text

    unit = org.units.get(role.unit or "")
    lines = [head(f"{t(role.title)} ({role.id})")]
    facts = [
        say(Message("show.unit", name=t(unit.name) if unit else "?", id=role.unit)),
        say(Message("show.headcount", count=role.headcount)),
    ]
    if role.grade:
        facts.append(say(Message("show.grade", grade=role.grade)))
    if role.family:
        facts.append(say(Message("show.family", family=role.family)))
    lines.append("  " + " · ".join(facts))
    if role.purpose:
        lines.append(f"  {t(role.purpose)}")

    chain = graph.chain_of_command(role.id)
    lines += [
        "",
        head(say(Message("show.chain"))),
        "  " + (" → ".join(name(r) for r in chain) if chain else say(Message("show.top-role"))),
    ]
    reports = graph.direct_reports(role.id)
    lines += ["", head(say(Message("show.reports")))]
    lines += [f"  {name(r)} ×{org.roles[r].headcount}" for r in reports] or ["  " + say(Message("show.none"))]
    dotted_from = graph.dotted_reports(role.id)
    if role.dotted_to or dotted_from:
        lines += ["", head(say(Message("show.dotted")))]
        lines += ["  " + say(Message("show.dotted-to", role=name(r))) for r in role.dotted_to]
        lines += ["  " + say(Message("show.dotted-from", role=name(r))) for r in dotted_from]
    escalation = org.escalation_of(role)
    if escalation and escalation != role.reports_to:
        lines += ["", head(say(Message("show.escalates-to"))), f"  {name(escalation)}"]

    letters: dict[str, set[str]] = defaultdict(set)
    for cell in assignments(org):
        if cell.party == role.id:
            letters[cell.row].add(cell.letter)
    lines += ["", head(say(Message("show.duties")))]
    for duty in org.duties_of(role):
        frequency = f" [{value_word(duty.frequency, messages)}]" if duty.frequency else ""
        source = "" if duty.owner == role.id else "  " + say(Message("show.from-block", block=duty.owner))
        lines.append(f"  {combined(letters.pop(duty.ref, set())):<7} {t(duty.title)}{frequency}{source}")
    step_lines = [
        f"  {combined(letters.pop(step.ref)):<7} {t(process.title)} › {t(step.title)}"
        for process in org.processes.values()
        for step in process.steps
        if step.ref in letters
    ]
    if step_lines:
        lines += ["", head(say(Message("show.steps"))), *step_lines]
    duty_titles = {
        duty.ref: f"{t(duty.title)} ({duty.owner})"
        for holder in (*org.roles.values(), *org.blocks.values())
        for duty in holder.duties
    }
    if letters:
        lines += ["", head(say(Message("show.other-duties")))]
        lines += [f"  {combined(letters[ref]):<7} {duty_titles.get(ref, ref)}" for ref in sorted(letters)]

    lines += ["", head(say(Message("show.kpis")))]
    for target in role.kpis:
        kpi = org.kpis.get(target.kpi)
        weight = "  " + say(Message("show.weight", weight=target.weight)) if target.weight is not None else ""
        label = f"{t(kpi.name)} ({kpi.id})" if kpi else target.kpi
        lines.append(f"  {label}: {target.text}{weight}")
    if not role.kpis:
        lines.append("  " + say(Message("show.none")))
    return "\n".join(lines) + "\n"
