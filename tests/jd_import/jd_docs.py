"""Job descriptions in each layout HR teams write them, made with python-docx for the tests."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK


def _table(document: docx.document.Document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
        if len(cells) < width:  # the last cell runs to the right edge, as Word merges it
            table.cell(r, len(cells) - 1).merge(table.cell(r, width - 1))


def table_form(path: Path) -> Path:
    """Two 职位说明书 in table form, the second on a new page, with a sign-off row."""
    document = docx.Document()
    document.add_paragraph("客服主管职位说明书", style="Title")
    _table(
        document,
        [
            ["职位名称", "客服主管", "职位编号", "KF-02"],
            ["所属部门", "客服中心/一线服务组", "直接上级", "客服经理"],
            ["直接下级", "客服专员", "定员", "2人"],
            ["职位级别", "M1"],
            ["职位目的", "带领一线团队按服务标准处理客户咨询与投诉，保证服务质量。"],
        ],
    )
    document.add_paragraph("工作职责", style="Heading 1")
    _table(
        document,
        [
            ["工作职责", "频次", "工作成果", "衡量标准"],
            ["1. 排班与调度\n• 根据话务预测制定排班表", "每周", "排班表", "排班准确率"],
            ["2. 投诉升级处理", "随时", "投诉处理记录", "投诉解决率"],
        ],
    )
    document.add_paragraph("考核指标", style="Heading 1")
    _table(
        document,
        [
            ["考核指标", "目标值", "权重"],
            ["排班准确率", "≥ 95%", "40%"],
            ["投诉解决率", "不低于90%", "60%"],
        ],
    )
    _table(
        document,
        [
            ["任职资格", "学历", "大专及以上"],
            ["任职资格", "专业", "市场营销、工商管理"],
            ["任职资格", "工作经验", "3年以上客服工作经验"],
            ["任职资格", "技能", "熟练使用办公软件"],
            ["任职资格", "证书", "呼叫中心管理师证书"],
            ["任职资格", "能力素质", "沟通协调、抗压"],
        ],
    )
    _table(
        document,
        [
            ["工作权限", "审批当班人员病事假"],
            ["内部工作关系", "质检组、培训组"],
            ["外部工作关系", "客户"],
            ["职业发展", "客服经理"],
            ["工作环境", "办公室，轮班"],
            ["审核签字", "任职者：________ 日期：________"],
        ],
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("客服经理职位说明书", style="Title")
    _table(
        document,
        [
            ["职位名称", "客服经理", "所属部门", "客服中心"],
            ["直接上级", "总经理", "定员", "1"],
            ["职位目的", "建立并管理客服中心，达成客户满意度目标。"],
        ],
    )
    document.add_paragraph("工作职责", style="Heading 1")
    document.add_paragraph("1. 制定客服中心年度工作计划")
    document.add_paragraph("2. 管理客服团队（每月）")
    document.save(path)
    return path


def headed(path: Path) -> Path:
    """Headings and numbered paragraphs: 一、岗位职责 / 1．… / ① …"""
    document = docx.Document()
    document.add_paragraph("质检专员岗位说明书", style="Title")
    document.add_paragraph("岗位名称：质检专员　所属部门：质检组")
    document.add_paragraph("直接上级：客服主管")
    document.add_paragraph("一、岗位概述", style="Heading 1")
    document.add_paragraph("抽检通话与工单，发现服务问题并推动改进。")
    document.add_paragraph("二、岗位职责", style="Heading 1")
    document.add_paragraph("1．每日抽检通话录音：按抽检标准评分并反馈")
    document.add_paragraph("2、每月编写质检报告")
    document.add_paragraph("3、组织质检校准会")
    document.add_paragraph("三、任职要求", style="Heading 1")
    document.add_paragraph("① 本科及以上学历")
    document.add_paragraph("② 2年以上质检工作经验")
    document.add_paragraph("③ 具有较强的沟通能力")
    document.add_paragraph("四、考核指标", style="Heading 1")
    document.add_paragraph("1、质检覆盖率：不低于98%，权重50%")
    document.add_paragraph("2、质检差错率 ≤ 2%，权重50%")
    document.add_paragraph("五、福利待遇", style="Heading 1")
    document.add_paragraph("五险一金，带薪年假")
    document.save(path)
    return path


def english(path: Path) -> Path:
    """An English JD: Job Title, Reports To, Summary, Essential Duties, Qualifications."""
    document = docx.Document()
    document.add_paragraph("Job Description", style="Title")
    document.add_paragraph("Job Title: Customer Service Representative")
    document.add_paragraph("Department: Customer Service")
    document.add_paragraph("Reports To: Customer Service Manager")
    document.add_paragraph("Summary", style="Heading 1")
    document.add_paragraph("Answers customer questions by phone and e-mail and resolves complaints.")
    document.add_paragraph("Essential Duties and Responsibilities", style="Heading 1")
    document.add_paragraph("1. Answer incoming calls daily")
    document.add_paragraph("2. Log every complaint in the ticket system")
    document.add_paragraph("Qualifications", style="Heading 1")
    document.add_paragraph("Excellent communication skills")
    document.add_paragraph("Education and/or Experience", style="Heading 1")
    document.add_paragraph("Bachelor's degree in business; 2 years of customer service experience")
    document.add_paragraph("Work Environment", style="Heading 1")
    document.add_paragraph("Office; rotating shifts.")
    document.add_paragraph("Approved by: ____________")
    document.save(path)
    return path


def duties_without_header(path: Path) -> Path:
    """One table: the label cells, then a 工作职责 row and numbered duty rows with no header row."""
    document = docx.Document()
    _table(
        document,
        [
            ["职位名称", "培训专员", "所属部门", "培训组"],
            ["工作职责"],
            ["1", "组织新员工培训", "每月"],
            ["2", "编写培训教材\n• 每季度更新", "按需"],
        ],
    )
    document.save(path)
    return path
