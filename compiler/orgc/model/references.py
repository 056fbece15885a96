"""Where ids are written: every place in a spec document that refers to another entity, and what it may name.

The schemas type these places as ids (`tests/model/test_references.py` holds the two
together); the model stage reads them into the entities' reference fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..load.yaml_doc import Path

ANY_INDEX = "#"  # in a pattern: any item of a list

Pattern = tuple[str, ...]

_ROLE, _UNIT, _PARTY = ("role",), ("unit",), ("role", "unit")

_DUTY: tuple[tuple[Pattern, tuple[str, ...]], ...] = (
    (("kpis", "#"), ("kpi",)),
    (("collaborates", "#"), _PARTY),
    (("accountable",), _ROLE),
    (("accountable", "#"), _ROLE),
    (("consulted", "#"), _PARTY),
    (("informed", "#"), _PARTY),
)

# Per kind of document: (path pattern, the kinds of entity an id there may name).
PATTERNS: dict[str, tuple[tuple[Pattern, tuple[str, ...]], ...]] = {
    "org": (
        (("units", "#", "parent"), _UNIT),
        (("units", "#", "head"), _ROLE),
    ),
    "role": (
        (("unit",), _UNIT),
        (("reports_to",), _ROLE),
        (("dotted_to", "#"), _ROLE),
        (("include", "#"), ("block",)),
        *((("duties", "#", *pattern), kinds) for pattern, kinds in _DUTY),
        (("kpis", "#", "kpi"), ("kpi",)),
        (("escalates_to",), _ROLE),
        (("career", "next", "#"), _ROLE),
    ),
    "duties": tuple((("duties", "#", *pattern), kinds) for pattern, kinds in _DUTY),
    "process": (
        (("owner",), _ROLE),
        (("steps", "#", "responsible", "#"), _ROLE),
        (("steps", "#", "accountable"), _ROLE),
        (("steps", "#", "accountable", "#"), _ROLE),
        (("steps", "#", "consulted", "#"), _PARTY),
        (("steps", "#", "informed", "#"), _PARTY),
        (("steps", "#", "next", "#"), ("step",)),  # a step of the same process
    ),
    "policy": (
        (("owner",), _ROLE),
        (("applies_to", "#"), ("unit", "role")),
        (("refers_to", "#"), ("process",)),
    ),
}


@dataclass(frozen=True)
class Reference:
    """A text written where an id is expected: where, what, and the kinds of entity it may name."""

    path: Path
    text: str
    kinds: tuple[str, ...]


def references(kind: str, data: Any) -> Iterator[Reference]:
    """Every text written where a document of ``kind`` expects an id."""
    for pattern, kinds in PATTERNS.get(kind, ()):
        for path, value in _walk(data, pattern, ()):
            if isinstance(value, str):
                yield Reference(path, value, kinds)


def _walk(data: Any, pattern: Pattern, path: Path) -> Iterator[tuple[Path, Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == ANY_INDEX:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _walk(item, rest, (*path, index))
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, (*path, head))
