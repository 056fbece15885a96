"""Reading a roster: CSV (UTF-8, UTF-16 or GBK/GB18030, detected and named) or an XLSX sheet."""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import Message, os_reason, verbatim
from . import ImportProblem

if TYPE_CHECKING:  # openpyxl (65 ms) is imported only to read an XLSX roster
    from openpyxl.worksheet.worksheet import Worksheet

MAX_ROSTER_BYTES = 32 * 1024 * 1024
MAX_ROWS = 20_000

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and encrypted .xlsx) container
_DELIMITERS = (",", "\t", ";")


class RosterError(ImportProblem):
    """The roster cannot be read at all (exit code 2): missing, not a roster, wrong encoding."""


@dataclass(frozen=True)
class Row:
    """One row as a spreadsheet user numbers it (the first row is 1), its cells as text."""

    number: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass(frozen=True)
class Sheet:
    """The rows of one roster table and how they were read (for the note the user sees)."""

    name: str  # the file as the user named it, used in every row message
    rows: tuple[Row, ...]
    read_as: Message  # e.g. UTF-8, GBK/GB18030, sheet '岗位表'
    is_sheet: bool = False  # read from a sheet of a workbook (read_as names it), not a CSV file


def read_roster(
    path: Path, sheet: str | None = None, encoding: str | None = None, display: str | None = None
) -> tuple[Sheet, ...]:
    """The tables of a roster file: one for a CSV; for an XLSX, the named sheet or every sheet."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RosterError(Message("import.no-such-file", name=name)) from None
    except IsADirectoryError:
        raise RosterError(Message("import.is-a-folder", name=name)) from None
    except OSError as exc:
        raise RosterError(Message("import.cannot-read", name=name, reason=os_reason(exc))) from None
    if len(raw) > MAX_ROSTER_BYTES:
        size, limit = len(raw) / 1048576, MAX_ROSTER_BYTES // 1048576
        raise RosterError(Message("import.too-large", name=name, size=size, limit=limit))
    if raw.startswith(_ZIP):
        return _read_xlsx(raw, name, sheet)
    if raw.startswith(_OLE):
        raise RosterError(Message("import.old-xls", name=name))
    if sheet is not None:
        raise RosterError(Message("import.sheet-of-csv", name=name))
    text, read_as = _decode(raw, name, encoding)
    return (Sheet(name, _csv_rows(text, name), read_as),)


def decode_text(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, Message]:
    """Text in the encoding given, else detected (UTF-8, UTF-16 or GBK/GB18030), and how it was read."""
    return _decode(raw, name, encoding)


def _decode(raw: bytes, name: str, encoding: str | None) -> tuple[str, Message]:
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise RosterError(Message("import.unknown-encoding", encoding=encoding)) from None
        if codec == "utf-8":
            codec = "utf-8-sig"
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            byte = f"0x{raw[exc.start]:02x}"
            problem = Message(
                "import.not-in-encoding", name=name, encoding=encoding, byte=byte, offset=exc.start
            )
            raise RosterError(problem) from None
        return _no_nul(text, name), Message("import.given-encoding", encoding=encoding)
    if raw.startswith(_UTF16_BOMS):
        try:
            return _no_nul(raw.decode("utf-16"), name), verbatim("UTF-16")
        except UnicodeDecodeError:
            raise RosterError(Message("import.bad-utf16", name=name)) from None
    if raw.startswith(_UTF8_BOM):
        try:
            return _no_nul(raw[len(_UTF8_BOM) :].decode("utf-8"), name), Message("import.utf8-bom")
        except UnicodeDecodeError:
            pass
    try:
        return _no_nul(raw.decode("utf-8"), name), verbatim("UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise RosterError(Message("import.not-text", name=name)) from None
    return _no_nul(text, name), Message("import.gbk")


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise RosterError(Message("import.nul", name=name))
    return text


def _csv_rows(text: str, name: str) -> tuple[Row, ...]:
    delimiter = _delimiter(text)
    rows = []
    try:
        # A record is one spreadsheet row even when a quoted cell spans several lines, so rows
        # are counted by record, not by line: that is the number the user sees in Excel.
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
            if number > MAX_ROWS:
                raise RosterError(Message("import.too-many-rows", name=name, count=MAX_ROWS))
            rows.append(Row(number, tuple(_clean(cell) for cell in record)))
    except csv.Error as exc:
        raise RosterError(Message("import.not-csv", name=name, error=verbatim(str(exc)))) from None
    return tuple(rows)


def _delimiter(text: str) -> str:
    sample = [line for line in text.splitlines()[:20] if line.strip()][:5]
    counts = {d: sum(line.count(d) for line in sample) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties keep the earlier one: ','
    return best if counts[best] else ","


_CONTROL = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f]")


def _clean(cell: str) -> str:
    # Some exports write a line break inside a cell as a vertical tab; other control characters are noise.
    cell = cell.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _CONTROL.sub("", cell).strip()


def _read_xlsx(raw: bytes, name: str, sheet: str | None) -> tuple[Sheet, ...]:
    from openpyxl import load_workbook  # 65 ms, which a CSV roster does not need

    try:
        within_budget(raw, name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RosterError(Message("import.not-xlsx", name=name, error=verbatim(str(exc)))) from None
    names = book.sheetnames
    if sheet is not None:
        chosen = [n for n in names if n == sheet] or [n for n in names if n.casefold() == sheet.casefold()]
        if not chosen:
            raise RosterError(Message("import.no-sheet", name=name, sheet=sheet, sheets=tuple(names)))
        names = chosen[:1]
    return tuple(_sheet_rows(book[n], name) for n in names)


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def within_budget(raw: bytes, name: str) -> None:
    """Refuse a workbook that unpacks to more than a roster may hold, or a sheet with too many rows.

    Checked on the zip's own sizes and a byte scan of each sheet, before openpyxl builds
    anything: a few kilobytes can unpack to gigabytes, and a million rows take openpyxl
    minutes. A member never yields more than its recorded size, so the sizes bound the work.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        if unpacked > MAX_ROSTER_BYTES:
            size, limit = unpacked / 1048576, MAX_ROSTER_BYTES // 1048576
            raise RosterError(Message("import.unpacks-too-large", name=name, size=size, limit=limit))
        for member in members:
            sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
            if sheet and _rows_in(archive, member) > MAX_ROWS:
                raise RosterError(Message("import.sheet-too-many-rows", name=name, count=MAX_ROWS))


def _rows_in(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> int:
    rows, tail = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            rows += len(_ROW.findall(data)) - len(_ROW.findall(tail))
            tail = data[-16:]
    return rows


def _sheet_rows(ws: Worksheet, name: str) -> Sheet:
    if ws.max_row > MAX_ROWS:
        raise RosterError(
            Message("import.named-sheet-too-many-rows", name=name, sheet=ws.title, count=MAX_ROWS)
        )
    grid = [[_xlsx_text(v) for v in values] for values in ws.iter_rows(values_only=True)]
    # A department cell merged over the rows of its roles belongs to each of them.
    for merged in ws.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        value = grid[top][left] if top < len(grid) and left < len(grid[top]) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                grid[r][c] = value
    rows = tuple(Row(i, tuple(cells)) for i, cells in enumerate(grid, 1))
    return Sheet(name, rows, Message("import.sheet", sheet=ws.title), is_sheet=True)


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return _clean(str(value))
