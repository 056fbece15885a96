"""A matrix as an XLSX workbook: text cells only, coloured letters, byte-identical for identical input.

openpyxl stamps the time of saving into docProps/core.xml and into every zip
entry; both are replaced here by ``when`` and a fixed zip date.
"""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO

from . import escape
from .docx.package import write_zip

SHEET_TITLE = "RACI"
# Font colour of a cell by its first letter in A, R, C, I order.
LETTER_COLOURS = {"A": "C00000", "R": "1F4E9A", "C": "2E7D32", "I": "7F7F7F"}
HEADER_FILL = "D9E1F2"
MIN_WIDTH, MAX_LABEL_WIDTH, MAX_LETTER_WIDTH = 6, 60, 18


def display_width(text: str) -> int:
    """Width in Latin characters of the longest line: wide (CJK) characters count double."""
    lines = text.splitlines() or [""]
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines)


def matrix_workbook(
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    label_columns: int,
    when: datetime,
    lang: str,
) -> bytes:
    """``header`` and ``rows`` of plain text; the first ``label_columns`` are labels, the rest letters."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fonts = {letter: Font(color=colour, bold=letter == "A") for letter, colour in LETTER_COLOURS.items()}

    for j, text in enumerate(header, 1):
        cell = _text_cell(sheet, 1, j, text)
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = wrap if j <= label_columns else centre
    for i, values in enumerate(rows, 2):
        for j, text in enumerate(values, 1):
            if j <= label_columns:
                _text_cell(sheet, i, j, text).alignment = wrap
                continue
            if text:  # empty cells are left out: a large matrix is mostly empty
                cell = _text_cell(sheet, i, j, text)
                cell.alignment = centre
                if text[0] in fonts:
                    cell.font = fonts[text[0]]

    for j, text in enumerate(header, 1):
        if j <= label_columns:
            longest = max([display_width(text), *(display_width(r[j - 1]) for r in rows)])
            width = min(max(longest + 2, MIN_WIDTH), MAX_LABEL_WIDTH)
        else:
            width = min(max(display_width(text) + 2, MIN_WIDTH), MAX_LETTER_WIDTH)
        sheet.column_dimensions[get_column_letter(j)].width = width
    last = f"{get_column_letter(max(len(header), 1))}{len(rows) + 1}"
    sheet.freeze_panes = sheet.cell(row=2, column=label_columns + 1).coordinate
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.print_title_rows = "1:1"

    stamp = when.astimezone(UTC).replace(tzinfo=None)
    props = workbook.properties
    props.creator, props.title, props.language = "orgc", escape.xml_safe(title), lang
    props.created = props.modified = stamp
    props.lastModifiedBy = None
    buffer = BytesIO()
    workbook.save(buffer)
    return _fixed(buffer.getvalue(), workbook, stamp)


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


def _fixed(data: bytes, workbook, stamp: datetime) -> bytes:  # type: ignore[no-untyped-def]
    """The saved workbook with fixed dates, orgc as the application, [Content_Types].xml first."""
    from openpyxl.xml.functions import tostring

    workbook.properties.modified = stamp
    replaced = {"docProps/core.xml": tostring(workbook.properties.to_tree()), "docProps/app.xml": _APP}
    with zipfile.ZipFile(BytesIO(data)) as archive:
        parts = [
            (info.filename, replaced.get(info.filename) or archive.read(info)) for info in archive.infolist()
        ]
    parts.sort(key=lambda part: part[0] != "[Content_Types].xml")  # stable: the rest keep their order
    return write_zip(parts)


_APP = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>orgc</Application></Properties>"
)
