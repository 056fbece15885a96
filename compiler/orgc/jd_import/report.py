"""What a JD import says: per file the roles found, the fields filled and from where, what was left
unmapped, the references not resolved, the KPIs added and the work left (text or JSON)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from ..i18n import Message, verbatim
from ..roster.importer import located, refused_for
from .importer import JdResult

FIELDS = (
    "title",
    "unit",
    "reports_to",
    "dotted_to",
    "headcount",
    "grade",
    "family",
    "purpose",
    "duties",
    "kpis",
    "education",
    "majors",
    "experience",
    "skills",
    "certifications",
    "competencies",
    "authority",
    "career",
    "environment",
)
FIELD_WORDS = {
    "title": Message("jd.field-title"),
    "unit": Message("jd.field-unit"),
    "reports_to": Message("jd.field-reports_to"),
    "dotted_to": Message("jd.field-dotted_to"),
    "headcount": Message("jd.field-headcount"),
    "grade": Message("jd.field-grade"),
    "family": Message("jd.field-family"),
    "purpose": Message("jd.field-purpose"),
    "duties": Message("jd.field-duties"),
    "kpis": Message("jd.field-kpis"),
    "education": Message("jd.field-education"),
    "majors": Message("jd.field-majors"),
    "experience": Message("jd.field-experience"),
    "skills": Message("jd.field-skills"),
    "certifications": Message("jd.field-certifications"),
    "competencies": Message("jd.field-competencies"),
    "authority": Message("jd.field-authority"),
    "career": Message("jd.field-career"),
    "environment": Message("jd.field-environment"),
}
_DIRECTION_WORDS = {
    "higher-is-better": Message("jd.higher-is-better"),
    "lower-is-better": Message("jd.lower-is-better"),
}
_PLACE = re.compile(r"^(?:t(?P<table>\d+)r(?P<row>\d+)|p(?P<number>\d+))$")


def where(code: str) -> Message:
    match = _PLACE.match(code)
    if not match:
        return verbatim(code)
    if match["table"]:
        return Message("jd.where-row", table=int(match["table"]), row=int(match["row"]))
    return Message("jd.where-paragraph", number=int(match["number"]))


def text_report(result: JdResult, said: str) -> tuple[int, str]:
    out: list[str] = []
    for read in result.files:
        out.append(
            Message("jd.read-file", file=read.name, how=read.read_as, count=len(read.roles)).render(said)
        )
        for role in read.roles:
            d = role.draft
            out.append(f"  {d.title} → {role.file}")
            filled = [
                Message(
                    "jd.filled-field",
                    field=FIELD_WORDS[name],
                    places=tuple(where(w) for w in d.filled[name][:3]),
                )
                for name in FIELDS
                if name in d.filled
            ]
            out.append("    " + Message("jd.filled", fields=tuple(filled)).render(said))
            if role.unmapped:
                out.append("    " + Message("jd.unmapped", count=len(role.unmapped)).render(said))
            if d.signoff:
                lines = tuple(verbatim(s.text) for s in d.signoff)
                out.append("    " + Message("jd.signoff", count=len(d.signoff), lines=lines).render(said))
            for role_id, name, text in result.unresolved:
                if role_id == role.id:
                    out.append(
                        "    " + Message("jd.unresolved", field=FIELD_WORDS[name], text=text).render(said)
                    )
    if result.units:
        names = tuple(verbatim(f"{u.id} ({u.name[0][1]})") for u in result.units)
        out.append(Message("jd.units-added", count=len(result.units), units=names).render(said))
    if result.kpis:
        out.append(Message("jd.kpis-added", count=len(result.kpis)).render(said))
        for kpi in result.kpis:
            direction = _DIRECTION_WORDS[kpi.direction]
            out.append(
                "  "
                + Message("jd.kpi", id=kpi.id, name=kpi.name, unit=kpi.unit, direction=direction).render(said)
            )
    if result.blocking:
        out += refused_for(result.blocking, said)
        return 1, "\n".join(out) + "\n"
    for change in result.changes:
        described = change.describe(len(result.units))
        wrote = (
            Message("import.would-write", file=described)
            if result.dry_run
            else Message("import.wrote", file=described)
        )
        out.append(wrote.render(said))
    roles = sum(len(r.roles) for r in result.files)
    counts = {"roles": roles, "units": len(result.units), "kpis": len(result.kpis)}
    done = Message("jd.would-import", **counts) if result.dry_run else Message("jd.imported", **counts)
    out.append(done.render(said))
    work = _work_lines(result, said)
    if work:
        out.append(Message("jd.work-left").render(said))
        out += ["  " + line for line in work]
    if result.others:
        out.append(Message("import.also-reported").render(said))
        out += [f"  {located(d, said)}" for d in result.others[:12]]
        if len(result.others) > 12:
            out.append("  " + Message("import.and-more", count=len(result.others) - 12).render(said).strip())
    return 0, "\n".join(out) + "\n"


_WORK_WORDS: dict[str, Callable[[int, tuple[Message, ...]], Message]] = {
    "title": lambda count, ids: Message("jd.work-title", count=count, ids=ids),
    "purpose": lambda count, ids: Message("jd.work-purpose", count=count, ids=ids),
    "duties": lambda count, ids: Message("jd.work-duties", count=count, ids=ids),
    "unit": lambda count, ids: Message("jd.work-unit", count=count, ids=ids),
}


def _work_lines(result: JdResult, said: str) -> list[str]:
    lines = []
    for what, words in _WORK_WORDS.items():
        ids = [r for r, w in result.work if w == what]
        if ids:
            lines.append(words(len(ids), tuple(verbatim(i) for i in ids)).render(said))
    unmapped = [r for f in result.files for r in f.roles if r.unmapped]
    if unmapped:
        total = sum(len(r.unmapped) for r in unmapped)
        lines.append(Message("jd.work-unmapped", count=total, roles=len(unmapped)).render(said))
    if result.unresolved:
        lines.append(Message("jd.work-unresolved", count=len(result.unresolved)).render(said))
    if result.kpis:
        lines.append(Message("jd.work-kpis", count=len(result.kpis)).render(said))
    return lines


def json_report(result: JdResult, said: str) -> tuple[int, str]:
    data: dict[str, Any] = {
        "dry_run": result.dry_run,
        "lang": result.lang,
        "files": [
            {
                "file": read.name,
                "read_as": read.read_as.render(said),
                "roles": [
                    {
                        "id": role.id,
                        "title": role.draft.title,
                        "file": role.file,
                        "unit": role.unit,
                        "filled": {
                            name: role.draft.filled[name] for name in FIELDS if name in role.draft.filled
                        },
                        "unmapped": [{"where": u.where, "text": u.text} for u in role.unmapped],
                        "signoff": [{"where": s.where, "text": s.text} for s in role.draft.signoff],
                        "unresolved": [
                            {"field": name, "text": text}
                            for rid, name, text in result.unresolved
                            if rid == role.id
                        ],
                    }
                    for role in read.roles
                ],
            }
            for read in result.files
        ],
        "units_added": [{"id": u.id, "name": dict(u.name), "parent": u.parent} for u in result.units],
        "kpis_added": [
            {"id": k.id, "name": k.name, "unit": k.unit, "direction": k.direction, "role": k.role}
            for k in result.kpis
        ],
        "files_written": [] if result.dry_run or result.blocking else [c.rel for c in result.changes],
        "work_left": [{"role": r, "missing": w} for r, w in result.work],
        "errors": [_diagnostic(d, said) for d in result.blocking],
        "diagnostics": [_diagnostic(d, said) for d in result.others],
    }
    return (1 if result.blocking else 0), json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _diagnostic(d: Any, said: str) -> dict[str, Any]:
    return {"code": d.code, "file": d.location.file, "line": d.location.line, "message": d.message_in(said)}
