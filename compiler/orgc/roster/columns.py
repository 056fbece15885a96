"""Recognising a roster's header row: Chinese or English column names, or ``--map COLUMN=FIELD``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..i18n import Message, verbatim
from . import ImportProblem
from .read import Row, Sheet

# The fields a column can give, and the header names recognised for each (compared after
# normalising: case, width, spaces, punctuation and a bracketed unit such as "（人）" ignored).
_ALIAS_TABLE = {
    "id": "id, role id, position id, 岗位id, 岗位标识",
    "title": "岗位名称, 职位名称, 岗位, 职位, 岗位名, 职位名, 职务, 职务名称, 名称, title, job title, role, "
    "role title, role name, position, position title, position name, job name",
    "unit": "部门, 所属部门, 部门名称, 一级部门, 单位, 所属单位, 机构, department, dept, unit, org unit, division",
    "team": "班组, 小组, 科室, 组别, 二级部门, 团队, 所属班组, 所属科室, team, sub unit, section, group",
    "reports_to": "直接上级, 上级, 上级岗位, 直接上级岗位, 直属上级, 汇报对象, 汇报上级, 汇报给, reports to, "
    "supervisor, manager, line manager",
    "dotted_to": "虚线上级, 虚线汇报, 虚线汇报对象, dotted to, dotted line, matrix manager",
    "escalates_to": "上报对象, 升级对象, escalates to, escalation",
    "headcount": "定员, 编制, 定编, 编制人数, 定员人数, 人数, 岗位人数, 编制数, headcount, head count, positions, fte",
    "grade": "职级, 职位级别, 岗位级别, 级别, 职等, 岗级, grade, level, band, job grade",
    "family": "职族, 职系, 岗位序列, 序列, 职类, 岗位类别, family, job family",
    "purpose": "工作目的, 岗位目的, 岗位概述, 岗位使命, 职位概要, 岗位设置目的, purpose, job purpose, summary, "
    "job summary",
    "duties": "岗位职责, 工作职责, 职责, 主要职责, 工作内容, 职责描述, duties, responsibilities, "
    "key responsibilities, job duties",
    "education": "学历, 学历要求, 最低学历, education",
    "majors": "专业, 专业要求, major, majors",
    "skills": "技能, 技能要求, 知识技能, skills",
    "certifications": "证书, 资格证书, 职业资格, certifications, certificates",
    "environment": "工作环境, environment, work environment",
}
ALIASES: dict[str, tuple[str, ...]] = {
    field: tuple(name.strip() for name in names.split(",")) for field, names in _ALIAS_TABLE.items()
}

# Fields whose cells are text in a language: a column may carry a language marker
# ("岗位名称（英文）", "Title (EN)", "title_en") to give the text in another language.
TEXT_FIELDS = frozenset(
    ("title", "unit", "team", "purpose", "duties", "majors", "skills", "certifications", "environment")
)
LANGUAGES = ("zh", "en")
REQUIRED = ("title", "unit")
IGNORE = "ignore"
HEADER_SEARCH_ROWS = 20

_LANG_MARKERS = {
    "en": re.compile(r"英文|english|[\s_\-(（](en)[)）]?$"),
    "zh": re.compile(r"中文|chinese|[\s_\-(（](zh|cn)[)）]?$"),
}
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")


class MapError(ImportProblem):
    """A ``--map`` option that cannot be used (exit code 2)."""


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    header: str  # as written
    field: str
    lang: str | None  # None: the roster's language


@dataclass(frozen=True)
class Header:
    row: int
    columns: tuple[Column, ...]
    ignored: tuple[str, ...]  # headers of columns that give no field

    def of(self, field: str, lang: str | None = None) -> Column | None:
        for column in self.columns:
            if column.field == field and column.lang == lang:
                return column
        return None


@dataclass(frozen=True)
class HeaderProblem:
    row: int
    message: Message


def parse_maps(options: Sequence[str]) -> dict[str, tuple[str, str | None]]:
    """``--map COLUMN=FIELD`` options as {normalised header: (field, language)}."""
    maps: dict[str, tuple[str, str | None]] = {}
    for option in options:
        column, sep, target = option.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise MapError(Message("import.map-form", option=option))
        maps[normalise(column)] = field_of(target.strip(), option)
    return maps


def field_of(target: str, option: str) -> tuple[str, str | None]:
    name = target.lower().replace("-", "_")
    if name == IGNORE:
        return IGNORE, None
    if name in ALIASES:
        return name, None
    base, _, lang = name.rpartition("_")
    if base in TEXT_FIELDS and lang in LANGUAGES:
        return base, lang
    known = verbatim(", ".join([*ALIASES, IGNORE]))
    raise MapError(Message("import.map-field", option=option, target=target, fields=known))


def normalise(header: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", header).casefold().split())


def recognise(header: str) -> tuple[str, str | None] | None:
    """The field (and language) a header names, or None."""
    text = normalise(header).rstrip("*").strip()
    lang = None
    for code, marker in _LANG_MARKERS.items():
        found = marker.search(text)
        if found:
            lang = code
            text = text[: found.start()] + text[found.end() :]
            break
    key = _key(_BRACKETED.sub(" ", text)) or _key(text)
    field = _BY_KEY.get(key)
    if field is None:
        return None
    if lang is not None and field not in TEXT_FIELDS:
        return None
    return field, lang


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text.replace("_", " "))


_BY_KEY = {_key(alias): field for field, aliases in ALIASES.items() for alias in aliases}


def find_header(
    sheets: Sequence[Sheet], maps: Mapping[str, tuple[str, str | None]], lang: str
) -> tuple[Sheet, Header | None, tuple[HeaderProblem, ...]]:
    """The first sheet with a header row, that row's columns, and what is wrong with them."""
    for sheet in sheets:
        for row in sheet.rows[:HEADER_SEARCH_ROWS]:
            if _is_header(row, maps, lang):
                return (sheet, *_columns(row, maps, lang))
    names = tuple(_names("title"))
    if len(sheets) > 1:
        problem = HeaderProblem(1, Message("import.no-header-in-sheets", names=names))
    else:
        problem = HeaderProblem(1, Message("import.no-header", count=HEADER_SEARCH_ROWS, names=names))
    first = sheets[0]
    return first, None, (problem,)


def _is_header(row: Row, maps: Mapping[str, tuple[str, str | None]], lang: str) -> bool:
    for cell in row.cells:
        found = maps.get(normalise(cell)) or recognise(cell)
        if found and found[0] == "title" and found[1] in (None, lang):
            return True
    return False


def _columns(
    row: Row, maps: Mapping[str, tuple[str, str | None]], lang: str
) -> tuple[Header, tuple[HeaderProblem, ...]]:
    problems: list[HeaderProblem] = []
    unused = set(maps)
    columns: list[Column] = []
    ignored: list[str] = []
    for index, header in enumerate(row.cells):
        if not header:
            continue
        key = normalise(header)
        unused.discard(key)
        found = maps.get(key) or recognise(header)
        if found is None or found[0] == IGNORE:
            ignored.append(header)
            continue
        field, column_lang = found
        columns.append(Column(index, header, field, None if column_lang == lang else column_lang))
    if unused:
        present = tuple(c for c in row.cells if c)
        missing = tuple(sorted(unused))
        raise MapError(Message("import.map-no-column", row=row.number, missing=missing, columns=present))
    seen: dict[tuple[str, str | None], Column] = {}
    for column in columns:
        first = seen.setdefault((column.field, column.lang), column)
        if first is not column:
            problems.append(
                HeaderProblem(
                    row.number,
                    Message(
                        "import.two-columns", first=first.header, second=column.header, field=column.field
                    ),
                )
            )
    for field in REQUIRED:
        if (field, None) not in seen:
            problems.append(
                HeaderProblem(
                    row.number, Message("import.no-column", field=field, names=tuple(_names(field)))
                )
            )
    header = Header(row.number, tuple(columns), tuple(ignored))
    return header, tuple(problems)


def _names(field: str) -> list[str]:
    aliases = ALIASES[field]
    chinese = [a for a in aliases if not a.isascii()][:2]
    return [*chinese, *[a for a in aliases if a.isascii()][:1]]


def header_key(header: str) -> str:
    """What a header is recognised by (case, width, spaces, punctuation and a bracketed unit ignored),
    for readers of other tables that keep their own names for their columns."""
    text = normalise(header).rstrip("*").strip()
    return _key(_BRACKETED.sub(" ", text)) or _key(text)
