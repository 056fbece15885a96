"""`orgc import` of job descriptions: Word (table form, headings, English), run-on text, GBK text,
Markdown with several JDs, and the JDs `orgc build` writes imported back."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import docx
import yaml
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from jd_docs import duties_without_header, english, headed, table_form

from helpers import FIXTURES, ROOT, run_check, run_cli
from orgc import vocabulary
from orgc.jd_import.blocks import Block
from orgc.jd_import.mapping import COLUMN_WORDS, read_jd
from orgc.jd_import.sections import HEADER_LABELS, QUALIFICATION_LABELS, SECTION_LABELS, section_label
from orgc.jd_import.split import split, title_line
from orgc.model.targets import parse_target
from orgc.render.jd.model import display_target
from orgc.render.jd.punctuation import full_width
from orgc.vocabulary import COMPARATOR_WORDS, FREQUENCY

SEEDS = FIXTURES / "jd" / "seeds-run-on.txt"


def import_jds(*files: Path, project: Path, options: tuple[str, ...] = (), lang: str = "zh") -> Result:
    return run_cli("import", *files, "--path", project, "--lang", lang, "--messages", "en", *options)


def import_json(*files: Path, project: Path, lang: str = "zh", dry_run: bool = False) -> dict[str, Any]:
    options = ("--format", "json", *(("--dry-run",) if dry_run else ()))
    result = import_jds(*files, project=project, options=options, lang=lang)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def role(project: Path, role_id: str) -> dict[str, Any]:
    return yaml.safe_load((project / "specs" / "roles" / f"{role_id}.yaml").read_text("utf-8"))


def roles_of(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for f in report["files"] for r in f["roles"]]


def assert_checks(project: Path) -> None:
    """No E1xx error, and every reports_to names a role of the project."""
    report = run_check(project)
    assert not [d for d in report.diagnostics if d["code"].startswith("E1")], report.diagnostics
    ids = {p.stem for p in (project / "specs" / "roles").glob("*.yaml")}
    for path in (project / "specs" / "roles").glob("*.yaml"):
        supervisor = yaml.safe_load(path.read_text("utf-8")).get("reports_to")
        assert supervisor is None or supervisor in ids


_LABELS = sorted(
    {
        w
        for table in (HEADER_LABELS, SECTION_LABELS, QUALIFICATION_LABELS, COLUMN_WORDS)
        for ws in table.values()
        for w in ws
    },
    key=len,
    reverse=True,
)
_TITLE_WORDS = (
    "岗位职务说明书",
    "岗位职责说明书",
    "职位说明书",
    "岗位说明书",
    "工作说明书",
    "职务说明书",
    "说明书",
)
_FREQUENCY_WORDS = sorted({w for ws in FREQUENCY.values() for w in ws}, key=len, reverse=True)
_NOISE = re.compile(r"[\s:：;；,，。.、|•\-–—_()（）/①-⑳\"'*#]+|^\d+|(?<=\D)\d{1,2}(?=[.．、])")


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("≥", ">=").replace("≤", "<=")
    for word, comparator in COMPARATOR_WORDS.items():  # a target is written with its comparator
        text = text.replace(word, comparator)
    return _NOISE.sub("", text)


def assert_nothing_lost(sources: list[str], project: Path, report: dict[str, Any]) -> None:
    """Every piece of every source text is in a written file or in the report's sign-off note.

    Titles' 说明书, labels (the structure the import read), frequency words (written as their English value),
    counts of people and 及以上 (read as headcount and education) are the only words allowed to go.
    """
    written = "".join(p.read_text("utf-8") for p in project.rglob("*.yaml"))
    signoff = "".join(s["text"] for r in roles_of(report) for s in r["signoff"])
    kept = _folded(written + signoff)
    for source in sources:
        title = title_line(source)
        text = f"{title[0]} {title[1]}" if title else source
        for word in [*_TITLE_WORDS, *_LABELS, *_FREQUENCY_WORDS]:
            text = text.replace(word, " ")
        for piece in re.split(r"[\s:：;；,，。|\n、（）()/【】]+", text):
            folded = _folded(piece)
            short = _folded(re.sub(r"^\d+人$|及以上|以上", "", piece))
            assert len(short) < 2 or folded in kept or short in kept, (piece, source)


def docx_texts(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            texts += [c.text for c in row.cells if c.text.strip()]
    return texts


# -- table form ------------------------------------------------------------------------------------


def test_a_table_form_jd_fills_every_field_and_keeps_the_rest(tmp_path: Path) -> None:
    project = tmp_path / "p"
    source = table_form(tmp_path / "jd.docx")
    report = import_json(source, project=project)
    supervisor = role(project, "ke-fu-zhu-guan")
    assert supervisor == {
        "id": "ke-fu-zhu-guan",
        "title": "客服主管",
        "unit": "yi-xian-fu-wu-zu",
        "reports_to": "ke-fu-jing-li",
        "headcount": 2,
        "grade": "M1",
        "purpose": "带领一线团队按服务标准处理客户咨询与投诉，保证服务质量。",
        "duties": [
            {
                "id": "duty-1",
                "title": "排班与调度",
                "tasks": ["根据话务预测制定排班表"],
                "frequency": "weekly",
                "deliverables": ["排班表"],
                "kpis": ["pai-ban-zhun-que-lv"],
            },
            {
                "id": "duty-2",
                "title": "投诉升级处理",
                "frequency": "per-event",
                "deliverables": ["投诉处理记录"],
                "kpis": ["tou-su-jie-jue-lv"],
            },
        ],
        "kpis": [
            {"kpi": "pai-ban-zhun-que-lv", "target": ">= 95%", "weight": "40%"},
            {"kpi": "tou-su-jie-jue-lv", "target": ">= 90%", "weight": "60%"},
        ],
        "qualifications": {
            "education": "associate",
            "majors": ["市场营销", "工商管理"],
            "experience": {"years": 3, "in": "3年以上客服工作经验"},
            "certifications": ["呼叫中心管理师证书"],
            "skills": ["熟练使用办公软件"],
            "competencies": ["沟通协调", "抗压"],
        },
        "authority": [{"type": "approve", "scope": "审批当班人员病事假"}],
        "career": {"next": ["ke-fu-jing-li"]},
        "environment": "办公室，轮班",
    }
    text = (project / "specs" / "roles" / "ke-fu-zhu-guan.yaml").read_text("utf-8")
    assert text.endswith(
        "# 导入时未能归类的内容，请手工归入：\n"
        "# [t1r1] 职位编号: KF-02\n"
        "# [t1r3] 直接下级: 客服专员\n"
        "# [t5r2] 内部工作关系 | 质检组、培训组\n"
        "# [t5r3] 外部工作关系 | 客户\n"
    )
    manager = role(project, "ke-fu-jing-li")
    assert manager["unit"] == "ke-fu-zhong-xin" and manager["headcount"] == 1 and "reports_to" not in manager
    assert [d["title"] for d in manager["duties"]] == ["制定客服中心年度工作计划", "管理客服团队（每月）"]
    assert manager["duties"][1]["frequency"] == "monthly"
    org = yaml.safe_load((project / "specs" / "org.yaml").read_text("utf-8"))
    assert org["units"] == [
        {"id": "ke-fu-zhong-xin", "name": "客服中心"},
        {"id": "yi-xian-fu-wu-zu", "name": "一线服务组", "parent": "ke-fu-zhong-xin"},
    ]
    catalogue = yaml.safe_load((project / "specs" / "kpis" / "imported.yaml").read_text("utf-8"))
    assert catalogue["kpis"] == [
        {"id": "pai-ban-zhun-que-lv", "name": "排班准确率", "unit": "%", "direction": "higher-is-better"},
        {"id": "tou-su-jie-jue-lv", "name": "投诉解决率", "unit": "%", "direction": "higher-is-better"},
    ]
    first, second = roles_of(report)
    assert first["filled"]["headcount"] == ["t1r3"] and first["filled"]["kpis"] == ["t3r2", "t3r3"]
    assert first["signoff"] == [{"where": "t5r6", "text": "审核签字 | 任职者：________ 日期：________"}]
    assert second["unresolved"] == [{"field": "reports_to", "text": "总经理"}]
    assert [k["id"] for k in report["kpis_added"]] == ["pai-ban-zhun-que-lv", "tou-su-jie-jue-lv"]
    assert_nothing_lost(docx_texts(source), project, report)
    assert_checks(project)


def test_the_text_report_says_where_each_field_was_read(tmp_path: Path) -> None:
    result = run_cli("import", table_form(tmp_path / "jd.docx"), "--path", tmp_path / "p", "--lang", "zh")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"已按 Word 文档 读取 {tmp_path / 'jd.docx'}：2 份岗位说明书。"
    assert lines[1] == "  客服主管 → specs/roles/ke-fu-zhu-guan.yaml"
    assert "定员（表1第3行）" in lines[2] and "工作职责（表2第2行、表2第3行）" in lines[2]
    assert lines[3] == "    4 处内容未能归类：已作为注释保留在岗位文件末尾"
    assert lines[4] == "    已略去 1 行签字栏：审核签字 | 任职者：________ 日期：________"
    assert "    直接上级“总经理”不是本次导入或项目中唯一一个岗位的名称；未填写" in lines
    assert "已导入 2 个岗位，新增 2 个部门、2 个指标。" in lines


# -- headings and numbered paragraphs ----------------------------------------------------------------


def test_headings_and_numbered_paragraphs(tmp_path: Path) -> None:
    project = tmp_path / "p"
    source = headed(tmp_path / "jd.docx")
    report = import_json(source, project=project)
    data = role(project, "zhi-jian-zhuan-yuan")
    assert data["title"] == "质检专员" and data["unit"] == "zhi-jian-zu"
    assert data["purpose"] == "抽检通话与工单，发现服务问题并推动改进。"
    assert data["duties"] == [
        {
            "id": "duty-1",
            "title": "每日抽检通话录音",
            "tasks": ["按抽检标准评分并反馈"],
            "frequency": "daily",
        },
        {"id": "duty-2", "title": "每月编写质检报告", "frequency": "monthly"},
        {"id": "duty-3", "title": "组织质检校准会"},
    ]
    assert data["kpis"] == [
        {"kpi": "zhi-jian-fu-gai-lv", "target": ">= 98%", "weight": "50%"},
        {"kpi": "zhi-jian-cha-cuo-lv", "target": "<= 2%", "weight": "50%"},
    ]
    assert data["qualifications"] == {
        "education": "bachelor",
        "experience": {"years": 2, "in": "2年以上质检工作经验"},
        "competencies": ["具有较强的沟通能力"],
    }
    assert [(k["id"], k["direction"]) for k in report["kpis_added"]] == [
        ("zhi-jian-fu-gai-lv", "higher-is-better"),
        ("zhi-jian-cha-cuo-lv", "lower-is-better"),
    ]
    (found,) = roles_of(report)
    assert found["unresolved"] == [{"field": "reports_to", "text": "客服主管"}]
    assert [u["text"] for u in found["unmapped"]] == [
        "直接上级: 客服主管",
        "五、福利待遇",
        "五险一金，带薪年假",
    ]
    assert_nothing_lost(docx_texts(source), project, report)
    assert_checks(project)


def test_labels_in_brackets_and_items_numbered_in_chinese(tmp_path: Path) -> None:
    """【岗位职责】 headings, （一） items, label/value pairs side by side in a table row."""
    source = tmp_path / "护士长.docx"
    document = docx.Document()
    document.add_heading("护士长岗位说明书", 0)
    table = document.add_table(rows=2, cols=4)
    for r, row in enumerate(
        [("岗位名称", "护士长", "所属部门", "外科病区"), ("定员", "1人", "岗位等级", "N4")]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in (
        "【岗位概述】",
        "在护理部主任领导下，全面负责本病区的护理管理工作。",
        "【岗位职责】",
        "（一）负责制定本病区护理工作计划，每月总结。",
        "（二）每日查房，检查危重患者护理落实情况。",
        "【考核指标】",
        "患者满意度不低于95%；护理差错发生率为0；基础护理合格率≥98%。",
        "【任职条件】",
        "学历：本科及以上；专业：护理学；经验：5年以上临床护理经验",
        "【工作环境】病房，需轮值夜班。",
    ):
        document.add_paragraph(text)
    document.save(source)
    project = tmp_path / "p"
    import_json(source, project=project)
    data = role(project, "hu-shi-zhang")
    assert (data["title"], data["unit"], data["headcount"], data["grade"]) == (
        "护士长",
        "wai-ke-bing-qu",
        1,
        "N4",
    )
    assert data["purpose"] == "在护理部主任领导下，全面负责本病区的护理管理工作。"
    assert [(d["title"], d.get("frequency")) for d in data["duties"]] == [
        ("负责制定本病区护理工作计划，每月总结", "monthly"),
        ("每日查房，检查危重患者护理落实情况", "daily"),
    ]
    assert data["environment"] == "病房，需轮值夜班。"  # the full-width comma as written
    assert data["kpis"] == [  # one line, three clauses
        {"kpi": "huan-zhe-man-yi-du", "target": ">= 95%"},
        {"kpi": "hu-li-cha-cuo-fa-sheng-lv", "target": "= 0%"},
        {"kpi": "ji-chu-hu-li-he-ge-lv", "target": ">= 98%"},
    ]
    qualifications = data["qualifications"]
    assert (qualifications["education"], qualifications["experience"]["years"]) == ("bachelor", 5)
    assert qualifications["experience"]["in"] == "经验：5年以上临床护理经验"


# -- English ---------------------------------------------------------------------------------------


def test_an_english_jd(tmp_path: Path) -> None:
    project = tmp_path / "p"
    source = english(tmp_path / "jd.docx")
    report = import_json(source, project=project, lang="en")
    assert (project / "orgc.yaml").read_text("utf-8") == "languages: [en]\n"
    data = role(project, "customer-service-representative")
    assert data["title"] == "Customer Service Representative"
    assert data["unit"] == "customer-service"
    assert data["purpose"] == "Answers customer questions by phone and e-mail and resolves complaints."
    assert data["duties"] == [
        {"id": "duty-1", "title": "Answer incoming calls daily", "frequency": "daily"},
        {"id": "duty-2", "title": "Log every complaint in the ticket system"},
    ]
    assert data["qualifications"] == {
        "education": "bachelor",
        "experience": {
            "years": 2,
            "in": "2 years of customer service experience",
        },
        "competencies": ["Excellent communication skills"],
    }
    assert data["environment"] == "Office; rotating shifts."
    text = (project / "specs" / "roles" / "customer-service-representative.yaml").read_text("utf-8")
    assert "# Content the import could not place; move it into the fields above by hand:\n" in text
    (found,) = roles_of(report)
    assert found["signoff"] == [{"where": "p16", "text": "Approved by: ____________"}]
    assert found["unresolved"] == [{"field": "reports_to", "text": "Customer Service Manager"}]
    assert_checks(project)


def test_reports_to_resolves_against_the_projects_roles_in_any_language(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    shutil.copytree(ROOT / "specs", project / "specs")
    shutil.copyfile(ROOT / "orgc.yaml", project / "orgc.yaml")
    # The English JD names "Customer Service Manager": the English title of the project's cs-manager.
    report = import_json(english(tmp_path / "jd.docx"), project=project, lang="en")
    data = role(project, "customer-service-representative")
    assert data["reports_to"] == "cs-manager"
    assert roles_of(report)[0]["unresolved"] == []
    assert_checks(project)


# -- text files ------------------------------------------------------------------------------------


def test_the_seeds_run_on_text(tmp_path: Path) -> None:
    project = tmp_path / "p"
    source = tmp_path / "seeds.txt"
    shutil.copyfile(SEEDS, source)
    report = import_json(source, project=project)
    roles = roles_of(report)
    assert len(roles) == 21
    first = role(project, roles[0]["id"])
    assert first["title"] == "客户服务专员"
    assert first["purpose"].startswith("客户服务专员是负责处理客户咨询、投诉以及提供解决方案的人员")
    assert [d["title"] for d in first["duties"]] == [
        "接听客户电话并及时解答问题",
        "处理客户邮件和在线咨询",
        "解决客户投诉和纠纷",
        "维护客户关系",
        "协调内部资源",
        "提供客户培训和支持",
    ]
    assert first["qualifications"]["education"] == "bachelor"
    assert first["career"] == {"next": ["ke-hu-fu-wu-zhu-guan"]}
    second = role(project, roles[1]["id"])
    assert second["title"] == "客服专员"
    assert [d["title"] for d in second["duties"]][:2] == ["客户服务与咨询解答", "订单处理与售后服务"]
    lines = [line for line in SEEDS.read_text("utf-8").splitlines() if line.strip()]
    assert_nothing_lost(lines, project, report)
    assert_checks(project)


def test_a_gbk_text_file(tmp_path: Path) -> None:
    project = tmp_path / "p"
    source = tmp_path / "jd.txt"
    source.write_bytes(
        "客服专员岗位说明书\n所属部门：客服部\n岗位概述：接听客户来电。\n岗位职责\n1、接听来电\n2、登记工单\n".encode(
            "gbk"
        )
    )
    report = import_json(source, project=project)
    assert report["files"][0]["read_as"].startswith("GBK/GB18030")
    data = role(project, "ke-fu-zhuan-yuan")
    assert (data["title"], data["unit"], data["purpose"]) == ("客服专员", "ke-fu-bu", "接听客户来电。")
    assert [d["title"] for d in data["duties"]] == ["接听来电", "登记工单"]


def test_a_markdown_file_with_several_jds_is_one_import(tmp_path: Path) -> None:
    project = tmp_path / "p"
    source = tmp_path / "jds.md"
    source.write_text(
        "# 客服经理岗位说明书\n\n"
        "- 所属部门：客服中心\n\n"
        "## 岗位概述\n\n管理客服中心。\n\n"
        "## 岗位职责\n\n1. 制定年度计划\n\n"
        "## 考核指标\n\n| 指标 | 目标值 | 权重 |\n|---|---|---|\n| 客户满意度 | ≥ 90% | 100% |\n\n"
        "# 客服专员岗位说明书\n\n"
        "所属部门：客服中心\n\n直接上级：客服经理\n\n"
        "## 岗位概述\n\n接听来电。\n\n## 岗位职责\n\n1. 接听来电\n",
        "utf-8",
    )
    report = import_json(source, project=project)
    assert [r["title"] for r in roles_of(report)] == ["客服经理", "客服专员"]
    agent = role(project, "ke-fu-zhuan-yuan")
    assert agent["reports_to"] == "ke-fu-jing-li" and agent["unit"] == "ke-fu-zhong-xin"
    assert role(project, "ke-fu-jing-li")["kpis"] == [
        {"kpi": "ke-hu-man-yi-du", "target": ">= 90%", "weight": "100%"}
    ]
    assert_checks(project)


def test_several_files_are_one_import(tmp_path: Path) -> None:
    project = tmp_path / "p"
    first, second = tmp_path / "a.txt", tmp_path / "b.md"
    first.write_text("客服经理岗位说明书\n所属部门：客服中心\n岗位概述：管理客服中心。\n", "utf-8")
    second.write_text("# 客服专员岗位说明书\n\n所属部门：客服中心\n\n直接上级：客服经理\n", "utf-8")
    report = import_json(first, second, project=project)
    assert [f["file"] for f in report["files"]] == [str(first), str(second)]
    assert role(project, "ke-fu-zhuan-yuan")["reports_to"] == "ke-fu-jing-li"
    assert report["work_left"] == [
        {"role": "ke-fu-jing-li", "missing": "duties"},
        {"role": "ke-fu-zhuan-yuan", "missing": "purpose"},
        {"role": "ke-fu-zhuan-yuan", "missing": "duties"},
    ]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    report = import_json(table_form(tmp_path / "jd.docx"), project=project, dry_run=True)
    assert report["dry_run"] is True and report["files_written"] == []
    assert list(project.iterdir()) == []


def test_a_roster_and_jds_in_one_run_are_refused(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("岗位名称,部门\n客服,客服部\n", "utf-8")
    result = import_jds(roster, table_form(tmp_path / "jd.docx"), project=tmp_path / "p")
    assert result.exit_code == 2
    assert not (tmp_path / "p").exists()


# -- round trip ------------------------------------------------------------------------------------


def _normal_target(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("≥", ">=").replace("≤", "<=")).strip()


def _as_printed(target: str) -> str:
    """A spec's target as the Chinese JD prints it (its unit in Chinese: 5 min → 5 分钟)."""
    parsed = parse_target(vocabulary.target(target))
    return _normal_target(display_target(parsed, "zh")) if parsed else _normal_target(target)


def test_the_jds_orgc_builds_import_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = run_cli("build", ROOT, "-o", out, "--lang", "zh", "-j", "1")
    assert built.exit_code == 0, built.output
    project = tmp_path / "p"
    jds = sorted((out / "jd" / "zh").glob("*.docx"))
    report = import_json(*jds, project=project)
    originals = {
        p.stem: yaml.safe_load(p.read_text("utf-8")) for p in (ROOT / "specs" / "roles").glob("*.yaml")
    }
    blocks = {}
    for path in (ROOT / "specs" / "duties").glob("*.yaml"):
        data = yaml.safe_load(path.read_text("utf-8"))
        blocks[data["id"]] = data["duties"]
    kpi_names = {}
    for path in (ROOT / "specs" / "kpis").glob("*.yaml"):
        for kpi in yaml.safe_load(path.read_text("utf-8"))["kpis"]:
            kpi_names[kpi["id"]] = full_width(
                kpi["name"]["zh"] if isinstance(kpi["name"], dict) else kpi["name"]
            )
    imported_names = {}
    for path in (project / "specs" / "kpis").glob("*.yaml"):
        for kpi in yaml.safe_load(path.read_text("utf-8"))["kpis"]:
            imported_names[kpi["id"]] = kpi["name"]
    by_file = {Path(f["file"]).stem: r for f in report["files"] for r in f["roles"]}
    assert sorted(by_file) == sorted(originals)

    def zh(text: Any) -> str:  # as a Chinese JD prints it: ',' beside Chinese as '，'
        return full_width(text["zh"] if isinstance(text, dict) else text)

    for role_id, original in originals.items():
        back = role(project, by_file[role_id]["id"])
        assert back["title"] == zh(original["title"]), role_id
        assert back["purpose"] == zh(original["purpose"]), role_id
        assert back.get("headcount", 1) == original.get("headcount", 1), role_id
        own = [zh(d["title"]) for d in original.get("duties", [])]
        shared = [zh(d["title"]) for block in original.get("include", []) for d in blocks[block]]
        assert [d["title"] for d in back["duties"]] == own + shared, role_id
        targets = [(kpi_names[k["kpi"]], _as_printed(k["target"])) for k in original.get("kpis", [])]
        assert [(imported_names[k["kpi"]], k["target"]) for k in back.get("kpis", [])] == targets, role_id
    assert_checks(project)


def test_an_english_import_says_everything_in_english(tmp_path: Path) -> None:
    result = import_jds(english(tmp_path / "jd.docx"), project=tmp_path / "p", lang="en")
    assert result.exit_code == 0, result.output
    assert not re.search(r"[\u3400-\u9fff]", result.output), result.output
    text = (tmp_path / "p" / "specs" / "roles" / "customer-service-representative.yaml").read_text("utf-8")
    assert not re.search(r"[\u3400-\u9fff]", text), text


def test_a_file_that_is_not_a_word_document(tmp_path: Path) -> None:
    source = tmp_path / "jd.docx"
    source.write_text("not a zip", "utf-8")
    result = run_cli("import", source, "--path", tmp_path / "p", "--messages", "zh")
    assert result.exit_code == 2
    assert result.output == f"错误：{source} 不是 orgc 能读取的 Word 文档（.docx）；请用 Word 另存为 .docx\n"
    assert not (tmp_path / "p").exists()


_LINE = st.text(
    alphabet=st.sampled_from(
        "岗位职责说明书任职要求1.、：:；;①-•|客服主管本科3年以上每日≥95%权重审核签字\n "
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_any_text_is_read_without_losing_a_line(lines: list[str]) -> None:
    """Whatever the lines, each one is read into some JD: as a field, unplaced, or a sign-off."""
    blocks = [Block((line.strip(),), i, order=i) for i, line in enumerate(lines, 1) if line.strip()]
    drafts = [read_jd(jd, "f.txt", i) for i, jd in enumerate(split(blocks), 1)]
    places = {u.where for d in drafts for u in [*d.unmapped, *d.signoff]}
    places |= {w for d in drafts for ws in d.filled.values() for w in ws}
    places |= {duty.where for d in drafts for duty in d.duties}
    for block in blocks:
        text = block.text
        label = section_label(text)
        structural = (label and not _folded(label[1])) or len(_folded(text)) < 2
        structural = structural or (title_line(text) and not _folded(title_line(text)[1]))
        assert structural or block.where_code() in places, text


def test_duty_rows_without_a_header_row(tmp_path: Path) -> None:
    project = tmp_path / "p"
    report = import_json(duties_without_header(tmp_path / "jd.docx"), project=project)
    data = role(project, "pei-xun-zhuan-yuan")
    assert data["duties"] == [
        {"id": "duty-1", "title": "组织新员工培训", "frequency": "monthly"},
        {"id": "duty-2", "title": "编写培训教材", "tasks": ["每季度更新"], "frequency": "per-event"},
    ]
    assert roles_of(report)[0]["filled"]["duties"] == ["t1r3", "t1r4"]
