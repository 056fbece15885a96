"""The commands check, show, schema and explain: output and exit codes (0 ok, 1 spec errors, 2 usage/I/O)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import GOOD, MANY, TODAY, copy_good, edit, run_cli
from orgc import resources
from orgc.rules import RULES, all_rules

# -- check: exit codes ------------------------------------------------------------------------------


def test_good_tree_exits_0() -> None:
    result = run_cli("check", GOOD, "--today", TODAY, "--messages", "en")
    assert result.exit_code == 0
    assert result.stdout == "0 errors, 0 warnings in 11 files; 1 waiver (see `orgc check --format json`)\n"


def test_errors_exit_1() -> None:
    assert run_cli("check", MANY, "--today", TODAY).exit_code == 1


def _warning_only(tmp_path: Path) -> Path:
    project = copy_good(tmp_path / "project")
    edit(project, "specs/roles/cs-agent.yaml", 'target: ">= 85%"', 'target: "<= 85%"')  # KPI003, a warning
    return project


def test_warnings_exit_0_without_strict_and_1_with_it(tmp_path: Path) -> None:
    project = _warning_only(tmp_path)
    plain = run_cli("check", project, "--today", TODAY)
    assert plain.exit_code == 0
    assert "warning KPI003" in plain.stdout
    assert run_cli("check", project, "--today", TODAY, "--strict").exit_code == 1
    for fmt in ("json", "github", "sarif"):
        assert run_cli("check", project, "--format", fmt, "--strict", "--today", TODAY).exit_code == 1


def test_strict_on_a_clean_tree_exits_0() -> None:
    assert run_cli("check", GOOD, "--strict", "--today", TODAY).exit_code == 0


def test_a_folder_that_is_not_a_project_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path)
    assert result.exit_code == 2
    assert "not an orgc project" in result.stderr


def test_a_missing_folder_exits_2(tmp_path: Path) -> None:
    assert run_cli("check", tmp_path / "nowhere").exit_code == 2


def test_a_file_instead_of_a_folder_exits_2() -> None:
    assert run_cli("check", GOOD / "orgc.yaml").exit_code == 2


@pytest.mark.parametrize("today", ["2026-13-01", "tomorrow", "01/06/2026", ""])
def test_a_bad_today_exits_2(today: str) -> None:
    result = run_cli("check", GOOD, "--today", today)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_an_unknown_format_exits_2() -> None:
    assert run_cli("check", GOOD, "--format", "xml").exit_code == 2


def test_today_decides_pol001() -> None:
    before = run_cli("check", GOOD, "--today", "2099-12-31", "--format", "json", "--messages", "en")
    after = run_cli("check", GOOD, "--today", "2100-01-01", "--format", "json", "--messages", "en")
    assert json.loads(before.stdout)["diagnostics"] == []
    (overdue,) = json.loads(after.stdout)["diagnostics"]
    assert (overdue["code"], overdue["file"], overdue["line"], overdue["column"]) == (
        "POL001",
        "specs/policies/complaint-policy.yaml",
        6,
        12,
    )
    assert "(1 day ago)" in overdue["message"]


def test_only_orgc_yaml_makes_a_project(tmp_path: Path) -> None:
    (tmp_path / "orgc.yaml").write_text("languages: [zh]\n", encoding="utf-8")
    result = run_cli("check", tmp_path, "--format", "json")
    assert result.exit_code == 1
    (missing,) = json.loads(result.stdout)["diagnostics"]
    assert (missing["code"], missing["file"]) == ("E102", "specs/org.yaml")


def test_path_defaults_to_the_current_folder() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "orgc", "check", "--today", TODAY, "--messages", "en"],
        cwd=GOOD,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0 errors, 0 warnings in 11 files")


def test_the_console_script_exit_codes(tmp_path: Path) -> None:
    # the `orgc` script installed beside this Python (PATH may not include a venv's bin/)
    script = shutil.which("orgc", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the orgc console script is not installed beside this Python")
    codes = [
        subprocess.run([script, "check", *args], capture_output=True, check=False).returncode
        for args in (
            [str(GOOD), "--today", TODAY],
            [str(MANY), "--today", TODAY],
            [str(tmp_path)],
        )
    ]
    assert codes == [0, 1, 2]


def test_output_is_the_same_under_any_hash_seed() -> None:
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "orgc", "check", str(MANY), "--format", "json", "--today", TODAY],
            capture_output=True,
            text=True,
            check=False,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("0", "1", "2", "3")
    }
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["diagnostics"]


# -- show -------------------------------------------------------------------------------------------


def test_show_a_role() -> None:
    result = run_cli("show", "cs-team-lead", "--path", GOOD, "--messages", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "班组长 (cs-team-lead)"

    def section(title: str) -> list[str]:
        start = lines.index(title) + 1
        end = next((i for i in range(start, len(lines)) if not lines[i].startswith("  ")), len(lines))
        return [line.strip() for line in lines[start:end]]

    # reports_to: cs-supervisor, whose reports_to is cs-director
    assert section("Chain of command") == ["客服主管 (cs-supervisor) → 客服总监 (cs-director)"]
    # cs-agent reports to cs-team-lead and has headcount 40
    assert section("Direct reports") == ["客服专员 (cs-agent) ×40"]
    # its own duty and the shared block's: Responsible and Accountable for both
    duties = section("Duties")
    assert [d.split()[0] for d in duties] == ["A/R", "A/R"]
    assert "任务调派与跟踪 [daily]" in duties[0]
    assert "每月固定2天进行接线支援 [monthly]" in duties[1] and "frontline-common" in duties[1]
    # receive: accountable cs-team-lead; resolve: responsible cs-team-lead (accountable: the owner)
    steps = section("Process steps")
    assert [s.split()[0] for s in steps] == ["A", "R"]
    assert "接收并记录客户投诉" in steps[0] and "处理并回复客户" in steps[1]
    assert section("KPI targets") == [
        "工单关闭率 (ticket-closure-rate): >= 95%  weight 60%",
        "客户满意度 (csat): 85%  weight 40%",
    ]


def test_show_the_top_role_in_english() -> None:
    result = run_cli("show", "cs-director", "--path", GOOD, "--lang", "en")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("Customer service director (cs-director)\n")
    assert "(top role)" in text
    assert "Customer service supervisor (cs-supervisor) ×2" in text
    assert "Customer satisfaction (csat): >= 90%" in text


def test_show_an_unknown_role_exits_2_with_a_guess() -> None:
    result = run_cli("show", "cs-teamlead", "--path", GOOD, "--messages", "en")
    assert result.exit_code == 2
    assert "Did you mean 'cs-team-lead'?" in result.stderr


def test_show_outside_a_project_exits_2(tmp_path: Path) -> None:
    assert run_cli("show", "cs-agent", "--path", tmp_path).exit_code == 2


# -- schema -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["role", "org", "kpis", "duties", "process", "policy", "config", "common"])
def test_schema_prints_valid_json(name: str) -> None:
    result = run_cli("schema", name)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    file_name = "orgc.schema.json" if name == "config" else f"{name}.schema.json"
    assert schema == resources.schema(file_name)


def test_schema_role_by_file_name() -> None:
    result = run_cli("schema", "role.schema.json")
    assert json.loads(result.stdout)["$id"] == "role.schema.json"


def test_all_schemas() -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)) == set(resources.schema_names())


def test_unknown_schema_exits_2() -> None:
    result = run_cli("schema", "nope")
    assert result.exit_code == 2
    assert "role.schema.json" in result.stderr


# -- explain ----------------------------------------------------------------------------------------


def test_explain_org004() -> None:
    result = run_cli("explain", "ORG004", "--messages", "en")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("ORG004 span-of-control: ")
    for part in ("**Why:**", "**Fails:**", "**Fix:**", "max (default 15)", "Default severity: warning"):
        assert part in text
    assert RULES["ORG004"].doc in text


def test_explain_is_case_insensitive_and_stage_codes_say_they_cannot_be_waived() -> None:
    result = run_cli("explain", "e100", "--messages", "en")
    assert result.exit_code == 0
    assert "cannot be switched off or waived" in result.stdout


def test_explain_lists_every_code() -> None:
    result = run_cli("explain")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == [r.code for r in all_rules()]


def test_explain_markdown_has_a_section_per_code() -> None:
    text = run_cli("explain", "--markdown").stdout
    assert all(f"### {code}\n" in text for code in RULES)


def test_explain_an_unknown_code_exits_2() -> None:
    assert run_cli("explain", "ORG999").exit_code == 2


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["build", "--help"], ["init", "--help"]])
def test_help_starts_without_the_heavy_libraries(args: list[str]) -> None:
    """The commands import what they need when they run; asking for help imports none of it."""
    program = (
        "import sys\n"
        "from orgc.cli import cli\n"
        f"try: cli.main({args!r}, prog_name='orgc')\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('networkx', 'jsonschema', 'yaml', 'orgc.pipeline') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"
