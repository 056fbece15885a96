"""Hostile files and folders under specs/: every one ends in a located E102, never a hang or a crash.

Named pipes, devices, links and names that are not text cannot live in the fixture
folders (git does not keep them), so each test makes its own in a copy of the good
tree. Every check runs under a timeout in a child process where a hang is possible.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from helpers import GOOD, copy_good, run_check, run_cli, write
from orgc.load.discover import discover
from orgc.load.text import MAX_FILE_BYTES, read_spec

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files: pipes, links, byte names")

ROLES = "specs/roles"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_good(tmp_path / "project")


def _check_in_child(project: Path, *options: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``orgc check`` as a process, so that a hang fails the test instead of stopping the suite."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "orgc",
            "check",
            str(project),
            "--messages",
            "en",
            "--today",
            "2026-06-01",
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _keys(report: dict) -> list[tuple[str, str, int, int]]:
    return sorted((d["code"], d["file"], d["line"], d["column"]) for d in report["diagnostics"])


def test_a_named_pipe_is_reported_not_read(project: Path) -> None:
    os.mkfifo(project / ROLES / "pipe.yaml")
    started = time.perf_counter()
    done = _check_in_child(project, "--format", "json")  # before the fix: waited forever on the pipe
    assert time.perf_counter() - started < 30
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert _keys(report) == [("E102", f"{ROLES}/pipe.yaml", 1, 1)]
    assert "named pipe" in report["diagnostics"][0]["message"]


def test_read_spec_refuses_a_pipe_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    decoded = read_spec(pipe, "specs/roles/pipe.yaml")  # opened without blocking
    assert decoded.text is None and decoded.problem is not None
    assert decoded.problem.code == "E102"


def test_a_huge_file_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:  # 50 MB, sparse: nothing is written but its size
        handle.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        decoded = read_spec(huge, "specs/roles/huge.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert decoded.problem is not None and "50.0 MB" in str(decoded.problem.message)
    assert peak < MAX_FILE_BYTES // 4  # nothing of the file was read into memory


def test_a_huge_orgc_yaml_is_refused_without_reading_it(project: Path) -> None:
    with (project / "orgc.yaml").open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: its size, and none of its bytes
    tracemalloc.start()
    try:
        report = run_check(project)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ("E100", "orgc.yaml", 1, 1) in report.keys
    assert peak < 20 * 1024 * 1024  # before: all 50 MB were read before the size was looked at


def test_a_broken_link_and_a_link_loop(project: Path) -> None:
    (project / ROLES / "gone.yaml").symlink_to("no-such-file.yaml")
    (project / ROLES / "loop.yaml").symlink_to("loop.yaml")
    report = run_check(project)
    assert report.keys == [("E102", f"{ROLES}/gone.yaml", 1, 1), ("E102", f"{ROLES}/loop.yaml", 1, 1)]
    assert all("broken link" in d["message"] for d in report.diagnostics)


def test_a_linked_folder_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    write(outside, "cs-spy.yaml", "id: cs-spy\n")
    (project / ROLES / "more").symlink_to(outside, target_is_directory=True)
    report = run_check(project)
    assert report.keys == [("E102", f"{ROLES}/more", 1, 1)]
    assert "folder outside the project" in report.diagnostics[0]["message"]


def test_specs_itself_linked_outside_the_project_is_refused(tmp_path: Path) -> None:
    outside = copy_good(tmp_path / "elsewhere")
    project = tmp_path / "project"
    project.mkdir()
    (project / "orgc.yaml").write_bytes((GOOD / "orgc.yaml").read_bytes())
    (project / "specs").symlink_to(outside / "specs", target_is_directory=True)
    report = run_check(project)
    assert ("E102", "specs", 1, 1) in report.keys
    assert not any(d["file"].startswith("specs/roles/") for d in report.diagnostics)  # nothing was read there


def test_a_linked_folder_inside_the_project_is_read_once(project: Path) -> None:
    # roles kept elsewhere in the repository and linked in: read, where before they were skipped
    shared = project / "shared-roles"
    shared.mkdir()
    (project / ROLES / "cs-trainer.yaml").rename(shared / "cs-trainer.yaml")
    (project / ROLES / "shared").symlink_to(shared, target_is_directory=True)
    (project / ROLES / "again").symlink_to(shared, target_is_directory=True)  # the same folder twice
    (project / ROLES / "up").symlink_to("..", target_is_directory=True)  # a loop back to specs/
    found = [f.rel for f in discover(project).files if f.kind == "role"]
    assert found.count(f"{ROLES}/again/cs-trainer.yaml") + found.count(f"{ROLES}/shared/cs-trainer.yaml") == 1
    assert not any("/up/" in rel for rel in found)
    assert run_check(project).keys == []


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_a_file_name_that_is_not_utf8(project: Path, fmt: str) -> None:
    name = os.fsencode(project / ROLES) + b"/\xff\xfe.yaml"
    with open(name, "wb") as handle:
        handle.write(b"id: x\n")
    done = _check_in_child(project, "--format", fmt)  # before the fix: SARIF crashed on the name
    assert done.returncode == 1, done.stdout + done.stderr
    assert "internal error" not in done.stderr
    assert f"{ROLES}/\ufffd\ufffd.yaml" in done.stdout or "%EF%BF%BD" in done.stdout


def test_a_file_name_with_a_line_break_or_a_bidi_control(project: Path) -> None:
    write(project, f"{ROLES}/cs-a\ngent.yaml", "id: x\n")
    write(project, f"{ROLES}/cs-\u202egent.yaml", "id: x\n")
    report = run_check(project)
    assert report.keys == sorted(
        [("E102", f"{ROLES}/cs-\ufffdgent.yaml", 1, 1), ("E102", f"{ROLES}/cs-a\ufffdgent.yaml", 1, 1)]
    )
    assert all("name" in d["message"] for d in report.diagnostics)


def test_a_folder_that_cannot_be_listed(project: Path) -> None:
    locked = project / ROLES / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with the power to read any folder (root): the folder stays readable")
        report = run_check(project)
        assert report.keys == [("E102", f"{ROLES}/locked", 1, 1)]
    finally:
        locked.chmod(0o755)


def test_an_unknown_kind_in_a_linked_folder_is_still_reported(project: Path) -> None:
    notes = project / "notes"
    write(notes, "todo.txt", "later\n")
    (project / "specs" / "notes").symlink_to(notes, target_is_directory=True)
    assert run_check(project).keys == [("E102", "specs/notes/todo.txt", 1, 1)]


def test_check_exit_code_for_a_missing_specs_folder_is_unchanged(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "orgc.yaml").write_text("languages: [zh]\n", encoding="utf-8")
    result = run_cli("check", project, "--format", "json", "--messages", "en", "--today", "2026-06-01")
    assert result.exit_code == 1
    assert [d["file"] for d in json.loads(result.stdout)["diagnostics"]] == ["specs/org.yaml"]


# -- a spec folder of 100,000 tiny files -------------------------------------------------------------

MANY_FILES = 100_000


@pytest.mark.slow
def test_a_hundred_thousand_tiny_files_finish_in_bounded_time(project: Path) -> None:
    # one KPI per file: every file is read, parsed, validated and modelled
    kpis = project / "specs" / "kpis"
    for i in range(MANY_FILES):
        (kpis / f"k{i:06d}.yaml").write_text(
            f"kpis:\n  - {{id: k{i}, name: {{zh: 指标{i}, en: K{i}}}, unit: '%', direction: higher-is-better}}\n",
            encoding="utf-8",
        )
    started = time.perf_counter()
    done = _check_in_child(project, "--format", "json", timeout=600)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["summary"]["files"] == 11 + MANY_FILES
    # measured: about 17 s on two busy cores (0.17 ms a file); the bound is for slower CI machines
    assert seconds < 180, seconds
