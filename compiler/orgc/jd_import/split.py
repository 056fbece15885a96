"""Cutting a file into its JDs: at each ``…岗位说明书`` / ``…职位说明书`` title, a page break, or a
second 职位名称 / Job Title."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .blocks import Block
from .sections import header_label, header_pair, plain, section_label

_TITLE = re.compile(
    r"^(?P<title>[^，,。；;:：|]{1,40}?)[\s—–\-]*(?:(?:岗位|职位|职务|工作)+(?:职务|职责)?说明书|"
    r"岗位职责(?:说明书)?)(?:范文|详解)?(?P<rest>.*)$"
)
_ROLE_SUFFIX = re.compile(r"(岗位|职位|职务|工作)+$")


@dataclass
class RawJd:
    """One JD's blocks; ``title`` from its title line, if it has one."""

    title: str = ""
    title_block: Block | None = None
    blocks: list[Block] = field(default_factory=list)
    carried: list[Block] = field(default_factory=list)  # stray lines before it: kept, never mapped

    def empty(self) -> bool:
        return not self.blocks


def title_line(text: str) -> tuple[str, str] | None:
    """(the role's title, the text after the title) for a line that opens a JD."""
    text = plain(unicodedata.normalize("NFKC", text))
    match = _TITLE.match(text)
    if not match:
        return None
    title = _ROLE_SUFFIX.sub("", match["title"].strip(" —–-")).strip()
    rest = match["rest"].strip()
    if not rest and "说明书" not in text:
        rest = "岗位职责"  # 一、客服专员岗位职责: the duties of the role follow
    if not title or section_label(title, run_on=False):
        return None
    if rest and not section_label(rest) and not rest.startswith(("职位名称", "岗位名称")):
        return None  # a sentence that mentions a JD, not its title
    return title, rest


def split(blocks: list[Block]) -> list[RawJd]:
    """The JDs of a file, in order; a file without titles is one JD."""
    jds: list[RawJd] = [RawJd()]
    for block in blocks:
        current = jds[-1]
        if block.page_break and not current.empty():
            jds.append(RawJd())
            current = jds[-1]
        if not block.table:
            found = title_line(block.text)
            if found:
                title, rest = found
                if current.empty() and current.title and current.title != title:
                    stray = [current.title_block] if current.title_block else []
                    carried = current.carried + stray
                    jds[-1] = RawJd(title, block, [], carried)
                elif current.empty() and current.title == title:
                    pass  # the title twice (a heading, then the text): nothing more to keep
                elif current.empty() and not current.title:
                    current.title, current.title_block = title, block
                else:
                    jds.append(RawJd(title, block))
                if rest:
                    jds[-1].blocks.append(Block((rest,), block.number, 0, False, False, block.order))
                continue
        if _opens_another(block, current):
            jds.append(RawJd())
        jds[-1].blocks.append(block)
    return [jd for jd in jds if jd.blocks or jd.carried or jd.title]


def _opens_another(block: Block, current: RawJd) -> bool:
    """A second 职位名称 (or Job Title) in a JD that already has one starts the next JD."""
    if not _names_title(block):
        return False
    return any(_names_title(b) for b in current.blocks)


def _names_title(block: Block) -> bool:
    if block.table:
        return any(header_label(cell) == "title" for cell in block.cells[:1]) or (
            len(block.cells) == 1 and (header_pair(block.cells[0]) or ("", ""))[0] == "title"
        )
    found = header_pair(block.text)
    return bool(found and found[0] == "title")
