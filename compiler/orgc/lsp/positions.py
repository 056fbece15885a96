"""orgc's 1-based (line, column in characters) against LSP's 0-based (line, column in UTF-16 units)."""

from __future__ import annotations

from lsprotocol import types


class Lines:
    """A text split into lines, to convert positions both ways."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def line(self, index: int) -> str:
        """The 0-based line ``index`` without its end ("" past the end)."""
        if 0 <= index < len(self.lines):
            return self.lines[index].removesuffix("\r")
        return ""

    def to_lsp(self, line: int, column: int) -> types.Position:
        """The LSP position of orgc's (line, column)."""
        text = self.line(line - 1)
        return types.Position(max(line - 1, 0), utf16_length(text[: max(column - 1, 0)]))

    def to_orgc(self, position: types.Position) -> tuple[int, int]:
        """orgc's (line, column) of an LSP position; a column inside a surrogate pair is taken before it."""
        text = self.line(position.line)
        return position.line + 1, char_index(text, position.character) + 1

    def range_of(self, line: int, start: int, end: int) -> types.Range:
        """The LSP range of columns ``start`` to ``end`` (1-based, end excluded) of ``line``."""
        return types.Range(self.to_lsp(line, start), self.to_lsp(line, end))


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def char_index(text: str, units: int) -> int:
    """How many characters of ``text`` its first ``units`` UTF-16 units hold."""
    count = 0
    for index, ch in enumerate(text):
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > units:
            return index
    return len(text)


def token_end(text: str, start: int) -> int:
    """The end (0-based index, excluded) of the scalar or key that starts at ``start`` of a line."""
    if start >= len(text):
        return start
    if text[start] in "'\"":
        close = text.find(text[start], start + 1)
        return close + 1 if close > 0 else len(text)
    end = start
    while end < len(text) and text[end] not in ",]}" and not text.startswith((": ", " #"), end):
        end += 1
    if text[end - 1 : end] == ":" and end == len(text.rstrip()):
        end -= 1
    return len(text[:end].rstrip()) if end > start else start


def token_range(lines: Lines, line: int, column: int) -> types.Range:
    """The range of what is written at orgc's (line, column): a key, a scalar, or (if none) one character."""
    text = lines.line(line - 1)
    end = token_end(text, column - 1) + 1
    if end <= column:
        end = min(column + 1, len(text) + 1)
    return lines.range_of(line, column, max(end, column))
