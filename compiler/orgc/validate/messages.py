"""Turning jsonschema's errors into located sentences a non-programmer can act on."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from .. import resources, vocabulary
from ..diagnostics import Diagnostic, Location, Severity
from ..i18n import Message, OneOf, description, verbatim
from ..load.yaml_doc import Document
from .schemas import Schema, json_types, resolve, type_of

_TYPE_WORDS = {
    "string": Message("E102.type.string"),
    "integer": Message("E102.type.integer"),
    "number": Message("E102.type.number"),
    "boolean": Message("E102.type.boolean"),
    "array": Message("E102.type.array"),
    "object": Message("E102.type.object"),
    "null": Message("E102.type.null"),
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
                if path:
                    message = Message("E102.required-in", key=key, name=name)
                else:
                    message = Message("E102.required", key=key)
                yield _e102(doc.at(*path), message, Message("E102.required.hint", key=key))
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
        expected = OneOf(tuple(_type_word(t) for t in _as_list(error.validator_value)))
        yield _e102(
            doc.at(*path),
            Message("E102.type", name=name, expected=expected, actual=_describe(instance)),
            hint,
        )
    elif keyword == "pattern":
        message, pattern_hint = _not_matching(error.validator_value, name, _quote(instance))
        yield _e102(doc.at(*path), message, pattern_hint or hint)
    elif keyword == "enum":
        options = [str(v) for v in error.validator_value]
        close = _closest(str(instance), options)
        guess = Message("E102.enum.guess", option=close) if close else None
        yield _e102(
            doc.at(*path),
            Message("E102.enum", name=name, value=_quote(instance), guess=guess),
            Message("E102.enum.hint", options=_options(options, resolve(error.schema, source)[0])),
        )
    elif keyword in ("minLength", "minItems", "minProperties"):
        yield _e102(doc.at(*path), Message("E102.empty", name=name), hint or Message("E102.empty.hint"))
    elif keyword == "minimum":
        yield _e102(doc.at(*path), Message("E102.minimum", name=name, minimum=error.validator_value), hint)
    elif keyword == "uniqueItems":
        yield _e102(doc.at(*path), Message("E102.repeated", name=name), Message("E102.repeated.hint"))
    else:
        yield _e102(doc.at(*path), Message("E102.other", name=name, detail=error.message), hint)


def _closest(text: str, options: list[str]) -> str | None:
    """The one option nearest to ``text``; None when none is near, or two are equally near
    (越短越好 is as near to 越高越好 as to 越低越好, and a guess would as likely be the opposite)."""
    close = difflib.get_close_matches(text, options, n=2)
    if not close:
        return None
    ratios = [difflib.SequenceMatcher(None, text, option).ratio() for option in close]
    return close[0] if len(close) == 1 or ratios[0] > ratios[1] else None


def _options(options: list[str], schema: Schema) -> tuple[str | Message, ...]:
    """The allowed values as a hint lists them: each English value with the Chinese words for it."""
    table = vocabulary.ENUMS.get(schema.get("x-vocabulary", ""))
    if table is None:
        return tuple(options)
    return tuple(
        Message("E102.enum.option", value=value, words="/".join(words)) if words else value
        for value in options
        if value in table
        for words in [tuple(word for word in table[value] if word in options)]
    )


def _not_matching(pattern: str, name: Message, value: Message) -> tuple[Message, Message | None]:
    """What a value that does not match ``pattern`` is not, and how to write it (None: the schema says)."""
    if pattern == "^[a-z][a-z0-9-]{0,62}$":
        return Message("E102.not-an-id", name=name, value=value), Message("E102.not-an-id.hint")
    if pattern == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$":
        return Message("E102.not-a-date-form", name=name, value=value), Message("E102.not-a-date-form.hint")
    if pattern == "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$":
        return Message("E102.not-a-language", name=name, value=value), Message("E102.not-a-language.hint")
    return Message("E102.bad-form", name=name, value=value), None


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
    words: Message | OneOf = OneOf(tuple(_type_word(t) for t in expected))
    if "object" in expected and "string" in expected:
        words = Message("E102.type.text")
    yield _e102(
        doc.at(*path),
        Message("E102.type", name=_name(path), expected=words, actual=_describe(error.instance)),
        _description(error.schema, source),
    )


def _explain_key_name(error: Any, doc: Document, path: tuple[Any, ...]) -> Iterator[Diagnostic]:
    key = error.instance
    location = doc.key_at(*path, key)
    if str(error.validator_value).startswith("^[A-Z]"):
        yield _e102(
            location,
            Message("E102.key-not-a-code", key=_quote(key)),
            Message("E102.key-not-a-code.hint"),
        )
    elif key.isascii():
        yield _e102(
            location,
            Message("E102.key-not-a-language", key=_quote(key)),
            Message("E102.key-not-a-language.hint"),
        )
    else:
        yield _e102(
            location,
            Message("E102.key-not-a-language", key=_quote(key)),
            Message("E102.key-with-comma.hint"),
        )


def _empty(doc: Document, path: tuple[Any, ...]) -> Diagnostic:
    if not path:
        return _e102(doc.at(), Message("E102.empty-file"), Message("E102.empty-file.hint"))
    return _e102(doc.at(*path), Message("E102.no-value", name=_name(path)), Message("E102.no-value.hint"))


def _unknown_field(doc: Document, path: tuple[Any, ...], key: str, allowed: list[str]) -> Diagnostic:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    guess = Message("E102.unknown-field.guess", name=close[0]) if close else None
    if path:
        message = Message("E102.unknown-field-in", key=key, name=_name(path), guess=guess)
    else:
        message = Message("E102.unknown-field", key=key, guess=guess)
    return _e102(doc.key_at(*path, key), message, Message("E102.unknown-field.hint", allowed=tuple(allowed)))


def _name(path: tuple[Any, ...]) -> Message:
    """A readable name for a place in the data: 'headcount', 'duties[2].title', the file."""
    if not path:
        return Message("E102.the-file")
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return Message("E102.field", path=text)


def _type_word(json_type: str) -> Message:
    return _TYPE_WORDS.get(json_type) or verbatim(json_type)


def _describe(value: Any) -> Message:
    kind = type_of(value)
    if kind in ("array", "object"):
        return _TYPE_WORDS[kind]
    return _quote(value)


def _quote(value: Any) -> Message:
    text = str(value)
    return Message("E102.value", text=text if len(text) <= 40 else text[:37] + "...")


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


def _description(schema: Schema, schema_name: str) -> Message | None:
    text = resolve(schema, schema_name)[0].get("description", "") if isinstance(schema, dict) else ""
    return description(text) if text else None


def _e102(location: Location, message: Message, hint: Message | None = None) -> Diagnostic:
    return Diagnostic("E102", Severity.ERROR, message, location, hint)
