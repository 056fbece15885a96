"""``orgc schema [NAME]``: the package's JSON Schemas, all of them as one JSON object or one by name or kind."""

from __future__ import annotations

import json

from .. import resources
from ..i18n import Message
from ..validate import SCHEMA_OF_KIND
from . import CommandProblem, Outcome


def run(name: str | None) -> Outcome:
    names = resources.schema_names()
    if name is None:
        return Outcome(0, _json({n: resources.schema(n) for n in names}))
    file_name = SCHEMA_OF_KIND.get(name, name if name.endswith(".json") else f"{name}.schema.json")
    if file_name not in names:
        raise CommandProblem(Message("cli.no-schema", name=name, known=names).render("en"))
    return Outcome(0, _json(resources.schema(file_name)))


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
