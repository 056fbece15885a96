"""Full-width punctuation, list bullets and commas in unquoted texts: named where they were typed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import BAD, key_of, materialise, run_check
from orgc.fix import apply_fixes
from orgc.load.punctuation import BULLETS
from orgc.load.yaml_doc import parse_yaml

PUNCTUATION_CASES = sorted(
    case
    for case in (BAD / "E100").iterdir()
    if "says_zh" in (case / "expected.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", PUNCTUATION_CASES, ids=lambda case: case.name)
def test_said_in_chinese_at_the_character(case: Path, tmp_path: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    report = run_check(materialise(case, tmp_path / "project"), messages="zh")
    assert report.keys == sorted(key_of(e) for e in expected)
    for entry in expected:
        found = report.at(key_of(entry))
        assert entry["says_zh"] in found["message"] + "\n" + found["hint"]


@pytest.mark.parametrize("case", PUNCTUATION_CASES, ids=lambda case: case.name)
def test_the_fixes_make_the_file_read(case: Path) -> None:
    (entry, *_) = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    text = (case / entry["file"]).read_text(encoding="utf-8")
    document, problems = parse_yaml(text, entry["file"])
    assert document is None and problems and all(p.fix is not None for p in problems)
    fixed = apply_fixes({entry["file"]: text}, [p.fix for p in problems if p.fix])
    assert not fixed.left
    document, problems = parse_yaml(fixed.texts[entry["file"]], entry["file"])
    assert document is not None and problems == ()


def _one(text: str) -> tuple[tuple[int, int], str, list[tuple[tuple[int, int], tuple[int, int], str]]]:
    document, (problem,) = parse_yaml(text, "f.yaml")
    assert document is None and problem.code == "E100"
    assert problem.fix is not None
    edits = [(e.start, e.end, e.text) for e in problem.fix.edits]
    return (problem.location.line, problem.location.column), problem.message, edits


def test_years_with_a_fullwidth_colon_is_named_on_its_own_line() -> None:
    text = "qualifications:\n  experience:\n    years：3\n    in: {zh: 客服一线}\n"
    assert _one(text) == (
        (3, 10),
        "full-width colon '：' where YAML needs the colon ':'",
        [((3, 10), (3, 11), ": ")],
    )


def test_a_fullwidth_colon_before_a_space_becomes_a_colon() -> None:
    assert _one("id: a\nheadcount： 18\ngrade: M1\n")[2] == [((2, 10), (2, 11), ":")]


def test_a_fullwidth_colon_in_braces_is_the_only_problem(tmp_path: Path) -> None:
    case = BAD / "E100" / "fullwidth-colon-in-braces"
    report = run_check(materialise(case, tmp_path / "project"))
    assert [d["code"] for d in report.diagnostics] == ["E100"]


@pytest.mark.parametrize("bullet", BULLETS)
def test_every_bullet_is_named_with_its_fix(bullet: str) -> None:
    text = f"majors:\n  {bullet} 市场营销\n  {bullet} 工商管理\n"
    document, problems = parse_yaml(text, "f.yaml")
    assert document is None
    assert [(p.location.line, p.location.column) for p in problems] == [(2, 3), (3, 3)]
    assert [(e.start, e.end, e.text) for p in problems if p.fix for e in p.fix.edits] == [
        ((2, 3), (2, 5), "- "),
        ((3, 3), (3, 5), "- "),
    ]
    assert problems[0].message_in("zh") == f"“{bullet}”不是 YAML 的列表符号"


def test_a_comma_in_a_text_is_quoted_with_quotes_that_need_no_escaping() -> None:
    location, message, edits = _one('title: {zh: 班组长, en: Lead, the "night" shift}\n')
    assert location == (1, 26)
    assert message.startswith("the unquoted text 'Lead, the \"night\" shift' holds a comma")
    assert edits == [((1, 22), (1, 22), "'"), ((1, 45), (1, 45), "'")]


def test_the_fullwidth_space_of_an_indentation_is_as_wide_as_the_lines_around() -> None:
    text = "qualifications:\n  education: associate\n　majors: []\n  skills: []\n"
    assert _one(text) == (
        (3, 1),
        "full-width space (U+3000) in the indentation",
        [((3, 1), (3, 2), "  ")],
    )


@pytest.mark.parametrize(
    "text",
    [
        "purpose: {zh: 职责：带领班组，完成目标, en: Leads a team}\n",
        "purpose: 负责：接听电话，记录问题\n",
        "title: Note：night shift\n",
        "tasks: [{zh: 接听电话，记录问题}, {zh: 回访}]\n",
        "purpose: |\n  　　负责客户服务。\n  ・ 包括投诉\n",
        'purpose: "years：3"\n',
        "purpose:\n  Note：x\n",
        "skills:\n  - excel：熟练\n",
        "note: 客服—投诉\n",
        "include: [a, b, c]\n",
        "target: {kpi: csat, weight: 60}\n",
    ],
)
def test_punctuation_in_prose_is_left_alone(text: str) -> None:
    document, problems = parse_yaml(text, "f.yaml")
    assert document is not None and problems == ()


def test_a_syntax_error_elsewhere_is_still_reported() -> None:
    text = "dotted_to: [a，b]\ntitle: 'x\n"
    _, problems = parse_yaml(text, "f.yaml")
    assert [(p.location.line, p.location.column, p.message) for p in problems] == [
        (1, 14, "full-width comma '，' where YAML separates the entries of [ ] or { } with ','"),
        (2, 8, "YAML syntax error: the quoted text that starts here is not closed"),
    ]


def test_every_punctuation_problem_of_a_file_is_reported_in_one_run() -> None:
    text = "id: a\nheadcount：4\ngrade： M1\ntitle: {zh: 甲, 乙, en: b}\n"
    _, problems = parse_yaml(text, "f.yaml")
    assert [(p.location.line, p.location.column) for p in problems] == [(2, 10), (3, 6), (4, 14)]


@pytest.mark.parametrize(
    "text", ["a: &：x\n", "a: *，\n", "a: !：x\n", "%YAML：1.2\n---\na: 1\n", "a: &\n", "- [*]\n"]
)
def test_no_parser_english_reaches_a_chinese_reader(text: str) -> None:
    _, problems = parse_yaml(text, "f.yaml")
    for problem in problems:
        said = problem.message_in("zh") + problem.hint_in("zh")
        assert "alphabetic" not in said and "expected" not in said
        assert re.search("[\u4e00-\u9fff]", problem.message_in("zh"))
