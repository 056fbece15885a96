"""``org-chart.svg``, ``.mmd`` and ``.dot``: the org chart as a picture, as Mermaid and as Graphviz.

All three show every role in the default language: title, ``×headcount`` (and "vacant"
for a planned, unstaffed position) and unit. Vacant positions have a dashed border and
dotted-line supervisors a dashed line. The SVG is drawn from our own layout
(``chart_layout``); the Mermaid and Graphviz files leave the layout to those tools.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence

from ...writers import escape
from .. import style
from ..context import OutputFile, RenderContext
from ..volumes import volumes
from .layout import EXTERNAL_PREFIX, Box, ChartLayout, ChartNode, Edge, layout, text_width
from .nodes import chart_nodes
from .views import overview_nodes, unit_nodes
from .word import box_fill, legend

FONTS = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', "
    "'Hiragino Sans GB', 'Helvetica Neue', Arial, sans-serif"
)
INK, LINE, ACCENT, DOTTED = (f"#{colour}" for colour in (style.INK, style.FAINT, style.ACCENT, style.DOTTED))
TOP_FILL, FILL, VACANT_FILL = (f"#{colour}" for colour in (style.TOP_FILL, style.FILL, style.VACANT_FILL))
MUTED = f"#{style.MUTED}"


PATHS = ("org-chart.svg", "org-chart.mmd", "org-chart.dot")
# Up to this many roles the picture has one row per level; above, departments too wide for one
# row hang from a spine (``layout``), or a large company would be a strip many metres long.
LEVEL_ROWS_UP_TO = 200
HEADING_HEIGHT, LEGEND_HEIGHT = 40, 30


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    """The three charts; kept from the last build when the boxes, lines and titles are unchanged.

    When the handbook is split (``render.volumes``), they show the overview of the top
    (``views.overview_nodes``), and each top-level unit has three of its own under ``charts/``.
    """
    lang = ctx.org.default_language
    nodes = chart_nodes(ctx, lang)
    org_name = ctx.t(ctx.org.name, lang)
    title = f"{org_name} · {ctx.label('org_chart', lang)}"
    split = volumes(ctx.org, ctx.graph, ctx.config.handbook_split)
    if split is None:
        yield from _chart_files(ctx, PATHS, nodes, title, ctx.org.id)
        return
    overview = overview_nodes(nodes, split)
    extra = ctx.label("chart_legend_in_chart", lang) if any("▸" in n.note for n in overview) else ""
    yield from _chart_files(ctx, PATHS, overview, title, ctx.org.id, extra)
    for part in split.parts:
        unit_id = part.unit or ""
        unit = ctx.t(ctx.org.units[unit_id].name, lang)
        unit_title = f"{org_name} · {unit} · {ctx.label('org_chart', lang)}"
        paths = tuple(f"charts/{unit_id}{path[len('org-chart') :]}" for path in PATHS)
        yield from _chart_files(ctx, paths, unit_nodes(nodes, part.roles), unit_title, unit_id)


def _chart_files(
    ctx: RenderContext,
    paths: Sequence[str],
    nodes: Sequence[ChartNode],
    title: str,
    graph_id: str,
    extra_legend: str = "",
) -> Iterator[OutputFile]:
    """One chart as SVG, Mermaid and Graphviz (``paths`` in that order); ``extra_legend`` ends the SVG's key."""
    lang = ctx.org.default_language
    dotted = ctx.label("dotted", lang)
    content = ctx.reuse.key(lang, graph_id, title, dotted, extra_legend, nodes)
    if ctx.reuse.kept(paths, content):
        for path in paths:
            yield OutputFile(path, b"", content, kept=True)
        return
    svg_path, mermaid_path, dot_path = paths
    chart = layout(nodes, levels=len(nodes) <= LEVEL_ROWS_UP_TO)
    key = legend(nodes, lang, folded=False)
    if extra_legend:
        key += ("；" if lang.startswith("zh") else "; ") + extra_legend
    yield OutputFile(svg_path, svg(chart, nodes, title, dotted, key).encode(), content)
    yield OutputFile(mermaid_path, mermaid(nodes, title).encode(), content)
    yield OutputFile(dot_path, dot(nodes, graph_id, title).encode(), content)


# -- SVG -------------------------------------------------------------------------------------------


def svg(
    chart: ChartLayout, nodes: Sequence[ChartNode], title: str, dotted_label: str = "dotted", key: str = ""
) -> str:
    """A standalone SVG document that scales to its container (a ``viewBox``, no fixed size):
    the title above the chart, the ``key`` (its legend) below. Every text is escaped, every
    number an integer."""
    by_id = {n.id: n for n in nodes}
    one_line = escape.one_line(title)
    w = max(chart.width, int(text_width(one_line, 16, True)) + 32, int(text_width(key, 11)) + 32)
    h = HEADING_HEIGHT + chart.height + (LEGEND_HEIGHT if key else 0)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        f'font-family="{FONTS}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape.xml(one_line)}</title>',
        '<defs><marker id="dotted-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{DOTTED}"/></marker></defs>',
        f'<rect width="{w}" height="{h}" fill="#FFFFFF"/>',
        f'<text class="heading" x="{w // 2}" y="28" text-anchor="middle" font-size="16" font-weight="bold" '
        f'fill="{ACCENT}">{escape.xml(one_line)}</text>',
    ]
    if key:
        out.append(
            f'<text class="legend" x="16" y="{h - 11}" font-size="11" fill="{MUTED}">{escape.xml(key)}</text>'
        )
    out += [
        f'<g class="chart" transform="translate({(w - chart.width) // 2},{HEADING_HEIGHT})">',
        f'<g class="reporting-lines" fill="none" stroke="{LINE}" stroke-width="1.2">',
    ]
    out += [_path(e) for e in chart.edges if not e.dashed]
    out.append("</g>")
    dotted = [e for e in chart.edges if e.dashed]
    if dotted:
        out.append(
            f'<g class="dotted-lines" fill="none" stroke="{DOTTED}" stroke-width="1.2" '
            'stroke-dasharray="6 4" marker-end="url(#dotted-arrow)">'
        )
        for edge in dotted:
            hover = f"{dotted_label}: {by_id[edge.target].title} → {by_id[edge.source].title}"
            out.append(_path(edge, hover))
        out.append("</g>")
    out.append(f'<g class="roles" text-anchor="middle" fill="{INK}">')
    out += [_box(box, by_id[box.id]) for box in chart.boxes]
    out += ["</g>", "</g>", "</svg>", ""]
    return "\n".join(out)


def _path(edge: Edge, hover: str = "") -> str:
    d = "M" + " L".join(f"{x},{y}" for x, y in edge.points)
    if hover:
        return f'<path d="{d}"><title>{escape.xml(hover)}</title></path>'
    return f'<path d="{d}"/>'


def _box(box: Box, node: ChartNode) -> str:
    fill = f"#{box_fill(box)}"
    if box.external:  # a supervisor outside the organisation: not a role of it
        stroke = f'stroke="{LINE}" stroke-dasharray="2 2"'
        opening = f'<g id="external-{escape.xml(box.id.removeprefix(EXTERNAL_PREFIX))}" class="external">'
    else:
        stroke = f'stroke="{LINE}" stroke-dasharray="5 3"' if box.vacant else f'stroke="{ACCENT}"'
        opening = f'<g id="role-{escape.xml(box.id)}" class="role{" vacant" if box.vacant else ""}">'
    parts = [
        opening,
        f"<title>{escape.xml(node.tooltip or node.title)}</title>",
        f'<rect x="{box.x}" y="{box.y}" width="{box.width}" height="{box.height}" rx="4" '
        f'fill="{fill}" {stroke} stroke-width="1.2"/>',
    ]
    for line in box.lines:
        weight = ' font-weight="bold"' if line.bold else f' fill="{MUTED}"'
        parts.append(
            f'<text x="{box.cx}" y="{box.y + line.baseline}" font-size="{line.size}"{weight}>'
            f"{escape.xml(line.text)}</text>"
        )
    parts.append("</g>")
    return "".join(parts)


# -- Mermaid ---------------------------------------------------------------------------------------


_PLAIN_ID = re.compile(r"[a-z][a-z0-9-]*")


def mermaid_id(role_id: str) -> str:
    """A Mermaid node id no keyword or other role can collide with: ``r_`` + the id, or its hex."""
    if role_id.startswith(EXTERNAL_PREFIX):  # a supervisor outside the organisation, above a top role
        return "x" + mermaid_id(role_id.removeprefix(EXTERNAL_PREFIX))[1:]
    if _PLAIN_ID.fullmatch(role_id):
        return "r_" + role_id.replace("-", "_")
    return "r__" + role_id.encode().hex()


def mermaid(nodes: Sequence[ChartNode], title: str) -> str:
    ids = {n.id: mermaid_id(n.id) for n in nodes}
    out = [
        "---",
        # a JSON string is a YAML one; '%' written as \u0025, so no `%%{init}%%` directive appears
        "title: " + json.dumps(escape.one_line(title), ensure_ascii=False).replace("%", "\\u0025"),
        "---",
        "flowchart TD",
        "  %% generated by orgc from specs/: edit the specs, not this file",
        f"  classDef vacant stroke-dasharray: 5 5,fill:{VACANT_FILL.lower()},color:{MUTED}",
    ]
    if any(n.external for n in nodes):
        out.append(f"  classDef external stroke-dasharray: 2 2,fill:#ffffff,color:{MUTED}")
    for n in nodes:
        label = (
            escape.mermaid(n.title) + "<br/>" + escape.mermaid(n.meta + (f" · {n.unit}" if n.unit else ""))
        )
        out.append(f'  {ids[n.id]}["{label}"]')
    solid, dotted = _edges(nodes)
    out += [f"  {ids[upper]} --> {ids[lower]}" for upper, lower in solid]
    out += [f"  {ids[upper]} -.-> {ids[lower]}" for upper, lower in dotted]
    vacant = [ids[n.id] for n in nodes if n.headcount == 0 and not n.external]
    if vacant:
        out.append(f"  class {','.join(vacant)} vacant")
    external = [ids[n.id] for n in nodes if n.external]
    if external:
        out.append(f"  class {','.join(external)} external")
    return "\n".join(out) + "\n"


def _edges(nodes: Sequence[ChartNode]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(supervisor, report) pairs among the drawn roles: reporting lines, then dotted lines."""
    drawn = {n.id for n in nodes}
    solid = [(n.parent, n.id) for n in nodes if n.parent in drawn and n.parent != n.id]
    dotted = [
        (other, n.id)
        for n in nodes
        for other in dict.fromkeys(n.dotted_to)
        if other in drawn and other != n.id
    ]
    return solid, dotted


# -- Graphviz --------------------------------------------------------------------------------------


def _q(text: str) -> str:
    return f'"{escape.dot(text)}"'


def dot(nodes: Sequence[ChartNode], graph_id: str, title: str) -> str:
    font = "Noto Sans CJK SC"
    out = [
        "// generated by orgc from specs/: edit the specs, not this file",
        f"digraph {_q(graph_id)} {{",
        f'  graph [rankdir=TB, charset="UTF-8", label={_q(escape.one_line(title))}, labelloc=t, '
        f'fontname="{font}", nodesep=0.3, ranksep=0.5];',
        f'  node [shape=box, fontname="{font}", fontsize=11, color="{ACCENT}", margin="0.15,0.06"];',
        f'  edge [color="{LINE}", arrowhead=none];',
    ]
    for n in nodes:
        label = n.title + "\n" + n.meta + (f" · {n.unit}" if n.unit else "")
        style = ', style="dotted"' if n.external else ', style="dashed"' if n.headcount == 0 else ""
        out.append(f"  {_q(n.id)} [label={_q(label)}, tooltip={_q(n.tooltip or n.title)}{style}];")
    solid, dotted = _edges(nodes)
    out += [f"  {_q(upper)} -> {_q(lower)};" for upper, lower in solid]
    out += [
        f'  {_q(upper)} -> {_q(lower)} [style=dashed, constraint=false, color="{DOTTED}", arrowhead=normal];'
        for upper, lower in dotted
    ]
    out.append("}")
    return "\n".join(out) + "\n"
