"""A matrix as an XLSX workbook: text cells only, coloured letters, byte-identical for identical input.

openpyxl writes the workbook around the cells: styles, column widths, frozen
panes, filter, print settings. It takes about 20 µs a cell, far too slow for the
tens of thousands of a large organisation, so the cells are written here as XML
text, in exactly the form openpyxl gives them. openpyxl holds the header and, of
the other cells, only the first of each look in reading order: that numbers the
looks (and registers their fonts) as a sheet of every cell would, and its
``<sheetData>`` is then replaced by the whole one.

Rows may come in runs (``RowRun``) named by what they show. Given the pieces of the
last build (``piece``, ``data``), a run's cells, what the sheet needs of its rows and
what openpyxl wrote around them are taken as they were made where they show the same:
a rebuild after an edit makes the runs it reached, and imports openpyxl only when the
sheet's frame (widths, looks, extent, title) changed.

openpyxl stamps the time of saving into docProps/core.xml and into every zip
entry; both are replaced here by ``when`` and a fixed zip date.
"""

from __future__ import annotations

import heapq
import json
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from io import BytesIO

from . import escape
from .docx.deflate import Packed
from .docx.package import Streamed, write_zip

SHEET_TITLE = "RACI"
SHEET_PART = "xl/worksheets/sheet1.xml"
# Font colour of a cell by its first letter in A, R, C, I order.
LETTER_COLOURS = {"A": "C00000", "R": "1F4E9A", "C": "2E7D32", "I": "7F7F7F"}
HEADER_FILL = "D9E1F2"
RULE = "A6A6A6"  # the lines between cells
LINE_POINTS = 16  # height of a line of 11 pt text, CJK included
MAX_ROW_POINTS = 409  # the tallest row Excel allows
MIN_WIDTH, MAX_LABEL_WIDTH, MAX_LETTER_WIDTH = 6, 44, 10  # a letter column's heading wraps
MAX_CELL_TEXT = 32767  # characters Excel keeps in a cell (openpyxl cuts there too)

# A look: a label cell ("") or a letter cell (its font's letter, or "-" without one), and whether the
# text needs Excel's quote prefix to stay text.
Look = tuple[str, bool]


def display_width(text: str) -> int:
    """Width in Latin characters of the longest line: wide (CJK) characters count double."""
    if text.isascii() and text.isprintable():  # one line of characters one column wide each
        return len(text)
    lines = text.splitlines() or [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


@dataclass(frozen=True)
class RowRun:
    """Rows that follow one another in a sheet, made only where the last build's are not taken.

    ``shown`` names everything the rows show (``render.context.Pieces``); ``make`` gives them.
    """

    shown: object
    make: Callable[[], Sequence[Sequence[str]]]


def matrix_workbook(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    label_columns: int,
    when: datetime,
    lang: str,
    frozen_columns: int | None = None,
    sheet_title: str = SHEET_TITLE,
    hidden_columns: Sequence[int] = (),
    piece: Callable[..., str | Packed] | None = None,
    runs: Sequence[RowRun] | None = None,
    data: Callable[..., bytes] | None = None,
) -> bytes:
    """``header`` and ``rows`` of plain text; the first ``label_columns`` are labels, the rest letters.

    The header row and the first ``frozen_columns`` (default: the label columns) stay in view.
    The one sheet is called ``sheet_title``.
    Empty letter cells are left out: a large matrix is mostly empty. Columns numbered (from 1)
    in ``hidden_columns`` are hidden (ids, kept for filtering and lookups).

    The rows may come instead as ``runs`` (``rows`` then empty). With ``piece`` and ``data``
    (``render.context.Pieces``), a run's cells, and what the sheet needs of its rows (the widths
    of its texts, the looks of its cells), are taken as the last build made them where the run
    shows the same and starts on the same row: after an edit only the runs it reached are made.

    Printed, the sheet is A4 landscape, as wide as the page (as many pages long as it takes),
    the header row and the first ``frozen_columns`` repeated on every page, every cell ruled,
    and each row as tall as its wrapped labels.
    """
    if runs is None:
        runs = [
            RowRun(("rows", chunk), partial(_given, chunk))
            for chunk in (rows[start : start + ROW_RUN] for start in range(0, len(rows), ROW_RUN))
        ]
    made = [cache(run.make) for run in runs]  # each run's rows, made at most once
    looks = _Looks()
    summaries = []
    for rows_of, run in zip(made, runs, strict=True):
        if data is None:
            summaries.append(_summarised_now(rows_of, label_columns, len(header), looks))
        else:
            make = partial(_summarised, rows_of, label_columns, len(header), looks)
            summaries.append(_RunSummary.loads(data(make, "xlsx-run", run.shown, label_columns, len(header))))
    starts = []  # each run's first row
    row = 2
    for summary in summaries:
        starts.append(row)
        row += summary.rows
    total = row - 2

    widths = _column_widths(header, [summary.widths for summary in summaries], label_columns)
    # The first cell of each look in reading order, as a run's summary names the first of each
    # look in the run: openpyxl numbers each look's style as it first meets it, after the header's.
    firsts: list[tuple[str, bool, int, int]] = []
    met: set[Look] = set()
    for start, summary in zip(starts, summaries, strict=True):
        for text, label, i, j in summary.looks:
            look = _look(text, label, LETTER_COLOURS)
            if look not in met:
                met.add(look)
                firsts.append((text, label, start + i, j))
    written = [
        (start + s.written[0], start + s.written[1])
        for start, s in zip(starts, summaries, strict=True)
        if s.written
    ]
    settings = _Settings(
        title=title,
        header=tuple(header),
        label_columns=label_columns,
        frozen=label_columns if frozen_columns is None else frozen_columns,
        sheet_title=sheet_title,
        hidden=tuple(hidden_columns),
        widths=tuple(widths),
        rows=total,
        last=written[-1][1] if written else 0,
        firsts=tuple(firsts),
        stamp=when.astimezone(UTC).replace(tzinfo=None),
        lang=lang,
    )
    # openpyxl writes everything around the cells: taken from the last build where it is the same
    frame = (
        _frame(settings) if data is None else _Frame.loads(data(partial(_framed, settings), "xlsx", settings))
    )
    styles = {
        _look(text, label, LETTER_COLOURS): style
        for (text, label, _, _), style in zip(firsts, frame.looks, strict=True)
    }

    columns = [_column_letter(j) for j in range(1, len(header) + 1)]
    sheet_data: list[str | Packed] = ["<sheetData>"]
    if header:
        sheet_data.append(f'<row r="1"{_height(header, widths, len(header), [{} for _ in widths])}>')
        for j, (text, style) in enumerate(zip(header, frame.header, strict=True)):
            sheet_data.append(f'<c r="{columns[j]}1" s="{style}"{_inline(escape.xml_safe(text))}')
        sheet_data.append("</row>")
    if not written or written[0][0] != 2:
        sheet_data.append('<row r="2"></row>')  # openpyxl writes the row of the frozen-pane cell
    # Then the rows, run by run, each taken from the last build where it is as it was (``piece``).
    cells = _Cells(columns, label_columns, widths, styles, looks)
    laid_out = (label_columns, widths, tuple(styles.items()), len(header))  # what every run's cells depend on
    for start, rows_of, run in zip(starts, made, runs, strict=True):
        make = partial(_rows_xml, rows_of, start, cells)
        sheet_data.append(make() if piece is None else piece(make, "xlsx-rows", run.shown, start, laid_out))
    sheet_data.append("</sheetData>")
    return write_zip(frame.parts(sheet_data))


ROW_RUN = 2000  # rows of a run of ``matrix_workbook``'s ``rows``


def _given(rows: Sequence[Sequence[str]]) -> Sequence[Sequence[str]]:
    return rows


@dataclass(frozen=True)
class _RunSummary:
    """What the sheet needs of a run's rows before it lays out their cells."""

    rows: int
    written: tuple[int, int] | None  # the first and last row with a cell, from 0 (a row without is left out)
    widths: tuple[int, ...]  # each label column's widest text (``_longest_width``)
    looks: tuple[tuple[str, bool, int, int], ...]  # the first cell of each look: text, label, row, column

    def dumps(self) -> bytes:
        return json.dumps([self.rows, self.written, self.widths, self.looks]).encode("ascii")

    @classmethod
    def loads(cls, data: bytes) -> _RunSummary:
        rows, written, widths, looks = json.loads(data)
        return cls(
            rows,
            tuple(written) if written else None,
            tuple(widths),
            tuple((text, label, i, j) for text, label, i, j in looks),
        )


def _summarised(
    rows: Callable[[], Sequence[Sequence[str]]], label_columns: int, columns: int, looks: _Looks
) -> bytes:
    return _summarised_now(rows, label_columns, columns, looks).dumps()


def _summarised_now(
    rows: Callable[[], Sequence[Sequence[str]]], label_columns: int, columns: int, looks: _Looks
) -> _RunSummary:
    """The summary of the run ``rows`` gives, whose rows may have at most ``columns`` cells."""
    run = rows()
    met: tuple[set[str], set[str]] = (set(), set())  # the texts met in letter columns, in label columns
    kinds: set[Look] = set()
    firsts = []
    written = []
    for i, values in enumerate(run):
        if len(values) > columns:
            raise ValueError(f"a row has {len(values)} cells, the header {columns}")
        has_cells = False
        for j, text in enumerate(values):
            label = j < label_columns
            if not label and not text:  # empty letter cells are left out: a large matrix is mostly empty
                continue
            has_cells = True
            if text not in met[label]:
                met[label].add(text)
                look = looks.of(text, label)
                if look not in kinds:
                    kinds.add(look)
                    firsts.append((text, label, i, j))
        if has_cells:
            written.append(i)
    widths = tuple(
        _longest_width((r[j] for r in run if len(r) > j), MAX_LABEL_WIDTH - 2) for j in range(label_columns)
    )
    return _RunSummary(len(run), (written[0], written[-1]) if written else None, widths, tuple(firsts))


class _Looks:
    """text -> its look, in a letter column and in a label column, made once per text."""

    def __init__(self) -> None:
        self._known: tuple[dict[str, Look], dict[str, Look]] = ({}, {})

    def of(self, text: str, label: bool) -> Look:
        known = self._known[label]
        found = known.get(text)
        if found is None:
            found = known[text] = _look(text, label, LETTER_COLOURS)
        return found


def _look(text: str, label: bool, fonts: Mapping[str, object]) -> Look:
    clean = escape.xml_safe(text)
    return ("" if label else text[0] if text[0] in fonts else "-", escape.spreadsheet(clean) != clean)


class _Cells:
    """How the rows' cells are written, and what is kept of each text met: a large matrix
    repeats each title, id and letter in many rows."""

    def __init__(
        self,
        columns: Sequence[str],
        label_columns: int,
        widths: Sequence[int],
        styles: Mapping[Look, int],
        looks: _Looks,
    ) -> None:
        self.columns, self.label_columns, self.widths, self.styles = columns, label_columns, widths, styles
        self.looks = looks
        # text -> the rest of its cell after the reference, in a label column and in a letter column
        self.labels: dict[str, str] = {}
        self.letters: dict[str, str] = {}
        self.lines: list[dict[str, int]] = [{} for _ in range(label_columns)]  # text -> its lines, per column

    def rest(self, text: str, label: bool) -> str:
        known = self.labels if label else self.letters
        style = self.styles[self.looks.of(text, label)]
        found = known[text] = f' s="{style}"{_inline(escape.xml_safe(text))}'
        return found


def _rows_xml(rows: Callable[[], Sequence[Sequence[str]]], first: int, cells: _Cells) -> str:
    """The ``<row>`` elements of the run ``rows`` gives, its first row numbered ``first``."""
    columns, label_columns, widths, lines = cells.columns, cells.label_columns, cells.widths, cells.lines
    labels, letters = cells.labels, cells.letters
    out = []
    for i, values in enumerate(rows(), first):
        row = []
        for j, text in enumerate(values):
            if j < label_columns:
                found = labels.get(text) or cells.rest(text, True)
            elif not text:  # empty letter cells are left out
                continue
            else:
                found = letters.get(text) or cells.rest(text, False)
            row.append(f'<c r="{columns[j]}{i}"{found}')
        if row:  # a row without cells is not written
            out.append(f'<row r="{i}"{_height(values, widths, label_columns, lines)}>{"".join(row)}</row>')
    return "".join(out)


def _column_widths(header: Sequence[str], longest: Sequence[Sequence[int]], label_columns: int) -> list[int]:
    """Each column's width in characters: a label column as wide as its longest text (within
    bounds; ``longest`` holds each run's widest text of each label column), a letter column as
    its heading."""
    widths = []
    for j, text in enumerate(header, 1):
        if j <= label_columns:
            widest = max([display_width(text), *(run[j - 1] for run in longest)])
            widths.append(min(max(widest + 2, MIN_WIDTH), MAX_LABEL_WIDTH))
        else:
            widths.append(min(max(display_width(text) + 2, MIN_WIDTH), MAX_LETTER_WIDTH))
    return widths


def _height(
    values: Sequence[str], widths: Sequence[int], wrapped: int, known: Sequence[dict[str, int]]
) -> str:
    """A row's height attributes, when a wrapped text in its first ``wrapped`` cells needs more
    than one line: neither Excel nor LibreOffice grows a row to its text when it opens a file.
    ``known`` holds, for each column, the lines of each text met: a large matrix repeats each
    title in many rows."""
    lines = 1
    for text, width, column in zip(values[:wrapped], widths, known, strict=False):
        if text:
            found = column.get(text)
            if found is None:
                room = max(width - 1, 1)
                found = column[text] = sum(
                    -(-max(display_width(line), 1) // room) for line in text.splitlines()
                )
            if found > lines:
                lines = found
    return "" if lines == 1 else f' ht="{min(lines * LINE_POINTS, MAX_ROW_POINTS)}" customHeight="1"'


def _text_cell(sheet, row: int, column: int, text: str):  # type: ignore[no-untyped-def]
    """A cell that holds ``text`` as a string, whatever it looks like (never a formula or number)."""
    text = escape.xml_safe(text)
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"
    cell.number_format = "@"
    if escape.spreadsheet(text) != text:
        cell.quotePrefix = True  # Excel keeps it text even when the user edits the cell
    return cell


def _longest_width(texts: Iterable[str], enough: int) -> int:
    """The largest ``display_width`` of ``texts``, or at least ``enough`` when one reaches it.

    An ASCII text is as wide as its length, any other at most twice that: the texts are measured
    widest bound first, until no bound can beat the widest yet.
    """
    bounds = [(-len(t) if t.isascii() else -2 * len(t), t) for t in set(texts)]  # negated, for the heap
    heapq.heapify(bounds)
    longest = 0
    while bounds and -bounds[0][0] > longest and longest < enough:
        longest = max(longest, display_width(heapq.heappop(bounds)[1]))
    return longest


_XML_TEXT = re.compile("[&<>\r]")
_XML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}


def _inline(text: str) -> str:
    """The rest of a ``<c>`` holding ``text`` as openpyxl writes it: an inline string, the space at
    its ends kept, in ASCII with character references (made once per text, so the sheet is ASCII)."""
    text = text[:MAX_CELL_TEXT]
    if not text:
        return ' t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    inner = _XML_TEXT.sub(lambda m: _XML_ENTITIES[m[0]], text)
    if not inner.isascii():
        inner = inner.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return f' t="inlineStr"><is><t{space}>{inner}</t></is></c>'


@dataclass(frozen=True)
class _Settings:
    """Everything openpyxl is told of a sheet: what ``_frame`` depends on."""

    title: str
    header: tuple[str, ...]
    label_columns: int
    frozen: int  # the columns that stay in view
    sheet_title: str
    hidden: tuple[int, ...]
    widths: tuple[int, ...]
    rows: int  # below the header
    last: int  # the last row with a cell, 0 for none
    firsts: tuple[tuple[str, bool, int, int], ...]  # the first cell of each look: text, label, row, column
    stamp: datetime
    lang: str


@dataclass(frozen=True)
class _Frame:
    """The workbook around its cells, as openpyxl writes it (``_frame``)."""

    header: tuple[int, ...]  # the style of each header cell
    looks: tuple[int, ...]  # the style of each of ``_Settings.firsts``
    names: tuple[str, ...]  # the parts, [Content_Types].xml first
    data: tuple[bytes, ...]  # each part's bytes; the sheet's only around its <sheetData>
    sheet: int  # which part is the sheet
    tail: bytes  # the sheet's bytes after its <sheetData>

    def parts(self, sheet_data: Sequence[str | Packed]) -> list[tuple[str, bytes | Streamed]]:
        """The parts with the cells in the sheet, in pieces never joined: a large matrix's sheet
        is tens of megabytes."""
        parts: list[tuple[str, bytes | Streamed]] = list(zip(self.names, self.data, strict=True))
        head = self.data[self.sheet].decode("utf-8")
        parts[self.sheet] = (SHEET_PART, Streamed([head, *sheet_data, self.tail.decode("utf-8")]))
        return parts

    def dumps(self) -> bytes:
        meta = json.dumps([self.header, self.looks, self.names, self.sheet]).encode("ascii")
        blobs = (meta, *self.data, self.tail)
        return b"".join(_BLOB.pack(len(blob)) + blob for blob in blobs)

    @classmethod
    def loads(cls, stored: bytes) -> _Frame:
        blobs, at = [], 0
        while at < len(stored):
            (size,) = _BLOB.unpack_from(stored, at)
            at += _BLOB.size + size
            blobs.append(stored[at - size : at])
        header, looks, names, sheet = json.loads(blobs[0])
        return cls(tuple(header), tuple(looks), tuple(names), tuple(blobs[1:-1]), sheet, blobs[-1])


_BLOB = struct.Struct("<I")


def _framed(settings: _Settings) -> bytes:
    return _frame(settings).dumps()


def _frame(settings: _Settings) -> _Frame:
    """The workbook openpyxl writes for ``settings``: the header and the first cell of each look
    held, so that it numbers their styles as it would with every cell, and the sheet's extent."""
    # 85 ms (openpyxl), paid only by a build that changes what the workbook's frame shows, in the
    # worker that writes it, not by the build before it forks the workers
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring

    s = settings
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = s.sheet_title
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fonts = {letter: Font(color=colour, bold=letter == "A") for letter, colour in LETTER_COLOURS.items()}
    thin = Side(style="thin", color=RULE)
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    # Asking a styled cell for its style id numbers its look, as saving would.
    header = []
    for j, text in enumerate(s.header, 1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill, cell.border = header_font, header_fill, ruled
        cell.alignment = wrap if j <= s.label_columns else centre
        header.append(cell.style_id)
    looks = []
    for text, label, i, j in s.firsts:
        cell = _text_cell(sheet, i, j + 1, text)
        cell.alignment = wrap if label else centre
        cell.border = ruled
        if not label and text[0] in fonts:
            cell.font = fonts[text[0]]
        looks.append(cell.style_id)
    if s.last:
        sheet.cell(row=s.last, column=1)  # the sheet's extent, as if openpyxl held every cell

    for j, width in enumerate(s.widths, 1):
        sheet.column_dimensions[get_column_letter(j)].width = width
    for j in s.hidden:
        sheet.column_dimensions[get_column_letter(j)].hidden = True
    corner = f"{get_column_letter(max(len(s.header), 1))}{s.rows + 1}"
    sheet.freeze_panes = sheet.cell(row=2, column=s.frozen + 1).coordinate
    sheet.auto_filter.ref = f"A1:{corner}"
    # the cells left out are ruled too: one rule for the whole table, not a cell each
    sheet.conditional_formatting.add(f"A1:{corner}", FormulaRule(formula=["TRUE"], border=ruled))
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.print_title_rows = "1:1"
    if s.frozen:
        sheet.print_title_cols = f"A:{get_column_letter(s.frozen)}"

    props = workbook.properties
    props.creator, props.title, props.language = "orgc", escape.xml_safe(s.title), s.lang
    props.created = props.modified = s.stamp
    props.lastModifiedBy = None
    buffer = BytesIO()
    workbook.save(buffer)

    # the dates fixed (saving stamps the time of saving), orgc as the application
    props.modified = s.stamp
    replaced = {"docProps/core.xml": tostring(props.to_tree()), "docProps/app.xml": _APP}
    with zipfile.ZipFile(buffer) as archive:
        parts = [
            (info.filename, replaced.get(info.filename) or archive.read(info)) for info in archive.infolist()
        ]
    parts.sort(key=lambda part: part[0] != "[Content_Types].xml")  # stable: the rest keep their order
    at = next(i for i, (name, _) in enumerate(parts) if name == SHEET_PART)
    xml = parts[at][1]
    found = _SHEET_DATA.search(xml)
    if found is None:
        raise ValueError("openpyxl wrote a worksheet without <sheetData>")
    parts[at] = (SHEET_PART, xml[: found.start()])
    names, data = zip(*parts, strict=True)
    return _Frame(tuple(header), tuple(looks), names, data, at, xml[found.end() :])


_SHEET_DATA = re.compile(rb"<sheetData>.*</sheetData>|<sheetData/>", re.DOTALL)


def _column_letter(j: int) -> str:
    """The letters of column ``j`` (from 1): A … Z, AA …, as openpyxl's ``get_column_letter``."""
    letters = ""
    while j:
        j, rest = divmod(j - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>orgc</Application></Properties>"
)
