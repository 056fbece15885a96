"""A JD file as blocks in body order: each paragraph, each table row, numbered as the user sees them."""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Message


@dataclass(frozen=True)
class Block:
    """A paragraph (one cell, ``table`` 0) or a table row (its cells, merged cells once)."""

    cells: tuple[str, ...]
    number: int  # the paragraph's number, or the row's within its table (from 1)
    table: int = 0  # the table's number in the file (from 1); 0 for a paragraph
    heading: bool = False  # a Word heading style or a Markdown '#'
    page_break: bool = False  # a page (or form-feed) break before it
    order: int = 0  # its place in the file, counting paragraphs and rows alike

    @property
    def text(self) -> str:
        return " | ".join(self.cells)

    def where(self) -> Message:
        if self.table:
            return Message("jd.where-row", table=self.table, row=self.number)
        return Message("jd.where-paragraph", number=self.number)

    def where_code(self) -> str:
        """The same place for --format json: ``p12`` or ``t2r3``."""
        return f"t{self.table}r{self.number}" if self.table else f"p{self.number}"
