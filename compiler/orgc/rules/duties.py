"""DUT001–DUT005: duties, process steps and the references they make."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from ..diagnostics import Subject
from ..i18n import Message
from ..model.entities import Duty, Org, Src
from ..model.relative import TOKENS
from .registry import Context, Finding, guess, rule
from .relative import unresolved


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
                who = tuple(known) if known else Message("DUT001.no-role")
                yield Finding(
                    Message("DUT001", step=step.ref, roles=who),
                    step.src.at("responsible"),
                    Message("DUT001.hint"),
                    subject,
                )
    holders: dict[str, bool] = defaultdict(bool)
    for role in org.roles.values():
        for block in role.includes:
            holders[block] |= role.staffed
    for block in org.blocks.values():
        if not holders[block.id]:
            yield Finding(
                Message("DUT001.block", block=block.id),
                block.src.at("id"),
                Message("DUT001.block.hint", block=block.id),
                Subject("block", block.id),
            )


@rule("DUT002", "accountable", "error", "a process step without exactly one Accountable role")
def accountable(ctx: Context) -> Iterator[Finding]:
    """
    A process step (or duty) has no Accountable role, or names several.

    A step's Accountable is its `accountable`, or else the process `owner`. With
    `accountable: "@supervisor"` (or `"@unit-head"`) it holds for each Responsible
    role: the top role has no supervisor, and a unit may have no `head`.

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
                yield from unresolved(org, process, step, "accountable")
                continue
            if named:
                message = Message("DUT002", step=step.ref, count=len(named), roles=tuple(named))
                where = step.src.at("accountable")
            else:
                message = Message("DUT002.none", step=step.ref)
                where = step.src.at("id")
            yield Finding(message, where, Message("DUT002.hint"), subject)
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
        Message("DUT002.duty", duty=duty.ref, count=len(duty.accountable), roles=duty.accountable),
        duty.src.at("accountable"),
        Message("DUT002.duty.hint"),
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
    `applies_to` or `refers_to`. A step's `consulted: ["@supervisor"]` or
    `["@unit-head"]` names no one for a Responsible role that is the top role, or
    whose unit has no `head`.

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
    kpis = refs.names(("kpi",))
    for role in org.roles.values():
        src, subject = role.src, role.subject
        yield from refs.check(role.includes, ("block",), _BLOCK, src, "include", subject)
        for target in role.kpis:
            if target.kpi not in kpis:
                yield from refs.check((target.kpi,), ("kpi",), _KPI, target.src, "kpi", subject)
        if role.escalates_to:
            yield from refs.check((role.escalates_to,), ("role",), _ROLE, src, "escalates_to", subject)
        for duty in role.duties:
            yield from _duty_references(refs, duty, subject)
    for block in org.blocks.values():
        for duty in block.duties:
            yield from _duty_references(refs, duty, Subject("block", block.id))
    for process in org.processes.values():
        subject = Subject("process", process.id)
        if process.owner:
            yield from refs.check((process.owner,), ("role",), _ROLE, process.src, "owner", subject)
        steps = {s.id for s in process.steps}
        for step in process.steps:
            s = step.src
            yield from refs.check(step.responsible, ("role",), _ROLE, s, "responsible", subject)
            yield from refs.check(step.accountable, ("role",), _ROLE, s, "accountable", subject)
            yield from refs.check(step.consulted, _PARTIES, _ROLE_OR_UNIT, s, "consulted", subject)
            yield from refs.check(step.informed, _PARTIES, _ROLE_OR_UNIT, s, "informed", subject)
            yield from unresolved(org, process, step, "consulted")
            yield from unresolved(org, process, step, "informed")
            for i, following in enumerate(step.next):
                if following not in steps:
                    yield Finding(
                        Message("DUT003.next", step=step.ref, following=following, process=process.id),
                        s.at("next", i),
                        Message("DUT003.next.hint"),
                        subject,
                    )
    for policy in org.policies.values():
        subject = Subject("policy", policy.id)
        src = policy.src
        if policy.owner:
            yield from refs.check((policy.owner,), ("role",), _ROLE, src, "owner", subject)
        yield from refs.check(policy.applies_to, ("unit", "role"), _UNIT_OR_ROLE, src, "applies_to", subject)
        yield from refs.check(policy.refers_to, ("process",), _PROCESS, src, "refers_to", subject)


_PARTIES = ("role", "unit")
_ROLE = Message("kind.role")
_KPI = Message("kind.kpi")
_BLOCK = Message("kind.block")
_PROCESS = Message("kind.process")
_ROLE_OR_UNIT = Message("kind.role-or-unit")
_UNIT_OR_ROLE = Message("kind.unit-or-role")


def _duty_references(refs: _References, duty: Duty, subject: Subject) -> list[Finding]:
    s = duty.src
    found = []
    # most duties refer to little or nothing: an empty field is not looked at
    if duty.kpis:
        found += refs.check(duty.kpis, ("kpi",), _KPI, s, "kpis", subject)
    if duty.collaborates:
        found += refs.check(duty.collaborates, _PARTIES, _ROLE_OR_UNIT, s, "collaborates", subject)
    if duty.accountable:
        found += refs.check(duty.accountable, ("role",), _ROLE, s, "accountable", subject)
    if duty.consulted:
        found += refs.check(duty.consulted, _PARTIES, _ROLE_OR_UNIT, s, "consulted", subject)
    if duty.informed:
        found += refs.check(duty.informed, _PARTIES, _ROLE_OR_UNIT, s, "informed", subject)
    return found


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
        self._names: dict[tuple[str, ...], frozenset[str]] = {}

    def names(self, kinds: tuple[str, ...]) -> frozenset[str]:
        """The ids of ``kinds``, and the files that could not be read: a ref among them names something."""
        found = self._names.get(kinds)
        if found is None:
            found = frozenset(self.org.unreadable).union(*(self.tables[kind] for kind in kinds))
            self._names[kinds] = found
        return found

    def check(
        self,
        refs: tuple[str, ...],
        kinds: tuple[str, ...],
        what: Message,
        src: Src,
        key: str,
        subject: Subject,
    ) -> list[Finding]:
        """A finding for each ref that names nothing; a single value is located at the key itself.

        A list, not a generator: this is called for every reference field of every duty.
        """
        if not refs or self.names(kinds).issuperset(refs):  # nearly every reference
            return []
        found = []
        for index, ref in enumerate(refs):
            if ref not in TOKENS and not self.org.known(ref, *kinds):
                pool = [name for kind in kinds for name in self.tables[kind]]
                found.append(
                    Finding(
                        Message("DUT003", key=key, ref=ref, kind=what),
                        src.at(key, index),
                        Message("DUT003.hint", guess=guess(ref, pool)),
                        subject,
                    )
                )
        return found


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
                Message("DUT004", role=role.id),
                role.src.key_at("id"),
                Message("DUT004.hint"),
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
    block (ignoring spaces, digits and punctuation). Each text is reported once: at
    the first role that repeats it, naming every role that writes it.

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
        block = shared.get(key)
        if block is None and len(copies) == 1:  # nearly every text: written once, on one role
            continue
        roles = list(dict.fromkeys(role_id for role_id, _ in copies))  # in file order
        if not key or (len(roles) < 2 and block is None):
            continue
        # the block holds the text first; else the first role does, and the next role repeats it
        role_id, duty = (
            next((c for c in copies if c[0] != roles[0]), copies[0]) if block is None else copies[0]
        )
        title = duty.title.get(lang)
        if block and len(roles) > 1:
            message = Message("DUT005.block-and-roles", title=title, block=block, roles=_named(roles))
        elif block:
            message = Message("DUT005.block", title=title, block=block)
        else:
            message = Message("DUT005.roles", title=title, count=len(roles), roles=_named(roles))
        hint = Message("DUT005.block.hint", block=block) if block else Message("DUT005.roles.hint")
        yield Finding(message, duty.src.at("title"), hint, Subject("role", role_id))


# Past a few, the roles that write a text are counted, not named: a text written on thousands
# of roles gives one short finding.
_NAMED_COPIES = 5


def _named(roles: Iterable[str]) -> tuple[object, ...]:
    others = list(roles)
    if len(others) <= _NAMED_COPIES + 1:
        return tuple(others)
    more = len(others) - _NAMED_COPIES
    return (*others[:_NAMED_COPIES], Message("DUT005.more", count=more))


def _key(duty: Duty, lang: str) -> str:
    return _NOISE.sub("", duty.title.get(lang)).lower()
