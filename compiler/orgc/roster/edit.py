"""Changing the fields a roster owns in a role file as text: only the characters of those values change.

Each value is replaced where it is written (a one-line scalar, or one language of a mapping),
a field the file lacks is added on a line of its own after the fields it follows, and the
result is read back: it must say what the file said with only those fields changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from ..i18n import Message
from ..load.yaml_doc import parse_yaml
from .emit import scalar
from .merge import content_end, line_after
from .text import language_order

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The fields a roster owns, in the order a role file writes them (after `id`).
OWNED = ("title", "unit", "reports_to", "headcount", "grade")
_BEFORE = ("id", *OWNED)


class EditRefused(Exception):
    """A field cannot be changed as text without touching what is around it; ``message`` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Edited:
    text: str
    refused: tuple[tuple[str, Message], ...]  # (field, why) of the fields left as they were


def read_data(text: str, file: str) -> dict[str, Any]:
    """A role file's data, or EditRefused when it does not read as one mapping."""
    document, problems = parse_yaml(text, file)
    if document is None or problems:
        raise EditRefused(Message("import.merge-has-errors", file=file))
    if not isinstance(document.data, dict):
        raise EditRefused(Message("import.merge-not-a-mapping", file=file))
    return document.data


def edit_fields(text: str, file: str, wanted: Mapping[str, Any]) -> Edited:
    """``text`` with each field of ``wanted`` set to its value (None: removed), as far as it can be.

    A field that cannot be changed in place is left as it was and named in ``refused``; the
    result is verified by reading it back (EditRefused when it would say anything else).
    """
    before = read_data(text, file)
    root = yaml.compose(text, Loader=_Loader)
    pairs = {k.value: (k, v) for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, int, str]] = []  # (start, end, order, new text)
    refused: list[tuple[str, Message]] = []
    expected = dict(before)
    for order, (field, value) in enumerate(sorted(wanted.items(), key=lambda kv: OWNED.index(kv[0]))):
        try:
            if field in pairs:
                edits += _change(text, field, pairs[field], before.get(field), value, newline, order)
            elif value is not None:
                edits.append(_insert(text, root, pairs, field, value, newline, order))
        except EditRefused as exc:
            refused.append((field, exc.message))
            continue
        if value is None:
            expected.pop(field, None)
        else:
            expected[field] = value
    result = text
    for start, end, _, new in sorted(edits, key=lambda e: (e[0], e[2]), reverse=True):
        result = result[:start] + new + result[end:]
    if read_data(result, file) != expected:
        raise EditRefused(Message("import.merge-role-changes"))
    return Edited(result, tuple(refused))


def _change(
    text: str, field: str, pair: tuple[yaml.Node, yaml.Node], old: Any, new: Any, newline: str, order: int
) -> list[tuple[int, int, int, str]]:
    key, node = pair
    if new is None:
        return [_remove(text, key, node, order)]
    if isinstance(new, str):
        return [(*_scalar_span(text, node), order, _requoted(node, _written(field, new), new))]
    if isinstance(node, yaml.ScalarNode):  # one text becomes several languages
        start, end = _scalar_span(text, node)
        flow = ", ".join(f"{lang}: {scalar(t)}" for lang, t in _ordered(new))
        return [(start, end, order, "{" + flow + "}")]
    if not isinstance(node, yaml.MappingNode) or not isinstance(old, dict):
        raise EditRefused(Message("import.merge-not-a-text"))
    langs = {k.value: (k, v) for k, v in node.value}
    edits = []
    added = []
    for lang, t in new.items():
        if lang in langs:
            if old.get(lang) != t:
                node_of = langs[lang][1]
                edits.append((*_scalar_span(text, node_of), order, _requoted(node_of, scalar(t), t)))
        else:
            added.append((lang, t))
    if added and node.flow_style:
        close = node.end_mark.index - 1  # the '}'
        joiner = "" if text[:close].rstrip().endswith((",", "{")) else ", "
        entries = ", ".join(f"{lang}: {scalar(t)}" for lang, t in added)
        edits.append((close, close, order, joiner + entries))
    elif added:
        indent = " " * node.value[0][0].start_mark.column
        at = line_after(text, content_end(node))
        lines = "".join(f"{indent}{lang}: {scalar(t)}{newline}" for lang, t in added)
        if at == len(text) and not text.endswith("\n"):
            lines = newline + lines
        edits.append((at, at, order, lines))
    return edits


def _scalar_span(text: str, node: yaml.Node) -> tuple[int, int]:
    """Where a one-line scalar is written, quotes included; EditRefused for any other value."""
    if not isinstance(node, yaml.ScalarNode):
        raise EditRefused(Message("import.merge-not-a-text"))
    start, end = node.start_mark.index, node.end_mark.index
    if node.style in ("|", ">") or "\n" in text[start:end]:
        raise EditRefused(Message("import.merge-block-text"))
    inner = 1 if node.style in ("'", '"') else 0
    if text[start + inner : end - inner] != node.value:
        raise EditRefused(Message("import.merge-escaped-text"))
    return start, end


def _remove(text: str, key: yaml.Node, node: yaml.Node, order: int) -> tuple[int, int, int, str]:
    """The lines of a field, from its key to the end of its value."""
    line_start = text.rfind("\n", 0, key.start_mark.index) + 1
    end = content_end(node)
    after = line_after(text, end)
    if text[line_start : key.start_mark.index].strip() or text[end:after].strip():
        raise EditRefused(Message("import.merge-not-own-line"))  # a comment beside it would be lost
    return (line_start, after, order, "")


def _insert(
    text: str,
    root: yaml.Node | None,
    pairs: Mapping[str, tuple[yaml.Node, yaml.Node]],
    field: str,
    value: Any,
    newline: str,
    order: int,
) -> tuple[int, int, int, str]:
    """A new line for ``field`` after the last of the fields it follows (``id``, ``title`` …)."""
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        raise EditRefused(Message("import.merge-no-place"))
    flow = value if isinstance(value, str) else None
    written = (
        _written(field, flow)
        if flow is not None
        else "{" + ", ".join(f"{lang}: {scalar(t)}" for lang, t in _ordered(value)) + "}"
    )
    indent = " " * root.value[0][0].start_mark.column
    line = f"{indent}{field}: {written}{newline}"
    before = [pairs[name] for name in _BEFORE[: _BEFORE.index(field)] if name in pairs]
    if not before:
        first = root.value[0][0].start_mark.index
        at = text.rfind("\n", 0, first) + 1
        return (at, at, order, line)
    at = line_after(text, content_end(before[-1][1]))
    if at == len(text) and text and not text.endswith("\n"):
        line = newline + line
    return (at, at, order, line)


def _requoted(node: yaml.Node, written: str, text: str) -> str:
    """``text`` in the quotes the old value had, when it reads the same in them."""
    quote = node.style if isinstance(node, yaml.ScalarNode) else None
    if quote in ("'", '"') and scalar(text) in (text, f'"{text}"') and quote not in text:
        return f"{quote}{text}{quote}"
    return written


def _written(field: str, text: str) -> str:
    """A scalar as a first import writes it: a headcount as the number it is."""
    return text if field == "headcount" and text.isascii() and text.isdigit() else scalar(text)


def _ordered(value: Mapping[str, str]) -> list[tuple[str, str]]:
    rank = {lang: i for i, lang in enumerate(language_order(()))}
    return sorted(value.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
