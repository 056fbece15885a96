"""A small WordprocessingML writer: paragraphs, runs, tables and fields as XML strings.

Building ``document.xml`` as text from these helpers is ~50× faster than going
through python-docx's object model, and gives exactly the same markup every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ..escape import xml as _esc

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
BULLET_NUM_ID = 1


# Runs and cells are made by the hundred thousand (a JD holds a hundred): their __init__ fills
# the instance's __dict__ at once, where a frozen dataclass's own calls object.__setattr__ per field.


@dataclass(frozen=True, init=False)
class Run:
    text: str
    bold: bool = False
    color: str | None = None  # RRGGBB
    size: float | None = None  # points
    italic: bool = False

    def __init__(
        self,
        text: str,
        bold: bool = False,
        color: str | None = None,
        size: float | None = None,
        italic: bool = False,
    ) -> None:
        fields = self.__dict__
        fields["text"] = text
        fields["bold"] = bold
        fields["color"] = color
        fields["size"] = size
        fields["italic"] = italic

    def xml(self) -> str:
        return f"<w:r>{_rpr(self.bold, self.italic, self.color, self.size)}{_text(self.text)}</w:r>"


@cache
def _rpr(bold: bool, italic: bool, color: str | None, size: float | None) -> str:
    """A run's properties: a handful of looks, each written once."""
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if color:
        props += f'<w:color w:val="{color}"/>'
    if size:
        half = int(size * 2)
        props += f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
    return f"<w:rPr>{props}</w:rPr>" if props else ""


_BOLD = _rpr(True, False, None, None)


def _text(text: str) -> str:
    if "\n" not in text:
        return f'<w:t xml:space="preserve">{_esc(text)}</w:t>'
    return "<w:br/>".join(f'<w:t xml:space="preserve">{_esc(part)}</w:t>' for part in text.split("\n"))


def paragraph(
    content: str | Run | Sequence[Run] = "",
    style: str | None = None,
    align: str | None = None,
    keep_next: bool = False,
    bullet: bool = False,
    space_after: int | None = None,
    space_before: int | None = None,
    raw: str = "",
) -> str:
    """A ``w:p``; ``raw`` is appended after the runs (fields, tabs)."""
    ppr = _ppr(style, align, keep_next, bullet, space_after, space_before)
    return f"<w:p>{ppr}{_runs(content)}{raw}</w:p>"


@cache
def _ppr(
    style: str | None,
    align: str | None,
    keep_next: bool,
    bullet: bool,
    space_after: int | None,
    space_before: int | None,
) -> str:
    """A paragraph's properties: a few dozen looks in a document, each written once."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        props += "<w:keepNext/>"
    if bullet:
        props += f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{BULLET_NUM_ID}"/></w:numPr>'
    if space_after is not None or space_before is not None:
        before = f' w:before="{space_before}"' if space_before is not None else ""
        after = f' w:after="{space_after}"' if space_after is not None else ""
        props += f"<w:spacing{before}{after}/>"
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:pPr>{props}</w:pPr>" if props else ""


def _runs(content: str | Run | Sequence[Run]) -> str:
    if isinstance(content, str):  # a plain run, without making one
        return f"<w:r>{_text(content)}</w:r>" if content else ""
    if isinstance(content, Run):
        return content.xml()
    return "".join(r.xml() for r in content)


def field(instruction: str, placeholder: str = "1", **style: object) -> str:
    """A simple field such as PAGE or NUMPAGES (Word fills in the value); ``style`` as for Run."""
    shown = Run(placeholder, **style).xml()  # type: ignore[arg-type]
    return f'<w:fldSimple w:instr=" {_esc(instruction)} ">{shown}</w:fldSimple>'


@dataclass(frozen=True, init=False)
class Cell:
    """A table cell: one paragraph per item of ``lines``."""

    lines: tuple[str | Run | Sequence[Run], ...]
    shade: str | None = None  # fill colour RRGGBB
    span: int = 1
    align: str | None = None
    bullets: bool = False
    bullets_from: int | None = None  # the lines from this one on are bulleted (a title above its items)
    merged: bool = False  # the cell above reaches over this one, whose lines are not shown
    ruled: bool = True  # False: no rule above it, as it goes on with the cell above (a list's next items)

    def __init__(
        self,
        lines: tuple[str | Run | Sequence[Run], ...],
        shade: str | None = None,
        span: int = 1,
        align: str | None = None,
        bullets: bool = False,
        bullets_from: int | None = None,
        merged: bool = False,
        ruled: bool = True,
    ) -> None:
        fields = self.__dict__
        fields["lines"] = lines
        fields["shade"] = shade
        fields["span"] = span
        fields["align"] = align
        fields["bullets"] = bullets
        fields["bullets_from"] = bullets_from
        fields["merged"] = merged
        fields["ruled"] = ruled

    @classmethod
    def of(cls, text: str | Run | Sequence[Run], **kwargs: object) -> Cell:
        return cls((text,), **kwargs)  # type: ignore[arg-type]


BORDER = "A6A6A6"
HEADER_FILL = "DCE6F1"
LABEL_FILL = "F2F2F2"


def table(
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[int],
    header_rows: int = 0,
    align: str | None = None,
    borders: bool = True,
    keep_together: bool = False,
) -> str:
    """A fixed-layout table; the first ``header_rows`` repeat at the top of every page, and no
    row is split across pages. With ``keep_together`` each row keeps with the next, so a short
    table is not split either. An item too long for one row is written as a few rows that look
    like one (``Cell.merged``, ``Cell.ruled``): a row that cannot be split and is taller than
    what is left of a page takes the table, and its heading, to the next page."""
    head = _table_head(tuple(widths), align, borders)
    body = []
    rows = list(rows)
    last = len(rows) - 1
    joined = any(cell.merged or not cell.ruled for row in rows for cell in row)
    for index, row in enumerate(rows):
        header = index < header_rows
        trpr = _HEADER_ROW if header else _ROW
        keep_next = header or (keep_together and index < last)
        below = _by_column(rows[index + 1]) if joined and index < last else {}
        cells = []
        column = 0
        for cell in row:
            span = cell.span
            width = widths[column] if span == 1 else sum(widths[column : column + span])
            joins = _joins(cell, below.get(column)) if joined else NO_JOINS
            column += span
            cells.append(_cell(cell, width, header, keep_next, joins))
        body.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    return f"{head}{''.join(body)}</w:tbl>"


_ROW = "<w:trPr><w:cantSplit/></w:trPr>"
_HEADER_ROW = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"


@lru_cache(maxsize=256)
def _table_head(widths: tuple[int, ...], align: str | None, borders: bool) -> str:
    """A table's properties and grid: a document has a few dozen kinds of table."""
    border = (
        "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        if borders
        else ""
    )
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    props = (
        f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{jc}'
        f"<w:tblBorders>{border}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    return f"<w:tbl>{props}{grid}"


def _by_column(row: Sequence[Cell]) -> dict[int, Cell]:
    """A row's cells by the grid column each starts at."""
    out = {}
    column = 0
    for cell in row:
        out[column] = cell
        column += cell.span
    return out


# How a cell joins its neighbours above and below: merged with them ("restart": the first of
# merged cells, "continue": one below it, "": not merged), and whether the rule above it and the
# one below it are left out.
Joins = tuple[str, bool, bool]
NO_JOINS: Joins = ("", False, False)


def _joins(cell: Cell, under: Cell | None) -> Joins:
    merge = "continue" if cell.merged else "restart" if under is not None and under.merged else ""
    return merge, not cell.ruled, under is not None and not under.ruled


def _cell(cell: Cell, width: int, header: bool, keep_next: bool = False, joins: Joins = NO_JOINS) -> str:
    props = _tcpr(width, cell.span, cell.shade or (HEADER_FILL if header else None), joins)
    ppr = _ppr("TableText", cell.align, keep_next, False, None, None)
    room = width - CELL_MARGIN_TWIPS
    lines = cell.lines
    first_bullet = None if header else 0 if cell.bullets else cell.bullets_from
    if len(lines) == 1 and type(lines[0]) is str and (first_bullet is None or first_bullet > 0):  # most
        return f"<w:tc>{props}<w:p>{ppr}{_cell_text(lines[0], room, header)}</w:p></w:tc>"
    paragraphs = []
    bulleted = False
    for index, line in enumerate(lines or ("",)):
        if not bulleted and first_bullet is not None and index >= first_bullet:  # and the lines after it
            bulleted = True
            ppr = _ppr("TableText", cell.align, keep_next, True, None, None)
            room -= BULLET_INDENT_TWIPS
        if isinstance(line, str):
            runs = _cell_text(line, room, header)
        elif isinstance(line, Run):
            size = line.size or TABLE_TEXT_SIZE
            text = line.text if len(line.text) <= room / (size * 20) else no_lone_last(line.text, room, size)
            runs = (line if text is line.text else replace(line, text=text)).xml()
        else:
            runs = _runs(line)
        paragraphs.append(f"<w:p>{ppr}{runs}</w:p>")
    return f"<w:tc>{props}{''.join(paragraphs)}</w:tc>"


def _cell_text(line: str, room: int, header: bool) -> str:
    """A line of a cell as its run: bold in a header row. A line that fits on one is as it is:
    ``no_lone_last`` is asked only about a longer one."""
    text = line if len(line) <= room / _TABLE_EM else no_lone_last(line, room, TABLE_TEXT_SIZE)
    if header:
        return f"<w:r>{_BOLD}{_text(text)}</w:r>"  # Run(text, bold=True)
    return f"<w:r>{_text(text)}</w:r>" if text else ""


# -- no character alone on a cell's last line ------------------------------------------------------

TABLE_TEXT_SIZE = 9.5  # pt, the TableText style's size
_TABLE_EM = TABLE_TEXT_SIZE * 20  # twips
CELL_MARGIN_TWIPS = 180  # a table cell's left and right margins together (tblCellMar)
BULLET_INDENT_TWIPS = 284  # a bulleted line's indent (numbering.xml)
# A line may not start with these (nor end with the opening ones): 避头尾, as Word and LibreOffice do.
_CLOSING = frozenset("，。、；：？！）》」』】〕〉％")
_OPENING = frozenset("（《「『【〔〈")


@lru_cache(maxsize=1 << 16)  # a matrix repeats its row titles, a table its letters
def no_lone_last(text: str, room_twips: int, size_pt: float) -> str:
    """Chinese ``text`` whose last line, in a column ``room_twips`` wide, would hold a single
    character (改进措 / 施), with a line break before its last two (改进 / 措施).

    Only for text of full-width characters, each one em wide in any Chinese font, so that the
    lines can be counted as the word processor breaks them (a full line whose next character
    may not start a line gives its last character to the next line); after a number such as
    ``3. ``, if the first line holds as many characters in a narrow Latin font as in a wide one.
    """
    room = room_twips / (size_pt * 20)  # in em
    if room < 3 or len(text) <= room:
        return text
    number = _NUMBER.match(text)
    prefix = number.group() if number else ""
    body = text[len(prefix) :]
    if len(body) < 3 or not _all_wide(body):
        return text
    narrow, wide = _prefix_em(prefix)
    first = int(room - narrow)
    if int(room - wide) != first:  # the font decides where the first line ends
        return text
    per_line = int(room)
    start, capacity = 0, first
    while len(body) - start > capacity:
        end = start + capacity
        if body[end] in _CLOSING or body[end - 1] in _OPENING:
            end -= 1
        start, capacity = end, per_line
    if len(body) - start != 1:
        return text
    for keep in (2, 3):  # the last line's characters
        cut = len(body) - keep
        if cut > 0 and body[cut] not in _CLOSING and body[cut - 1] not in _OPENING:
            return f"{prefix}{body[:cut]}\n{body[cut:]}"
    return text


_NUMBER = re.compile(r"\d{1,3}\. ")


def _prefix_em(prefix: str) -> tuple[float, float]:
    """How wide a number like ``12. `` is, in em, in the narrowest and the widest Latin font in use
    (Calibri, DejaVu Sans), with the space Word and LibreOffice add between it and Chinese text."""
    if not prefix:
        return 0.0, 0.0
    digits = sum(ch.isdigit() for ch in prefix)
    return digits * 0.5 + 0.47, digits * 0.64 + 0.64 + 0.3


# Characters one em wide in a Chinese font: CJK punctuation, ideographs, full-width forms.
_NOT_WIDE = re.compile("[^\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]")


def _all_wide(text: str) -> bool:
    return _NOT_WIDE.search(text) is None


@cache
def _tcpr(width: int, span: int, fill: str | None, joins: Joins) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    merge, open_top, open_bottom = joins
    if merge:
        props += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    if open_top or open_bottom:
        sides = ("top",) * open_top + ("bottom",) * open_bottom
        props += "<w:tcBorders>" + "".join(f'<w:{side} w:val="nil"/>' for side in sides) + "</w:tcBorders>"
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f'<w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'
