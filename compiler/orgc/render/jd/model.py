"""The content of one job description in one language: what every JD renderer shows.

Markdown, DOCX and the handbook all render this one value, so they cannot disagree.
All strings are plain text; each renderer escapes them for its own format.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...i18n.documents import duration, label, value
from ...model.entities import Process, Role, Step, Target
from ...model.raci import LETTER_ORDER, combined
from ...model.relative import split_row
from ..context import RenderContext
from ..raci import matrix_index


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Person:
    """A role as it appears in a JD: title, id and headcount."""

    id: str
    title: str
    headcount: int


@dataclass(frozen=True)
class DutyView:
    title: str
    tasks: tuple[str, ...]
    frequency: str
    deliverables: tuple[str, ...]
    measures: tuple[str, ...]
    letters: str
    shared_from: str  # the shared block's title, or ""


@dataclass(frozen=True)
class StepView:
    process: str
    step: str
    letters: str
    sla: str
    parties: tuple[str, ...]  # the others in this role's rows of the step: "title (letters)"


@dataclass(frozen=True)
class KpiRow:
    name: str
    target: str
    weight: str
    period: str
    source: str


@dataclass(frozen=True)
class AuthorityRow:
    type: str
    scope: str
    limit: str


@dataclass(frozen=True)
class WaiverRow:
    code: str
    reason: str


@dataclass(frozen=True)
class JobDescription:
    lang: str
    role_id: str
    title: str
    org_name: str
    version: str
    basics: tuple[Field, ...]
    supervisor: Person | None
    role: Person
    reports: tuple[Person, ...]
    dotted: tuple[Person, ...]
    purpose: str
    duties: tuple[DutyView, ...]
    steps: tuple[StepView, ...]
    kpis: tuple[KpiRow, ...]
    authority: tuple[AuthorityRow, ...]
    internal: tuple[str, ...]
    external: tuple[str, ...]
    qualifications: tuple[Field, ...]
    career: tuple[str, ...]
    environment: str
    waivers: tuple[WaiverRow, ...]

    def label(self, key: str) -> str:
        return label(key, self.lang)


def job_description(ctx: RenderContext, role: Role, lang: str) -> JobDescription:
    """Everything a JD shows for ``role`` in ``lang``."""
    org, graph = ctx.org, ctx.graph
    t = lambda text: ctx.t(text, lang)  # noqa: E731
    L = lambda key: ctx.label(key, lang)  # noqa: E731
    letters = ctx.letters.get(role.id, {})

    def person(role_id: str) -> Person:
        other = org.roles[role_id]
        return Person(role_id, t(other.title), other.headcount)

    supervisor = person(role.reports_to) if role.reports_to in org.roles else None
    reports = tuple(person(r) for r in graph.direct_reports(role.id))
    dotted = tuple(person(r) for r in role.dotted_to if r in org.roles)
    unit = org.units.get(role.unit or "")
    none = L("none")

    basics = (
        Field(L("title"), t(role.title)),
        Field(L("code"), role.id),
        Field(L("unit"), t(unit.name) if unit else (role.unit or "")),
        Field(L("supervisor"), supervisor.title if supervisor else L("top")),
        Field(L("reports"), _join((p.title for p in reports), lang) or none),
        Field(L("dotted"), _join((p.title for p in dotted), lang) or none),
        Field(L("headcount"), str(role.headcount) if role.headcount else f"0 ({L('vacant')})"),
        Field(L("grade"), role.grade or "—"),
        Field(L("family"), role.family or "—"),
    )

    duties = []
    for duty in org.duties_of(role):
        block = org.blocks.get(duty.owner) if duty.owner != role.id else None
        duties.append(
            DutyView(
                title=t(duty.title),
                tasks=tuple(t(task) for task in duty.tasks),
                frequency=value(duty.frequency, lang) if duty.frequency else "",
                deliverables=tuple(t(d) for d in duty.deliverables),
                measures=tuple(t(org.kpis[k].name) for k in duty.kpis if k in org.kpis),
                letters=combined(letters.get(duty.ref, frozenset())),
                shared_from=t(block.title) if block else "",
            )
        )

    steps = [
        StepView(
            t(process.title),
            t(step.title),
            combined(cell),
            duration(step.sla, lang) if step.sla else "",
            _others(ctx, role, rows, lang),
        )
        for process, step, cell, rows in _steps_of(ctx, letters)
        if cell & {"R", "A"}
    ]

    kpis = []
    for target in role.kpis:
        kpi = org.kpis.get(target.kpi)
        kpis.append(
            KpiRow(
                name=t(kpi.name) if kpi else target.kpi,
                target=display_target(target.target) if target.target else target.text,
                weight=f"{target.weight:g}%" if target.weight is not None else "",
                period=value(kpi.period, lang) if kpi and kpi.period else "",
                source=t(kpi.source) if kpi else "",
            )
        )

    internal, external = _relations(ctx, role, letters, lang)
    q = role.qualifications
    qualifications = []
    if q.education:
        qualifications.append(Field(L("education"), value(q.education, lang)))
    if q.majors:
        qualifications.append(Field(L("majors"), _join((t(m) for m in q.majors), lang)))
    if q.experience_years is not None or q.experience_in:
        years = f"{q.experience_years:g}" if q.experience_years is not None else "—"
        text = (
            L("years_in").format(years=years, field=t(q.experience_in))
            if q.experience_in
            else L("years").format(years=years)
        )
        qualifications.append(Field(L("experience"), text))
    for key, items in (
        ("certifications", q.certifications),
        ("skills", q.skills),
        ("competencies", q.competencies),
    ):
        if items:
            qualifications.append(Field(L(key), _join((t(i) for i in items), lang)))

    return JobDescription(
        lang=lang,
        role_id=role.id,
        title=t(role.title),
        org_name=t(org.name),
        version=org.version or ctx.date_text,
        basics=basics,
        supervisor=supervisor,
        role=Person(role.id, t(role.title), role.headcount),
        reports=reports,
        dotted=dotted,
        purpose=t(role.purpose),
        duties=tuple(duties),
        steps=tuple(steps),
        kpis=tuple(kpis),
        authority=tuple(AuthorityRow(value(a.type, lang), t(a.scope), t(a.limit)) for a in role.authority),
        internal=internal,
        external=external,
        qualifications=tuple(qualifications),
        career=tuple(ctx.role_title(r, lang) for r in role.career_next),
        environment=t(role.environment),
        waivers=tuple(WaiverRow(w.code, w.reason) for w in role.waivers),
    )


def _steps_of(
    ctx: RenderContext, letters: dict[str, frozenset[str]]
) -> list[tuple[Process, Step, frozenset[str], list[str]]]:
    """The process steps in which a role (whose cells are ``letters``) takes part, in process
    order: each with the role's letters and its matrix rows. A step with relative parties has
    a row per Responsible role; a role may take part in several of them."""
    order = ctx.step_order
    rows: dict[str, list[str]] = {}
    for row in letters:
        ref = split_row(row)[0]
        if ref in order:
            rows.setdefault(ref, []).append(row)
    found = []
    for ref in sorted(rows, key=order.__getitem__):
        process_id, _, step_id = ref.partition(".")
        process = ctx.org.processes[process_id]
        step = next(s for s in process.steps if s.id == step_id)
        cell = frozenset().union(*(letters[row] for row in rows[ref]))
        found.append((process, step, cell, sorted(rows[ref])))
    return found


def _others(ctx: RenderContext, role: Role, rows: list[str], lang: str) -> tuple[str, ...]:
    """Everyone else in ``rows`` with their letters: the Accountable first, then R, C and I, each
    in matrix column order (roles in org-chart order, then units)."""
    cells: dict[str, set[str]] = {}
    for row in rows:
        for party, found in ctx.cells[row].items():
            if party != role.id:
                cells.setdefault(party, set()).update(found)
    position = matrix_index(ctx).party_position
    first = {party: min(LETTER_ORDER.index(letter) for letter in cells[party]) for party in cells}
    ordered = sorted(cells, key=lambda party: (first[party], position.get(party, len(position)), party))
    return tuple(f"{ctx.party_name(party, lang)} ({combined(cells[party])})" for party in ordered)


def _relations(
    ctx: RenderContext, role: Role, letters: dict[str, frozenset[str]], lang: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names of the units and roles this role works with, and of the external departments."""
    org = ctx.org
    parties: list[str] = []
    for duty in org.duties_of(role):
        parties += duty.collaborates + duty.consulted + duty.informed + duty.accountable
    for row in letters:
        if row.partition(".")[0] in org.processes:
            parties += ctx.cells[row]
    escalation = org.escalation_of(role)
    if escalation:
        parties.append(escalation)
    internal: list[str] = []
    external: list[str] = []
    for party in dict.fromkeys(parties):
        if party == role.id:
            continue
        unit = org.units.get(party)
        target = external if unit is not None and unit.external else internal
        target.append(ctx.party_name(party, lang))
    return tuple(internal), tuple(external)


_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


def display_target(target: Target) -> str:
    """``>= 85%`` as a document shows it: ``≥ 85%``."""
    text = str(target)
    return f"{_SYMBOLS[target.comparator]}{text[len(target.comparator) :]}" if target.comparator else text


def _join(items: object, lang: str) -> str:
    separator = "、" if lang.startswith("zh") else ", "
    return separator.join(items)  # type: ignore[arg-type]
