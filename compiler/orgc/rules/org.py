"""ORG001–ORG009: reporting lines, units and the shape of the organisation."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..i18n import Message
from .registry import Context, Finding, guess, rule


@rule("ORG001", "missing-supervisor", "error", "missing supervisor: `reports_to` names no role")
def missing_supervisor(ctx: Context) -> Iterator[Finding]:
    """
    A role's `reports_to` names a role that does not exist.

    **Why:** the reporting line is broken: the role has no 直接上级, and its job
    description, the org chart and the chain of command would all be wrong.
    When what is written is a role's title rather than its id (`reports_to:
    trainer` for the role titled Trainer), the message says so and names the id
    to write, with the edit that writes it.

    **Fails:**
    ```yaml
    id: cs-agent
    reports_to: cs-teamlead     # no role has this id
    ```

    **Fix:**
    ```yaml
    id: cs-agent
    reports_to: cs-team-lead
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        if role.reports_to and not org.known(role.reports_to, "role"):
            yield Finding(
                Message("ORG001", role=role.id, target=role.reports_to),
                role.src.at("reports_to"),
                Message("ORG001.hint", guess=guess(role.reports_to, org.roles)),
                role.subject,
            )


@rule("ORG002", "reporting-cycle", "error", "reporting cycle (name every role in it)")
def reporting_cycle(ctx: Context) -> Iterator[Finding]:
    """
    Roles report to each other in a loop, so none of them reaches the top.

    **Why:** a chain of command must end at the top role; in a loop, nobody is
    in charge. The message names every role in the loop, in reporting order.

    **Fails:**
    ```yaml
    # cs-manager.yaml              # cs-supervisor.yaml
    reports_to: cs-supervisor      reports_to: cs-manager
    ```

    **Fix:**
    ```yaml
    # cs-manager.yaml              # cs-supervisor.yaml
    reports_to: cs-director        reports_to: cs-manager
    ```
    """
    for cycle in ctx.graph.reporting_cycles():
        first = ctx.org.roles[cycle[0]]
        path = " → ".join((*cycle, cycle[0]))
        yield Finding(
            Message("ORG002", path=path),
            first.src.at("reports_to"),
            Message("ORG002.hint"),
            first.subject,
        )


@rule("ORG003", "several-top-roles", "error", "more than one top role (role without `reports_to`)")
def several_top_roles(ctx: Context) -> Iterator[Finding]:
    """
    More than one role has no `reports_to`. The one with most roles below it is
    taken as the top and the others are reported (all of them, on a tie).

    **Why:** an organisation has one top role; a second one is usually a role
    whose `reports_to` was forgotten, and it floats beside the org chart.

    **Fails:**
    ```yaml
    # cs-director.yaml: no reports_to (the top role)
    # cs-trainer.yaml:
    id: cs-trainer
    title: 培训专员
    ```

    **Fix:**
    ```yaml
    id: cs-trainer
    title: 培训专员
    reports_to: cs-supervisor
    ```
    """
    tops = [r for r in ctx.org.roles.values() if r.top]
    if len(tops) < 2:
        return
    names = tuple(r.id for r in tops)
    # The top is the one with most roles below it; when that is a tie, every top role is reported.
    below = {r.id: len(ctx.graph.subordinates(r.id)) for r in tops}
    heads = [r.id for r in tops if below[r.id] == max(below.values())]
    top = heads[0] if len(heads) == 1 else None
    for role in tops:
        if role.id == top:
            continue
        also = Message("ORG003.top", top=top) if top else Message("ORG003.tops", roles=names)
        yield Finding(
            Message("ORG003", role=role.id, also=also),
            role.src.key_at("id"),
            Message("ORG003.hint"),
            role.subject,
        )


@rule("ORG004", "span-of-control", "warning", "span of control above the maximum (default 15)", max=15)
def span_of_control(ctx: Context) -> Iterator[Finding]:
    """
    Each holder of a role manages more people directly than the maximum.

    The span is the headcount of all direct-report roles divided by the role's own
    headcount (rounded up): 4 班组长 over 72 agents manage 18 each.
    Option: `max` (default 15), e.g. `ORG004: {max: 12, level: error}`.

    **Why:** a manager with too many direct reports cannot coach or review them;
    the usual remedy is another layer of team leads.

    **Fails:** (with `max: 15`)
    ```yaml
    # cs-team-lead.yaml: headcount: 4
    # cs-agent.yaml: reports_to: cs-team-lead, headcount: 72
    ```

    **Fix:**
    ```yaml
    # cs-team-lead.yaml: headcount: 5     (72 / 5 → 15 each)
    ```
    """
    limit = int(ctx.options["max"])
    for role in ctx.org.roles.values():
        reports = ctx.graph.direct_reports(role.id)
        people = sum(ctx.org.roles[r].headcount for r in reports)
        holders = max(role.headcount, 1)
        span = math.ceil(people / holders)
        if span > limit:
            yield Finding(
                Message(
                    "ORG004",
                    role=role.id,
                    span=span,
                    people=people,
                    reports=len(reports),
                    holders=holders,
                    limit=limit,
                ),
                role.src.key_at("headcount"),  # the role's own `headcount`, or its first line
                Message("ORG004.hint"),
                role.subject,
            )


@rule("ORG005", "unknown-unit", "error", "unknown unit (a role's `unit`, a unit's `parent`), or a unit cycle")
def unknown_unit(ctx: Context) -> Iterator[Finding]:
    """
    A role's `unit` or a unit's `parent` names no unit in `specs/org.yaml`, or
    units are each other's parents in a loop.

    **Why:** the role would belong to no department: it would be missing from its
    unit's responsibility matrix and from the handbook.

    **Fails:**
    ```yaml
    id: cs-agent
    unit: cs-front-line     # org.yaml defines cs-frontline
    ```

    **Fix:**
    ```yaml
    id: cs-agent
    unit: cs-frontline
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        if role.unit and not org.known(role.unit, "unit"):
            yield Finding(
                Message("ORG005", role=role.id, unit=role.unit),
                role.src.at("unit"),
                Message("ORG005.hint", guess=guess(role.unit, org.units)),
                role.subject,
            )
    for unit in org.units.values():
        if unit.parent and unit.parent not in org.units:
            yield Finding(
                Message("ORG005.parent", unit=unit.id, parent=unit.parent),
                unit.src.at("parent"),
                Message("ORG005.parent.hint", guess=guess(unit.parent, org.units)),
            )
    for cycle in ctx.graph.unit_cycles():
        first = org.units[cycle[0]]
        path = " → ".join((*cycle, cycle[0]))
        yield Finding(
            Message("ORG005.cycle", path=path),
            first.src.at("parent"),
            Message("ORG005.cycle.hint"),
        )


@rule("ORG006", "unit-head", "error", "a unit's `head` is not a role in that unit or below it")
def unit_head(ctx: Context) -> Iterator[Finding]:
    """
    A unit's `head` names no role, or a role that works in another unit.

    **Why:** the head of a unit (部门负责人) must belong to it; otherwise the org
    chart and the handbook name the wrong person in charge.

    **Fails:**
    ```yaml
    units:
      - id: cs-frontline
        head: cs-director      # cs-director's unit is cs-center, above cs-frontline
    ```

    **Fix:**
    ```yaml
    units:
      - id: cs-frontline
        head: cs-team-lead     # unit: cs-frontline
    ```
    """
    org = ctx.org
    for unit in org.units.values():
        if not unit.head or unit.head in org.unreadable:
            continue
        role = org.roles.get(unit.head)
        if role is None:
            yield Finding(
                Message("ORG006", unit=unit.id, head=unit.head),
                unit.src.at("head"),
                Message("ORG006.hint", guess=guess(unit.head, org.roles)),
            )
        elif role.unit in org.units and not ctx.graph.unit_within(role.unit, unit.id):
            yield Finding(
                Message("ORG006.outside", unit=unit.id, head=unit.head, role_unit=role.unit),
                unit.src.at("head"),
                Message("ORG006.outside.hint"),
            )


@rule("ORG007", "reports-to-vacancy", "warning", "a role reports to a position with headcount 0")
def reports_to_vacancy(ctx: Context) -> Iterator[Finding]:
    """
    A role reports to a planned position that nobody holds (`headcount: 0`).

    **Why:** until the position is filled, its reports have no one to go to; name
    who covers in the meantime with a dotted line, or waive it with the reason.

    **Fails:**
    ```yaml
    # cs-quality-lead.yaml: headcount: 0
    id: cs-quality
    reports_to: cs-quality-lead
    ```

    **Fix:**
    ```yaml
    id: cs-quality
    reports_to: cs-supervisor
    dotted_to: [cs-quality-lead]
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        boss = org.roles.get(role.reports_to or "")
        if boss is not None and boss.headcount == 0:
            yield Finding(
                Message("ORG007", role=role.id, boss=boss.id),
                role.src.at("reports_to"),
                Message("ORG007.hint"),
                role.subject,
            )


@rule(
    "ORG008",
    "chain-too-deep",
    "warning",
    "a reporting chain deeper than the maximum number of layers (default 8)",
    max=8,
)
def chain_too_deep(ctx: Context) -> Iterator[Finding]:
    """
    A role sits more layers below the top than the maximum (the top role is
    layer 1). Reported once, at the first role past the limit in each chain.
    Option: `max` (default 8).

    **Why:** every layer slows decisions and escalations; deep chains are often a
    sign of titles used as layers.

    **Fails:** (with `max: 3`)
    ```yaml
    # director → manager → supervisor → team lead
    id: cs-team-lead
    reports_to: cs-supervisor
    ```

    **Fix:**
    ```yaml
    id: cs-team-lead
    reports_to: cs-manager
    ```
    """
    limit = int(ctx.options["max"])
    graph = ctx.graph
    for role in ctx.org.roles.values():
        chain = graph.chain_of_command(role.id)
        if len(chain) == limit and role.reports_to:
            top_reached = graph.supervisor(chain[-1]) is None
            if top_reached:
                path = " → ".join((*reversed(chain), role.id))
                yield Finding(
                    Message("ORG008", role=role.id, layer=limit + 1, path=path, limit=limit),
                    role.src.at("reports_to"),
                    Message("ORG008.hint"),
                    role.subject,
                )


@rule(
    "ORG009", "bad-dotted-line", "error", "a `dotted_to` names no role, or names the role's own `reports_to`"
)
def bad_dotted_line(ctx: Context) -> Iterator[Finding]:
    """
    A dotted-line (虚线) supervisor names no role, the role itself, or the same
    role as `reports_to`.

    **Why:** a dotted line is a second, functional supervisor; one that repeats
    the solid line, or points nowhere, is a mistake.

    **Fails:**
    ```yaml
    reports_to: cs-supervisor
    dotted_to: [cs-supervisor]
    ```

    **Fix:**
    ```yaml
    reports_to: cs-supervisor
    dotted_to: [cs-quality]
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        for index, other in enumerate(role.dotted_to):
            where = role.src.at("dotted_to", index)
            if not org.known(other, "role"):
                message = Message("ORG009", role=role.id, other=other)
                hint = Message("hint.existing-role", guess=guess(other, org.roles))
            elif other == role.reports_to:
                message = Message("ORG009.solid", role=role.id, other=other)
                hint = Message("ORG009.solid.hint")
            elif other == role.id:
                message = Message("ORG009.self", role=role.id)
                hint = Message("ORG009.self.hint")
            else:
                continue
            yield Finding(message, where, hint, role.subject)
