"""orgc's limits and words hold whichever YAML parser reads the file.

PyYAML reads with libyaml when its C extension is there and with its own Python
parser when not; libyaml's limits and wording change between releases (0.2.6
refuses nesting past 1,000 levels on its own). Every E100 case reports the same
place and the same message under both parsers, and in Chinese no parser's
English words come through.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from helpers import BAD, bad_cases, key_of, materialise, run_check, use_python_parser
from orgc.load.parser_words import parser_problem
from orgc.load.yaml_doc import parse_yaml

CJK = re.compile("[\u4e00-\u9fff]")
E100_CASES = [case for case in bad_cases() if case.relative_to(BAD).parts[0] == "E100"]


@pytest.mark.parametrize("case", E100_CASES, ids=lambda case: case.relative_to(BAD).as_posix())
def test_python_parser_reports_every_e100_case_alike(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_python_parser(monkeypatch)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    report = run_check(materialise(case, tmp_path / "project"))
    assert report.keys == sorted(key_of(e) for e in expected)
    for entry in expected:
        if "says" in entry:
            found = report.at(key_of(entry))
            assert entry["says"] in found["message"] + "\n" + found["hint"]


# Texts the parsers can raise, with the context they come in: libyaml's, then PyYAML's.
BROKEN = [
    "a: [b, c",
    "a: {b: c",
    "a: 'b",
    'a: "b\\q"',
    'a: "\\xZZ"',
    "a: @b",
    "a: b: c",
    "- a\nb: c",
    "a:\n  - b\n  c: d",
    "%YAML 1.1\n%YAML 1.1\n---\na: b",
    "%YAML 2.0\n---\na: b",
    "a: &\n",
    "a: *\n",
    "a: !<x\n",
    "a: |0\n  b\n",
    "a: |x\n  b\n",
    "a: b\n--- c\n",
    "a: [" * 1_100 + "]" * 1_100,
    "a:\n" + "".join(f"{'  ' * (level + 1)}k{level}:\n" for level in range(1_100)),
    "a: b\n\tc: d\n",
    "? a\n? b\n: c\n- d",
    "a:\n  b\n c: d",
]


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("text", BROKEN, ids=range(len(BROKEN)))
def test_no_parser_english_reaches_a_chinese_reader(
    text: str, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if parser == "python":
        use_python_parser(monkeypatch)
    document, problems = parse_yaml(text, "specs/x.yaml")
    assert document is None
    (problem,) = problems
    assert problem.code == "E100"
    said = problem.what.render("zh")
    assert CJK.search(said), said
    assert not any(word in said for word in ("found", "expected", "while", "allowed", "nesting")), said


def test_unknown_parser_words_are_not_shown() -> None:
    words = parser_problem("found something no release has said yet")
    assert words.render("en") == "the YAML parser could not read this"
    assert words.render("zh") == "YAML 解析器读不懂这里的内容"


@pytest.mark.skipif(not hasattr(getattr(yaml, "_yaml", None), "_set_max_nest_level"), reason="PyYAML < 6.0.4")
@pytest.mark.parametrize("limit", [66, 200])
def test_depth_limit_is_orgcs_whatever_libyamls_limit(limit: int) -> None:
    """libyaml's nesting limit is a process-wide setting; orgc's 64 levels hold under any of them."""
    before = yaml._yaml._get_max_nest_level()
    yaml._yaml._set_max_nest_level(limit)
    try:
        _, (problem,) = parse_yaml("a: " + "[" * 5_000 + "]" * 5_000, "specs/x.yaml")
    finally:
        yaml._yaml._set_max_nest_level(before)
    assert (problem.code, problem.location.line, problem.location.column) == ("E100", 1, 4 + 64)
    assert problem.what.render("en") == "nesting deeper than 64 levels"
