"""YAML text to plain data that remembers where every key and value was written.

PyYAML's constructors are not used: they keep the last of duplicate keys, retype
``no``/``010``/``2026-01-01`` (the YAML 1.1 traps) and can build Python objects.
We compose the node graph with the C parser and walk it ourselves, keeping every
scalar as text; the schema stage later turns text into numbers or booleans where
the schema asks for them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Location, Severity

Path = tuple[str | int, ...]

MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# Characters that XML 1.0 (hence DOCX and XLSX) cannot hold.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Marks:
    """1-based (line, column) of every value and every mapping key, by data path."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: Path) -> tuple[int, int]:
        """Where the value at ``path`` starts; the nearest written ancestor if it is absent."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key(self, path: Path) -> tuple[int, int]:
        """Where the key of the value at ``path`` is written (falls back to the value)."""
        return self.keys.get(path) or self.value(path)


@dataclass(frozen=True)
class Document:
    """One parsed spec file. ``data`` is read-only by convention: nothing mutates it."""

    file: str
    data: Any
    marks: Marks

    def at(self, *path: str | int) -> Location:
        line, column = self.marks.value(tuple(path))
        return Location(self.file, line, column)

    def key_at(self, *path: str | int) -> Location:
        line, column = self.marks.key(tuple(path))
        return Location(self.file, line, column)


_DEPTH_REFUSAL = (
    f"nesting deeper than {MAX_DEPTH} levels",
    "Spec files are shallow; check the indentation here.",
)
_ALIAS_REFUSAL = (
    "YAML aliases (*name) are not allowed in spec files",
    "Write the value out in full, or move shared duties into a shared block under specs/duties/.",
)


class _Refused(Exception):
    def __init__(self, code: str, node: yaml.Node | yaml.Event, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.node, self.message, self.hint = code, node, message, hint


def parse_yaml(text: str, file: str) -> tuple[Document | None, tuple[Diagnostic, ...]]:
    """Parse one YAML document; on failure return no document and the located reasons."""
    try:
        _prescan(text)
        root = yaml.compose(text, Loader=_Loader)
    except _Refused as exc:
        location = Location(file, *_Positions(text)(exc.node.start_mark))
        return None, (Diagnostic(exc.code, Severity.ERROR, exc.message, location, exc.hint),)
    except yaml.MarkedYAMLError as exc:
        return None, (_syntax_error(exc, file, text),)
    except yaml.reader.ReaderError as exc:
        return None, (_reader_error(exc, file, text),)
    except yaml.YAMLError as exc:
        return None, (Diagnostic("E100", Severity.ERROR, f"YAML error: {exc}", Location(file)),)
    builder = _Builder(file, text)
    try:
        data = builder.build(root)
    except _Refused as exc:
        location = Location(file, *builder.position(exc.node.start_mark))
        return None, (Diagnostic(exc.code, Severity.ERROR, exc.message, location, exc.hint),)
    return Document(file, data, builder.marks), tuple(builder.problems)


def _prescan(text: str) -> None:
    """Refuse aliases and deep nesting from the event stream, before composing.

    Composing is recursive (the C composer overflows the C stack on some ten
    thousand nested ``[``, the Python one raises RecursionError at a thousand),
    and libyaml slows down quadratically with flow nesting; the events are
    produced lazily, so stopping at the first offending one is cheap. Alias
    events also carry the position of the ``*name`` itself, which the composed
    node graph has lost.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("E100", event, *_ALIAS_REFUSAL)
        if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
            raise _Refused("E100", event, *_DEPTH_REFUSAL)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _reader_error(exc: yaml.reader.ReaderError, file: str, text: str) -> Diagnostic:
    """A character YAML does not allow, e.g. a raw control character: located, with its code point."""
    # libyaml reports a byte offset into the UTF-8 text, the Python reader a character offset.
    position = exc.position
    if _Loader is not yaml.SafeLoader:
        position = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    prefix = text[:position]
    line = prefix.count("\n") + 1
    column = position - (prefix.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return Diagnostic(
        "E100",
        Severity.ERROR,
        f"the file contains the control character U+{code:04X}, which YAML does not allow",
        Location(file, line, column),
        "Delete the invisible character (it often comes from copying out of another program).",
    )


# Errors found only after the scanner has moved on: the problem mark is on a later line
# (often the next key, or the end of the file), the context mark at what needs the fix.
_OPENED_HERE = {
    "while scanning a simple key": None,  # `title 班组长`: the key without ':'
    "while scanning a quoted scalar": "the quoted text that starts here is not closed",
    "while parsing a flow sequence": "the '[' here is not closed",
    "while parsing a flow mapping": "the '{' here is not closed",
}


def _syntax_error(exc: yaml.MarkedYAMLError, file: str, text: str = "") -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    opened = exc.context_mark
    if exc.context in _OPENED_HERE and opened and mark and mark.line > opened.line:
        mark = opened
        problem = _OPENED_HERE[exc.context] or problem
    elif mark and (quote := _runaway_quote(text, mark.line)):
        end = _Positions(text)(mark)[0]
        problem = f"the quoted text that starts here runs on to line {end}; is its closing quote missing?"
        mark = quote
    line, column = _Positions(text)(mark) if mark else (1, 1)
    lines = text.split("\n")
    if text and line > len(lines):  # libyaml ends the stream on a line of its own
        line, column = len(lines), len(lines[-1]) + 1
    hint = "Check the indentation and quoting around this line."
    odd = _OTHER_BREAKS.search(lines[line - 1]) if 0 < line <= len(lines) else None
    if odd:  # point at the invisible character itself: that is what to delete
        column = odd.start() + 1
        hint = (
            f"This line holds the invisible character U+{ord(odd.group()[0]):04X}, which YAML reads as a "
            "line break; delete it."
        )
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or "\\t" in problem or "'\t'" in problem or "\t" in problem:
        problem, hint = "tab character used for indentation", "Indent with spaces, not tabs."
    elif "expected a single document" in str(exc.context or ""):
        problem = "a spec file holds one YAML document, but a second one starts here"
        hint = "Remove the '---' line, or move the second document into its own file."
    elif "control characters" in problem or "special characters" in problem:
        hint = "Remove the invisible control character at this position."
    return Diagnostic(
        "E100", Severity.ERROR, f"YAML syntax error: {problem}", Location(file, line, column), hint
    )


def _runaway_quote(text: str, line: int) -> yaml.Mark | None:
    """Where a quoted scalar that spans lines and ends on ``line`` (0-based) starts.

    A missing closing quote makes the scalar run on to the next quote; the error
    then shows only where that one ends, lines below the mistake.
    """
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.start_mark.line < token.end_mark.line == line
            ):
                return token.start_mark
    except yaml.YAMLError:
        pass
    return None


class _Positions:
    """1-based (line, column) of a YAML mark, counting lines as editors and `git` do.

    YAML also breaks lines at U+2028, U+2029, U+0085 and a lone CR; text pasted from
    Word or a web page can hold them invisibly, and every line number after one would
    be off. Marks carry the character index, from which the line is recounted by '\\n'.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] | None = None
        if _OTHER_BREAKS.search(text):
            self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def __call__(self, mark: yaml.Mark) -> tuple[int, int]:
        if self.starts is None:
            return mark.line + 1, mark.column + 1
        line = bisect.bisect_right(self.starts, mark.index)
        return line, mark.index - self.starts[line - 1] + 1


_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _Builder:
    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.position = _Positions(text)
        self.marks = Marks()
        self.problems: list[Diagnostic] = []
        self._seen: set[int] = set()

    def build(self, root: yaml.Node | None) -> Any:
        if root is None:
            return None
        return self._node(root, (), 0)

    def _node(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Refused("E100", node, *_DEPTH_REFUSAL)
        if id(node) in self._seen:
            raise _Refused("E100", node, *_ALIAS_REFUSAL)
        self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(
                "E100",
                node,
                f"YAML tag '{node.tag}' is not allowed in spec files",
                "Remove the '!' tag: spec files hold plain text, lists and mappings.",
            )
        self.marks.values[path] = self.position(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self._node(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _scalar(self, node: yaml.ScalarNode) -> str | None:
        value = node.value
        if not node.style and value in _NULLS:  # plain style is None or ''
            return None
        bad = _UNSTORABLE.search(value)
        if bad:
            self.problems.append(
                Diagnostic(
                    "E102",
                    Severity.ERROR,
                    f"text contains the control character U+{ord(bad.group()):04X}, "
                    "which Word and Excel cannot store",
                    Location(self.file, *self.position(node.start_mark)),
                    "Delete the invisible character (it often comes from copying out of another program).",
                )
            )
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    "E100", key_node, "a mapping key must be plain text", "Write keys as `name: value`."
                )
            key = key_node.value
            key_mark = self.position(key_node.start_mark)
            child = (*path, key)
            if key in result:
                first = self.marks.keys[child]
                self.problems.append(
                    Diagnostic(
                        "E101",
                        Severity.ERROR,
                        f"duplicate key '{key}' (first written on line {first[0]})",
                        Location(self.file, *key_mark),
                        "YAML keeps only one of them; delete or merge the duplicate.",
                    )
                )
                continue
            self.marks.keys[child] = key_mark
            result[key] = self._node(value_node, child, depth + 1)
        return result


def iter_strings(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string in a data tree with its path (used by checks on free text)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from iter_strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_strings(value, (*path, index))
