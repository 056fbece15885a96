"""The diff as JSON for other tools (``--format json``, schema/diff.schema.json, ``"version": 1``).

One flat, sorted list of changes, each an object with a ``kind``; ids as written,
titles and other texts in the chosen language.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from .changes import (
    DutyAdded,
    DutyChanged,
    DutyRemoved,
    Entry,
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
    TargetChanged,
)
from .revisions import Side
from .shown import show, text_pair

VERSION = 1


def render(changes: OrgChanges, base: Side, head: Side, lang: str, fallback: str, today: date) -> str:
    """The JSON document, indented, with a final newline."""
    counts = changes.counts()
    document = {
        "version": VERSION,
        "base": _side(base),
        "head": _side(head),
        "language": lang,
        "today": today.isoformat(),
        "summary": {
            "changes": sum(counts.values()),
            "kinds": dict(sorted(counts.items())),
            "headcount": {"before": changes.total_before, "after": changes.total_after},
        },
        "changes": [_entry(entry, lang, fallback) for entry in changes.entries()],
        "headcount_by_unit": [
            {
                "unit": total.unit.id,
                "name": _title(total.unit, lang, fallback),
                "before": total.before,
                "after": total.after,
            }
            for total in changes.unit_totals
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _side(side: Side) -> dict[str, Any]:
    return {"kind": side.kind, "label": side.label, "commit": side.commit}


def _title(name: Name | None, lang: str, fallback: str) -> str | None:
    return None if name is None or name.title is None else show(name.title, lang, fallback)


def _id(name: Name | None) -> str | None:
    return None if name is None else name.id


def _entry(entry: Entry, lang: str, fallback: str) -> dict[str, Any]:
    def title(name: Name | None) -> str | None:
        return _title(name, lang, fallback)

    out: dict[str, Any] = {"kind": entry.kind}
    if isinstance(entry, RoleAdded | RoleRemoved):
        out |= {
            "role": entry.role.id,
            "title": title(entry.role),
            "unit": _id(entry.unit),
            "reports_to": _id(entry.reports_to),
            "headcount": entry.headcount,
            "grade": entry.grade,
        }
    elif isinstance(entry, RoleRenamed):
        out |= {
            "role": entry.role.id,
            "title": title(entry.role),
            "before": entry.before,
            "similarity": entry.similarity,
        }
    elif isinstance(entry, RoleRetitled):
        before, after = text_pair(entry.before, entry.after, lang, fallback)
        out |= {"role": entry.role.id, "before": before, "after": after}
    elif isinstance(entry, RoleMoved):
        out |= {
            "role": entry.role.id,
            "title": title(entry.role),
            "reports_to": {"before": _id(entry.supervisor_before), "after": _id(entry.supervisor_after)},
            "unit": {"before": _id(entry.unit_before), "after": _id(entry.unit_after)},
        }
    elif isinstance(entry, HeadcountChanged | GradeChanged):
        out |= {
            "role": entry.role.id,
            "title": title(entry.role),
            "before": entry.before,
            "after": entry.after,
        }
    elif isinstance(entry, RoleChanged):
        out |= {"role": entry.role.id, "title": title(entry.role), "fields": list(entry.fields)}
    elif isinstance(entry, DutyAdded | DutyRemoved):
        out |= {"duty": entry.ref, "owner": entry.owner.id, "title": show(entry.title, lang, fallback)}
    elif isinstance(entry, DutyChanged):
        before, after = text_pair(entry.before, entry.after, lang, fallback)
        out |= {
            "duty": entry.ref,
            "owner": entry.owner.id,
            "before": before,
            "after": after,
            "fields": list(entry.fields),
        }
    elif isinstance(entry, RaciCell):
        out |= {
            "row": entry.row.id,
            "row_title": title(entry.row),
            "party": entry.party.id,
            "before": entry.before or None,
            "after": entry.after or None,
        }
    elif isinstance(entry, TargetChanged):
        out |= {
            "role": entry.role.id,
            "kpi": entry.kpi.id,
            "before": entry.before,
            "after": entry.after,
            "weight_before": entry.weight_before,
            "weight_after": entry.weight_after,
        }
    elif isinstance(entry, QualificationChanged):
        out |= {
            "role": entry.role.id,
            "field": entry.field,
            "removed": [show(v, lang, fallback) for v in entry.removed],
            "added": [show(v, lang, fallback) for v in entry.added],
        }
    elif isinstance(entry, PolicyAdded | PolicyRemoved | PolicyPastReview):
        review_by = entry.review_by.isoformat() if entry.review_by else None
        out |= {"policy": entry.policy.id, "title": title(entry.policy), "review_by": review_by}
    elif isinstance(entry, PolicyChanged):
        dates = (entry.review_by_before, entry.review_by_after)
        before, after = (d.isoformat() if d else None for d in dates)
        out |= {
            "policy": entry.policy.id,
            "title": title(entry.policy),
            "fields": list(entry.fields),
            "review_by": {"before": before, "after": after},
        }
    elif isinstance(entry, OtherChange):
        out |= {"id": entry.item.id, "title": title(entry.item), "fields": list(entry.fields)}
    return out
