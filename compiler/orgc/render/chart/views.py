"""The org chart of a split organisation (``render.volumes``): an overview of the top, and one
chart per top-level unit.

The overview draws the roles of the whole-organisation volume and the top roles of each
top-level unit (those whose supervisor is outside it), with the chain of command above
them where it runs through another unit; a role with roles below it that the overview
leaves out shows ``▸ N`` (N roles), which are drawn in its unit's own chart. A unit's
chart draws its roles only, the unit's top roles at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..volumes import Volumes
from .layout import ChartNode


def unit_nodes(nodes: Sequence[ChartNode], roles: Sequence[str]) -> tuple[ChartNode, ...]:
    """The chart of one unit: the nodes of ``roles``, each under its supervisor where that is one of them."""
    keep = set(roles)
    return tuple(_within(n, keep) for n in nodes if n.id in keep)


def overview_nodes(nodes: Sequence[ChartNode], split: Volumes) -> tuple[ChartNode, ...]:
    """The top of the organisation: the nodes of the whole-organisation volume, the top roles of
    each top-level unit and the chain of command above them; each shown role of a unit marked with
    how many of the unit's roles below it are left to the unit's own chart."""
    home = {role: part.unit for part in split.parts for role in part.roles}
    by_id = {n.id: n for n in nodes}
    shown: set[str] = set()
    for n in nodes:
        if n.id in home and home.get(n.parent or "") == home[n.id]:
            continue  # below a role of its own unit
        current: str | None = n.id
        while current is not None and current in by_id and current not in shown:
            shown.add(current)  # the node, and the supervisors up to one already shown
            parent = by_id[current].parent
            current = parent if parent != current else None
    hidden = dict.fromkeys(shown, 0)
    nearest: dict[str, str] = {}  # a hidden role -> the shown role it is counted under
    for n in nodes:  # chart order: a supervisor before its reports
        if n.id in shown or n.parent is None:
            continue
        holder = n.parent if n.parent in shown else nearest.get(n.parent)
        if holder is not None:
            nearest[n.id] = holder
            hidden[holder] += 1
    return tuple(_marked(_within(n, shown), hidden[n.id]) for n in nodes if n.id in shown)


def _within(node: ChartNode, keep: set[str]) -> ChartNode:
    """``node`` with its supervisor and dotted lines only where they are drawn too."""
    parent = node.parent if node.parent in keep else None
    dotted = tuple(d for d in node.dotted_to if d in keep)
    if parent == node.parent and dotted == node.dotted_to:
        return node
    return replace(node, parent=parent, dotted_to=dotted)


def _marked(node: ChartNode, hidden: int) -> ChartNode:
    if not hidden:
        return node
    mark = f"▸ {hidden}"
    return replace(node, note=f"{node.note} · {mark}" if node.note else mark)
