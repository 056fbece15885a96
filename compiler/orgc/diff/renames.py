"""Renamed role files: a removed and an added role with nearly the same content are one role.

A role whose id (and file) changed looks like one role removed and another added.
Two such roles are paired when their content without the id (title, unit,
supervisor, duties, targets, qualifications …) agrees by at least ``THRESHOLD``
and each is the other's one best match. The older side is then rewritten with the
new ids everywhere, so every other comparison sees one role, not two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

from ..model.entities import Duty, Org, Role, Step, Text

THRESHOLD = 0.8


def detect(base: Org, head: Org) -> dict[str, tuple[str, float]]:
    """Old id → (new id, similarity) for every role file judged renamed."""
    removed = sorted(set(base.roles) - set(head.roles))
    added = sorted(set(head.roles) - set(base.roles))
    if not removed or not added:
        return {}
    prints_old = {r: fingerprint(base.roles[r]) for r in removed}
    prints_new = {a: fingerprint(head.roles[a]) for a in added}
    score = {(r, a): _similarity(prints_old[r], prints_new[a]) for r in removed for a in added}

    def best(candidates: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
        ranked = sorted(candidates, key=lambda pair: -score[pair])
        if not ranked or (len(ranked) > 1 and score[ranked[0]] == score[ranked[1]]):
            return None  # no candidate, or a tie: not reliable
        return ranked[0]

    found = {}
    for old in removed:
        pair = best((old, a) for a in added)
        if pair is None or score[pair] < THRESHOLD:
            continue
        if best((r, pair[1]) for r in removed) == pair:
            found[old] = (pair[1], round(score[pair], 2))
    return found


def fingerprint(role: Role) -> list[str]:
    """The role's content without its id, one line per fact that is written, in a fixed order."""
    q = role.qualifications
    facts: list[tuple[str, object]] = [
        ("title", _text(role.title)),
        ("unit", role.unit),
        ("reports_to", role.reports_to),
        ("dotted_to", sorted(role.dotted_to)),
        ("headcount", role.headcount),
        ("grade", role.grade),
        ("family", role.family),
        ("purpose", _text(role.purpose)),
        ("include", sorted(role.includes)),
        ("escalates_to", role.escalates_to),
        ("career", sorted(role.career_next)),
        ("environment", _text(role.environment)),
        ("education", q.education),
        ("experience", q.experience_years),
        ("experience_in", _text(q.experience_in)),
    ]
    for duty in role.duties:
        facts.append((f"duty {duty.id}", _text(duty.title)))
        facts += [(f"task {duty.id}", _text(task)) for task in duty.tasks]
        facts += [(f"deliverable {duty.id}", _text(d)) for d in duty.deliverables]
    facts += [(f"target {t.kpi}", f"{t.text} {t.weight}") for t in role.kpis]
    for name, items in (
        ("major", q.majors),
        ("certification", q.certifications),
        ("skill", q.skills),
        ("competency", q.competencies),
    ):
        facts += [(name, _text(item)) for item in items]
    facts += [(f"authority {a.type}", f"{_text(a.scope)} {_text(a.limit)}") for a in role.authority]
    # Facts that are not written (None, empty) say nothing: two sparse roles are not alike for them.
    return [f"{key} {value}" for key, value in facts if value not in (None, "", [])]


def _similarity(a: list[str], b: list[str]) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _text(text: Text | None) -> str:
    return "" if text is None else repr(sorted(text.values))


# -- rewriting the older side with the new ids ----------------------------------------------------


def renamed(org: Org, ids: Mapping[str, str]) -> Org:
    """The organisation with each role id in ``ids`` replaced, in every reference to it."""
    if not ids:
        return org

    def one(ref: str | None) -> str | None:
        return ids.get(ref, ref) if ref is not None else None

    def many(refs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(ids.get(r, r) for r in refs)

    def duty(d: Duty) -> Duty:
        return replace(
            d,
            owner=ids.get(d.owner, d.owner),
            collaborates=many(d.collaborates),
            accountable=many(d.accountable),
            consulted=many(d.consulted),
            informed=many(d.informed),
        )

    def step(s: Step) -> Step:
        return replace(
            s,
            responsible=many(s.responsible),
            accountable=many(s.accountable),
            consulted=many(s.consulted),
            informed=many(s.informed),
        )

    def role(r: Role) -> Role:
        return replace(
            r,
            id=ids.get(r.id, r.id),
            reports_to=one(r.reports_to),
            dotted_to=many(r.dotted_to),
            escalates_to=one(r.escalates_to),
            career_next=many(r.career_next),
            duties=tuple(duty(d) for d in r.duties),
        )

    def table(items: Mapping[str, Any], change: Callable[[Any], Any]) -> dict[str, Any]:
        rewritten = [change(item) for item in items.values()]
        return {item.id: item for item in rewritten}

    return replace(
        org,
        roles=table(org.roles, role),
        units=table(org.units, lambda u: replace(u, head=one(u.head))),
        blocks=table(org.blocks, lambda b: replace(b, duties=tuple(duty(d) for d in b.duties))),
        processes=table(
            org.processes,
            lambda p: replace(p, owner=one(p.owner), steps=tuple(step(s) for s in p.steps)),
        ),
        policies=table(org.policies, lambda p: replace(p, owner=one(p.owner), applies_to=many(p.applies_to))),
    )
