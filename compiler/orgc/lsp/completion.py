"""Completion of ids, controlled values and field names, from the line being typed.

The text being typed is often not valid YAML yet, so the place of the cursor is read
from the lines themselves: the field a value belongs to is the last ``name:`` before the
cursor on its line, or (for an item ``- …`` of a block list) the key the list is under;
the fields a key may be are the schema's at the keys above it, found by indentation.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from lsprotocol import types

from .. import resources
from ..i18n import Message
from ..i18n.documents import value as label
from ..model.entities import Org, Text
from .hover import titles
from .positions import Lines, char_index
from .symbols import BLOCK, KPI, PROCESS, ROLE, STEP, UNIT

# (file kind or "*", field) -> what its values are: kinds of id, or "values:<enum>"
_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("role", "unit"): (UNIT,),
    ("role", "reports_to"): (ROLE,),
    ("role", "dotted_to"): (ROLE,),
    ("role", "escalates_to"): (ROLE,),
    ("role", "include"): (BLOCK,),
    ("role", "next"): (ROLE,),
    ("role", "kpi"): (KPI,),
    ("*", "kpis"): (KPI,),
    ("*", "collaborates"): (ROLE, UNIT),
    ("*", "accountable"): (ROLE,),
    ("*", "responsible"): (ROLE,),
    ("*", "consulted"): (ROLE, UNIT),
    ("*", "informed"): (ROLE, UNIT),
    ("*", "owner"): (ROLE,),
    ("org", "parent"): (UNIT,),
    ("org", "head"): (ROLE,),
    ("process", "next"): (STEP,),
    ("policy", "applies_to"): (ROLE, UNIT),
    ("policy", "refers_to"): (PROCESS,),
}
CONTROLLED = {
    "frequency": ("daily", "weekly", "monthly", "quarterly", "yearly", "per-event", "ongoing"),
    "education": ("none", "secondary", "associate", "bachelor", "master", "doctorate"),
    "type": ("handle", "decide", "approve", "coordinate", "escalate", "propose"),
    "direction": ("higher-is-better", "lower-is-better"),
    "period": ("daily", "weekly", "monthly", "quarterly", "yearly"),
}
_CONTROLLED_IN = {
    "frequency": None,
    "education": "role",
    "type": "role",
    "direction": "kpis",
    "period": "kpis",
}
_SCHEMAS = {
    "role": "role.schema.json",
    "org": "org.schema.json",
    "kpis": "kpis.schema.json",
    "duties": "duties.schema.json",
    "process": "process.schema.json",
    "policy": "policy.schema.json",
    "config": "orgc.schema.json",
}
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*:")
_TYPING_KEY = re.compile(r"^(\s*)((?:-\s+)*)([A-Za-z_]*)$")
_LIST_ITEM = re.compile(r"^(\s*)-\s+[^:]*$")
_TOKEN = re.compile(r"[^\s\[\],{}:'\"]*$")


def complete(
    kind: str, text: str, position: types.Position, org: Org | None, languages: tuple[str, ...]
) -> list[types.CompletionItem]:
    lines = Lines(text)
    line = lines.line(position.line)
    before = line[: char_index(line, position.character)]
    typed = _TOKEN.search(before).group()  # type: ignore[union-attr]
    start = types.Position(position.line, position.character - _utf16(typed))
    replace = types.Range(start, position)
    key = _TYPING_KEY.match(before)
    if key and not _in_list_of_values(lines, position.line, before):
        column = len(key.group(1)) + len(key.group(2))
        return _field_names(kind, _parents(lines, position.line, column), replace, languages)
    field = _field_of(lines, position.line, before)
    if field is None:
        return []
    if field in CONTROLLED and _CONTROLLED_IN[field] in (None, kind):
        return _values(field, replace, languages)
    kinds = _VALUES.get((kind, field)) or _VALUES.get(("*", field))
    if not kinds or org is None:
        return []
    scope = _process_id(text) if kinds == (STEP,) else ""
    return _ids(org, kinds, scope, replace)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _in_list_of_values(lines: Lines, index: int, before: str) -> bool:
    """``- cs-`` under ``dotted_to:``: a list item that is a value, not a key of a mapping item."""
    match = _TYPING_KEY.match(before)
    if not match or not match.group(2):
        return False
    parent = _parent_key(lines, index, len(match.group(1)))
    return parent is not None and parent[0] in {field for _, field in _VALUES} | set(CONTROLLED)


def _field_of(lines: Lines, index: int, before: str) -> str | None:
    keys = _KEY.findall(before)
    if keys:
        return keys[-1]
    if _LIST_ITEM.match(before):
        parent = _parent_key(lines, index, len(before) - len(before.lstrip()))
        return parent[0] if parent else None
    return None


def _parent_key(lines: Lines, index: int, column: int) -> tuple[str, int] | None:
    """The nearest key above line ``index`` written left of ``column``, with its column."""
    for above in range(index - 1, -1, -1):
        text = lines.line(above)
        stripped = text.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(stripped)
        body = stripped
        while body.startswith("- "):
            indent, body = indent + 2, body[2:].lstrip()
        match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\s*:", body)
        if indent < column and match:
            return match.group(1), indent
        if len(text) - len(stripped) < column and not match:
            return None
    return None


def _parents(lines: Lines, index: int, column: int) -> list[str]:
    """The keys a key at ``column`` of line ``index`` is written under, outermost first."""
    found: list[str] = []
    while column > 0:
        parent = _parent_key(lines, index, column)
        if parent is None:
            break
        found.insert(0, parent[0])
        column = parent[1]
        index = _line_of(lines, index, parent)
    return found


def _line_of(lines: Lines, index: int, parent: tuple[str, int]) -> int:
    for above in range(index - 1, -1, -1):
        if re.match(rf"^[\s-]*{re.escape(parent[0])}\s*:", lines.line(above)):
            return above
    return 0


def _process_id(text: str) -> str:
    match = re.search(r"^id:\s*['\"]?([a-z][a-z0-9-]*)", text, re.MULTILINE)
    return match.group(1) if match else ""


def _ids(org: Org, kinds: tuple[str, ...], scope: str, replace: types.Range) -> list[types.CompletionItem]:
    items = []
    for kind in kinds:
        for ident, title in _entities(org, kind, scope):
            shown = titles(title)
            items.append(
                types.CompletionItem(
                    label=ident,
                    kind=types.CompletionItemKind.Reference,
                    label_details=types.CompletionItemLabelDetails(description=shown),
                    detail=shown,
                    filter_text=f"{ident} {shown}",
                    sort_text=ident,
                    text_edit=types.TextEdit(replace, ident),
                )
            )
    return items


def _entities(org: Org, kind: str, scope: str) -> list[tuple[str, Text | None]]:
    if kind == ROLE:
        return [(ident, role.title) for ident, role in org.roles.items()]
    if kind == UNIT:
        return [(ident, unit.name) for ident, unit in org.units.items()]
    if kind == KPI:
        return [(ident, kpi.name) for ident, kpi in org.kpis.items()]
    if kind == BLOCK:
        return [(ident, block.title) for ident, block in org.blocks.items()]
    if kind == PROCESS:
        return [(ident, process.title) for ident, process in org.processes.items()]
    process = org.processes.get(scope)
    return [(step.id, step.title) for step in process.steps] if process else []


def _values(field: str, replace: types.Range, languages: tuple[str, ...]) -> list[types.CompletionItem]:
    items = []
    for value in CONTROLLED[field]:
        labels = " / ".join(dict.fromkeys(label(value, lang) for lang in languages or ("zh", "en")))
        items.append(
            types.CompletionItem(
                label=value,
                kind=types.CompletionItemKind.EnumMember,
                label_details=types.CompletionItemLabelDetails(description=labels),
                detail=labels,
                filter_text=f"{value} {labels}",
                sort_text=f"{CONTROLLED[field].index(value):02}",
                text_edit=types.TextEdit(replace, value),
            )
        )
    return items


def _field_names(
    kind: str, parents: list[str], replace: types.Range, languages: tuple[str, ...]
) -> list[types.CompletionItem]:
    name = _SCHEMAS.get(kind)
    if name is None:
        return []
    name, node = _resolve(name, _schema(name))
    for key in parents:
        found = _child(name, node, key)
        if found is None:
            return []
        name, node = found
    language = languages[0] if languages else "en"
    items = []
    for key, spec in sorted(_properties(name, node).items()):
        text = spec.get("description", "") if isinstance(spec, dict) else ""
        items.append(
            types.CompletionItem(
                label=key,
                kind=types.CompletionItemKind.Field,
                documentation=Message("schema-description", text=text).render(language) if text else None,
                text_edit=types.TextEdit(replace, f"{key}: "),
            )
        )
    return items


@cache
def _schema(name: str) -> dict[str, Any]:
    return resources.schema(name)


def _resolve(name: str, node: Any) -> tuple[str, dict[str, Any]]:
    """``node`` with its ``$ref`` followed (into common.schema.json too), and the schema it is in."""
    while isinstance(node, dict) and "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        name = target or name
        node = _schema(name)
        for part in pointer.strip("/").split("/") if pointer.strip("/") else ():
            node = node[part]
    return name, node if isinstance(node, dict) else {}


def _properties(name: str, node: dict[str, Any]) -> dict[str, Any]:
    found = dict(node.get("properties", {}))
    for group in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(group, ()):
            found.update(_properties(*_resolve(name, branch)))
    return found


def _child(name: str, node: dict[str, Any], key: str) -> tuple[str, dict[str, Any]] | None:
    spec = _properties(name, node).get(key)
    if spec is None:
        return None
    name, child = _resolve(name, spec)
    while child.get("type") == "array" or "items" in child:
        name, child = _resolve(name, child.get("items", {}))
    return name, child
