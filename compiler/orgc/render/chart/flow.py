"""A process's steps as a flow diagram drawn natively in Word, like the org chart (``word``).

The steps stand in one column in their order, each box numbered as in the step table. An arrow
joins a step to each step it leads to: straight down to the step right after it, otherwise
along a lane of its own to the right of the boxes, so that no two arrows share a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count, pairwise

from ...writers import escape
from ..style import ACCENT, FAINT, FILL
from .layout import MAX_TITLE_LINES, wrap
from .word import EMU_PER_PX, NS_A, NS_WP, NS_WPG, NS_WPS, _line, _outline, _text_paragraph, _xfrm

BOX_WIDTH = 300  # px
TEXT_SIZE = 11
LINE_HEIGHT = 15
PAD_X, PAD_Y = 8, 6
GAP = 22  # between two boxes, room for an arrow
LANE = 10  # between the lanes of the arrows that skip or go back
FIRST_SHAPE_ID = 20001  # clear of the org chart's (``word.FIRST_SHAPE_ID``)
SHAPES_PER_FLOW = 1000


def flow_xml(steps: Sequence[tuple[str, Sequence[int]]], name: str, number: int) -> str:
    """A centred paragraph holding the diagram: ``steps`` are (box text, 0-based indexes of the
    next steps); ``number`` (the process's place in the book) keeps its shape ids apart."""
    if not steps:
        return ""
    ids = count(FIRST_SHAPE_ID + number * SHAPES_PER_FLOW)
    texts = [
        wrap(text, TEXT_SIZE, BOX_WIDTH - 2 * PAD_X - 24, MAX_TITLE_LINES) for text, _ in steps
    ]  # room for wider fonts
    height = 2 * PAD_Y + max(len(lines) for lines in texts) * LINE_HEIGHT
    tops = [i * (height + GAP) for i in range(len(steps))]
    skipping = [(i, j) for i, (_, following) in enumerate(steps) for j in following if j != i + 1 and j != i]
    width = BOX_WIDTH + (len(skipping) + 1) * LANE + 2
    total = tops[-1] + height + 2

    def emu(px: float) -> int:
        return round(px * EMU_PER_PX)

    shapes = []
    for i, (_, following) in enumerate(steps):
        if i + 1 in following:
            seg = ((BOX_WIDTH // 2, tops[i] + height), (BOX_WIDTH // 2, tops[i + 1]))
            shapes.append(_line(seg, emu, next(ids), FAINT, arrow=True))
    for lane, (i, j) in enumerate(skipping, 1):
        x = BOX_WIDTH + lane * LANE
        out_y, in_y = tops[i] + height // 2 + 4, tops[j] + height // 2 - 4
        points = [(BOX_WIDTH, out_y), (x, out_y), (x, in_y), (BOX_WIDTH, in_y)]
        for k, seg in enumerate(pairwise(points)):
            shapes.append(_line(seg, emu, next(ids), FAINT, arrow=k == 2))
    for i, lines in enumerate(texts):
        paragraphs = "".join(
            _text_paragraph(line, TEXT_SIZE * 0.75, False, LINE_HEIGHT * 15) for line in lines
        )
        shapes.append(
            f'<wps:wsp><wps:cNvPr id="{next(ids)}" name="Step {i + 1}"/><wps:cNvSpPr/>'
            f"<wps:spPr>{_xfrm(emu(0), emu(tops[i]), emu(BOX_WIDTH), emu(height))}"
            f'<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{FILL}"/></a:solidFill>{_outline(ACCENT)}</wps:spPr>'
            f"<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>"
            f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="{emu(3)}" tIns="0" rIns="{emu(3)}" bIns="0" '
            'anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>'
        )
    cx, cy = emu(width), emu(total)
    doc_id = next(ids)
    group = (
        f'<wpg:wgp xmlns:wpg="{NS_WPG}" xmlns:wps="{NS_WPS}"><wpg:cNvGrpSpPr/>'
        f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></wpg:grpSpPr>'
        f"{''.join(shapes)}</wpg:wgp>"
    )
    return (
        '<w:p><w:pPr><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:before="60" w:after="120"/>'
        '<w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{NS_WP}">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{doc_id}" name="Flow {doc_id}" descr="{escape.xml(name)}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{NS_A}"><a:graphicData uri="{NS_WPG}">{group}</a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p>"
    )
