"""The organisation as frozen values: what the specs say, with references resolved to ids.

Every entity keeps ``src`` (its document and data path) so checks can point at the
exact line of any field; ``src`` takes no part in equality, so two revisions of a
spec compare by content alone.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..diagnostics import Location, Subject, Waiver
from ..load.yaml_doc import Document, Span
from .frozen import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Src:
    """Where an entity is written: a document and the data path inside it."""

    doc: Document
    path: tuple[str | int, ...] = ()

    def at(self, *sub: str | int) -> Location:
        return self.doc.at(*self.path, *sub)

    def key_at(self, *sub: str | int) -> Location:
        return self.doc.key_at(*self.path, *sub)

    def span_at(self, *sub: str | int) -> Span | None:
        return self.doc.span_at(*self.path, *sub)

    @property
    def file(self) -> str:
        return self.doc.file


@quick_init
@dataclass(frozen=True, slots=True)
class Text:
    """Text in one or more languages, in the order written."""

    values: tuple[tuple[str, str], ...]
    src: Src | None = field(default=None, compare=False, repr=False)

    @property
    def where(self) -> Location | None:
        """Where the text is written; found only when a diagnostic needs it."""
        return self.src.at() if self.src else None

    def get(self, lang: str, fallback: str | None = None) -> str:
        for code, text in self.values:
            if code == lang:
                return text
        if fallback is not None and fallback != lang:
            return self.get(fallback)
        return self.values[0][1] if self.values else ""

    @property
    def langs(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.values)

    def __str__(self) -> str:
        return self.values[0][1] if self.values else ""


@quick_init
@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: Text
    parent: str | None
    head: str | None
    external: bool
    description: Text | None
    src: Src = field(compare=False, repr=False)
    party: bool = False  # outside the company (customers, suppliers), unlike ``external``


@quick_init
@dataclass(frozen=True, slots=True)
class Duty:
    """A duty as written on a role or in a shared block; ``owner`` is that role or block."""

    id: str
    owner: str
    title: Text
    tasks: tuple[Text, ...]
    frequency: str | None
    deliverables: tuple[Text, ...]
    kpis: tuple[str, ...]
    collaborates: tuple[str, ...]
    accountable: tuple[str, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]
    src: Src = field(compare=False, repr=False)

    @property
    def ref(self) -> str:
        """``ROLE.DUTY`` or ``BLOCK.DUTY``."""
        return f"{self.owner}.{self.id}"


@quick_init
@dataclass(frozen=True, slots=True)
class DutyBlock:
    id: str
    title: Text
    duties: tuple[Duty, ...]
    waivers: tuple[Waiver, ...]
    src: Src = field(compare=False, repr=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Target:
    """A parsed KPI target: ``>= 85%`` is Target('>=', 85.0, '%')."""

    comparator: str | None  # None: "at least" or "at most", by the KPI's direction
    value: float
    unit: str

    def __str__(self) -> str:
        number = f"{self.value:g}"
        comparator = f"{self.comparator} " if self.comparator else ""
        space = "" if self.unit in ("%", "") else " "
        return f"{comparator}{number}{space}{self.unit}"


@quick_init
@dataclass(frozen=True, slots=True)
class KpiTarget:
    kpi: str
    text: str  # as written
    target: Target | None  # None when it cannot be parsed (KPI001)
    weight: float | None  # percent
    src: Src = field(compare=False, repr=False)


@quick_init
@dataclass(frozen=True, slots=True)
class Kpi:
    id: str
    name: Text
    definition: Text | None
    unit: str
    direction: str  # higher-is-better | lower-is-better
    period: str | None
    source: Text | None
    src: Src = field(compare=False, repr=False)
    bounds: tuple[float, float] | None = None  # the catalogue's `range`, as written

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher-is-better"

    @property
    def possible(self) -> tuple[float, float] | None:
        """The values the KPI can take: its `range`, or 0–100 for a percentage."""
        if self.bounds is not None:
            return self.bounds
        return (0.0, 100.0) if self.unit == "%" else None


@quick_init
@dataclass(frozen=True, slots=True)
class Authority:
    type: str
    scope: Text
    limit: Text | None


@quick_init
@dataclass(frozen=True, slots=True)
class Qualifications:
    education: str | None = None
    majors: tuple[Text, ...] = ()
    experience_years: float | None = None
    experience_in: Text | None = None
    certifications: tuple[Text, ...] = ()
    skills: tuple[Text, ...] = ()
    competencies: tuple[Text, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class Role:
    id: str
    title: Text
    unit: str | None
    reports_to: str | None
    dotted_to: tuple[str, ...]
    headcount: int
    grade: str | None
    family: str | None
    purpose: Text | None
    includes: tuple[str, ...]
    duties: tuple[Duty, ...]  # written on the role itself; see Org.duties_of for all
    kpis: tuple[KpiTarget, ...]
    qualifications: Qualifications
    authority: tuple[Authority, ...]
    escalates_to: str | None  # as written; Org.escalation_of applies the default
    career_next: tuple[str, ...]
    environment: Text | None
    waivers: tuple[Waiver, ...]
    src: Src = field(compare=False, repr=False)
    code: str | None = None  # 职位编号, shown instead of the id in documents
    category: Text | None = None  # 职位分类
    location: Text | None = None
    hours: Text | None = None  # 工作时间
    accountabilities: tuple[Text, ...] = ()  # 责任
    challenges: tuple[Text, ...] = ()  # 工作难点
    training: tuple[Text, ...] = ()  # 所受培训
    physical: Text | None = None  # 体质条件
    reports_to_external: Text | None = None  # the top role's supervisor outside the organisation

    @property
    def staffed(self) -> bool:
        return self.headcount > 0

    @property
    def top(self) -> bool:
        """The top role: its file writes no ``reports_to`` (one the schema rejected is no top)."""
        data = self.src.doc.data
        return self.reports_to is None and not (isinstance(data, dict) and "reports_to" in data)

    @property
    def subject(self) -> Subject:
        return Subject("role", self.id)


@quick_init
@dataclass(frozen=True, slots=True)
class Step:
    id: str
    process: str
    title: Text
    description: Text | None
    responsible: tuple[str, ...]
    # as written: ids, or relative parties such as "@supervisor" (model/relative.py resolves them
    # per Responsible role); Process.accountable_for applies the owner
    accountable: tuple[str, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]
    sla: str | None
    next: tuple[str, ...]
    src: Src = field(compare=False, repr=False)

    @property
    def ref(self) -> str:
        return f"{self.process}.{self.id}"


@quick_init
@dataclass(frozen=True, slots=True)
class Process:
    id: str
    title: Text
    description: Text | None
    owner: str | None
    steps: tuple[Step, ...]
    waivers: tuple[Waiver, ...]
    src: Src = field(compare=False, repr=False)

    def accountable_for(self, step: Step) -> tuple[str, ...]:
        if step.accountable:
            return step.accountable
        return (self.owner,) if self.owner else ()


@quick_init
@dataclass(frozen=True, slots=True)
class Section:
    title: Text
    body: Text


@quick_init
@dataclass(frozen=True, slots=True)
class Policy:
    id: str
    title: Text
    owner: str | None
    applies_to: tuple[str, ...]
    effective: date | None
    review_by: date | None
    refers_to: tuple[str, ...]
    sections: tuple[Section, ...]
    waivers: tuple[Waiver, ...]
    src: Src = field(compare=False, repr=False)
    number: str | None = None  # the document number, as written
    approver: Text | None = None


_TABLES = {
    "role": "roles",
    "unit": "units",
    "process": "processes",
    "kpi": "kpis",
    "block": "blocks",
    "policy": "policies",
}  # kind -> the Org's table of that kind


@dataclass(frozen=True)
class Org:
    """The whole organisation. Collections keep file order; lookups are by id."""

    id: str
    name: Text
    version: str | None
    description: Text | None
    languages: tuple[str, ...]
    units: Mapping[str, Unit]
    roles: Mapping[str, Role]
    blocks: Mapping[str, DutyBlock]
    kpis: Mapping[str, Kpi]
    processes: Mapping[str, Process]
    policies: Mapping[str, Policy]
    # ids of spec files that could not be read: references to them are not reported again
    unreadable: frozenset[str] = frozenset()
    src: Src | None = field(default=None, compare=False, repr=False)
    families: Mapping[str, Text] = field(default_factory=dict)  # 职族: id -> name

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def duties_of(self, role: Role) -> tuple[Duty, ...]:
        """Every duty a role holds: its own, then those of the blocks it includes."""
        included = tuple(
            duty
            for block_id in role.includes
            if block_id in self.blocks
            for duty in self.blocks[block_id].duties
        )
        return role.duties + included

    def escalation_of(self, role: Role) -> str | None:
        return role.escalates_to or role.reports_to

    def waivers(self) -> Iterator[Waiver]:
        for group in (self.roles, self.blocks, self.processes, self.policies):
            for entity in group.values():
                yield from entity.waivers

    def known(self, ref: str, *kinds: str) -> bool:
        """Whether ``ref`` names an entity of one of ``kinds`` (role, unit, process, kpi)."""
        if ref in self.unreadable:
            return True
        if "unit" in kinds and self.src is None and "org" in self.unreadable:
            return True  # specs/org.yaml could not be read: its units are unknown, not missing
        return any(ref in getattr(self, _TABLES[kind]) for kind in kinds)
