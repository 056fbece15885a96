"""The handbook, handbook/<lang>.docx: chapters, contents, JDs, matrices, exceptions, fonts, determinism.

The fixture project is tests/fixtures/handbook: an IT department of 11 roles in three
units (one with eight matrix columns, so its matrix is split), two processes, a policy,
two waived KPI002 warnings and an external department.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.table import Table
from lxml import etree

from helpers import FIXTURES, ROOT, render_context
from orgc.i18n import documents as labels
from orgc.i18n import en, zh
from orgc.render.context import RenderContext
from orgc.render.handbook import book as handbook
from orgc.render.handbook import sections
from orgc.render.style import docx_base

PROJECT = FIXTURES / "handbook"
WHEN = datetime(2026, 3, 1, tzinfo=UTC)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CHAPTERS = {
    "zh": [
        "组织架构图",
        "部门与岗位一览",
        "考核指标库",
        "岗位说明书",
        "职责分配矩阵",
        "流程",
        "管理制度",
        "已批准的例外",
    ],
    "en": [
        "Organisation chart",
        "Units and roles",
        "KPI catalogue",
        "Job descriptions",
        "Responsibility matrices",
        "Processes",
        "Policies",
        "Accepted exceptions",
    ],
}


def context(project: Path = PROJECT, languages: tuple[str, ...] | None = None) -> RenderContext:
    return render_context(project, languages, WHEN)  # type: ignore[return-value]


def rendered(project: Path = PROJECT) -> dict[str, bytes]:
    return {f.path: f.data for f in handbook.render(context(project))}


@pytest.fixture(scope="module")
def books() -> dict[str, bytes]:
    return rendered()


def opened(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def headings(document: Document, level: int) -> list[str]:
    return [
        p.text for p in document.paragraphs if p.style is not None and p.style.style_id == f"Heading{level}"
    ]


def rows(table: Table) -> list[list[str]]:
    """Cell texts; a cell of several paragraphs gives its first only (a line break for looks removed)."""
    return [[cell.paragraphs[0].text.replace("\n", "") for cell in row.cells] for row in table.rows]


def chapter_tables(document: Document, chapter: str) -> Iterator[Table]:
    """The tables between the Heading1 ``chapter`` and the next Heading1."""
    inside = False
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            style = block.find(f"{W}pPr/{W}pStyle")
            if style is not None and style.get(f"{W}val") == "Heading1":
                text = "".join(t.text or "" for t in block.iter(f"{W}t"))
                inside = text.endswith(chapter)
        elif block.tag == f"{W}tbl" and inside:
            yield Table(block, document)


def test_one_handbook_per_language(books: dict[str, bytes]) -> None:
    assert sorted(books) == ["handbook/en.docx", "handbook/zh.docx"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chapters_in_order(books: dict[str, bytes], lang: str) -> None:
    found = headings(opened(books[f"handbook/{lang}.docx"]), 1)
    assert found == [f"{n}  {title}" for n, title in enumerate(CHAPTERS[lang], 1)]


def test_the_org_chart_is_drawn_in_word(books: dict[str, bytes]) -> None:
    document = opened(books["handbook/zh.docx"])
    body = list(document.element.body.iterchildren())
    chapter_starts = [
        i for i, block in enumerate(body) if block.find(f"{W}pPr/{W}pStyle[@{W}val='Heading1']") is not None
    ]
    chart = body[chapter_starts[0] : chapter_starts[1]]
    assert any(block.find(f".//{W}drawing") is not None for block in chart)


def test_cover(books: dict[str, bytes]) -> None:
    document = opened(books["handbook/zh.docx"])
    assert [p.text for p in document.paragraphs[:2]] == ["北风科技信息服务部", "组织手册"]
    facts = rows(document.tables[0])
    assert ["版本", "2.0"] in facts and ["日期", "2026 年 3 月 1 日"] in facts  # the specs' last change
    assert ["部门", "3"] in facts and ["岗位", "11"] in facts and ["定员", "29"] in facts
    # The cover is a section of its own without header and footer; the rest has both.
    sections = document.sections
    assert len(sections) == 2
    assert sections[0].header.is_linked_to_previous and not sections[1].header.is_linked_to_previous


@pytest.mark.parametrize(
    ("lang", "shown"), [("zh", ["生效日期", "2026 年 1 月 1 日"]), ("en", ["Effective", "1 January 2026"])]
)
def test_the_cover_gives_the_effective_date_of_orgc_yaml(lang: str, shown: list[str]) -> None:
    ctx = context()
    dated = replace(ctx, config=replace(ctx.config, effective=date(2026, 1, 1)))
    facts = rows(opened(handbook.handbook_document(dated, lang)).tables[0])
    assert shown in facts and not any(row[1].startswith("2026-") or "3 月" in row[1] for row in facts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_role_is_a_heading_once(books: dict[str, bytes], lang: str) -> None:
    ctx = context()
    titles = [ctx.role_title(role.id, lang) for role in ctx.graph.roles()]
    level2 = headings(opened(books[f"handbook/{lang}.docx"]), 2)
    start = level2.index(titles[0])
    assert level2[start : start + len(titles)] == titles  # org-chart order
    assert all(level2.count(title) == 1 for title in titles)


def test_jd_sections_nest_under_the_role(books: dict[str, bytes]) -> None:
    level3 = headings(opened(books["handbook/zh.docx"]), 3)
    assert level3.count("工作职责") == 11 and level3.count("任职资格") == 11
    package = zipfile.ZipFile(io.BytesIO(books["handbook/zh.docx"]))
    xml = package.read("word/document.xml").decode()
    styles = package.read("word/styles.xml").decode()
    used = set(re.findall(r'<w:pStyle w:val="([^"]+)"/>', xml))
    assert "Heading4" in used  # the process steps under a role's duties
    assert all(f'w:styleId="{style}"' in styles for style in used)  # no heading without a style


def test_contents_give_each_entry_its_page_by_a_field_updated_on_opening(books: dict[str, bytes]) -> None:
    package = zipfile.ZipFile(io.BytesIO(books["handbook/zh.docx"]))
    body = etree.fromstring(package.read("word/document.xml"))
    settings = etree.fromstring(package.read("word/settings.xml"))
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"  # Word fills in the pages
    gallery = body.find(f".//{W}sdt/{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    assert gallery is not None and gallery.get(f"{W}val") == "Table of Contents"
    lines = [
        p
        for p in body.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='TOC1']") is not None
        or p.find(f"{W}pPr/{W}pStyle[@{W}val='TOC2']") is not None
    ]
    entries = ["".join(p.find(f".//{W}r").itertext()) for p in lines]
    for line in lines:  # the title, a tab, then a dirty PAGEREF field to the heading's bookmark
        instructions = [node.text for node in line.iter(f"{W}instrText")]
        assert len(instructions) == 1 and instructions[0].split()[0] == "PAGEREF"
        begin = line.find(f".//{W}fldChar")
        assert begin.get(f"{W}dirty") == "true"
    assert b"updateFields" not in docx_base(context()).settings  # the JDs' settings: nothing to update
    chapters = [f"{n}  {title}" for n, title in enumerate(CHAPTERS["zh"], 1)]
    assert [e for e in entries if e in chapters] == chapters
    assert "服务台主管" in entries and "故障处理流程" in entries and "故障管理制度" in entries
    # Every entry links to a bookmark on its heading.
    anchors = {node.get(f"{W}anchor") for node in body.iter(f"{W}hyperlink")}
    bookmarks = {node.get(f"{W}name") for node in body.iter(f"{W}bookmarkStart")}
    assert len(anchors) == len(entries) and anchors <= bookmarks
    targets = {node.text.split()[1] for line in lines for node in line.iter(f"{W}instrText")}
    assert targets == anchors


def test_units_overview(books: dict[str, bytes]) -> None:
    (units,) = chapter_tables(opened(books["handbook/zh.docx"]), "部门与岗位一览")
    table = rows(units)
    assert table[0] == ["部门", "上级部门", "部门负责岗位", "岗位 × 定员", "合计定员"]
    assert table[1] == ["信息服务部", "—", "信息服务总监", "信息服务总监 ×1", "29"]
    assert table[2][:3] == ["服务台", "信息服务部", "服务台主管"] and table[2][4] == "22"
    assert "财务部" not in [row[0] for row in table]  # external: listed below the table


def test_kpi_catalogue(books: dict[str, bytes]) -> None:
    (kpis,) = chapter_tables(opened(books["handbook/en.docx"]), "KPI catalogue")
    assert rows(kpis)[2] == [
        "Mean time to restore",
        "Average hours from report to restored service",
        "h",
        "Lower is better",
        "Weekly",
        "Monitoring platform",
    ]


def matrix(document: Document, chapter: str, first_column: str) -> list[dict[str, dict[str, str]]]:
    """Each matrix table as {row title: {column heading: letters}}; a heading's bold lines are its role."""
    found = []
    for table in chapter_tables(document, chapter):
        cells = rows(table)
        if cells[0][0] != first_column:
            continue
        names = [
            "".join(p.text for p in cell.paragraphs if any(r.bold for r in p.runs))
            for cell in table.rows[0].cells[1:]
        ]
        found.append({row[0]: dict(zip(names, row[1:], strict=True)) for row in cells[1:]})
    return found


def test_matrix_letters(books: dict[str, bytes]) -> None:
    tables = matrix(opened(books["handbook/zh.docx"]), "职责分配矩阵", "职责 / 流程环节")
    top, desk1, desk2, infra = tables  # the service desk's eight columns are split in two
    assert top["制定年度信息服务目标"] == {"信息服务总监": "A/R", "部门助理": "", "信息服务部（全体）": ""}
    assert top["部门行政与会议安排"]["信息服务总监"] == "I"
    assert top["1. 受理并登记故障"]["信息服务部（全体）"] == "I"
    assert desk1["1. 受理并登记故障"]["服务台主管"] == "A"
    assert desk1["1. 受理并登记故障"]["服务台专员"] == "R"
    assert desk1["排班与人力调度"]["服务台主管"] == "A/R"
    assert desk2["排班与人力调度"]["服务台（全体）"] == "I"
    assert desk2["每周更新知识库条目"]["VIP专席"] == "A/R"
    assert len(desk1) and set(desk1["排班与人力调度"]) | set(desk2["排班与人力调度"]) == {
        "服务台主管",
        "服务台专员",
        "知识库管理员",
        "夜班值班员",
        "质检专员",
        "高级技术支持",
        "VIP专席",
        "服务台（全体）",
    }
    assert infra["3. 二线修复"] == {"基础设施组长": "A", "运维工程师": "R"}


def test_tables_repeat_their_header_row(books: dict[str, bytes]) -> None:
    document = opened(books["handbook/zh.docx"])
    for chapter in ("职责分配矩阵", "流程", "考核指标库", "已批准的例外"):
        for table in chapter_tables(document, chapter):
            first = table.rows[0]._tr
            assert first.find(f"{W}trPr/{W}tblHeader") is not None, chapter


def test_processes(books: dict[str, bytes]) -> None:
    tables = list(chapter_tables(opened(books["handbook/zh.docx"]), "流程"))
    incident = rows(tables[1])
    assert incident[0] == ["环节", "R", "A", "C", "I", "时限", "下一环节"]
    assert incident[2] == [
        "2. 初步诊断",
        "高级技术支持",
        "服务台主管",
        "运维工程师",
        "—",
        "4小时",
        "3. 二线修复",
    ]
    following = [p.text for p in tables[1].rows[2].cells[6].paragraphs]
    assert following == ["3. 二线修复", "4. 回访并关闭工单"]  # each next step by number and title, in order
    assert incident[3][3] == "财务部"  # an external unit consulted
    # SLAs in the book's language
    assert [row[5] for row in incident[1:]] == ["15分钟", "4小时", "1天", "2小时"]
    english = rows(list(chapter_tables(opened(books["handbook/en.docx"]), "Processes"))[1])
    assert [row[5] for row in english[1:]] == ["15 min", "4 h", "1 day", "2 h"]


def test_policies(books: dict[str, bytes]) -> None:
    document = opened(books["handbook/en.docx"])
    (facts,) = chapter_tables(document, "Policies")
    assert rows(facts) == [
        ["Document no.", "IT-ZD-001"],
        ["Approved by", "General manager"],
        ["Owner", "Service desk lead"],
        ["Applies to", "IT services"],
        ["Effective", "1 January 2026"],
        ["Review by", "31 December 2099"],
        ["Related processes", "Incident handling"],
    ]
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Chapter 2  Responsibilities")
    assert texts[start - 2 : start + 3] == [
        "Chapter 1  Purpose",
        "Article 1  Sets how incidents are received, handled and closed, to shorten outages.",
        "Chapter 2  Responsibilities",
        "Article 2  The service desk receives and follows up.",
        "Article 3  Infrastructure fixes at second line.",
    ]


def test_policies_in_chinese_number_chapters_and_articles(books: dict[str, bytes]) -> None:
    document = opened(books["handbook/zh.docx"])
    (facts,) = chapter_tables(document, "管理制度")
    assert rows(facts)[:2] == [["文件编号", "IT-ZD-001"], ["批准人", "总经理"]]
    assert ["生效日期", "2026 年 1 月 1 日"] in rows(facts)
    texts = [p.text for p in document.paragraphs]
    start = texts.index("第一章\u3000目的")
    assert texts[start : start + 5] == [
        "第一章\u3000目的",
        "第一条\u3000规范故障的受理、处理与关闭，缩短服务中断时间。",
        "第二章\u3000职责",
        "第二条\u3000服务台负责受理与回访。",
        "第三条\u3000基础设施组负责二线修复。",
    ]
    assert sections.numeral(12, "zh") == "十二" and sections.numeral(20, "zh") == "二十"
    assert sections.numeral(105, "zh") == "一百零五" and sections.numeral(12, "en") == "12"


def test_waivers_with_their_reasons(books: dict[str, bytes]) -> None:
    (waived,) = chapter_tables(opened(books["handbook/zh.docx"]), "已批准的例外")
    table = rows(waived)
    assert table[0] == ["对象", "检查项", "理由"]
    assert ["部门助理", "KPI002", "新设岗位，考核指标待定"] in table
    assert ["夜班值班员", "KPI002", "夜班岗位试运行中，考核指标待定"] in table


def test_no_english_labels_in_the_chinese_book(books: dict[str, bytes]) -> None:
    document = opened(books["handbook/zh.docx"])
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    english = {
        v
        for k, v in en.MESSAGES.items()
        if k.startswith("doc.") and v != zh.MESSAGES[k] and len(v) > 3 and "{" not in v
    }
    assert sorted(v for v in english if v in text) == []


def test_fonts(books: dict[str, bytes]) -> None:
    styles = zipfile.ZipFile(io.BytesIO(books["handbook/zh.docx"])).read("word/styles.xml")
    root = etree.fromstring(styles)
    default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default is not None and default.get(f"{W}eastAsia") == "SimSun"
    normal = next(s for s in root.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert fonts is not None and fonts.get(f"{W}eastAsia") == "SimSun" and fonts.get(f"{W}ascii") == "Calibri"
    ids = {s.get(f"{W}styleId") for s in root.iter(f"{W}style")}
    assert {"Heading1", "Heading2", "Heading3", "TOC1", "TOC2", "TOCHeading"} <= ids


def test_two_renders_give_identical_bytes(books: dict[str, bytes]) -> None:
    assert rendered() == books


def test_empty_chapters_are_left_out_but_exceptions_are_not(tmp_path: Path) -> None:
    project = shutil.copytree(PROJECT, tmp_path / "project")
    shutil.rmtree(project / "specs" / "policies")
    for role in ("it-assistant", "desk-night"):
        path = project / "specs" / "roles" / f"{role}.yaml"
        path.write_text(path.read_text(encoding="utf-8").split("waive:")[0], encoding="utf-8")
    (project / "orgc.yaml").write_text("languages: [zh, en]\nrules:\n  KPI002: off\n", encoding="utf-8")
    document = opened(rendered(project)["handbook/zh.docx"])
    assert "7  已批准的例外" in headings(document, 1)
    assert not any(h.endswith("管理制度") for h in headings(document, 1))
    assert "目前没有经批准的例外。" in [p.text for p in document.paragraphs]


def test_registered_as_an_output() -> None:
    from orgc.render.outputs import whole_renderers

    assert handbook.render in whole_renderers()


def test_a_large_organisation_gets_a_position_index(tmp_path: Path) -> None:
    """Above FULL_JD_LIMIT roles the JD chapter lists every position instead of every JD."""
    import sys

    from orgc.render.handbook.book import FULL_JD_LIMIT, handbook_document

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    Generator(FULL_JD_LIMIT + 20, seed=3).write(tmp_path / "big")
    ctx = render_context(tmp_path / "big", ("zh",))
    document = docx.Document(io.BytesIO(handbook_document(ctx, "zh")))
    index = next(t for t in document.tables if t.rows[0].cells[0].text == "职位名称")
    assert len(index.rows) == FULL_JD_LIMIT + 20 + 1
    assert [c.text for c in index.rows[1].cells][:2] == ["客服事业部总经理", "r0"]
    texts = [p.text for p in document.paragraphs]
    assert any(f"共有 {FULL_JD_LIMIT + 20} 个岗位" in t for t in texts)
    assert not any("工作目的" in t for t in texts)  # no JD bodies


def test_a_unit_with_many_roles_is_listed_by_row(
    books: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above MAX_GRID_PARTIES columns a unit's matrix lists each row with its parties by letters."""
    from orgc.render.handbook import sections as handbook_sections

    assert handbook_sections.MAX_GRID_PARTIES == 18
    monkeypatch.setattr(handbook_sections, "MAX_GRID_PARTIES", 3)  # the service desk has eight
    document = opened(rendered()["handbook/zh.docx"])
    tables = list(chapter_tables(document, "职责分配矩阵"))
    assert [len(t.columns) for t in tables] == [4, 2, 3]  # the top unit and infrastructure stay grids
    listed = {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in tables[1].rows}
    assert listed["职责 / 流程环节"] == "参与岗位及角色"
    assert listed["排班与人力调度"] == "A/R  服务台主管\nI  服务台（全体）"  # A before I, one line each
    assert listed["每周更新知识库条目"] == "A/R  服务台专员、高级技术支持、VIP专席"  # chart order
    assert listed["1. 受理并登记故障"].split("\n")[:2] == ["A  服务台主管", "R  服务台专员"]
    # the same rows as the grid, and the same letters
    grid = matrix(opened(books["handbook/zh.docx"]), "职责分配矩阵", "职责 / 流程环节")[1:3]
    rows_in_grid = {title for part in grid for title, cells in part.items() if any(cells.values())}
    assert set(listed) - {"职责 / 流程环节"} == rows_in_grid
    for title, text in listed.items():
        if title == "职责 / 流程环节":
            continue
        for line in text.split("\n"):
            letters, _, names = line.partition("  ")
            for name in names.split("、"):
                assert next(p[title][name] for p in grid if name in p.get(title, {})) == letters
    notes = [p.text for p in document.paragraphs if "岗位较多" in p.text]
    assert notes == [labels.label("matrix_list_note", "zh")]


def test_listed_letters_are_ranked_accountable_first() -> None:
    from orgc.render.handbook.sections import _letter_rank

    found = sorted(["I", "R", "C", "A/R", "A", "R/C", "R/I", "A/C"], key=_letter_rank)
    assert found == ["A", "A/R", "A/C", "R", "R/C", "R/I", "C", "I"]


@pytest.fixture(scope="module")
def own_books() -> dict[str, bytes]:
    """The handbooks of the repository's own example organisation (specs/)."""
    return rendered(ROOT)


def test_small_units_share_one_matrix_headed_by_role_and_unit(own_books: dict[str, bytes]) -> None:
    document = opened(own_books["handbook/zh.docx"])
    level2 = headings(document, 2)
    assert "一线服务组、二线支持组、客户关系组、网络销售服务组" in level2
    tables = matrix(document, "职责分配矩阵", "职责 / 流程环节")
    assert len(tables) < 6  # not one small table per unit
    combined = next(t for t in tables if any("网络销售客服主管" in cells for cells in t.values()))
    assert {"班组长", "一线客服", "二线支持", "网络销售客服主管"} <= set(next(iter(combined.values())))


def test_column_headings_break_between_words_not_before_a_last_character() -> None:
    assert sections.heading_lines("网络销售客服主管", 1040) == ("网络销售", "客服主管")
    assert sections.heading_lines("信息服务部（全体）", 1040) == ("信息服务部", "（全体）")
    assert sections.heading_lines("客服主管", 1040) == ("客服主管",)
    assert sections.heading_lines("Customer service supervisor", 1040) == ("Customer service supervisor",)


def test_each_process_has_a_flow_drawn_in_word_shapes(books: dict[str, bytes]) -> None:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(books["handbook/zh.docx"])).read("word/document.xml"))
    wps = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
    flows = [d for d in body.iter("{*}docPr") if d.get("name", "").startswith("Flow")]
    assert [d.get("descr") for d in flows] == ["变更审批流程", "故障处理流程"]
    incident = flows[1].getparent()
    boxes = [s for s in incident.iter(f"{wps}wsp") if s.find(f"{wps}cNvPr").get("name").startswith("Step")]
    texts = ["".join(box.itertext()) for box in boxes]
    assert texts == ["1. 受理并登记故障", "2. 初步诊断", "3. 二线修复", "4. 回访并关闭工单"]
    arrows = [s for s in incident.iter(f"{wps}wsp") if s.find(".//{*}tailEnd") is not None]
    assert len(arrows) == 4  # 1→2, 2→3 down; 2→4 along a lane; 3→4 down
    ids = [node.get("id") for node in body.iter("{*}docPr")] + [n.get("id") for n in body.iter(f"{wps}cNvPr")]
    assert len(ids) == len(set(ids))  # every drawing's shapes have ids of their own


def _body_text(data: bytes) -> str:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return "\n".join("".join(p.itertext()) for p in body.iter(f"{W}p"))


def test_a_chinese_book_prints_chinese_punctuation_where_the_specs_typed_ascii(
    own_books: dict[str, bytes],
) -> None:
    """specs/policies/cs-management-policy.yaml: 服务质量:确保客服人员… and 轮班制:周一至周六为晚班(18:30至24:00),…"""
    text = _body_text(own_books["handbook/zh.docx"])
    assert "服务质量：确保客服人员" in text and "服务质量:确保" not in text
    assert "实行轮班制：周一至周六为晚班（18:30至24:00），上一天休一天；" in text  # 18:30 keeps its colon
    assert "负责（R）、批准（A）、咨询（C）、知会（I）" in text
    english = _body_text(own_books["handbook/en.docx"])
    assert "works in shifts: Monday to Saturday an evening shift (18:30 to 24:00), one day on" in english
    (kpis,) = chapter_tables(opened(own_books["handbook/zh.docx"]), "考核指标库")
    units = {row[0]: row[2] for row in rows(kpis)[1:]}
    assert units["平均处理时间"] == "分钟" and units["客户满意度"] == "%"


def test_outside_parties_are_listed_apart_from_departments_not_modelled(own_books: dict[str, bytes]) -> None:
    zh_text = _body_text(own_books["handbook/zh.docx"])
    departments = next(line for line in zh_text.splitlines() if line.startswith("外部协作部门："))
    assert "人力资源部" in departments and "客户" not in departments
    assert "外部相关方：客户、供应商、外部培训机构" in zh_text.splitlines()
    assert (
        "Outside parties: Customers, Suppliers, External training providers"
        in _body_text(own_books["handbook/en.docx"]).splitlines()
    )


def test_a_cover_title_too_long_for_one_line_breaks_into_two_alike() -> None:
    width = handbook.CONTENT_WIDTH / 20  # pt
    assert handbook.balanced("Acme Customer Service Center", 28, width) == "Acme Customer\nService Center"
    assert (
        handbook.balanced("某某集团华东区客户服务中心培训管理部", 28, width)
        == "某某集团华东区客户\n服务中心培训管理部"
    )
    assert handbook.balanced("某公司客服中心", 28, width) == "某公司客服中心"
    assert handbook.balanced("Acme", 28, width) == "Acme"
