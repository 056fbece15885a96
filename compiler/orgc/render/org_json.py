"""``org.json``: the compiled organisation for other tools (schema/org-json.schema.json).

The same bytes as ``json.dumps(as_data(ctx), ensure_ascii=False, indent=2)``, ten times faster
through orjson. Its largest part, ``assignments`` (126,000 entries at 10,000 roles), is written
in runs of ``ASSIGNMENTS_RUN`` cells, each taken from the last build where it holds the same
cells: a run's cells are quicker to name than to write out.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import orjson

from ..model.entities import Text
from .context import OutputFile, Pieces, RenderContext

VERSION = 1
ASSIGNMENTS_RUN = 4096  # cells of a run of ``assignments``
_INDENT = orjson.OPT_INDENT_2


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    pieces = ctx.reuse.pieces()
    document = _document(ctx, orjson.Fragment(_assignments(ctx, pieces)))
    data = orjson.dumps(document, option=_INDENT | orjson.OPT_APPEND_NEWLINE)
    yield OutputFile("org.json", data, fragments=pieces.used)


def as_data(ctx: RenderContext) -> dict[str, Any]:
    """org.json's content as plain values."""
    return _document(
        ctx, [{"row": row, "party": party, "letter": letter} for row, party, letter in ctx.assignment_cells]
    )


def _document(ctx: RenderContext, assignments: object) -> dict[str, Any]:
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
        "roles": _roles(ctx),
        "kpis": [
            {"id": k.id, "name": _text(k.name), "unit": k.unit, "direction": k.direction, "period": k.period}
            for k in org.kpis.values()
        ],
        "processes": _processes(ctx),
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
        "assignments": assignments,
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


def _roles(ctx: RenderContext) -> list[dict[str, Any]]:
    """Every role in org-chart order. Written for speed (10,000 roles, 30 MB of org.json): a
    text's languages as ``dict(text.values)``, not through ``_text``."""
    org, graph = ctx.org, ctx.graph
    chain_of_command, direct_reports, duties_of = graph.chain_of_command, graph.direct_reports, org.duties_of
    roles = []
    for role in graph.roles():
        chain = chain_of_command(role.id)
        purpose, category, location, hours = role.purpose, role.category, role.location, role.hours
        physical, external = role.physical, role.reports_to_external
        roles.append(
            {
                "id": role.id,
                "title": dict(role.title.values),
                "unit": role.unit,
                "reports_to": role.reports_to,
                "dotted_to": list(role.dotted_to),
                "headcount": role.headcount,
                "grade": role.grade,
                "family": role.family,
                "layer": len(chain) + 1,  # graph.layer
                "chain_of_command": list(chain),
                "direct_reports": list(direct_reports(role.id)),
                "escalates_to": role.escalates_to or role.reports_to,  # org.escalation_of
                "purpose": dict(purpose.values) if purpose is not None else None,
                "duties": [
                    {
                        "ref": f"{d.owner}.{d.id}",
                        "title": dict(d.title.values),
                        "frequency": d.frequency,
                        "kpis": list(d.kpis),
                    }
                    for d in duties_of(role)
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
                "category": dict(category.values) if category is not None else None,
                "location": dict(location.values) if location is not None else None,
                "hours": dict(hours.values) if hours is not None else None,
                "accountabilities": [dict(x.values) for x in role.accountabilities],
                "challenges": [dict(x.values) for x in role.challenges],
                "training": [dict(x.values) for x in role.training],
                "physical": dict(physical.values) if physical is not None else None,
                "reports_to_external": dict(external.values) if external is not None else None,
            }
        )
    return roles


def _processes(ctx: RenderContext) -> list[dict[str, Any]]:
    rows_of = ctx.step_rows
    return [
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
                        for r in rows_of[s.ref]
                    ],
                }
                for s in p.steps
            ],
        }
        for p in ctx.org.processes.values()
    ]


def _assignments(ctx: RenderContext, pieces: Pieces) -> bytes:
    """``assignments`` as it stands in org.json, in runs each taken from ``pieces`` where the
    last build wrote the same cells."""
    cells = ctx.assignment_cells
    if not cells:
        return b"[]"
    keyed = ctx.reuse.key() is not None
    runs = []
    for start in range(0, len(cells), ASSIGNMENTS_RUN):
        run = cells[start : start + ASSIGNMENTS_RUN]
        make = partial(_assignment_entries, run)
        runs.append(pieces.data(make, "org.json assignments", orjson.dumps(run)) if keyed else make())
    return b"[\n" + b",\n".join(runs) + b"\n  ]"


def _assignment_entries(cells: list[tuple[str, str, str]]) -> bytes:
    """The cells' entries as they stand in org.json's ``assignments``, one level down."""
    entries = orjson.dumps(
        [{"row": row, "party": party, "letter": letter} for row, party, letter in cells], option=_INDENT
    )
    return b"  " + entries[2:-2].replace(b"\n", b"\n  ")  # "[\n" … "\n]" left out, two more spaces


def _text(text: Text | None) -> dict[str, str] | None:
    return dict(text.values) if text else None
