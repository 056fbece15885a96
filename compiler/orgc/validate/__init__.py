"""Stage 2: type scalars as the JSON Schemas say, then report every violation as E102."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from ..diagnostics import Diagnostic
from ..load.yaml_doc import Document
from .coerce import coerce
from .messages import explain

SCHEMA_OF_KIND = {
    "org": "org.schema.json",
    "role": "role.schema.json",
    "kpis": "kpis.schema.json",
    "duties": "duties.schema.json",
    "process": "process.schema.json",
    "policy": "policy.schema.json",
    "config": "orgc.schema.json",
}


def validate(document: Document, kind: str) -> tuple[Document, tuple[Diagnostic, ...]]:
    """The document with typed scalars, and one located E102 per schema violation."""
    schema_name = SCHEMA_OF_KIND[kind]
    typed = replace(document, data=coerce(document.data, schema_name))
    errors = _validator(schema_name).iter_errors(typed.data)
    problems = explain(errors, typed, schema_name)
    return typed, problems


@cache
def _validator(schema_name: str) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    from .. import resources

    registry = Registry().with_resources(
        (name, Resource.from_contents(resources.schema(name))) for name in resources.schema_names()
    )
    return Draft202012Validator(resources.schema(schema_name), registry=registry)
