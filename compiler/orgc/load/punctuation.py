"""Full-width punctuation, list bullets and unquoted commas where YAML needs its own signs.

A Chinese input method types ``：`` for ``:``, ``，`` for ``,`` and ``　`` for a space, and
text pasted from Word brings ``・`` or ``•`` where YAML lists start with ``-``. YAML reads
all of them as text: ``years：3`` is one word, which the parser then stumbles over a line
later, and ``{kpi：x, target: …}`` is a valid mapping with a strange key, which the schema
and the rules would each report in their own way. Here the scanner's tokens (the plain,
unquoted texts and where they stand) show each such character, so that it is reported
where it was typed, once, with the characters to type instead.

Only what YAML would misread is reported: ``：`` after a field name where a field starts,
``，`` between ids in ``[…]`` or before the next field in ``{…}``, a bullet or a full-width
space where a line's content starts. Chinese prose keeps its punctuation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import yaml

from ..diagnostics import Diagnostic, Edit, Fix, Location, Severity
from ..i18n import Message

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

COLON, COMMA, SPACE = "：", "，", "　"
BULLETS = "・•●－—·"
# Bullets that also begin ordinary text (a dash of prose, a middle dot) count only before a space.
_BULLETS_BEFORE_SPACE = "—·"

# Cheap signs that a text may hold one of these mistakes; only then are its tokens read. Each
# sign starts at a full-width character, found by a scan for those few characters alone: a
# pattern that began with the ASCII before them would be tried at nearly every position of
# every file (a tenth of `orgc check` at 10,000 roles).
_WIDE = re.compile(f"[{COLON}{COMMA}]")
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_ID_AFTER = re.compile(r"[ \t]*[A-Za-z0-9_.-]")
_KEY_AFTER = re.compile(r"[ \t]*[A-Za-z_][A-Za-z0-9_-]*[ \t]*[:：]")
_LINE_STARTS_WIDE = re.compile(rf"^[ \t]*[{SPACE}{BULLETS}]", re.MULTILINE)
_KEY = r"[A-Za-z_][A-Za-z0-9_-]*"
_KEY_THEN_COLON = re.compile(rf"({_KEY})[ \t]*{COLON}")
_LOWER_KEY_THEN_COLON = re.compile(rf"[a-z_][A-Za-z0-9_-]*[ \t]*{COLON}")
_IDS = re.compile(rf"[A-Za-z0-9_.-]+(?:[ \t]*{COMMA}[ \t]*[A-Za-z0-9_.-]+)+")
_NEXT_KEY = re.compile(rf"[ \t]*{_KEY}[ \t]*([:{COLON}])")
_SPACES = " \t" + SPACE
_LINE_START = re.compile(r"[ \t]*(?:-[ \t]+)?")  # indentation, and the '- ' of a list item
_STRUCTURE = re.compile(rf"-(?:[ \t]|$)|{_KEY}[ \t]*[:{COLON}]|[{BULLETS}]")
_LANGUAGE_KEY = re.compile(r"[a-z]{2}(?:[-_][A-Za-z0-9]+)*")
_IDENTIFIER = re.compile(r"[A-Za-z0-9_.-]+")


def suspect(text: str) -> bool:
    """Whether ``text`` may hold full-width punctuation or a bullet where YAML needs its own:
    ``key：``, ``a，b`` between ids, ``，key:`` in braces, or a line starting with a full-width
    space or a bullet."""
    for found in _WIDE.finditer(text):
        at = found.start()
        before = at - 1
        while before >= 0 and text[before] in " \t":
            before -= 1
        after_id = before >= 0 and text[before] in _ID_CHARS
        if text[at] == COLON:
            if after_id and text[before] != ".":
                return True
        elif (after_id and _ID_AFTER.match(text, at + 1)) or _KEY_AFTER.match(text, at + 1):
            return True
    return any(char in text for char in SPACE + BULLETS) and _LINE_STARTS_WIDE.search(text) is not None


@dataclass
class _Frame:
    """An open ``[`` or ``{``, and in a ``{``, the entries that followed its last value."""

    kind: str  # "map" | "seq"
    value: yaml.Token | None = None  # the last plain value after a key
    key: yaml.Token | None = None
    comma: int | None = None  # where the ',' after that value is
    bare: list[yaml.Token] = field(default_factory=list)  # entries with no ':' after it


class _Finder:
    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self.found: dict[int, Diagnostic] = {}

    # -- positions ------------------------------------------------------------------------------

    def position(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def line_start(self, index: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, index) - 1]

    def own_line(self, index: int) -> bool:
        """Whether only ASCII indentation stands before ``index`` on its line."""
        return self.text[self.line_start(index) : index].strip(" \t") == ""

    def edit(self, start: int, end: int, text: str) -> Edit:
        return Edit(self.file, self.position(start), self.position(end), text)

    def report(self, index: int, what: Message, hint: Message, fix: Fix | None) -> None:
        if index not in self.found:
            location = Location(self.file, *self.position(index))
            self.found[index] = Diagnostic("E100", Severity.ERROR, what, location, hint, fix=fix)

    def reported_within(self, start: int, end: int) -> bool:
        return any(start <= index < end for index in self.found)

    # -- the characters -------------------------------------------------------------------------

    def colon(self, index: int) -> None:
        after = self.text[index + 1 : index + 2]
        typed = ":" if after in (" ", "\t", "\r", "\n", "") else ": "
        fix = Fix(Message("E100.fullwidth-colon.fix"), (self.edit(index, index + 1, typed),))
        self.report(index, Message("E100.fullwidth-colon"), Message("E100.fullwidth-colon.hint"), fix)

    def comma(self, index: int) -> None:
        after = self.text[index + 1 : index + 2]
        typed = "," if after in (" ", "\t", "\r", "\n", "") else ", "
        fix = Fix(Message("E100.fullwidth-comma.fix"), (self.edit(index, index + 1, typed),))
        self.report(index, Message("E100.fullwidth-comma"), Message("E100.fullwidth-comma.hint"), fix)

    def bullet(self, index: int) -> None:
        end = self._after_spaces(index + 1, len(self.text))
        char = self.text[index]
        fix = Fix(Message("E100.bullet.fix", char=char), (self.edit(index, end, "- "),))
        self.report(index, Message("E100.bullet", char=char), Message("E100.bullet.hint", char=char), fix)

    def space(self, index: int, end: int) -> None:
        """A full-width space in the indentation that runs from the line's start to ``end``."""
        start = self.line_start(index)
        width = self._indentation_width(start, end)
        fix = None
        if width is not None:
            fix = Fix(Message("E100.fullwidth-space.fix"), (self.edit(start, end, " " * width),))
        self.report(index, Message("E100.fullwidth-space"), Message("E100.fullwidth-space.hint"), fix)

    def _indentation_width(self, start: int, end: int) -> int | None:
        """The width the indentation was meant to have, when the lines around it say so.

        A full-width space shows as wide as two ASCII ones; whether it stood for two, one or
        none is told by the nearest lines with content: the one below, and the one above
        unless it opens a block (ends with ':', so that this line is deeper than it).
        """
        indent = self.text[start:end]
        ascii_part = len(indent) - indent.count(SPACE)
        candidates = {ascii_part + indent.count(SPACE) * n for n in (0, 1, 2)}
        above, opens = self._neighbour(start, -1)
        below, _ = self._neighbour(start, 1)
        around = {below} | ({above} if not opens else set())
        fitting = candidates & (around - {None})
        return fitting.pop() if len(fitting) == 1 else None

    def _neighbour(self, start: int, step: int) -> tuple[int | None, bool]:
        """The indentation of the nearest line above or below with content, and whether it ends with ':'."""
        line = bisect.bisect_right(self.starts, start) - 1 + step
        while 0 <= line < len(self.starts):
            begin = self.starts[line]
            stop = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.text)
            content = self.text[begin:stop].rstrip("\r")
            stripped = content.lstrip(" ")
            if stripped and not stripped.startswith("#"):
                if stripped.startswith(SPACE):
                    return None, False
                return len(content) - len(stripped), stripped.rstrip().endswith(":")
            line += step
        return None, False

    def comma_in_text(self, frame: _Frame) -> None:
        """``{zh: 办公室为主, 轮班}``: YAML ended the text at the comma and read ``轮班`` as a key."""
        value, key = frame.value, frame.key
        if value is None or key is None or frame.comma is None or not frame.bare:
            return
        key_text = self.text[key.start_mark.index : key.end_mark.index]
        texts = [self.text[t.start_mark.index : t.end_mark.index] for t in frame.bare]
        if not _LANGUAGE_KEY.fullmatch(key_text) and all(_IDENTIFIER.fullmatch(t) for t in texts):
            return  # `{kpi: csat, weight}` is not a text cut in two
        start, end = value.start_mark.index, frame.bare[-1].end_mark.index
        written = self.text[start:end]
        quote = next((q for q in ('"', "'") if q not in written and "\\" not in written), None)
        if quote is None and "'" not in written:
            quote = "'"
        fix = None
        if quote is not None and "\n" not in written:
            quoted = quote + written + quote
            edits = (self.edit(start, start, quote), self.edit(end, end, quote))
            fix = Fix(Message("E100.comma-in-text.fix", quoted=quoted), edits)
        else:
            quoted = '"' + written.replace("\\", "\\\\").replace('"', '\\"') + '"'
        self.report(
            frame.comma,
            Message("E100.comma-in-text", text=written),
            Message("E100.comma-in-text.hint", quoted=quoted),
            fix,
        )

    # -- where they stand -----------------------------------------------------------------------

    def plain(
        self, token: yaml.ScalarToken, previous: yaml.Token | None, frame: _Frame | None, stop: int | None
    ) -> None:
        """One unquoted text, line by line: what starts each of its lines, and its commas."""
        start, end = token.start_mark.index, token.end_mark.index
        begin = start
        first = True
        while begin < end:
            stop_at = self.text.find("\n", begin, end)
            line_end = end if stop_at < 0 else stop_at
            self._segment(begin, line_end, first, previous, frame, token, stop)
            if stop_at < 0:
                break
            begin = stop_at + 1
            while begin < end and self.text[begin] in " \t":
                begin += 1
            first = False
        if frame is not None:
            self._commas(start, end, frame)

    def _segment(
        self,
        begin: int,
        end: int,
        first: bool,
        previous: yaml.Token | None,
        frame: _Frame | None,
        token: yaml.ScalarToken,
        stop: int | None,
    ) -> None:
        own_line = self.own_line(begin)
        at = begin
        if own_line:
            run_end = self._after_spaces(begin, end)
            if SPACE in self.text[begin:run_end] and _STRUCTURE.match(
                self.text, run_end, self._line_end(run_end)
            ):
                self.space(self.text.index(SPACE, begin), run_end)
            at = run_end
            char = self.text[at : at + 1]
            if char and char in BULLETS and frame is None:
                after = self.text[at + 1 : at + 2]
                if char not in _BULLETS_BEFORE_SPACE or (after and after in _SPACES):
                    self.bullet(at)
                    at = self._after_spaces(at + 1, end)
                    own_line = True
        if not self._key_may_start(first, own_line, at, previous, frame, token, stop):
            return
        lower = frame is None and own_line and (not first or isinstance(previous, yaml.ValueToken))
        pattern = _LOWER_KEY_THEN_COLON if lower else _KEY_THEN_COLON
        match = pattern.match(self.text, at, end)
        if match:
            self.colon(match.end() - 1)

    def _key_may_start(
        self,
        first: bool,
        own_line: bool,
        at: int,
        previous: yaml.Token | None,
        frame: _Frame | None,
        token: yaml.ScalarToken,
        stop: int | None,
    ) -> bool:
        """Whether a field name could start at ``at``, so that a ``：`` after it stands for ``:``."""
        if not first:
            return frame is None  # a line of a text that runs on: only where lines are blocks
        if frame is not None:
            return frame.kind == "map" and isinstance(
                previous, (yaml.FlowMappingStartToken, yaml.FlowEntryToken, yaml.KeyToken)
            )
        if isinstance(previous, yaml.KeyToken) or (
            own_line and not isinstance(previous, yaml.BlockEntryToken)
        ):
            return True
        # `- kpi：csat` is a text in a list, unless the parser could not go on after it
        return stop is not None and token.start_mark.index <= stop <= self._line_end(token.end_mark.index)

    def _after_spaces(self, index: int, end: int) -> int:
        """Past the spaces, tabs and full-width spaces from ``index``."""
        while index < end and self.text[index] in _SPACES:
            index += 1
        return index

    def _line_end(self, index: int) -> int:
        found = self.text.find("\n", index)
        return len(self.text) if found < 0 else found

    def _commas(self, start: int, end: int, frame: _Frame) -> None:
        written = self.text[start:end]
        if COMMA not in written:
            return
        if frame.kind == "seq":
            if _IDS.fullmatch(written):
                for i, ch in enumerate(written):
                    if ch == COMMA:
                        self.comma(start + i)
            return
        for i, ch in enumerate(written):
            if ch != COMMA:
                continue
            key = _NEXT_KEY.match(self.text, start + i + 1)
            if key:
                self.comma(start + i)
                if key.group(1) == COLON:
                    self.colon(key.end() - 1)

    def after_stop(self, stop: int, opened: int | None) -> None:
        """The character the parser stopped at (or the first after spaces), if it is one of ours,
        and a field name with '：' at the start of the line of what it was reading (a key
        running on to the next line: `headcount： 18` ends only at the next field's ':')."""
        for mark in (stop, opened):
            if mark is not None:
                begin = self.line_start(mark)
                start = _LINE_START.match(self.text, begin)
                key = _KEY_THEN_COLON.match(self.text, start.end() if start else begin)
                if key:
                    self.colon(key.end() - 1)
        index = stop
        while index < len(self.text) and self.text[index] in " \t":
            index += 1
        char = self.text[index : index + 1]
        if char == COMMA:
            self.comma(index)
        elif char == COLON and re.search(rf"{_KEY}[ \t]*$", self.text[self.line_start(index) : index]):
            self.colon(index)


def punctuation_problems(
    text: str, file: str, bare_entries: bool = False, failure: yaml.MarkedYAMLError | None = None
) -> tuple[Diagnostic, ...]:
    """The full-width punctuation, bullets and cut texts in ``text``, each where it was typed.

    ``bare_entries``: the document has a ``{…}`` entry with no ``:``, which may be the second
    half of a text cut at a comma; ``failure``: why the parser could not read the text. Without
    either, and without a sign from ``suspect``, there is nothing to look for.
    """
    if not bare_entries and failure is None and not suspect(text):
        return ()
    finder = _Finder(text, file)
    tokens: list[yaml.Token] = []
    stop: int | None = None
    opened: int | None = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            tokens.append(token)
    except yaml.MarkedYAMLError as exc:
        failure = exc  # the scanner's own, sooner than the parser's
    except yaml.YAMLError:
        pass
    if failure is not None:
        mark = failure.problem_mark or failure.context_mark
        stop = mark.index if mark is not None else None
        opened = failure.context_mark.index if failure.context_mark is not None else None
    stack: list[_Frame] = []
    previous: yaml.Token | None = None
    for i, token in enumerate(tokens):
        frame = stack[-1] if stack else None
        if isinstance(token, yaml.FlowMappingStartToken):
            stack.append(_Frame("map"))
        elif isinstance(token, yaml.FlowSequenceStartToken):
            stack.append(_Frame("seq"))
        elif isinstance(token, (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
            if frame is not None:
                finder.comma_in_text(frame)
                stack.pop()
        elif isinstance(token, yaml.KeyToken) and frame is not None and frame.kind == "map":
            finder.comma_in_text(frame)
            frame.value, frame.key, frame.comma, frame.bare = None, None, None, []
        elif isinstance(token, yaml.FlowEntryToken) and frame is not None and frame.value is not None:
            if frame.comma is None:
                frame.comma = token.start_mark.index
        elif isinstance(token, yaml.ScalarToken):
            if not token.style:
                finder.plain(token, previous, frame, stop)
            if frame is not None and frame.kind == "map":
                _entry(
                    frame, token, previous, tokens[i - 2] if i >= 2 else None, tokens[i + 1 : i + 2], finder
                )
        previous = token
    if stop is not None:
        finder.after_stop(stop, opened)
    return tuple(finder.found[index] for index in sorted(finder.found))


def _entry(
    frame: _Frame,
    token: yaml.ScalarToken,
    previous: yaml.Token | None,
    key: yaml.Token | None,
    following: list[yaml.Token],
    finder: _Finder,
) -> None:
    """Keep track of a ``{…}``'s last plain value and the ``:``-less entries after it."""
    if isinstance(previous, yaml.ValueToken):
        plain = not token.style and isinstance(key, yaml.ScalarToken)
        frame.value, frame.key = (token, key) if plain else (None, None)
        frame.comma, frame.bare = None, []
        return
    after = following[0] if following else None
    bare = isinstance(previous, yaml.FlowEntryToken) and isinstance(
        after, (yaml.FlowEntryToken, yaml.FlowMappingEndToken)
    )
    if (
        bare
        and not token.style
        and frame.value is not None
        and not finder.reported_within(token.start_mark.index, token.end_mark.index)
    ):
        frame.bare.append(token)
    else:
        frame.value = None
