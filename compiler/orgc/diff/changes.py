"""What changed between two organisations, as frozen values: one entry per change, sorted by id.

Texts stay ``Text`` (every language); the Markdown and JSON writers pick the language.
Every entry has a ``kind`` (``role-added``, ``raci-cell``, ``kpi-target-tightened`` …), the
key the JSON output and the summary line count by.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date

from ..model.entities import Text


@dataclass(frozen=True)
class Name:
    """An entity as shown: its id and, when known, its title."""

    id: str
    title: Text | None = None


@dataclass(frozen=True)
class Term:
    """An enumerated value (``associate``, ``monthly``), shown in the reader's language."""

    code: str


Shown = Text | Term | str  # a value as it appears in a before/after column


# -- roles ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleAdded:
    role: Name
    unit: Name | None
    reports_to: Name | None
    headcount: int
    grade: str | None
    kind = "role-added"


@dataclass(frozen=True)
class RoleRemoved:
    role: Name
    unit: Name | None
    reports_to: Name | None
    headcount: int
    grade: str | None
    kind = "role-removed"


@dataclass(frozen=True)
class RoleRenamed:
    """A role file renamed: the id changed, the content is (nearly) the same."""

    before: str
    role: Name  # the new id and title
    similarity: float  # 0..1, of the role's content without its id
    kind = "role-renamed"


@dataclass(frozen=True)
class RoleRetitled:
    role: Name
    before: Text
    after: Text
    kind = "role-retitled"


@dataclass(frozen=True)
class RoleMoved:
    """A new supervisor (``reports_to``), a new unit, or both."""

    role: Name
    supervisor_before: Name | None
    supervisor_after: Name | None
    unit_before: Name | None
    unit_after: Name | None
    kind = "role-moved"


@dataclass(frozen=True)
class HeadcountChanged:
    role: Name
    before: int
    after: int
    kind = "role-headcount"


@dataclass(frozen=True)
class GradeChanged:
    role: Name
    before: str | None
    after: str | None
    kind = "role-grade"


@dataclass(frozen=True)
class RoleChanged:
    """Fields of a role no other entry covers: purpose, authority, career, waivers …"""

    role: Name
    fields: tuple[str, ...]
    kind = "role-changed"


@dataclass(frozen=True)
class UnitTotal:
    """A unit's headcount, its sub-units' roles included; None where the unit does not exist."""

    unit: Name
    before: int | None
    after: int | None


# -- duties and the responsibility matrix ---------------------------------------------------------


@dataclass(frozen=True)
class DutyAdded:
    ref: str  # ROLE.DUTY or BLOCK.DUTY
    owner: Name
    title: Text
    kind = "duty-added"


@dataclass(frozen=True)
class DutyRemoved:
    ref: str
    owner: Name
    title: Text
    kind = "duty-removed"


@dataclass(frozen=True)
class DutyChanged:
    """``fields`` holds ``title`` when the duty was reworded, and any other field that changed."""

    ref: str
    owner: Name
    before: Text
    after: Text
    fields: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "duty-reworded" if "title" in self.fields else "duty-changed"


@dataclass(frozen=True)
class RaciCell:
    """One cell of the responsibility matrix; letters combined (``A/R``), "" for no part."""

    row: Name  # ROLE.DUTY, BLOCK.DUTY or PROCESS.STEP, with the duty's or step's title
    party: Name  # a role, or a unit given C or I
    before: str
    after: str
    owner: Name  # the role, shared block or process the row belongs to
    kind = "raci-cell"


# -- KPI targets and qualifications ---------------------------------------------------------------

VERDICTS = ("tightened", "loosened", "changed", "reweighted", "added", "removed")


@dataclass(frozen=True)
class TargetChanged:
    """A role's target for one KPI; ``verdict`` is one of VERDICTS."""

    role: Name
    kpi: Name
    verdict: str
    before: str | None  # the target as written
    after: str | None
    weight_before: float | None
    weight_after: float | None

    @property
    def kind(self) -> str:
        return f"kpi-target-{self.verdict}"


@dataclass(frozen=True)
class QualificationChanged:
    """One field of a role's 任职资格: the values it no longer has, and the new ones."""

    role: Name
    field: str  # education | majors | experience_years | experience_in | certifications | …
    removed: tuple[Shown, ...]
    added: tuple[Shown, ...]
    kind = "qualification"


# -- policies -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyAdded:
    policy: Name
    review_by: date | None
    kind = "policy-added"


@dataclass(frozen=True)
class PolicyRemoved:
    policy: Name
    review_by: date | None
    kind = "policy-removed"


@dataclass(frozen=True)
class PolicyChanged:
    policy: Name
    fields: tuple[str, ...]
    review_by_before: date | None
    review_by_after: date | None
    kind = "policy-changed"


@dataclass(frozen=True)
class PolicyPastReview:
    """A policy this change adds or edits whose ``review_by`` is before the diff's today."""

    policy: Name
    review_by: date
    kind = "policy-past-review"


# -- everything else ------------------------------------------------------------------------------

OTHER_KINDS = ("org", "unit", "kpi", "block", "process")


@dataclass(frozen=True)
class OtherChange:
    """A unit, KPI of the catalogue, shared duty block, process, or the organisation itself."""

    subject: str  # one of OTHER_KINDS
    item: Name
    change: str  # added | removed | changed
    fields: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return f"{self.subject}-{self.change}"


Entry = (
    RoleAdded
    | RoleRemoved
    | RoleRenamed
    | RoleRetitled
    | RoleMoved
    | HeadcountChanged
    | GradeChanged
    | RoleChanged
    | DutyAdded
    | DutyRemoved
    | DutyChanged
    | RaciCell
    | TargetChanged
    | QualificationChanged
    | PolicyAdded
    | PolicyRemoved
    | PolicyChanged
    | PolicyPastReview
    | OtherChange
)

# The sections of a diff, in the order they are shown; each holds entries of these kinds.
SECTIONS = ("roles", "headcount", "duties", "raci", "targets", "qualifications", "policies", "other")


@dataclass(frozen=True)
class OrgChanges:
    """Every change, section by section; each section sorted by id."""

    roles: tuple[RoleAdded | RoleRemoved | RoleRenamed | RoleRetitled | RoleMoved | RoleChanged, ...] = ()
    headcount: tuple[HeadcountChanged | GradeChanged, ...] = ()
    duties: tuple[DutyAdded | DutyRemoved | DutyChanged, ...] = ()
    raci: tuple[RaciCell, ...] = ()
    targets: tuple[TargetChanged, ...] = ()
    qualifications: tuple[QualificationChanged, ...] = ()
    policies: tuple[PolicyAdded | PolicyRemoved | PolicyChanged | PolicyPastReview, ...] = ()
    other: tuple[OtherChange, ...] = ()
    # Derived, not changes of their own: headcount per unit where it changed, and in all.
    unit_totals: tuple[UnitTotal, ...] = ()
    total_before: int = 0
    total_after: int = 0

    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for f in fields(self) if f.name in SECTIONS for e in getattr(self, f.name))

    def counts(self) -> Counter[str]:
        """How many entries of each kind."""
        return Counter(entry.kind for entry in self.entries())

    @property
    def empty(self) -> bool:
        return not self.entries()
