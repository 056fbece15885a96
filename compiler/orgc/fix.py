"""Applying Fixes to texts: edits by (line, column) in, new texts out. Nothing here reads or writes files.

Only the characters an edit names change; everything else (comments, quoting, line endings)
is the text as it was. A fix is applied whole or not at all: one that overlaps a fix already
taken, names a position the text does not have, or names a file not given is left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .diagnostics import Fix


@dataclass(frozen=True)
class Applied:
    """The texts after the fixes that could be applied, which were, and which were left."""

    texts: dict[str, str]
    applied: tuple[Fix, ...]
    left: tuple[Fix, ...]


# (start, end) offsets into one file's text
_Span = tuple[int, int]


def apply_fixes(texts: Mapping[str, str], fixes: Sequence[Fix]) -> Applied:
    """``texts`` (by file) with every fix that fits applied, in the order given."""
    offsets = {file: _LineStarts(text) for file, text in texts.items()}
    taken: dict[str, list[tuple[_Span, str]]] = {}
    applied: list[Fix] = []
    left: list[Fix] = []
    for fix in fixes:
        spans = _spans(fix, offsets)
        if spans is None or not spans:
            left.append(fix)
            continue
        if all((span, text) in taken.get(file, ()) for file, span, text in spans):
            applied.append(fix)  # the same repair, offered by a second diagnostic
            continue
        if _conflicts(spans) or any(
            _overlap(span, other) for file, span, _ in spans for other, _ in taken.get(file, ())
        ):
            left.append(fix)
            continue
        for file, span, text in spans:
            taken.setdefault(file, []).append((span, text))
        applied.append(fix)
    result = dict(texts)
    for file, edits in taken.items():
        result[file] = _edited(texts[file], edits)
    return Applied(result, tuple(applied), tuple(left))


def _spans(fix: Fix, offsets: Mapping[str, _LineStarts]) -> list[tuple[str, _Span, str]] | None:
    """The fix's edits as offsets, or None when one of them names a place that is not there."""
    found = []
    for edit in fix.edits:
        starts = offsets.get(edit.file)
        if starts is None:
            return None
        start, end = starts.offset(edit.start), starts.offset(edit.end)
        if start is None or end is None or end < start:
            return None
        found.append((edit.file, (start, end), edit.text))
    return found


def _conflicts(spans: list[tuple[str, _Span, str]]) -> bool:
    """Whether two edits of one fix touch the same characters (their order would be a guess)."""
    return any(
        file == other_file and _overlap(span, other)
        for i, (file, span, _) in enumerate(spans)
        for other_file, other, _ in spans[i + 1 :]
    )


def _overlap(a: _Span, b: _Span) -> bool:
    """Replacements sharing a character, two insertions at one place, or an insertion inside a
    replacement. Edits that only meet (one ends where the other starts) do not overlap."""
    if a[0] == a[1] and b[0] == b[1]:
        return a[0] == b[0]
    if a[0] == a[1]:
        return b[0] < a[0] < b[1]
    if b[0] == b[1]:
        return a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def _edited(text: str, edits: list[tuple[_Span, str]]) -> str:
    # From the end, so that earlier offsets stay true; at one offset a replacement goes
    # first, so that an insertion there ends up before its text.
    for (start, end), new in sorted(edits, key=lambda edit: edit[0], reverse=True):
        text = text[:start] + new + text[end:]
    return text


class _LineStarts:
    """Offsets of (line, column) positions, lines counted by '\\n' as in ``Location``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def offset(self, position: tuple[int, int]) -> int | None:
        line, column = position
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)  # at its '\n'
        if end > start and self.text[end - 1] == "\r" and line < len(self.starts):
            end -= 1  # never between the '\r' and '\n' of a CRLF line ending
        if start + column - 1 > end:
            return None
        return start + column - 1
