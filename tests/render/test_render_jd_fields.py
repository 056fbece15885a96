"""Job descriptions: the role fields a signed JD needs (position number, family, category,
location, hours, 责任, 工作难点, 所受培训, 体质条件), the top role's supervisor outside the
organisation, 管辖人数, the split of working relationships, the sign-off block and effective
date; and what never reaches an employee (waivers, ids, English units in Chinese)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from helpers import ROOT, render_context
from orgc.render.context import RenderContext
from orgc.render.jd.docx import render_role as render_docx
from orgc.render.jd.markdown import render_role as render_md
from orgc.render.jd.punctuation import full_width

DIRECTOR_FIELDS = """\
code: KF-001
reports_to_external: {zh: 总经理, en: General manager}
family: customer-service
category: {zh: 管理类, en: Management}
location: {zh: 公司总部, en: Head office}
hours: {zh: 周一至周五 9:00 至 18:00, en: Monday to Friday 9:00 to 18:00}
accountabilities:
  - {zh: 对客户流失负领导责任, en: Answers as leader for customer churn}
challenges:
  - {zh: 服务质量与成本的平衡, en: Balancing service quality against cost}
training:
  - {zh: 企业管理培训, en: Business management training}
physical: {zh: 身体健康, en: In good health}
"""

# zh and en: what each new field shows in the director's JD
EXPECTED = {
    "zh": {
        "职位编号": "KF-001",
        "直接上级": "总经理",
        "职族": "客户服务",
        "职位分类": "管理类",
        "工作地点": "公司总部",
        "工作时间": "周一至周五 9:00 至 18:00",
        "管辖人数": "直接下级 2 人，下属共 47 人",
        "生效日期": "2026 年 1 月 1 日",
    },
    "en": {
        "Position number": "KF-001",
        "Reports to": "General manager",
        "Job family": "Customer service",
        "Job category": "Management",
        "Location": "Head office",
        "Working hours": "Monday to Friday 9:00 to 18:00",
        "Span of control": "2 direct, 47 in all",
        "Effective": "1 January 2026",
    },
}
LISTS = {
    "zh": ("对客户流失负领导责任", "服务质量与成本的平衡", "企业管理培训", "身体健康"),
    "en": (
        "Answers as leader for customer churn",
        "Balancing service quality against cost",
        "Business management training",
        "In good health",
    ),
}
SIGNOFF = {
    "zh": ("任职者", "直接上级", "人力资源部"),
    "en": ("Job holder", "Line manager", "Human Resources"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fields") / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "good", root)
    config = root / "orgc.yaml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "signoff: [任职者, 直接上级, 人力资源部]\neffective: 2026-01-01\n",
        encoding="utf-8",
    )
    org = root / "specs" / "org.yaml"
    text = org.read_text(encoding="utf-8").replace(
        "units:\n",
        "families:\n  - {id: customer-service, name: {zh: 客户服务, en: Customer service}}\nunits:\n",
        1,
    )
    text += "  - id: customers\n    name: {zh: 客户, en: Customers}\n    party: true\n"
    org.write_text(text, encoding="utf-8")
    director = root / "specs" / "roles" / "cs-director.yaml"
    text = director.read_text(encoding="utf-8").replace(
        "unit: cs-center\n", "unit: cs-center\n" + DIRECTOR_FIELDS
    )
    text = text.replace("frequency: yearly\n", "frequency: yearly\n    collaborates: [customers, hr]\n", 1)
    director.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def ctx(project: Path) -> RenderContext:
    return render_context(project)  # type: ignore[return-value]


def _docx_text(data: bytes) -> tuple[dict[str, str], str]:
    """The basics table as label → value, and all the document's text (paragraphs and cells)."""
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    basics = dict(zip(cells[::2], cells[1::2], strict=False))
    text = [p.text for p in document.paragraphs]
    text += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return basics, "\n".join(text)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_fields_in_docx(ctx: RenderContext, lang: str) -> None:
    data = render_docx(ctx, ctx.org.roles["cs-director"], lang).data
    basics, text = _docx_text(data)
    for key, value in EXPECTED[lang].items():
        assert basics.get(key) == value, key
    for item in LISTS[lang]:
        assert item in text
    headings = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name == "Heading 1"]
    assert ("责任" if lang == "zh" else "Accountabilities") in headings
    assert ("工作难点" if lang == "zh" else "Challenges") in headings


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_fields_in_markdown(ctx: RenderContext, lang: str) -> None:
    markdown = render_md(ctx, ctx.org.roles["cs-director"], lang).data.decode()
    for key, value in EXPECTED[lang].items():
        assert f"| {key} | {value} |" in markdown, key
    for item in LISTS[lang]:
        assert item in markdown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_external_supervisor_heads_the_position_chart(ctx: RenderContext, lang: str) -> None:
    document = docx.Document(io.BytesIO(render_docx(ctx, ctx.org.roles["cs-director"], lang).data))
    boxes = [t.rows[0].cells[0].text for t in document.tables if len(t.rows) == 1 and len(t.columns) == 1]
    boss = "总经理" if lang == "zh" else "General manager"
    assert boxes[0] == boss  # the box above the role, without a headcount
    assert boxes[1].startswith(ctx.role_title("cs-director", lang))
    markdown = render_md(ctx, ctx.org.roles["cs-director"], lang).data.decode()
    chart = markdown.split("\n## ")[2]
    assert f"\n- {boss}\n  - **{ctx.role_title('cs-director', lang)}**" in chart


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sign_off_block_ends_every_jd(ctx: RenderContext, lang: str) -> None:
    for role in ctx.org.roles.values():
        document = docx.Document(io.BytesIO(render_docx(ctx, role, lang).data))
        last = document.tables[-1]
        assert [row.cells[0].text for row in last.rows][1:] == list(SIGNOFF[lang])
        assert len(last.columns) == 4 and all(c.text == "" for row in last.rows[1:] for c in row.cells[1:])
        markdown = render_md(ctx, role, lang).data.decode()
        tail = markdown.rsplit("\n## ", 1)[1]
        assert tail.startswith("审核签字" if lang == "zh" else "Sign-off")
        assert all(f"| {party} | | | |" in tail for party in SIGNOFF[lang])


def test_without_signoff_or_effective_neither_is_shown(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOT / "tests" / "fixtures" / "good", project)
    plain = render_context(project)
    markdown = render_md(plain, plain.org.roles["cs-director"], "zh").data.decode()  # type: ignore[attr-defined]
    assert "审核签字" not in markdown and "生效日期" not in markdown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_relations_split_company_from_outside_parties(ctx: RenderContext, lang: str) -> None:
    markdown = render_md(ctx, ctx.org.roles["cs-director"], lang).data.decode()
    internal = next(line for line in markdown.splitlines() if line.startswith(("- 内部", "- Internal")))
    external = next(line for line in markdown.splitlines() if line.startswith(("- 外部", "- External")))
    name = lambda party: ctx.party_name(party, lang)  # noqa: E731
    assert name("customers") in external and name("hr") not in external
    assert name("hr") in internal and name("customers") not in internal
    assert ("总经理" if lang == "zh" else "General manager") in internal  # one's own supervisor
    # a role's own supervisor and peers are internal relations even when no duty names them
    supervisor = render_md(ctx, ctx.org.roles["cs-supervisor"], lang).data.decode()
    line = next(x for x in supervisor.splitlines() if x.startswith(("- 内部", "- Internal")))
    assert name("cs-director") in line and name("cs-team-lead") in line and name("cs-trainer") in line


def test_waivers_never_reach_a_jd() -> None:
    embedded = render_context(ROOT)
    waived = [r for r in embedded.org.roles.values() if r.waivers]  # type: ignore[attr-defined]
    assert waived  # the embedded organisation has one: the test can fail
    for role in waived:
        for lang in ("zh", "en"):
            markdown = render_md(embedded, role, lang).data.decode()  # type: ignore[arg-type]
            _basics, text = _docx_text(render_docx(embedded, role, lang).data)  # type: ignore[arg-type]
            for waiver in role.waivers:
                assert waiver.code not in markdown and waiver.code not in text
            assert "已批准的例外" not in markdown + text and "Accepted exceptions" not in markdown + text


_RAW = re.compile(r"\b(cs-[a-z0-9-]+|customer-service|min|24h|\dd)\b")


def test_no_ids_or_english_units_in_a_chinese_jd() -> None:
    embedded = render_context(ROOT)
    for role in embedded.org.roles.values():  # type: ignore[attr-defined]
        data = render_docx(embedded, role, "zh").data  # type: ignore[arg-type]
        _basics, text = _docx_text(data)
        parts = zipfile.ZipFile(io.BytesIO(data))
        text += parts.read("word/footer1.xml").decode() + parts.read("word/header1.xml").decode()
        markdown = render_md(embedded, role, "zh").data.decode()  # type: ignore[arg-type]
        assert _RAW.findall(text + markdown) == [], role.id


def test_targets_read_in_the_documents_language() -> None:
    embedded = render_context(ROOT)
    manager = embedded.org.roles["cs-manager"]  # type: ignore[attr-defined]
    zh = render_md(embedded, manager, "zh").data.decode()  # type: ignore[arg-type]
    en = render_md(embedded, manager, "en").data.decode()  # type: ignore[arg-type]
    assert "| ≤ 5 分钟 |" in zh and "| ≤ 5 min |" in en
    director = embedded.org.roles["cs-director"]  # type: ignore[attr-defined]
    assert r"| \< 5 times |" in render_md(embedded, director, "en").data.decode()  # type: ignore[arg-type]


def test_experience_reads_as_a_sentence() -> None:
    embedded = render_context(ROOT)
    agent = embedded.org.roles["cs-agent"]  # type: ignore[attr-defined]
    zh = render_md(embedded, agent, "zh").data.decode()  # type: ignore[arg-type]
    en = render_md(embedded, agent, "en").data.decode()  # type: ignore[arg-type]
    assert "| 经验 | 有客服相关行业或工作经验者优先 |" in zh
    assert "| Experience | Experience in customer service or a related line of work preferred |" in en
    assert "0 年" not in zh and "0+" not in en


def test_chinese_text_gets_full_width_punctuation() -> None:
    assert full_width("上一天,休一天;周日 9:30 至 24:00") == "上一天，休一天；周日 9:30 至 24:00"
    assert full_width("客户满意度(CSAT)调查") == "客户满意度（CSAT）调查"
    assert full_width("SOP (v2), a: b") == "SOP (v2), a: b"
