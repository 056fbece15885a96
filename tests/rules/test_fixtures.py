"""The good tree checks clean; every bad case reports exactly its expected diagnostics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import BAD, GOOD, bad_cases, key_of, materialise, run_check
from orgc.rules import RULES

CASES = bad_cases()


def test_good_tree_has_no_diagnostics() -> None:
    report = run_check(GOOD, "--strict")
    assert report.diagnostics == []
    assert report.exit_code == 0
    assert report.data["summary"] == {"errors": 0, "warnings": 0, "infos": 0, "files": 11}


def test_good_tree_lists_its_waiver() -> None:
    report = run_check(GOOD)
    assert report.data["waived"] == [
        {
            "code": "KPI002",
            "file": "specs/roles/cs-trainer.yaml",
            "line": 11,
            "reason": "新设岗位, 考核指标待定",
            "subject": "cs-trainer",
            "suppressed": 1,
        }
    ]


def test_every_code_has_a_bad_case() -> None:
    covered = {case.relative_to(BAD).parts[0] for case in CASES}
    assert covered == set(RULES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.relative_to(BAD).as_posix())
def test_bad_case(case: Path, tmp_path: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert case.relative_to(BAD).parts[0] in {e["code"] for e in expected}, "the case must show its own code"
    report = run_check(materialise(case, tmp_path / "project"))
    assert report.keys == sorted(key_of(e) for e in expected)
    for entry in expected:
        if "says" in entry:
            found = report.at(key_of(entry))
            assert entry["says"] in found["message"] + "\n" + found["hint"]
    errors = any(d["severity"] == "error" for d in report.diagnostics)
    assert report.exit_code == (1 if errors else 0)
