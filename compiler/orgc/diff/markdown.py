"""The diff as Markdown for a pull-request comment: a one-line summary, then one short section per kind.

Every text from the specs is escaped (render/escape.py); ids are code spans. A
section with more than ``FOLD_AFTER`` entries is folded into ``<details>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ..i18n.diff import field_label, kind_label, label, subject_label, summary_phrase
from ..model.entities import Text
from ..writers import escape
from .changes import (
    DutyChanged,
    GradeChanged,
    HeadcountChanged,
    Name,
    OrgChanges,
    PolicyChanged,
    PolicyPastReview,
    RaciCell,
    RoleAdded,
    RoleChanged,
    RoleMoved,
    RoleRemoved,
    RoleRenamed,
    RoleRetitled,
)
from .revisions import Side
from .shown import show, signed, text_pair

FOLD_AFTER = 10
# The kinds of change the first line counts, in its order; any other kind counts as "other".
SUMMARY_KINDS = (
    "role-added",
    "role-removed",
    "role-renamed",
    "role-retitled",
    "role-moved",
    "role-changed",
    "role-headcount",
    "role-grade",
    "duty-added",
    "duty-removed",
    "duty-reworded",
    "duty-changed",
    "raci-cell",
    "kpi-target-tightened",
    "kpi-target-loosened",
    "kpi-target-changed",
    "kpi-target-reweighted",
    "kpi-target-added",
    "kpi-target-removed",
    "qualification",
    "policy-added",
    "policy-removed",
    "policy-changed",
    "policy-past-review",
    "other",
)
_ID = re.compile(r"[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)?")
_PLAIN_LABEL = re.compile(r"[\w./@^~{}:+-]+")


@dataclass(frozen=True)
class _Words:
    """The reader's language, and the language a text falls back to."""

    lang: str
    fallback: str

    def __call__(self, key: str, **values: object) -> str:
        text = label(key, self.lang)
        return text.format(**values) if values else text

    def text(self, value: Text | None) -> str:
        return escape.markdown(show(value, self.lang, self.fallback))

    def name(self, item: Name | None) -> str:
        if item is None:
            return self("none")
        if item.title is None:
            return code(item.id)
        return f"{self.text(item.title)} ({code(item.id)})"

    def fields(self, fields: Sequence[str]) -> str:
        names = self("list_separator").join(field_label(f, self.lang) for f in fields)
        return self("fields", fields=names)


def code(identifier: str) -> str:
    """An id or ``ROLE.DUTY`` as a code span; anything else as escaped text."""
    return f"`{identifier}`" if _ID.fullmatch(identifier) else escape.markdown(identifier)


def side_name(side: Side, lang: str) -> str:
    if side.kind == "worktree":
        return label("worktree", lang)
    return f"`{side.label}`" if _PLAIN_LABEL.fullmatch(side.label) else escape.markdown(side.label)


def render(changes: OrgChanges, base: Side, head: Side, lang: str, fallback: str, today: date) -> str:
    """The whole comment; one line when nothing changed."""
    words = _Words(lang, fallback)
    names = {"base": side_name(base, lang), "head": side_name(head, lang)}
    if changes.empty:
        return words("no_changes", **names) + "\n"
    lines = [words("headline", summary=summary(changes, lang), **names)]
    sections: list[tuple[str, int, Callable[[], list[str]]]] = [
        ("roles", len(changes.roles), lambda: _roles(changes, words)),
        ("headcount", len(changes.headcount) + len(changes.unit_totals), lambda: _headcount(changes, words)),
        ("duties", len(changes.duties), lambda: _duties(changes, words)),
        ("raci", len(changes.raci), lambda: _raci(changes, words)),
        ("targets", len(changes.targets), lambda: _targets(changes, words)),
        ("qualifications", len(changes.qualifications), lambda: _qualifications(changes, words)),
        ("policies", len(changes.policies), lambda: _policies(changes, words, today)),
        ("other", len(changes.other), lambda: _other(changes, words)),
    ]
    for key, count, body in sections:
        if not count:
            continue
        lines += ["", f"### {words(key)}", ""]
        if count > FOLD_AFTER:
            lines += [
                "<details>",
                f"<summary>{words('show', n=count)}</summary>",
                "",
                *body(),
                "",
                "</details>",
            ]
        else:
            lines += body()
    return "\n".join(lines) + "\n"


def summary(changes: OrgChanges, lang: str) -> str:
    """The phrases of the first line: how many of each kind, and the headcount if it changed."""
    counts = changes.counts()
    known = set(SUMMARY_KINDS)
    counts["other"] += sum(n for kind, n in counts.items() if kind not in known)
    phrases = []
    for kind in SUMMARY_KINDS:
        if counts[kind]:
            phrases.append(summary_phrase(kind, counts[kind], lang))
        if kind == "role-grade" and changes.total_before != changes.total_after:
            before, after = changes.total_before, changes.total_after
            phrases.append(
                label("headcount_total", lang).format(
                    before=before, after=after, delta=signed(after - before)
                )
            )
    return label("separator", lang).join(phrases)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return lines


def _arrow(before: str, after: str, none: str) -> str:
    return f"{before or none} → {after or none}"


# -- sections -------------------------------------------------------------------------------------


def _roles(changes: OrgChanges, w: _Words) -> list[str]:
    rows = []
    for entry in changes.roles:
        details = ""
        if isinstance(entry, RoleAdded | RoleRemoved):
            parts = [w("unit_of", name=w.name(entry.unit))]
            parts.append(w("supervisor", name=w.name(entry.reports_to)) if entry.reports_to else w("top"))
            parts.append(w("headcount_of", n=entry.headcount))
            if entry.grade:
                parts.append(w("grade_of", grade=escape.markdown(entry.grade)))
            details = w("separator").join(parts)
        elif isinstance(entry, RoleRenamed):
            details = w("renamed_from", before=code(entry.before), percent=round(entry.similarity * 100))
        elif isinstance(entry, RoleRetitled):
            before, after = text_pair(entry.before, entry.after, w.lang, w.fallback)
            details = f"{escape.markdown(before)} → {escape.markdown(after)}"
        elif isinstance(entry, RoleMoved):
            parts = []
            if entry.supervisor_before != entry.supervisor_after:
                moved = _arrow(_boss(entry.supervisor_before, w), _boss(entry.supervisor_after, w), "")
                parts.append(w("supervisor", name=moved))
            if entry.unit_before != entry.unit_after:
                parts.append(w("unit_of", name=f"{w.name(entry.unit_before)} → {w.name(entry.unit_after)}"))
            details = w("separator").join(parts)
        elif isinstance(entry, RoleChanged):
            details = w.fields(entry.fields)
        rows.append([kind_label(entry.kind, w.lang), w.name(entry.role), details])
    return _table([w("change"), w("role"), w("details")], rows)


def _boss(name: Name | None, w: _Words) -> str:
    return w.name(name) if name is not None else w("top")


def _headcount(changes: OrgChanges, w: _Words) -> list[str]:
    lines: list[str] = []
    if changes.headcount:
        rows = []
        for entry in changes.headcount:
            if isinstance(entry, HeadcountChanged):
                before, after = str(entry.before), str(entry.after)
            else:
                assert isinstance(entry, GradeChanged)
                before, after = escape.markdown(entry.before or ""), escape.markdown(entry.after or "")
            rows.append(
                [w.name(entry.role), kind_label(entry.kind, w.lang), before or w("none"), after or w("none")]
            )
        lines += _table([w("role"), w("change"), w("before"), w("after")], rows)
    if changes.unit_totals or changes.total_before != changes.total_after:
        if lines:
            lines.append("")
        rows = []
        for total in changes.unit_totals:
            delta = signed((total.after or 0) - (total.before or 0))
            rows.append([w.name(total.unit), _count(total.before, w), _count(total.after, w), delta])
        before, after = changes.total_before, changes.total_after
        rows.append([f"**{w('whole_org')}**", str(before), str(after), signed(after - before)])
        lines += _table([w("unit"), w("before"), w("after"), w("delta")], rows)
        lines += ["", w("totals_note")]
    return lines


def _count(value: int | None, w: _Words) -> str:
    return w("none") if value is None else str(value)


def _duties(changes: OrgChanges, w: _Words) -> list[str]:
    rows = []
    for entry in changes.duties:
        if isinstance(entry, DutyChanged):
            parts = []
            if "title" in entry.fields:
                before, after = text_pair(entry.before, entry.after, w.lang, w.fallback)
                parts.append(f"{escape.markdown(before)} → {escape.markdown(after)}")
            rest = [f for f in entry.fields if f != "title"]
            if rest:
                parts.append(w.fields(rest))
            duty = code(entry.ref) if "title" in entry.fields else w.name(Name(entry.ref, entry.after))
            rows.append([kind_label(entry.kind, w.lang), duty, "<br>".join(parts)])
        else:
            duty = w.name(Name(entry.ref, entry.title))
            rows.append([kind_label(entry.kind, w.lang), duty, w.name(entry.owner)])
    return _table([w("change"), w("duty"), w("details")], rows)


def _raci(changes: OrgChanges, w: _Words) -> list[str]:
    groups: dict[str, list[RaciCell]] = {}
    for cell in sorted(changes.raci, key=lambda c: (c.owner.id, c.row.id, c.party.id)):
        groups.setdefault(cell.owner.id, []).append(cell)
    lines: list[str] = []
    for cells in groups.values():
        parties = sorted({c.party.id: c.party for c in cells}.values(), key=lambda p: p.id)
        rows: dict[str, dict[str, str]] = {}
        titles = {}
        for c in cells:
            rows.setdefault(c.row.id, {})[c.party.id] = _arrow(c.before, c.after, w("none"))
            titles[c.row.id] = c.row
        body = [[w.name(titles[ref]), *(row.get(p.id, "") for p in parties)] for ref, row in rows.items()]
        lines += [f"**{w.name(cells[0].owner)}**", ""]
        lines += _table([w("row"), *(w.name(p) for p in parties)], body)
        lines.append("")
    lines.append(w("raci_note"))
    return lines


def _targets(changes: OrgChanges, w: _Words) -> list[str]:
    rows = []
    for entry in changes.targets:
        before = _target(entry.before, entry.weight_before, w)
        after = _target(entry.after, entry.weight_after, w)
        rows.append([w.name(entry.role), w.name(entry.kpi), kind_label(entry.kind, w.lang), before, after])
    return _table([w("role"), w("kpi"), w("change"), w("before"), w("after")], rows)


def _target(text: str | None, weight: float | None, w: _Words) -> str:
    if text is None:
        return w("none")
    shown = escape.markdown(text)
    return f"{shown} ({w('weight_of', weight=f'{weight:g}%')})" if weight is not None else shown


def _qualifications(changes: OrgChanges, w: _Words) -> list[str]:
    rows = []
    for entry in changes.qualifications:
        scalar = entry.field in ("education", "experience_years", "experience_in")
        removed = [escape.markdown(show(v, w.lang, w.fallback)) for v in entry.removed]
        added = [escape.markdown(show(v, w.lang, w.fallback)) for v in entry.added]
        if not scalar:
            removed = [f"− {v}" for v in removed]
            added = [f"+ {v}" for v in added]
        before = w("list_separator").join(removed) or w("none")
        after = w("list_separator").join(added) or w("none")
        field = field_label(entry.field, w.lang)
        rows.append([w.name(entry.role), field[:1].upper() + field[1:], before, after])
    return _table([w("role"), w("field"), w("before"), w("after")], rows)


def _policies(changes: OrgChanges, w: _Words, today: date) -> list[str]:
    rows = []
    for entry in changes.policies:
        if isinstance(entry, PolicyPastReview):
            details = w("past_review", date=entry.review_by.isoformat(), today=today.isoformat())
        elif isinstance(entry, PolicyChanged):
            details = w.fields(entry.fields)
            if "review_by" in entry.fields:
                dates = [d.isoformat() if d else "" for d in (entry.review_by_before, entry.review_by_after)]
                details += f" ({_arrow(*dates, w('none'))})"
        else:
            details = w("review_by", date=entry.review_by.isoformat()) if entry.review_by else ""
        rows.append([kind_label(entry.kind, w.lang), w.name(entry.policy), details])
    return _table([w("change"), w("policy"), w("details")], rows)


def _other(changes: OrgChanges, w: _Words) -> list[str]:
    rows = []
    for entry in changes.other:
        change = kind_label(entry.change, w.lang)
        if entry.fields:
            change = w.fields(entry.fields)
        rows.append([subject_label(entry.subject, w.lang), w.name(entry.item), change])
    return _table([w("item"), w("name"), w("change")], rows)
