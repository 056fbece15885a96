"""Rule settings in orgc.yaml: off, a level, options; invalid settings are E102 and keep the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import copy_good, run_check, write

TRAINER = "specs/roles/cs-trainer.yaml"
TEAM_LEAD = "specs/roles/cs-team-lead.yaml"
SUPERVISOR = "specs/roles/cs-supervisor.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_good(tmp_path / "project")


def settings(project: Path, *rules: str) -> None:
    lines = ["languages: [zh, en]", "rules:", *(f"  {rule}" for rule in rules)]
    write(project, "orgc.yaml", "\n".join(lines) + "\n")


def unwaive_trainer(project: Path) -> None:
    path = project / TRAINER
    path.write_text(path.read_text(encoding="utf-8").split("waive:")[0], encoding="utf-8")


def test_kpi002_is_reported_once_the_waiver_is_gone(project: Path) -> None:
    unwaive_trainer(project)
    report = run_check(project)
    assert report.keys == [("KPI002", TRAINER, 1, 1)]
    assert report.diagnostics[0]["severity"] == "warning"


def test_kpi002_off_silences_it(project: Path) -> None:
    unwaive_trainer(project)
    settings(project, "KPI002: off")
    assert run_check(project, "--strict").diagnostics == []


@pytest.mark.parametrize(("written", "severity", "exit_code"), [("error", "error", 1), ("info", "info", 0)])
def test_a_level_changes_the_severity(project: Path, written: str, severity: str, exit_code: int) -> None:
    unwaive_trainer(project)
    settings(project, f"KPI002: {written}")
    report = run_check(project)
    assert [d["severity"] for d in report.diagnostics] == [severity]
    assert report.exit_code == exit_code
    assert report.data["summary"][{"error": "errors", "info": "infos"}[severity]] == 1


def test_level_in_the_mapping_form(project: Path) -> None:
    unwaive_trainer(project)
    settings(project, "KPI002: {level: off}")
    assert run_check(project).diagnostics == []


def test_org004_max_and_level(project: Path) -> None:
    # cs-team-lead: 40 agents over 4 positions = 10 each; cs-supervisor: 4 + 1 over 2 = 3 each;
    # cs-director: 2 supervisors over 1 = 2, not above the maximum of 2.
    settings(project, "ORG004: {max: 2, level: error}")
    report = run_check(project)
    assert report.keys == [("ORG004", SUPERVISOR, 5, 1), ("ORG004", TEAM_LEAD, 6, 1)]
    assert {d["severity"] for d in report.diagnostics} == {"error"}
    assert report.exit_code == 1
    assert "10 people per position" in report.at(("ORG004", TEAM_LEAD, 6, 1))["message"]
    assert "above the maximum of 2" in report.diagnostics[0]["message"]


def test_org004_max_alone_keeps_the_warning(project: Path) -> None:
    settings(project, "ORG004: {max: 9}")
    report = run_check(project)
    assert report.keys == [("ORG004", TEAM_LEAD, 6, 1)]
    assert report.diagnostics[0]["severity"] == "warning"
    assert report.exit_code == 0


def test_org008_max(project: Path) -> None:
    settings(project, "ORG008: {max: 2}")
    # director (layer 1) → supervisor (2) → team lead and trainer (3) → agent (4): reported where
    # each chain first passes the limit
    report = run_check(project)
    assert report.keys == [
        ("ORG008", "specs/roles/cs-team-lead.yaml", 4, 13),
        ("ORG008", "specs/roles/cs-trainer.yaml", 4, 13),
    ]


@pytest.mark.parametrize(
    ("setting", "column", "says"),
    [
        ("ORG004: {maximum: 2}", 12, "unknown field 'maximum' in 'rules.ORG004' — did you mean 'max'?"),
        ("ORG004: {max: two}", 17, "should be a whole number"),
        ("ORG004: {max: 2.5}", 17, "should be a whole number"),
        ("ORG004: {max: 0}", 17, "must be at least 1"),
        ("ORG004: {level: fatal}", 19, "'fatal' is not allowed"),
        ("KPI002: of", 11, "did you mean 'off'?"),
        ("KPI002: {max: 3}", 12, "unknown field 'max' in 'rules.KPI002'"),
        ("ORG010: off", 3, "unknown field 'ORG010'"),
    ],
)
def test_an_invalid_setting_is_e102_and_keeps_the_default(
    project: Path, setting: str, column: int, says: str
) -> None:
    settings(project, setting)
    report = run_check(project)
    # line 3 of orgc.yaml; nothing else: the rule runs with its default settings
    assert report.keys == [("E102", "orgc.yaml", 3, column)]
    assert says in report.diagnostics[0]["message"]
    assert report.exit_code == 1


def test_stage_codes_cannot_be_configured(project: Path) -> None:
    settings(project, "E102: off")
    report = run_check(project)
    assert report.keys == [("E102", "orgc.yaml", 3, 3)]


def test_an_empty_orgc_yaml_means_defaults(project: Path) -> None:
    write(project, "orgc.yaml", "")
    # default languages: [zh] only, so the bilingual texts are fine
    assert run_check(project).diagnostics == []


def test_missing_orgc_yaml_means_defaults(project: Path) -> None:
    (project / "orgc.yaml").unlink()
    assert run_check(project).diagnostics == []


def test_unknown_top_level_key(project: Path) -> None:
    write(project, "orgc.yaml", "languages: [zh, en]\nlanguage: [zh]\n")
    report = run_check(project)
    assert report.keys == [("E102", "orgc.yaml", 2, 1)]
    assert "did you mean 'languages'" in report.diagnostics[0]["message"]


def test_a_waiver_for_a_code_that_is_switched_off_is_still_listed(project: Path) -> None:
    settings(project, "KPI002: off")
    (waived,) = run_check(project).data["waived"]
    assert waived["code"] == "KPI002"
