"""Schema-directed typing of YAML scalars, and their canonical values.

The loader keeps every scalar as text. Here, where a schema says a value is an
integer, a number or a boolean (and not text), text that spells one is
converted; everywhere else text stays text, so ``no``, ``010`` or ``1.10`` in a
title is never retyped. Where a schema position names an ``x-vocabulary``, a value
written in its Chinese words (``每日``, ``30分钟``, ``不低于95%``) is rewritten as the
canonical value (``daily``, ``30m``, ``>= 95%``): at the same place, so every
diagnostic still points at what the user wrote.

Each schema position is compiled once into a :class:`_Typer`; a position under
which no value can be anything but text (titles, purposes, lists of texts) is
marked ``inert`` and its data is passed on without being walked. A mapping is
walked only at the keys whose positions are not inert (``live``: in a role, its
headcount, duties, KPIs, qualifications and authority), and a mapping or list is
copied only when a value in it changes: a document written with the English
values is given back as it is, without one new dict.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import resources, vocabulary
from .schemas import Schema, json_types, resolve

# At most 15 digits: every count or share in a spec is far smaller, and longer digit strings
# would be past float precision, or past Python's 4,300-digit limit on int() (a ValueError).
_INT = re.compile(r"[-+]?[0-9]{1,15}")
_NUMBER = re.compile(r"[-+]?([0-9]{1,15}(\.[0-9]{0,15})?|\.[0-9]{1,15})")
_BOOLS = {"true": True, "false": False}
_TYPED = frozenset(("integer", "number", "boolean"))


def coerce(data: Any, schema_name: str) -> Any:
    """``data`` with scalars typed as the named schema asks: a copy of what changes, shared
    where nothing does (``data`` itself when no value is retyped); ``data`` is never modified."""
    typer = _ROOTS.get(schema_name)
    if typer is None:
        typer = _ROOTS[schema_name] = _settled(_typer(resources.schema(schema_name), schema_name))
    return data if typer.inert else _walk(data, typer)


@dataclass
class _Typer:
    """What a value at one schema position may be typed as, and the typers of its children."""

    scalar: frozenset[str] = frozenset()  # JSON types a text value may become; empty: it stays text
    canonical: Callable[[str], str] | None = None  # a value's canonical form (x-vocabulary)
    properties: dict[str, _Typer | None] = field(default_factory=dict)
    extra: _Typer | None = None  # additionalProperties
    items: _Typer | None = None
    inert: bool = True  # nothing below this position is ever retyped
    live: tuple[tuple[str, _Typer], ...] = ()  # the properties that are not inert
    live_extra: _Typer | None = None  # ``extra``, when it is not inert


def _walk(data: Any, typer: _Typer) -> Any:
    """``data`` typed at ``typer``'s position (not inert); ``data`` itself when nothing changes."""
    kind = type(data)
    if kind is str:
        if typer.canonical is not None:
            data = typer.canonical(data)
        return _scalar(data, typer.scalar) if typer.scalar else data
    if kind is dict:
        if typer.live_extra is not None:  # any key may be typed: look at each
            properties, extra = typer.properties, typer.live_extra
            looked_at = [(key, properties.get(key, extra)) for key in data]
        else:
            looked_at = typer.live
        changed = None
        for key, child in looked_at:
            if child is None or child.inert:
                continue
            value = data.get(key, _MISSING)
            if value is _MISSING:
                continue
            typed = _walk(value, child)
            if typed is not value:
                if changed is None:
                    changed = dict(data)
                changed[key] = typed
        return data if changed is None else changed
    if kind is list:
        items = typer.items
        if items is None or items.inert:
            return data
        typed_items = None
        for index, value in enumerate(data):
            typed = _walk(value, items)
            if typed is not value:
                if typed_items is None:
                    typed_items = list(data)
                typed_items[index] = typed
        return data if typed_items is None else typed_items
    return data


_MISSING = object()


def _scalar(text: str, types: frozenset[str]) -> Any:
    stripped = text.strip()
    if types & {"integer", "number"} and _INT.fullmatch(stripped):
        return int(stripped)
    if "number" in types and _NUMBER.fullmatch(stripped):
        return float(stripped)
    if "boolean" in types and stripped in _BOOLS:
        return _BOOLS[stripped]
    return text


_COMPILED: dict[tuple[int, str], _Typer] = {}


def _typer(schema: Schema, doc: str) -> _Typer:
    key = (id(schema), doc)
    found = _COMPILED.get(key)
    if found is not None:
        return found
    typer = _COMPILED[key] = _Typer()  # placed first: a recursive schema meets itself as inert so far
    types = json_types(schema, doc)
    if types and "string" not in types:
        typer.scalar = frozenset(types & _TYPED)
    kind = schema.get("x-vocabulary") or resolve(schema, doc)[0].get("x-vocabulary")
    if kind:
        typer.canonical = vocabulary.normaliser(kind)
    obj = _branch(schema, doc, "object")
    if obj is not None:
        props = obj[0].get("properties", {})
        typer.properties = {name: _typer(sub, obj[1]) for name, sub in props.items()}
        extra = obj[0].get("additionalProperties")
        typer.extra = _typer(extra, obj[1]) if isinstance(extra, dict) else None
    arr = _branch(schema, doc, "array")
    if arr is not None and isinstance(arr[0].get("items"), dict):
        typer.items = _typer(arr[0]["items"], arr[1])
    children = [*typer.properties.values(), typer.extra, typer.items]
    typer.inert = not typer.scalar and typer.canonical is None and all(c is None or c.inert for c in children)
    return typer


_ROOTS: dict[str, _Typer] = {}


def _settled(root: _Typer) -> _Typer:
    """``root`` with ``live`` filled in at every position below it, once all of them are compiled
    (a position of a recursive schema that met itself while compiling was inert so far)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        typer = stack.pop()
        if id(typer) in seen:
            continue
        seen.add(id(typer))
        props = typer.properties
        typer.live = tuple((name, sub) for name, sub in props.items() if sub is not None and not sub.inert)
        typer.live_extra = typer.extra if typer.extra is not None and not typer.extra.inert else None
        stack += [child for child in (*props.values(), typer.extra, typer.items) if child is not None]
    return root


def _branch(schema: Schema, doc: str, kind: str) -> tuple[Schema, str] | None:
    """The (sub)schema describing a value of JSON type ``kind`` ('object' or 'array')."""
    schema, doc = resolve(schema, doc)
    if json_types(schema, doc) == {kind} and "anyOf" not in schema:
        return schema, doc
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        found = _branch(option, doc, kind)
        if found:
            return found
    return None
