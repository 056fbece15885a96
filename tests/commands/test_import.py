"""`orgc import`: roles from CSV (UTF-8, GBK, UTF-16) and XLSX rosters into a new or an existing project."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from helpers import FIXTURES, ROOT, copy_good, edit, run_check, run_cli, write
from orgc.load.yaml_doc import parse_yaml
from orgc.roster import cells
from orgc.roster.columns import recognise
from orgc.roster.emit import scalar
from orgc.roster.ids import base_id, is_id
from orgc.roster.merge import MergeRefused, merge_units
from orgc.roster.units import NewUnit

ROSTERS = FIXTURES / "rosters"
CS = ROSTERS / "cs-utf8.csv"

# The roles of cs-utf8.csv, by file, and the row each comes from.
CS_ROLES = {
    "specs/roles/ke-fu-zong-jian.yaml": 2,
    "specs/roles/ke-fu-zhu-guan.yaml": 3,
    "specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml": 4,
    "specs/roles/ke-fu-zhuan-yuan.yaml": 5,
    "specs/roles/wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang.yaml": 6,
    "specs/roles/shou-qian-ke-fu.yaml": 7,
    "specs/roles/pei-xun-zhuan-yuan.yaml": 8,
}
CS_NO_DUTIES = {
    "specs/roles/wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang.yaml",
    "specs/roles/shou-qian-ke-fu.yaml",
    "specs/roles/pei-xun-zhuan-yuan.yaml",
}
CS_ORG = """\
id: ke-fu-zhong-xin
name: 客服中心
units:
  - id: ke-fu-zhong-xin
    name: 客服中心
  - id: re-xian-fu-wu-bu
    name: 热线服务部
    parent: ke-fu-zhong-xin
  - id: yi-xian-fu-wu-zu
    name: 一线服务组
    parent: re-xian-fu-wu-bu
  - id: wang-luo-xiao-shou-fu-wu-zu
    name: 网络销售服务组
    parent: ke-fu-zhong-xin
"""
CS_TEAM_LEAD = """\
# Imported from cs-utf8.csv, row 4.
# Still to write: purpose (工作目的), kpis (考核指标).
id: yi-xian-fu-wu-zu-ban-zu-zhang
title: {zh: 班组长, en: Team lead}
unit: yi-xian-fu-wu-zu
reports_to: ke-fu-zhu-guan
headcount: 4
grade: M1
duties:
  - id: duty-1
    title: 任务调派与跟踪
  - id: duty-2
    title: 现场管理
  - id: duty-3
    title: 交接班
qualifications:
  education: associate
"""


def import_roster(roster: Path, project: Path, *options: str, messages: str = "en") -> Result:
    """``orgc import`` said in ``messages`` (English, so that tests can quote it)."""
    return run_cli("import", roster, "--path", project, *options, "--messages", messages)


def tree(project: Path) -> dict[str, bytes]:
    """Every file under ``project`` (relative path → bytes); {} when it does not exist."""
    if not project.exists():
        return {}
    return {
        p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()
    }


def without_comments(files: dict[str, bytes]) -> dict[str, str]:
    """The files with the `# Imported from FILE, row N.` provenance lines left out."""
    return {
        rel: "".join(
            line for line in data.decode("utf-8").splitlines(True) if not line.startswith("# Imported")
        )
        for rel, data in files.items()
    }


def codes_by_file(project: Path) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {}
    for d in run_check(project).diagnostics:
        found.setdefault(d["file"], Counter())[d["code"]] += 1
    return found


def problem_lines(result: Result, roster: Path) -> list[str]:
    """The `ROSTER:ROW: message` lines of an import, with the roster's path left out."""
    prefix = f"{roster}:"
    return [line[len(prefix) :] for line in result.stdout.splitlines() if line.startswith(prefix)]


# -- a new project from a roster ----------------------------------------------------------------


def test_a_utf8_roster_becomes_a_new_project(tmp_path: Path) -> None:
    project = tmp_path / "cs"
    result = import_roster(CS, project)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"Read {CS} as UTF-8 (texts taken as 'zh')." in out
    assert "Ignored: 备注." in out
    assert "note: row 9 ('合计') skipped: a total row, not a role" in out
    assert "Imported 7 roles and 4 new units into" in out
    files = tree(project)
    assert sorted(files) == sorted(["orgc.yaml", "specs/org.yaml", *CS_ROLES])
    assert files["orgc.yaml"] == b"languages: [zh, en]\n"
    assert files["specs/org.yaml"].decode("utf-8") == CS_ORG
    assert files["specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml"].decode("utf-8") == CS_TEAM_LEAD


def test_supervisors_by_title_resolve_to_the_nearest_unit_and_by_id_as_written(tmp_path: Path) -> None:
    project = tmp_path / "cs"
    assert import_roster(CS, project).exit_code == 0

    def field(role: str, key: str) -> str:
        text = (project / "specs" / "roles" / f"{role}.yaml").read_text(encoding="utf-8")
        (value,) = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith(f"{key}: ")]
        return value

    # 班组长 is the title of two roles: each agent reports to the one in its own unit.
    assert field("ke-fu-zhuan-yuan", "reports_to") == "yi-xian-fu-wu-zu-ban-zu-zhang"
    assert field("shou-qian-ke-fu", "reports_to") == "wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang"
    assert field("pei-xun-zhuan-yuan", "reports_to") == "ke-fu-zhu-guan"  # written as an id
    assert field("pei-xun-zhuan-yuan", "headcount") == "0"
    assert "reports_to" not in (project / "specs/roles/ke-fu-zong-jian.yaml").read_text(encoding="utf-8")


def test_the_result_checks_apart_from_what_the_roster_lacks(tmp_path: Path) -> None:
    project = tmp_path / "cs"
    result = import_roster(CS, project)
    assert "purpose to write: 7 roles — ke-fu-zong-jian, ke-fu-zhu-guan," in result.stdout
    assert "duties to write, DUT004: 3 roles — wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang" in result.stdout
    assert "KPI targets to set, KPI002: 7 roles" in result.stdout
    assert "texts to translate, I18N001:" in result.stdout
    report = run_check(project)
    assert set(report.codes) == {"E102", "DUT004", "KPI002", "I18N001"}
    for d in report.diagnostics:
        if d["code"] == "E102":
            assert d["message"] == "missing required field 'purpose'"
    by_file = codes_by_file(project)
    for rel in CS_ROLES:
        assert by_file[rel]["E102"] == 1 and by_file[rel]["KPI002"] == 1
        assert by_file[rel]["DUT004"] == (1 if rel in CS_NO_DUTIES else 0)
    assert set(by_file["specs/org.yaml"]) == {"I18N001"}  # unit names are only in Chinese


@pytest.mark.parametrize(
    ("name", "read_as"),
    [
        ("cs-utf8-bom.csv", "UTF-8 (with BOM)"),
        ("cs-gbk.csv", "GBK/GB18030 (Chinese Windows encoding), not UTF-8"),
    ],
)
def test_bom_and_gbk_rosters_give_the_same_specs(tmp_path: Path, name: str, read_as: str) -> None:
    assert import_roster(CS, tmp_path / "utf8").exit_code == 0
    result = import_roster(ROSTERS / name, tmp_path / "other")
    assert result.exit_code == 0, result.output
    assert f"Read {ROSTERS / name} as {read_as}" in result.stdout
    assert without_comments(tree(tmp_path / "other")) == without_comments(tree(tmp_path / "utf8"))


def test_utf16_tab_separated_text_as_excel_saves_it(tmp_path: Path) -> None:
    rows = list(csv.reader(CS.read_text(encoding="utf-8").splitlines(True)))
    text = "".join("\t".join(cell.replace("\n", " ") for cell in row) + "\r\n" for row in rows)
    roster = write(tmp_path, "roster.txt", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le"))
    result = import_roster(roster, tmp_path / "p")
    assert result.exit_code == 0, result.output
    assert "as UTF-16" in result.stdout
    assert len(list((tmp_path / "p/specs/roles").glob("*.yaml"))) == 7


def test_an_explicit_encoding_is_used_and_named(tmp_path: Path) -> None:
    result = import_roster(ROSTERS / "cs-gbk.csv", tmp_path / "p", "--encoding", "gbk")
    assert result.exit_code == 0
    assert "as gbk (as given by --encoding)" in result.stdout


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (("--encoding", "utf-8"), "is not utf-8 text"),
        (("--encoding", "no-such-codec"), "is not an encoding"),
    ],
)
def test_a_wrong_encoding_exits_2(tmp_path: Path, options: tuple[str, ...], says: str) -> None:
    result = import_roster(ROSTERS / "cs-gbk.csv", tmp_path / "p", *options)
    assert result.exit_code == 2
    assert says in result.stderr
    assert not (tmp_path / "p").exists()


# -- XLSX ----------------------------------------------------------------------------------------


def _workbook(path: Path) -> Path:
    """cs-utf8.csv as a workbook: an instructions sheet first, a title row above the header,
    numbers as numbers, and each 部门 written once in a merged cell over its rows."""
    from openpyxl import Workbook

    rows = list(csv.reader(CS.read_text(encoding="utf-8").splitlines(True)))
    book = Workbook()
    book.active.title = "说明"
    book.active["A1"] = "岗位定员表见下一页"
    sheet = book.create_sheet("岗位表")
    sheet.append(["某公司客服中心岗位定员表"])
    for row in rows:
        sheet.append([float(c) if c.isdigit() else (c or None) for c in row])
    # rows 4 and 5 of the CSV (班组长, 客服专员) share their unit: rows 5-6 of the sheet.
    sheet["C6"] = None
    sheet.merge_cells("C5:C6")
    book.save(path)
    return path


def test_an_xlsx_roster_gives_the_same_specs_as_the_csv(tmp_path: Path) -> None:
    roster = _workbook(tmp_path / "roster.xlsx")
    result = import_roster(roster, tmp_path / "x")
    assert result.exit_code == 0, result.output
    assert f"Read sheet '岗位表' of {roster}" in result.stdout
    assert "Header row 2:" in result.stdout
    assert import_roster(CS, tmp_path / "c").exit_code == 0
    assert without_comments(tree(tmp_path / "x")) == without_comments(tree(tmp_path / "c"))
    lead = (tmp_path / "x/specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml").read_text(encoding="utf-8")
    assert lead.startswith("# Imported from roster.xlsx, row 5.\n")


def test_an_xlsx_sheet_can_be_named_and_an_unknown_one_exits_2(tmp_path: Path) -> None:
    roster = _workbook(tmp_path / "roster.xlsx")
    assert import_roster(roster, tmp_path / "a", "--sheet", "岗位表").exit_code == 0
    wrong = import_roster(roster, tmp_path / "b", "--sheet", "Sheet9")
    assert wrong.exit_code == 2
    assert "has no sheet 'Sheet9'; its sheets: 说明, 岗位表" in wrong.stderr
    none = import_roster(roster, tmp_path / "c", "--sheet", "说明")
    assert none.exit_code == 1
    assert f"{roster}:1: no header row" in none.stdout


# -- bad rows: every one reported, nothing written ----------------------------------------------

BAD_ROWS = [
    "3: no 直接上级, but only one role may be the top (rows 3, 7 all have none); fill it in",
    "5: 定员: '若干' is not a number of people",
    "5: 直接上级 '销售主任' is not a role in the roster or the project",
    "6: no title: the 岗位名称 cell is empty",
    "7: no 直接上级, but only one role may be the top (rows 3, 7 all have none); fill it in",
    "8: '销售代表' in 销售部 is already row 5; merge the two rows (add up the 定员) or give them different titles",
    "9: reporting cycle: 区域经理 (row 9) → 大区总监 (row 10) → 区域经理 (row 9); "
    "one of them must report to a role outside the loop",
    "11: no unit: the 部门 cell is empty",
    "11: 学历: '研究生以上学位' is not an education level; write one of 不限, 初中, 高中, 大专, 本科, 硕士, 博士 "
    "(or none, junior-secondary, secondary, associate, bachelor, master, doctorate)",
    "12: 岗位编码 'Cashier 01' is not an id: lowercase letters, digits and '-', starting with a letter; "
    "fix it or leave it empty to have one made from the title",
    "12: 直接上级 '出纳' is this role itself",
]


def test_every_bad_row_is_reported_with_its_row_number_and_nothing_is_written(tmp_path: Path) -> None:
    roster = ROSTERS / "bad-rows.csv"
    result = import_roster(roster, tmp_path / "p", "--map", "岗位编码=id")
    assert result.exit_code == 1
    assert problem_lines(result, roster) == BAD_ROWS
    assert result.stdout.rstrip().endswith("11 problems in 8 rows; nothing was written.")
    assert not (tmp_path / "p").exists()


def test_bad_rows_leave_an_existing_project_as_it_was(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    before = tree(project)
    assert import_roster(ROSTERS / "bad-rows.csv", project).exit_code == 1
    assert tree(project) == before


def test_unknown_supervisors_get_a_suggestion(tmp_path: Path) -> None:
    roster = write(tmp_path, "r.csv", "岗位名称,部门,直接上级\n总经理,总经办,\n销售经理,销售部,总经里\n")
    result = import_roster(roster, tmp_path / "p")
    assert problem_lines(result, roster) == [
        "3: 直接上级 '总经里' is not a role in the roster or the project; did you mean '总经理'?"
    ]


def test_a_title_shared_by_two_units_is_ambiguous_from_a_third(tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "r.csv",
        "岗位名称,部门,直接上级\n总经理,公司,\n经理,公司/销售部,总经理\n经理,公司/财务部,总经理\n助理,总经办,经理\n",
    )
    result = import_roster(roster, tmp_path / "p")
    assert problem_lines(result, roster) == [
        "5: 直接上级 '经理' is the title of several roles: xiao-shou-bu-jing-li (row 3), "
        "cai-wu-bu-jing-li (row 4); write the id of the one meant"
    ]


def test_a_missing_required_column_is_reported_on_the_header_row(tmp_path: Path) -> None:
    roster = ROSTERS / "no-unit-column.csv"
    result = import_roster(roster, tmp_path / "p")
    assert result.exit_code == 1
    assert problem_lines(result, roster) == [
        "1: no unit column (部门, 所属部门, department …); add one, or name yours with --map COLUMN=unit"
    ]
    assert not (tmp_path / "p").exists()


def test_a_roster_without_a_header_row(tmp_path: Path) -> None:
    roster = write(tmp_path, "r.csv", "a,b\n1,2\n")
    result = import_roster(roster, tmp_path / "p")
    assert result.exit_code == 1
    assert problem_lines(result, roster)[0].startswith(
        "1: no header row: the first 20 rows have no title column"
    )


def test_a_header_with_no_rows_below_it(tmp_path: Path) -> None:
    roster = write(tmp_path, "r.csv", "岗位名称,部门\n,\n")
    result = import_roster(roster, tmp_path / "p")
    assert problem_lines(result, roster) == [
        "1: no roles: there are no rows with a title below the header row"
    ]


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    roster = write(tmp_path, "r.csv", "岗位名称,职位名称,部门\n经理,经理,销售部\n")
    result = import_roster(roster, tmp_path / "p")
    assert problem_lines(result, roster) == [
        "1: columns '岗位名称' and '职位名称' both give title; ignore one with --map 职位名称=ignore"
    ]
    assert import_roster(roster, tmp_path / "p", "--map", "职位名称=ignore").exit_code == 0


def test_a_team_column_is_a_unit_below_the_department(tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "r.csv",
        "岗位名称,部门,班组,直接上级\n经理,客服部,,\n组长,客服部,一组,经理\n组长,客服部,二组,经理\n",
    )
    result = import_roster(roster, tmp_path / "p")
    assert result.exit_code == 0, result.output
    org = (tmp_path / "p/specs/org.yaml").read_text(encoding="utf-8")
    assert org.endswith(
        "units:\n  - id: ke-fu-bu\n    name: 客服部\n  - id: yi-zu\n    name: 一组\n    parent: ke-fu-bu\n"
        "  - id: er-zu\n    name: 二组\n    parent: ke-fu-bu\n"
    )
    assert sorted(p.name for p in (tmp_path / "p/specs/roles").iterdir()) == [
        "er-zu-zu-zhang.yaml",
        "jing-li.yaml",
        "yi-zu-zu-zhang.yaml",
    ]


# -- --map -----------------------------------------------------------------------------------------


def test_columns_can_be_mapped(tmp_path: Path) -> None:
    roster = write(tmp_path, "r.csv", "名字,所在,汇报给,English\n总经理,总经办,,General manager\n")
    result = import_roster(
        roster, tmp_path / "p", "--map", "名字=title", "--map", "所在=unit", "--map", "english=title_en"
    )
    assert result.exit_code == 0, result.output
    assert (
        "Header row 1: 名字 → title, 所在 → unit, 汇报给 → reports_to, English → title_en." in result.stdout
    )
    text = (tmp_path / "p/specs/roles/zong-jing-li.yaml").read_text(encoding="utf-8")
    assert "title: {zh: 总经理, en: General manager}\nunit: zong-jing-ban\n" in text


@pytest.mark.parametrize(
    ("option", "says"),
    [
        ("名字=salary", "'salary' is not a field"),
        ("名字", "write it as COLUMN=FIELD"),
        ("没有=title", "--map names no column of the header (row 1): 没有"),
    ],
)
def test_a_bad_map_exits_2(tmp_path: Path, option: str, says: str) -> None:
    roster = write(tmp_path, "r.csv", "岗位名称,部门\n总经理,总经办\n")
    result = import_roster(roster, tmp_path / "p", "--map", option)
    assert result.exit_code == 2
    assert says in result.stderr


# -- an English roster ---------------------------------------------------------------------------


def test_an_english_roster_makes_an_english_project(tmp_path: Path) -> None:
    project = tmp_path / "en"
    result = import_roster(ROSTERS / "en.csv", project)
    assert result.exit_code == 0, result.output
    assert "(texts taken as 'en')" in result.stdout
    files = tree(project)
    assert files["orgc.yaml"] == b"languages: [en]\n"
    assert sorted(files) == [
        "orgc.yaml",
        "specs/org.yaml",
        "specs/roles/agent.yaml",
        "specs/roles/director.yaml",
        "specs/roles/team-lead.yaml",
    ]
    assert (
        b"  - id: front-line\n    name: Front Line\n    parent: customer-service\n" in files["specs/org.yaml"]
    )
    agent = files["specs/roles/agent.yaml"].decode("utf-8")
    assert 'title: "Answer calls, log tickets"' in agent  # a comma is quoted, not a flow separator
    assert set(run_check(project).codes) == {"E102", "DUT004", "KPI002"}


# -- files that exist: refused, --force, --dry-run ----------------------------------------------


def test_existing_files_are_never_overwritten_without_force(tmp_path: Path) -> None:
    project = tmp_path / "cs"
    assert import_roster(CS, project).exit_code == 0
    edit(project, "specs/roles/ke-fu-zong-jian.yaml", "grade: M4\n", "grade: M4\npurpose: 带领客服中心\n")
    before = tree(project)
    again = import_roster(CS, project)
    assert again.exit_code == 2
    assert "these files exist and would be replaced; nothing was written" in again.stderr
    for rel in CS_ROLES:
        assert f"  {rel}\n" in again.stderr
    assert "specs/org.yaml" not in again.stderr  # no new units: org.yaml is not touched
    assert tree(project) == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    result = import_roster(CS, tmp_path / "new", "--dry-run")
    assert result.exit_code == 0
    assert "would write specs/org.yaml" in result.stdout
    assert "Would import 7 roles and 4 new units" in result.stdout
    assert "KPI002" in result.stdout
    assert not (tmp_path / "new").exists()

    project = tmp_path / "cs"
    assert import_roster(CS, project).exit_code == 0
    before = tree(project)
    forced = import_roster(CS, project, "--dry-run", "--force")
    assert forced.exit_code == 0
    assert "would write specs/roles/ke-fu-zong-jian.yaml (replaced)" in forced.stdout
    assert tree(project) == before


def test_force_replaces_the_roles_and_keeps_org_yaml(tmp_path: Path) -> None:
    project = tmp_path / "cs"
    assert import_roster(CS, project).exit_code == 0
    edit(project, "specs/roles/ke-fu-zong-jian.yaml", "grade: M4\n", "grade: M9\n")
    org = (project / "specs/org.yaml").read_bytes()
    result = import_roster(CS, project, "--force")
    assert result.exit_code == 0, result.output
    assert "wrote specs/roles/ke-fu-zong-jian.yaml (replaced)" in result.stdout
    assert "grade: M4\n" in (project / "specs/roles/ke-fu-zong-jian.yaml").read_text(encoding="utf-8")
    assert (project / "specs/org.yaml").read_bytes() == org
    assert "Work left" in result.stdout  # what was left is still left
    assert not [p for p in project.rglob(".*") if p.is_file()]  # no temporary files left behind


# -- into an existing project --------------------------------------------------------------------

ADDED_UNIT = "  - id: zhi-jian-zu\n    name: 质检组\n    parent: cs-center\n"


def test_units_are_appended_to_an_existing_org_yaml_and_supervisors_found_there(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    before = tree(project)
    result = import_roster(ROSTERS / "additions.csv", project)
    assert result.exit_code == 0, result.output
    assert "wrote specs/org.yaml (added 1 unit)" in result.stdout
    after = tree(project)
    assert after["specs/org.yaml"] == before["specs/org.yaml"] + ADDED_UNIT.encode("utf-8")
    new = sorted(set(after) - set(before))
    assert new == ["specs/roles/zhi-jian-zhuan-yuan.yaml", "specs/roles/zhi-jian-zu-zhang.yaml"]
    assert all(after[rel] == data for rel, data in before.items() if rel != "specs/org.yaml")
    lead = after["specs/roles/zhi-jian-zu-zhang.yaml"].decode("utf-8")
    assert "unit: zhi-jian-zu\nreports_to: cs-supervisor\n" in lead  # 客服主管, a role of the project
    assert "reports_to: zhi-jian-zu-zhang\n" in after["specs/roles/zhi-jian-zhuan-yuan.yaml"].decode("utf-8")
    by_file = codes_by_file(project)
    assert set(by_file) == {"specs/org.yaml", *new}
    assert by_file["specs/org.yaml"] == Counter({"I18N001": 1})
    for rel in new:
        assert set(by_file[rel]) == {"E102", "KPI002", "I18N001"}


def test_a_roster_role_that_is_already_in_the_project_is_that_role(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    roster = write(tmp_path, "r.csv", "岗位名称,部门,直接上级,定员\n班组长,一线服务组,客服主管,6\n")
    refused = import_roster(roster, project)
    assert refused.exit_code == 2
    assert "specs/roles/cs-team-lead.yaml" in refused.stderr
    forced = import_roster(roster, project, "--force")
    assert forced.exit_code == 0, forced.output
    text = (project / "specs/roles/cs-team-lead.yaml").read_text(encoding="utf-8")
    assert (
        "id: cs-team-lead\ntitle: 班组长\nunit: cs-frontline\nreports_to: cs-supervisor\nheadcount: 6\n"
        in text
    )
    assert not (project / "specs/roles/ban-zu-zhang.yaml").exists()


def test_a_second_top_role_is_refused_in_an_existing_project(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    roster = write(tmp_path, "r.csv", "岗位名称,部门,直接上级\n董事长,董事会,\n")
    result = import_roster(roster, project)
    assert problem_lines(result, roster) == [
        "2: no 直接上级: only the top role may have none, and the project's top role is 'cs-director'"
    ]


def test_a_cycle_through_a_project_role(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    roster = write(tmp_path, "r.csv", "id,岗位名称,部门,直接上级\ncs-supervisor,客服主管,客服中心,班组长\n")
    result = import_roster(roster, project, "--force")
    assert result.exit_code == 1
    assert problem_lines(result, roster) == [
        "2: reporting cycle: 客服主管 (row 2) → cs-team-lead (in the project) → 客服主管 (row 2); "
        "one of them must report to a role outside the loop"
    ]


def test_a_loop_the_project_already_has_is_not_the_roster_s_problem(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(
        project,
        "specs/roles/cs-director.yaml",
        "unit: cs-center\n",
        "unit: cs-center\nreports_to: cs-agent\n",
    )
    roster = write(
        tmp_path, "r.csv", "岗位名称,部门,直接上级,岗位职责\n质检专员,客服中心,客服专员,抽检录音\n"
    )
    result = import_roster(roster, project)
    assert result.exit_code == 0, result.output
    assert "reports_to: cs-agent\n" in (project / "specs/roles/zhi-jian-zhuan-yuan.yaml").read_text(
        encoding="utf-8"
    )


def test_errors_the_import_would_cause_stop_it(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    write(project, "orgc.yaml", "languages: [zh, en]\nrules:\n  ORG004: {max: 2, level: error}\n")
    before = tree(project)
    result = import_roster(ROSTERS / "additions.csv", project)
    assert result.exit_code == 1
    assert "The imported specs would have these errors; nothing was written:" in result.stdout
    assert "error ORG004" in result.stdout
    assert tree(project) == before


def test_an_org_yaml_that_cannot_be_merged_is_left_alone(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(project, "specs/org.yaml", "version:", "id: again\nversion:")
    before = tree(project)
    result = import_roster(ROSTERS / "additions.csv", project)
    assert result.exit_code == 2
    assert "cannot add the roster's units to specs/org.yaml" in result.stderr
    assert ADDED_UNIT.rstrip("\n") in result.stderr  # what to paste instead
    assert tree(project) == before


# -- reading problems: exit 2 --------------------------------------------------------------------


def test_unreadable_rosters_exit_2(tmp_path: Path) -> None:
    xls = write(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert "old Excel .xls" in import_roster(xls, tmp_path / "p").stderr
    assert import_roster(tmp_path / "missing.csv", tmp_path / "p").exit_code == 2
    binary = write(tmp_path, "b.csv", b"\x00\x01\x02\xff\xfe\x00")
    assert import_roster(binary, tmp_path / "p").exit_code == 2
    fake = write(tmp_path, "fake.xlsx", b"PK\x03\x04 not really a zip")
    assert "not an XLSX workbook" in import_roster(fake, tmp_path / "p").stderr
    assert not (tmp_path / "p").exists()


def test_sheet_on_a_csv_exits_2(tmp_path: Path) -> None:
    result = import_roster(CS, tmp_path / "p", "--sheet", "x")
    assert result.exit_code == 2


# -- the parts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "wanted"),
    [
        ("班组长", "ban-zu-zhang"),
        ("绿色通道", "lv-se-tong-dao"),
        ("重庆分公司行长", "chong-qing-fen-gong-si-hang-zhang"),
        ("IT支持专员", "it-zhi-chi-zhuan-yuan"),
        ("客服中心（热线）", "ke-fu-zhong-xin-re-xian"),
        ("Senior Agent (L2)", "senior-agent-l2"),
        ("Café manager", "cafe-manager"),
        ("3D设计师", "role-3d-she-ji-shi"),
        ("★☆", "role"),
        ("Con", "con-role"),  # names Windows reserves for devices, which `orgc check` refuses
        ("COM1", "com1-role"),
        ("nul", "nul-role"),
    ],
)
def test_ids_from_titles(title: str, wanted: str) -> None:
    assert base_id(title, "role") == wanted


@given(st.text(max_size=80))
def test_every_made_id_is_valid(title: str) -> None:
    made = base_id(title, "role")
    assert is_id(made) and len(made) <= 59
    assert not re.fullmatch(r"con|prn|aux|nul|com[1-9]|lpt[1-9]", made)


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("1、负责A；2、负责B；3、负责C。", ["负责A", "负责B", "负责C"]),
        (
            "1. Dispatch tasks\n2. Track tickets,\n   close them",
            ["Dispatch tasks", "Track tickets, close them"],
        ),
        ("（1）接听来电\n（2）记录工单", ["接听来电", "记录工单"]),
        ("①接听；②记录", ["接听", "记录"]),
        ("一、组织培训\n二、考核", ["组织培训", "考核"]),
        ("- a\n- b", ["a", "b"]),
        ("按照1.5倍计算\n负责排班", ["按照1.5倍计算", "负责排班"]),
        ("负责2、3号线的巡检", ["负责2、3号线的巡检"]),
        ("1、只有一条", ["只有一条"]),
        ("  \n ", []),
    ],
)
def test_duty_cells_split_into_duties(cell: str, items: list[str]) -> None:
    assert cells.duty_items(cell) == items


@pytest.mark.parametrize(
    ("cell", "count"), [("4", 4), ("4人", 4), ("４ 名", 4), ("4.0", 4), ("0", 0), ("", None)]
)
def test_headcounts(cell: str, count: int | None) -> None:
    assert cells.headcount(cell) == count


@pytest.mark.parametrize("cell", ["若干", "-1", "2.5", "3-4"])
def test_bad_headcounts(cell: str) -> None:
    with pytest.raises(cells.CellError):
        cells.headcount(cell)


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("大专及以上", "associate"),
        ("本科以上", "bachelor"),
        ("硕士研究生", "master"),
        ("不限", "none"),
        ("Bachelor", "bachelor"),
        ("初中", "junior-secondary"),  # below 高中: a requirement read from a roster is never raised
        ("初中及以上", "junior-secondary"),
        ("中职", "secondary"),
        ("高中/中专", "secondary"),
    ],
)
def test_education_levels(cell: str, level: str) -> None:
    assert cells.education(cell) == level


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("岗位名称", ("title", None)),
        ("职位名称*", ("title", None)),
        ("Job Title", ("title", None)),
        ("岗位名称（英文）", ("title", "en")),
        ("英文岗位名称", ("title", "en")),
        ("Title (EN)", ("title", "en")),
        ("中文名称", ("title", "zh")),
        ("定员（人）", ("headcount", None)),
        ("Reports to (title or id)", ("reports_to", None)),
        ("直接上级", ("reports_to", None)),
        ("职级", ("grade", None)),
        ("岗位职责", ("duties", None)),
        ("备注", None),
        ("定员（英文）", None),  # a number has no language
    ],
)
def test_headers(header: str, field: tuple[str, str | None] | None) -> None:
    assert recognise(header) == field


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_scalars_read_back_as_written(text: str) -> None:
    document, problems = parse_yaml(f"k: {scalar(text)}\nl: [{scalar(text)}]\n", "t.yaml")
    assert not problems and document is not None
    assert document.data == {"k": text, "l": [text]}


_UNITS = (
    NewUnit("zhi-jian-zu", (("zh", "质检组"), ("en", "Quality")), "a", 2),
    NewUnit("b2", (("zh", "乙"),), None, 3),
)


@pytest.mark.parametrize(
    ("text", "merged"),
    [
        (
            "id: x\nname: n\nunits:\n  - id: a\n    name: A  # kept\n\n# the end\n",
            "id: x\nname: n\nunits:\n  - id: a\n    name: A  # kept\n"
            "  - id: zhi-jian-zu\n    name: {zh: 质检组, en: Quality}\n    parent: a\n  - id: b2\n    name: 乙\n"
            "\n# the end\n",
        ),
        (
            "id: x\nname: n\nunits: [{id: a, name: A}]\n",
            "id: x\nname: n\nunits: [{id: a, name: A}, {id: zhi-jian-zu, name: {zh: 质检组, en: Quality}, parent: a}, "
            "{id: b2, name: 乙}]\n",
        ),
        (
            "id: x\nname: n",
            "id: x\nname: n\nunits:\n  - id: zhi-jian-zu\n    name: {zh: 质检组, en: Quality}\n    parent: a\n"
            "  - id: b2\n    name: 乙\n",
        ),
        (
            "id: x\nunits: []  # none yet\nname: n\n",
            "id: x\nunits:   # none yet\n  - id: zhi-jian-zu\n    name: {zh: 质检组, en: Quality}\n    parent: a\n"
            "  - id: b2\n    name: 乙\nname: n\n",
        ),
    ],
)
def test_units_merge_into_org_yaml_as_text(text: str, merged: str) -> None:
    assert merge_units(text, _UNITS, "zh", "specs/org.yaml") == merged


@pytest.mark.parametrize("text", ["id: x\nunits: {a: 1}\n", "id: x\nid: y\n", "- a\n"])
def test_org_yaml_that_cannot_take_units(text: str) -> None:
    with pytest.raises(MergeRefused):
        merge_units(text, _UNITS, "zh", "specs/org.yaml")


def test_crlf_org_yaml_keeps_crlf(tmp_path: Path) -> None:
    merged = merge_units("id: x\r\nname: n\r\nunits:\r\n  - id: a\r\n    name: A\r\n", _UNITS, "zh", "o.yaml")
    assert "\n" not in merged.replace("\r\n", "")


def test_the_docs_name_every_recognised_header() -> None:
    from orgc.roster.columns import ALIASES

    docs = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    for field, aliases in ALIASES.items():
        row = next(line for line in docs.splitlines() if line.startswith(f"| `{field}` |"))
        assert all(alias in row for alias in aliases), field


def test_fixture_rosters_are_byte_exact() -> None:
    assert (ROSTERS / "cs-utf8-bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (ROSTERS / "cs-gbk.csv").read_bytes().decode("gbk") == CS.read_bytes().decode("utf-8")
    assert b"\r\n" in CS.read_bytes()
