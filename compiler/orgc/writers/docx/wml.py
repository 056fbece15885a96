"""A small WordprocessingML writer: paragraphs, runs, tables and fields as XML strings.

Building ``document.xml`` as text from these helpers is ~50× faster than going
through python-docx's object model, and gives exactly the same markup every run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..escape import xml as _esc

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
BULLET_NUM_ID = 1


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    color: str | None = None  # RRGGBB
    size: float | None = None  # points
    italic: bool = False

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


@dataclass(frozen=True)
class Cell:
    """A table cell: one paragraph per item of ``lines``."""

    lines: tuple[str | Run | Sequence[Run], ...]
    shade: str | None = None  # fill colour RRGGBB
    span: int = 1
    align: str | None = None
    bullets: bool = False

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
    """A fixed-layout table; the first ``header_rows`` repeat at the top of every page. With
    ``keep_together`` each row keeps with the next, so a short table is not split across pages."""
    total = sum(widths)
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
        f'<w:tblPr><w:tblW w:w="{total}" w:type="dxa"/>{jc}'
        f"<w:tblBorders>{border}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="90" w:type="dxa"/>'
        '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
    )
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    body = []
    rows = list(rows)
    last = len(rows) - 1
    for index, row in enumerate(rows):
        header = index < header_rows
        trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
        cells = []
        column = 0
        for cell in row:
            width = sum(widths[column : column + cell.span])
            column += cell.span
            cells.append(_cell(cell, width, header, keep_next=header or (keep_together and index < last)))
        body.append(f"<w:tr>{trpr}{''.join(cells)}</w:tr>")
    return f"<w:tbl>{props}{grid}{''.join(body)}</w:tbl>"


def _cell(cell: Cell, width: int, header: bool, keep_next: bool = False) -> str:
    props = _tcpr(width, cell.span, cell.shade or (HEADER_FILL if header else None))
    paragraphs = []
    for line in cell.lines or ("",):
        content = line
        if header and isinstance(line, str):
            content = Run(line, bold=True)
        paragraphs.append(
            paragraph(
                content,
                style="TableText",
                align=cell.align,
                bullet=cell.bullets and not header,
                keep_next=keep_next,
            )
        )
    return f"<w:tc>{props}{''.join(paragraphs)}</w:tc>"


@cache
def _tcpr(width: int, span: int, fill: str | None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if fill:
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    return f'<w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'
