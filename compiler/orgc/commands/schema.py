"""``orgc schema [NAME]``: the package's JSON Schemas, all of them as one JSON object or one by name or kind."""

from __future__ import annotations

import json

from .. import resources
from ..i18n import Message
from ..validate import SCHEMA_OF_KIND
from . import CommandProblem, Outcome
from .language import run_language


def run(name: str | None, messages: str | None = None) -> Outcome:
    """The schemas as JSON; a name that is none is said in ``--messages``, else the current project's language."""
    names = resources.schema_names()
    if name is None:
        return Outcome(0, _json({n: resources.schema(n) for n in names}))
    file_name = SCHEMA_OF_KIND.get(name, name if name.endswith(".json") else f"{name}.schema.json")
    if file_name not in names:
        said = run_language("schema", {"--messages": messages or ""})
        raise CommandProblem(Message("cli.no-schema", name=name, known=names).render(said), said)
    return Outcome(0, _json(resources.schema(file_name)))


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
