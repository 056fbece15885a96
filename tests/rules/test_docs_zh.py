"""The Chinese diagnostics reference stays beside the English one: every code in both, the same examples."""

from __future__ import annotations

import re

import pytest

from orgc.rules import RULES, all_rules
from orgc.rules.docs import rule_list, rule_text
from orgc.rules.docs_zh import ZH_DOCS

_FENCE = re.compile(r"```yaml\n(.*?)```", re.DOTALL)
_COMMENT = re.compile(r"(^|\s)#.*$")
CJK = re.compile("[\u4e00-\u9fff]")


def examples(doc: str) -> list[list[str]]:
    """The YAML examples of an explanation, without their comments (which are said in its language)."""
    return [[_COMMENT.sub("", line).rstrip() for line in block.splitlines()] for block in _FENCE.findall(doc)]


def test_every_code_is_explained_in_both_languages() -> None:
    assert set(ZH_DOCS) == set(RULES)


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_chinese_explanation_has_the_english_examples_and_sections(code: str) -> None:
    english, (summary, chinese) = RULES[code].doc, ZH_DOCS[code]
    assert examples(chinese) == examples(english)
    assert len(examples(english)) >= 2  # what fails, and its fix
    assert ("**Why:**" in english) == ("**原因：**" in chinese)
    assert ("**Fails:**" in english) == ("**错误写法：**" in chinese)
    assert ("**Fix:**" in english) == ("**正确写法：**" in chinese)
    assert CJK.search(summary) and CJK.search(chinese)
    for name in re.findall(r"`([a-z_.]+)`", RULES[code].summary):  # the keys a summary names
        assert f"`{name}`" in summary


def test_a_translated_comment_still_comments_the_same_line() -> None:
    english = examples(RULES["ORG001"].doc)
    assert english[0] == ["id: cs-agent", "reports_to: cs-teamlead"]
    assert "reports_to: cs-teamlead     # 没有岗位的 id 是这个" in ZH_DOCS["ORG001"][1]


def test_the_reference_in_each_language() -> None:
    zh = rule_text(RULES["KPI004"], "zh")
    assert zh.startswith("KPI004 weights-sum: 写了权重，但权重之和不是 100%\n")
    assert zh.endswith("默认级别：错误；可在 orgc.yaml 中用 `rules: {KPI004: off|info|warning|error}` 设置。")
    assert rule_text(RULES["E100"], "zh").endswith("始终是错误，不能关闭，也不能豁免。")
    en = rule_text(RULES["ORG008"], "en")
    assert "Options: max (default 8)\nDefault severity: warning;" in en
    assert "选项：max（默认 8）\n默认级别：警告；" in rule_text(RULES["ORG008"], "zh")
    listed = rule_list("zh").splitlines()
    assert [line.split()[0] for line in listed] == [r.code for r in all_rules()]
    assert listed[0] == "E100     错误     YAML 语法错误，或文件不是 UTF-8 文本"
