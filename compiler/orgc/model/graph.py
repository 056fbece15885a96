"""OrgGraph: reporting lines, dotted lines and the unit tree, with domain verbs.

The graph holds ids only. A role has at most one supervisor and a unit at most one parent,
so each is a map to the one above and lists of those below: no graph library is needed
(networkx took a tenth of a second to import on every check).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property

from .entities import Org, Role


class OrgGraph:
    """Edges point from a supervisor (or parent unit) to whoever reports to it."""

    def __init__(self, org: Org) -> None:
        self.org = org
        roles, units = org.roles, org.units
        self._supervisor = {r.id: r.reports_to for r in roles.values() if r.reports_to in roles}
        self._reports: dict[str, list[str]] = {}
        for role_id, boss in self._supervisor.items():
            self._reports.setdefault(boss, []).append(role_id)  # type: ignore[arg-type]
        self._dotted: dict[str, list[str]] = {}
        for role in roles.values():
            for other in dict.fromkeys(role.dotted_to):
                if other in roles:
                    self._dotted.setdefault(other, []).append(role.id)
        self._parent = {u.id: u.parent for u in units.values() if u.parent in units}
        self._chains: dict[str, tuple[str, ...]] = {}  # chain_of_command, asked for again and again
        self._order = self._chart_order()

    # -- reporting lines --------------------------------------------------------------------

    def supervisor(self, role_id: str) -> str | None:
        return self._supervisor.get(role_id)

    def direct_reports(self, role_id: str) -> tuple[str, ...]:
        """In org-chart order."""
        return self._sorted(self._reports.get(role_id, ()))

    def dotted_reports(self, role_id: str) -> tuple[str, ...]:
        return self._sorted(self._dotted.get(role_id, ()))

    def chain_of_command(self, role_id: str) -> tuple[str, ...]:
        """Supervisors from the direct one up to the top (stops before repeating in a cycle)."""
        found = self._chains.get(role_id)
        if found is not None:
            return found
        # the roles from this one up to the first whose chain is known: theirs are worked out
        # from the top down, each from its supervisor's
        below: list[str] = []
        node: str | None = role_id
        while node is not None and node not in self._chains and node not in below:
            below.append(node)
            node = self.supervisor(node)
        for lower in reversed(below):
            boss = self.supervisor(lower)
            above = self._chains.get(boss) if boss is not None else ()
            if boss is None:
                chain: tuple[str, ...] = ()
            elif above is not None and boss != lower and lower not in above:
                chain = (boss, *above)  # the same walk, one step longer
            else:  # in a loop: walked to where it repeats
                chain = self._chain_of_command(lower)
            self._chains[lower] = chain
        return self._chains[role_id]

    def _chain_of_command(self, role_id: str) -> tuple[str, ...]:
        chain: list[str] = []
        seen = {role_id}
        current = self.supervisor(role_id)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.supervisor(current)
        return tuple(chain)

    def is_above(self, upper: str, role_id: str) -> bool:
        return upper in self.chain_of_command(role_id)

    def subordinates(self, role_id: str) -> frozenset[str]:
        """Everyone below a role, directly or not."""
        found: set[str] = set()
        waiting = [role_id]
        while waiting:
            for report in self._reports.get(waiting.pop(), ()):
                if report not in found:
                    found.add(report)
                    waiting.append(report)
        found.discard(role_id)  # in a reporting loop
        return frozenset(found)

    def reporting_cycles(self) -> list[tuple[str, ...]]:
        """Each reporting loop once, starting from its smallest id, in its reporting order."""
        return _loops(sorted(self.org.roles), self._supervisor)

    def layer(self, role_id: str) -> int:
        """1 for a top role, 2 for its reports, and so on."""
        return len(self.chain_of_command(role_id)) + 1

    # -- units -------------------------------------------------------------------------------

    def unit_ancestors(self, unit_id: str) -> tuple[str, ...]:
        """Parent, grandparent, … (stops before repeating in a cycle)."""
        chain: list[str] = []
        current = self._parent.get(unit_id)
        while current is not None and current not in chain and current != unit_id:
            chain.append(current)
            current = self._parent.get(current)
        return tuple(chain)

    def unit_within(self, unit_id: str, ancestor: str) -> bool:
        return unit_id == ancestor or ancestor in self.unit_ancestors(unit_id)

    def unit_children(self, unit_id: str) -> tuple[str, ...]:
        return tuple(u for u in self.org.units if self._parent.get(u) == unit_id)

    def unit_cycles(self) -> list[tuple[str, ...]]:
        """Each unit loop once, starting from its smallest id, from each unit to one it holds."""
        loops = _loops(sorted(self.org.units), self._parent)
        return sorted(loop[:1] + loop[:0:-1] for loop in loops)

    def roles_in_unit(self, unit_id: str) -> tuple[str, ...]:
        """Roles whose unit is this unit or below it, in org-chart order."""
        return self._roles_below.get(unit_id, ())

    def roles_of_unit(self, unit_id: str) -> tuple[str, ...]:
        """Roles whose unit is exactly this unit, in org-chart order."""
        return self._roles_of.get(unit_id, ())

    @cached_property
    def _roles_of(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for role_id in self._order:
            unit = self.org.roles[role_id].unit
            if unit:
                found.setdefault(unit, []).append(role_id)
        return {unit: tuple(roles) for unit, roles in found.items()}

    @cached_property
    def _roles_below(self) -> dict[str, tuple[str, ...]]:
        """unit -> the roles in it or below it; one walk up the units per role, not per unit and role."""
        found: dict[str, list[str]] = {}
        ancestors: dict[str, tuple[str, ...]] = {}
        for role_id in self._order:
            unit = self.org.roles[role_id].unit
            if not unit:
                continue
            if unit not in ancestors:
                ancestors[unit] = (unit, *self.unit_ancestors(unit))
            for holder in ancestors[unit]:
                found.setdefault(holder, []).append(role_id)
        return {unit: tuple(roles) for unit, roles in found.items()}

    # -- order -------------------------------------------------------------------------------

    @property
    def chart_order(self) -> tuple[str, ...]:
        """Every role: top first, then depth-first by the order the files are read."""
        return self._order

    def _chart_order(self) -> tuple[str, ...]:
        position = {role_id: i for i, role_id in enumerate(self.org.roles)}
        order: list[str] = []
        seen: set[str] = set()

        def visit(root: str) -> None:
            stack = [root]
            while stack:
                node = stack.pop()
                if node in seen:
                    continue
                seen.add(node)
                order.append(node)
                children = sorted(self._reports.get(node, ()), key=position.__getitem__)
                stack.extend(reversed(children))

        for role_id in self.org.roles:
            if role_id not in self._supervisor:
                visit(role_id)
        for role_id in self.org.roles:  # roles caught in cycles
            visit(role_id)
        self._position = {role_id: i for i, role_id in enumerate(order)}
        return tuple(order)

    def _sorted(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=self._position.__getitem__))

    def roles(self) -> Iterator[Role]:
        for role_id in self._order:
            yield self.org.roles[role_id]


def _loops(starts: Iterable[str], above: Mapping[str, str | None]) -> list[tuple[str, ...]]:
    """Each loop of ``above`` (each node to the one above it) once, starting from its smallest
    node and following ``above``."""
    loops = []
    state: dict[str, int] = {}  # 1: on the current walk, 2: finished
    for start in starts:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = above.get(node)
        if node is not None and state[node] == 1:
            loop = walk[walk.index(node) :]
            first = loop.index(min(loop))
            loops.append(tuple(loop[first:] + loop[:first]))
        for visited in walk:
            state[visited] = 2
    return loops
