"""Adding units to an existing org.yaml as text: every line already there, comments included, stays as it was."""

from __future__ import annotations

from typing import Any

import yaml

from ..i18n import Message
from ..load.yaml_doc import parse_yaml
from .emit import unit_flow, unit_lines
from .units import NewUnit

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class MergeRefused(Exception):
    """The units cannot be added without rewriting what is there; ``message`` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def merge_units(text: str, units: tuple[NewUnit, ...], default_lang: str, file: str) -> str:
    """``text`` (an org.yaml) with ``units`` appended to its ``units:`` list, verified by reading it back."""
    before = _data(text, file)
    if not isinstance(before, dict):
        raise MergeRefused(Message("import.org-not-a-mapping", file=file))
    old_units = before.get("units")
    if old_units is not None and not isinstance(old_units, list):
        raise MergeRefused(Message("import.units-not-a-list", file=file))
    root = yaml.compose(text, Loader=_Loader)
    pair = next(((k, v) for k, v in root.value if k.value == "units"), None) if root is not None else None
    node = pair[1] if pair else None
    newline = "\r\n" if "\r\n" in text else "\n"
    if node is None:
        merged = _append(text, units, default_lang, newline)
    elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        merged = _extend_block(text, node, units, default_lang, newline)
    elif isinstance(node, yaml.SequenceNode) and node.value:
        merged = _extend_flow(text, node, units, default_lang)
    else:  # `units:` with no value, `units: ~` or `units: []`
        merged = _fill_empty(text, pair, units, default_lang, newline)
    expected = dict(before)
    expected["units"] = [*(old_units or []), *(_as_data(u, default_lang) for u in units)]
    if _data(merged, file) != expected:
        raise MergeRefused(Message("import.merge-changes", file=file))
    return merged


def _data(text: str, file: str) -> Any:
    document, problems = parse_yaml(text, file)
    if document is None or problems:
        raise MergeRefused(Message("import.org-has-errors", file=file))
    return document.data


def _as_data(unit: NewUnit, default_lang: str) -> dict[str, Any]:
    name: Any = (
        unit.name[0][1] if len(unit.name) == 1 and unit.name[0][0] == default_lang else dict(unit.name)
    )
    data: dict[str, Any] = {"id": unit.id, "name": name}
    if unit.parent:
        data["parent"] = unit.parent
    return data


def _block(units: tuple[NewUnit, ...], default_lang: str, dash: str, item: str, newline: str) -> str:
    return "".join(line + newline for unit in units for line in unit_lines(unit, default_lang, dash, item))


def _append(text: str, units: tuple[NewUnit, ...], default_lang: str, newline: str) -> str:
    if text and not text.endswith("\n"):
        text += newline
    return text + "units:" + newline + _block(units, default_lang, "  ", "    ", newline)


def _extend_block(
    text: str, node: yaml.SequenceNode, units: tuple[NewUnit, ...], default_lang: str, newline: str
) -> str:
    dash = node.start_mark.column
    item = node.value[0].start_mark.column
    at = line_after(text, content_end(node))
    addition = _block(units, default_lang, " " * dash, " " * item, newline)
    if at == len(text) and text and not text.endswith("\n"):
        addition = newline + addition
    return text[:at] + addition + text[at:]


def _extend_flow(text: str, node: yaml.SequenceNode, units: tuple[NewUnit, ...], default_lang: str) -> str:
    close = node.end_mark.index - 1  # the ']'
    before = text[:close].rstrip()
    joiner = " " if before.endswith(",") else ", "
    entries = ", ".join(unit_flow(u, default_lang) for u in units)
    return text[:close] + joiner + entries + text[close:]


def _fill_empty(
    text: str, pair: tuple[yaml.Node, yaml.Node], units: tuple[NewUnit, ...], default_lang: str, newline: str
) -> str:
    key, node = pair
    start, end = node.start_mark.index, node.end_mark.index
    text = text[:start] + text[end:]  # `[]`, `~` or nothing
    line_end = text.find("\n", start)
    if not text[start : len(text) if line_end < 0 else line_end].strip():
        kept = text[:start].rstrip(" \t")
        text, start = kept + text[start:], len(kept)
    at = line_after(text, start)
    indent = " " * (key.start_mark.column + 2)
    addition = _block(units, default_lang, indent, indent + "  ", newline)
    if at == len(text) and not text.endswith("\n"):
        addition = newline + addition
    return text[:at] + addition + text[at:]


def content_end(node: yaml.Node) -> int:
    """Where the last character of a node's own content is: a block collection's end mark runs on
    over the blank lines and comments after it, which belong to whatever follows."""
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False) or not node.value:
        return node.end_mark.index
    last = node.value[-1]
    return content_end(last[1] if isinstance(node, yaml.MappingNode) else last)


def line_after(text: str, index: int) -> int:
    """The start of the line after the one ``index`` is on (a block scalar already ends at one)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1
