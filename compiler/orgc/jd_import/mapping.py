"""One JD's blocks as role data: each label and section to its field, every other text kept as unmapped."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..roster import cells
from ..roster.ids import is_id
from . import values
from .blocks import Block
from .sections import (
    header_label,
    header_pair,
    header_pairs,
    qualification_label,
    section_label,
    split_run_on,
)
from .split import RawJd, title_line

_BULLET = re.compile(r"^\s*[-–—•·▪●○◆]\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[①-⑳])\s*")
_SIGNOFF = re.compile(
    r"^[^。；;]{0,30}(?:签字|签名|签章|盖章)|^日期\s*[:：]|_{4,}|^(?:approved by|signature|date)\s*:", re.I
)
_DERIVED_COLUMNS = ("raci", "序号", "no.")


@dataclass
class Duty:
    title: str
    where: str
    tasks: list[str] = field(default_factory=list)
    frequency: str | None = None
    deliverables: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)  # KPI names as written


@dataclass
class Target:
    name: str
    target: str | None
    weight: str | None
    where: str
    period: str | None = None
    source: str = ""
    written: str = ""  # the text the target was read from


@dataclass
class Unmapped:
    where: str  # p12 / t2r3
    text: str


@dataclass
class Draft:
    """What one JD says, field by field, with where each field was read (``filled``)."""

    source: str  # the file as the user named it
    index: int  # the JD's number in its file, from 1
    title: str = ""
    unit: str = ""
    reports_to: str = ""
    dotted_to: str = ""
    headcount: int | None = None
    grade: str = ""
    family: str = ""
    purpose: list[str] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    education: str | None = None
    education_text: list[str] = field(default_factory=list)
    experience_years: int | None = None
    experience_in: str = ""
    majors: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    certifications: list[str] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    authority: list[tuple[str, str, str]] = field(default_factory=list)
    career: list[str] = field(default_factory=list)
    environment: list[str] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    signoff: list[Unmapped] = field(default_factory=list)
    filled: dict[str, list[str]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # where → its place in the file

    def in_file_order(self, items: list[Unmapped]) -> list[Unmapped]:
        return sorted(items, key=lambda u: self.order.get(u.where, -1))

    def fill(self, name: str, where: str) -> None:
        places = self.filled.setdefault(name, [])
        if where not in places:
            places.append(where)


_AUTHORITY_WORDS = (
    ("approve", ("审批", "批准", "核准", "approve")),
    ("decide", ("决定", "决策", "decide")),
    ("propose", ("建议", "提议", "提名", "propose", "recommend")),
    ("coordinate", ("协调", "coordinate")),
    ("escalate", ("上报", "escalate")),
)
_COMPETENCY_WORDS = (
    "能力",
    "意识",
    "精神",
    "素质",
    "品质",
    "态度",
    "抗压",
    "耐心",
    "ability",
    "communication",
    "team",
)
_CERTIFICATE_WORDS = ("证书", "资格证", "执业", "certif", "licen")
COLUMN_WORDS = {
    "duty": ("工作职责", "职责", "职责描述", "工作内容", "duty", "duties", "responsibility"),
    "tasks": ("工作任务", "任务", "tasks"),
    "frequency": ("频次", "工作频次", "频率", "frequency"),
    "deliverables": ("工作成果", "成果", "重大结果", "deliverables", "outputs"),
    "measures": ("衡量标准", "衡量指标", "考核标准", "measures"),
    "name": ("指标", "考核指标", "指标名称", "kpi", "indicator"),
    "target": ("目标", "目标值", "target"),
    "weight": ("权重", "weight"),
    "period": ("周期", "考核周期", "period"),
    "source": ("数据来源", "来源", "source"),
    "type": ("类型", "权限类型", "type"),
    "scope": ("范围", "权限范围", "内容", "scope"),
    "limit": ("限额", "额度", "limit"),
}


def _column(cell: str) -> str | None:
    folded = cell.strip().casefold()
    for name, words in COLUMN_WORDS.items():
        if folded in words:
            return name
    if folded in _DERIVED_COLUMNS:
        return "derived"
    return None


class _Reader:
    def __init__(self, jd: RawJd, source: str, index: int) -> None:
        self.jd = jd
        self.draft = Draft(source, index, title=jd.title)
        self.section: str | None = None
        self.columns: dict[int, str] | None = None
        self.table = 0
        self.intro: list[tuple[str, str]] = []
        self.title_kept = False

    def read(self) -> Draft:
        d = self.draft
        if self.jd.title_block is not None:
            d.fill("title", self.jd.title_block.where_code())
        for block in self.jd.carried:
            d.unmapped.append(Unmapped(block.where_code(), block.text))
        for block in self.jd.blocks:
            if block.table:
                self.row(block)
            else:
                for part in split_run_on(block.text):
                    self.paragraph(part, block)
        self.finish()
        blocks = [*self.jd.carried, *self.jd.blocks]
        if self.jd.title_block is not None:
            blocks.append(self.jd.title_block)
        d.order = {b.where_code(): b.order for b in blocks}
        d.unmapped = d.in_file_order(d.unmapped)
        return d

    # -- paragraphs ---------------------------------------------------------------------------

    def paragraph(self, text: str, block: Block) -> None:
        where = block.where_code()
        pairs = header_pairs(text)
        if pairs:
            for name, value, written in pairs:
                self.header(name, value, where, written)
            return
        label = section_label(text)
        if label and label[0] == "signoff":
            self.draft.signoff.append(Unmapped(where, text))
            return
        if label:
            self.section, self.columns = label[0], None
            if label[0] in ("other", "relations"):
                self.draft.unmapped.append(Unmapped(where, text))
            elif label[1]:
                self.content(label[1], where)
            return
        if not self.section and block.heading and not self.draft.title:
            found = title_line(text)
            self.draft.title = found[0] if found else text.strip()
            self.draft.fill("title", where)
            return
        if not self.section and block.heading and _same(text, self.draft.title):
            self.draft.fill("title", where)
            return
        self.content(text, where)

    def content(self, text: str, where: str) -> None:
        d, section = self.draft, self.section
        text = text.strip()
        if not text:
            return
        if _SIGNOFF.match(text):
            d.signoff.append(Unmapped(where, text))
        elif section is None:
            self.intro.append((where, text))
        elif section == "purpose":
            d.purpose.append(text)
            d.fill("purpose", where)
        elif section == "duties":
            self.duty_text(text, where)
        elif section == "kpis":
            for item in _clauses(text):  # 患者满意度不低于95%；基础护理合格率≥98%
                self.kpi_text(item, where)
        elif section == "qualifications":
            for item in cells.duty_items(text) or [text]:
                for clause in _clauses(item):  # 学历：本科；专业：护理学；经验：5年以上
                    self.qualification(clause, where)
        elif section == "authority":
            for item in cells.duty_items(text) or [text]:
                d.authority.append((_authority_type(item), item, ""))
                d.fill("authority", where)
        elif section == "environment":
            d.environment.append(text)
            d.fill("environment", where)
        elif section == "career":
            if not values.is_empty(text):
                d.career.append(text)
            d.fill("career", where)
        else:
            d.unmapped.append(Unmapped(where, text))

    def duty_text(self, text: str, where: str) -> None:
        d = self.draft
        if _BULLET.match(text) and d.duties:
            d.duties[-1].tasks.append(_BULLET.sub("", text).strip())
            return
        if not _NUMBERED.match(text) and text.rstrip().endswith((":", "：")):
            d.unmapped.append(Unmapped(where, text))  # 在…基础上,还需承担以下职责:
            return
        for item in cells.duty_items(text) or [text]:
            head, _, tail = _colon_split(item)
            duty = Duty(head.rstrip(":：").strip() or head, where, frequency=values.frequency(item))
            if tail:
                duty.tasks.append(tail)
            d.duties.append(duty)
            d.fill("duties", where)

    def kpi_text(self, written: str, where: str) -> None:
        text = unicodedata.normalize("NFKC", _NUMBERED.sub("", written))
        found = values.target(text)
        match = values.target_match(text)
        if found is None or match is None:
            self.draft.unmapped.append(Unmapped(where, written))
            return
        name = text.replace("≥", ">=").replace("≤", "<=")[: match.start()]
        name = re.sub(r"(目标值|目标|target)?\s*[:：,，]?\s*$", "", name.strip(), flags=re.I).strip()
        name = _NUMBERED.sub("", name).strip(" :：,，")
        if name.endswith(("为", "是")) and len(name) > 1 and not found.startswith(("<", ">", "=")):
            name, found = name[:-1], f"= {found}"  # 护理差错发生率为0: the rate is to be 0
        if not name:
            self.draft.unmapped.append(Unmapped(where, written))
            return
        self.draft.targets.append(Target(name, found, values.weight(text), where, written=written))
        self.draft.fill("kpis", where)

    def qualification(self, item: str, where: str) -> None:
        d = self.draft
        labelled = qualification_label(item)
        kind, _text = labelled if labelled and labelled[1] else (None, item)
        level = values.education(item)
        if (kind == "education" or (kind is None and level)) and level and d.education is None:
            years = values.years(item)
            if years is not None and d.experience_years is None:  # 本科及以上，3年以上经验
                d.experience_years, d.experience_in = years, item
                d.fill("experience", where)
            d.education = level
            d.education_text.append(item)
            d.fill("education", where)
            return
        years = values.years(item)
        if (kind == "experience" or kind is None) and years is not None and d.experience_years is None:
            d.experience_years, d.experience_in = years, item
            d.fill("experience", where)
            return
        if kind in ("majors", "certifications", "skills", "competencies"):
            getattr(d, kind).append(item)
            d.fill(kind, where)
            return
        lower = item.casefold()
        if any(w in lower for w in _CERTIFICATE_WORDS):
            kind = "certifications"
        elif ("专业" in item and len(item) <= 30) or "major" in lower:
            kind = "majors"
        elif any(w in lower for w in _COMPETENCY_WORDS):
            kind = "competencies"
        else:
            kind = "skills"
        getattr(d, kind).append(item)
        d.fill(kind, where)

    # -- table rows ---------------------------------------------------------------------------

    def row(self, block: Block) -> None:
        if block.table != self.table:
            self.table, self.columns = block.table, None
        cells_ = [c for c in block.cells]
        where = block.where_code()
        named = [_column(c) for c in cells_]
        if sum(1 for n in named if n) >= 2 and all(n or not c for n, c in zip(named, cells_, strict=True)):
            self.columns = {i: n for i, n in enumerate(named) if n}
            kinds = set(self.columns.values())
            if "target" in kinds or "weight" in kinds:
                self.section = "kpis"
            elif "type" in kinds and "scope" in kinds:
                self.section = "authority"
            elif kinds & {"duty", "frequency", "deliverables", "measures", "tasks"}:
                self.section = "duties"
            return
        if any(header_label(c) for c in cells_):
            self.header_row(cells_, where)
            return
        first = section_label(cells_[0], run_on=False) if cells_ else None
        if first and first[0] == "signoff":
            self.draft.signoff.append(Unmapped(where, block.text))
            return
        if first and (len(cells_) > 1 or not first[1]):
            self.section, self.columns = first[0], None
            rest = ([first[1]] if first[1] else []) + cells_[1:]
            if self.section == "relations" or self.section == "other":
                if rest:
                    self.draft.unmapped.append(Unmapped(where, block.text))
                return
            self.cells_in_section(rest, where, block)
            return
        if self.columns and self.section in ("duties", "kpis", "authority"):
            self.column_row(cells_, where)
            return
        self.cells_in_section(cells_, where, block)

    def cells_in_section(self, cells_: list[str], where: str, block: Block) -> None:
        if not cells_:
            return
        if self.section == "qualifications" and len(cells_) >= 2:
            sub = qualification_label(cells_[0])
            if sub and not sub[1]:
                for value in cells_[1:]:
                    for item in cells.list_items(value) if sub[0] != "education" else [value]:
                        self.sub_qualification(sub[0], item, where)
                return
        if self.section in (None, "relations", "other") or (
            self.section not in ("qualifications", "duties", "authority", "kpis") and len(cells_) > 1
        ):
            if self.section is None:
                self.intro.append((where, block.text))
            else:
                self.draft.unmapped.append(Unmapped(where, block.text))
            return
        if self.section == "duties" and len(cells_) > 1:
            self.duty_row(cells_, where)
            return
        for cell in cells_:
            for line in [x for x in cell.split("\n") if x.strip()] if self.section != "purpose" else [cell]:
                self.content(line, where)

    def duty_row(self, cells_: list[str], where: str) -> None:
        """A row of a duties table without a header row: 序号 | 职责 | 频次 | …"""
        texts = [c for c in cells_ if c and not re.fullmatch(r"\d{1,3}[.．、]?", c.strip())]
        if not texts:
            return
        duty = Duty(_NUMBERED.sub("", texts[0].split("\n")[0]).strip(), where)
        duty.tasks += [_BULLET.sub("", x).strip() for x in texts[0].split("\n")[1:] if x.strip()]
        for cell in texts[1:]:
            found = values.frequency(cell) if len(cell) <= 8 else None
            if found and duty.frequency is None:
                duty.frequency = found
            else:
                duty.tasks.append(cell)
        self.draft.duties.append(duty)
        self.draft.fill("duties", where)

    def sub_qualification(self, kind: str, item: str, where: str) -> None:
        d = self.draft
        if kind == "education":
            level = values.education(item)
            if level and d.education is None:
                d.education = level
                d.education_text.append(item)
                d.fill("education", where)
            else:
                d.unmapped.append(Unmapped(where, item))
        elif kind == "experience":
            years = values.years(item)
            if years is not None and d.experience_years is None:
                d.experience_years, d.experience_in = years, item
                d.fill("experience", where)
            else:
                d.skills.append(item)
                d.fill("skills", where)
        else:
            getattr(d, kind).append(item)
            d.fill(kind, where)

    def header_row(self, cells_: list[str], where: str) -> None:
        i = 0
        while i < len(cells_):
            name = header_label(cells_[i])
            if name and i + 1 < len(cells_) and not header_label(cells_[i + 1]):
                self.header(name, cells_[i + 1], where, f"{cells_[i]}: {cells_[i + 1]}")
                i += 2
                continue
            if name and (i + 1 == len(cells_) or header_label(cells_[i + 1])):
                i += 1  # a label with an empty value
                continue
            pair = header_pair(cells_[i])
            if pair:
                self.header(pair[0], pair[1], where, cells_[i])
            elif cells_[i] and not (i and cells_[i] == cells_[i - 1]):
                self.draft.unmapped.append(Unmapped(where, cells_[i]))
            i += 1

    def header(self, name: str, value: str, where: str, written: str) -> None:
        d = self.draft
        value = value.strip()
        if values.is_empty(value) and name in ("reports_to", "dotted_to", "subordinates", "code", "grade"):
            return
        if name == "title":
            found = title_line(value)
            title = found[0] if found else value
            line = self.jd.title_block
            if line is not None and d.title and not _same(title, d.title) and not self.title_kept:
                d.unmapped.append(Unmapped(line.where_code(), line.text))  # the title line said otherwise
                self.title_kept = True
            d.title = title
        elif name == "unit":
            d.unit = value
        elif name == "reports_to":
            d.reports_to = value
        elif name == "dotted_to":
            d.dotted_to = value
        elif name == "headcount" and values.headcount(value) is not None:
            d.headcount = values.headcount(value)
            if not re.fullmatch(r"\d+\s*(人|名|个|位|人员)?", value):
                d.unmapped.append(Unmapped(where, written))
        elif name == "grade":
            d.grade = value
        elif name == "family" and is_id(value):
            d.family = value
        else:
            d.unmapped.append(Unmapped(where, written))
            return
        d.fill(name, where)

    def column_row(self, cells_: list[str], where: str) -> None:
        d, columns = self.draft, self.columns or {}
        got = {columns[i]: cells_[i] for i in columns if i < len(cells_) and not values.is_empty(cells_[i])}
        extra = [c for i, c in enumerate(cells_) if i not in columns and c]
        if self.section == "duties":
            text = got.get("duty") or got.get("tasks") or ""
            if not text:
                d.unmapped.append(Unmapped(where, " | ".join(cells_)))
                return
            lines = [x.strip() for x in text.split("\n") if x.strip()]
            head = _NUMBERED.sub("", lines[0]).strip()
            duty = Duty(head, where)
            for line in lines[1:]:
                if _BULLET.match(line):
                    duty.tasks.append(_BULLET.sub("", line).strip())
                else:
                    d.unmapped.append(Unmapped(where, line))
            if "tasks" in got and "duty" in got:
                duty.tasks += [t for t in (x.strip() for x in got["tasks"].split("\n")) if t]
            if "frequency" in got:
                duty.frequency = values.frequency(got["frequency"])
                if duty.frequency is None:
                    d.unmapped.append(Unmapped(where, got["frequency"]))
            if "deliverables" in got:
                duty.deliverables = [x.strip() for x in got["deliverables"].split("\n") if x.strip()]
            if "measures" in got:
                duty.measures = [x.strip() for x in got["measures"].split("\n") if x.strip()]
            d.duties.append(duty)
            d.fill("duties", where)
        elif self.section == "kpis":
            name = got.get("name", "")
            found = values.target(got.get("target", "")) if got.get("target") else None
            if not name or found is None:
                d.unmapped.append(Unmapped(where, " | ".join(cells_)))
                return
            weight = values.bare_weight(got["weight"]) if "weight" in got else None
            if "weight" in got and weight is None:
                d.unmapped.append(Unmapped(where, got["weight"]))
            period = values.frequency(got.get("period", "")) if got.get("period") else None
            d.targets.append(
                Target(name, found, weight, where, period, got.get("source", ""), got.get("target", ""))
            )
            d.fill("kpis", where)
        else:
            scope = got.get("scope", "")
            if not scope:
                d.unmapped.append(Unmapped(where, " | ".join(cells_)))
                return
            kind = _authority_type(got.get("type", "") + scope)
            d.authority.append((kind, scope, got.get("limit", "")))
            d.fill("authority", where)
        for cell in extra:
            d.unmapped.append(Unmapped(where, cell))

    # -- the end ------------------------------------------------------------------------------

    def finish(self) -> None:
        d = self.draft
        intro = self.intro
        if intro and not d.purpose:
            where, text = intro[0]
            if "|" not in text:
                d.purpose.append(text)
                d.fill("purpose", where)
                intro = intro[1:]
        d.unmapped += [Unmapped(where, text) for where, text in intro]


def _colon_split(item: str) -> tuple[str, str, str]:
    match = re.search(r"[:：]", item)
    if match and 0 < match.start() <= 30 and item[match.end() :].strip():
        return item[: match.start()].strip(), ":", item[match.end() :].strip()
    return item, "", ""


def _authority_type(text: str) -> str:
    lower = text.casefold()
    for kind, words in _AUTHORITY_WORDS:
        if any(w in lower for w in words):
            return kind
    return "handle"


def _same(a: str, b: str) -> bool:
    return bool(b) and "".join(a.split()).casefold() == "".join(b.split()).casefold()


def read_jd(jd: RawJd, source: str, index: int) -> Draft:
    """The role data of one JD of ``source``."""
    return _Reader(jd, source, index).read()


def _clauses(text: str) -> list[str]:
    """A line's clauses, where it holds several separated by ； (or ;)."""
    return [clause.strip() for clause in re.split(r"[；;]", text) if clause.strip()] or [text]
