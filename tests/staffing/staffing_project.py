"""The project and the people rosters the staffing tests share.

The good tree, with a second team whose lead has the same title as the front line's
(班组长 / Team lead), and a closed position (质检专员, headcount 0).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers import copy_good, edit, write

ONLINE_UNIT = """  - id: cs-online
    name: {zh: 线上服务组, en: Online service}
    parent: cs-center
    head: online-lead
"""
ONLINE_LEAD = """id: online-lead
title: {zh: 班组长, en: Team lead}
unit: cs-online
reports_to: cs-supervisor
headcount: 2
purpose: {zh: 带领线上服务组, en: Leads the online team}
duties:
  - id: lead
    title: {zh: 带领线上服务组完成服务目标, en: Lead the online team to its targets}
    frequency: daily
waive:
  KPI002: 新设岗位, 考核指标待定
"""
QUALITY_OFFICER = """id: quality-officer
title: {zh: 质检专员, en: Quality officer}
unit: cs-center
reports_to: cs-supervisor
headcount: 0
purpose: {zh: 检查服务质量, en: Checks the quality of service}
duties:
  - id: check
    title: {zh: 抽检服务录音, en: Sample service calls}
    frequency: weekly
waive:
  KPI002: 岗位已撤销
"""

HEADER = ("工号", "姓名", "岗位", "部门", "折算")
# (number, name, position, unit, FTE): every case the report counts or lists, in the rows 2 to 12.
PEOPLE = (
    ("E01", "张伟", "客服主管", "", ""),  # 2: by the zh title
    ("E02", "王芳", "Customer service supervisor", "", "0.5"),  # 3: by the en title, half time
    ("E03", "李娜", "cs-supervisor", "", "1"),  # 4: by id; cs-supervisor is now 0.5 over its 2
    ("E04", "刘洋", "班组长", "一线服务组", ""),  # 5: a shared title, told apart by the unit
    ("E05", "陈静", "Team lead", "客服中心/Online service", ""),  # 6: the same in English, the unit as a path
    ("E06", "杨帆", "班组长", "", ""),  # 7: ambiguous
    ("E07", "赵磊", "质检专员", "", ""),  # 8: closed
    ("E08", "黄敏", "客服专员", "一线服务组", "50%"),  # 9
    ("E09", "周杰", "客服专员", "", "0.75"),  # 10
    ("E10", "吴静", "前台接待", "", ""),  # 11: unknown
    ("E11", "徐丽", "培训专员", "", "1.5"),  # 12: an FTE of more than one post
    ("", "", "", "", ""),  # 13: empty, skipped
    ("合计", "", "", "", "11"),  # 14: a total row, skipped
)
NAMES = tuple(name for _, name, *_ in PEOPLE if name and name != "合计")
NUMBERS = tuple(number for number, *_ in PEOPLE if number.startswith("E"))
# The people whose position cannot be counted as designed, by row.
PROBLEM_NAMES = {7: "杨帆", 8: "赵磊", 11: "吴静", 12: "徐丽"}


def staffing_project(dest: Path) -> Path:
    project = copy_good(dest)
    edit(project, "specs/org.yaml", "  - id: hr\n", ONLINE_UNIT + "  - id: hr\n")
    write(project, "specs/roles/online-lead.yaml", ONLINE_LEAD)
    write(project, "specs/roles/quality-officer.yaml", QUALITY_OFFICER)
    return project


def csv_text(rows: tuple[tuple[str, ...], ...] = PEOPLE, header: tuple[str, ...] = HEADER) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue()


def xlsx_roster(
    path: Path, rows: tuple[tuple[str, ...], ...] = PEOPLE, header: tuple[str, ...] = HEADER
) -> Path:
    """The roster as an HRIS would export it: a title row above the header, FTE as numbers."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "在岗人员"
    sheet.append(["2026年6月在岗人员花名册"])
    sheet.append(list(header))
    for row in rows:
        *text, fte = row
        sheet.append([*text, _number(fte)])
    book.save(path)
    return path


def _number(text: str) -> object:
    if not text or text.endswith("%"):
        return text or None
    return float(text)
