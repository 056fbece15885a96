"""The counts: per position and per unit (a unit with its sub-units), 编制, 在岗, 空编 and 超编.

A position's 空编 is what its 在岗 falls short of its 编制, its 超编 what it goes beyond; a unit's
are the sums of its positions', so that a vacancy in one team is not hidden by a surplus in another.
People in a closed position (编制 0) count in it, as 超编.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..model.entities import Org
from .match import Placement


@dataclass(frozen=True)
class Counts:
    headcount: int  # 编制
    filled: Decimal  # 在岗, in FTE
    vacant: Decimal  # 空编
    over: Decimal  # 超编

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.headcount + other.headcount,
            self.filled + other.filled,
            self.vacant + other.vacant,
            self.over + other.over,
        )


NONE = Counts(0, Decimal(0), Decimal(0), Decimal(0))


@dataclass(frozen=True)
class PositionCount:
    role: str
    counts: Counts
    supervisor_vacant: str | None  # the role it reports to, when nobody holds that one


@dataclass(frozen=True)
class UnitCount:
    unit: str
    depth: int  # 0 for a unit without a parent
    counts: Counts


@dataclass(frozen=True)
class Staffing:
    positions: tuple[PositionCount, ...]
    units: tuple[UnitCount, ...]
    total: Counts
    placements: tuple[Placement, ...]

    @property
    def problems(self) -> tuple[Placement, ...]:
        return tuple(p for p in self.placements if p.problem is not None)

    @property
    def placed(self) -> int:
        return sum(1 for p in self.placements if p.problem is None)


def count(org: Org, placements: tuple[Placement, ...]) -> Staffing:
    filled: dict[str, Decimal] = defaultdict(Decimal)
    for placement in placements:
        if placement.role is not None and placement.person.fte is not None:
            filled[placement.role] += placement.person.fte
    positions = []
    by_unit: dict[str | None, Counts] = defaultdict(lambda: NONE)
    for role in org.roles.values():
        held = filled[role.id]
        gap = role.headcount - held
        counts = Counts(role.headcount, held, max(gap, Decimal(0)), max(-gap, Decimal(0)))
        boss = role.reports_to
        vacant_boss = boss if boss in org.roles and role.headcount > 0 and not filled[boss] else None
        positions.append(PositionCount(role.id, counts, vacant_boss))
        by_unit[role.unit] += counts
    total = sum((p.counts for p in positions), NONE)
    return Staffing(tuple(positions), _units(org, by_unit), total, placements)


def _units(org: Org, own: dict[str | None, Counts]) -> tuple[UnitCount, ...]:
    """Every unit with the counts of its positions and its sub-units', as a tree in file order."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for unit in org.units.values():
        parent = unit.parent if unit.parent in org.units and unit.parent != unit.id else None
        children[parent].append(unit.id)
    rows: list[UnitCount] = []
    seen: set[str] = set()

    def visit(unit: str, depth: int) -> Counts:
        seen.add(unit)
        index = len(rows)
        rows.append(UnitCount(unit, depth, NONE))
        counts = own[unit]
        for child in children[unit]:
            if child not in seen:  # a cycle of parents is the checker's to report
                counts += visit(child, depth + 1)
        rows[index] = UnitCount(unit, depth, counts)
        return counts

    for top in children[None]:
        visit(top, 0)
    for unit in org.units:  # units in a cycle of parents, not reached from the top
        if unit not in seen:
            visit(unit, 0)
    return tuple(rows)
