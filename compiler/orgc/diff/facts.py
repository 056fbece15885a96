"""What each entity says, as comparable values: the facts two revisions of it are compared by.

Texts compare by their translations (not their order or position); lists whose
order carries no meaning are sorted. Who is R, A, C or I is left to the matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model.entities import Duty, DutyBlock, Kpi, Org, Policy, Process, Role, Text, Unit


def text(value: Text | None) -> Any:
    """A text's content, comparable: language order and source position do not count."""
    return None if value is None else tuple(sorted(value.values))


def texts(values: tuple[Text, ...]) -> Any:
    return tuple(text(value) for value in values)


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(key for key in old if old[key] != new[key])


def by(facts: Callable[[Any], dict[str, Any]]) -> Callable[[Any, Any], tuple[str, ...]]:
    """The fields that differ between two versions of an entity, by its facts."""
    return lambda was, now: changed_fields(facts(was), facts(now))


def role(r: Role) -> dict[str, Any]:
    """What a role says beyond its title, place, headcount, grade, duties, targets and qualifications."""
    return {
        "purpose": text(r.purpose),
        "family": r.family,
        "dotted_to": sorted(r.dotted_to),
        "include": sorted(r.includes),
        "authority": sorted(((a.type, text(a.scope), text(a.limit)) for a in r.authority), key=repr),
        "escalates_to": r.escalates_to,
        "career": sorted(r.career_next),
        "environment": text(r.environment),
        "waive": sorted((w.code, w.reason) for w in r.waivers),
    }


def duty(d: Duty) -> dict[str, Any]:
    """Who is accountable, consulted or informed shows in the matrix, not here."""
    return {
        "title": text(d.title),
        "tasks": texts(d.tasks),
        "frequency": d.frequency,
        "deliverables": texts(d.deliverables),
        "kpis": sorted(d.kpis),
        "collaborates": sorted(d.collaborates),
    }


def policy(p: Policy) -> dict[str, Any]:
    return {
        "title": text(p.title),
        "owner": p.owner,
        "applies_to": sorted(p.applies_to),
        "effective": p.effective,
        "review_by": p.review_by,
        "refers_to": sorted(p.refers_to),
        "sections": tuple((text(s.title), text(s.body)) for s in p.sections),
        "waive": sorted((w.code, w.reason) for w in p.waivers),
    }


def org(o: Org) -> dict[str, Any]:
    return {
        "name": text(o.name),
        "version": o.version,
        "description": text(o.description),
        "languages": o.languages,
    }


def unit(u: Unit) -> dict[str, Any]:
    return {
        "name": text(u.name),
        "parent": u.parent,
        "head": u.head,
        "external": u.external,
        "description": text(u.description),
    }


def kpi(k: Kpi) -> dict[str, Any]:
    return {
        "name": text(k.name),
        "definition": text(k.definition),
        "unit": k.unit,
        "direction": k.direction,
        "period": k.period,
        "source": text(k.source),
    }


def block(b: DutyBlock) -> dict[str, Any]:
    """A block's duties are compared one by one in the duties section."""
    return {"title": text(b.title), "waive": sorted((w.code, w.reason) for w in b.waivers)}


def _process(p: Process) -> dict[str, Any]:
    """Who is R, A, C or I for a step shows in the matrix, not here.

    Titles, SLAs and the flow are compared for the steps on both sides only: a step
    added or removed is a change of ``steps`` alone.
    """
    return {
        "title": text(p.title),
        "description": text(p.description),
        "owner": p.owner,
        "steps": tuple(s.id for s in p.steps),
        "step_titles": {s.id: (text(s.title), text(s.description)) for s in p.steps},
        "sla": {s.id: s.sla for s in p.steps},
        "flow": {s.id: sorted(s.next) for s in p.steps},
        "waive": sorted((w.code, w.reason) for w in p.waivers),
    }


def process_fields(was: Process, now: Process) -> tuple[str, ...]:
    old, new = _process(was), _process(now)
    both = set(old["step_titles"]) & set(new["step_titles"])
    for per_step in ("step_titles", "sla", "flow"):
        old[per_step] = {k: v for k, v in old[per_step].items() if k in both}
        new[per_step] = {k: v for k, v in new[per_step].items() if k in both}
    return changed_fields(old, new)
