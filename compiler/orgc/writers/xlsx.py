"""A matrix as an XLSX workbook: text cells only, coloured letters, byte-identical for identical input.

openpyxl writes the workbook around the cells: styles, column widths, frozen
panes, filter, print settings. It takes about 20 µs a cell, far too slow for the
tens of thousands of a large organisation, so the cells are written here as XML
text, in exactly the form openpyxl gives them. openpyxl holds the header and, of
the other cells, only the first of each look in reading order: that numbers the
looks (and registers their fonts) as a sheet of every cell would, and its
``<sheetData>`` is then replaced by the whole one.

openpyxl stamps the time of saving into docProps/core.xml and into every zip
entry; both are replaced here by ``when`` and a fixed zip date.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
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
) -> bytes:
    """``header`` and ``rows`` of plain text; the first ``label_columns`` are labels, the rest letters.

    The header row and the first ``frozen_columns`` (default: the label columns) stay in view.
    The one sheet is called ``sheet_title``.
    Empty letter cells are left out: a large matrix is mostly empty. Columns numbered (from 1)
    in ``hidden_columns`` are hidden (ids, kept for filtering and lookups).

    ``piece`` (``render.context.Pieces.piece``) may give runs of rows as the last build made them.

    Printed, the sheet is A4 landscape, as wide as the page (as many pages long as it takes),
    the header row and the first ``frozen_columns`` repeated on every page, every cell ruled,
    and each row as tall as its wrapped labels.
    """
    # 85 ms (openpyxl), paid by the worker that writes the workbook while the others render,
    # not by the build before it forks them
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fonts = {letter: Font(color=colour, bold=letter == "A") for letter, colour in LETTER_COLOURS.items()}
    thin = Side(style="thin", color=RULE)
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)
    widths = _column_widths(header, rows, label_columns)

    # The cells are written as XML here. Asking a styled cell for its style id numbers its look,
    # as saving would: the header first, then the first cell of each look in reading order.
    columns = [get_column_letter(j) for j in range(1, len(header) + 1)]
    data = (
        ["<sheetData>", f'<row r="1"{_height(header, widths, len(header))}>'] if header else ["<sheetData>"]
    )
    for j, text in enumerate(header, 1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill, cell.border = header_font, header_fill, ruled
        cell.alignment = wrap if j <= label_columns else centre
        data.append(f'<c r="{columns[j - 1]}1" s="{cell.style_id}"{_inline(escape.xml_safe(text))}')
    if header:
        data.append("</row>")

    styles: dict[Look, int] = {}

    def rest(text: str, label: bool, i: int, j: int) -> None:
        """The first cell of a look, held by openpyxl, which numbers the look's style."""
        cell = _text_cell(sheet, i, j + 1, text)
        cell.alignment = wrap if label else centre
        cell.border = ruled
        if not label and text[0] in fonts:
            cell.font = fonts[text[0]]
        styles[_look(text, label, fonts)] = cell.style_id

    # First the looks, in reading order: openpyxl numbers each look's style as it first meets it.
    looks: dict[tuple[str, bool], Look] = {}  # (text, in a label column) -> its look
    written: list[int] = []  # the rows that have a cell (a row without cells is not written)
    for i, values in enumerate(rows, 2):
        if len(values) > len(header):
            raise ValueError(f"row {i} has {len(values)} cells, the header {len(header)}")
        has_cells = False
        for j, text in enumerate(values):
            label = j < label_columns
            if not label and not text:  # empty letter cells are left out: a large matrix is mostly empty
                continue
            has_cells = True
            look = looks.get((text, label))
            if look is None:
                look = looks[text, label] = _look(text, label, fonts)
                if look not in styles:
                    rest(text, label, i, j)
        if has_cells:
            written.append(i)
    last = written[-1] if written else 0
    if not written or written[0] != 2:
        data.append('<row r="2"></row>')  # openpyxl writes the row of the frozen-pane cell
    # Then the rows, in runs of ROW_RUN that a build may take from the last one as they are
    # (``piece``): after a title is reworded, one run is made again.
    cell_text: dict[tuple[str, bool], str] = {}
    for start in range(0, len(rows), ROW_RUN):
        run = rows[start : start + ROW_RUN]
        make = partial(_rows_xml, run, start + 2, columns, label_columns, widths, styles, looks, cell_text)
        data.append(
            make() if piece is None else piece(make, "xlsx-rows", start, label_columns, widths, styles, run)
        )
    data.append("</sheetData>")
    if last:
        sheet.cell(row=last, column=1)  # the sheet's extent, as if openpyxl held every cell

    for j, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(j)].width = width
    for j in hidden_columns:
        sheet.column_dimensions[get_column_letter(j)].hidden = True
    corner = f"{get_column_letter(max(len(header), 1))}{len(rows) + 1}"
    frozen = label_columns if frozen_columns is None else frozen_columns
    sheet.freeze_panes = sheet.cell(row=2, column=frozen + 1).coordinate
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
    if frozen:
        sheet.print_title_cols = f"A:{get_column_letter(frozen)}"

    stamp = when.astimezone(UTC).replace(tzinfo=None)
    props = workbook.properties
    props.creator, props.title, props.language = "orgc", escape.xml_safe(title), lang
    props.created = props.modified = stamp
    props.lastModifiedBy = None
    buffer = BytesIO()
    workbook.save(buffer)

    return _fixed(buffer.getvalue(), workbook, stamp, data)


ROW_RUN = 2000  # rows of a piece of the sheet (``matrix_workbook``'s ``piece``)


def _look(text: str, label: bool, fonts: Mapping[str, object]) -> Look:
    clean = escape.xml_safe(text)
    return ("" if label else text[0] if text[0] in fonts else "-", escape.spreadsheet(clean) != clean)


def _rows_xml(
    run: Sequence[Sequence[str]],
    first: int,
    columns: Sequence[str],
    label_columns: int,
    widths: Sequence[int],
    styles: Mapping[Look, int],
    looks: Mapping[tuple[str, bool], Look],
    cell_text: dict[tuple[str, bool], str],
) -> str:
    """The ``<row>`` elements of ``run``, its first row numbered ``first``; ``cell_text`` keeps the
    rest of each text's cell after its reference (style and text), made once per text."""
    out = []
    for i, values in enumerate(run, first):
        cells = []
        for j, text in enumerate(values):
            label = j < label_columns
            if not label and not text:
                continue
            found = cell_text.get((text, label))
            if found is None:
                found = cell_text[text, label] = (
                    f' s="{styles[looks[text, label]]}"{_inline(escape.xml_safe(text))}'
                )
            cells.append(f'<c r="{columns[j]}{i}"{found}')
        if cells:  # a row without cells is not written
            out.append(f'<row r="{i}"{_height(values, widths, label_columns)}>{"".join(cells)}</row>')
    return "".join(out)


def _column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], label_columns: int) -> list[int]:
    """Each column's width in characters: a label column as wide as its longest text (within
    bounds), a letter column as its heading."""
    widths = []
    for j, text in enumerate(header, 1):
        if j <= label_columns:
            longest = max(
                display_width(text),
                _longest_width((r[j - 1] for r in rows if len(r) >= j), MAX_LABEL_WIDTH - 2),
            )
            widths.append(min(max(longest + 2, MIN_WIDTH), MAX_LABEL_WIDTH))
        else:
            widths.append(min(max(display_width(text) + 2, MIN_WIDTH), MAX_LETTER_WIDTH))
    return widths


def _height(values: Sequence[str], widths: Sequence[int], wrapped: int) -> str:
    """A row's height attributes, when a wrapped text in its first ``wrapped`` cells needs more
    than one line: neither Excel nor LibreOffice grows a row to its text when it opens a file."""
    lines = 1
    for text, width in zip(values[:wrapped], widths, strict=False):
        if text:
            room = max(width - 1, 1)
            found = _LINES.get((text, room))
            if found is None:
                found = sum(-(-max(display_width(line), 1) // room) for line in text.splitlines())
                _LINES[text, room] = found
            lines = max(lines, found)
    return "" if lines == 1 else f' ht="{min(lines * LINE_POINTS, MAX_ROW_POINTS)}" customHeight="1"'


# (text, room) -> the lines it wraps to: a large matrix repeats each title in many rows
_LINES: dict[tuple[str, int], int] = {}


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


_SHEET_DATA = re.compile(rb"<sheetData>.*</sheetData>|<sheetData/>", re.DOTALL)


def _fixed(data: bytes, workbook, stamp: datetime, sheet_data: list[str | Packed]) -> bytes:  # type: ignore[no-untyped-def]
    """The saved workbook with all its cells, fixed dates, orgc as the application, [Content_Types].xml first."""
    from openpyxl.xml.functions import tostring  # openpyxl: see matrix_workbook

    workbook.properties.modified = stamp
    replaced = {"docProps/core.xml": tostring(workbook.properties.to_tree()), "docProps/app.xml": _APP}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        parts: list[tuple[str, bytes | Streamed]] = [
            (info.filename, replaced.get(info.filename) or archive.read(info)) for info in archive.infolist()
        ]
    sheet = next(i for i, (name, _) in enumerate(parts) if name == SHEET_PART)
    xml = parts[sheet][1]
    assert isinstance(xml, bytes)
    found = _SHEET_DATA.search(xml)
    if found is None:
        raise ValueError("openpyxl wrote a worksheet without <sheetData>")
    # the cells in pieces, never joined: a large matrix's sheet is tens of megabytes
    pieces: list[str | Packed] = [
        xml[: found.start()].decode("utf-8"),
        *sheet_data,
        xml[found.end() :].decode("utf-8"),
    ]
    parts[sheet] = (SHEET_PART, Streamed(pieces))
    parts.sort(key=lambda part: part[0] != "[Content_Types].xml")  # stable: the rest keep their order
    return write_zip(parts)


_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>orgc</Application></Properties>"
)
