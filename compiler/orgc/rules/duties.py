"""DUT001–DUT005: duties, process steps and the references they make."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..diagnostics import Subject
from ..model.entities import Duty, Org, Src
from .registry import Context, Finding, guess, rule


@rule(
    "DUT001",
    "orphan-duty",
    "error",
    "orphan duty: a process step, or a shared block, that no staffed role is Responsible for",
)
def orphan_duty(ctx: Context) -> Iterator[Finding]:
    """
    A process step whose Responsible roles all have headcount 0 (or that names
    none), or a shared duty block that no staffed role includes.

    **Why:** work that nobody does is the gap that turns into a complaint. Either
    give it to a staffed role or remove it.

    **Fails:**
    ```yaml
    steps:
      - id: review
        title: 复盘投诉案例
        responsible: [cs-quality-lead]     # headcount: 0
    ```

    **Fix:**
    ```yaml
        responsible: [cs-quality]
    ```
    """
    org = ctx.org
    for process in org.processes.values():
        subject = Subject("process", process.id)
        for step in process.steps:
            known = [r for r in step.responsible if r in org.roles]
            if len(known) < len(step.responsible):
                continue  # unknown roles are reported by DUT003
            if not any(org.roles[r].staffed for r in known):
                who = ", ".join(known) if known else "no role"
                yield Finding(
                    f"step '{step.ref}' has no staffed role Responsible (responsible: {who})",
                    step.src.at("responsible"),
                    "Name a role with headcount above 0 in `responsible`.",
                    subject,
                )
    holders: dict[str, bool] = defaultdict(bool)
    for role in org.roles.values():
        for block in role.includes:
            holders[block] |= role.staffed
    for block in org.blocks.values():
        if not holders[block.id]:
            yield Finding(
                f"shared block '{block.id}' is not included by any staffed role",
                block.src.at("id"),
                f"Add `include: [{block.id}]` to the roles that hold these duties, or delete the block.",
                Subject("block", block.id),
            )


@rule("DUT002", "accountable", "error", "a process step without exactly one Accountable role")
def accountable(ctx: Context) -> Iterator[Finding]:
    """
    A process step (or duty) has no Accountable role, or names several.

    A step's Accountable is its `accountable`, or else the process `owner`.

    **Why:** RACI works only with exactly one A per row: with none, no one signs
    off; with two, each assumes the other does.

    **Fails:**
    ```yaml
    id: complaint-handling      # no owner
    steps:
      - id: receive
        responsible: [cs-agent]
    ```

    **Fix:**
    ```yaml
    id: complaint-handling
    owner: cs-manager
    ```
    """
    org = ctx.org
    for process in org.processes.values():
        subject = Subject("process", process.id)
        for step in process.steps:
            named = process.accountable_for(step)
            if len(named) == 1:
                continue
            if named:
                message = f"step '{step.ref}' names {len(named)} Accountable roles: {', '.join(named)}"
                where = step.src.at("accountable")
            else:
                message = f"step '{step.ref}' has no Accountable role and the process has no owner"
                where = step.src.at("id")
            yield Finding(
                message,
                where,
                "Give the step `accountable: <one role id>`, or the process an `owner`.",
                subject,
            )
    for role in org.roles.values():
        for duty in role.duties:
            if len(duty.accountable) > 1:
                yield _several_accountable(duty, role.subject)
    for block in org.blocks.values():
        for duty in block.duties:
            if len(duty.accountable) > 1:
                yield _several_accountable(duty, Subject("block", block.id))


def _several_accountable(duty: Duty, subject: Subject) -> Finding:
    return Finding(
        f"duty '{duty.ref}' names {len(duty.accountable)} Accountable roles: {', '.join(duty.accountable)}",
        duty.src.at("accountable"),
        "Keep exactly one role in `accountable`; others can be `consulted` or `informed`.",
        subject,
    )


@rule(
    "DUT003",
    "unknown-reference",
    "error",
    "a duty, step or policy refers to an unknown role, unit, process or KPI",
)
def unknown_reference(ctx: Context) -> Iterator[Finding]:
    """
    A reference names nothing: a duty's `kpis`, `collaborates`, `accountable`,
    `consulted` or `informed`; a role's `include`, `kpis` or `escalates_to`; a
    process `owner` or a step's roles and `next`; a policy's `owner`,
    `applies_to` or `refers_to`.

    **Why:** the responsibility matrix and the job descriptions would silently
    drop the reference.

    **Fails:**
    ```yaml
    duties:
      - id: dispatch
        title: 任务调派与跟踪
        kpis: [ticket-closure]      # the catalogue has ticket-closure-rate
    ```

    **Fix:**
    ```yaml
        kpis: [ticket-closure-rate]
    ```
    """
    org = ctx.org
    refs = _References(org)
    for role in org.roles.values():
        src, subject = role.src, role.subject
        yield from refs.check(role.includes, ("block",), "shared block", src, "include", subject)
        for target in role.kpis:
            yield from refs.check((target.kpi,), ("kpi",), "KPI", target.src, "kpi", subject)
        if role.escalates_to:
            yield from refs.check((role.escalates_to,), ("role",), "role", src, "escalates_to", subject)
        for duty in role.duties:
            yield from _duty_references(refs, duty, subject)
    for block in org.blocks.values():
        for duty in block.duties:
            yield from _duty_references(refs, duty, Subject("block", block.id))
    for process in org.processes.values():
        subject = Subject("process", process.id)
        if process.owner:
            yield from refs.check((process.owner,), ("role",), "role", process.src, "owner", subject)
        steps = {s.id for s in process.steps}
        for step in process.steps:
            s = step.src
            yield from refs.check(step.responsible, ("role",), "role", s, "responsible", subject)
            yield from refs.check(step.accountable, ("role",), "role", s, "accountable", subject)
            yield from refs.check(step.consulted, _PARTIES, "role or unit", s, "consulted", subject)
            yield from refs.check(step.informed, _PARTIES, "role or unit", s, "informed", subject)
            for i, following in enumerate(step.next):
                if following not in steps:
                    yield Finding(
                        f"step '{step.ref}' is followed by '{following}', which is not "
                        f"a step of '{process.id}'",
                        s.at("next", i),
                        "Use the id of a step in this process.",
                        subject,
                    )
    for policy in org.policies.values():
        subject = Subject("policy", policy.id)
        src = policy.src
        if policy.owner:
            yield from refs.check((policy.owner,), ("role",), "role", src, "owner", subject)
        yield from refs.check(policy.applies_to, ("unit", "role"), "unit or role", src, "applies_to", subject)
        yield from refs.check(policy.refers_to, ("process",), "process", src, "refers_to", subject)


_PARTIES = ("role", "unit")


def _duty_references(refs: _References, duty: Duty, subject: Subject) -> Iterator[Finding]:
    s = duty.src
    yield from refs.check(duty.kpis, ("kpi",), "KPI", s, "kpis", subject)
    yield from refs.check(duty.collaborates, _PARTIES, "role or unit", s, "collaborates", subject)
    yield from refs.check(duty.accountable, ("role",), "role", s, "accountable", subject)
    yield from refs.check(duty.consulted, _PARTIES, "role or unit", s, "consulted", subject)
    yield from refs.check(duty.informed, _PARTIES, "role or unit", s, "informed", subject)


class _References:
    def __init__(self, org: Org) -> None:
        self.org = org
        self.tables = {
            "role": org.roles,
            "unit": org.units,
            "kpi": org.kpis,
            "process": org.processes,
            "block": org.blocks,
        }

    def check(
        self, refs: tuple[str, ...], kinds: tuple[str, ...], what: str, src: Src, key: str, subject: Subject
    ) -> Iterator[Finding]:
        """Report each ref that names nothing; a single value is located at the key itself."""
        for index, ref in enumerate(refs):
            if not self.org.known(ref, *kinds):
                pool = [name for kind in kinds for name in self.tables[kind]]
                yield Finding(
                    f"'{key}' names '{ref}', which is not a {what}",
                    src.at(key, index),
                    guess(ref, pool) + "Check the spelling of the id, or add what it refers to.",
                    subject,
                )


@rule("DUT004", "no-duties", "error", "a role with no duties")
def no_duties(ctx: Context) -> Iterator[Finding]:
    """
    A role has no duties of its own and includes no shared block.

    **Why:** a job description without 工作职责 says nothing about the job.

    **Fails:**
    ```yaml
    id: cs-trainer
    title: 培训专员
    ```

    **Fix:**
    ```yaml
    id: cs-trainer
    title: 培训专员
    duties:
      - id: onboarding
        title: 组织新员工入职培训
    ```
    """
    org = ctx.org
    for role in org.roles.values():
        if not org.duties_of(role) and not any(b in org.unreadable for b in role.includes):
            yield Finding(
                f"role '{role.id}' has no duties",
                role.src.key_at("id"),
                "Add `duties:` (工作职责), or `include:` a shared duty block.",
                role.subject,
            )


_NOISE = re.compile(r"[\s,.;:!?，。；：！？、()（）\d]+")


@rule(
    "DUT005",
    "repeated-duty",
    "warning",
    "the same duty text written on several roles (suggest a shared block)",
)
def repeated_duty(ctx: Context) -> Iterator[Finding]:
    """
    The same duty title is written on several roles, or on a role and in a shared
    block (ignoring spaces, digits and punctuation).

    **Why:** copies drift apart: the next edit reaches one role and not the
    others. Write the duty once in a shared block and `include` it.

    **Fails:**
    ```yaml
    # cs-trainer.yaml and cs-quality.yaml both:
    duties:
      - id: line-support
        title: 每月固定2天进行接线支援,保证一线工作敏感度
    ```

    **Fix:**
    ```yaml
    # specs/duties/frontline-common.yaml holds the duty once;
    # cs-trainer.yaml and cs-quality.yaml:
    include: [frontline-common]
    ```
    """
    org = ctx.org
    lang = org.default_language
    written: dict[str, list[tuple[str, Duty]]] = defaultdict(list)
    for role in org.roles.values():
        for duty in role.duties:
            written[_key(duty, lang)].append((role.id, duty))
    shared = {_key(duty, lang): block.id for block in org.blocks.values() for duty in block.duties}
    for key, copies in written.items():
        roles = sorted({role_id for role_id, _ in copies})
        block = shared.get(key)
        if not key or (len(roles) < 2 and block is None):
            continue
        for role_id, duty in copies:
            others = ", ".join(r for r in roles if r != role_id)
            if block:
                where = f"in shared block '{block}'" + (f" and on {others}" if others else "")
                hint = f"Delete it here and `include: [{block}]` instead."
            else:
                where = f"on {others}"
                hint = "Move it into a shared block under specs/duties/ and `include` the block."
            yield Finding(
                f"duty '{duty.title.get(lang)}' is also written {where}",
                duty.src.at("title"),
                hint,
                Subject("role", role_id),
            )


def _key(duty: Duty, lang: str) -> str:
    return _NOISE.sub("", duty.title.get(lang)).lower()
