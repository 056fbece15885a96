"""Bytes to text: UTF-8 only, with a precise E100 when a file is not."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Diagnostic, Location, Severity
from ..messages import Message

MAX_FILE_BYTES = 4 * 1024 * 1024

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class DecodedText:
    text: str | None
    problem: Diagnostic | None


def decode(raw: bytes, file: str) -> DecodedText:
    """Decode a spec file's bytes, or explain in one diagnostic why it is not UTF-8 text."""
    if len(raw) > MAX_FILE_BYTES:
        return _fail(
            file,
            1,
            1,
            Message("E100.too-large", size=len(raw) / 1048576, limit=MAX_FILE_BYTES // 1048576),
            Message("E100.too-large.hint"),
        )
    if raw.startswith(_UTF16_BOMS):
        return _fail(
            file,
            1,
            1,
            Message("E100.utf16"),
            Message("E100.utf16.hint"),
        )
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _not_utf8(raw, exc.start, file)
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _line_col(text, nul)
        return _fail(
            file,
            line,
            column,
            Message("E100.nul"),
            Message("E100.nul.hint"),
        )
    return DecodedText(text, None)


def _not_utf8(raw: bytes, bad: int, file: str) -> DecodedText:
    prefix = raw[:bad].decode("utf-8")
    line, column = _line_col(prefix, len(prefix))
    if _looks_like_gb18030(raw):
        message, hint = Message("E100.gbk"), Message("E100.gbk.hint")
    else:
        message, hint = Message("E100.not-utf8", byte=raw[bad]), Message("E100.not-utf8.hint")
    return _fail(file, line, column, message, hint)


def _looks_like_gb18030(raw: bytes) -> bool:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _fail(file: str, line: int, column: int, message: Message, hint: Message) -> DecodedText:
    return DecodedText(None, Diagnostic("E100", Severity.ERROR, message, Location(file, line, column), hint))
