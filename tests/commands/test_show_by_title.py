"""orgc show takes a role's unique title as well as its id; a title of several roles, or of none, exits 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import BAD, GOOD, materialise, run_cli


@pytest.mark.parametrize("given", ["班组长", "Team lead", " team LEAD ", "Ｔｅａｍ ｌｅａｄ"])
def test_show_a_role_by_its_title(given: str) -> None:
    by_title = run_cli("show", given, "--path", GOOD, "--messages", "en")
    by_id = run_cli("show", "cs-team-lead", "--path", GOOD, "--messages", "en")
    assert by_title.exit_code == 0
    assert by_title.stdout.splitlines()[0] == "班组长 (cs-team-lead)"
    assert by_title.stdout == by_id.stdout


def test_an_id_is_taken_before_a_title(tmp_path: Path) -> None:
    """A role titled with another role's id does not hide that role."""
    project = materialise(BAD / "E102" / "ambiguous-title", tmp_path / "project")
    role = project / "specs" / "roles" / "qa-supervisor.yaml"
    role.write_text(
        role.read_text(encoding="utf-8").replace("en: Quality supervisor", "en: cs-agent"), "utf-8"
    )
    result = run_cli("show", "cs-agent", "--path", project, "--messages", "en")
    assert result.stdout.splitlines()[0] == "客服专员 (cs-agent)"


def test_a_title_of_several_roles_lists_them_and_exits_2(tmp_path: Path) -> None:
    project = materialise(BAD / "E102" / "ambiguous-title", tmp_path / "project")
    english = run_cli("show", "主管", "--path", project, "--messages", "en")
    assert english.exit_code == 2
    assert english.stdout == ""
    assert (
        '"主管" is the title of 2 roles: cs-supervisor (in Customer service center), '
        "qa-supervisor (in Customer service center). Give the id of the one meant."
    ) in english.stderr
    chinese = run_cli("show", "主管", "--path", project, "--messages", "zh")
    assert chinese.exit_code == 2
    assert "“主管”是 2 个岗位的名称：cs-supervisor（客服中心）、qa-supervisor（客服中心）" in chinese.stderr


def test_an_unknown_title_suggests_the_closest_titles() -> None:
    result = run_cli("show", "班长", "--path", GOOD, "--messages", "zh")
    assert result.exit_code == 2
    assert "没有岗位“班长”。是否应为“班组长”（cs-team-lead）？" in result.stderr
    english = run_cli("show", "Team leader", "--path", GOOD, "--messages", "en")
    assert english.exit_code == 2
    assert "no role 'Team leader'. Did you mean \"Team lead\" (cs-team-lead)?" in english.stderr
