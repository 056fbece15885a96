"""Hostile inputs end in one located E100/E102 and exit 1: no crash, no hang, no code run.

Each case writes one file into a copy of the good tree; the expected position is
derived from the text the test itself writes.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from helpers import GOOD, copy_good, run_check, use_python_parser, write

AGENT = "specs/roles/cs-agent.yaml"
GOOD_AGENT = (GOOD / AGENT).read_text(encoding="utf-8")


def only(project: Path, code: str, file: str, line: int, column: int, says: str) -> dict:
    """Check ``project``: exactly one diagnostic, at this place, saying this; exit code 1."""
    report = run_check(project)
    assert report.keys == [(code, file, line, column)]
    (diagnostic,) = report.diagnostics
    assert says in diagnostic["message"]
    assert diagnostic["severity"] == "error"
    assert report.exit_code == 1
    return diagnostic


@pytest.fixture(autouse=True, params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every case holds with libyaml and with PyYAML's own parser (installs without the C extension)."""
    if request.param == "python":
        use_python_parser(monkeypatch)
    return request.param


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_good(tmp_path / "project")


def test_python_tag_is_refused_and_never_run(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = GOOD_AGENT.replace("grade: P1", f'grade: !!python/object/apply:os.system ["touch {marker}"]')
    write(project, AGENT, text)
    only(project, "E100", AGENT, 6, 8, "tag 'tag:yaml.org,2002:python/object/apply:os.system'")
    assert not marker.exists()


def test_local_tag_is_refused(project: Path) -> None:
    write(project, AGENT, GOOD_AGENT.replace("grade: P1", "grade: !secret P1"))
    only(project, "E100", AGENT, 6, 8, "tag '!secret'")


def test_billion_laughs_stops_at_the_first_alias(project: Path) -> None:
    lines = ['a0: &a0 "lol"']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    write(project, AGENT, "\n".join(lines) + "\n")
    # line 2 is `a1: &a1 [*a0, ...`: the first alias starts in column 10
    diagnostic = only(project, "E100", AGENT, 2, 10, "aliases")
    assert "Write the value out in full" in diagnostic["hint"]


@pytest.mark.parametrize("depth", [1_100, 200_000])
def test_deep_nesting_is_refused_quickly(project: Path, depth: int) -> None:
    # `grade: [[[…`: the first `[` (column 8) is level 1, level 65 is the first past the limit
    write(project, AGENT, GOOD_AGENT.replace("grade: P1", "grade: " + "[" * depth + "]" * depth))
    started = time.perf_counter()
    only(project, "E100", AGENT, 6, 8 + 64, "nesting deeper than 64 levels")
    assert time.perf_counter() - started < 5  # generous: before the fix, 200,000 crashed the C parser


def test_deep_block_nesting_is_refused(project: Path) -> None:
    nested = "".join(f"{'  ' * level}k{level}:\n" for level in range(1_100))
    write(project, AGENT, nested)
    # the keys of the root mapping are level 1, so key k64 (line 65, indented 128) is level 65
    only(project, "E100", AGENT, 65, 129, "nesting deeper than 64 levels")


def test_gbk_file_is_located_at_the_first_chinese_character(project: Path) -> None:
    write(project, AGENT, GOOD_AGENT.encode("gbk"))
    diagnostic = only(project, "E100", AGENT, 2, 13, "GBK")  # `title: {zh: 客服专员`
    assert "UTF-8" in diagnostic["hint"]


def test_utf16_file(project: Path) -> None:
    write(project, AGENT, GOOD_AGENT.encode("utf-16"))
    only(project, "E100", AGENT, 1, 1, "UTF-16")


def test_utf8_bom_is_accepted(project: Path) -> None:
    write(project, AGENT, b"\xef\xbb\xbf" + GOOD_AGENT.encode("utf-8"))
    assert run_check(project).diagnostics == []


def test_tab_indentation(project: Path) -> None:
    text = GOOD_AGENT.replace("title: {zh: 客服专员, en: Customer service agent}", "title:\n\tzh: 客服专员")
    write(project, AGENT, text)
    diagnostic = only(project, "E100", AGENT, 3, 1, "tab character")
    assert "spaces" in diagnostic["hint"]


def test_raw_vertical_tab_in_a_title(project: Path) -> None:
    write(project, AGENT, GOOD_AGENT.replace("客服专员,", "客服\x0b专员,"))
    only(project, "E100", AGENT, 2, 15, "U+000B")  # `title: {zh: 客服` is 14 characters


def test_escaped_vertical_tab_in_a_title(project: Path) -> None:
    write(project, AGENT, GOOD_AGENT.replace("{zh: 客服专员,", '{zh: "客服\\v专员",'))
    only(project, "E102", AGENT, 2, 13, "U+000B")


def test_nul_byte(project: Path) -> None:
    write(project, AGENT, GOOD_AGENT.replace("grade: P1", "grade: P\x001"))
    only(project, "E100", AGENT, 6, 9, "NUL")


@pytest.mark.parametrize("megabytes", [4.01, 50])
def test_file_over_the_size_limit(project: Path, megabytes: float) -> None:
    size = int(megabytes * 1024 * 1024)
    padding = "# padding\n" * (size // 10)
    write(project, AGENT, GOOD_AGENT + padding)
    diagnostic = only(project, "E100", AGENT, 1, 1, "spec files are limited to 4 MB")
    assert f"{size / 1048576:.1f} MB" in diagnostic["message"]


def test_link_to_a_file_outside_the_project(project: Path, tmp_path: Path) -> None:
    outside = write(tmp_path, "secret.yaml", "password: hunter2\n")
    (project / "specs/roles/cs-secret.yaml").symlink_to(outside)
    only(project, "E102", "specs/roles/cs-secret.yaml", 1, 1, "outside the project")
