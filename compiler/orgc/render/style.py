"""The look every document shares: one palette, and the Word package, page header and footer of every DOCX.

Colours are RRGGBB, as WordprocessingML and DrawingML write them; the SVG and
Graphviz charts put a '#' before them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..i18n.documents import label
from ..writers.docx import package
from ..writers.docx.package import CONTENT_WIDTH, DocxBase
from ..writers.docx.wml import Run, field
from .context import RenderContext

INK = "1F1F1F"  # text in chart boxes
ACCENT = "1F4E79"  # headings, borders, RACI letters, the organisation's name
MUTED = "595959"  # secondary text: subtitles, notes, captions
FAINT = "7F7F7F"  # reporting lines, page headers and footers, legends
DOTTED = "C55A11"  # dotted-line supervisors
TOP_FILL, FILL, VACANT_FILL = "DCE6F1", "FFFFFF", "F7F7F7"  # chart boxes: the top role, the others, vacant
ROLE_FILL = "FFF2CC"  # the role itself in a JD's position chart

REFERENCE_DOCX = "reference.docx"


def docx_base(ctx: RenderContext) -> DocxBase:
    """The shared parts of every DOCX of this build, prepared once per process."""
    return _prepared(ctx.template_dirs, ctx.config.east_asian_font, ctx.config.latin_font)


@cache
def _prepared(template_dirs: tuple[Path, ...], east_asian: str, latin: str) -> DocxBase:
    found = (d / REFERENCE_DOCX for d in template_dirs)
    reference = next((path for path in found if path.is_file() or path.is_symlink()), None)
    return package.prepare(reference, east_asian, latin, heading_color=ACCENT)


def page_header(left: str, right: str) -> str:
    border = f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="{ACCENT}"/></w:pBdr>'
    return (
        f'<w:p><w:pPr><w:pStyle w:val="Header"/>{border}{RIGHT_TAB}</w:pPr>'
        f"{Run(left, color=ACCENT, size=9).xml()}{_TAB}{Run(right, color=FAINT, size=9).xml()}</w:p>"
    )


def page_footer(left: str, lang: str) -> str:
    """``left`` at the margin, "page x of n" in ``lang`` at the right."""
    small = {"color": FAINT, "size": 8}
    numbering = "".join(
        field("PAGE", **small)
        if piece == "{page}"
        else field("NUMPAGES", **small)
        if piece == "{pages}"
        else Run(piece, **small).xml()
        for piece in re.split(r"(\{page\}|\{pages\})", label("page", lang))
        if piece
    )
    return (
        f'<w:p><w:pPr><w:pStyle w:val="Footer"/>{RIGHT_TAB}</w:pPr>'
        f"{Run(left, **small).xml()}{_TAB}{numbering}</w:p>"
    )


_TAB = "<w:r><w:tab/></w:r>"
# Clear the centre and right tab stops that Header/Footer styles usually carry (Letter and A4),
# then put one right-aligned stop at the margin.
RIGHT_TAB = (
    "<w:tabs>"
    + "".join(
        f'<w:tab w:val="clear" w:pos="{pos}"/>' for pos in (4153, 4320, 4513, 4680, 8306, 8640, 9026, 9360)
    )
    + f'<w:tab w:val="right" w:pos="{CONTENT_WIDTH}"/></w:tabs>'
)
