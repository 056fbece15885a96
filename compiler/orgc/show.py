"""``orgc show ROLE``: one role in the terminal, with everything derived about it."""

from __future__ import annotations

from collections import defaultdict

import click

from .model.entities import Org, Role, Text
from .model.graph import OrgGraph
from .model.raci import assignments, combined


def render_role(org: Org, graph: OrgGraph, role: Role, lang: str, colour: bool) -> str:
    fallback = org.default_language

    def t(text: Text | None) -> str:
        return text.get(lang, fallback) if text else ""

    def name(role_id: str) -> str:
        other = org.roles.get(role_id)
        return f"{t(other.title)} ({role_id})" if other else role_id

    def head(text: str) -> str:
        return click.style(text, bold=True) if colour else text

    unit = org.units.get(role.unit or "")
    lines = [head(f"{t(role.title)} ({role.id})")]
    facts = [f"unit: {t(unit.name) if unit else '?'} ({role.unit})", f"headcount: {role.headcount}"]
    if role.grade:
        facts.append(f"grade: {role.grade}")
    if role.family:
        facts.append(f"family: {role.family}")
    lines.append("  " + " · ".join(facts))
    if role.purpose:
        lines.append(f"  {t(role.purpose)}")

    chain = graph.chain_of_command(role.id)
    lines += [
        "",
        head("Chain of command"),
        "  " + (" → ".join(name(r) for r in chain) if chain else "(top role)"),
    ]
    reports = graph.direct_reports(role.id)
    lines += ["", head("Direct reports")]
    lines += [f"  {name(r)} ×{org.roles[r].headcount}" for r in reports] or ["  (none)"]
    dotted_from = graph.dotted_reports(role.id)
    if role.dotted_to or dotted_from:
        lines += ["", head("Dotted lines")]
        lines += [f"  to {name(r)}" for r in role.dotted_to]
        lines += [f"  from {name(r)}" for r in dotted_from]
    escalation = org.escalation_of(role)
    if escalation and escalation != role.reports_to:
        lines += ["", head("Escalates to"), f"  {name(escalation)}"]

    letters: dict[str, set[str]] = defaultdict(set)
    for cell in assignments(org):
        if cell.party == role.id:
            letters[cell.row].add(cell.letter)
    lines += ["", head("Duties")]
    for duty in org.duties_of(role):
        frequency = f" [{duty.frequency}]" if duty.frequency else ""
        source = "" if duty.owner == role.id else f"  (from {duty.owner})"
        lines.append(f"  {combined(letters.pop(duty.ref, set())):<7} {t(duty.title)}{frequency}{source}")
    step_lines = [
        f"  {combined(letters.pop(step.ref)):<7} {t(process.title)} › {t(step.title)}"
        for process in org.processes.values()
        for step in process.steps
        if step.ref in letters
    ]
    if step_lines:
        lines += ["", head("Process steps"), *step_lines]
    duty_titles = {
        duty.ref: f"{t(duty.title)} ({duty.owner})"
        for holder in (*org.roles.values(), *org.blocks.values())
        for duty in holder.duties
    }
    if letters:
        lines += ["", head("Consulted or informed on other duties")]
        lines += [f"  {combined(letters[ref]):<7} {duty_titles.get(ref, ref)}" for ref in sorted(letters)]

    lines += ["", head("KPI targets")]
    for target in role.kpis:
        kpi = org.kpis.get(target.kpi)
        weight = f"  weight {target.weight:g}%" if target.weight is not None else ""
        label = f"{t(kpi.name)} ({kpi.id})" if kpi else target.kpi
        lines.append(f"  {label}: {target.text}{weight}")
    if not role.kpis:
        lines.append("  (none)")
    return "\n".join(lines) + "\n"
