"""Where every id is defined and where it is referred to, read from the checked documents.

Which field names which kind of entity is written here once, by file kind; a field that
may name a role or a unit (``informed: [cs-center]``) lists both. A document's places
are found again only when its data is not the one last indexed: an edit re-indexes one file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..load.yaml_doc import Document
from ..model.entities import Org

ROLE, UNIT, KPI, BLOCK, PROCESS, POLICY, STEP = "role", "unit", "kpi", "block", "process", "policy", "step"
ROLE_OR_UNIT = (ROLE, UNIT)

# field -> kinds it names, in a duty (of a role or of a block)
_DUTY_FIELDS = {
    "kpis": (KPI,),
    "collaborates": ROLE_OR_UNIT,
    "accountable": (ROLE,),
    "consulted": ROLE_OR_UNIT,
    "informed": ROLE_OR_UNIT,
}
_ROLE_FIELDS = {
    "unit": (UNIT,),
    "reports_to": (ROLE,),
    "dotted_to": (ROLE,),
    "include": (BLOCK,),
    "escalates_to": (ROLE,),
}
_STEP_FIELDS = {
    "responsible": (ROLE,),
    "accountable": (ROLE,),
    "consulted": ROLE_OR_UNIT,
    "informed": ROLE_OR_UNIT,
    "next": (STEP,),
}
_UNIT_FIELDS = {"parent": (UNIT,), "head": (ROLE,)}
_POLICY_FIELDS = {"owner": (ROLE,), "applies_to": ROLE_OR_UNIT, "refers_to": (PROCESS,)}
_OWN_KIND = {"role": ROLE, "duties": BLOCK, "process": PROCESS, "policy": POLICY}


@dataclass(frozen=True)
class Place:
    """An id written in a file: at ``path`` of its data, naming one of ``kinds``."""

    file: str
    path: tuple[str | int, ...]
    id: str
    kinds: tuple[str, ...]
    definition: bool = False
    scope: str = ""  # the process of a step


def places_in(file: str, kind: str, data: Any) -> list[Place]:
    """Every id a document defines or refers to."""
    if not isinstance(data, dict):
        return []
    found: list[Place] = []

    def add(path: tuple[str | int, ...], value: Any, kinds: tuple[str, ...], **extra: Any) -> None:
        for sub, item in _strings(path, value):
            found.append(Place(file, sub, item, kinds, **extra))

    own = _OWN_KIND.get(kind)
    if own:
        add(("id",), data.get("id"), (own,), definition=True)
    if kind == "role":
        for name, kinds in _ROLE_FIELDS.items():
            add((name,), data.get(name), kinds)
        career = data.get("career")
        if isinstance(career, dict):
            add(("career", "next"), career.get("next"), (ROLE,))
        for i, target in _items(data.get("kpis")):
            if isinstance(target, dict):
                add(("kpis", i, "kpi"), target.get("kpi"), (KPI,))
    if kind in ("role", "duties"):
        for i, duty in _items(data.get("duties")):
            if isinstance(duty, dict):
                for name, kinds in _DUTY_FIELDS.items():
                    add(("duties", i, name), duty.get(name), kinds)
    elif kind == "org":
        for i, unit in _items(data.get("units")):
            if isinstance(unit, dict):
                add(("units", i, "id"), unit.get("id"), (UNIT,), definition=True)
                for name, kinds in _UNIT_FIELDS.items():
                    add(("units", i, name), unit.get(name), kinds)
    elif kind == "kpis":
        for i, kpi in _items(data.get("kpis")):
            if isinstance(kpi, dict):
                add(("kpis", i, "id"), kpi.get("id"), (KPI,), definition=True)
    elif kind == "process":
        scope = data.get("id") if isinstance(data.get("id"), str) else ""
        add(("owner",), data.get("owner"), (ROLE,))
        for i, step in _items(data.get("steps")):
            if isinstance(step, dict):
                add(("steps", i, "id"), step.get("id"), (STEP,), definition=True, scope=scope)
                for name, kinds in _STEP_FIELDS.items():
                    add(("steps", i, name), step.get(name), kinds, scope=scope if kinds == (STEP,) else "")
    elif kind == "policy":
        for name, kinds in _POLICY_FIELDS.items():
            add((name,), data.get(name), kinds)
    return found


def _items(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def _strings(path: tuple[str | int, ...], value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str) and value:
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str) and item:
                yield (*path, i), item


@dataclass(frozen=True)
class Symbol:
    kind: str
    id: str
    scope: str = ""


class Index:
    """Places by document, kept while a document's data stays the same object."""

    def __init__(self) -> None:
        self._documents: dict[str, tuple[int, list[Place]]] = {}

    def update(self, documents: dict[str, tuple[str, Document]]) -> None:
        """``documents``: file -> (kind, document) of the last check."""
        for file in list(self._documents):
            if file not in documents:
                del self._documents[file]
        for file, (kind, document) in documents.items():
            cached = self._documents.get(file)
            if cached is None or cached[0] != id(document.data):
                self._documents[file] = (id(document.data), places_in(file, kind, document.data))

    def places(self) -> Iterator[Place]:
        for _, places in self._documents.values():
            yield from places

    def in_file(self, file: str) -> list[Place]:
        cached = self._documents.get(file)
        return cached[1] if cached else []


def symbol_of(place: Place, org: Org) -> Symbol:
    """The entity a place names: the first of its kinds that has the id (the first kind if none)."""
    for kind in place.kinds:
        if _exists(org, kind, place.id, place.scope):
            return Symbol(kind, place.id, place.scope)
    return Symbol(place.kinds[0], place.id, place.scope)


def _exists(org: Org, kind: str, ident: str, scope: str) -> bool:
    if kind == STEP:
        process = org.processes.get(scope)
        return process is not None and any(step.id == ident for step in process.steps)
    table = {
        ROLE: org.roles,
        UNIT: org.units,
        KPI: org.kpis,
        BLOCK: org.blocks,
        PROCESS: org.processes,
        POLICY: org.policies,
    }[kind]
    return ident in table


def documents_of(org: Org) -> dict[str, tuple[str, Document]]:
    """file -> (kind, document) of every document the organisation was built from."""
    found: dict[str, tuple[str, Document]] = {}
    if org.src is not None:
        found[org.src.doc.file] = ("org", org.src.doc)
    for kind, table in (
        ("role", org.roles),
        ("duties", org.blocks),
        ("process", org.processes),
        ("policy", org.policies),
        ("kpis", org.kpis),
    ):
        for entity in table.values():
            doc = entity.src.doc
            found.setdefault(doc.file, (kind, doc))
    return found
