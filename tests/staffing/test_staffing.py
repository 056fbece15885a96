"""`orgc staffing PEOPLE`: the designed headcount against the people roster, in every format and both languages."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from staffing_project import (
    NAMES,
    NUMBERS,
    PEOPLE,
    PROBLEM_NAMES,
    csv_text,
    staffing_project,
    xlsx_roster,
)

from helpers import ROOT, run_check, run_cli, write
from orgc.staffing.people import fte

SCHEMA = json.loads((ROOT / "schema" / "staffing.schema.json").read_text(encoding="utf-8"))

# (headcount, in post, vacant, over) of every position and unit of the roster PEOPLE.
POSITIONS = {
    "cs-agent": (40, 1.25, 38.75, 0),
    "cs-director": (1, 0, 1, 0),
    "cs-supervisor": (2, 2.5, 0, 0.5),
    "cs-team-lead": (4, 1, 3, 0),
    "cs-trainer": (1, 0, 1, 0),
    "online-lead": (2, 1, 1, 0),
    "quality-officer": (0, 1, 0, 1),
}
UNITS = {
    "cs-center": (50, 6.75, 44.75, 1.5),  # with its two teams
    "cs-frontline": (44, 2.25, 41.75, 0),
    "cs-online": (2, 1, 1, 0),
    "hr": (0, 0, 0, 0),
}
# by kind (unknown, ambiguous, closed, fte), then by row
PROBLEMS = [
    (11, "unknown", "前台接待", None, []),
    (7, "ambiguous", "班组长", None, ["cs-team-lead", "online-lead"]),
    (8, "closed", "质检专员", "quality-officer", []),
    (12, "fte", "培训专员", None, []),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return staffing_project(tmp_path_factory.mktemp("staffing") / "project")


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("hris"), "people.csv", csv_text())


def staffing_json(project: Path, roster: Path, *options: str) -> dict[str, Any]:
    result = run_cli("staffing", roster, "--path", project, "--format", "json", *options)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def counts(entry: dict[str, Any]) -> tuple[float, ...]:
    return (entry["headcount"], entry["filled"], entry["vacant"], entry["over"])


def test_the_project_checks_clean(project: Path) -> None:
    report = run_check(project)
    assert report.exit_code == 0, report.codes


def test_counts_per_position_and_unit(project: Path, roster: Path) -> None:
    data = staffing_json(project, roster)
    assert {p["id"]: counts(p) for p in data["positions"]} == POSITIONS
    assert {u["id"]: counts(u) for u in data["units"]} == UNITS
    assert [(u["id"], u["depth"]) for u in data["units"]] == [
        ("cs-center", 0),
        ("cs-frontline", 1),
        ("cs-online", 1),
        ("hr", 0),
    ]
    assert counts(data["total"]) == (50, 6.75, 44.75, 1.5)
    assert data["people"] == {"rows": 11, "placed": 7, "problems": 4}
    found = [(p["row"], p["problem"], p["position"], p["role"], p["candidates"]) for p in data["problems"]]
    assert found == PROBLEMS
    vacant_bosses = {p["id"]: p["supervisor_vacant"] for p in data["positions"] if p["supervisor_vacant"]}
    assert vacant_bosses == {"cs-supervisor": "cs-director"}  # nobody holds the director's post


def test_the_json_validates_against_its_schema(project: Path, roster: Path) -> None:
    Draft202012Validator.check_schema(SCHEMA)
    for names in ((), ("--names",)):
        Draft202012Validator(SCHEMA).validate(staffing_json(project, roster, *names))
    broken = staffing_json(project, roster)
    broken["positions"][0]["people"] = ["张伟"]
    assert not Draft202012Validator(SCHEMA).is_valid(broken)


def test_a_gbk_csv_counts_the_same(project: Path, roster: Path, tmp_path: Path) -> None:
    gbk = write(tmp_path, "people-gbk.csv", csv_text().encode("gbk"))
    assert staffing_json(project, gbk) == staffing_json(project, roster)


def test_an_xlsx_roster_counts_the_same(project: Path, roster: Path, tmp_path: Path) -> None:
    from_csv = staffing_json(project, roster)
    from_xlsx = staffing_json(project, xlsx_roster(tmp_path / "people.xlsx"))
    for key in ("positions", "units", "total", "people"):
        assert from_xlsx[key] == from_csv[key]
    # the sheet has a title row above the header: every row is one further down
    assert [p["row"] for p in from_xlsx["problems"]] == [p["row"] + 1 for p in from_csv["problems"]]


def test_english_headers_and_a_position_id_column(project: Path, tmp_path: Path) -> None:
    header = ("Employee", "Position ID", "Job title", "Department", "FTE")
    rows = (
        ("Ann", "cs-trainer", "", "", "0.2"),
        ("Bob", "", "Trainer", "", ""),
        ("Cy", "no-such-role", "Team lead", "Front line", ""),  # an unknown id: the title places her
        ("Di", "no-such-role", "", "", ""),
        ("Ed", "", "", "Front line", ""),
    )
    roster = write(tmp_path, "people.csv", csv_text(rows, header))
    data = staffing_json(project, roster)
    positions = {p["id"]: counts(p) for p in data["positions"]}
    assert positions["cs-trainer"] == (1, 1.2, 0, 0.2)
    assert positions["cs-team-lead"] == (4, 1, 3, 0)
    problems = [(p["row"], p["problem"], p["position"], p["message"]) for p in data["problems"]]
    assert problems == [
        (5, "unknown", "no-such-role", "第 5 行：没有岗位“no-such-role”。"),
        (6, "unknown", "", "第 6 行：没有填写岗位"),
    ]


def test_a_clean_roster_passes_strict(project: Path, tmp_path: Path) -> None:
    rows = (("E01", "张伟", "客服总监", "", ""), ("E02", "王芳", "客服主管", "", "0.5"))
    roster = write(tmp_path, "people.csv", csv_text(rows))
    result = run_cli("staffing", roster, "--path", project, "--strict", "--messages", "en")
    assert result.exit_code == 0, result.output
    assert "Every person's position is matched." in result.stdout


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        (PEOPLE, 1),  # over establishment and unplaced people
        ((("E01", "", "客服主管", "", "1"),) * 3, 1),  # over establishment alone
        ((("E01", "", "前台接待", "", ""),), 1),  # an unknown position alone
        ((("E01", "", "班组长", "", ""),), 1),  # an ambiguous position alone
        ((("E01", "", "客服主管", "", "1"),) * 2, 0),  # full, not over
    ],
)
def test_strict_exits_1_on_over_establishment_or_unplaced_people(
    project: Path, tmp_path: Path, rows: tuple[tuple[str, ...], ...], code: int
) -> None:
    roster = write(tmp_path, "people.csv", csv_text(rows))
    assert run_cli("staffing", roster, "--path", project).exit_code == 0
    assert run_cli("staffing", roster, "--path", project, "--strict").exit_code == code


def test_no_names_leave_without_names_option(project: Path, roster: Path, tmp_path: Path) -> None:
    for fmt in ("text", "markdown", "json"):
        out = run_cli("staffing", roster, "--path", project, "--format", fmt, "--strict").output
        assert not [name for name in (*NAMES, *NUMBERS) if name in out], fmt
    sheet = tmp_path / "report.xlsx"
    run_cli("staffing", roster, "--path", project, "--format", "xlsx", "--output", sheet)
    cells = " ".join(str(v) for row in load_workbook(sheet).active.iter_rows(values_only=True) for v in row)
    assert not [name for name in (*NAMES, *NUMBERS) if name in cells]


def test_names_name_only_the_people_not_placed(project: Path, roster: Path) -> None:
    data = staffing_json(project, roster, "--names")
    assert {p["row"]: p["name"] for p in data["problems"]} == {
        row: f"{name} E{row - 1:02d}" for row, name in PROBLEM_NAMES.items()
    }
    out = run_cli("staffing", roster, "--path", project, "--names").stdout
    placed = set(NAMES) - set(PROBLEM_NAMES.values())
    assert all(name in out for name in PROBLEM_NAMES.values())
    assert not [name for name in placed if name in out]


ZH_TEXT = """\
定岗定编与在岗人员：某公司客服中心
人员名单共 11 行：7 人对应到设计的岗位，4 行需要查看。

部门（含下级部门）
部门                         编制  在岗   空编  超编
客服中心 (cs-center)           50  6.75  44.75   1.5
  一线服务组 (cs-frontline)    44  2.25  41.75     0
  线上服务组 (cs-online)        2     1      1     0
人力资源部 (hr)                 0     0      0     0
合计                           50  6.75  44.75   1.5

岗位
岗位                        部门                       编制  在岗   空编  超编
客服专员 (cs-agent)         一线服务组 (cs-frontline)    40  1.25  38.75     0
客服总监 (cs-director)      客服中心 (cs-center)          1     0      1     0
客服主管 (cs-supervisor)    客服中心 (cs-center)          2   2.5      0   0.5
班组长 (cs-team-lead)       一线服务组 (cs-frontline)     4     1      3     0
培训专员 (cs-trainer)       客服中心 (cs-center)          1     0      1     0
班组长 (online-lead)        线上服务组 (cs-online)        2     1      1     0
质检专员 (quality-officer)  客服中心 (cs-center)          0     1      0     1

直接上级岗位全部空缺的岗位
  客服主管 (cs-supervisor) → 客服总监 (cs-director)

岗位无法对应的人员
  第 11 行：没有岗位“前台接待”。
  第 7 行：“班组长”是 班组长 (cs-team-lead)、班组长 (online-lead) 的名称；请写岗位编号，或能区分它们的部门
  第 8 行：质检专员 (quality-officer) 的编制为 0，不应有人在岗
  第 12 行：折算“1.5”不是一个岗位的份额（大于 0，至多为 1）
"""


def test_the_text_report_in_chinese(project: Path, roster: Path) -> None:
    result = run_cli("staffing", roster, "--path", project)
    assert result.exit_code == 0
    assert result.stdout == ZH_TEXT


def test_the_text_report_in_english(project: Path, roster: Path) -> None:
    out = run_cli("staffing", roster, "--path", project, "--messages", "en").stdout
    lines = out.splitlines()
    assert lines[:2] == [
        "Staffing against the design: Acme customer service",
        "11 people in the roster: 7 in a designed position, 4 to look at.",
    ]
    assert "Unit                                 Headcount  In post  Vacant  Over" in lines
    assert "Customer service center (cs-center)         50     6.75   44.75   1.5" in lines
    assert "  Customer service supervisor (cs-supervisor) → Customer service director (cs-director)" in lines
    assert "  row 11: no position '前台接待'." in lines
    assert (
        "  row 7: '班组长' is the title of Team lead (cs-team-lead), Team lead (online-lead); "
        "give the position id or a unit that tells them apart" in lines
    )
    assert "  row 8: Quality officer (quality-officer) has a headcount of 0: nobody is to hold it" in lines
    assert not any("\u4e00" <= c <= "\u9fff" for c in out.replace("前台接待", "").replace("班组长", ""))


def test_an_unknown_position_is_given_the_closest_titles(project: Path, tmp_path: Path) -> None:
    roster = write(tmp_path, "people.csv", csv_text((("E01", "", "客服主官", "", ""),)))
    out = run_cli("staffing", roster, "--path", project, "--messages", "en").stdout
    assert (
        "  row 2: no position '客服主官'. Did you mean \"Customer service supervisor\" (cs-supervisor)" in out
    )


def test_markdown_for_a_pull_request(project: Path, roster: Path) -> None:
    out = run_cli("staffing", roster, "--path", project, "--format", "markdown").stdout
    lines = out.splitlines()
    assert lines[0] == "## 定岗定编与在岗人员：某公司客服中心"
    assert "| 部门 | 编制 | 在岗 | 空编 | 超编 |" in lines
    assert "| --- | ---: | ---: | ---: | ---: |" in lines
    assert "| **合计** | **50** | **6.75** | **44.75** | **1.5** |" in lines
    assert "| 客服主管 (cs-supervisor) | 客服中心 (cs-center) | 2 | 2.5 | 0 | 0.5 |" in lines
    assert "- 第 8 行：质检专员 (quality-officer) 的编制为 0，不应有人在岗" in lines


def test_the_xlsx_report_reads_back(project: Path, roster: Path, tmp_path: Path) -> None:
    sheet_file = tmp_path / "staffing.xlsx"
    result = run_cli("staffing", roster, "--path", project, "--format", "xlsx", "--output", sheet_file)
    assert result.exit_code == 0
    assert result.stdout == f"已写入 {sheet_file}\n"
    sheet = load_workbook(sheet_file).active
    assert sheet.title == "定岗定编"
    rows = [tuple(v or "" for v in row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("类型", "编号/行", "名称", "部门", "说明", "编制", "在岗", "空编", "超编")
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["cs-center"] == ("部门", "cs-center", "客服中心", "", "", "50", "6.75", "44.75", "1.5")
    assert by_id["cs-online"][:4] == ("部门", "cs-online", "线上服务组", "客服中心")
    assert by_id["cs-supervisor"] == (
        "岗位", "cs-supervisor", "客服主管", "客服中心", "直接上级 客服总监 (cs-director) 无人在岗", "2", "2.5", "0", "0.5"
    )  # fmt: skip
    assert ("合计", "", "", "", "", "50", "6.75", "44.75", "1.5") in rows
    assert by_id["8"][:4] == ("未对应", "8", "质检专员", "")
    again = tmp_path / "again.xlsx"
    run_cli("staffing", roster, "--path", project, "--format", "xlsx", "--output", again)
    assert again.read_bytes() == sheet_file.read_bytes()  # one roster, one file


def test_the_report_can_be_written_to_a_file(project: Path, roster: Path, tmp_path: Path) -> None:
    report = tmp_path / "staffing.md"
    result = run_cli("staffing", roster, "--path", project, "--format", "markdown", "--output", report)
    assert result.exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("## 定岗定编与在岗人员")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("missing.csv",), "missing.csv：文件不存在"),
        (("people.csv", "--format", "xlsx"), "--format xlsx 写出的是工作簿"),
        (("no-header.csv",), "找不到表头：前 20 行中没有岗位列（岗位、岗位编号、position）"),
        (("people.csv", "--output", "people.csv"), "是人员名单：报告会把它覆盖"),
    ],
)
def test_unreadable_input_exits_2(project: Path, tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    write(tmp_path, "people.csv", csv_text())
    write(tmp_path, "no-header.csv", "工号,姓名\nE01,张伟\n")
    given = [str(tmp_path / args[0]), *args[1:]]
    if "--output" in given:
        given[-1] = str(tmp_path / given[-1])
    result = run_cli("staffing", *given, "--path", project)
    assert result.exit_code == 2
    assert said in result.stderr
    assert (tmp_path / "people.csv").read_bytes() == csv_text().encode("utf-8")


def test_a_folder_that_is_not_a_project_exits_2(roster: Path, tmp_path: Path) -> None:
    result = run_cli("staffing", roster, "--path", tmp_path)
    assert result.exit_code == 2
    assert "orgc.yaml" in result.stderr


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("", Decimal(1)),
        ("0.5", Decimal("0.5")),
        ("５０％", Decimal("0.5")),
        ("1", Decimal(1)),
        ("0.25 ", Decimal("0.25")),
    ],
)
def test_an_fte_cell_is_a_share_of_one_post(cell: str, value: Decimal) -> None:
    assert fte(cell) == value


@pytest.mark.parametrize("cell", ["0", "-0.5", "1.5", "120%", "half", "nan", "inf"])
def test_an_fte_cell_that_is_not_a_share_is_refused(cell: str) -> None:
    assert fte(cell) is None


def test_a_usage_error_is_said_in_the_projects_language(project: Path, roster: Path) -> None:
    result = run_cli("staffing", roster, "--path", project, "--format", "pdf")
    assert result.exit_code == 2
    assert "错误：'--format' 的值无效" in result.stderr


def test_a_department_above_the_team_tells_titles_apart(tmp_path: Path) -> None:
    project = staffing_project(tmp_path / "project")
    write(project, "specs/roles/hr-agent.yaml", HR_AGENT)
    rows = (
        ("E01", "", "客服专员", "客服中心", ""),  # cs-agent is in 一线服务组, below 客服中心
        ("E02", "", "客服专员", "hr", ""),
        ("E03", "", "班组长", "客服中心", ""),  # both 班组长 are below 客服中心
    )
    data = staffing_json(project, write(tmp_path, "people.csv", csv_text(rows)))
    filled = {p["id"]: p["filled"] for p in data["positions"]}
    assert (filled["cs-agent"], filled["hr-agent"]) == (1, 1)
    assert [(p["row"], p["problem"]) for p in data["problems"]] == [(4, "ambiguous")]


HR_AGENT = """id: hr-agent
title: {zh: 客服专员, en: Customer service agent}
unit: hr
headcount: 1
purpose: {zh: 解答员工的人事问题, en: Answers staff's HR questions}
duties:
  - id: answer
    title: {zh: 解答人事问题, en: Answer HR questions}
    frequency: daily
"""
