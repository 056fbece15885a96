"""Fixed wording of ``orgc diff``, per language (English for any other), and how values are shown."""

from __future__ import annotations

from ..model.entities import Text
from ..render.labels import value as enumerated
from .changes import Shown, Term

_ZH = {
    "headline": "**组织变更** {base} → {head}：{summary}",
    "no_changes": "{base} 与 {head} 之间组织没有变更。",
    "worktree": "工作区",
    "separator": " · ",
    "list_separator": "、",
    "show": "展开 {n} 项",
    # sections
    "roles": "岗位",
    "headcount": "定员与职级",
    "duties": "职责",
    "raci": "职责分配 (RACI)",
    "targets": "考核目标",
    "qualifications": "任职资格",
    "policies": "管理制度",
    "other": "其他变更",
    # column headers
    "change": "变更",
    "role": "岗位",
    "details": "说明",
    "before": "之前",
    "after": "之后",
    "duty": "职责",
    "kpi": "指标",
    "field": "项目",
    "policy": "制度",
    "unit": "部门",
    "delta": "增减",
    "item": "对象",
    "name": "名称",
    "row": "职责 / 流程环节",
    # details
    "supervisor": "上级：{name}",
    "unit_of": "部门：{name}",
    "headcount_of": "定员 {n}",
    "grade_of": "职级 {grade}",
    "renamed_from": "原编号 {before}，内容相同度 {percent}%",
    "weight_of": "权重 {weight}",
    "fields": "修改：{fields}",
    "review_by": "复审日期 {date}",
    "past_review": "复审日期 {date} 早于 {today}",
    "whole_org": "全组织",
    "totals_note": "部门合计含下级部门的岗位。",
    "raci_note": "格中为“之前 → 之后”；— 表示不参与。",
    "top": "(最高岗位)",
    "none": "—",
    "headcount_total": "定员 {before} → {after} ({delta})",
}

_EN = {
    "headline": "**Organisation changes** {base} → {head}: {summary}",
    "no_changes": "No changes to the organisation between {base} and {head}.",
    "worktree": "the working tree",
    "separator": " · ",
    "list_separator": ", ",
    "show": "Show {n} changes",
    "roles": "Roles",
    "headcount": "Headcount and grades",
    "duties": "Duties",
    "raci": "Responsibilities (RACI)",
    "targets": "KPI targets",
    "qualifications": "Qualifications",
    "policies": "Policies",
    "other": "Other changes",
    "change": "Change",
    "role": "Role",
    "details": "Details",
    "before": "Before",
    "after": "After",
    "duty": "Duty",
    "kpi": "KPI",
    "field": "Field",
    "policy": "Policy",
    "unit": "Unit",
    "delta": "Change",
    "item": "Item",
    "name": "Name",
    "row": "Duty / process step",
    "supervisor": "reports to {name}",
    "unit_of": "unit {name}",
    "headcount_of": "headcount {n}",
    "grade_of": "grade {grade}",
    "renamed_from": "was {before}, {percent}% alike",
    "weight_of": "weight {weight}",
    "fields": "changed: {fields}",
    "review_by": "review by {date}",
    "past_review": "review by {date}, before {today}",
    "whole_org": "Whole organisation",
    "totals_note": "A unit's total includes the roles of its sub-units.",
    "raci_note": "Each cell is before → after; — means no part.",
    "top": "(top role)",
    "none": "—",
    "headcount_total": "headcount {before} → {after} ({delta})",
}

# What each kind of change is called in a table's "Change" column.
_KINDS = {
    "zh": {
        "role-added": "新增",
        "role-removed": "撤销",
        "role-renamed": "编号变更",
        "role-retitled": "更名",
        "role-moved": "调动",
        "role-changed": "修改",
        "role-headcount": "定员",
        "role-grade": "职级",
        "duty-added": "新增",
        "duty-removed": "删除",
        "duty-reworded": "改写",
        "duty-changed": "修改",
        "kpi-target-tightened": "收紧",
        "kpi-target-loosened": "放宽",
        "kpi-target-changed": "变更",
        "kpi-target-reweighted": "权重调整",
        "kpi-target-added": "新增",
        "kpi-target-removed": "删除",
        "policy-added": "新增",
        "policy-removed": "废止",
        "policy-changed": "修订",
        "policy-past-review": "已过复审日期",
        "added": "新增",
        "removed": "删除",
        "changed": "修改",
    },
    "en": {
        "role-added": "Added",
        "role-removed": "Removed",
        "role-renamed": "Id changed",
        "role-retitled": "Retitled",
        "role-moved": "Moved",
        "role-changed": "Changed",
        "role-headcount": "Headcount",
        "role-grade": "Grade",
        "duty-added": "Added",
        "duty-removed": "Removed",
        "duty-reworded": "Reworded",
        "duty-changed": "Changed",
        "kpi-target-tightened": "Tightened",
        "kpi-target-loosened": "Loosened",
        "kpi-target-changed": "Changed",
        "kpi-target-reweighted": "Reweighted",
        "kpi-target-added": "Added",
        "kpi-target-removed": "Removed",
        "policy-added": "Added",
        "policy-removed": "Removed",
        "policy-changed": "Changed",
        "policy-past-review": "Past review",
        "added": "Added",
        "removed": "Removed",
        "changed": "Changed",
    },
}

# The summary line: one phrase per kind, in this order. English: (one, many).
_SUMMARY = {
    "zh": {
        "role-added": "新增岗位 {n}",
        "role-removed": "撤销岗位 {n}",
        "role-renamed": "岗位编号变更 {n}",
        "role-retitled": "岗位更名 {n}",
        "role-moved": "岗位调动 {n}",
        "role-changed": "岗位其他修改 {n}",
        "role-headcount": "定员调整 {n}",
        "role-grade": "职级调整 {n}",
        "duty-added": "职责新增 {n}",
        "duty-removed": "职责删除 {n}",
        "duty-reworded": "职责改写 {n}",
        "duty-changed": "职责修改 {n}",
        "raci-cell": "职责分配变更 {n} 处",
        "kpi-target-tightened": "考核目标收紧 {n}",
        "kpi-target-loosened": "考核目标放宽 {n}",
        "kpi-target-changed": "考核目标变更 {n}",
        "kpi-target-reweighted": "考核权重调整 {n}",
        "kpi-target-added": "考核目标新增 {n}",
        "kpi-target-removed": "考核目标删除 {n}",
        "qualification": "任职资格修改 {n}",
        "policy-added": "制度新增 {n}",
        "policy-removed": "制度废止 {n}",
        "policy-changed": "制度修订 {n}",
        "policy-past-review": "制度已过复审日期 {n}",
        "other": "其他变更 {n}",
    },
    "en": {
        "role-added": ("{n} role added", "{n} roles added"),
        "role-removed": ("{n} role removed", "{n} roles removed"),
        "role-renamed": ("{n} role id changed", "{n} role ids changed"),
        "role-retitled": ("{n} role retitled", "{n} roles retitled"),
        "role-moved": ("{n} role moved", "{n} roles moved"),
        "role-changed": ("{n} role otherwise changed", "{n} roles otherwise changed"),
        "role-headcount": ("{n} headcount change", "{n} headcount changes"),
        "role-grade": ("{n} grade change", "{n} grade changes"),
        "duty-added": ("{n} duty added", "{n} duties added"),
        "duty-removed": ("{n} duty removed", "{n} duties removed"),
        "duty-reworded": ("{n} duty reworded", "{n} duties reworded"),
        "duty-changed": ("{n} duty changed", "{n} duties changed"),
        "raci-cell": ("{n} RACI cell", "{n} RACI cells"),
        "kpi-target-tightened": ("{n} KPI target tightened", "{n} KPI targets tightened"),
        "kpi-target-loosened": ("{n} KPI target loosened", "{n} KPI targets loosened"),
        "kpi-target-changed": ("{n} KPI target changed", "{n} KPI targets changed"),
        "kpi-target-reweighted": ("{n} KPI weight changed", "{n} KPI weights changed"),
        "kpi-target-added": ("{n} KPI target added", "{n} KPI targets added"),
        "kpi-target-removed": ("{n} KPI target removed", "{n} KPI targets removed"),
        "qualification": ("{n} qualification change", "{n} qualification changes"),
        "policy-added": ("{n} policy added", "{n} policies added"),
        "policy-removed": ("{n} policy removed", "{n} policies removed"),
        "policy-changed": ("{n} policy changed", "{n} policies changed"),
        "policy-past-review": ("{n} policy past review", "{n} policies past review"),
        "other": ("{n} other change", "{n} other changes"),
    },
}

_SUBJECTS = {
    "zh": {"org": "组织", "unit": "部门", "kpi": "指标库", "block": "共用职责", "process": "流程"},
    "en": {
        "org": "Organisation",
        "unit": "Unit",
        "kpi": "KPI catalogue",
        "block": "Shared duties",
        "process": "Process",
    },
}

_FIELDS = {
    "zh": {
        "purpose": "工作目的",
        "family": "职族",
        "dotted_to": "虚线上级",
        "include": "共用职责",
        "authority": "权限",
        "escalates_to": "上报对象",
        "career": "职业发展",
        "environment": "工作环境",
        "waive": "已批准的例外",
        "title": "名称",
        "tasks": "工作任务",
        "frequency": "频次",
        "deliverables": "工作成果",
        "kpis": "衡量指标",
        "collaborates": "协调部门",
        "owner": "负责人",
        "applies_to": "适用范围",
        "effective": "生效日期",
        "review_by": "复审日期",
        "refers_to": "相关流程",
        "sections": "条款",
        "name": "名称",
        "version": "版本",
        "description": "说明",
        "languages": "语言",
        "parent": "上级部门",
        "head": "部门负责岗位",
        "external": "外部部门",
        "definition": "定义",
        "unit": "计量单位",
        "direction": "方向",
        "period": "周期",
        "source": "数据来源",
        "steps": "环节",
        "step_titles": "环节名称",
        "sla": "时限",
        "flow": "环节顺序",
        "education": "学历",
        "majors": "专业",
        "experience_years": "经验年限",
        "experience_in": "经验领域",
        "certifications": "证书",
        "skills": "技能",
        "competencies": "能力素质",
    },
    "en": {
        "purpose": "purpose",
        "family": "job family",
        "dotted_to": "dotted lines",
        "include": "shared duties",
        "authority": "authority",
        "escalates_to": "escalates to",
        "career": "career path",
        "environment": "working environment",
        "waive": "accepted exceptions",
        "title": "title",
        "tasks": "tasks",
        "frequency": "frequency",
        "deliverables": "deliverables",
        "kpis": "measures",
        "collaborates": "works with",
        "owner": "owner",
        "applies_to": "applies to",
        "effective": "effective date",
        "review_by": "review date",
        "refers_to": "related processes",
        "sections": "sections",
        "name": "name",
        "version": "version",
        "description": "description",
        "languages": "languages",
        "parent": "parent unit",
        "head": "head",
        "external": "external",
        "definition": "definition",
        "unit": "unit of measure",
        "direction": "direction",
        "period": "period",
        "source": "data source",
        "steps": "steps",
        "step_titles": "step titles",
        "sla": "SLAs",
        "flow": "step order",
        "education": "education",
        "majors": "fields of study",
        "experience_years": "years of experience",
        "experience_in": "experience in",
        "certifications": "certifications",
        "skills": "skills",
        "competencies": "competencies",
    },
}


def _zh(lang: str) -> bool:
    return lang.startswith("zh")


def label(key: str, lang: str) -> str:
    return (_ZH if _zh(lang) else _EN)[key]


def kind_label(kind: str, lang: str) -> str:
    """A change's name in a table: 新增, Tightened …; ``unit-added`` is named by its change."""
    table = _KINDS["zh" if _zh(lang) else "en"]
    return table.get(kind) or table[kind.rsplit("-", 1)[1]]


def subject_label(subject: str, lang: str) -> str:
    return _SUBJECTS["zh" if _zh(lang) else "en"][subject]


def field_label(field: str, lang: str) -> str:
    return _FIELDS["zh" if _zh(lang) else "en"].get(field, field)


def summary_phrase(kind: str, n: int, lang: str) -> str:
    """``新增岗位 2`` / ``2 roles added``; kinds of units, processes … are "other"."""
    table = _SUMMARY["zh" if _zh(lang) else "en"]
    form = table.get(kind, table["other"])
    if isinstance(form, tuple):
        form = form[0] if n == 1 else form[1]
    return form.format(n=n)


def summary_order() -> tuple[str, ...]:
    return tuple(_SUMMARY["en"])


def show(value: Shown | None, lang: str, fallback: str) -> str:
    """A value in the reader's language: a Text's translation, an enumerated word's display form."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.get(lang, fallback)
    if isinstance(value, Term):
        return enumerated(value.code, lang)
    return value


def text_pair(before: Text, after: Text, lang: str, fallback: str) -> tuple[str, str]:
    """Before and after in the reader's language; where that is unchanged, in the language that changed."""
    old, new = before.get(lang, fallback), after.get(lang, fallback)
    if old != new:
        return old, new
    for code in sorted(before.langs | after.langs):
        was = dict(before.values).get(code, "")
        now = dict(after.values).get(code, "")
        if was != now:
            return f"[{code}] {was}", f"[{code}] {now}"
    return old, new


def signed(number: int) -> str:
    return f"+{number}" if number > 0 else f"−{-number}" if number < 0 else "0"
