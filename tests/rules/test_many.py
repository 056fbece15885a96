"""Dozens of faults across many files, all reported in one run.

Every fault in tests/fixtures/many is marked on its own line with ``# FAULT CODE``
(several codes when one line holds several faults); those marks are the
expectation, so the test reads the YAML, not a copy of the tool's output.
"""

from __future__ import annotations

import re
from collections import Counter

from helpers import MANY, run_check

_MARK = re.compile(r"# FAULT ((?:[A-Z0-9]+ ?)+)")


def marked_faults() -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(MANY.rglob("*.yaml")):
        rel = path.relative_to(MANY).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = _MARK.search(line)
            if match:
                found += [(code, rel, number) for code in match[1].split()]
    return sorted(found)


def test_every_marked_fault_is_reported_in_one_run() -> None:
    report = run_check(MANY)
    expected = marked_faults()
    assert len(expected) >= 36
    reported = sorted((d["code"], d["file"], d["line"]) for d in report.diagnostics)
    assert reported == expected


def test_count_and_codes() -> None:
    report = run_check(MANY)
    expected = Counter(code for code, _, _ in marked_faults())
    assert report.codes == expected
    assert set(report.codes) == {
        *("E100", "E101", "E102", "E103"),
        *(f"ORG00{n}" for n in range(1, 10)),
        *(f"DUT00{n}" for n in range(1, 6)),
        *("KPI001", "KPI002", "KPI003", "KPI004", "ESC001", "CAR001", "I18N001", "POL001"),
    }
    summary = report.data["summary"]
    assert summary["errors"] + summary["warnings"] == len(report.diagnostics) == sum(expected.values())
    assert summary["files"] == len(list(MANY.rglob("*.yaml")))
    assert report.exit_code == 1
