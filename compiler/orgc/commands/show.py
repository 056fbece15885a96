"""``orgc show ROLE``: one role (by id, or by its unique title) in the terminal, with everything derived about it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import click

from ..i18n import LANGUAGES, Message, OneOf, wording
from ..ids import ID
from ..model.entities import Org, Role, Text
from ..model.graph import OrgGraph
from ..model.names import NameIndex
from ..model.raci import assignments, combined
from ..model.relative import split_row
from ..rules.registry import guess
from . import CommandProblem, Outcome
from .check import checked, messages_language


def run(role: str, path: Path, lang: str | None, messages: str | None, colour: bool) -> Outcome:
    """The role in ``lang``; a note on stderr when the specs have errors (what is shown may be wrong)."""
    if messages is None and lang in LANGUAGES:
        messages = lang
    result = checked(path, None, messages)
    said = messages_language(messages, result.config.languages)
    found = _role(result.org, role, said)
    language = lang or result.org.default_language
    text = render_role(result.org, result.graph, found, language, colour, said)
    if result.ok:
        return Outcome(0, text)
    note = Message("cli.specs-have-errors", path=str(path)).render(said)
    return Outcome(0, text, f"\n{note}\n")


def _role(org: Org, given: str, said: str) -> Role:
    """The role whose id, or else whose unique title, is ``given``; a ``CommandProblem`` otherwise."""
    found = org.roles.get(given)
    if found is not None:
        return found
    names = NameIndex(org)
    titled = names.lookup(given, ("role",))
    if len(titled) == 1:
        return org.roles[titled[0].id]
    if titled:
        roles = tuple(_candidate(org, org.roles[n.id], said) for n in titled)
        problem = Message("names.show.ambiguous", text=given.strip(), count=len(titled), roles=roles)
    else:
        close = names.closest(given, ("role",))
        hint = guess(given, org.roles) if ID.fullmatch(given) else None
        if hint is None and close:
            like = OneOf(tuple(Message("names.closest.one", name=n.name, id=n.id) for n in close))
            hint = Message("names.closest", names=like)
        problem = Message("cli.no-role", role=given, guess=hint)
    raise CommandProblem(problem.render(said).strip())


def _candidate(org: Org, role: Role, said: str) -> Message:
    """A role among those of one title: its id, and its unit, which tells them apart."""
    unit = org.units.get(role.unit or "")
    where = unit.name.get(said, org.default_language) if unit else role.unit or ""
    return Message("names.show.candidate", id=role.id, unit=where)


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
        if cell.party == role.id:  # a step's rows of one Responsible role each are the step
            letters[split_row(cell.row)[0]].add(cell.letter)
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
