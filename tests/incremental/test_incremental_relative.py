"""Rebuilds of a project whose processes name relative parties: a job description that shows a
party resolved from "@supervisor" or "@unit-head" is rendered again when the resolution changes,
though no document that changed names that role."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import FIXTURES, TODAY, edit, published_tree, run_cli

PROJECT = FIXTURES / "relative" / "project"
PROCESS = "specs/processes/leave-request.yaml"


def build(project: Path, out: Path) -> None:
    result = run_cli("build", project, "-o", out, "--today", TODAY, "--messages", "en", "--jobs", "1")
    assert result.exit_code == 0, result.output


def rebuilt_equals_clean(project: Path, out: Path, clean: Path) -> None:
    build(project, out)
    build(project, clean)
    assert published_tree(out) == published_tree(clean)


def test_a_new_supervisor_shows_in_both_supervisors_job_descriptions(tmp_path: Path) -> None:
    project = Path(shutil.copytree(PROJECT, tmp_path / "project"))
    out = tmp_path / "out"
    build(project, out)
    head = out / "jd/zh/ward-b-head-nurse.md"
    lead = out / "jd/zh/ward-b-team-lead.md"
    assert "提交请假申请 | A |" in lead.read_text(encoding="utf-8")
    edit(
        project,
        "specs/roles/ward-b-nurse.yaml",
        "reports_to: ward-b-team-lead",
        "reports_to: ward-b-head-nurse",
    )
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "| 提交请假申请 | A/I | 二病区护士 (R) |" in head.read_text(encoding="utf-8")
    assert "提交请假申请" not in lead.read_text(encoding="utf-8")


def test_a_role_known_to_its_unit_head_only_through_unit_head_is_followed(tmp_path: Path) -> None:
    project = Path(shutil.copytree(PROJECT, tmp_path / "project"))
    # the head nurses take part in the process only as "@unit-head" of the nurses
    text = (project / PROCESS).read_text(encoding="utf-8")
    (project / PROCESS).write_text(
        text.split("  - id: roster")[0].replace("    next: [roster]\n", ""), "utf-8"
    )
    out = tmp_path / "out"
    build(project, out)
    head = out / "jd/en/ward-b-head-nurse.md"
    assert "- Internal: Ward B nurse, Ward B team lead, Director of nursing" in head.read_text(
        encoding="utf-8"
    )
    edit(project, "specs/roles/ward-b-nurse.yaml", "en: Ward B nurse", "en: Ward B staff nurse")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "- Internal: Ward B staff nurse, Ward B team lead, Director of nursing" in head.read_text(
        encoding="utf-8"
    )


def test_a_role_moved_to_another_unit_changes_both_unit_heads(tmp_path: Path) -> None:
    project = Path(shutil.copytree(PROJECT, tmp_path / "project"))
    text = (project / PROCESS).read_text(encoding="utf-8")
    (project / PROCESS).write_text(
        text.split("  - id: roster")[0].replace("    next: [roster]\n", ""), "utf-8"
    )
    out = tmp_path / "out"
    build(project, out)
    edit(project, "specs/roles/ward-b-nurse.yaml", "unit: ward-b", "unit: ward-a")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "Ward B nurse" in (out / "jd/en/ward-a-head-nurse.md").read_text(encoding="utf-8")
    assert "Ward B nurse" not in (out / "jd/en/ward-b-head-nurse.md").read_text(encoding="utf-8")
