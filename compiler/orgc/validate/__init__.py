"""Stage 2: type scalars as the JSON Schemas say, then report every violation as E102.

Every document first goes through ``jsonschema-rs``, a compiled validator about a
hundred times faster than the reference ``jsonschema``; only a document it finds
invalid is walked again by ``jsonschema``, whose errors carry what the messages
need. The reference has the last word, so the two can never disagree in a report.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from .. import resources
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
    fast = _fast_validator(schema_name)
    if fast is not None and fast.is_valid(typed.data):
        return typed, ()
    errors = _validator(schema_name).iter_errors(typed.data)
    problems = explain(errors, typed, schema_name)
    return typed, problems


@cache
def _validator(schema_name: str) -> Any:
    # 60 ms (jsonschema, referencing), paid only when a document is invalid
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (name, Resource.from_contents(resources.schema(name))) for name in resources.schema_names()
    )
    return Draft202012Validator(resources.schema(schema_name), registry=registry)


@cache
def _fast_validator(schema_name: str) -> Any:
    try:  # 15 ms, which a no-op build of a project without orgc.yaml does not pay
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a platform without a wheel: the reference alone is correct
        return None

    registry = jsonschema_rs.Registry([(name, resources.schema(name)) for name in resources.schema_names()])
    return jsonschema_rs.validator_for(resources.schema(schema_name), registry=registry)
