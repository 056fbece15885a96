"""Two organisations in, an immutable ``OrgChanges`` out: what changed, by meaning, not by text.

Only content counts: the order of list items, the way a target is written (``85%``
or ``>= 85%`` on a higher-is-better KPI) and where in a file something is do not.
A renamed role file is one role with a new id (see renames.py); an added or removed
role, block or process is reported once, not once more for each of its duties.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from datetime import date
from typing import Any

from ..model.entities import KpiTarget, Org, Text
from ..model.graph import OrgGraph
from ..model.raci import assignments, combined, row_title
from ..model.relative import is_relative, step_rows
from . import facts, renames
from .changes import (
    OTHER_KINDS,
    DutyAdded,
    DutyChanged,
    DutyRemoved,
    GradeChanged,
    HeadcountChanged,
    Name,
    OrgChanges,
    OtherChange,
    PolicyAdded,
    PolicyChanged,
    PolicyPastReview,
    PolicyRemoved,
    QualificationChanged,
    RaciCell,
    RoleAdded,
    RoleChanged,
    RoleMoved,
    RoleRemoved,
    RoleRenamed,
    RoleRetitled,
    Shown,
    TargetChanged,
    Term,
    UnitTotal,
)
from .targets import verdict

_ROLE_KINDS = ("role-added", "role-removed", "role-renamed", "role-retitled", "role-moved", "role-changed")
_POLICY_KINDS = ("policy-added", "policy-removed", "policy-changed", "policy-past-review")


def compare(base: Org, head: Org, today: date) -> OrgChanges:
    """What changed from ``base`` to ``head``; ``today`` decides which policies are past review."""
    found = renames.detect(base, head)
    old = renames.renamed(base, {before: after for before, (after, _) in found.items()})
    totals, total_before, total_after = _unit_totals(old, head)
    return OrgChanges(
        roles=tuple(sorted(_roles(old, head, found), key=lambda e: (_ROLE_KINDS.index(e.kind), e.role.id))),
        headcount=tuple(_headcount(old, head)),
        duties=tuple(sorted(_duties(old, head), key=lambda e: e.ref)),
        raci=_raci(old, head),
        targets=tuple(_targets(old, head)),
        qualifications=tuple(_qualifications(old, head)),
        policies=tuple(
            sorted(_policies(old, head, today), key=lambda e: (_POLICY_KINDS.index(e.kind), e.policy.id))
        ),
        other=tuple(sorted(_other(old, head), key=lambda e: (OTHER_KINDS.index(e.subject), e.item.id))),
        unit_totals=totals,
        total_before=total_before,
        total_after=total_after,
    )


# -- names and values -----------------------------------------------------------------------------


def _role(org: Org, role_id: str | None) -> Name | None:
    if role_id is None:
        return None
    found = org.roles.get(role_id)
    return Name(role_id, found.title if found else None)


def _unit(org: Org, unit_id: str | None) -> Name | None:
    if unit_id is None:
        return None
    found = org.units.get(unit_id)
    return Name(unit_id, found.name if found else None)


def _party(org: Org, party: str) -> Name:
    if party in org.roles:
        return Name(party, org.roles[party].title)
    found = org.units.get(party)
    return Name(party, found.name if found else None)


def _common(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return sorted(set(old) & set(new))


# -- roles ----------------------------------------------------------------------------------------


def _roles(old: Org, head: Org, found: Mapping[str, tuple[str, float]]) -> Iterator[Any]:
    for role_id in sorted(set(head.roles) - set(old.roles)):
        role = head.roles[role_id]
        yield RoleAdded(
            _party(head, role_id),
            _unit(head, role.unit),
            _role(head, role.reports_to),
            role.headcount,
            role.grade,
        )
    for role_id in sorted(set(old.roles) - set(head.roles)):
        role = old.roles[role_id]
        yield RoleRemoved(
            _party(old, role_id),
            _unit(old, role.unit),
            _role(old, role.reports_to),
            role.headcount,
            role.grade,
        )
    for before, (after, similarity) in found.items():
        yield RoleRenamed(before, _party(head, after), similarity)
    for role_id in _common(old.roles, head.roles):
        was, now = old.roles[role_id], head.roles[role_id]
        name = _party(head, role_id)
        if facts.text(was.title) != facts.text(now.title):
            yield RoleRetitled(name, was.title, now.title)
        if (was.reports_to, was.unit) != (now.reports_to, now.unit):
            yield RoleMoved(
                name,
                _role(old, was.reports_to),
                _role(head, now.reports_to),
                _unit(old, was.unit),
                _unit(head, now.unit),
            )
        fields = facts.changed_fields(facts.role(was), facts.role(now))
        if fields:
            yield RoleChanged(name, fields)


def _headcount(old: Org, head: Org) -> Iterator[HeadcountChanged | GradeChanged]:
    for role_id in _common(old.roles, head.roles):
        was, now = old.roles[role_id], head.roles[role_id]
        name = _party(head, role_id)
        if was.headcount != now.headcount:
            yield HeadcountChanged(name, was.headcount, now.headcount)
        if was.grade != now.grade:
            yield GradeChanged(name, was.grade, now.grade)


def _unit_totals(old: Org, head: Org) -> tuple[tuple[UnitTotal, ...], int, int]:
    """Headcount per unit (sub-units included) where it changed, and the whole organisation's.

    A unit that exists on one side only counts as 0 people on the other (shown as None).
    """
    graphs = (OrgGraph(old), OrgGraph(head))

    def total(org: Org, graph: OrgGraph, unit_id: str) -> int | None:
        if unit_id not in org.units:
            return None
        return sum(org.roles[r].headcount for r in graph.roles_in_unit(unit_id))

    totals = []
    for unit_id in sorted(set(old.units) | set(head.units)):
        unit = head.units.get(unit_id) or old.units[unit_id]
        if unit.external:
            continue
        before, after = total(old, graphs[0], unit_id), total(head, graphs[1], unit_id)
        if (before or 0) != (after or 0):  # a new unit with no one in it yet changes no total
            totals.append(UnitTotal(Name(unit_id, unit.name), before, after))
    everyone = (sum(r.headcount for r in org.roles.values()) for org in (old, head))
    return (tuple(totals), *everyone)


# -- duties and the responsibility matrix ---------------------------------------------------------


def _duties(old: Org, head: Org) -> Iterator[DutyAdded | DutyRemoved | DutyChanged]:
    """Duties of the roles and shared blocks on both sides (a new role's duties come with it)."""
    for table_old, table_new in ((old.roles, head.roles), (old.blocks, head.blocks)):
        for owner_id in _common(table_old, table_new):
            owner = Name(owner_id, table_new[owner_id].title)
            was = {d.id: d for d in table_old[owner_id].duties}
            now = {d.id: d for d in table_new[owner_id].duties}
            for duty_id in sorted(set(now) - set(was)):
                yield DutyAdded(now[duty_id].ref, owner, now[duty_id].title)
            for duty_id in sorted(set(was) - set(now)):
                yield DutyRemoved(was[duty_id].ref, owner, was[duty_id].title)
            for duty_id in _common(was, now):
                fields = facts.changed_fields(facts.duty(was[duty_id]), facts.duty(now[duty_id]))
                if fields:
                    yield DutyChanged(now[duty_id].ref, owner, was[duty_id].title, now[duty_id].title, fields)


def _raci(old: Org, head: Org) -> tuple[RaciCell, ...]:
    # A step with relative parties (@supervisor) on either side is compared row by Responsible
    # role on both: naming the supervisor where each role's own was named is then no change for
    # the roles whose supervisor it is, and a change of the A for the others alone.
    per_role = _relative_steps(old) | _relative_steps(head)
    cells = []
    for org in (old, head):
        letters: dict[tuple[str, str], set[str]] = defaultdict(set)
        for cell in assignments(org, per_role):
            letters[(cell.row, cell.party)].add(cell.letter)
        cells.append({key: combined(value) for key, value in letters.items()})
    before, after = cells
    titles = {**_row_titles(old, per_role), **_row_titles(head, per_role)}
    owners = {**_owner_titles(old), **_owner_titles(head)}
    changed = []
    for row, party in sorted(set(before) | set(after)):
        was, now = before.get((row, party), ""), after.get((row, party), "")
        if was != now:
            who = _party(head, party) if party in head.roles or party in head.units else _party(old, party)
            owner = row.split(".", 1)[0]
            changed.append(
                RaciCell(Name(row, titles.get(row)), who, was, now, Name(owner, owners.get(owner)))
            )
    return tuple(changed)


def _relative_steps(org: Org) -> set[str]:
    return {step.ref for process in org.processes.values() for step in process.steps if is_relative(step)}


def _row_titles(org: Org, per_role: Collection[str]) -> dict[str, Text]:
    titles = {
        duty.ref: duty.title
        for holder in (*org.roles.values(), *org.blocks.values())
        for duty in holder.duties
    }
    for process in org.processes.values():
        for step in process.steps:
            for found in step_rows(org, process, step, step.ref in per_role):
                titles[found.row] = row_title(org, found.row, step.title)
    return titles


def _owner_titles(org: Org) -> dict[str, Text]:
    """Titles of everything a matrix row can belong to: roles, shared blocks, processes."""
    return {
        item.id: item.title for table in (org.roles, org.blocks, org.processes) for item in table.values()
    }


# -- KPI targets and qualifications ---------------------------------------------------------------


def _targets(old: Org, head: Org) -> Iterator[TargetChanged]:
    for role_id in _common(old.roles, head.roles):
        role = _party(head, role_id)
        was, now = _by_kpi(old.roles[role_id].kpis), _by_kpi(head.roles[role_id].kpis)
        for kpi_id in sorted(set(was) | set(now)):
            kpi = _kpi(old, head, kpi_id)
            higher = _higher_is_better(old, head, kpi_id)
            before_list, after_list = was.get(kpi_id, []), now.get(kpi_id, [])
            for i in range(max(len(before_list), len(after_list))):
                b = before_list[i] if i < len(before_list) else None
                a = after_list[i] if i < len(after_list) else None
                if b is None or a is None:
                    change = "added" if b is None else "removed"
                elif b.target is None or a.target is None:
                    change = None if b.text.strip() == a.text.strip() else "changed"
                else:
                    change = verdict(b.target, a.target, higher)
                weights = (b.weight if b else None, a.weight if a else None)
                if change is None and b is not None and a is not None and b.weight != a.weight:
                    change = "reweighted"
                if change is not None:
                    texts = (b.text if b else None, a.text if a else None)
                    yield TargetChanged(role, kpi, change, *texts, *weights)


def _by_kpi(targets: tuple[KpiTarget, ...]) -> dict[str, list[KpiTarget]]:
    grouped: dict[str, list[KpiTarget]] = defaultdict(list)
    for target in targets:
        grouped[target.kpi].append(target)
    return grouped


def _kpi(old: Org, head: Org, kpi_id: str) -> Name:
    found = head.kpis.get(kpi_id) or old.kpis.get(kpi_id)
    return Name(kpi_id, found.name if found else None)


def _higher_is_better(old: Org, head: Org, kpi_id: str) -> bool | None:
    """The KPI's direction; None when unknown, or when the change also turned it around."""
    directions = {org.kpis[kpi_id].higher_is_better for org in (old, head) if kpi_id in org.kpis}
    return directions.pop() if len(directions) == 1 else None


_LISTS = ("majors", "certifications", "skills", "competencies")


def _qualifications(old: Org, head: Org) -> Iterator[QualificationChanged]:
    for role_id in _common(old.roles, head.roles):
        was, now = old.roles[role_id].qualifications, head.roles[role_id].qualifications
        role = _party(head, role_id)
        scalars: list[tuple[str, Shown | None, Shown | None]] = [
            ("education", _term(was.education), _term(now.education)),
            ("experience_years", _years(was.experience_years), _years(now.experience_years)),
            ("experience_in", was.experience_in, now.experience_in),
        ]
        for field, b, a in scalars:
            same = facts.text(b) == facts.text(a) if isinstance(b, Text) or isinstance(a, Text) else b == a
            if not same:
                yield QualificationChanged(role, field, () if b is None else (b,), () if a is None else (a,))
        for field in _LISTS:
            before, after = getattr(was, field), getattr(now, field)
            keys_before, keys_after = {facts.text(x) for x in before}, {facts.text(x) for x in after}
            removed = tuple(x for x in before if facts.text(x) not in keys_after)
            added = tuple(x for x in after if facts.text(x) not in keys_before)
            if removed or added:
                yield QualificationChanged(role, field, removed, added)


def _term(code: str | None) -> Term | None:
    return Term(code) if code is not None else None


def _years(years: float | None) -> str | None:
    return None if years is None else f"{years:g}"


# -- policies -------------------------------------------------------------------------------------


def _policies(old: Org, head: Org, today: date) -> Iterator[Any]:
    touched = []
    for policy_id in sorted(set(head.policies) - set(old.policies)):
        policy = head.policies[policy_id]
        touched.append(policy_id)
        yield PolicyAdded(Name(policy_id, policy.title), policy.review_by)
    for policy_id in sorted(set(old.policies) - set(head.policies)):
        policy = old.policies[policy_id]
        yield PolicyRemoved(Name(policy_id, policy.title), policy.review_by)
    for policy_id in _common(old.policies, head.policies):
        was, now = old.policies[policy_id], head.policies[policy_id]
        fields = facts.changed_fields(facts.policy(was), facts.policy(now))
        if fields:
            touched.append(policy_id)
            yield PolicyChanged(Name(policy_id, now.title), fields, was.review_by, now.review_by)
    for policy_id in touched:
        policy = head.policies[policy_id]
        if policy.review_by is not None and policy.review_by < today:
            yield PolicyPastReview(Name(policy_id, policy.title), policy.review_by)


# -- everything else ------------------------------------------------------------------------------


def _other(old: Org, head: Org) -> Iterator[OtherChange]:
    org_fields = facts.changed_fields(facts.org(old), facts.org(head))
    if org_fields:
        yield OtherChange("org", Name(head.id, head.name), "changed", org_fields)
    tables = (
        ("unit", old.units, head.units, facts.by(facts.unit), "name"),
        ("kpi", old.kpis, head.kpis, facts.by(facts.kpi), "name"),
        ("block", old.blocks, head.blocks, facts.by(facts.block), "title"),
        ("process", old.processes, head.processes, facts.process_fields, "title"),
    )
    for subject, was, now, changed_fields, title in tables:
        for item_id in sorted(set(now) - set(was)):
            yield OtherChange(subject, Name(item_id, getattr(now[item_id], title)), "added")
        for item_id in sorted(set(was) - set(now)):
            yield OtherChange(subject, Name(item_id, getattr(was[item_id], title)), "removed")
        for item_id in _common(was, now):
            fields = changed_fields(was[item_id], now[item_id])
            if fields:
                yield OtherChange(subject, Name(item_id, getattr(now[item_id], title)), "changed", fields)
