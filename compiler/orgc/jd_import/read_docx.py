"""A Word JD (.docx) as blocks: paragraphs and table rows in body order, page breaks noted."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from ..i18n import Message
from ..roster import ImportProblem
from ..roster.read import within_budget
from .blocks import Block

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, name: str) -> list[Block]:
    """Every non-empty paragraph and table row of the document's body, in order."""
    import docx  # python-docx (80 ms), only for a Word file
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    raw = path.read_bytes()
    try:
        within_budget(raw, name)  # a few kilobytes of zip can unpack to gigabytes
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ImportProblem(Message("jd.not-docx", name=name)) from None
    blocks: list[Block] = []
    paragraphs = tables = 0
    pending_break = False
    for element in document.element.body.iterchildren():
        tag = element.tag.removeprefix(_W)
        if tag == "p":
            paragraph = Paragraph(element, document)
            broke = _breaks_page(element)
            text = paragraph.text.strip()
            if not text:
                pending_break = pending_break or broke
                continue
            paragraphs += 1
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            heading = style.startswith(("Heading", "Title")) or style in ("标题", "Subtitle")
            blocks.append(
                Block((text,), paragraphs, 0, heading, pending_break or _break_first(element), len(blocks))
            )
            pending_break = broke and not _break_first(element)
        elif tag == "tbl":
            tables += 1
            table = Table(element, document)
            for number, row in enumerate(table.rows, 1):
                cells = _row_cells(row)
                last = blocks[-1] if blocks else None
                if last is not None and last.table == tables and _goes_on(row) and cells and cells[0]:
                    # the next item of the row above (a task under its duty): one row, as it looks
                    joined = (f"{last.cells[0]}\n{cells[0]}", *last.cells[1:])
                    blocks[-1] = replace(last, cells=joined)
                elif any(cells):
                    blocks.append(Block(cells, number, tables, False, pending_break, len(blocks)))
                    pending_break = False
    return blocks


def _goes_on(row: object) -> bool:
    """A row whose cells but the first are the cells above it reaching down (vertically merged)."""
    cells = row._tr.findall(f"{_W}tc")  # type: ignore[attr-defined]
    if len(cells) < 2:
        return False
    merges = [cell.find(f"{_W}tcPr/{_W}vMerge") for cell in cells[1:]]
    return all(m is not None and m.get(f"{_W}val") in (None, "continue") for m in merges)


def _row_cells(row: object) -> tuple[str, ...]:
    cells: list[str] = []
    seen: list[object] = []
    for cell in row.cells:  # type: ignore[attr-defined]
        if any(cell._tc is s for s in seen):  # a merged cell is listed once per grid column
            continue
        seen.append(cell._tc)
        cells.append(cell.text.strip())
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _breaks(element: object) -> list[object]:
    found = element.iter(f"{_W}br")  # type: ignore[attr-defined]
    return [b for b in found if b.get(f"{_W}type") == "page"]


def _breaks_page(element: object) -> bool:
    page_before = element.find(f"{_W}pPr/{_W}pageBreakBefore")  # type: ignore[attr-defined]
    return bool(_breaks(element)) or page_before is not None


def _break_first(element: object) -> bool:
    """A page break before the paragraph's own text (the style's, or a break run at its start)."""
    if element.find(f"{_W}pPr/{_W}pageBreakBefore") is not None:  # type: ignore[attr-defined]
        return True
    for run in element.iter(f"{_W}r"):  # type: ignore[attr-defined]
        texts = [t.text for t in run.iter(f"{_W}t") if t.text]
        if any(b.get(f"{_W}type") == "page" for b in run.iter(f"{_W}br")):
            return True
        if texts:
            return False
    return False
