"""Rebuilds of a project whose processes name relative parties: a job description that shows a
party resolved from "@supervisor" or "@unit-head" is rendered again when the resolution changes,
though no document that changed names that role."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, build_in_one_process, edit, rebuilt_equals_clean

PROJECT = FIXTURES / "relative" / "project"
PROCESS = "specs/processes/leave-request.yaml"
NURSE = "specs/roles/ward-b-nurse.yaml"


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def apply_step_only(tmp_path: Path) -> Path:
    """The project with the leave process's first step alone: the head nurses take part in it only
    as "@unit-head" of the nurses, and no process names them."""
    project = Path(shutil.copytree(PROJECT, tmp_path / "project"))
    first = text(project / PROCESS).split("  - id: roster")[0]
    (project / PROCESS).write_text(first.replace("    next: [roster]\n", ""), encoding="utf-8")
    return project


def test_a_new_supervisor_shows_in_both_supervisors_job_descriptions(tmp_path: Path) -> None:
    project = Path(shutil.copytree(PROJECT, tmp_path / "project"))
    out = tmp_path / "out"
    build_in_one_process(project, out)
    head, lead = out / "jd/zh/ward-b-head-nurse.md", out / "jd/zh/ward-b-team-lead.md"
    assert "提交请假申请 | A |" in text(lead)
    edit(project, NURSE, "reports_to: ward-b-team-lead", "reports_to: ward-b-head-nurse")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "| 提交请假申请 | A/I | 二病区护士（R） |" in text(head)
    assert "提交请假申请" not in text(lead)


def test_a_role_known_to_its_unit_head_only_through_unit_head_is_followed(tmp_path: Path) -> None:
    project = apply_step_only(tmp_path)
    out = tmp_path / "out"
    build_in_one_process(project, out)
    head = out / "jd/en/ward-b-head-nurse.md"
    assert "- Internal: Director of nursing, Ward A head nurse, Ward B team lead, Ward B nurse" in text(head)
    edit(project, NURSE, "en: Ward B nurse", "en: Ward B staff nurse")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "- Internal: Director of nursing, Ward A head nurse, Ward B team lead, Ward B staff nurse" in text(
        head
    )


def test_a_role_moved_to_another_unit_changes_both_unit_heads(tmp_path: Path) -> None:
    project = apply_step_only(tmp_path)
    out = tmp_path / "out"
    build_in_one_process(project, out)
    edit(project, NURSE, "unit: ward-b", "unit: ward-a")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "Ward B nurse" in text(out / "jd/en/ward-a-head-nurse.md")
    assert "Ward B nurse" not in text(out / "jd/en/ward-b-head-nurse.md")


@pytest.mark.parametrize(
    ("old", "new", "head_shows_nurse"),
    [
        ('    informed: ["@unit-head"]\n', "", False),  # the unit heads no longer take part
        ('accountable: "@supervisor"', 'accountable: "@unit-head"', True),  # the supervisors no longer do
    ],
)
def test_a_process_that_names_relative_parties_reaches_the_roles_they_name(
    tmp_path: Path, old: str, new: str, head_shows_nurse: bool
) -> None:
    project = apply_step_only(tmp_path)
    out = tmp_path / "out"
    build_in_one_process(project, out)
    head, lead = out / "jd/en/ward-b-head-nurse.md", out / "jd/en/ward-b-team-lead.md"
    assert "Ward B nurse" in text(head)
    assert "Submit the leave request | A |" in text(lead)
    edit(project, PROCESS, old, new)
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert ("Ward B nurse" in text(head)) is head_shows_nurse
    assert ("Submit the leave request" in text(lead)) is not head_shows_nurse


def test_a_unit_head_renamed_shows_in_the_steps_of_its_unit_s_roles(tmp_path: Path) -> None:
    """The nurse's step informs "@unit-head": the head nurse, whom no document of the nurse's and no
    process names."""
    project = apply_step_only(tmp_path)
    out = tmp_path / "out"
    build_in_one_process(project, out)
    nurse = out / "jd/en/ward-b-nurse.md"
    assert "Ward B head nurse (I)" in text(nurse)
    edit(project, "specs/roles/ward-b-head-nurse.yaml", "en: Ward B head nurse", "en: Ward B chief nurse")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "Ward B chief nurse (I)" in text(nurse)


def test_a_supervisor_renamed_shows_in_the_steps_of_the_other_parties(tmp_path: Path) -> None:
    """The nurses' step is accountable to "@supervisor" and informs ward A's head nurse: her job
    description lists ward B's team lead among the step's parties, though no process names it."""
    project = apply_step_only(tmp_path)
    edit(project, PROCESS, 'informed: ["@unit-head"]', "informed: [ward-a-head-nurse]")
    out = tmp_path / "out"
    build_in_one_process(project, out)
    head = out / "jd/en/ward-a-head-nurse.md"
    assert "Ward B team lead" in text(head)
    edit(project, "specs/roles/ward-b-team-lead.yaml", "en: Ward B team lead", "en: Ward B care lead")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "Ward B care lead" in text(head)
