"""Turning jsonschema's errors into located sentences a non-programmer can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from .. import resources
from ..diagnostics import Diagnostic, Location, Severity
from ..load.yaml_doc import Document
from .schemas import Schema, json_types, resolve, type_of

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "empty",
}
_PATTERN_WORDS = {
    "^[a-z][a-z0-9-]{0,62}$": (
        "is not a valid id",
        "Ids use lowercase ASCII letters, digits and '-', start with a letter and are at "
        "most 63 characters long, e.g. cs-team-lead.",
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("is not a date", "Write dates as YYYY-MM-DD, e.g. 2026-01-31."),
    "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$": (
        "is not a language code",
        "Use lowercase codes such as zh or en (zh-Hant for a variant).",
    ),
}


def explain(errors: Iterable[Any], doc: Document, schema_name: str) -> tuple[Diagnostic, ...]:
    seen: set[tuple[str, int, int, str]] = set()
    result = []
    for error in errors:
        for diagnostic in _explain(error, doc, schema_name):
            key = (diagnostic.code, diagnostic.location.line, diagnostic.location.column, diagnostic.message)
            if key not in seen:
                seen.add(key)
                result.append(diagnostic)
    return tuple(result)


def _explain(error: Any, doc: Document, schema_name: str) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    name = _name(path)
    instance = error.instance
    keyword = error.validator
    source = _schema_file(error, schema_name)  # relative $refs in error.schema resolve against it
    hint = _description(error.schema, source)

    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            yield _unknown_field(doc, path, key, allowed)
        return
    if keyword == "required":
        for key in error.validator_value:
            if key not in instance:
                what = f" in {name}" if path else ""
                yield _e102(
                    doc.at(*path),
                    f"missing required field '{key}'{what}",
                    f"Add a line `{key}: ...` to this mapping.",
                )
        return
    if "propertyNames" in error.schema_path:
        yield from _explain_key_name(error, doc, path)
        return
    if keyword in ("anyOf", "oneOf"):
        yield from _explain_choice(error, doc, schema_name, source)
        return
    if instance is None:
        yield _empty(doc, path)
        return
    if keyword == "type":
        expected = " or ".join(_TYPE_WORDS.get(t, t) for t in _as_list(error.validator_value))
        yield _e102(doc.at(*path), f"{name} should be {expected}, not {_describe(instance)}", hint)
    elif keyword == "pattern":
        words, pattern_hint = _PATTERN_WORDS.get(error.validator_value, ("is not in the expected form", hint))
        yield _e102(doc.at(*path), f"{name}: {_quote(instance)} {words}", pattern_hint or hint)
    elif keyword == "enum":
        options = [str(v) for v in error.validator_value]
        close = difflib.get_close_matches(str(instance), options, n=1)
        guess = f" — did you mean '{close[0]}'?" if close else ""
        yield _e102(
            doc.at(*path),
            f"{name}: {_quote(instance)} is not allowed{guess}",
            "Allowed values: " + ", ".join(options) + ".",
        )
    elif keyword in ("minLength", "minItems", "minProperties"):
        yield _e102(doc.at(*path), f"{name} is empty", hint or "Fill it in, or delete the line.")
    elif keyword == "minimum":
        yield _e102(doc.at(*path), f"{name} must be at least {error.validator_value}", hint)
    elif keyword == "uniqueItems":
        yield _e102(doc.at(*path), f"{name} lists the same value twice", "Remove the repetition.")
    else:
        yield _e102(doc.at(*path), f"{name}: {error.message}", hint)


def _explain_choice(error: Any, doc: Document, schema_name: str, source: str) -> Iterator[Diagnostic]:
    """anyOf/oneOf: explain with the alternative meant for this kind of value."""
    path = tuple(error.absolute_path)
    actual = type_of(error.instance)
    actual_set = {"integer", "number"} if actual == "integer" else {actual}
    options = error.validator_value
    matching = {
        index
        for index, option in enumerate(options)
        if json_types(option, source) & actual_set or (not json_types(option, source))
    }
    sub_errors = [e for e in error.context if e.relative_schema_path[0] in matching]
    if sub_errors:
        for sub in sub_errors:
            yield from _explain(sub, doc, schema_name)
        return
    if error.instance is None:
        yield _empty(doc, path)
        return
    expected = sorted({t for o in options for t in json_types(o, source)})
    words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
    if "object" in expected and "string" in expected:
        words = "text, or a mapping of languages like {zh: ..., en: ...}"
    yield _e102(
        doc.at(*path),
        f"{_name(path)} should be {words}, not {_describe(error.instance)}",
        _description(error.schema, source),
    )


def _explain_key_name(error: Any, doc: Document, path: tuple[Any, ...]) -> Iterator[Diagnostic]:
    key = error.instance
    location = doc.key_at(*path, key)
    if str(error.validator_value).startswith("^[A-Z]"):
        yield _e102(
            location,
            f"{_quote(key)} is not a diagnostic code",
            "Codes look like ORG004 or KPI002; run `orgc explain` for the list.",
        )
    elif key.isascii():
        yield _e102(
            location,
            f"{_quote(key)} is not a language code",
            "Use codes such as zh or en, as listed in orgc.yaml `languages`.",
        )
    else:
        yield _e102(
            location,
            f"{_quote(key)} is not a language code",
            "A comma inside {zh: ..., en: ...} starts a new entry: put the text in quotes, "
            'e.g. zh: "甲, 乙".',
        )


def _empty(doc: Document, path: tuple[Any, ...]) -> Diagnostic:
    if not path:
        return _e102(
            doc.at(),
            "the file is empty",
            "Write the spec into it (see the README's tour of the spec language), or delete the file.",
        )
    return _e102(
        doc.at(*path), f"{_name(path)} has no value", "Write a value after the colon, or delete the line."
    )


def _unknown_field(doc: Document, path: tuple[Any, ...], key: str, allowed: list[str]) -> Diagnostic:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    guess = f" — did you mean '{close[0]}'?" if close else ""
    where = f" in {_name(path)}" if path else ""
    return _e102(
        doc.key_at(*path, key),
        f"unknown field '{key}'{where}{guess}",
        "Fields allowed here: " + ", ".join(allowed) + ".",
    )


def _name(path: tuple[Any, ...]) -> str:
    """A readable name for a place in the data: 'headcount', 'duties[2].title'."""
    if not path:
        return "the file"
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"'{text}'"


def _describe(value: Any) -> str:
    kind = type_of(value)
    if kind in ("array", "object"):
        return _TYPE_WORDS[kind]
    return _quote(value)


def _quote(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _as_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


def _schema_file(error: Any, root: str) -> str:
    """The schema file that holds ``error.schema``: the root, or one a ``$ref`` led to.

    jsonschema's schema paths do not name the ``$ref`` hops, so the path is walked
    from the root, following a ``$ref`` wherever the next step is not in the schema.
    """
    schema, name = resources.schema(root), root
    try:
        for part in error.absolute_schema_path:
            while isinstance(schema, dict) and "$ref" in schema and part not in schema:
                schema, name = resolve(schema, name)
            schema = schema[part]
    except (KeyError, IndexError, TypeError):
        return root
    return name


def _description(schema: Schema, schema_name: str) -> str:
    return resolve(schema, schema_name)[0].get("description", "") if isinstance(schema, dict) else ""


def _e102(location: Location, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic("E102", Severity.ERROR, message, location, hint)
