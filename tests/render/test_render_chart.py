"""The org chart: layout geometry, SVG / Mermaid / Graphviz output, and the Word drawing.

Golden files live in tests/fixtures/chart/expected/. After a deliberate change, look at
the new output (e.g. `rsvg-convert org-chart.svg -o chart.png`), then regenerate with

    ORGC_UPDATE_GOLDEN=1 pytest tests/test_render_chart.py
"""

from __future__ import annotations

import io
import os
import random
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import FIXTURES, render_context
from orgc.pipeline import check
from orgc.render.chart import formats as chart
from orgc.render.chart import word as chart_word
from orgc.render.chart.layout import Box, ChartLayout, ChartNode, layout, text_width, wrap
from orgc.render.context import RenderContext
from orgc.writers.docx import package
from orgc.writers.docx.package import CONTENT_WIDTH
from orgc.writers.escape import one_line

FIXTURES = FIXTURES / "chart"
EXPECTED = FIXTURES / "expected"
SVG = "{http://www.w3.org/2000/svg}"
UPDATE = os.environ.get("ORGC_UPDATE_GOLDEN") == "1"


def context(name: str) -> RenderContext:
    result = check(FIXTURES / name)
    assert result.ok, [d.message for d in result.diagnostics]
    return RenderContext(
        org=result.org,
        graph=result.graph,
        config=result.config,
        project=result.project,
        languages=result.org.languages,
    )


def rendered(name: str) -> dict[str, str]:
    return {f.path: f.data.decode() for f in chart.render(context(name))}


# -- generated organisations ------------------------------------------------------------------------


def company(size: int, seed: int = 7) -> list[ChartNode]:
    """CEO, vice presidents, directors, managers and teams of 1-8 roles, like a real company."""
    rnd = random.Random(seed)
    nodes = [ChartNode("ceo", "总经理", None, 1, "总经理办公室")]

    def add(parent: str, title: str, unit: str) -> str:
        role_id = f"r{len(nodes)}"
        nodes.append(ChartNode(role_id, title, parent, rnd.choice([0, 1, 1, 2, 3, 6]), unit))
        return role_id

    vps = [add("ceo", f"副总经理{v}", "经营管理层") for v in range(5)]
    add("ceo", "总经理助理", "总经理办公室")
    while len(nodes) < size:
        for vp in vps:
            director = add(vp, f"部门总监 {len(nodes)}", "事业部")
            for _ in range(rnd.randint(2, 5)):
                manager = add(director, f"Customer service manager {len(nodes)}", "运营部")
                for _ in range(rnd.randint(1, 8)):
                    add(manager, rnd.choice(["客服专员", "质检专员", "Senior quality analyst"]), "一线服务组")
    return nodes[:size]


def random_tree(size: int, seed: int) -> list[ChartNode]:
    rnd = random.Random(seed)
    nodes = [ChartNode("n0", "Top")]
    for i in range(1, size):
        window = rnd.choice([3, 30, size])
        parent = rnd.choice(nodes[max(0, i - window) :]).id
        nodes.append(ChartNode(f"n{i}", f"角色 {i}", parent, rnd.randint(0, 3), "部门"))
    return nodes


def with_dotted(nodes: list[ChartNode], seed: int) -> list[ChartNode]:
    rnd = random.Random(seed)
    return [replace(n, dotted_to=(rnd.choice(nodes).id,)) if rnd.random() < 0.1 else n for n in nodes]


# -- layout properties ------------------------------------------------------------------------------


def overlapping(boxes: Sequence[Box]) -> list[tuple[str, str]]:
    found = []
    ordered = sorted(boxes, key=lambda b: (b.y, b.x))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.y >= a.bottom:
                break
            if b.x < a.x + a.width and a.x < b.x + b.width:
                found.append((a.id, b.id))
    return found


def lines_through_boxes(chart: ChartLayout) -> list[tuple[str, str, str]]:
    """Line segments that run through the inside of a box (touching a border is fine)."""
    found = []
    for edge in chart.edges:
        for (x1, y1), (x2, y2) in zip(edge.points, edge.points[1:], strict=False):
            for b in chart.boxes:
                if x1 == x2 and b.x < x1 < b.x + b.width and min(y1, y2) < b.bottom and max(y1, y2) > b.y:
                    found.append((edge.source, edge.target, b.id))
                if y1 == y2 and b.y < y1 < b.bottom and min(x1, x2) < b.x + b.width and max(x1, x2) > b.x:
                    found.append((edge.source, edge.target, b.id))
    return found


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("make", [company, random_tree], ids=["company", "random"])
def test_boxes_never_overlap_and_reports_sit_below(make, seed: int) -> None:
    nodes = with_dotted(make(300, seed), seed)
    result = layout(nodes)
    boxes = {b.id: b for b in result.boxes}
    assert len(boxes) == len(nodes)
    assert overlapping(result.boxes) == []
    for node in nodes:
        if node.parent:
            assert boxes[node.id].y >= boxes[node.parent].bottom, node.id
    assert lines_through_boxes(result) == []
    assert all(b.x >= 0 and b.x + b.width <= result.width and b.bottom <= result.height for b in result.boxes)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("make", [company, random_tree], ids=["company", "random"])
def test_rows_are_levels_and_wrapped_rows_stay_in_their_band(make, seed: int) -> None:
    nodes = make(150, seed)
    result = layout(nodes)
    boxes = {b.id: b for b in result.boxes}
    band: dict[int, tuple[int, int]] = {}  # level: its top and bottom row
    for b in result.boxes:
        top, bottom = band.get(b.depth, (b.y, b.y))
        band[b.depth] = (min(top, b.y), max(bottom, b.y))
    for depth in sorted(band)[1:]:
        assert band[depth][0] > band[depth - 1][1]  # a level's rows all lie below the one above
    for node in nodes:
        if node.parent:
            assert boxes[node.id].depth == boxes[node.parent].depth + 1
            assert boxes[node.id].y > boxes[node.parent].y


def test_the_handbook_draws_a_manager_on_its_level_among_its_peers() -> None:
    """客服主管 (level 2) beside its peers, above every level-3 role, in the centre's own chart."""
    ctx = render_context(Path(__file__).parents[2])
    first = chart_word.chart_parts(chart.chart_nodes(ctx, "zh"), CONTENT_WIDTH)[0]
    boxes = {b.id: b for b in first.chart.boxes}
    level2 = {boxes[i].y for i in ("cs-assistant-manager", "cs-online-supervisor", "cs-supervisor")}
    assert len(level2) == 1
    assert all(b.y > max(level2) for b in first.chart.boxes if b.depth > 2)


def test_every_reporting_line_joins_its_two_boxes() -> None:
    result = layout(company(120))
    boxes = {b.id: b for b in result.boxes}
    for edge in result.edges:
        (x0, y0), (x1, y1) = edge.points[0], edge.points[-1]
        boss, role = boxes[edge.source], boxes[edge.target]
        assert boss.x <= x0 <= boss.x + boss.width and boss.y <= y0 <= boss.bottom
        assert role.x <= x1 <= role.x + role.width and role.y <= y1 <= role.bottom
        if not edge.dashed:  # orthogonal
            assert all(
                a[0] == b[0] or a[1] == b[1] for a, b in zip(edge.points, edge.points[1:], strict=False)
            )


def test_a_400_role_company_stays_a_readable_shape() -> None:
    result = layout(company(400), levels=False)  # org-chart.svg's shape above LEVEL_ROWS_UP_TO roles
    assert result.width < 12_000
    assert 0.25 < result.width / result.height < 4


def test_a_big_team_hangs_in_columns_instead_of_one_long_row() -> None:
    team = [ChartNode("lead", "Lead")] + [ChartNode(f"m{i}", f"成员{i}", "lead") for i in range(40)]
    result = layout(team)
    box = result.boxes[0].width
    assert result.width < 5 * box + 200  # two combs of two columns, not 40 boxes side by side
    small = layout(team[:4])
    assert len({b.y for b in small.boxes}) == 2  # three reports stay side by side


def test_layout_is_fast_and_linear_enough() -> None:
    nodes = company(10_000)
    start = time.perf_counter()
    result = layout(nodes)
    elapsed = time.perf_counter() - start
    assert len(result.boxes) == 10_000
    assert elapsed < 5, elapsed  # about 0.3 s on a laptop; quadratic behaviour would take minutes
    chain = [ChartNode("c0", "x")] + [ChartNode(f"c{i}", "x", f"c{i - 1}") for i in range(1, 5000)]
    assert len(layout(chain).boxes) == 5000  # deep chains: no recursion limit


def test_layout_is_deterministic() -> None:
    nodes = with_dotted(random_tree(200, 3), 3)
    assert layout(nodes) == layout(list(nodes))


def test_reporting_loops_and_unknown_supervisors_still_draw_every_role() -> None:
    nodes = [
        ChartNode("a", "A", "c"),
        ChartNode("b", "B", "a"),
        ChartNode("c", "C", "b"),
        ChartNode("d", "D", "nobody"),
        ChartNode("e", "E", "e"),
    ]
    result = layout(nodes)
    assert sorted(b.id for b in result.boxes) == ["a", "b", "c", "d", "e"]
    assert overlapping(result.boxes) == []


def test_cjk_text_counts_about_twice_as_wide_as_latin() -> None:
    assert text_width("客服专员", 13) == pytest.approx(4 * 13)
    assert 1.6 < text_width("客", 13) / text_width("a", 13) < 2.1
    assert wrap("客服中心一线服务组高级班组长兼质检专员", 13, 8 * 13, 3) == (
        "客服中心一线服务",
        "组高级班组长兼质",
        "检专员",
    )
    assert wrap("Customer service supervisor", 13, 120, 3) == ("Customer service", "supervisor")
    assert wrap("word " * 40, 13, 100, 2)[-1].endswith("…")


# -- the three files --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["org-chart.svg", "org-chart.mmd", "org-chart.dot"])
def test_golden_files(name: str) -> None:
    actual = rendered("project")[name]
    expected = EXPECTED / name
    if UPDATE:
        EXPECTED.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == expected.read_text(encoding="utf-8"), f"{name} changed: see the module docstring"


def test_same_specs_give_the_same_bytes() -> None:
    assert rendered("project") == rendered("project")


def test_svg_shows_titles_headcounts_units_vacancies_and_dotted_lines() -> None:
    root = ET.fromstring(rendered("project")["org-chart.svg"])
    # it scales to whatever shows it: a viewBox and no fixed size
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox")) and root.get("width") is None
    assert root.get("height") is None
    title = root.find(f"{SVG}title").text
    heading = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "heading")
    assert heading.text == title and "组织架构图" in title
    key = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "legend").text
    assert "×N 编制人数" in key and "虚线汇报" in key and "空缺岗位" in key and "▸" not in key
    assert "Noto Sans CJK SC" in root.get("font-family", "")
    roles = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class", "").split()[:1] == ["role"]}
    assert len(roles) == 11
    texts = [t.text for t in roles["role-cs-agent"].iter(f"{SVG}text")]
    assert texts == ["客服专员", "×8", "客服部"]
    assert roles["role-cs-agent"].find(f"{SVG}title").text.startswith("客服专员 / Customer service agent")
    trainer = roles["role-cs-trainer"]
    assert "vacant" in trainer.get("class")
    assert trainer.find(f"{SVG}rect").get("stroke-dasharray")
    assert [t.text for t in trainer.iter(f"{SVG}text")][1] == "×0 · 空缺"
    assert roles["role-cs-agent"].find(f"{SVG}rect").get("stroke-dasharray") is None
    dotted = [g for g in root.iter(f"{SVG}g") if g.get("class") == "dotted-lines"]
    assert len(dotted) == 1 and dotted[0].get("stroke-dasharray")
    assert len(dotted[0].findall(f"{SVG}path")) == 1


def test_mermaid_and_dot_show_vacancies_and_dotted_lines() -> None:
    files = rendered("project")
    mmd, dot = files["org-chart.mmd"], files["org-chart.dot"]
    assert "flowchart TD" in mmd
    assert "  r_it_manager -.-> r_cs_analyst" in mmd
    assert "  class r_cs_trainer vacant" in mmd
    assert "  r_cs_manager --> r_cs_agent" in mmd
    assert 'charset="UTF-8"' in dot and "rankdir=TB" in dot
    assert re.search(r'"cs-trainer" \[label="[^"]*", tooltip="[^"]*", style="dashed"\];', dot)
    assert '"it-manager" -> "cs-analyst" [style=dashed, constraint=false' in dot
    assert '"cs-manager" -> "cs-agent";' in dot


def test_mermaid_ids_are_safe_and_distinct() -> None:
    assert chart.mermaid_id("cs-team-lead") == "r_cs_team_lead"
    assert chart.mermaid_id("end") == "r_end"
    ids = {chart.mermaid_id(x) for x in ["a-b", "a_b", "A-b", "a b", "a-b-"]}
    assert len(ids) == 5
    assert all(re.fullmatch(r"r_\w+", x) for x in ids)


# -- hostile text -----------------------------------------------------------------------------------

HOSTILE = {
    "boss": "<b>\"Boss\" & 'Co'</b>",
    "r1": 'A"]; B-->C; %% x',
    "r2": "back\\slash\\",
    "r3": "# | ; &amp; #quot; #60; {x} [y] (z)",
    "r4": "`md` **bold** <script>alert(1)</script>",
    "r5": "tab here newline \\N \\G",
}
UNIT = 'Unit <&> "q" \'s'


def test_hostile_titles_stay_text_in_svg() -> None:
    svg = rendered("hostile")["org-chart.svg"]
    root = ET.fromstring(svg)  # well-formed
    assert "<script" not in svg and "<b>" not in svg
    for role_id, title in HOSTILE.items():
        group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"role-{role_id}")
        assert group.find(f"{SVG}title").text.startswith(title)
        shown = " ".join(t.text or "" for t in group.iter(f"{SVG}text"))
        assert UNIT in shown
        if len(title) < 20:
            assert title in shown
    assert root.find(f"{SVG}title").text.startswith('<Org> & "Co" \'s # | ; \\ `x`')


def test_hostile_titles_stay_text_in_mermaid() -> None:
    mmd = rendered("hostile")["org-chart.mmd"]
    labels = re.findall(r'^  (r_\w+)\["(.*)"\]$', mmd, flags=re.M)
    assert len(labels) == len(HOSTILE)
    codes = {"#quot;": '"', "#35;": "#", "#60;": "<", "#62;": ">", "#38;": "&", "#96;": "`", "#37;": "%"}
    for node_id, label in labels:
        title, _, rest = label.partition("<br/>")
        for part in (title, rest):
            assert not re.search(r'["<>&`%]', part), part
            assert not re.search(r"#(?!quot;|\d+;)", part), part
        decoded = re.sub(r"#quot;|#\d+;", lambda m: codes[m[0]], title)
        assert decoded == one_line(HOSTILE[node_id.removeprefix("r_")])
    assert "  r_r1 -.-> r_r4" in mmd
    assert "  class r_r4 vacant" in mmd


def _dot_unquote(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out).replace("&amp;", "&")


def test_hostile_titles_stay_text_in_dot() -> None:
    dot = rendered("hostile")["org-chart.dot"]
    quoted = r'"((?:[^"\\]|\\.)*)"'
    node = re.compile(rf'^  {quoted} \[label={quoted}, tooltip={quoted}(, style="dashed")?\];$')
    found = {}
    for line in dot.splitlines():
        if line.startswith('  "') and not re.match(rf"^  {quoted} -> {quoted}", line):
            match = node.match(line)
            assert match, line
            found[match[1]] = _dot_unquote(match[2])
    for role_id, title in HOSTILE.items():
        assert found[role_id].split("\n")[0] == one_line(title)
        assert UNIT in found[role_id]
    assert '"r1" -> "r4" [style=dashed, constraint=false' in dot
    assert re.search(r'^  "r4" \[.*style="dashed"\];$', dot, flags=re.M)
    # every string is closed: quotes balance once escapes are removed
    assert re.sub(r"\\.", "", dot).count('"') % 2 == 0


# -- the Word drawing ------------------------------------------------------------------------------


def _document_xml(body: str) -> bytes:
    return "".join(package._document([body])).encode()


def _assembled(body: str) -> bytes:
    base = package.prepare(None, "SimSun", "Calibri")
    return base.assemble(
        document=body, header="", footer="", title="t", lang="zh", when=context("project").source_date
    )


@pytest.mark.parametrize(("name", "lang"), [("project", "zh"), ("project", "en"), ("hostile", "en")])
def test_word_chart_is_well_formed_and_opens(name: str, lang: str) -> None:
    import docx
    from lxml import etree

    ctx = context(name)
    body = chart_word.org_chart_xml(ctx, lang, CONTENT_WIDTH)
    assert body.startswith("<w:p>") and body.endswith("</w:p>")
    root = etree.fromstring(_document_xml(body))
    ns = {"wps": chart_word.NS_WPS, "wp": chart_word.NS_WP, "a": chart_word.NS_A}
    boxes = root.xpath("//wps:wsp[wps:txbx]/wps:cNvPr/@name", namespaces=ns)
    above = ["external ceo"] if name == "project" else []  # the board, above the general manager
    assert sorted(boxes) == sorted([*ctx.org.roles, *above])
    ids = [int(x) for x in root.xpath("//wp:docPr/@id | //wps:cNvPr/@id", namespaces=ns)]
    assert len(ids) == len(set(ids))
    for extent in root.xpath("//wp:extent", namespaces=ns):
        assert int(extent.get("cx")) <= CONTENT_WIDTH * chart_word.EMU_PER_TWIP
    assert root.xpath("//a:prstDash", namespaces=ns)  # the vacant box and the dotted line
    document = docx.Document(io.BytesIO(_assembled(body)))
    assert document.paragraphs


def test_word_chart_uses_the_language_asked_for() -> None:
    ctx = context("project")
    assert "Customer service manager" in chart_word.org_chart_xml(ctx, "en", CONTENT_WIDTH)
    assert "客服经理" in chart_word.org_chart_xml(ctx, "zh", CONTENT_WIDTH)


def test_a_big_organisation_is_split_into_charts_that_fit_a_page() -> None:
    nodes = company(400)
    parts = chart_word.chart_parts(nodes, CONTENT_WIDTH)
    assert 1 < len(parts) < 80
    shown = {n.id for part in parts for n in part.nodes}
    assert shown == {n.id for n in nodes}
    roots = [part.root for part in parts]
    assert roots[0] == "ceo" and len(set(roots)) == len(roots)
    for part in parts:
        factor = chart_word.scale(part.chart, CONTENT_WIDTH)
        direct = sum(1 for n in nodes if n.parent == part.root)
        assert factor >= chart_word.MIN_SCALE or len(part.nodes) == direct + 1
        for node in part.nodes:
            cut = [n.id for n in nodes if n.parent == node.id and n.id not in {x.id for x in part.nodes}]
            if cut:  # reports in a later chart: marked, and that chart exists
                assert "▸" in node.note and node.id in roots[roots.index(part.root) + 1 :]


# -- a supervisor outside the organisation ------------------------------------------------------------


def test_the_top_roles_supervisor_outside_the_organisation_is_a_box_above_it() -> None:
    """ceo.yaml: reports_to_external: {zh: 董事会, en: Board of directors}."""
    files = rendered("project")
    root = ET.fromstring(files["org-chart.svg"])
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    board, ceo = groups["external-ceo"], groups["role-ceo"]
    assert board.get("class") == "external"
    assert [t.text for t in board.iter(f"{SVG}text")] == ["董事会", "组织外"]
    board_rect, ceo_rect = board.find(f"{SVG}rect"), ceo.find(f"{SVG}rect")
    assert board_rect.get("stroke-dasharray") == "2 2" and board_rect.get("fill") == "#FFFFFF"
    assert ceo_rect.get("fill") == f"#{chart.style.TOP_FILL}"  # still drawn as the top role
    assert int(board_rect.get("y")) + int(board_rect.get("height")) < int(ceo_rect.get("y"))
    assert board_rect.get("x") == ceo_rect.get("x")
    key = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "legend").text
    assert "点线框 组织外的上级" in key
    assert '  x_ceo["董事会<br/>组织外"]' in files["org-chart.mmd"]
    assert "  x_ceo --> r_ceo" in files["org-chart.mmd"]
    assert "  class x_ceo external" in files["org-chart.mmd"]
    assert (
        '"external ceo" [label="董事会\\n组织外", tooltip="董事会 · 组织外", style="dotted"];'
        in files["org-chart.dot"]
    )
    assert '"external ceo" -> "ceo";' in files["org-chart.dot"]


def test_the_word_chart_draws_the_outside_supervisor_dotted_in_the_language_asked_for() -> None:
    body = chart_word.org_chart_xml(context("project"), "en", CONTENT_WIDTH)
    board = re.search(r'<wps:wsp><wps:cNvPr id="\d+" name="external ceo".*?</wps:wsp>', body)
    assert board and "Board of directors" in board.group() and "outside the organisation" in board.group()
    assert '<a:prstDash val="sysDot"/>' in board.group()
    assert "dotted box: supervisor outside the organisation" in body


def test_top_roles_share_a_row_whether_or_not_a_supervisor_outside_stands_above_them() -> None:
    nodes = [
        ChartNode("external a", "Board", external=True, note="outside"),
        ChartNode("a", "A", "external a"),
        ChartNode("a1", "A1", "a"),
        ChartNode("b", "B"),
        ChartNode("b1", "B1", "b"),
    ]
    boxes = {b.id: b for b in layout(nodes).boxes}
    assert boxes["a"].y == boxes["b"].y and boxes["a1"].y == boxes["b1"].y
    assert boxes["external a"].bottom < boxes["a"].y
    assert (boxes["external a"].depth, boxes["a"].depth, boxes["b"].depth, boxes["a1"].depth) == (-1, 0, 0, 1)
    assert boxes["external a"].external and not boxes["external a"].vacant
    assert overlapping(tuple(boxes.values())) == []


def test_no_chinese_character_is_left_alone_on_a_boxs_last_line() -> None:
    text = "复盘：编写案例分析和投诉处理报告，提出改进措施"
    assert wrap(text, 11, 11 * 22, 3) == ("复盘：编写案例分析和投诉处理报告，提出改进", "措施")
    assert wrap(text, 11, 11 * 23, 3) == ("复盘：编写案例分析和投诉处理报告，提出改进措施",)
    # the character before goes down with the punctuation that may not start a line
    assert wrap("一二三四五六七八，九", 11, 11 * 9, 3) == ("一二三四五六七", "八，九")
