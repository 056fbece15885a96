"""Units from the roster's 部门/班组 cells: found among the project's units by name or id, else created once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..i18n import Message, verbatim
from .ids import IdAllocator, base_id, join_id
from .project import KnownUnit
from .text import TextValue, key, text_value


@dataclass(frozen=True)
class NewUnit:
    id: str
    name: TextValue
    parent: str | None
    row: int  # where it first appears


@dataclass
class _Node:
    name: dict[str, str]  # lang -> name
    parent: int | None
    row: int
    id: str | None = None  # set for the project's units, and for new ones by assign_ids
    known: bool = False
    keys: set[str] = field(default_factory=set)


class UnitTable:
    """Every unit of the project and of the roster; rows refer to them by index until ids are given."""

    def __init__(self, known: tuple[KnownUnit, ...], lang: str) -> None:
        self.lang = lang
        self.nodes: list[_Node] = []
        by_id: dict[str, int] = {}
        for unit in known:
            by_id[unit.id] = len(self.nodes)
            self.nodes.append(_Node({}, None, 0, unit.id, True, {key(n) for n in unit.names}))
        for unit in known:
            if unit.parent in by_id:
                self.nodes[by_id[unit.id]].parent = by_id[unit.parent]
        self._by_id = by_id

    def resolve(
        self, parts: list[str], others: Mapping[str, list[str]], row: int
    ) -> tuple[int | None, Message | None]:
        """The unit a 部门 path names (created where missing), or a reason it cannot be told.

        ``others`` holds the same path in other languages, part for part.
        """
        current: int | None = None
        for depth, part in enumerate(parts):
            names = {self.lang: part, **{lang: path[depth] for lang, path in others.items()}}
            pool = range(len(self.nodes)) if current is None else self._children(current)
            wanted_id, wanted_key = part.strip().lower(), key(part)  # once, not once per unit looked at
            found = [i for i in pool if self._matches(i, wanted_id, wanted_key)]
            if current is None and len(found) > 1:
                found = [i for i in found if self.nodes[i].parent is None] or found
            if len(found) > 1:
                choices = tuple(self._describe(i) for i in found)
                return None, Message("import.unit-ambiguous", part=part, units=choices)
            if not found:
                self.nodes.append(_Node(names, current, row, keys={key(n) for n in names.values()}))
                current = len(self.nodes) - 1
                continue
            current = found[0]
            node = self.nodes[current]
            if node.known:
                continue  # the project's own names stay as they are
            for lang, name in names.items():
                if node.name.setdefault(lang, name) != name:
                    return None, Message(
                        "import.unit-named-twice",
                        part=part,
                        before=node.name[lang],
                        lang=lang,
                        row=node.row,
                        name=name,
                    )
                node.keys.add(key(name))
        return current, None

    def assign_ids(self, allocator: IdAllocator) -> None:
        """Ids for the new units, in order of appearance; a name used under several parents is qualified."""
        new = [i for i, n in enumerate(self.nodes) if not n.known]
        bases = {i: base_id(self.name(i), "unit") for i in new}
        parents: dict[str, set[int | None]] = defaultdict(set)
        for i in new:
            parents[bases[i]].add(self.nodes[i].parent)
        for i in new:
            node = self.nodes[i]
            base = bases[i]
            if len(parents[base]) > 1 and node.parent is not None:
                base = join_id(self.id_of(node.parent), base)
            node.id = allocator.allocate(base)

    def id_of(self, index: int) -> str:
        unit_id = self.nodes[index].id
        assert unit_id is not None, "assign_ids() first"
        return unit_id

    def index_of(self, unit_id: str | None) -> int | None:
        return self._by_id.get(unit_id) if unit_id else None

    def ancestors(self, index: int | None) -> list[int]:
        """``index`` and the units above it, nearest first."""
        chain: list[int] = []
        while index is not None and index not in chain:
            chain.append(index)
            index = self.nodes[index].parent
        return chain

    def name(self, index: int) -> str:
        node = self.nodes[index]
        return node.name.get(self.lang) or next(iter(node.name.values()), node.id or "")

    def new_units(self, order: tuple[str, ...]) -> tuple[NewUnit, ...]:
        return tuple(
            NewUnit(
                self.id_of(i),
                text_value(n.name, order),
                self.id_of(n.parent) if n.parent is not None else None,
                n.row,
            )
            for i, n in enumerate(self.nodes)
            if not n.known
        )

    def known_ids(self) -> set[str]:
        return set(self._by_id)

    def _children(self, index: int) -> list[int]:
        return [i for i, n in enumerate(self.nodes) if n.parent == index]

    def _matches(self, index: int, wanted_id: str, wanted_key: str) -> bool:
        node = self.nodes[index]
        return (node.known and node.id == wanted_id) or wanted_key in node.keys

    def _describe(self, index: int) -> Message:
        node = self.nodes[index]
        label = node.id if node.known else self.name(index)
        if node.parent is None:
            return verbatim(label or "")
        return Message("import.unit-under", unit=label, parent=self.name(node.parent))
