"""orgc diff and orgc show on processes with relative parties: a change of supervisor changes the
resolved A of that role's row, naming "@supervisor" where each role's own was named is no change
for it, and a role is shown the steps it takes part in through the roles it supervises."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from helpers import FIXTURES, TODAY, edit, run_cli

PROJECT = FIXTURES / "relative" / "project"
PROCESS = "specs/processes/leave-request.yaml"


def project(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copytree(PROJECT, tmp_path / name))


def diff_json(old: Path, new: Path) -> dict[str, Any]:
    result = run_cli("diff", old, new, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def raci_cells(data: dict[str, Any]) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (c["row"], c["party"], c["before"], c["after"]) for c in data["changes"] if c["kind"] == "raci-cell"
    ]


def test_a_new_supervisor_takes_the_a_of_that_roles_row_only(tmp_path: Path) -> None:
    old, new = project(tmp_path, "old"), project(tmp_path, "new")
    edit(
        new, "specs/roles/ward-b-nurse.yaml", "reports_to: ward-b-team-lead", "reports_to: ward-b-head-nurse"
    )
    data = diff_json(old, new)
    assert raci_cells(data) == [
        ("leave-request.apply@ward-b-nurse", "ward-b-head-nurse", "I", "A/I"),
        ("leave-request.apply@ward-b-nurse", "ward-b-team-lead", "A", None),
    ]
    assert {c["row_title"] for c in data["changes"] if c["kind"] == "raci-cell"} == {
        "提交请假申请（二病区护士）"
    }
    md = run_cli("diff", old, new, "--today", TODAY, "--lang", "en").stdout
    # the role move is said, and the row of the ward B nurse alone, by its title and the role's
    assert "Ward B team lead (`ward-b-team-lead`) → Ward B head nurse (`ward-b-head-nurse`)" in md
    assert "| Submit the leave request (Ward B nurse) (leave-request.apply@" in md
    assert "ward-a" not in md.split("### Responsibilities")[1]


def test_naming_the_supervisor_relatively_changes_only_the_rows_whose_supervisor_differs(
    tmp_path: Path,
) -> None:
    old, new = project(tmp_path, "old"), project(tmp_path, "new")
    # before: one head nurse named for both wards' nurses, the mistake "@supervisor" repairs
    edit(
        old,
        PROCESS,
        'accountable: "@supervisor"\n    informed',
        "accountable: ward-a-head-nurse\n    informed",
    )
    assert raci_cells(diff_json(old, new)) == [
        ("leave-request.apply@ward-b-nurse", "ward-a-head-nurse", "A", None),
        ("leave-request.apply@ward-b-nurse", "ward-b-team-lead", None, "A"),
    ]


def test_the_same_organisation_written_relatively_or_by_name_is_no_raci_change(tmp_path: Path) -> None:
    old, new = project(tmp_path, "old"), project(tmp_path, "new")
    text = (old / PROCESS).read_text(encoding="utf-8")
    step, rest = text.split("  - id: roster")
    named = step.replace(
        'responsible: [ward-a-nurse, ward-b-nurse]\n    accountable: "@supervisor"\n'
        '    informed: ["@unit-head"]',
        "responsible: [ward-a-nurse]\n    accountable: ward-a-head-nurse\n    informed: [ward-a-head-nurse]",
    )
    assert named != step
    (old / PROCESS).write_text(named + "  - id: roster" + rest, encoding="utf-8")
    edit(new, PROCESS, "responsible: [ward-a-nurse, ward-b-nurse]", "responsible: [ward-a-nurse]")
    assert raci_cells(diff_json(old, new)) == []


def test_show_lists_a_step_once_with_the_letters_resolved_for_the_role() -> None:
    result = run_cli("show", "ward-b-team-lead", "--path", PROJECT, "--messages", "en")
    assert result.exit_code == 0, result.output
    steps = result.stdout.split("Process steps\n")[1].split("\n\n")[0]
    assert steps.splitlines() == ["  A       请假审批流程 › 提交请假申请"]
    assert "@" not in result.stdout
