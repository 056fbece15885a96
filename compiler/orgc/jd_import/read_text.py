"""A text or Markdown JD as blocks: a paragraph per line, a Markdown table's rows as table rows.

The encoding is detected as the roster reader detects it (UTF-8, UTF-16, GBK/GB18030).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..i18n import Message
from ..roster.read import decode_text
from .blocks import Block

_HEADING = re.compile(r"^#{1,6}\s+")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_EMPHASIS = re.compile(r"^\*\*(.+)\*\*$")


def read_text(
    path: Path, name: str, markdown: bool, encoding: str | None = None
) -> tuple[list[Block], Message]:
    """The blocks of the file and how it was decoded (for the report)."""
    text, read_as = decode_text(path.read_bytes(), name, encoding)
    blocks: list[Block] = []
    paragraphs = tables = row = 0
    in_table = page_break = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\f" in raw:
            page_break = True
            raw = raw.replace("\f", "")
        line = raw.strip()
        if markdown and line.startswith("|"):
            if _RULE.fullmatch(line):
                continue
            if not in_table:
                tables, row, in_table = tables + 1, 0, True
            row += 1
            cells = tuple(c.strip() for c in line.strip("|").split("|"))
            blocks.append(Block(cells, row, tables, False, page_break, len(blocks)))
            page_break = False
            continue
        in_table = False
        if markdown and _RULE.fullmatch(line) and "|" not in line:
            page_break = True  # a Markdown rule between JDs
            continue
        if not line:
            continue
        heading = False
        if markdown:
            heading = bool(_HEADING.match(line))
            line = _HEADING.sub("", line)
            emphasis = _EMPHASIS.fullmatch(line)
            if emphasis:
                line, heading = emphasis.group(1).strip(), True
        paragraphs += 1
        blocks.append(Block((line,), paragraphs, 0, heading, page_break, len(blocks)))
        page_break = False
    return blocks, read_as
