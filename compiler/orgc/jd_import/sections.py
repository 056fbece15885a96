"""The labels and headings of a JD, in Chinese and English, and the fields they stand for."""

from __future__ import annotations

import re
import unicodedata

# Label cells of a table-form JD: the value is the next cell (or the text after a colon).
HEADER_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("职位名称", "岗位名称", "职务名称", "job title", "position title", "position"),
    "unit": ("所属部门", "所在部门", "部门名称", "部门", "department", "division"),
    "reports_to": ("直接上级", "直接上司", "汇报对象", "reports to", "supervisor"),
    "dotted_to": ("虚线上级",),
    "subordinates": ("直接下级", "直接下属", "supervises", "direct reports"),
    "headcount": ("定员", "定编", "编制人数", "编制", "人数", "headcount"),
    "grade": ("职位级别", "岗位级别", "岗位等级", "职级", "职等", "grade", "level"),
    "code": ("职位编号", "职位编码", "岗位编号", "岗位编码", "job code"),
    "category": ("职位分类", "岗位分类"),
    "family": ("职族",),
}

# Headings (or a row's first cell) that open a section of the JD.
SECTION_LABELS: dict[str, tuple[str, ...]] = {
    "basics": (
        "职位基本资料",
        "岗位基本资料",
        "职位基本信息",
        "岗位基本信息",
        "基本资料",
        "基本信息",
        "position information",
        "job information",
    ),
    "purpose": (
        "职位目的",
        "岗位目的",
        "工作目的",
        "岗位概述",
        "职位概述",
        "职务概述",
        "岗位概要",
        "工作概述",
        "岗位背景",
        "岗位简介",
        "简介",
        "工作目标",
        "job summary",
        "position summary",
        "summary",
        "purpose",
    ),
    "duties": (
        "工作职责",
        "岗位职责",
        "主要职责",
        "职责和职能",
        "职责与职能",
        "工作内容",
        "职责",
        "essential duties and responsibilities",
        "duties and responsibilities",
        "key responsibilities",
        "responsibilities",
        "duties",
    ),
    "kpis": (
        "考核指标",
        "绩效指标",
        "关键绩效指标",
        "绩效考核",
        "key performance indicators",
        "kpis",
        "performance measures",
    ),
    "qualifications": (
        "任职资格",
        "任职要求",
        "任职条件",
        "岗位要求",
        "资格要求",
        "qualifications",
        "education and/or experience",
        "education and experience",
        "requirements",
    ),
    "authority": ("工作权限", "职位权限", "岗位权限", "权限", "authority"),
    "relations": (
        "内部工作关系",
        "外部工作关系",
        "工作关系",
        "内部关系",
        "外部关系",
        "working relationships",
    ),
    "career": (
        "职业发展",
        "晋升通道",
        "发展通道",
        "晋升方向",
        "发展机会",
        "career path",
        "career development",
    ),
    "environment": ("工作环境", "工作条件", "work environment", "working conditions"),
    "signoff": (
        "审核签字",
        "审批签字",
        "任职者签字",
        "直接上级签字",
        "签字",
        "审核人",
        "批准人",
        "approved by",
        "signature",
    ),
    "other": (
        "福利待遇",
        "薪酬福利",
        "申请方式",
        "联系方式",
        "结论",
        "组织关系图",
        "在组织中的位置",
        "参与的流程环节",
        # fields of their own in the spec language, not yet read into them: kept for a person
        "责任",
        "工作难点",
        "所受培训",
        "体质条件",
        "工作时间",
        "工作地点",
        "审核签字方",
    ),
}

# Row labels inside 任职资格.
QUALIFICATION_LABELS: dict[str, tuple[str, ...]] = {
    "education": ("学历要求", "教育背景", "教育程度", "学历", "education"),
    "majors": ("专业要求", "专业", "major", "majors"),
    "experience": ("工作经验", "工作经历", "经验", "experience"),
    "certifications": ("资格证书", "证书", "certifications", "certificates"),
    "skills": ("专业知识", "技能", "知识", "skills", "knowledge"),
    "competencies": ("能力素质", "素质", "能力", "competencies", "abilities"),
}

_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.．、](?!\d)|"
    r"第[一二三四五六七八九十\d]{1,3}部分)\s*"
)
_COLON = re.compile(r"^\s*[:：]\s*")
_BRACKETED = re.compile(r"^[【\[〔]\s*([^】\]〕]{1,24}?)\s*[】\]〕]\s*")


def _ordered(table: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    pairs = [(label, field) for field, labels in table.items() for label in labels]
    return sorted(pairs, key=lambda p: -len(p[0]))


_HEADERS = _ordered(HEADER_LABELS)
_SECTIONS = _ordered(SECTION_LABELS)
_QUALIFICATIONS = _ordered(QUALIFICATION_LABELS)


def plain(text: str) -> str:
    """Width folded, Markdown emphasis and a leading 一、/1./（一） taken off; a label in
    brackets (【岗位职责】, [Summary]) read as the label and a colon."""
    text = unicodedata.normalize("NFKC", text).replace("*", "").strip()
    text = _NUMBERING.sub("", text, count=1).strip()
    return _BRACKETED.sub(lambda m: m[1] + ("：" if m.end() < len(text) else ""), text, count=1)


def _match(text: str, pairs: list[tuple[str, str]], run_on: bool) -> tuple[str, str] | None:
    """(field, the text after the label) when ``text`` starts with a label.

    A label stands alone, or is followed by a colon; with ``run_on``, a Chinese label may run
    straight into its text (岗位职责1.接听…) as in text pasted from the web.
    """
    folded = plain(text)
    lower = folded.casefold()
    written = text.strip()
    # The text after the label as written (，not the folded ,), when folding kept its length.
    as_written = "*" not in written and len(unicodedata.normalize("NFKC", written)) == len(written)

    def said(value: str) -> str:  # a suffix of the folded text
        return written[len(written) - len(value) :] if as_written and value else value

    for label, field in pairs:
        if not lower.startswith(label):
            continue
        rest = folded[len(label) :]
        if not rest.strip():
            return field, ""
        colon = _COLON.match(rest)
        if colon:
            return field, said(rest[colon.end() :].strip())
        if run_on and not label.isascii() and len(label) >= 4 and not rest[0].isascii():
            return field, said(rest.strip())
        if run_on and not label.isascii() and len(label) >= 4 and rest[0].isdigit():
            return field, said(rest.strip())
    return None


def header_label(text: str) -> str | None:
    """The field a label cell names (职位名称 → title), the cell holding nothing else."""
    found = _match(text, _HEADERS, run_on=False)
    return found[0] if found and not found[1] else None


def header_pair(text: str) -> tuple[str, str] | None:
    """``职位名称：客服专员`` → (title, 客服专员)."""
    found = _match(text, _HEADERS, run_on=False)
    return found if found and found[1] else None


_HEADER_IN_LINE = re.compile(
    "(" + "|".join(re.escape(label) for label, _ in _HEADERS if not label.isascii()) + r")\s*[:：]"
)


def header_pairs(text: str) -> list[tuple[str, str, str]] | None:
    """``职位名称：客服专员 所属部门：客服部`` → [(title, 客服专员), (unit, 客服部)]; None unless the
    line starts with a label and a colon."""
    folded = plain(text)
    first = header_pair(folded)
    if not first:
        return None
    starts = [m for m in _HEADER_IN_LINE.finditer(folded)]
    if not starts or starts[0].start() != 0:
        return [(*first, text)]
    pairs = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(folded)
        segment = folded[m.start() : end].strip()
        found = header_pair(segment)
        if found:
            pairs.append((*found, segment))
    return pairs or [(*first, text)]


def section_label(text: str, run_on: bool = True) -> tuple[str, str] | None:
    found = _match(text, _SECTIONS, run_on)
    if found:
        return found
    folded = plain(text)
    # 一、客服专员岗位职责: a heading naming the role before the section
    if (
        len(folded) <= 24
        and folded.endswith(("岗位职责", "工作职责"))
        and not re.search(r"[，,。；;]", folded)
    ):
        return "duties", ""
    return None


def qualification_label(text: str) -> tuple[str, str] | None:
    return _match(text, _QUALIFICATIONS, run_on=False)


_RUN_ON_LABELS = [label for label, _ in _SECTIONS if not label.isascii() and len(label) >= 4]
_RUN_ON = re.compile(
    r"(?<=[。；;！!.])\s*(?=(?:" + "|".join(map(re.escape, _RUN_ON_LABELS)) + r")(?:[:：]|\d[.．、]|[①]))"
)


def split_run_on(text: str) -> list[str]:
    """A pasted paragraph cut where a section label begins inside it: ``…解决方案。任职要求1.…``."""
    return [part for part in _RUN_ON.split(text) if part.strip()]
