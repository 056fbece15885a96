"""Schema-directed typing of YAML scalars.

The loader keeps every scalar as text. Here, where a schema says a value is an
integer, a number or a boolean (and not text), text that spells one is
converted; everywhere else text stays text, so ``no``, ``010`` or ``1.10`` in a
title is never retyped.
"""

from __future__ import annotations

import re
from typing import Any

from .. import resources
from .schemas import Schema, json_types, resolve

_INT = re.compile(r"[-+]?[0-9]+")
_NUMBER = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_BOOLS = {"true": True, "false": False}


def coerce(data: Any, schema_name: str) -> Any:
    """A copy of ``data`` with scalars typed as the named schema asks."""
    return _walk(data, resources.schema(schema_name), schema_name)


def _walk(data: Any, schema: Schema | None, doc: str) -> Any:
    if schema is None:
        return data
    if isinstance(data, str):
        return _scalar(data, schema, doc)
    if isinstance(data, dict):
        obj = _branch(schema, doc, "object")
        return {key: _walk(value, *_property(obj, key)) for key, value in data.items()}
    if isinstance(data, list):
        arr = _branch(schema, doc, "array")
        items, doc = (arr[0].get("items"), arr[1]) if arr else (None, doc)
        return [_walk(value, items, doc) for value in data]
    return data


def _scalar(text: str, schema: Schema, doc: str) -> Any:
    types = json_types(schema, doc)
    if not types or "string" in types:
        return text
    stripped = text.strip()
    if types & {"integer", "number"} and _INT.fullmatch(stripped):
        return int(stripped)
    if "number" in types and _NUMBER.fullmatch(stripped):
        return float(stripped)
    if "boolean" in types and stripped in _BOOLS:
        return _BOOLS[stripped]
    return text


def _property(obj: tuple[Schema, str] | None, key: str) -> tuple[Schema | None, str]:
    if obj is None:
        return None, ""
    schema, doc = obj
    if key in schema.get("properties", {}):
        return schema["properties"][key], doc
    extra = schema.get("additionalProperties")
    return (extra, doc) if isinstance(extra, dict) else (None, doc)


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
