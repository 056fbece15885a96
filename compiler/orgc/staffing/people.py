"""Reading the people roster: one person a row, the position they hold, its unit and their FTE.

The file is read as ``orgc import`` reads a roster of roles (``roster/read.py``: CSV in UTF-8,
UTF-16 or GBK/GB18030, or an XLSX sheet); only the columns are this roster's own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..i18n import Message
from ..roster.cells import is_total_row
from ..roster.columns import HEADER_SEARCH_ROWS, header_key
from ..roster.read import RosterError, Row, Sheet, read_roster

# The columns of a people roster, and the headers recognised for each (as in roster/columns.py).
_ALIAS_TABLE = {
    "name": "姓名, 员工姓名, 员工, 人员, 人员姓名, name, employee, employee name, staff, person",
    "number": "工号, 员工编号, 员工号, 人员编号, 职工号, employee id, employee number, staff id, staff number",
    "position_id": "岗位编号, 岗位id, 岗位代码, 岗位标识, 职位编号, 职位代码, position id, position code, "
    "role id, job code, job id",
    "position": "岗位, 职位, 岗位名称, 职位名称, 职务, 职务名称, position, position title, job title, title, "
    "role, job",
    "unit": "部门, 所属部门, 部门名称, 单位, 所属单位, 机构, department, dept, unit, org unit, division",
    "fte": "折算, 折算人数, 折算系数, 折合人数, 工时比例, 投入比例, fte, full time equivalent",
}
_FIELDS = {
    header_key(alias.strip()): field for field, names in _ALIAS_TABLE.items() for alias in names.split(",")
}
_POSITION_FIELDS = ("position", "position_id")
MAX_FTE = Decimal(1)


@dataclass(frozen=True)
class Person:
    """One row of the roster; ``fte`` is None when its cell cannot be read as a share of one post."""

    row: int
    name: str  # the name and the employee number as written, for --names only
    position: str  # the title or id as written
    position_id: str
    unit: str
    fte: Decimal | None
    fte_text: str


@dataclass(frozen=True)
class People:
    people: tuple[Person, ...]
    read_as: Message


def read_people(path: Path, display: str | None = None) -> People:
    """The people of the roster at ``path``; a ``RosterError`` when it cannot be read or has no position column."""
    sheets = read_roster(path, display=display)
    for sheet in sheets:
        for row in sheet.rows[:HEADER_SEARCH_ROWS]:
            columns = _columns(row)
            if any(field in columns for field in _POSITION_FIELDS):
                return People(_people(sheet, row.number, columns), sheet.read_as)
    names = ("岗位", "岗位编号", "position")
    raise RosterError(
        Message("staffing.no-header", name=sheets[0].name, count=HEADER_SEARCH_ROWS, names=names)
    )


def _columns(row: Row) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        field = _FIELDS.get(header_key(cell)) if cell else None
        if field is not None:
            columns.setdefault(field, index)  # of two columns for one field, the first
    return columns


def _people(sheet: Sheet, header: int, columns: dict[str, int]) -> tuple[Person, ...]:
    def cell(row: Row, field: str) -> str:
        return row.cell(columns[field]) if field in columns else ""

    people = []
    for row in sheet.rows[header:]:
        if not any(row.cells):
            continue
        name = " ".join(part for part in (cell(row, "name"), cell(row, "number")) if part)
        if is_total_row(cell(row, "name") or cell(row, "number") or cell(row, "position")):
            continue
        fte_text = cell(row, "fte")
        people.append(
            Person(
                row.number,
                name,
                cell(row, "position"),
                cell(row, "position_id"),
                cell(row, "unit"),
                fte(fte_text),
                fte_text,
            )
        )
    return tuple(people)


def fte(text: str) -> Decimal | None:
    """An FTE cell: a share of one post, more than 0 and at most 1 (``0.5``, ``50%``); 1 when empty."""
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        return Decimal(1)
    percent = value.endswith("%")
    try:
        number = Decimal(value.removesuffix("%").strip())
    except InvalidOperation:
        return None
    if percent:
        number /= 100
    if not number.is_finite() or number <= 0 or number > MAX_FTE:
        return None
    return number.normalize()
