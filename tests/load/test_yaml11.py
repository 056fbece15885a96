"""YAML 1.1 traps: text stays text; only the schema's integers and booleans are typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers import copy_good, edit, run_check
from orgc.pipeline import check

AGENT = "specs/roles/cs-agent.yaml"
TITLE = "title: {zh: 客服专员, en: Customer service agent}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_good(tmp_path / "project")


def _errors(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{d.location} {d.code} {d.message}" for d in result.diagnostics if d.code.startswith("E")]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("yes", "yes"),
        ("2026-01-01", "2026-01-01"),
        ("010", "010"),
        ("1.10", "1.10"),
        ("0x1F", "0x1F"),
        ("1e3", "1e3"),
        (".inf", ".inf"),
        ('"null"', "null"),
        ("'~'", "~"),
    ],
)
def test_titles_stay_text(project: Path, written: str, expected: str) -> None:
    edit(project, AGENT, TITLE, f"title: {{zh: {written}, en: {written}}}")
    result = check(project, date(2026, 6, 1))
    assert _errors(result) == []
    assert result.org.roles["cs-agent"].title.get("zh") == expected
    assert result.org.roles["cs-agent"].title.get("en") == expected


def test_plain_title_no_stays_text(project: Path) -> None:
    edit(project, AGENT, TITLE, "title: no")
    result = check(project, date(2026, 6, 1))
    assert _errors(result) == []
    assert result.org.roles["cs-agent"].title.get("zh") == "no"


def test_grade_010_and_version_1_10_stay_text(project: Path) -> None:
    edit(project, AGENT, "grade: P1", "grade: 010")
    edit(project, "specs/org.yaml", 'version: "2026.1"', "version: 1.10")
    result = check(project, date(2026, 6, 1))
    assert _errors(result) == []
    assert result.org.roles["cs-agent"].grade == "010"
    assert result.org.version == "1.10"


def test_dates_are_read_from_text(project: Path) -> None:
    result = check(project, date(2026, 6, 1))
    policy = result.org.policies["complaint-policy"]
    assert (policy.effective, policy.review_by) == (date(2026, 1, 1), date(2099, 12, 31))


@pytest.mark.parametrize("written", ["4", '"4"', "'4'", "+4", " 4"])
def test_headcount_becomes_an_integer(project: Path, written: str) -> None:
    edit(project, AGENT, "headcount: 40", f"headcount: {written}")
    result = check(project, date(2026, 6, 1))
    assert _errors(result) == []
    assert result.org.roles["cs-agent"].headcount == 4
    assert type(result.org.roles["cs-agent"].headcount) is int


@pytest.mark.parametrize("written", ["4.0", "four", "0x4", "true", "-1"])
def test_headcount_that_is_not_a_whole_number_is_e102(project: Path, written: str) -> None:
    edit(project, AGENT, "headcount: 40", f"headcount: {written}")
    report = run_check(project)
    assert report.keys == [("E102", AGENT, 5, 12)]


@pytest.mark.parametrize(("written", "expected"), [("true", True), ("false", False)])
def test_true_and_false_are_booleans(project: Path, written: str, expected: bool) -> None:
    edit(project, "specs/org.yaml", "external: true", f"external: {written}")
    result = check(project, date(2026, 6, 1))
    assert _errors(result) == []
    assert result.org.units["hr"].external is expected


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "y", "True", "TRUE"])
def test_other_yaml11_booleans_are_e102(project: Path, written: str) -> None:
    edit(project, "specs/org.yaml", "external: true", f"external: {written}")
    report = run_check(project)
    assert report.keys == [("E102", "specs/org.yaml", 14, 15)]
    assert "true or false" in report.diagnostics[0]["message"]


def test_years_of_experience_may_be_a_fraction(project: Path) -> None:
    edit(project, "specs/roles/cs-team-lead.yaml", "years: 2", "years: 1.5")
    result = check(project, date(2026, 6, 1))
    assert _errors(result) == []
    assert result.org.roles["cs-team-lead"].qualifications.experience_years == 1.5
