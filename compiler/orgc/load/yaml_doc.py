"""YAML text to plain data that remembers where every key and value was written.

PyYAML's constructors are not used: they keep the last of duplicate keys, retype
``no``/``010``/``2026-01-01`` (the YAML 1.1 traps) and can build Python objects.
We compose the node graph with the C parser and walk it ourselves, keeping every
scalar as text; the schema stage later turns text into numbers or booleans where
the schema asks for them.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import yaml

from ..diagnostics import Diagnostic, Location, Severity
from ..fix import apply_fixes
from ..i18n import Message
from .parser_words import parser_problem
from .punctuation import BULLETS, COLON, COMMA, SPACE, punctuation_problems, suspect

Path = tuple[str | int, ...]
# (start, end) as 1-based (line, column) pairs, the end excluded
Span = tuple[tuple[int, int], tuple[int, int]]

MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _CParser = object


class _TextComposer(_CParser):  # type: ignore[misc,valid-type]
    """libyaml's composer with every untagged node left as text, list or mapping.

    PyYAML's resolver tries a dozen regular expressions on every scalar to guess
    YAML 1.1 types we would ignore anyway (the schemas type scalars), and takes a
    third of the composing time doing it.
    """

    _TAGS: ClassVar[dict[type, str]] = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind: type, _value: object, _implicit: object) -> str:
        return self._TAGS[kind]

    def descend_resolver(self, *_path: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def _compose(text: str) -> yaml.Node | None:
    if _CParser is object:  # pragma: no cover
        return yaml.compose(text, Loader=yaml.SafeLoader)
    composer = _TextComposer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge")
)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
# Characters that XML 1.0 (hence DOCX and XLSX) cannot hold.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# DEL and the C1 controls: written as YAML escapes ("\u009b31m"), a terminal would obey them
# (`orgc show`, the check report) instead of showing them.
_TERMINAL_CONTROLS = re.compile("[\x7f-\x9f]")
# Invisible controls that reorder how the text around them is displayed (bidi embeddings,
# overrides, isolates): a line of a document could read differently from what was written.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Every character that makes a text worth a closer look: an alias, anchor, tag or escape, a
# character of the three classes above, full-width punctuation or a bullet. Most spec files have
# none, and one scan for all of them spares the seven scans of the checks they stand for (a
# tenth of `orgc check` at 10,000 roles).
_SIGNS = re.compile(
    "[*&!\\\\\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    f"{COLON}{COMMA}{SPACE}{BULLETS}]"
)


class Marks:
    """1-based (line, column) of every value and every mapping key, by data path.

    A scalar written on one line as it reads (plain, or quoted without escapes) also has its
    span: from its first character up to, not including, the end (inside the quotes, if any),
    so that a fix can replace exactly the characters of a value.

    Positions are only needed to report a problem, which most files never have:
    a document read by the fast path keeps its text and composes it again the
    first time a position is asked for.
    """

    __slots__ = ("_keys", "_spans", "_text", "_values")

    def __init__(
        self,
        values: dict[Path, tuple[int, int]] | None = None,
        keys: dict[Path, tuple[int, int]] | None = None,
        text: str | Callable[[], str] | None = None,
    ) -> None:
        self._values = values if values is not None else {}
        self._keys = keys if keys is not None else {}
        self._spans: dict[Path, Span] = {}
        self._text = text

    @classmethod
    def later(cls, text: str | Callable[[], str]) -> Marks:
        """Marks found from ``text``, or from the text a function returns, when first needed."""
        return cls(text=text)

    @property
    def values(self) -> dict[Path, tuple[int, int]]:
        self._locate()
        return self._values

    @property
    def keys(self) -> dict[Path, tuple[int, int]]:
        self._locate()
        return self._keys

    def _locate(self) -> None:
        if self._text is not None:
            text, self._text = self._text, None
            if callable(text):
                text = text()
            builder = _Builder("", text, self)
            builder.build(_compose(text))

    def value(self, path: Path) -> tuple[int, int]:
        """Where the value at ``path`` starts; the nearest written ancestor if it is absent."""
        values = self.values
        while path not in values and path:
            path = path[:-1]
        return values.get(path, (1, 1))

    def key(self, path: Path) -> tuple[int, int]:
        """Where the key of the value at ``path`` is written (falls back to the value)."""
        return self.keys.get(path) or self.value(path)

    def span(self, path: Path) -> Span | None:
        """Where the characters of the scalar at ``path`` start and end, if written as it reads."""
        self._locate()
        return self._spans.get(path)

    def __getstate__(self) -> tuple[object, ...]:
        return (self._values, self._keys, self._spans, self._text)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        self._values, self._keys, self._spans, self._text = state  # type: ignore[assignment]


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

    def span_at(self, *path: str | int) -> Span | None:
        return self.marks.span(tuple(path))


_DEPTH_REFUSAL = (Message("E100.depth", limit=MAX_DEPTH), Message("E100.depth.hint"))
_ALIAS_REFUSAL = (Message("E100.alias"), Message("E100.alias.hint"))


class _Refused(Exception):
    def __init__(
        self, code: str, node: yaml.Node | yaml.Event, message: Message, hint: Message | None = None
    ) -> None:
        super().__init__(message)
        self.code, self.node, self.message, self.hint = code, node, message, hint


def parse_yaml(text: str, file: str) -> tuple[Document | None, tuple[Diagnostic, ...]]:
    """Parse one YAML document; on failure return no document and the located reasons."""
    quiet = _SIGNS.search(text) is None  # no alias, tag, escape, control or full-width sign
    try:
        try:
            if _needs_prescan(text):
                _prescan(text)
            root = _compose(text)
        except yaml.MarkedYAMLError as exc:
            _prescan_before(text, exc.problem_mark or exc.context_mark)
            raise
    except _Refused as exc:
        location = Location(file, *_Positions(text)(exc.node.start_mark))
        return None, (Diagnostic(exc.code, Severity.ERROR, exc.message, location, exc.hint),)
    except yaml.MarkedYAMLError as exc:
        return None, _syntax_problems(exc, file, text)
    except yaml.reader.ReaderError as exc:
        return None, (_reader_error(exc, file, text),)
    except yaml.YAMLError as exc:
        message = Message("E100.yaml-error", problem=parser_problem(str(exc)))
        return None, (Diagnostic("E100", Severity.ERROR, message, Location(file)),)
    if root is not None and not quiet and suspect(text) and (found := punctuation_problems(text, file)):
        return None, found
    if root is not None and (quiet or _plain(text)):
        try:
            return Document(file, _plain_data(root, 0), Marks.later(text)), ()
        except _NotPlain:
            pass  # a duplicate key, a complex key or deep nesting: the careful walk reports it
    builder = _Builder(file, text)
    try:
        data = builder.build(root)
    except _Refused as exc:
        location = Location(file, *builder.position(exc.node.start_mark))
        return None, (Diagnostic(exc.code, Severity.ERROR, exc.message, location, exc.hint),)
    if builder.bare_entries and (found := punctuation_problems(text, file, bare_entries=True)):
        return None, found
    return Document(file, data, builder.marks), tuple(builder.problems)


# Lines that start this deep in indentation or block indicators may nest beyond MAX_DEPTH:
# the first line, or one after a line break (a search for the break, rather than for `^` in
# multi-line mode, which is tried at every character).
_DEEP_FIRST_LINE = re.compile(rf"[ \t?:-]{{{4 * MAX_DEPTH}}}")
_DEEP_LINE = re.compile(rf"\n[ \t?:-]{{{4 * MAX_DEPTH}}}")


def _needs_prescan(text: str) -> bool:
    """Whether the text could hold an alias or nest deeper than MAX_DEPTH; most spec files cannot.

    Each level of flow nesting needs its own '[' or '{', and each level of block
    nesting more indentation or another indicator at the start of a line.
    """
    return (
        "*" in text
        or text.count("[") + text.count("{") > MAX_DEPTH
        or _DEEP_FIRST_LINE.match(text) is not None
        or _DEEP_LINE.search(text) is not None
    )


def _plain(text: str) -> bool:
    """No anchors, tags, escapes or unstorable characters: the fast walk needs no checks for them."""
    return (
        not any(c in text for c in "&!\\")
        and _UNSTORABLE.search(text) is None
        and _TERMINAL_CONTROLS.search(text) is None
        and _BIDI_CONTROLS.search(text) is None
    )


class _NotPlain(Exception):
    pass


def _plain_data(node: yaml.Node, depth: int) -> Any:
    """The data of a composed node graph, without positions (they are found later, if ever)."""
    if depth > MAX_DEPTH:
        raise _NotPlain
    kind = type(node)
    if kind is yaml.ScalarNode:
        value = node.value
        return None if not node.style and value in _NULLS else value
    if kind is yaml.SequenceNode:
        return [_plain_data(item, depth + 1) for item in node.value]
    pairs = node.value
    if node.flow_style and any(_empty_plain(value) for _, value in pairs):
        raise _NotPlain  # perhaps a text cut at a comma: the careful walk looks
    try:
        result = {key.value: _plain_data(value, depth + 1) for key, value in pairs}
    except TypeError:  # a list or mapping as a key is unhashable
        raise _NotPlain from None
    if len(result) != len(pairs) or any(type(key) is not yaml.ScalarNode for key, _ in pairs):
        raise _NotPlain
    return result


def _empty_plain(node: yaml.Node) -> bool:
    return type(node) is yaml.ScalarNode and node.value == "" and not node.style


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


def _prescan_before(text: str, mark: yaml.Mark | None) -> None:
    """Apply orgc's own limits to the text the parser read before it gave up.

    A parser may have limits of its own: libyaml 0.2.6 (in PyYAML 6.0.4's wheels)
    refuses nesting past 1,000 levels, and its scanner looks up to 1,024 characters
    ahead, so on `[[[[…` its refusal comes before the event of orgc's 65th level.
    Whatever the parser stops at, the events before that point show orgc's limit.
    """
    if mark is None or mark.index <= 0:
        return
    # the cut text ends mid-way; unless it shows orgc's limit, the parser's own error is reported
    with contextlib.suppress(yaml.YAMLError):
        _prescan(text[: mark.index])


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
        Message("E100.control-character", code=code),
        Location(file, line, column),
        Message("hint.invisible-character"),
    )


# Errors found only after the scanner has moved on: the problem mark is on a later line
# (often the next key, or the end of the file), the context mark at what needs the fix.
_OPENED_HERE = {
    "while scanning a simple key": None,  # `title 班组长`: the key without ':'
    "while scanning a quoted scalar": Message("E100.syntax.not-closed-quote"),
    "while parsing a flow sequence": Message("E100.syntax.not-closed-bracket"),
    "while parsing a flow mapping": Message("E100.syntax.not-closed-brace"),
}


def _syntax_problems(exc: yaml.MarkedYAMLError, file: str, text: str) -> tuple[Diagnostic, ...]:
    """The full-width punctuation the parser stumbled over, else (or as well) its own complaint.

    The parser stops at the first problem, so the text is read again with the punctuation
    found so far repaired, for the next; a problem on a line no repair touched has the same
    place in the text as written. The parser's complaint is left out when the repaired text
    reads: it was about the same characters, found a line or more further on.
    """
    found = list(punctuation_problems(text, file, failure=exc))
    error = _syntax_error(exc, file, text)
    repaired, edited = text, set()
    for _ in range(_MAX_REREADS):
        if not found or any(d.fix is None for d in found):
            break
        outcome = apply_fixes({file: text}, [d.fix for d in found if d.fix is not None])
        if outcome.left:
            break
        repaired = outcome.texts[file]
        edited = {edit.start[0] for d in found if d.fix for edit in d.fix.edits}
        try:
            _compose(repaired)
        except yaml.MarkedYAMLError as again:
            more = [
                d
                for d in punctuation_problems(repaired, file, failure=again)
                if d.location.line not in edited
            ]
            if not more:
                break
            found = sorted((*found, *more), key=lambda d: d.sort_key)
            continue
        except yaml.YAMLError:
            break
        more = [
            d
            for d in punctuation_problems(repaired, file, bare_entries=True)
            if d.location.line not in edited
        ]
        return tuple(sorted((*found, *more), key=lambda d: d.sort_key))
    if not found:
        return (error,)
    if any(d.location.line == error.location.line for d in found):
        return tuple(found)
    return tuple(sorted((*found, error), key=lambda d: d.sort_key))


# Each reading with repairs finds at least one more problem, else the reading stops.
_MAX_REREADS = 20


def _syntax_error(exc: yaml.MarkedYAMLError, file: str, text: str = "") -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    detail = exc.problem or ""  # the parser's words, when they are what is reported
    problem = parser_problem(exc.problem, exc.context)
    opened = exc.context_mark
    if exc.context in _OPENED_HERE and opened and mark and mark.line > opened.line:
        mark = opened
        if _OPENED_HERE[exc.context]:
            problem, detail = _OPENED_HERE[exc.context], ""
    elif mark and (quote := _runaway_quote(text, mark.line)):
        end = _Positions(text)(mark)[0]
        problem, detail = Message("E100.syntax.runaway-quote", line=end), ""
        mark = quote
    line, column = _Positions(text)(mark) if mark else (1, 1)
    lines = text.split("\n")
    if text and line > len(lines):  # libyaml ends the stream on a line of its own
        line, column = len(lines), len(lines[-1]) + 1
    hint = Message("E100.syntax.hint")
    odd = _OTHER_BREAKS.search(lines[line - 1]) if 0 < line <= len(lines) else None
    if odd:  # point at the invisible character itself: that is what to delete
        column = odd.start() + 1
        hint = Message("E100.syntax.line-break.hint", code=ord(odd.group()[0]))
    at_tab = mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t"
    if at_tab or "\\t" in detail or "'\t'" in detail or "\t" in detail:
        problem, hint = Message("E100.syntax.tab"), Message("E100.syntax.tab.hint")
    elif "expected a single document" in str(exc.context or ""):
        problem = Message("E100.syntax.second-document")
        hint = Message("E100.syntax.second-document.hint")
    elif "control characters" in detail or "special characters" in detail:
        hint = Message("E100.syntax.control.hint")
    return Diagnostic(
        "E100", Severity.ERROR, Message("E100.syntax", problem=problem), Location(file, line, column), hint
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
        # libyaml puts the empty node of a last line without '\n' (`--- `) on a line after it
        self.lines = text.count("\n") + 1
        self.end = (self.lines, len(text) - text.rfind("\n"))

    def __call__(self, mark: yaml.Mark) -> tuple[int, int]:
        if self.starts is None:
            return (mark.line + 1, mark.column + 1) if mark.line < self.lines else self.end
        line = bisect.bisect_right(self.starts, mark.index)
        return line, mark.index - self.starts[line - 1] + 1


_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _Builder:
    def __init__(self, file: str, text: str = "", marks: Marks | None = None) -> None:
        self.file = file
        self.text = text
        self.position = _Positions(text)
        self.marks = marks if marks is not None else Marks()
        self.problems: list[Diagnostic] = []
        self._seen: set[int] = set()
        # a `{…}` entry without ':' (`{zh: 甲, 乙}`): maybe a text cut at its comma
        self.bare_entries = False

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
                Message("E100.tag", tag=node.tag),
                Message("E100.tag.hint"),
            )
        self.marks._values[path] = self.position(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            self._span(node, path)
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self._node(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _span(self, node: yaml.ScalarNode, path: Path) -> None:
        start, end = node.start_mark, node.end_mark
        if start.line != end.line or not self.text:
            return
        inner = 1 if node.style in ("'", '"') else 0
        if inner == 0 and node.style:  # a block scalar (| or >)
            return
        if self.text[start.index + inner : end.index - inner] == node.value:
            line, column = self.position(start)
            self.marks._spans[path] = (
                (line, column + inner),
                (line, column + end.index - start.index - inner),
            )

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
                    Message("E102.control-character", code=ord(bad.group())),
                    Location(self.file, *self.position(node.start_mark)),
                    Message("hint.invisible-character"),
                )
            )
        terminal = _TERMINAL_CONTROLS.search(value) if not bad else None
        if terminal:
            self.problems.append(
                Diagnostic(
                    "E102",
                    Severity.ERROR,
                    Message("E102.terminal-control", code=ord(terminal.group())),
                    Location(self.file, *self.position(node.start_mark)),
                    Message("hint.invisible-character"),
                )
            )
        bidi = _BIDI_CONTROLS.search(value)
        if bidi:
            self.problems.append(
                Diagnostic(
                    "E102",
                    Severity.ERROR,
                    Message("E102.bidi-control", code=ord(bidi.group())),
                    Location(self.file, *self.position(node.start_mark)),
                    Message("E102.bidi-control.hint"),
                )
            )
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    "E100", key_node, Message("E100.key-not-text"), Message("E100.key-not-text.hint")
                )
            key = key_node.value
            key_mark = self.position(key_node.start_mark)
            child = (*path, key)
            if key in result:
                first = self.marks._keys[child]
                self.problems.append(
                    Diagnostic(
                        "E101",
                        Severity.ERROR,
                        Message("E101", key=key, line=first[0]),
                        Location(self.file, *key_mark),
                        Message("E101.hint"),
                    )
                )
                continue
            self.marks._keys[child] = key_mark
            if node.flow_style and _empty_plain(value_node):
                self.bare_entries = True
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
