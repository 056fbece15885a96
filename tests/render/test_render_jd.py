"""Job descriptions: the DOCX reopened with python-docx, the Markdown, and hostile text in both."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from helpers import ROOT, render_context
from orgc.render.context import RenderContext
from orgc.render.jd.docx import render_role as render_docx
from orgc.render.jd.markdown import render_role as render_md
from orgc.render.jd.model import job_description

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = '| < > & " \\ ` = + - @ *x* _y_ ~z~ $m$'

SECTIONS = {
    "zh": [
        "职位基本资料",
        "在组织中的位置",
        "工作目的",
        "工作职责",
        "考核指标",
        "权限",
        "工作关系",
        "任职资格",
        "职业发展",
        "工作环境",
    ],
    "en": [
        "Position details",
        "Position in the organisation",
        "Purpose",
        "Duties",
        "Key performance indicators",
        "Authority",
        "Working relationships",
        "Qualifications",
        "Career path",
        "Working environment",
    ],
}


def context(project: Path) -> RenderContext:
    return render_context(project)  # type: ignore[return-value]


@pytest.fixture(scope="module")
def embedded() -> RenderContext:
    return context(ROOT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_sections_in_order_with_labels_in_the_language(embedded: RenderContext, lang: str) -> None:
    role = embedded.org.roles["cs-team-lead"]
    document = docx.Document(io.BytesIO(render_docx(embedded, role, lang).data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings if h in SECTIONS[lang]] == SECTIONS[lang]
    assert document.paragraphs[0].text == embedded.t(role.title, lang)
    basics = document.tables[0]
    cells = [c.text for row in basics.rows for c in row.cells]
    supervisor = embedded.role_title("cs-supervisor", lang)
    assert supervisor in cells and "4" in cells
    assert not any("cs-team-lead" in c for c in cells)  # the id is no reader's word
    reports = cells[cells.index("直接下级" if lang == "zh" else "Direct reports") + 1]
    assert embedded.role_title("cs-agent", lang) in reports


def test_docx_duties_kpis_header_rows_fonts_and_page_furniture(embedded: RenderContext) -> None:
    role = embedded.org.roles["cs-team-lead"]
    data = render_docx(embedded, role, "zh").data
    document = docx.Document(io.BytesIO(data))
    duties = next(t for t in document.tables if t.rows[0].cells[0].text == "职责")
    assert [c.text for c in duties.rows[0].cells] == ["职责", "频次", "工作成果", "衡量指标"]
    # a row per duty (its title and first task), then a row per further task, joined to it:
    # no rule above the task, the other columns merged down; a page may end between tasks
    own = embedded.org.duties_of(role)
    assert len(duties.rows) == 1 + sum(max(1, len(duty.tasks)) for duty in own)
    titles = []
    for row in duties.rows[1:]:
        first, *others = row._tr.findall(f"{W}tc")
        assert row._tr.find(f"{W}trPr/{W}cantSplit") is not None
        if first.find(f"{W}tcPr/{W}tcBorders/{W}top") is None:
            titles.append(row.cells[0].paragraphs[0].text)
            continue
        assert first.find(f"{W}tcPr/{W}tcBorders/{W}top").get(f"{W}val") == "nil"
        assert all(tc.find(f"{W}tcPr/{W}vMerge") is not None for tc in others)
        assert all(tc.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") is None for tc in others)
        assert first.find(f"{W}p/{W}pPr/{W}numPr") is not None  # a bulleted task
    shown = job_description(embedded, role, "zh").duties
    assert titles == [f"{n}. {duty.title}" for n, duty in enumerate(shown, 1)]
    assert duties.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeats on every page
    kpis = next(t for t in document.tables if t.rows[0].cells[0].text == "指标")
    assert len(kpis.rows) == 1 + len(role.kpis)
    assert "≥ 85%" in [c.text for row in kpis.rows for c in row.cells]
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(f"{W}eastAsia") == "SimSun" and fonts.get(f"{W}ascii") == "Calibri"
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (docx.shared.Twips(11906), docx.shared.Twips(16838))
    assert embedded.t(embedded.org.name, "zh") in section.header.paragraphs[0].text
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert "班组长" in footer and "cs-team-lead" not in footer
    assert " PAGE " in footer and " NUMPAGES " in footer


def test_fonts_come_from_orgc_yaml(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "good", project)
    config = project / "orgc.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "fonts: {east_asian: 微软雅黑, latin: Arial}\n", encoding="utf-8"
    )
    ctx = context(project)
    role = next(iter(ctx.org.roles.values()))
    document = docx.Document(io.BytesIO(render_docx(ctx, role, "zh").data))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(f"{W}eastAsia") == "微软雅黑" and fonts.get(f"{W}ascii") == "Arial"


def test_markdown_and_docx_show_the_same_duties(embedded: RenderContext) -> None:
    role = embedded.org.roles["cs-trainer"]
    markdown = render_md(embedded, role, "en").data.decode()
    document = docx.Document(io.BytesIO(render_docx(embedded, role, "en").data))
    for duty in embedded.org.duties_of(role):
        title = embedded.t(duty.title, "en")
        assert title.replace("*", "\\*").split(",")[0] in markdown
        assert any(
            title in cell.text for table in document.tables for row in table.rows for cell in row.cells
        )


def test_hostile_text_is_escaped_in_markdown_and_kept_verbatim_in_docx(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "good", project)
    role_file = next((project / "specs" / "roles").glob("*.yaml"))
    text = role_file.read_text(encoding="utf-8")
    purpose = next(line for line in text.splitlines() if line.startswith("purpose:"))
    hostile = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    role_file.write_text(
        text.replace(purpose, f'purpose: {{zh: "{hostile}", en: "{hostile}"}}'), encoding="utf-8"
    )
    ctx = context(project)
    role = ctx.org.roles[role_file.stem]
    markdown = render_md(ctx, role, "zh").data.decode()
    line = next(x for x in markdown.splitlines() if "\\|" in x and "\\<" in x)
    assert line == r"\| \< \> & " + '"' + r" \\ \` = + - @ \*x\* \_y\_ \~z\~ \$m\$"
    document = docx.Document(io.BytesIO(render_docx(ctx, role, "zh").data))
    assert HOSTILE in [p.text for p in document.paragraphs]


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\x00\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_reference_docx_gives_styles_and_header_logo(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "good", project)
    reference = docx.Document()
    reference.styles["Heading 1"].font.size = docx.shared.Pt(21)
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    reference.sections[0].header.paragraphs[0].add_run().add_picture(str(logo), width=docx.shared.Cm(2))
    (project / "templates").mkdir()
    reference.save(project / "templates" / "reference.docx")
    ctx = context(project)
    role = next(iter(ctx.org.roles.values()))
    data = render_docx(ctx, role, "zh").data
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Heading 1"].font.size == docx.shared.Pt(21)
    header = document.sections[0].header
    assert header._element.find(f".//{W}drawing") is not None
    assert ctx.t(ctx.org.name, "zh") in "".join(p.text for p in header.paragraphs)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "word/media/header-1.png" in names and "word/_rels/header1.xml.rels" in names


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_skills_and_the_like_are_listed_one_to_a_line(embedded: RenderContext, lang: str) -> None:
    """Joined, "Good spoken expression and telephone manner, Some business and product knowledge;
    learns …" read as one sentence with capitals in the middle."""
    role = embedded.org.roles["cs-agent"]
    document = docx.Document(io.BytesIO(render_docx(embedded, role, lang).data))
    label = {"zh": "技能", "en": "Skills"}[lang]
    cell = next(row.cells[1] for table in document.tables for row in table.rows if row.cells[0].text == label)
    expected = {
        "zh": [
            "良好的语言表达能力和电话沟通技巧",
            "具备一定的业务知识和产品知识，能够快速熟悉企业的产品或服务",
        ],
        "en": ["Good spoken expression and telephone manner", "Some business and product knowledge;"],
    }[lang]
    texts = [p.text for p in cell.paragraphs]
    assert len(texts) == 3 and texts[0] == expected[0] and texts[1].startswith(expected[1])
    assert all(p._p.find(f"{W}pPr/{W}numPr") is not None for p in cell.paragraphs)  # bulleted
