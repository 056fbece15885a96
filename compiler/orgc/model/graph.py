"""OrgGraph: reporting lines, dotted lines and the unit tree, with domain verbs.

The graph holds ids only. Its lines are plain dictionaries (``_Lines``): every check makes
one, and networkx, which took 80 ms to import and 35 ms to fill at 10,000 roles, is
imported only to list the loops of a unit tree that has some. Nothing outside this module
touches networkx.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from .entities import Org, Role


class _Lines:
    """Directed edges between ids, as networkx's ``DiGraph`` keeps them: each node's successors
    and predecessors in the order their edges were added, an edge added twice kept once."""

    def __init__(self) -> None:
        self.succ: dict[str, dict[str, None]] = {}
        self.pred: dict[str, dict[str, None]] = {}

    def add_nodes_from(self, nodes: Iterable[str]) -> None:
        for node in nodes:
            if node not in self.succ:
                self.succ[node] = {}
                self.pred[node] = {}

    def add_edge(self, upper: str, lower: str) -> None:
        succ, pred = self.succ, self.pred
        if upper not in succ:
            succ[upper], pred[upper] = {}, {}
        if lower not in succ:
            succ[lower], pred[lower] = {}, {}
        succ[upper][lower] = None
        pred[lower][upper] = None

    def __contains__(self, node: object) -> bool:
        return node in self.succ

    def successors(self, node: str) -> Iterator[str]:
        return iter(self.succ[node])  # KeyError for a node not in the graph, as networkx raises

    def predecessors(self, node: str) -> Iterator[str]:
        return iter(self.pred[node])

    def has_edge(self, upper: str, lower: str) -> bool:
        return lower in self.succ.get(upper, ())

    def descendants(self, node: str) -> set[str]:
        """Every node reachable from ``node``, not itself (``networkx.descendants``)."""
        found: set[str] = set()
        stack = list(self.succ[node])
        while stack:
            current = stack.pop()
            if current not in found and current != node:
                found.add(current)
                stack.extend(self.succ[current])
        return found


class OrgGraph:
    """Edges point from a supervisor (or parent unit) to whoever reports to it."""

    def __init__(self, org: Org) -> None:
        self.org = org
        self._reporting = _Lines()
        self._dotted = _Lines()
        self._units = _Lines()
        self._reporting.add_nodes_from(org.roles)
        for role in org.roles.values():
            if role.reports_to in org.roles:
                self._reporting.add_edge(role.reports_to, role.id)
            for other in role.dotted_to:
                if other in org.roles:
                    self._dotted.add_edge(other, role.id)
        self._units.add_nodes_from(org.units)
        for unit in org.units.values():
            if unit.parent in org.units:
                self._units.add_edge(unit.parent, unit.id)
        self._chains: dict[str, tuple[str, ...]] = {}  # chain_of_command, asked for again and again
        self._order = self._chart_order()

    # -- reporting lines --------------------------------------------------------------------

    def supervisor(self, role_id: str) -> str | None:
        for found in self._reporting.pred[role_id]:  # the one, if any
            return found
        return None

    def direct_reports(self, role_id: str) -> tuple[str, ...]:
        """In org-chart order."""
        return self._sorted(self._reporting.successors(role_id))

    def dotted_reports(self, role_id: str) -> tuple[str, ...]:
        if role_id not in self._dotted:
            return ()
        return self._sorted(self._dotted.successors(role_id))

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
        return frozenset(self._reporting.descendants(role_id))

    def reporting_cycles(self) -> list[tuple[str, ...]]:
        """Each reporting loop once, starting from its smallest id, in its reporting order."""
        cycles = []
        state: dict[str, int] = {}  # 1: on the current walk, 2: finished
        for start in sorted(self.org.roles):
            walk: list[str] = []
            node: str | None = start
            while node is not None and node not in state:
                state[node] = 1
                walk.append(node)
                node = self.supervisor(node)
            if node is not None and state[node] == 1:
                loop = walk[walk.index(node) :]
                first = loop.index(min(loop))
                cycles.append(tuple(loop[first:] + loop[:first]))
            for visited in walk:
                state[visited] = 2
        return cycles

    def layer(self, role_id: str) -> int:
        """1 for a top role, 2 for its reports, and so on."""
        return len(self.chain_of_command(role_id)) + 1

    # -- units -------------------------------------------------------------------------------

    def unit_ancestors(self, unit_id: str) -> tuple[str, ...]:
        """Parent, grandparent, … (stops before repeating in a cycle)."""
        chain: list[str] = []
        current = next(iter(self._units.predecessors(unit_id)), None) if unit_id in self._units else None
        while current is not None and current not in chain and current != unit_id:
            chain.append(current)
            current = next(iter(self._units.predecessors(current)), None)
        return tuple(chain)

    def unit_within(self, unit_id: str, ancestor: str) -> bool:
        return unit_id == ancestor or ancestor in self.unit_ancestors(unit_id)

    def unit_children(self, unit_id: str) -> tuple[str, ...]:
        return tuple(u for u in self.org.units if self._units.has_edge(unit_id, u))

    def unit_cycles(self) -> list[tuple[str, ...]]:
        """Each unit loop once, starting from its smallest id (networkx starts anywhere)."""
        if not self._units_loop():
            return []
        import networkx as nx  # a unit tree with a loop is rare: networkx lists them as it always has

        units = nx.DiGraph()
        units.add_nodes_from(self._units.succ)
        units.add_edges_from(
            (upper, lower) for upper in self._units.succ for lower in self._units.succ[upper]
        )
        cycles = []
        for cycle in nx.simple_cycles(units):
            first = cycle.index(min(cycle))
            cycles.append(tuple(cycle[first:] + cycle[:first]))
        return sorted(cycles)

    def _units_loop(self) -> bool:
        """Whether going up from some unit, parent after parent, comes back to a unit passed."""
        state: dict[str, int] = {}  # 1: on the current walk, 2: finished
        for start in self._units.succ:
            walk: list[str] = []
            node: str | None = start
            while node is not None and node not in state:
                state[node] = 1
                walk.append(node)
                node = next(self._units.predecessors(node), None)
            if node is not None and state[node] == 1:
                return True
            for visited in walk:
                state[visited] = 2
        return False

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
                children = sorted(self._reporting.successors(node), key=position.__getitem__)
                stack.extend(reversed(children))

        for role_id in self.org.roles:
            if not self._reporting.pred[role_id]:
                visit(role_id)
        for role_id in self.org.roles:  # roles caught in cycles
            visit(role_id)
        self._position = {role_id: i for i, role_id in enumerate(order)}
        return tuple(order)

    def _sorted(self, ids: Iterator[str]) -> tuple[str, ...]:
        return tuple(sorted(ids, key=self._position.__getitem__))

    def roles(self) -> Iterator[Role]:
        for role_id in self._order:
            yield self.org.roles[role_id]
