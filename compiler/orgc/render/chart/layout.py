"""Our own tidy-tree layout of the org chart: boxes and reporting lines as frozen geometry.

Every renderer (SVG, the handbook's DrawingML) draws from the same ``ChartLayout``.
Coordinates are integer pixels (96 dpi), y grows downwards, (0, 0) is the top left;
boxes sit on rows ``box height + V_GAP`` apart.

How it lays out a tree:

* All boxes have the same size (the widest title decides, within bounds; long titles
  wrap onto up to three lines; CJK characters count about twice as wide as Latin).
* A parent with ``comb_from`` or more *leaf* reports hangs them from a vertical spine
  in two columns (the "comb" of paper org charts), at most ``comb_rows`` rows per spine,
  so a team of 40 agents is four boxes wide, not forty.
* Reports with their own reports stand side by side, packed Reingold–Tilford style:
  each subtree keeps its left and right outline per row, and a new sibling moves right
  until it clears the outline of those before it by ``H_GAP`` on every row they share.
  Outlines are merged by reusing the deeper one, so packing costs O(n).
* Rows are levels (``levels``, the default): when a row of reports would be more than
  ``aspect`` times wider than tall, only the reports without reports of their own hang
  from a spine; a manager stays on its level's row. A level whose reports hang in
  several rows gets a band of that many rows, all above the next level, so no role is
  ever drawn below one of a lower level.
* Without ``levels`` all the reports of such a row hang from a spine, each in the
  shorter of two columns (leaves first, so assistants sit next to their manager). This
  keeps a 400-role company about as wide as it is tall instead of a strip many metres
  long; ``org-chart.svg`` draws that way above ``formats.LEVEL_ROWS_UP_TO`` roles.
* A parent is centred over its first and last report (or over its spine).
* Dotted lines run from the supervisor's bottom through the gaps between rows and
  boxes to the role's top, never through a box or along a reporting line.
* A top role's supervisor outside the organisation (``reports_to_external``) is a box of
  its own above it (``ChartNode.external``), on a row above every top role.

A 10,000-role organisation takes about 0.3 s.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ...i18n.documents import label
from ...model.entities import Org
from ...model.graph import OrgGraph
from ...writers.escape import one_line

TITLE_SIZE = 13  # px
META_SIZE = 11
PAD_X, PAD_Y = 10, 7
MIN_WIDTH, MAX_WIDTH = 124, 196
MAX_TITLE_LINES = 3
H_GAP = 20  # between neighbouring subtrees
V_GAP = 36  # between rows; reporting lines turn half-way
SPINE_GAP = 28  # between the two columns of a comb
MARGIN = 16
LANE = 9  # how far a dotted line runs from a row of boxes (reporting lines run at V_GAP / 2)
COMB_FROM = 5
COMB_ROWS = 10
ASPECT = 3.0  # a row of reports wider than this times its height hangs from a spine
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class ChartNode:
    """One role as the chart sees it, in the default language; ``parent`` is its supervisor."""

    id: str
    title: str
    parent: str | None = None
    headcount: int = 1
    unit: str = ""
    dotted_to: tuple[str, ...] = ()
    note: str = ""  # after the headcount, e.g. "vacant"
    tooltip: str = ""
    external: bool = False  # a supervisor outside the organisation: no headcount, no unit

    @property
    def meta(self) -> str:
        if self.external:
            return self.note
        return f"×{self.headcount}" + (f" · {self.note}" if self.note else "")


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    size: int  # px
    bold: bool
    baseline: int  # from the top of the box
    height: int  # of the line box, px


@dataclass(frozen=True, slots=True)
class Box:
    id: str
    x: int
    y: int
    width: int
    height: int
    lines: tuple[TextLine, ...]  # title (wrapped), headcount, unit
    vacant: bool
    depth: int  # 0 for a top role, -1 for a supervisor outside the organisation
    external: bool = False

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2

    @property
    def bottom(self) -> int:
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class Edge:
    """A reporting line (orthogonal polyline) or a dotted line (straight, ``dashed``)."""

    source: str  # the supervisor
    target: str
    points: tuple[tuple[int, int], ...]
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class ChartLayout:
    boxes: tuple[Box, ...]  # parents before their reports, siblings left to right
    edges: tuple[Edge, ...]  # reporting lines first, then dotted lines
    width: int
    height: int


# -- from the organisation ------------------------------------------------------------------


EXTERNAL_PREFIX = "external "  # a space: no role id holds one


def nodes_from_org(org: Org, graph: OrgGraph, lang: str, vacant_label: str = "") -> tuple[ChartNode, ...]:
    """Every role in chart order, its texts in ``lang``; before a top role with a supervisor
    outside the organisation, that supervisor (one box for top roles naming the same one)."""
    nodes = []
    outside: dict[str, str] = {}  # the external supervisor's title → its node's id
    for role in graph.roles():
        unit = org.units.get(role.unit) if role.unit else None
        title = one_line(role.title.get(lang, org.default_language)) or role.id
        unit_name = one_line(unit.name.get(lang, org.default_language)) if unit else ""
        names = " / ".join(dict.fromkeys(one_line(text) for _, text in role.title.values))
        tooltip = " · ".join(part for part in (names, unit_name, f"×{role.headcount}", role.id) if part)
        parent = graph.supervisor(role.id)
        if parent is None and role.reports_to_external is not None:
            boss = one_line(role.reports_to_external.get(lang, org.default_language))
            if boss and boss not in outside:
                outside[boss] = EXTERNAL_PREFIX + role.id
                note = label("chart_outside", lang)
                nodes.append(
                    ChartNode(
                        id=outside[boss], title=boss, note=note, tooltip=f"{boss} · {note}", external=True
                    )
                )
            parent = outside.get(boss)
        nodes.append(
            ChartNode(
                id=role.id,
                title=title,
                parent=parent,
                headcount=role.headcount,
                unit=unit_name,
                dotted_to=tuple(d for d in role.dotted_to if d in org.roles),
                note=vacant_label if role.headcount == 0 else "",
                tooltip=tooltip,
            )
        )
    return tuple(nodes)


# -- text measurement ---------------------------------------------------------------------------


@cache
def _em(ch: str) -> float:
    """Estimated advance of one character in em: CJK and full-width 1, Latin about 0.56."""
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if unicodedata.combining(ch):
        return 0.0
    if ch == " ":
        return 0.3
    return 0.64 if ch.isupper() else 0.56


@lru_cache(maxsize=1 << 16)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in px; good enough to size boxes without a font file."""
    return sum(map(_em, text)) * size * (1.06 if bold else 1.0)


def _tokens(text: str) -> list[str]:
    """Words, single CJK characters and single spaces, in order."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch == " " or _em(ch) == 1.0:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


@lru_cache(maxsize=1 << 14)
def wrap(text: str, size: float, width: float, max_lines: int, bold: bool = False) -> tuple[str, ...]:
    """Greedy line breaking at spaces and between CJK characters; the last line ends in '…' if cut."""
    if text_width(text, size, bold) <= width:
        return (text,)
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if token == " " and not current:
            continue
        if text_width(current + token, size, bold) <= width:
            current += token
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = "" if token == " " else token
        start = 0
        while len(current) - start > 1:  # a word wider than a line is cut where it stops fitting
            cut = _fitting(current, size, width, bold, start=start)
            if cut == len(current) - start:
                break
            lines.append(current[start : start + max(cut, 1)])
            start += max(cut, 1)
        current = current[start:]
    if current.strip():
        lines.append(current.rstrip())
    _no_lone_last(lines)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], fit(" ".join(lines[max_lines - 1 :]), size, width, bold)]
    return tuple(lines) or ("",)


_CLOSING = frozenset("，。、；：？！）》」』】％")


def _no_lone_last(lines: list[str]) -> None:
    """A last line of one Chinese character takes the character before it along (改进措 / 施 →
    改进 / 措施), and the punctuation after that one, which may not start a line."""
    if len(lines) < 2 or len(lines[-1]) != 1 or _em(lines[-1]) != 1.0:
        return
    prev = lines[-2]
    moved = 1
    while moved < len(prev) and prev[-moved] in _CLOSING:
        moved += 1
    if len(prev) - moved >= 2 and all(_em(ch) == 1.0 for ch in prev[-moved:]):
        lines[-2:] = [prev[:-moved], prev[-moved:] + lines[-1]]


@lru_cache(maxsize=1 << 14)
def fit(text: str, size: float, width: float, bold: bool = False) -> str:
    """``text`` cut to ``width`` with a trailing '…'."""
    if text_width(text, size, bold) <= width:
        return text
    return text[: _fitting(text, size, width, bold, _em(ELLIPSIS))].rstrip() + ELLIPSIS


def _fitting(text: str, size: float, width: float, bold: bool, extra: float = 0.0, start: int = 0) -> int:
    """How many characters of ``text`` from ``start`` on (followed by ``extra`` em) fit in ``width``.

    One pass, adding up widths in the order ``text_width`` does, so the cut is the same
    as measuring every prefix, without the quadratic time that takes on a long text.
    """
    total = 0.0
    for index in range(start, len(text)):
        total += _em(text[index])
        if (total + extra) * size * (1.06 if bold else 1.0) > width:
            return index - start
    return len(text) - start


def _line_height(size: int) -> int:
    return round(size * 1.35)


# -- the layout ----------------------------------------------------------------------------------


class _Outline:
    """A subtree's left and right edge per row, stored bottom row first; value = stored + off.

    ``lo`` and ``hi`` are the subtree's extremes, stored the same way.
    """

    __slots__ = ("hi", "left", "lo", "off", "right")

    def __init__(self, left: list[int], right: list[int]) -> None:
        self.left, self.right, self.off = left, right, 0
        self.lo, self.hi = min(left), max(right)

    @property
    def width(self) -> int:
        return self.hi - self.lo


def _clearance(placed: _Outline, new: _Outline) -> int:
    """How far right ``new`` must move to clear ``placed`` on every row they share."""
    rows = min(len(placed.left), len(new.left))
    return max(placed.right[-1 - r] + placed.off - new.left[-1 - r] - new.off + H_GAP for r in range(rows))


def _merge(placed: _Outline, new: _Outline) -> _Outline:
    """The outline of both, ``new`` being to the right; reuses the deeper one (O(shallower))."""
    lo, hi = min(placed.lo + placed.off, new.lo + new.off), max(placed.hi + placed.off, new.hi + new.off)
    if len(new.left) >= len(placed.left):
        for r in range(len(placed.left)):
            new.left[-1 - r] = placed.left[-1 - r] + placed.off - new.off
        joint = new
    else:
        for r in range(len(new.left)):
            placed.right[-1 - r] = new.right[-1 - r] + new.off - placed.off
        joint = placed
    joint.lo, joint.hi = lo - joint.off, hi - joint.off
    return joint


def _pack(outlines: list[_Outline]) -> tuple[_Outline, list[int]]:
    """Place outlines left to right; returns the joint outline and each one's centre."""
    joint = outlines[0]
    xs = [0]
    for outline in outlines[1:]:
        shift = _clearance(joint, outline)
        outline.off += shift
        xs.append(shift)
        joint = _merge(joint, outline)
    return joint, xs


@dataclass
class _Stack:
    """Subtrees hanging from a vertical spine at x = 0, left or right, each under the one before."""

    outline: _Outline
    placed: list[tuple[str, int, int]]  # (root id, centre x, first row) relative to the spine's top


def _stack(items: list[tuple[str, _Outline]]) -> _Stack:
    """Each item goes to the shorter of the two columns (left first), so both stay short."""
    lefts: list[int] = []
    rights: list[int] = []
    used = [0, 0]  # rows taken in the left and right column
    placed = []
    for node, o in items:
        column = 0 if used[0] <= used[1] else 1
        start, rows = used[column], len(o.left)
        used[column] += rows
        if len(lefts) < used[column]:
            lefts += [0] * (used[column] - len(lefts))
            rights += [0] * (used[column] - len(rights))
        x = -SPINE_GAP // 2 - o.hi - o.off if column == 0 else SPINE_GAP // 2 - o.lo - o.off
        for r in range(rows):
            lefts[start + r] = min(lefts[start + r], o.left[rows - 1 - r] + o.off + x)
            rights[start + r] = max(rights[start + r], o.right[rows - 1 - r] + o.off + x)
        placed.append((node, x, start))
    return _Stack(_Outline(lefts[::-1], rights[::-1]), placed)


def _arrange(
    children: list[str], outlines: dict[str, _Outline], kids: dict[str, list[str]], opts: _Options
) -> list[str | _Stack]:
    """Reports side by side (large groups of leaves combed), or all hanging from one spine if too wide."""
    leaves = [c for c in children if not kids[c]]
    if len(leaves) >= opts.comb_from:
        count = -(-len(leaves) // (2 * opts.comb_rows))
        size = -(-len(leaves) // count)
        combs = [leaves[i : i + size] for i in range(0, len(leaves), size)]
    else:
        combs = []
    slots: list[str | _Stack] = []
    for child in children:
        if kids[child] or not combs:
            slots.append(child)
        elif child == leaves[0]:
            slots += [_stack([(leaf, outlines[leaf]) for leaf in comb]) for comb in combs]
    if len(children) > 1 and not opts.levels and _too_wide(slots, children, outlines, opts):
        hanging = leaves + [c for c in children if kids[c]]  # assistants and small teams first
        return [_stack([(c, outlines[c]) for c in hanging])]
    if len(children) > 1 and leaves and not combs and _too_wide(slots, children, outlines, opts):
        # only leaves hang: a report with reports of its own stays on its level's row
        teams = [c for c in children if kids[c]]
        return [_stack([(c, outlines[c]) for c in leaves]), *teams]
    return slots


def _too_wide(
    slots: list[str | _Stack], children: list[str], outlines: dict[str, _Outline], opts: _Options
) -> bool:
    """Side by side is wider than ``aspect`` times its height, and hanging would be narrower."""
    shapes = [s.outline if isinstance(s, _Stack) else outlines[s] for s in slots]
    wide = sum(o.width for o in shapes) + H_GAP * (len(shapes) - 1)
    tall = (1 + max(len(o.left) for o in shapes)) * opts.pitch
    hanging = 2 * max(outlines[c].width for c in children) + SPINE_GAP
    return wide > opts.aspect * tall and hanging < wide


@dataclass(frozen=True)
class _Options:
    comb_from: int
    comb_rows: int
    aspect: float
    pitch: int
    levels: bool


def reporting_tree(nodes: Sequence[ChartNode]) -> tuple[list[str], dict[str, list[str]], list[str]]:
    """Roots, children lists and pre-order; a loop in the reporting lines is cut where first met."""
    ids = {n.id for n in nodes}
    kids: dict[str, list[str]] = {n.id: [] for n in nodes}
    for n in nodes:
        if n.parent in ids and n.parent != n.id:
            kids[n.parent].append(n.id)
    order: list[str] = []
    roots: list[str] = []
    seen: set[str] = set()
    candidates = [n.id for n in nodes if n.parent not in ids or n.parent == n.id]
    for start in candidates + [n.id for n in nodes]:
        if start in seen:
            continue
        roots.append(start)
        stack = [start]
        while stack:
            node = stack.pop()
            seen.add(node)
            order.append(node)
            stack.extend(c for c in reversed(kids[node]) if c not in seen)
    cut = set(roots)
    for node in kids:  # drop the lines that closed a loop
        kids[node] = [c for c in kids[node] if c not in cut]
    return roots, kids, order


def layout(
    nodes: Sequence[ChartNode],
    comb_from: int = COMB_FROM,
    comb_rows: int = COMB_ROWS,
    aspect: float = ASPECT,
    levels: bool = True,
) -> ChartLayout:
    """Boxes and lines for ``nodes``: reports follow their supervisor's order among ``nodes``.

    With ``levels``, every row is one level of the organisation (``_banded``). Without, a
    row of departments too wide for ``aspect`` hangs from a spine, one under the other: the
    shape a chart of hundreds of roles needs to stay printable as one picture.
    """
    if not nodes:
        return ChartLayout((), (), 2 * MARGIN, 2 * MARGIN)
    by_id = {n.id: n for n in nodes}
    roots, kids, order = reporting_tree(nodes)
    width, texts, height = _box_texts(nodes)
    half = width // 2
    opts = _Options(comb_from, comb_rows, aspect, height + V_GAP, levels)

    rel: dict[str, tuple[int, int]] = {}  # centre x and row, relative to the supervisor
    spine: dict[str, int] = {}  # reports hanging from a spine: its x, relative to the supervisor
    outlines: dict[str, _Outline] = {}
    for node in reversed(order):  # reports before their supervisor
        children = kids[node]
        if not children:
            outlines[node] = _Outline([-half], [half])
            continue
        slots = _arrange(children, outlines, kids, opts)
        joint, xs = _pack([s.outline if isinstance(s, _Stack) else outlines[s] for s in slots])
        centre = (xs[0] + xs[-1]) // 2
        joint.off -= centre
        joint.left.append(-half - joint.off)
        joint.right.append(half - joint.off)
        joint.lo, joint.hi = min(joint.lo, -half - joint.off), max(joint.hi, half - joint.off)
        outlines[node] = joint
        for slot, x in zip(slots, xs, strict=True):
            if isinstance(slot, _Stack):
                for child, dx, row in slot.placed:
                    rel[child] = (x - centre + dx, 1 + row)
                    spine[child] = x - centre
            else:
                rel[slot] = (x - centre, 1)
        for child in children:
            del outlines[child]

    _, root_xs = _pack([outlines[r] for r in roots])
    place = {r: (x, 0, 0) for r, x in zip(roots, root_xs, strict=True)}  # x, row, depth
    parent: dict[str, str] = {}
    for node in order:
        x, row, depth = place[node]
        for child in kids[node]:
            parent[child] = node
            dx, drow = rel[child]
            place[child] = (x + dx, row + drow, depth + 1)

    # an organisation's levels count from its top roles: a supervisor outside it is level -1
    level = {r: -1 if by_id[r].external else 0 for r in roots}
    for node in order:
        for child in kids[node]:
            level[child] = level[node] + 1
    if levels:
        place = _banded(place, order, level)
    left = min(x for x, _, _ in place.values()) - half
    boxes = {
        n: Box(
            id=n,
            x=place[n][0] - left - half + MARGIN,
            y=MARGIN + place[n][1] * opts.pitch,
            width=width,
            height=height,
            lines=texts[n],
            vacant=by_id[n].headcount == 0 and not by_id[n].external,
            depth=level[n],
            external=by_id[n].external,
        )
        for n in order
    }
    edges = [_reporting_line(boxes[parent[n]], boxes[n], spine.get(n)) for n in order if n in parent]
    dotted = [(other, n) for n in order for other in dict.fromkeys(by_id[n].dotted_to) if other in boxes]
    if dotted:
        obstacles = _Obstacles(boxes.values(), edges)
        edges += [_dotted_line(boxes[a], boxes[b], obstacles) for a, b in dotted if a != b]
    right = max(b.x + b.width for b in boxes.values()) + MARGIN
    bottom = max(b.bottom for b in boxes.values()) + MARGIN
    return ChartLayout(tuple(boxes[n] for n in order), tuple(edges), right, bottom)


def _banded(
    place: dict[str, tuple[int, int, int]], order: list[str], level: dict[str, int]
) -> dict[str, tuple[int, int, int]]:
    """Rows moved so that each level has a band of its own: a level's wrapped rows (a comb of
    reports hanging in columns) all lie above the next level, so no role is drawn below one
    of a lower level. Only leaves ever hang, so a role's row is its depth plus its row within
    the band, and boxes sharing a row after the move shared one before: none can overlap.
    ``level`` is the organisation's (-1 for a supervisor outside it), so that every top role
    shares a row whether or not a box stands above it."""
    rows_of: dict[int, int] = {}
    for node in order:
        _, row, depth = place[node]
        rows_of[level[node]] = max(rows_of.get(level[node], 0), row - depth + 1)
    first = min(rows_of)
    start = {first: 0}
    for band in range(first, max(rows_of) + 1):
        start[band + 1] = start[band] + rows_of.get(band, 1)
    return {n: (x, start[level[n]] + row - depth, depth) for n, (x, row, depth) in place.items()}


def box_size(nodes: Sequence[ChartNode]) -> tuple[int, int]:
    """The width and height every box of ``nodes`` has in the SVG (the site's chart takes them too)."""
    width, _, height = _box_texts(nodes)
    return width, height


def _box_texts(nodes: Sequence[ChartNode]) -> tuple[int, dict[str, tuple[TextLine, ...]], int]:
    """The common box width and height, and each box's lines with their baselines."""
    titles = {n.title for n in nodes}
    smalls = {n.meta for n in nodes} | {n.unit for n in nodes}
    natural = max(
        max(text_width(t, TITLE_SIZE, True) for t in titles), max(text_width(t, META_SIZE) for t in smalls)
    )
    width = min(MAX_WIDTH, max(MIN_WIDTH, int(natural) + 2 * PAD_X + 1))
    width += width % 2
    inner = width - 2 * PAD_X
    title_h, meta_h = _line_height(TITLE_SIZE), _line_height(META_SIZE)
    wrapped = {t: wrap(t, TITLE_SIZE, inner, MAX_TITLE_LINES, bold=True) for t in titles}
    fitted = {t: fit(t, META_SIZE, inner) for t in smalls}
    with_unit = any(n.unit for n in nodes)
    most = max(len(lines) for lines in wrapped.values())
    height = 2 * PAD_Y + most * title_h + meta_h * (2 if with_unit else 1)
    height += height % 2
    texts = {}
    made: dict[tuple[str, str, str], tuple[TextLine, ...]] = {}  # many roles share a title
    for n in nodes:
        key = (n.title, n.meta, n.unit)
        if key not in made:
            specs = [(line, TITLE_SIZE, True, title_h) for line in wrapped[n.title]]
            specs += [(fitted[t], META_SIZE, False, meta_h) for t in (n.meta, n.unit) if t]
            top = (height - sum(s[3] for s in specs)) // 2
            lines = []
            for text, size, bold, line_h in specs:
                lines.append(TextLine(text, size, bold, top + (line_h + size * 7 // 10) // 2, line_h))
                top += line_h
            made[key] = tuple(lines)
        texts[n.id] = made[key]
    return width, texts, height


def _simplify(points: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[tuple[int, int]] = []
    for p in points:
        if out and out[-1] == p:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (ax == bx == p[0]) or (ay == by == p[1]):
                out[-1] = p
                continue
        out.append(p)
    return tuple(out)


def _reporting_line(boss: Box, box: Box, spine_dx: int | None) -> Edge:
    bus = boss.bottom + V_GAP // 2
    if spine_dx is None:
        points = [(boss.cx, boss.bottom), (boss.cx, bus), (box.cx, bus), (box.cx, box.y)]
    else:
        sx = boss.cx + spine_dx
        side = box.x + box.width if box.cx < sx else box.x
        points = [(boss.cx, boss.bottom), (boss.cx, bus), (sx, bus), (sx, box.cy), (side, box.cy)]
    return Edge(boss.id, box.id, _simplify(points))


class _Obstacles:
    """Boxes by row and solid vertical segments by x, to route dotted lines around them."""

    def __init__(self, boxes: Iterable[Box], solid: Iterable[Edge]) -> None:
        self.rows: dict[int, list[tuple[int, int]]] = {}
        for b in boxes:
            self.rows.setdefault(b.y, []).append((b.x, b.x + b.width))
        for row in self.rows.values():
            row.sort()
        self.row_ys = sorted(self.rows)
        self.height = next(iter(boxes)).height if self.rows else 0
        self.vertical: dict[int, list[tuple[int, int]]] = {}
        for edge in solid:
            for (x1, y1), (x2, y2) in zip(edge.points, edge.points[1:], strict=False):
                if x1 == x2:
                    self.vertical.setdefault(x1, []).append((min(y1, y2), max(y1, y2)))

    def _rows_between(self, y1: int, y2: int) -> list[int]:
        """The rows a vertical line from y1 down to y2 passes through."""
        return self.row_ys[bisect_right(self.row_ys, y1 - self.height) : bisect_left(self.row_ys, y2)]

    def free(self, x: int, y1: int, y2: int) -> bool:
        """Whether a vertical line at x from y1 to y2 misses every box and lies on no solid line."""
        y1, y2 = min(y1, y2), max(y1, y2)
        for y in self._rows_between(y1, y2):
            row = self.rows[y]
            i = bisect_left(row, (x, x)) - 1  # the box starting left of x, if any
            if i >= 0 and row[i][1] > x:
                return False
        return not any(
            a < y2 and b > y1
            for near in range(x - LANE // 2, x + LANE // 2 + 1)
            for a, b in self.vertical.get(near, ())
        )

    def lane(self, sx: int, tx: int, y1: int, y2: int) -> int:
        """A free x for a vertical line from y1 to y2, in a gap between boxes, as near sx and tx as can be."""
        rows = self._rows_between(min(y1, y2), max(y1, y2))
        lo, hi = min(sx, tx), max(sx, tx)
        reach = 4 * MAX_WIDTH
        while True:
            found = set()
            for y in rows:
                row = self.rows[y]
                first = max(0, bisect_left(row, (lo - reach, lo - reach)) - 1)
                for left, right in row[first : bisect_right(row, (hi + reach, hi + reach)) + 1]:
                    found.update((left - H_GAP // 2, right + H_GAP // 2))
            for x in sorted(found, key=lambda x: (abs(x - sx) + abs(x - tx), x)):
                if self.free(x, y1, y2):
                    return x
            if all(
                not row or (row[0][0] > lo - reach and row[-1][1] < hi + reach)
                for row in map(self.rows.get, rows)
            ):
                return MARGIN // 2  # left of every box
            reach *= 4


def _dotted_line(boss: Box, box: Box, obstacles: _Obstacles) -> Edge:
    """Out of the supervisor's bottom (top, if the role is higher up), along the gaps between rows
    and boxes, into the role's top (or bottom); never through a box or along a solid line."""
    toward = 1 if box.cx >= boss.cx else -1
    sx, tx = boss.cx + toward * boss.width // 4, box.cx - toward * box.width // 4
    down = box.y >= boss.y
    s_edge = boss.bottom if down else boss.y
    t_edge = box.bottom if box.y == boss.y else box.y if down else box.bottom
    step = LANE if down else -LANE
    ys, yt = s_edge + step, (t_edge + step if box.y == boss.y else t_edge - step)
    if box.y == boss.y or obstacles.free(tx, ys, t_edge):
        points = [(sx, s_edge), (sx, ys), (tx, ys), (tx, t_edge)]
    elif obstacles.free(sx, s_edge, yt):
        points = [(sx, s_edge), (sx, yt), (tx, yt), (tx, t_edge)]
    else:
        x = obstacles.lane(sx, tx, ys, yt)
        points = [(sx, s_edge), (sx, ys), (x, ys), (x, yt), (tx, yt), (tx, t_edge)]
    return Edge(boss.id, box.id, _simplify(points), dashed=True)
