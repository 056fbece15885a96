"""Chinese wording of every diagnostic, hint and command-line message, by key."""

from __future__ import annotations

# Ids, values and the user's own texts stand in “”; YAML keys and what to type stand in backticks.
MESSAGES: dict[str, str | tuple[str, str]] = {
    # -- shared ---------------------------------------------------------------------------------
    "verbatim": "{text}",
    "schema-description": "{text}",
    "list.and": "、",
    "list.or": "或",
    "did-you-mean": "是否应为“{name}”？",
    "hint.existing-role": "{guess}请填写已有岗位的 id。",
    "hint.invisible-character": "请删除这个看不见的字符（它通常是从其他软件复制文字时带进来的）。",
    "kind.role": "岗位",
    "kind.unit": "部门",
    "kind.kpi": "考核指标",
    "kind.block": "共用职责",
    "kind.duty-block": "共用职责",
    "kind.process": "流程",
    "kind.policy": "制度",
    "kind.role-or-unit": "岗位或部门",
    "kind.unit-or-role": "部门或岗位",
    # -- E100: reading files --------------------------------------------------------------------
    "E100.too-large": "文件大小为 {size:.1f} MB，specs/ 中的文件不能超过 {limit} MB",
    "E100.too-large.hint": "请把它拆成几个文件，或删除不属于组织描述的内容。",
    "E100.utf16": "文件是 UTF-16 编码，不是 UTF-8",
    "E100.utf16.hint": "请把文件另存为 UTF-8 编码（记事本：另存为 → 编码 → UTF-8）。",
    "E100.nul": "文件中有 NUL 字节：这是二进制文件，不是文本",
    "E100.nul.hint": "specs/ 中的文件应是 UTF-8 纯文本；请确认这里保存的是正确的文件。",
    "E100.gbk": "文件不是 UTF-8 编码：看起来是 GBK/GB18030（中文 Windows 的编码）",
    "E100.gbk.hint": (
        "请另存为 UTF-8：在记事本中选择“另存为 → 编码 → UTF-8”；或运行 `iconv -f GB18030 -t UTF-8`。"
    ),
    "E100.not-utf8": "文件不是 UTF-8 文本：字节 0x{byte:02x} 无法解码",
    "E100.not-utf8.hint": "请把文件另存为 UTF-8 编码的文本。",
    "E100.depth": "嵌套超过 {limit} 层",
    "E100.depth.hint": "specs/ 中的文件层次都很浅，请检查这里的缩进。",
    "E100.alias": "specs/ 中的文件不能使用 YAML 别名（*name）",
    "E100.alias.hint": "请把内容完整写出来；多个岗位共有的职责可以放到 specs/duties/ 下的共用职责中。",
    "E100.yaml-error": "YAML 错误：{problem}",
    "E100.control-character": "文件中有控制字符 U+{code:04X}，YAML 不允许使用",
    "E100.syntax": "YAML 语法错误：{problem}",
    "E100.syntax.hint": "请检查这一行附近的缩进和引号。",
    "E100.syntax.not-closed-quote": "从这里开始的引号没有闭合",
    "E100.syntax.not-closed-bracket": "这里的“[”没有闭合",
    "E100.syntax.not-closed-brace": "这里的“{{”没有闭合",
    "E100.syntax.runaway-quote": "从这里开始的引号一直延续到第 {line} 行，是不是少了右引号？",
    "E100.syntax.line-break.hint": "这一行有看不见的字符 U+{code:04X}，YAML 会把它当作换行；请删除它。",
    "E100.syntax.tab": "用了制表符（Tab）缩进",
    "E100.syntax.tab.hint": "请用空格缩进，不要用 Tab。",
    "E100.syntax.second-document": "一个文件只能有一个 YAML 文档，但这里开始了第二个",
    "E100.syntax.second-document.hint": "请删除“---”这一行，或把第二个文档移到单独的文件中。",
    "E100.syntax.control.hint": "请删除这个位置上看不见的控制字符。",
    "E100.tag": "specs/ 中的文件不能使用 YAML 标签“{tag}”",
    "E100.tag.hint": "请删除以“!”开头的标签：specs/ 中的文件只写文本、列表和字段。",
    "E100.key-not-text": "字段名必须是普通文本",
    "E100.key-not-text.hint": "请按 `字段名: 值` 的格式书写。",
    "yaml.expected-colon": "找不到应有的冒号“:”",
    "yaml.mapping-values": "这里不能出现冒号（可能是缩进不对，或者文本中的“: ”需要加引号）",
    "yaml.mapping-values-here": "这里不能出现冒号（可能是缩进不对，或者文本中的“: ”需要加引号）",
    "yaml.expected-key": "这里应是一个字段名（可能是缩进不对）",
    "yaml.expected-dash": "这里应是以“-”开头的列表项（可能是缩进不对）",
    "yaml.bad-start": "值不能以这个字符开头（如 @ 或 `），请给整个值加上引号",
    "yaml.expected-content": "这里缺少内容",
    "yaml.expected-comma-bracket": "这里应是“,”或“]”",
    "yaml.expected-comma-brace": "这里应是“,”或“}}”",
    "yaml.end-of-stream": "文件意外结束（可能少了右引号或右括号）",
    "yaml.sequence-here": "这里不能出现以“-”开头的列表项（可能是缩进不对）",
    "yaml.unknown-escape": "双引号中有无法识别的转义字符“\\”",
    "yaml.expected-line-break": "这里应该换行（或者是注释）",
    "yaml.mapping-keys": "这里不能出现以“? ”开头的字段名",
    "yaml.indentation-or-bracket": "缩进不对，或者“[”“{{”没有闭合",
    "yaml.escape-code": "双引号中的转义（“\\x”“\\u”）后面应是十六进制数字",
    "yaml.document-in-quote": "引号中的文本里出现了以“---”或“...”开头的行（是不是少了右引号？）",
    "yaml.tab": "应该用空格的地方用了制表符（Tab）",
    "yaml.block-indicator": "“|”或“>”后面只能写 1–9 的缩进数字或“+”“-”",
    "yaml.directive": "以“%”开头的行是 YAML 指令，specs/ 中的文件不用它（如果是文本，请加引号）",
    "yaml.anchor-name": "“&”或“*”后面应是名称（如果它是文本的一部分，请给整个值加上引号）",
    "yaml.alias": "specs/ 中的文件不能使用 YAML 别名和锚点（*name、&name）",
    "yaml.tag": "以“!”开头的标签写得不对；specs/ 中的文件不用标签（如果“!”是文本的一部分，请给整个值加上引号）",
    "yaml.document-start": "这里应是文档的开始（请检查缩进，或“---”后面的内容）",
    "yaml.too-deep": "嵌套层数太多",
    "yaml.control-character": "有 YAML 不允许的看不见的控制字符",
    "yaml.too-long": "文件太长",
    "yaml.other": "YAML 解析器读不懂这里的内容",
    # -- E101, E102: what is written ------------------------------------------------------------
    "E101": "字段“{key}”重复了（第一次写在第 {line} 行）",
    "E101.hint": "YAML 只会保留其中一个；请删除或合并重复的字段。",
    "E102.control-character": "文本中有控制字符 U+{code:04X}，Word 和 Excel 无法保存",
    "E102.bidi-control": "文本中有看不见的字符 U+{code:04X}，它会改变周围文字的显示顺序",
    "E102.bidi-control.hint": (
        "请删除它：从右向左书写的文字不需要它也能正确显示；有了它，文档中的一行字可能和这里写的内容读起来不一样。"
    ),
    "E102.link": "这个文件是指向项目以外文件的链接",
    "E102.link.hint": "请把文件复制到项目中，不要使用链接。",
    "E102.link-folder": "这个文件夹是指向项目以外文件夹的链接",
    "E102.link-folder.hint": "请把文件复制到项目中，不要链接整个文件夹。",
    "E102.not-a-file": "这不是可以读取的文件：它是命名管道、设备或失效的链接",
    "E102.not-a-file.hint": "规格文件是普通的文本文件；请删除这一项，或在这里放入文件本身。",
    "E102.file-name": "这个名称中有不是 UTF-8 文本的字节，或看不见的控制字符",
    "E102.file-name.hint": "请用字母、数字和“-”重新命名（岗位文件以岗位 id 命名）。",
    "E102.unreadable": "无法读取这个文件夹：{reason}",
    "E102.unreadable.hint": "请检查它的权限，或把它移出 specs/。",
    "E102.unknown-kind": "orgc 不认识“{file}”这种文件",
    "E102.unknown-kind.hint": (
        "specs/ 中只能有 org.yaml，以及 roles/、kpis/、duties/、processes/、policies/ 中的 YAML 文件；"
        "请移走或删除这个文件。"
    ),
    "E102.no-org": "缺少 specs/org.yaml",
    "E102.no-org.hint": "请创建 specs/org.yaml，写明组织的 id、名称和部门。",
    "E102.waive-unknown": "`waive` 中的“{code}”不是检查项代码",
    "E102.waive-unknown.hint": "所有检查项代码见 README 中的诊断参考（Diagnostics reference）。",
    "E102.waive-stage": "{code} 不能豁免：必须修改文件",
    "E102.waive-stage.hint": "请删除这条豁免，并修正它所报告的问题。",
    "E102.not-a-date": "`{key}`：“{value}”不是真实存在的日期",
    "E102.not-a-date.hint": "请检查月份和日期。",
    "E102.field": "“{path}”",
    "E102.the-file": "文件",
    "E102.value": "“{text}”",
    "E102.unknown-field": "未知字段“{key}”{guess}",
    "E102.unknown-field-in": "{name}中有未知字段“{key}”{guess}",
    "E102.unknown-field.guess": "——是否应为“{name}”？",
    "E102.unknown-field.hint": "这里可以使用的字段：{allowed}。",
    "E102.required": "缺少必填字段“{key}”",
    "E102.required-in": "{name}缺少必填字段“{key}”",
    "E102.required.hint": "请在这里添加一行 `{key}: ...`。",
    "E102.type": "{name}应为{expected}，而不是{actual}",
    "E102.type.string": "文本",
    "E102.type.integer": "整数",
    "E102.type.number": "数字",
    "E102.type.boolean": "“true”或“false”",
    "E102.type.array": "列表",
    "E102.type.object": "一组字段",
    "E102.type.null": "空值",
    "E102.type.text": "文本，或按语言分别书写，如 {{zh: ..., en: ...}}",
    "E102.not-an-id": "{name}的值{value}不是有效的 id",
    "E102.not-an-id.hint": "id 只能包含小写英文字母、数字和“-”，以字母开头，最长 63 个字符，例如 cs-team-lead。",
    "E102.not-a-date-form": "{name}的值{value}不是日期",
    "E102.not-a-date-form.hint": "日期请写成 YYYY-MM-DD，例如 2026-01-31。",
    "E102.not-a-language": "{name}的值{value}不是语言代码",
    "E102.not-a-language.hint": "请使用小写的语言代码，如 zh 或 en（变体可写作 zh-Hant）。",
    "E102.bad-form": "{name}的值{value}格式不对",
    "E102.enum": "{name}不能填写{value}{guess}",
    "E102.enum.guess": "——是否应为“{option}”？",
    "E102.enum.hint": "可选的值：{options}。",
    "E102.empty": "{name}是空的",
    "E102.empty.hint": "请填写内容，或删除这一行。",
    "E102.minimum": "{name}不能小于 {minimum}",
    "E102.repeated": "{name}中有重复的值",
    "E102.repeated.hint": "请删除重复的值。",
    "E102.other": "{name}：{detail}",
    "E102.key-not-a-code": "{key}不是检查项代码",
    "E102.key-not-a-code.hint": "检查项代码形如 ORG004、KPI002；运行 `orgc explain` 可查看完整列表。",
    "E102.key-not-a-language": "{key}不是语言代码",
    "E102.key-not-a-language.hint": "请使用 zh、en 等语言代码，与 orgc.yaml 中的 `languages` 一致。",
    "E102.key-with-comma.hint": (
        '在 {{zh: ..., en: ...}} 中，逗号会开始一个新条目：请给文本加上引号，例如 zh: "甲, 乙"。'
    ),
    "E102.empty-file": "文件是空的",
    "E102.empty-file.hint": "请在文件中写入内容（写法见 README 中的示例），或删除这个文件。",
    "E102.no-value": "{name}没有填写值",
    "E102.no-value.hint": "请在冒号后面填写值，或删除这一行。",
    # -- E103: ids ------------------------------------------------------------------------------
    "E103.id": "id“{id}”已被使用（{first}）",
    "E103.id-of-kind": "id“{id}”已被一个{kind}使用（{first}）",
    "E103.duty": "职责 id“{id}”在“{owner}”中已被使用（{first}）",
    "E103.kpi": "考核指标 id“{id}”已被使用（{first}）",
    "E103.step": "环节 id“{id}”已被使用（{first}）",
    "E103.hint": "每个 id 都必须唯一：请给其中一个改名，并同步修改引用它的地方。",
    "E103.file-name": "岗位 id“{id}”与文件名“{stem}”不一致",
    "E103.file-name.hint": "请把文件改名为 {id}.yaml，或改为 `id: {stem}`。",
    # -- ORG: reporting lines and units ---------------------------------------------------------
    "ORG001": "岗位“{role}”的直接上级“{target}”不是已有岗位",
    "ORG001.hint": "{guess}请填写已有岗位的 id（即 specs/roles/ 下的文件名）。",
    "ORG002": "汇报关系形成了闭环：{path}",
    "ORG002.hint": "请修改其中一个岗位的 `reports_to`，让汇报链最终到达最高岗位。",
    "ORG003": "岗位“{role}”没有 `reports_to`，但只能有一个最高岗位（{also}）",
    "ORG003.top": "最高岗位是“{top}”",
    "ORG003.tops": "没有上级的岗位：{roles}",
    "ORG003.hint": "请添加 `reports_to:`，填写该岗位直接上级的 id。",
    "ORG004": (
        "岗位“{role}”每人直接管理 {span} 人（{reports} 个直接下级岗位共 {people} 人，"
        "本岗位定员 {holders} 人），超过管理幅度上限 {limit} 人"
    ),
    "ORG004.hint": "请增加该岗位的定员，或在它和下级之间增设一层班组长。",
    "ORG005": "岗位“{role}”所属的部门“{unit}”在 specs/org.yaml 中不存在",
    "ORG005.hint": "{guess}请填写 specs/org.yaml 中已有的部门 id，或先在那里添加这个部门。",
    "ORG005.parent": "部门“{unit}”的上级部门“{parent}”不存在",
    "ORG005.parent.hint": "{guess}请填写本文件中另一个部门的 id。",
    "ORG005.cycle": "部门的上下级关系形成了闭环：{path}（前一个是后一个的上级部门）",
    "ORG005.cycle.hint": "请修改其中一个 `parent:`，让部门构成树状层级。",
    "ORG006": "部门“{unit}”的负责岗位“{head}”不是已有岗位",
    "ORG006.hint": "{guess}请填写本部门中某个岗位的 id。",
    "ORG006.outside": "部门“{unit}”的负责岗位“{head}”属于部门“{role_unit}”，不在“{unit}”或其下级部门中",
    "ORG006.outside.hint": "请指定本部门的岗位作为负责岗位，或把该岗位调入本部门。",
    "ORG007": "岗位“{role}”的直接上级“{boss}”定员为 0，目前无人在岗",
    "ORG007.hint": "在该岗位有人到岗之前，请先向有人在岗的岗位汇报；或用 `waive` 豁免 ORG007 并写明原因。",
    "ORG008": "岗位“{role}”位于汇报链的第 {layer} 层（{path}），超过上限 {limit} 层",
    "ORG008.hint": "请减少层级：让该岗位向更高一级的岗位汇报。",
    "ORG009": "岗位“{role}”的虚线上级“{other}”不是已有岗位",
    "ORG009.solid": "岗位“{role}”的虚线上级“{other}”已经是它的直接上级（`reports_to`）",
    "ORG009.solid.hint": "请把它从 `dotted_to` 中删除：实线汇报已经包含了这层关系。",
    "ORG009.self": "岗位“{role}”的虚线上级是它自己",
    "ORG009.self.hint": "请把它从 `dotted_to` 中删除。",
    # -- DUT: duties and process steps ----------------------------------------------------------
    "DUT001": "流程环节“{step}”没有定员大于 0 的负责（R）岗位（`responsible`：{roles}）",
    "DUT001.no-role": "无",
    "DUT001.hint": "请在 `responsible` 中填写定员大于 0 的岗位。",
    "DUT001.block": "共用职责“{block}”没有被任何定员大于 0 的岗位引用",
    "DUT001.block.hint": "请在承担这些职责的岗位中添加 `include: [{block}]`，或删除这个共用职责。",
    "DUT002": "流程环节“{step}”指定了 {count} 个批准（A）岗位：{roles}",
    "DUT002.none": "流程环节“{step}”没有批准（A）岗位，流程也没有负责人（`owner`）",
    "DUT002.hint": "请为该环节填写 `accountable:`（一个岗位 id），或为流程填写 `owner`。",
    "DUT002.duty": "职责“{duty}”指定了 {count} 个批准（A）岗位：{roles}",
    "DUT002.duty.hint": "`accountable` 中只保留一个岗位，其他岗位可以放到 `consulted`（咨询）或 `informed`（知会）中。",
    "DUT003": "`{key}` 中的“{ref}”不是已有的{kind}",
    "DUT003.hint": "{guess}请检查 id 的拼写，或先添加它所指的对象。",
    "DUT003.next": "流程环节“{step}”的下一环节“{following}”不是流程“{process}”中的环节",
    "DUT003.next.hint": "请填写本流程中某个环节的 id。",
    "DUT004": "岗位“{role}”没有任何职责",
    "DUT004.hint": "请添加 `duties:`（工作职责），或用 `include:` 引用共用职责。",
    "DUT005.block": "职责“{title}”在共用职责“{block}”中也写了一遍",
    "DUT005.block-and-roles": "职责“{title}”在共用职责“{block}”和岗位 {roles} 中也写了一遍",
    "DUT005.block.hint": "请删除这里的职责，改为 `include: [{block}]`。",
    "DUT005.roles": "职责“{title}”在岗位 {roles} 中也写了一遍",
    "DUT005.roles.hint": "请把它移到 specs/duties/ 下的共用职责中，再用 `include` 引用。",
    # -- KPI: targets and weights ---------------------------------------------------------------
    "KPI001": "考核指标“{kpi}”的目标“{target}”无法识别",
    "KPI001.hint": "请按“比较符 数值 单位”书写，例如“{example}”。",
    "KPI001.unit": "目标“{target}”的单位是“{unit}”，但考核指标“{kpi}”的单位是“{kpi_unit}”",
    "KPI001.no-unit": "目标“{target}”没有写单位，但考核指标“{kpi}”的单位是“{kpi_unit}”",
    "KPI001.unit.hint": "请用“{kpi_unit}”作单位，例如“{example}”。",
    "KPI002": "岗位“{role}”没有考核指标",
    "KPI002.hint": "请添加 `kpis:`，从考核指标库中选取指标并设定目标；或用 `waive` 豁免 KPI002 并写明原因。",
    "KPI003.higher": "考核指标“{kpi}”的目标“{target}”方向反了：这个指标越高越好",
    "KPI003.lower": "考核指标“{kpi}”的目标“{target}”方向反了：这个指标越低越好",
    "KPI003.hint": "越高越好的指标用 >=，越低越好的指标用 <=。",
    "KPI004": "岗位“{role}”的考核指标权重合计为 {total:g}%，不是 100%",
    "KPI004.hint": "请调整权重，使合计为 100%。",
    # -- ESC, CAR, I18N, POL --------------------------------------------------------------------
    "ESC001": "岗位“{role}”的上报对象“{target}”不是它汇报链上的上级",
    "ESC001.hint": "请上报给汇报链上的上级（见 `orgc show {role}`），或用 `waive` 豁免 ESC001 并写明原因。",
    "CAR001": "岗位“{role}”的职业发展方向“{other}”不是已有岗位",
    "I18N001": "文本“{text}”缺少 {languages} 版本",
    "I18N001.hint": "请写成 {example}。",
    "POL001": "制度“{policy}”应在 {date} 复审，已逾期 {count} 天",
    "POL001.hint": "请与制度负责人一起复审，然后填写新的 `review_by` 日期。",
    # -- reports --------------------------------------------------------------------------------
    "report.hint": "提示：",
    "report.hint-line": "{label}{hint}",
    "report.summary": "{counts}，共检查 {files}",
    "report.waivers": "；{waivers}（详见 `orgc check --format json`）",
    "report.errors": "{count} 个错误",
    "report.warnings": "{count} 个警告",
    "report.infos": "{count} 条信息",
    "report.files": "{count} 个文件",
    "report.waiver-count": "{count} 项豁免",
    # -- the command line -----------------------------------------------------------------------
    "cli.not-a-folder": "{path} 不是文件夹",
    "cli.not-a-project": (
        "{path} 不是 orgc 项目：其中既没有 {config}，也没有 specs/ 文件夹"
        "（运行 `orgc init` 可以新建项目，或者指定项目所在的文件夹）"
    ),
    "cli.cannot-read": "无法读取 {file}：{reason}",
    "cli.no-role": "没有岗位“{role}”。{guess}",
    "cli.specs-have-errors": "注意：specs 中有错误，请运行 `orgc check {path}`。",
    "build.nothing-built": "orgc：未生成任何文件，请先修正上面的错误。",
    # -- orgc show ------------------------------------------------------------------------------
    "show.unit": "所属部门：{name}（{id}）",
    "show.headcount": "定员：{count}",
    "show.grade": "职位级别：{grade}",
    "show.family": "职族：{family}",
    "show.chain": "汇报链",
    "show.top-role": "（最高岗位）",
    "show.reports": "直接下级",
    "show.none": "（无）",
    "show.dotted": "虚线汇报",
    "show.dotted-to": "上级：{role}",
    "show.dotted-from": "下级：{role}",
    "show.escalates-to": "上报对象",
    "show.duties": "工作职责",
    "show.from-block": "（来自 {block}）",
    "show.steps": "参与的流程环节",
    "show.other-duties": "其他职责中被咨询或知会",
    "show.kpis": "考核指标",
    "show.weight": "权重 {weight:g}%",
    # -- orgc build --------------------------------------------------------------------------------
    "build.built": "已生成 {folder}：写入 {written} 个文件，{unchanged} 个未变，删除 {removed} 个{note}",
    "build.warnings-note": "（{count} 个警告，见 `orgc check`）",
    "build.nothing-changed": "{folder} 已是最新：自上次生成以来没有任何改动{note}",
    "build.current": "{folder} 已是最新。",
    "build.differs": "{folder} 不是最新（{count} 个文件不同）；请运行 `orgc build` 并提交结果。",
    "build.unknown-languages": "--lang {asked} 不在 orgc.yaml 列出的语言之中：{languages}",
    "build.holds-the-specs": "拒绝生成到 {folder}：其中有 specs；请另选一个文件夹",
    "build.output-outside": "orgc.yaml 中的 `output: {output}` 在项目之外；请指定项目内的文件夹，或者在命令行中用 -o 选择文件夹",
    "build.not-a-folder": "{folder} 已存在，但不是文件夹",
    "build.cannot-write": "无法写入 {folder}：{reason}",
}

# The `description` of our JSON Schemas (shown as hints of E102), by their English text.
SCHEMA_DESCRIPTIONS: dict[str, str] = {
    "An identifier: lowercase ASCII letters, digits and '-', starting with a letter; safe as a file name.": (
        "id：由小写英文字母、数字和“-”组成，以字母开头，可以直接用作文件名。"
    ),
    "A reference to another entity by id; duties are addressed as ROLE.DUTY, BLOCK.DUTY or PROCESS.STEP.": (
        "用 id 引用其他对象；职责写作 岗位.职责（ROLE.DUTY）、共用职责.职责（BLOCK.DUTY）"
        "或 流程.环节（PROCESS.STEP）。"
    ),
    "Ids are plain ASCII, and this one holds another character: a letter of another alphabet that "
    "looks like a Latin one (Cyrillic а), an accent, or an invisible character such as a zero-width "
    "space, often pasted from a document. Delete the id and type it again.": (
        "id 只能使用英文字符，而这个 id 中有其他字符：可能是外形像英文字母的其他文字（如西里尔字母 а）、"
        "带重音的字母，或零宽空格等看不见的字符，通常是从文档中粘贴进来的。请删除这个 id 后重新输入。"
    ),
    "Windows reserves con, prn, aux, nul, com1 to com9 and lpt1 to lpt9 as device names: a file named "
    "after this id (such as con.docx) cannot be created or opened there. Choose another id, e.g. con-1 "
    "or the full word.": (
        "Windows 把 con、prn、aux、nul、com1 至 com9、lpt1 至 lpt9 保留为设备名：以这个 id 命名的文件"
        "（如 con.docx）在 Windows 上无法创建或打开。请换一个 id，例如 con-1 或完整的单词。"
    ),
    "Text in the default language, or a mapping from language code to text: {zh: 班组长, en: Team lead}.": (
        "默认语言的文本，或按语言代码分别书写：{zh: 班组长, en: Team lead}。"
    ),
    "A calendar date, YYYY-MM-DD.": "日期，格式为 YYYY-MM-DD。",
    "Accepted exceptions: a diagnostic code and the reason it is accepted.": (
        "经批准的例外：检查项代码，以及接受这个例外的理由。"
    ),
    "A duty (工作职责): held by a role, Responsible and Accountable unless named otherwise.": (
        "一项工作职责：由岗位承担；除非另行指定，该岗位同时是负责（R）和批准（A）岗位。"
    ),
    "The one role accountable (A); a list is accepted only so that DUT002 can explain why it must "
    "hold exactly one.": "唯一的批准（A）岗位；这里允许写成列表，只是为了让 DUT002 能说明为什么只能有一个。",
    "The edition of the organisation, shown in every document footer.": (
        "组织架构的版本号，显示在每份文档的页脚。"
    ),
    "The unit (department or team) this role belongs to: an id from specs/org.yaml.": (
        "该岗位所属的部门（或团队）：specs/org.yaml 中的部门 id。"
    ),
    "直接上级: the id of the role this one reports to; omitted only on the top role.": (
        "直接上级：该岗位所汇报的岗位 id；只有最高岗位可以不写。"
    ),
    "定员: positions planned; 0 means planned but unstaffed. Default 1.": (
        "定员：计划的人数；0 表示已规划但暂无人员。默认为 1。"
    ),
    "The target: a comparator (>= > <= < =, or ≥ ≤ ＞ ＜), a number and the KPI's unit, e.g. '>= 85%' "
    "or '<= 5 min'.": (
        "目标：比较符（>= > <= < =，或 ≥ ≤ ＞ ＜）、数值和该考核指标的单位，例如“>= 85%”或“<= 5 min”。"
    ),
    "The KPI's share of the role's assessment: 40% or 40.": "该指标在岗位考核中所占的权重：写作 40% 或 40。",
    "The unit every target must use, e.g. %, min, h, 次, 分.": "所有目标都必须使用的单位，例如 %、min、h、次、分。",
    "How long the step may take: a number and m, h, d or w.": (
        "该环节的时限：数值加 m（分钟）、h（小时）、d（天）或 w（周）。"
    ),
    "Languages of the organisation's texts; the first is the default.": "组织文本所用的语言；第一个是默认语言。",
    "Per diagnostic code: off, info, warning or error, or {level: ..., option: value}.": (
        "按检查项代码设置：off、info、warning 或 error，或写成 {level: ..., 选项: 值}。"
    ),
    "Largest span of control: people each holder of a role manages directly (default 15).": (
        "管理幅度上限：每个在岗人员直接管理的人数（默认 15）。"
    ),
    "Most layers in a reporting chain, counting the top role as layer 1 (default 8).": (
        "汇报链最多的层数，最高岗位算第 1 层（默认 8）。"
    ),
    "Folder of template overrides, relative to the project.": "自定义模板所在的文件夹，相对于项目文件夹。",
    "Folder that orgc build writes, relative to the project (default out).": (
        "orgc build 的输出文件夹，相对于项目文件夹（默认 out）。"
    ),
}
