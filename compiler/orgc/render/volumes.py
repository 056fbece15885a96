"""How a large organisation's handbook and org chart are split: a volume per top-level unit.

``orgc.yaml``'s ``handbook: {split: auto | top-units | none}`` decides. ``auto`` (the
default) splits above ``SPLIT_ABOVE`` roles: at a few pages per job description, that
many make a handbook of about a thousand pages, as much as one printed book can hold.

**Top-level units** are the internal units (not ``external``, nor a ``party``) at the
first level of the unit tree that holds more than one unit. An organisation written as
several units without a parent is split by those; one written under a single root unit
(the company, or its division) is split by the units below the root, and below a chain
of single units (集团 → 事业部 → its departments) by the first level with several.
The roles of the units above that level (the leadership and its staff), and roles in no
internal unit, belong to the whole-organisation volume.

Every role belongs to exactly one volume. A top-level unit without roles has no volume.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model.entities import Org
from ..model.graph import OrgGraph

SPLIT_ABOVE = 300  # roles; the ``auto`` setting splits a handbook of more


@dataclass(frozen=True)
class Scope:
    """What one volume holds: its roles in org-chart order and its units in unit-tree order.

    ``unit`` is the volume's top-level unit; None for the whole-organisation volume.
    """

    unit: str | None
    roles: tuple[str, ...]
    units: tuple[str, ...]


@dataclass(frozen=True)
class Volumes:
    """The whole-organisation volume and one volume per top-level unit (that has roles)."""

    whole: Scope
    parts: tuple[Scope, ...]

    def volume_of_unit(self, unit_id: str) -> str | None:
        """The top-level unit whose volume holds ``unit_id``; None: the whole-organisation volume."""
        for part in self.parts:
            if unit_id in part.units:
                return part.unit
        return None


def top_units(org: Org) -> tuple[str, ...]:
    """The top-level units (see the module's docstring), in file order."""

    def internal(unit_id: str) -> bool:
        unit = org.units.get(unit_id)
        return unit is not None and not unit.external  # a party outside the company is external too

    children = unit_children(org)
    level = [u for u in org.units if internal(u) and not internal(org.units[u].parent or "")]
    while len(level) == 1:
        below = [u for u in children.get(level[0], ()) if internal(u)]
        if not below:
            break
        level = below
    return tuple(level)


def should_split(setting: str, roles: int, top: int) -> bool:
    """Whether the handbook is split for ``setting`` (auto, top-units, none), ``roles`` roles and ``top`` top-level units."""
    if setting == "none" or top == 0:
        return False
    return setting == "top-units" or (roles > SPLIT_ABOVE and top > 1)


def volumes(org: Org, graph: OrgGraph, setting: str) -> Volumes | None:
    """The volumes of the handbook under ``setting``; None when it is one book."""
    top = top_units(org)
    if not should_split(setting, len(org.roles), len(top)):
        return None
    parts = []
    taken: set[str] = set()
    for unit_id in top:
        roles = graph.roles_in_unit(unit_id)
        if not roles:
            continue
        units = tuple(unit_tree(org, (unit_id,)))
        parts.append(Scope(unit_id, roles, units))
        taken.update(units)
    whole_roles = tuple(r for r in graph.chart_order if org.roles[r].unit not in taken)
    whole_units = tuple(u for u in org.units if u not in taken)
    return Volumes(Scope(None, whole_roles, whole_units), tuple(parts))


def unit_children(org: Org) -> dict[str, list[str]]:
    """unit -> the units whose parent it is, in file order."""
    children: dict[str, list[str]] = {}
    for unit in org.units.values():
        if unit.parent in org.units and unit.parent != unit.id:
            children.setdefault(unit.parent, []).append(unit.id)
    return children


def unit_tree(org: Org, roots: Sequence[str] | None = None) -> list[str]:
    """Unit ids depth-first from ``roots``, each level in file order; by default from the units
    without a parent, then any left (in a parent cycle, which the checks report)."""
    children = unit_children(org)
    if roots is None:
        roots = [*(u.id for u in org.units.values() if u.parent not in org.units), *org.units]
    order: dict[str, None] = {}
    for root in roots:
        stack = [root]
        while stack:
            unit_id = stack.pop()
            if unit_id in order:
                continue
            order[unit_id] = None
            stack.extend(reversed(children.get(unit_id, ())))
    return list(order)
