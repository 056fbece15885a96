"""The diagnostics reference in Chinese: each code's summary and explanation, beside the English docstrings.

Each entry says what the English docstring of the rule says, in Chinese; its YAML examples are the
English ones with their comments translated (``tests/rules/test_docs_zh.py`` holds the two together:
every code in both languages, the same examples).
"""

from __future__ import annotations

# code -> (summary, explanation)
ZH_DOCS: dict[str, tuple[str, str]] = {
    "E100": (
        "YAML 语法错误，或文件不是 UTF-8 文本",
        """文件无法按 UTF-8 编码的 YAML 文档读取。

**原因：**orgc 读不了的文件就无法检查。常见情况：中文 Windows 编辑器把文件存成了
GBK/GB18030 编码，用 Tab 缩进，`---` 之后还有第二个文档，或者用了 spec 文件不允许的
YAML 写法（别名 `*x`、`!!python` 标签、超过 64 层的嵌套、超过 4 MB 的文件）。

**错误写法：**
```yaml
id: cs-agent
title:
    zh: 一线客服        # zh 前面是一个 Tab
```

**正确写法：**
```yaml
id: cs-agent
title:
  zh: 一线客服
```""",
    ),
    "E101": (
        "同一个映射中的键重复",
        """同一个映射中同一个键写了两次。

**原因：**YAML 读取程序会悄悄只保留其中一个值，于是修改第一个值看起来毫无效果。
orgc 报告第二次出现的位置。

**错误写法：**
```yaml
headcount: 4
grade: M1
headcount: 5
```

**正确写法：**
```yaml
headcount: 5
grade: M1
```""",
    ),
    "E102": (
        "不符合规范（类型错误、缺少必填字段、未知字段、id 不合法）",
        """某个值不符合 spec 语言：未知字段、缺少必填字段、值的类型不对、id 或日期不合法、
含有 Word 和 Excel 无法保存的控制字符，或者 `specs/` 下有不属于任何已知类别的文件。

**原因：**拼错的字段名（`headcnt`）否则会被一声不响地忽略。未知字段报告在键本身上，
并给出最接近的合法字段名。

**错误写法：**
```yaml
id: cs-agent
title: 一线客服
headcnt: 40
```

**正确写法：**
```yaml
id: cs-agent
title: 一线客服
headcount: 40
```""",
    ),
    "E103": (
        "id 重复，或岗位文件名与其 id 不一致",
        """两个对象使用了同一个 id，或岗位文件的文件名与岗位 id 不一致。
岗位、部门、共用职责、流程和制度共用一个命名空间，因为 `consulted: [x]` 这样的引用
既可能指岗位也可能指部门；考核指标的 id、同一岗位内的职责 id、同一流程内的环节 id
也都必须唯一。

**原因：**所有引用都通过 id；id 重复会让引用含义不明。

**错误写法：**`specs/roles/cs-agent.yaml`
```yaml
id: cs-agents
```

**正确写法：**
```yaml
id: cs-agent
```""",
    ),
    "ORG001": (
        "缺少上级：`reports_to` 指向的岗位不存在",
        """岗位的 `reports_to` 写的是一个不存在的岗位。

**原因：**汇报线断了：这个岗位没有直接上级，它的岗位说明书、组织架构图和汇报链
都会出错。

**错误写法：**
```yaml
id: cs-agent
reports_to: cs-teamlead     # 没有岗位的 id 是这个
```

**正确写法：**
```yaml
id: cs-agent
reports_to: cs-team-lead
```""",
    ),
    "ORG002": (
        "汇报关系成环（列出环中每个岗位）",
        """几个岗位互相汇报，形成一个环，谁也到不了最高岗位。

**原因：**汇报链必须终止于最高岗位；成环时没有人真正负责。消息会按汇报顺序列出
环中的每个岗位。

**错误写法：**
```yaml
# cs-manager.yaml              # cs-supervisor.yaml
reports_to: cs-supervisor      reports_to: cs-manager
```

**正确写法：**
```yaml
# cs-manager.yaml              # cs-supervisor.yaml
reports_to: cs-director        reports_to: cs-manager
```""",
    ),
    "ORG003": (
        "最高岗位不止一个（没有 `reports_to` 的岗位）",
        """不止一个岗位没有 `reports_to`。下属岗位最多的那个被视为最高岗位，其余的都会报告
（下属一样多时全部报告）。

**原因：**一个组织只有一个最高岗位；第二个通常是忘了写 `reports_to` 的岗位，它会
游离在组织架构图之外。

**错误写法：**
```yaml
# cs-director.yaml：没有 reports_to（最高岗位）
# cs-trainer.yaml：
id: cs-trainer
title: 培训专员
```

**正确写法：**
```yaml
id: cs-trainer
title: 培训专员
reports_to: cs-supervisor
```""",
    ),
    "ORG004": (
        "管理幅度超过上限（默认 15）",
        """岗位的每个在岗人员直接管理的人数超过了上限。

管理幅度是所有直接下级岗位的定员之和除以该岗位自身的定员（向上取整）：4 名班组长
管理 72 名客服，每人管 18 名。
选项：`max`（默认 15），例如 `ORG004: {max: 12, level: error}`。

**原因：**直接下级太多的管理者无法辅导和考核他们；通常的办法是再加一层班组长。

**错误写法：**（`max: 15` 时）
```yaml
# cs-team-lead.yaml：headcount: 4
# cs-agent.yaml：reports_to: cs-team-lead，headcount: 72
```

**正确写法：**
```yaml
# cs-team-lead.yaml：headcount: 5     （72 / 5 → 每人 15 名）
```""",
    ),
    "ORG005": (
        "未知部门（岗位的 `unit`、部门的 `parent`），或部门成环",
        """岗位的 `unit` 或部门的 `parent` 写的部门在 `specs/org.yaml` 中不存在，或者几个部门
互为上级部门，形成一个环。

**原因：**这个岗位将不属于任何部门：它不会出现在所在部门的职责矩阵和手册中。

**错误写法：**
```yaml
id: cs-agent
unit: cs-front-line     # org.yaml 中定义的是 cs-frontline
```

**正确写法：**
```yaml
id: cs-agent
unit: cs-frontline
```""",
    ),
    "ORG006": (
        "部门的 `head` 不是该部门或其下级部门中的岗位",
        """部门的 `head` 写的岗位不存在，或者该岗位属于另一个部门。

**原因：**部门负责人必须属于本部门；否则组织架构图和手册会写错负责人。

**错误写法：**
```yaml
units:
  - id: cs-frontline
    head: cs-director      # cs-director 属于 cs-center，在 cs-frontline 之上
```

**正确写法：**
```yaml
units:
  - id: cs-frontline
    head: cs-team-lead     # unit: cs-frontline
```""",
    ),
    "ORG007": (
        "岗位汇报给定员为 0 的职位",
        """岗位汇报给一个已规划但无人在岗的职位（`headcount: 0`）。

**原因：**在这个职位有人之前，它的下级无人可以汇报；请用虚线汇报写明期间由谁代管，
或者写明理由予以豁免。

**错误写法：**
```yaml
# cs-quality-lead.yaml：headcount: 0
id: cs-quality
reports_to: cs-quality-lead
```

**正确写法：**
```yaml
id: cs-quality
reports_to: cs-supervisor
dotted_to: [cs-quality-lead]
```""",
    ),
    "ORG008": (
        "汇报链层级超过上限（默认 8 层）",
        """岗位距最高岗位的层数超过了上限（最高岗位算第 1 层）。每条汇报链只报告一次，
报告在第一个超出上限的岗位上。
选项：`max`（默认 8）。

**原因：**每多一层，决策和上报就慢一步；层级过深往往说明把职称当成了层级。

**错误写法：**（`max: 3` 时）
```yaml
# 总监 → 经理 → 主管 → 班组长
id: cs-team-lead
reports_to: cs-supervisor
```

**正确写法：**
```yaml
id: cs-team-lead
reports_to: cs-manager
```""",
    ),
    "ORG009": (
        "`dotted_to` 指向的岗位不存在，或就是本岗位的 `reports_to`",
        """虚线上级写的岗位不存在、是岗位自己，或与 `reports_to` 是同一个岗位。

**原因：**虚线汇报是第二个、职能上的上级；与实线重复或指向不存在的岗位，都是错误。

**错误写法：**
```yaml
reports_to: cs-supervisor
dotted_to: [cs-supervisor]
```

**正确写法：**
```yaml
reports_to: cs-supervisor
dotted_to: [cs-quality]
```""",
    ),
    "DUT001": (
        "无人负责的职责：没有在岗岗位负责（R）的流程环节或共用职责",
        """流程环节的负责（R）岗位定员都为 0（或根本没写），或者共用职责没有任何在岗岗位引用。

**原因：**没人做的工作就是日后投诉的缺口。要么交给有人在岗的岗位，要么删掉。

**错误写法：**
```yaml
steps:
  - id: review
    title: 复盘投诉案例
    responsible: [cs-quality-lead]     # headcount: 0
```

**正确写法：**
```yaml
    responsible: [cs-quality]
```""",
    ),
    "DUT002": (
        "流程环节的批准（A）岗位不是恰好一个",
        """流程环节（或职责）没有批准（A）岗位，或写了好几个。

环节的批准岗位是它的 `accountable`，没写时是流程的 `owner`。

**原因：**RACI 要求每一行恰好一个 A：没有时无人拍板；有两个时各自以为对方会拍板。

**错误写法：**
```yaml
id: complaint-handling      # 没有 owner
steps:
  - id: receive
    responsible: [cs-agent]
```

**正确写法：**
```yaml
id: complaint-handling
owner: cs-manager
```""",
    ),
    "DUT003": (
        "职责、环节或制度引用了不存在的岗位、部门、流程或考核指标",
        """某个引用指向不存在的对象：职责的 `kpis`、`collaborates`、`accountable`、
`consulted` 或 `informed`；岗位的 `include`、`kpis` 或 `escalates_to`；流程的 `owner`、
环节中的岗位和 `next`；制度的 `owner`、`applies_to` 或 `refers_to`。

**原因：**职责矩阵和岗位说明书会悄悄漏掉这个引用。

**错误写法：**
```yaml
duties:
  - id: dispatch
    title: 任务调派与跟踪
    kpis: [ticket-closure]      # 指标库中的是 ticket-closure-rate
```

**正确写法：**
```yaml
    kpis: [ticket-closure-rate]
```""",
    ),
    "DUT004": (
        "岗位没有职责",
        """岗位既没有自己的职责，也没有引用任何共用职责。

**原因：**没有工作职责的岗位说明书，对这份工作什么也没说。

**错误写法：**
```yaml
id: cs-trainer
title: 培训专员
```

**正确写法：**
```yaml
id: cs-trainer
title: 培训专员
duties:
  - id: onboarding
    title: 组织新员工入职培训
```""",
    ),
    "DUT005": (
        "同一条职责写在多个岗位上（建议改为共用职责）",
        """同一条职责标题写在了多个岗位上，或者同时写在岗位上和共用职责中（比较时忽略空格、
数字和标点）。

**原因：**几份副本会逐渐走样：下次修改只改到一个岗位，其他岗位没改。把这条职责在
共用职责中写一次，再用 `include` 引用。

**错误写法：**
```yaml
# cs-trainer.yaml 和 cs-quality.yaml 都写了：
duties:
  - id: line-support
    title: 每月固定2天进行接线支援,保证一线工作敏感度
```

**正确写法：**
```yaml
# 这条职责只在 specs/duties/frontline-common.yaml 中写一次；
# cs-trainer.yaml 和 cs-quality.yaml：
include: [frontline-common]
```""",
    ),
    "KPI001": (
        "目标的单位与考核指标的单位不同，或目标无法解析",
        """目标无法读成“比较符、数值、单位”，或者它的单位不是指标库中该考核指标的单位。

**原因：**百分比指标写 `85`，或以 `min` 计量的指标写 `5 分钟`，都无法与实际测量值比较；
目标必须能够计算。

**错误写法：**
```yaml
kpis:
  - kpi: avg-response-time      # unit: min
    target: 5分钟以内
```

**正确写法：**
```yaml
  - kpi: avg-response-time
    target: "<= 5 min"
```""",
    ),
    "KPI002": (
        "岗位没有考核指标",
        """岗位没有 `kpis` 目标（考核指标）。

**原因：**没有目标，岗位就无法考核，岗位说明书中的考核指标一节也是空的。新设岗位的
目标还在商定时，请写明理由予以豁免。

**错误写法：**
```yaml
id: cs-trainer
title: 培训专员
```

**正确写法：**
```yaml
id: cs-trainer
title: 培训专员
kpis:
  - kpi: training-satisfaction
    target: ">= 80%"
```""",
    ),
    "KPI003": (
        "目标与考核指标的方向相反（例如越高越好的指标写了 `<=`）",
        """越高越好的指标被设了上限，或越低越好的指标被设了下限。

**原因：**`csat <= 85%` 等于奖励岗位让更少的客户满意；这几乎总是把 `>=` 写反了。

**错误写法：**
```yaml
  - kpi: csat                 # direction: higher-is-better
    target: "<= 85%"
```

**正确写法：**
```yaml
  - kpi: csat
    target: ">= 85%"
```""",
    ),
    "KPI004": (
        "写了权重，但权重之和不是 100%",
        """岗位的部分目标写了 `weight`，而权重加起来不是 100%（没写权重的目标按 0 计）。

**原因：**权重用来分配考核比重；总和不是 100% 时无法计算得分。

**错误写法：**
```yaml
kpis:
  - {kpi: csat, target: ">= 85%", weight: 40%}
  - {kpi: complaint-resolution-rate, target: ">= 90%", weight: 40%}
```

**正确写法：**
```yaml
  - {kpi: csat, target: ">= 85%", weight: 50%}
  - {kpi: complaint-resolution-rate, target: ">= 90%", weight: 50%}
```""",
    ),
    "KPI005": (
        "同一个岗位把同一个考核指标列了两次",
        """岗位的 `kpis` 中同一个考核指标出现了不止一次；在第二次出现处报告，并给出第一次所在的行。

**原因：**一个指标的两个目标（`= 100%` 和 `>= 99%`）不可能同时是考核这个岗位的标准；
岗位说明书会把两个都印出来。

**错误写法：**
```yaml
kpis:
  - {kpi: csat, target: ">= 85%"}
  - {kpi: csat, target: ">= 90%"}
```

**正确写法：**
```yaml
kpis:
  - {kpi: csat, target: ">= 90%"}
```""",
    ),
    "KPI006": (
        "目标超出了考核指标可能的取值范围",
        """目标落在指标可能的取值之外，或者任何取值都达不到（`> 100%`）。指标库用
`range: [最小值, 最大值]` 写明指标的取值范围；单位为 `%` 的指标，未写 `range` 时为 [0, 100]。

**原因：**不可能有 120% 的客户满意；这样的目标要么是笔误（本想写 `>= 92%`？），要么是
指标的单位或取值范围与指标库不符。

**错误写法：**
```yaml
  - kpi: csat                 # 单位：“%”
    target: ">= 120%"
```

**正确写法：**
```yaml
  - kpi: csat
    target: ">= 92%"
```""",
    ),
    "ESC001": (
        "`escalates_to` 不在岗位的汇报链上方",
        """岗位的 `escalates_to`（上报对象）不是它的直接或间接上级。

**原因：**上报是向上走的；平级或向下上报，接收的人无法做决定。如果确实要走旁路
（例如一线上报给二线），请写明理由予以豁免。

**错误写法：**
```yaml
id: cs-team-lead
reports_to: cs-supervisor
escalates_to: cs-agent
```

**正确写法：**
```yaml
id: cs-team-lead
reports_to: cs-supervisor
escalates_to: cs-manager
```""",
    ),
    "CAR001": (
        "`career.next` 指向的岗位不存在",
        """岗位的职业发展路径（`career.next`）写的岗位不存在。

**原因：**岗位说明书会许诺一个谁也走不通的下一步。

**错误写法：**
```yaml
career: {next: [cs-senior-agent]}
```

**正确写法：**
```yaml
career: {next: [cs-senior]}
```""",
    ),
    "I18N001": (
        "文本缺少某种已配置的语言",
        """某段文本没有用 `orgc.yaml` 中 `languages` 列出的每种语言书写。直接写的字符串算作
第一种（默认）语言。

**原因：**岗位说明书按语言分别生成；缺少译文时，另一种语言的文档中间会夹着默认语言的文字。

**错误写法：**（`languages: [zh, en]` 时）
```yaml
title: 班组长
```

**正确写法：**
```yaml
title: {zh: 班组长, en: Team lead}
```""",
    ),
    "POL001": (
        "制度已过 `review_by` 复审日期",
        """制度的 `review_by` 日期已经过去（相对于 `--today`，默认是今天）。

**原因：**长期没人复审的管理制度可能已经与组织的实际做法不符；复审后再推后
`review_by`，制度才名副其实。

**错误写法：**（今天是 2027-03-01）
```yaml
review_by: 2027-01-01
```

**正确写法：**先复审制度，然后：
```yaml
review_by: 2028-01-01
```""",
    ),
    "POL002": (
        "制度的 `review_by` 不晚于它的 `effective` 日期",
        """制度的复审日期 `review_by` 与生效日期 `effective` 相同或更早。

**原因：**制度不可能在生效之前就到期复审；两个日期中有一个写错了（常常是年份）。

**错误写法：**
```yaml
effective: 2026-01-01
review_by: 2025-12-31
```

**正确写法：**
```yaml
effective: 2026-01-01
review_by: 2026-12-31
```""",
    ),
}
