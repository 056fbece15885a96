"""Walking our own JSON Schemas: ``$ref`` resolution and the JSON types a schema admits."""

from __future__ import annotations

from typing import Any

from .. import resources

Schema = dict[str, Any]


def resolve(schema: Schema, doc: str) -> tuple[Schema, str]:
    """Follow ``$ref`` (``other.schema.json#/$defs/x`` or ``#/$defs/x``) to a concrete schema."""
    while "$ref" in schema:
        target, _, pointer = schema["$ref"].partition("#")
        doc = target or doc
        schema = resources.schema(doc)
        for part in filter(None, pointer.split("/")):
            schema = schema[part]
    return schema, doc


_ENUM_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def json_types(schema: Schema, doc: str) -> set[str]:
    """The JSON types a value may have under ``schema`` (empty: unconstrained)."""
    schema, doc = resolve(schema, doc)
    declared = schema.get("type")
    if isinstance(declared, str):
        types = {declared}
    elif isinstance(declared, list):
        types = set(declared)
    elif "enum" in schema:
        types = {_ENUM_TYPES.get(type(v), "null") for v in schema["enum"]}
    elif "properties" in schema:
        types = {"object"}
    else:
        types = set()
    for option in schema.get("anyOf", []) + schema.get("oneOf", []):
        types |= json_types(option, doc)
    return types


def type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
