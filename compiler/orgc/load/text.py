"""Bytes to text: UTF-8 only, with a precise E100 when a file is not."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Severity
from ..i18n import Message

MAX_FILE_BYTES = 4 * 1024 * 1024

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class DecodedText:
    text: str | None
    problem: Diagnostic | None
    stamp: tuple[int, int, int] | None = None  # size, modification time, inode, as read
    digest: str | None = None  # of the bytes read


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def read_spec(path: Path, file: str) -> DecodedText:
    """Read and decode one spec file; a file over the size limit is refused before it is read.

    The file is opened without waiting and must be a regular file: a named pipe in
    place of a spec file would otherwise keep orgc waiting forever. An OSError (no
    permission, the file vanished) is left to the caller.
    """
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            problem = Diagnostic(
                "E102",
                Severity.ERROR,
                Message("E102.not-a-file"),
                Location(file),
                Message("E102.not-a-file.hint"),
            )
            return DecodedText(None, problem)
        if info.st_size > MAX_FILE_BYTES:
            return _too_large(file, info.st_size)
        with os.fdopen(handle, "rb", closefd=False) as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)  # it may have grown since fstat
    finally:
        os.close(handle)
    decoded = decode(raw, file)
    stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
    return replace(decoded, stamp=stamp, digest=content_digest(raw)) if decoded.text is not None else decoded


def decode(raw: bytes, file: str) -> DecodedText:
    """Decode a spec file's bytes, or explain in one diagnostic why it is not UTF-8 text."""
    if len(raw) > MAX_FILE_BYTES:
        return _too_large(file, len(raw))
    if raw.startswith(_UTF16_BOMS) or _utf16_without_bom(raw):
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


def _too_large(file: str, size: int) -> DecodedText:
    return _fail(
        file,
        1,
        1,
        Message("E100.too-large", size=size / 1048576, limit=MAX_FILE_BYTES // 1048576),
        Message("E100.too-large.hint"),
    )


def _utf16_without_bom(raw: bytes) -> bool:
    """UTF-16 saved without a BOM: spec files are mostly ASCII (their keys), so one byte of
    nearly every pair is NUL, always on the same side."""
    sample = raw[:4096]
    if len(sample) < 8:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) >= len(sample) // 8


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
