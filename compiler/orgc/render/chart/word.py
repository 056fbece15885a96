"""The org chart drawn natively in Word: DrawingML shapes in one group per chart, no bitmap.

``org_chart_xml`` returns WordprocessingML body paragraphs for the handbook. Each chart
is an inline ``wpg:wgp`` group (Word 2010 and later, LibreOffice) of rectangles with
text and line segments, placed from the same layout as ``org-chart.svg`` and scaled to
the text width. The namespaces it uses are declared on its own elements, so the
document root needs only ``w`` and ``r``.

An organisation too big for one page at a readable size is split like a printed
handbook does it: the top layers first, then one chart per role whose reports did not
fit (depth-first, so a department's teams follow the department). A box whose reports
are in a later chart shows ``▸ N`` (N roles below it). Dotted lines whose two ends are
not in one chart are listed under the charts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import count

from ...i18n.documents import label
from ...writers import escape
from ...writers.docx.wml import Run, paragraph
from ..context import RenderContext
from ..style import ACCENT, DOTTED, FAINT, FILL, INK, MUTED, TOP_FILL, VACANT_FILL
from .layout import Box, ChartLayout, ChartNode, Edge, layout, reporting_tree
from .nodes import chart_nodes

NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
NS_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

EMU_PER_PX = 9525  # 96 px to the inch
EMU_PER_TWIP = 635
MIN_SCALE = 0.7  # below this a 13 px title is under 7 pt: split the chart instead
MAX_SCALE = 0.85  # titles of 8.3 pt at most, so small and large charts look alike
MAX_HEIGHT_TWIPS = 11000  # an A4 page (14344 twips of text) less a heading, a caption and notes
ASPECTS = (3.0, 1.5, 0.75)  # tried in turn for each chart: the one drawn largest on the page wins
FIRST_SHAPE_ID = 7001  # wp:docPr / wps:cNvPr ids; kept clear of the small ids other drawings use
LINE_EMU = 9525  # 0.75 pt


def _word(key: str, lang: str) -> str:
    return label(f"chart_{key}", lang)


@dataclass(frozen=True)
class ChartPart:
    """One drawing: ``root`` and its reports down to where the page is full."""

    root: str
    chart: ChartLayout
    nodes: tuple[ChartNode, ...]


def org_chart_xml(ctx: RenderContext, lang: str, width_twips: int, max_parts: int | None = None) -> str:
    """Body paragraphs that draw the org chart in Word, ``width_twips`` wide at most.

    With ``max_parts``, only that many charts are drawn, the top layers first. A legend
    under the first chart says what its marks mean.
    """
    nodes = chart_nodes(ctx, lang)
    return chart_xml(nodes, ctx.t(ctx.org.name, lang), lang, width_twips, max_parts)


def chart_xml(
    nodes: Sequence[ChartNode], org_name: str, lang: str, width_twips: int, max_parts: int | None = None
) -> str:
    """``org_chart_xml`` of these nodes: made from nothing else, so that it can be kept by their fingerprint."""
    if not nodes:
        return paragraph(label("none", lang))
    parts = chart_parts(nodes, width_twips, max_parts)
    by_id = {n.id: n for n in nodes}
    ids = count(FIRST_SHAPE_ID)
    out: list[str] = []
    for number, part in enumerate(parts):
        caption = org_name if number == 0 else _caption(by_id[part.root])
        if len(parts) > 1:
            if number == 0:
                caption += f" · {_word('overview', lang)}"
            out.append(paragraph(Run(caption, bold=True, color=ACCENT), keep_next=True, space_after=60))
        out.append(drawing(part.chart, part.nodes, scale(part.chart, width_twips), ids, caption))
        if number == 0:
            out.append(_note(legend(nodes, lang, folded=len(parts) > 1)))
    drawn = {(e.source, e.target) for part in parts for e in part.chart.edges if e.dashed}
    missing = [(d, n.id) for n in nodes for d in n.dotted_to if d in by_id and (d, n.id) not in drawn]
    if missing:
        pairs = "; ".join(f"{by_id[n].title} ┄→ {by_id[d].title}" for d, n in missing)
        space = "" if lang.startswith("zh") else " "  # after a full-width colon
        out.append(_note(f"{_word('dotted', lang)}{space}{pairs}"))
    return "".join(out)


def legend(nodes: Sequence[ChartNode], lang: str, folded: bool) -> str:
    """What the chart's marks mean: one line, only the marks it uses."""
    keys = ["levels", "headcount"]
    if folded:
        keys.append("folded")
    if any(n.dotted_to for n in nodes):
        keys.append("dotted")
    if any(n.headcount == 0 and not n.external for n in nodes):
        keys.append("vacant")
    if any(n.external for n in nodes):
        keys.append("external")
    separator = "；" if lang.startswith("zh") else "; "
    return _word("legend", lang) + " " + separator.join(_word(f"legend_{key}", lang) for key in keys)


def _note(text: str) -> str:
    return paragraph(Run(text, color=MUTED, size=8), space_after=0)


def _caption(node: ChartNode) -> str:
    return f"{node.title} · {node.unit}" if node.unit else node.title


def scale(chart: ChartLayout, width_twips: int, max_height_twips: int = MAX_HEIGHT_TWIPS) -> float:
    """How much the chart must shrink to fit the width and one page (at most ``MAX_SCALE``)."""
    px_twips = EMU_PER_PX / EMU_PER_TWIP
    return min(
        MAX_SCALE, width_twips / (chart.width * px_twips), max_height_twips / (chart.height * px_twips)
    )


def chart_parts(nodes: Sequence[ChartNode], width_twips: int, limit: int | None = None) -> list[ChartPart]:
    """The charts to draw: each root with as many of the layers below as fit, then the rest.

    Depth-first, so that a department's teams follow the department; with a ``limit``,
    breadth-first instead, so that the charts drawn are the top of the organisation.
    """
    tree = _Tree(nodes, width_twips)
    parts: list[ChartPart] = []
    todo = list(tree.roots)
    while todo and (limit is None or len(parts) < limit):
        root = todo.pop(0)
        part, frontier = _fill_page(tree, root, width_twips)
        parts.append(part)
        if limit is None:
            todo[0:0] = frontier
        else:
            todo.extend(frontier)
    return parts


class _Tree:
    def __init__(self, nodes: Sequence[ChartNode], width_twips: int) -> None:
        self.width = width_twips
        self.roots, self.kids, order = reporting_tree(nodes)
        self.position = {n: i for i, n in enumerate(order)}
        self.by_id = {n.id: n for n in nodes}
        self.below = dict.fromkeys(order, 0)  # how many roles report to each, directly or not
        for node in reversed(order):
            self.below[node] = sum(1 + self.below[c] for c in self.kids[node])

    def part(self, root: str, shown: set[str]) -> tuple[ChartPart, list[str]]:
        """The chart of ``shown`` (``root`` on top), and the roles whose reports it leaves out."""
        ordered = sorted(shown, key=self.position.__getitem__)
        frontier = [n for n in ordered if any(c not in shown for c in self.kids[n])]
        cut = set(frontier)
        part_nodes = tuple(
            replace(
                _marked(self.by_id[n], self.below[n]) if n in cut else self.by_id[n],
                parent=None if n == root else self.by_id[n].parent,
            )
            for n in ordered
        )
        charts = [layout(part_nodes, aspect=aspect) for aspect in ASPECTS]
        chart = max(charts, key=lambda c: scale(c, self.width))  # the first of the largest
        return ChartPart(root, chart, part_nodes), frontier


def _fill_page(tree: _Tree, root: str, width_twips: int) -> tuple[ChartPart, list[str]]:
    """``root`` and its reports, then whole layers while they fit at ``MIN_SCALE``; then, smallest
    team first, the teams of the next layer that still fit one by one."""
    shown = {root, *tree.kids[root]}
    best = tree.part(root, shown)
    while best[1]:
        wider = shown.union(*(tree.kids[f] for f in best[1]))
        tried = tree.part(root, wider)
        if scale(tried[0].chart, width_twips) < MIN_SCALE:
            break
        shown, best = wider, tried
    for node in sorted(best[1], key=lambda f: (tree.below[f], tree.position[f])):
        wider = shown.union(tree.kids[node])
        tried = tree.part(root, wider)
        if scale(tried[0].chart, width_twips) >= MIN_SCALE:
            shown, best = wider, tried
    return best


def _marked(node: ChartNode, hidden: int) -> ChartNode:
    note = f"{node.note} · ▸ {hidden}" if node.note else f"▸ {hidden}"
    return replace(node, note=note)


# -- DrawingML ----------------------------------------------------------------------------------


def drawing(
    chart: ChartLayout, nodes: Sequence[ChartNode], factor: float, ids: Iterator[int], title: str = ""
) -> str:
    """One centred paragraph holding the chart as an inline group of shapes."""

    def emu(px: float) -> int:
        return round(px * factor * EMU_PER_PX)

    cx, cy = emu(chart.width), emu(chart.height)
    by_id = {n.id: n for n in nodes}
    shapes = [_line(seg, emu, next(ids), FAINT) for seg in _segments(e for e in chart.edges if not e.dashed)]
    for edge in (e for e in chart.edges if e.dashed):
        last = len(edge.points) - 2
        for i, seg in enumerate(zip(edge.points, edge.points[1:], strict=False)):
            shapes.append(_line(seg, emu, next(ids), DOTTED, dashed=True, arrow=i == last))
    for box in chart.boxes:
        fill = box_fill(box)
        paragraphs = "".join(
            _text_paragraph(line.text, line.size * 0.75 * factor, line.bold, round(line.height * factor * 15))
            for line in box.lines
        )
        node = by_id.get(box.id)
        shapes.append(
            f'<wps:wsp><wps:cNvPr id="{next(ids)}" name="{escape.xml(box.id)}" '
            f'descr="{escape.xml(node.tooltip if node else box.id)}"/><wps:cNvSpPr/>'
            f"<wps:spPr>{_xfrm(emu(box.x), emu(box.y), emu(box.width), emu(box.height))}"
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>'
            f"{_box_outline(box)}</wps:spPr>"
            f"<wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>"
            f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="{emu(3)}" tIns="0" rIns="{emu(3)}" bIns="0" '
            'anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>'
        )
    doc_id = next(ids)
    group = (
        f'<wpg:wgp xmlns:wpg="{NS_WPG}" xmlns:wps="{NS_WPS}"><wpg:cNvGrpSpPr/>'
        f'<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></wpg:grpSpPr>'
        f"{''.join(shapes)}</wpg:wgp>"
    )
    inline = (
        f'<wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{NS_WP}">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{doc_id}" name="Org chart {doc_id}" descr="{escape.xml(title)}"/>'
        "<wp:cNvGraphicFramePr/>"
        f'<a:graphic xmlns:a="{NS_A}"><a:graphicData uri="{NS_WPG}">{group}</a:graphicData></a:graphic>'
        "</wp:inline>"
    )
    return (
        '<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="120"/><w:jc w:val="center"/>'
        f"</w:pPr><w:r><w:drawing>{inline}</w:drawing></w:r></w:p>"
    )


def box_fill(box: Box) -> str:
    """A top role's box is shaded; a vacant position's grey; a supervisor outside the organisation's white."""
    if box.external:
        return FILL
    return VACANT_FILL if box.vacant else TOP_FILL if box.depth == 0 else FILL


def _box_outline(box: Box) -> str:
    if box.external:
        return _outline(FAINT, dash="sysDot")
    return _outline(FAINT if box.vacant else ACCENT, dashed=box.vacant)


def _text_paragraph(text: str, points: float, bold: bool, line_twips: int) -> str:
    size = max(4.0, round(points * 2) / 2)
    run = Run(text, bold=bold, color=INK if bold else MUTED, size=size).xml()
    return (
        '<w:p><w:pPr><w:snapToGrid w:val="0"/>'
        f'<w:spacing w:before="0" w:after="0" w:line="{max(line_twips, 80)}" w:lineRule="exact"/>'
        '<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f"{run}</w:p>"
    )


def _xfrm(x: int, y: int, cx: int, cy: int, flip_h: bool = False, flip_v: bool = False) -> str:
    flips = (' flipH="1"' if flip_h else "") + (' flipV="1"' if flip_v else "")
    return f'<a:xfrm{flips}><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def _outline(colour: str, dashed: bool = False, arrow: bool = False, dash: str = "") -> str:
    dash = f'<a:prstDash val="{dash or "dash"}"/>' if dashed or dash else ""
    end = '<a:tailEnd type="triangle" w="med" len="med"/>' if arrow else ""
    return f'<a:ln w="{LINE_EMU}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{dash}{end}</a:ln>'


Segment = tuple[tuple[int, int], tuple[int, int]]


def _line(
    seg: Segment,
    emu: Callable[[float], int],
    shape_id: int,
    colour: str,
    dashed: bool = False,
    arrow: bool = False,
) -> str:
    """A straight line shape from seg[0] to seg[1] (flipped so its end, and arrow, is at seg[1])."""
    (x1, y1), (x2, y2) = seg
    left, top, cx, cy = emu(min(x1, x2)), emu(min(y1, y2)), emu(abs(x2 - x1)), emu(abs(y2 - y1))
    return (
        f'<wps:wsp><wps:cNvPr id="{shape_id}" name="Line {shape_id}"/><wps:cNvSpPr/><wps:spPr>'
        f"{_xfrm(left, top, cx, cy, flip_h=x2 < x1, flip_v=y2 < y1)}"
        f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:noFill/>{_outline(colour, dashed, arrow)}'
        "</wps:spPr><wps:bodyPr/></wps:wsp>"
    )


def _segments(edges: Iterator[Edge]) -> list[Segment]:
    """The reporting lines as few straight segments: overlapping pieces (a shared bus) merged."""
    horizontal: dict[int, list[tuple[int, int]]] = {}
    vertical: dict[int, list[tuple[int, int]]] = {}
    for edge in edges:
        for (x1, y1), (x2, y2) in zip(edge.points, edge.points[1:], strict=False):
            if y1 == y2:
                horizontal.setdefault(y1, []).append((min(x1, x2), max(x1, x2)))
            else:
                vertical.setdefault(x1, []).append((min(y1, y2), max(y1, y2)))
    out: list[Segment] = []
    for y, spans in sorted(horizontal.items()):
        out += [((a, y), (b, y)) for a, b in _union(spans)]
    for x, spans in sorted(vertical.items()):
        out += [((x, a), (x, b)) for a, b in _union(spans)]
    return out


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
