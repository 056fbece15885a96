"""``org.json``: the compiled organisation for other tools (schema/org-json.schema.json)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from ..model.entities import Text
from ..model.relative import step_rows
from .context import OutputFile, RenderContext

VERSION = 1


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    # the same bytes as json.dumps(ensure_ascii=False, indent=2), ten times faster
    yield OutputFile("org.json", orjson.dumps(as_data(ctx), option=orjson.OPT_INDENT_2) + b"\n")


def as_data(ctx: RenderContext) -> dict[str, Any]:
    org, graph = ctx.org, ctx.graph
    return {
        "version": VERSION,
        "id": org.id,
        "name": _text(org.name),
        "edition": org.version,
        "languages": list(org.languages),
        "units": [
            {
                "id": u.id,
                "name": _text(u.name),
                "parent": u.parent,
                "head": u.head,
                "external": u.external,
                "party": u.party,
                "roles": list(graph.roles_in_unit(u.id)) if not u.external else [],
            }
            for u in org.units.values()
        ],
        "roles": [
            {
                "id": role.id,
                "title": _text(role.title),
                "unit": role.unit,
                "reports_to": role.reports_to,
                "dotted_to": list(role.dotted_to),
                "headcount": role.headcount,
                "grade": role.grade,
                "family": role.family,
                "layer": graph.layer(role.id),
                "chain_of_command": list(graph.chain_of_command(role.id)),
                "direct_reports": list(graph.direct_reports(role.id)),
                "escalates_to": org.escalation_of(role),
                "purpose": _text(role.purpose),
                "duties": [
                    {"ref": d.ref, "title": _text(d.title), "frequency": d.frequency, "kpis": list(d.kpis)}
                    for d in org.duties_of(role)
                ],
                "kpis": [
                    {
                        "kpi": t.kpi,
                        "target": t.text,
                        "comparator": t.target.comparator if t.target else None,
                        "value": t.target.value if t.target else None,
                        "unit": t.target.unit if t.target else None,
                        "weight": t.weight,
                    }
                    for t in role.kpis
                ],
                "career_next": list(role.career_next),
                "code": role.code,
                "category": _text(role.category),
                "location": _text(role.location),
                "hours": _text(role.hours),
                "accountabilities": [_text(x) for x in role.accountabilities],
                "challenges": [_text(x) for x in role.challenges],
                "training": [_text(x) for x in role.training],
                "physical": _text(role.physical),
                "reports_to_external": _text(role.reports_to_external),
            }
            for role in graph.roles()
        ],
        "kpis": [
            {"id": k.id, "name": _text(k.name), "unit": k.unit, "direction": k.direction, "period": k.period}
            for k in org.kpis.values()
        ],
        "processes": [
            {
                "id": p.id,
                "title": _text(p.title),
                "owner": p.owner,
                "steps": [
                    {
                        "id": s.id,
                        "title": _text(s.title),
                        "responsible": list(s.responsible),
                        "accountable": list(p.accountable_for(s)),
                        "consulted": list(s.consulted),
                        "informed": list(s.informed),
                        "sla": s.sla,
                        "next": list(s.next),
                        "rows": [
                            {
                                "row": r.row,
                                "responsible": list(r.responsible),
                                "accountable": list(r.accountable),
                                "consulted": list(r.consulted),
                                "informed": list(r.informed),
                            }
                            for r in step_rows(org, p, s)
                        ],
                    }
                    for s in p.steps
                ],
            }
            for p in org.processes.values()
        ],
        "policies": [
            {
                "id": p.id,
                "title": _text(p.title),
                "owner": p.owner,
                "applies_to": list(p.applies_to),
                "effective": p.effective.isoformat() if p.effective else None,
                "review_by": p.review_by.isoformat() if p.review_by else None,
                "refers_to": list(p.refers_to),
            }
            for p in org.policies.values()
        ],
        "assignments": [
            {"row": row, "party": party, "letter": letter} for row, party, letter in ctx.assignment_cells
        ],
        "waivers": [
            {
                "code": w.waiver.code,
                "subject": w.waiver.subject.id,
                "kind": w.waiver.subject.kind,
                "reason": w.waiver.reason,
                "file": w.waiver.location.file,
            }
            for w in ctx.waivers
        ],
    }


def _text(text: Text | None) -> dict[str, str] | None:
    return dict(text.values) if text else None
