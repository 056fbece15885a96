"""The content of one job description in one language: what every JD renderer shows.

Markdown, DOCX and the handbook all render this one value, so they cannot disagree.
All strings are plain text; each renderer escapes them for its own format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import TypeVar

from ...i18n.documents import duration, label, long_date, value
from ...model.entities import Kpi, Process, Role, Step, Target
from ...model.raci import LETTER_ORDER, combined
from ...model.relative import split_row
from ..context import RenderContext
from ..raci import matrix_index
from .punctuation import full_width

T = TypeVar("T")


def _plain_repr(cls: type[T]) -> type[T]:
    """The dataclass's own repr, written out without its guard against a value that holds itself
    (none of these can): a JD's repr is the content key of its files and page (``ctx.reuse.key``),
    and the guard cost as much as the rest."""
    body = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields(cls) if f.repr)  # type: ignore[arg-type]
    namespace: dict[str, object] = {}
    exec(f"def __repr__(self):\n    return f'{cls.__qualname__}({body})'", namespace)
    cls.__repr__ = namespace["__repr__"]  # type: ignore[assignment,method-assign]
    return cls


def _kept_repr(cls: type[T]) -> type[T]:
    """``_plain_repr``, made once an instance: a JD's key is asked for by its files and by its page."""
    made = _plain_repr(cls).__repr__

    def __repr__(self: T) -> str:
        found = self.__dict__.get("_repr")
        if found is None:
            found = self.__dict__["_repr"] = made(self)  # frozen: set past __setattr__
        return found  # type: ignore[no-any-return]

    cls.__repr__ = __repr__  # type: ignore[assignment,method-assign]
    return cls


@_plain_repr
@dataclass(frozen=True)
class Field:
    label: str
    value: str
    items: tuple[str, ...] = ()  # what ``value`` joins, for a document that lists them one to a line


@_plain_repr
@dataclass(frozen=True)
class Person:
    """A role as it appears in a JD: title, id and headcount; a supervisor outside the
    organisation has no id and no headcount."""

    id: str
    title: str
    headcount: int


@_plain_repr
@dataclass(frozen=True)
class DutyView:
    title: str
    tasks: tuple[str, ...]
    frequency: str
    deliverables: tuple[str, ...]
    measures: tuple[str, ...]
    letters: str
    shared_from: str  # the shared block's title, or ""


@_plain_repr
@dataclass(frozen=True)
class StepView:
    process: str
    step: str
    letters: str
    sla: str
    parties: tuple[str, ...]  # the others in this role's rows of the step: "title (letters)"


@_plain_repr
@dataclass(frozen=True)
class KpiRow:
    name: str
    target: str
    weight: str
    period: str
    source: str


@_plain_repr
@dataclass(frozen=True)
class AuthorityRow:
    type: str
    scope: str
    limit: str


@_kept_repr
@dataclass(frozen=True)
class JobDescription:
    lang: str
    role_id: str
    code: str  # the position number, or ""
    title: str
    org_name: str
    version: str
    effective: str  # the effective date in the language's form, or ""
    basics: tuple[Field, ...]
    supervisor: Person | None
    role: Person
    reports: tuple[Person, ...]
    dotted: tuple[Person, ...]
    purpose: str
    duties: tuple[DutyView, ...]
    accountabilities: tuple[str, ...]
    challenges: tuple[str, ...]
    steps: tuple[StepView, ...]
    kpis: tuple[KpiRow, ...]
    authority: tuple[AuthorityRow, ...]
    internal: tuple[str, ...]
    external: tuple[str, ...]
    qualifications: tuple[Field, ...]
    career: tuple[str, ...]
    environment: str
    signoff: tuple[str, ...]

    def label(self, key: str) -> str:
        return label(key, self.lang)

    def join(self, items: Iterable[str]) -> str:
        return join_items(tuple(items), self.lang)

    @property
    def colon(self) -> str:
        return "：" if self.lang.startswith("zh") else ": "


def job_description(ctx: RenderContext, role: Role, lang: str) -> JobDescription:
    """Everything a JD shows for ``role`` in ``lang``."""
    org, graph = ctx.org, ctx.graph
    if lang.startswith("zh"):
        t = lambda text: full_width(ctx.t(text, lang))  # noqa: E731
    else:
        t = lambda text: ctx.t(text, lang)  # noqa: E731
    L = lambda key: ctx.label(key, lang)  # noqa: E731
    letters = ctx.letters.get(role.id, {})

    def person(role_id: str) -> Person:
        other = org.roles[role_id]
        return Person(role_id, t(other.title), other.headcount)

    if role.reports_to in org.roles:
        supervisor: Person | None = person(role.reports_to)  # type: ignore[arg-type]
    elif role.reports_to_external is not None:
        supervisor = Person("", t(role.reports_to_external), 0)
    else:
        supervisor = None
    reports = tuple(person(r) for r in graph.direct_reports(role.id))
    dotted = tuple(person(r) for r in role.dotted_to if r in org.roles)
    unit = org.units.get(role.unit or "")
    none = L("none")
    effective = ctx.config.effective
    effective_text = long_date(effective, lang) if effective else ""

    basics = [
        Field(L("title"), t(role.title)),
        Field(L("jd.code"), role.code or ""),
        Field(L("unit"), t(unit.name) if unit else ""),
        Field(L("supervisor"), supervisor.title if supervisor else none),
        Field(L("reports"), join_items(tuple(p.title for p in reports), lang) or none),
        Field(L("dotted"), join_items(tuple(p.title for p in dotted), lang)),
        Field(L("headcount"), str(role.headcount)),
        Field(L("jd.span"), _span(ctx, role, lang)),
        Field(L("grade"), role.grade or ""),
        Field(L("jd.family"), _family(ctx, role, lang)),
        Field(L("jd.category"), t(role.category)),
        Field(L("jd.location"), t(role.location)),
        Field(L("jd.hours"), t(role.hours)),
        Field(L("jd.effective"), effective_text),
    ]

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
                target=display_target(target.target, lang, kpi) if target.target else target.text,
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
        qualifications.append(Field(L("majors"), join_items(tuple(t(m) for m in q.majors), lang)))
    if q.experience_in or q.experience_years:
        field_text = t(q.experience_in)
        if (
            not lang.startswith("zh") and field_text[1:2].islower()
        ):  # inside a sentence: "3+ years in front-line …"
            field_text = field_text[0].lower() + field_text[1:]
        if q.experience_years and not field_text:
            text = L("years").format(years=f"{q.experience_years:g}")
        elif q.experience_years:
            text = L("jd.years_in").format(years=f"{q.experience_years:g}", field=field_text)
        elif q.experience_years == 0:  # no minimum: experience is an advantage
            text = L("jd.preferred").format(field=field_text)
        else:
            text = L("jd.field_only").format(field=field_text)
        qualifications.append(Field(L("experience"), text))
    for key, items in (
        ("certifications", q.certifications),
        ("skills", q.skills),
        ("competencies", q.competencies),
    ):
        if items:
            shown = tuple(t(i) for i in items)
            qualifications.append(Field(L(key), join_items(shown, lang), shown))
    if role.training:
        shown = tuple(t(i) for i in role.training)
        qualifications.append(Field(L("jd.training"), join_items(shown, lang), shown))
    if role.physical:
        qualifications.append(Field(L("jd.physical"), t(role.physical)))

    return JobDescription(
        lang=lang,
        role_id=role.id,
        code=role.code or "",
        title=t(role.title),
        org_name=t(org.name),
        version=org.version or ctx.date_text,
        effective=effective_text,
        basics=tuple(f for f in basics if f.value),
        supervisor=supervisor,
        role=Person(role.id, t(role.title), role.headcount),
        reports=reports,
        dotted=dotted,
        purpose=t(role.purpose),
        duties=tuple(duties),
        accountabilities=tuple(t(a) for a in role.accountabilities),
        challenges=tuple(t(c) for c in role.challenges),
        steps=tuple(steps),
        kpis=tuple(kpis),
        authority=tuple(AuthorityRow(value(a.type, lang), t(a.scope), t(a.limit)) for a in role.authority),
        internal=internal,
        external=external,
        qualifications=tuple(qualifications),
        career=tuple(ctx.role_title(r, lang) for r in role.career_next),
        environment=t(role.environment),
        signoff=tuple(_signer(party, lang) for party in ctx.config.signoff),
    )


def _signer(party: str, lang: str) -> str:
    """A party of the sign-off block in ``lang``: the usual ones (任职者, 直接上级, 人力资源部)
    are known in every language; any other is printed as written."""
    try:
        return label(f"jd.signer.{party}", lang)
    except KeyError:
        return party


def _span(ctx: RenderContext, role: Role, lang: str) -> str:
    """管辖人数: the headcount of the direct reports and of everyone below, or "" for none."""
    direct = sum(ctx.org.roles[r].headcount for r in ctx.graph.direct_reports(role.id))
    total = sum(ctx.org.roles[r].headcount for r in ctx.graph.subordinates(role.id) if r in ctx.org.roles)
    if not total:
        return ""
    return label("jd.span_value", lang).format(direct=direct, total=total)


def _family(ctx: RenderContext, role: Role, lang: str) -> str:
    """The family's name from org.yaml's ``families``; a family not listed there as written."""
    if not role.family:
        return ""
    name = ctx.org.families.get(role.family)
    return ctx.t(name, lang) if name is not None else role.family


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
    left, right = ("（", "）") if lang.startswith("zh") else (" (", ")")
    return tuple(f"{ctx.party_name(party, lang)}{left}{combined(cells[party])}{right}" for party in ordered)


def _relations(
    ctx: RenderContext, role: Role, letters: dict[str, frozenset[str]], lang: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Inside the company: one's supervisor, direct reports and peers, then the roles and
    departments (modelled or not) one works with. Outside: the parties (customers, suppliers …)."""
    org, graph = ctx.org, ctx.graph
    parties: list[str] = []
    names: list[str] = [ctx.t(role.reports_to_external, lang)] if role.reports_to_external else []
    if role.reports_to in org.roles:
        parties.append(role.reports_to)  # type: ignore[arg-type]
        parties += [r for r in graph.direct_reports(role.reports_to) if r != role.id]  # type: ignore[arg-type]
    parties += graph.direct_reports(role.id)
    for duty in org.duties_of(role):
        parties += duty.collaborates + duty.consulted + duty.informed + duty.accountable
    for row in letters:
        if row.partition(".")[0] in org.processes:
            parties += ctx.cells[row]
    escalation = org.escalation_of(role)
    if escalation:
        parties.append(escalation)
    internal: list[str] = names
    external: list[str] = []
    for party in dict.fromkeys(parties):
        if party == role.id or (party not in org.roles and party not in org.units):
            continue
        unit = org.units.get(party)
        target = external if unit is not None and unit.party else internal
        target.append(ctx.party_name(party, lang))
    return tuple(dict.fromkeys(internal)), tuple(dict.fromkeys(external))


_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


def display_target(target: Target, lang: str = "en", kpi: Kpi | None = None) -> str:
    """``>= 85%`` as a document shows it: ``≥ 85%``; a target written without a comparator
    takes the KPI's direction (``95%`` of a higher-is-better KPI is ``≥ 95%``); units in
    ``lang`` (``≤ 5 分钟``)."""
    comparator = target.comparator
    if comparator is None and kpi is not None:
        comparator = ">=" if kpi.higher_is_better else "<="
    number = f"{target.value:g}"
    unit = measure_unit(target.unit, lang)
    amount = f"{number}{unit}" if unit in ("%", "") else f"{number} {unit}"
    return f"{_SYMBOLS[comparator]} {amount}" if comparator else amount


def measure_unit(unit: str | None, lang: str) -> str:
    """A KPI's unit as a document in ``lang`` writes it (min → 分钟); one it does not know, as written."""
    if not unit:
        return ""
    try:
        return label(f"jd.unit.{unit}", lang)
    except KeyError:
        return unit


def join_items(items: tuple[str, ...], lang: str) -> str:
    """Items in a sentence: 、 between them in Chinese, or ； where an item holds a 、 or ， itself."""
    if not lang.startswith("zh"):
        return "; ".join(items) if any("," in i for i in items) else ", ".join(items)
    return ("；" if any("、" in i or "，" in i for i in items) else "、").join(items)
