"""Files that file managers, Office and editors leave under specs/: skipped with an info, never inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import TODAY, copy_good, run_check, run_cli, write
from orgc.load.clutter import _CLUTTER, clutter
from orgc.load.discover import discover

# name under specs/ -> what the English message calls it
LEFT_BEHIND = {
    "Thumbs.db": "Windows' thumbnail cache",
    "roles/thumbs.db": "Windows' thumbnail cache",
    "desktop.ini": "Windows' folder settings",
    "roles/Desktop.ini": "Windows' folder settings",
    ".DS_Store": "macOS Finder's folder settings",
    "roles/~$cs-agent.docx": "an Office lock file",
    "roles/~$岗位说明书.xlsx": "an Office lock file",
    "roles/.~lock.cs-agent.yaml#": "a LibreOffice lock file",
    "roles/#cs-agent.yaml#": "an Emacs auto-save file",
    "roles/.cs-agent.yaml.swp": "an editor's swap file",
    "roles/cs-agent.swp": "an editor's swap file",
    "roles/cs-agent.yaml~": "an editor's backup copy",
    "roles/cs-agent.yaml.bak": "an editor's backup copy",
    "kpis/service.BAK": "an editor's backup copy",
}


@pytest.mark.parametrize("rel", sorted(LEFT_BEHIND))
def test_each_file_left_behind_is_skipped_with_an_info(tmp_path: Path, rel: str) -> None:
    project = copy_good(tmp_path / "p")
    write(project, f"specs/{rel}", b"\x00\xff not yaml")
    found = discover(project)
    assert f"specs/{rel}" not in [f.rel for f in found.files]
    ((code, severity, where),) = [(d.code, d.severity.label, str(d.location)) for d in found.problems]
    assert (code, severity, where) == ("E102", "info", f"specs/{rel}:1:1")
    report = run_check(project, "--strict")
    (entry,) = report.diagnostics
    assert (entry["code"], entry["severity"], entry["file"], entry["line"], entry["column"]) == (
        "E102",
        "info",
        f"specs/{rel}",
        1,
        1,
    )
    assert entry["message"].startswith(f"skipped: {LEFT_BEHIND[rel]}")
    assert report.exit_code == 0 and report.data["summary"]["infos"] == 1


def test_the_info_is_said_in_chinese(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    write(project, "specs/roles/~$cs-agent.docx", b"")
    (entry,) = run_check(project, messages="zh").diagnostics
    assert (
        entry["message"]
        == "已跳过：这是由 Office 生成的锁定文件（对应的文档正在 Word、Excel 或 WPS 中打开），不是规格文件"
    )
    assert "删除或保留均可" in entry["hint"]


@pytest.mark.parametrize(
    "name",
    [
        "cs-agent.yaml",
        "org.yaml",
        "notes.txt",
        "thumbs.db.yaml",
        "cs-agent~.yaml",
        "a#b.yaml",
        "~",
        ".gitkeep",
    ],
)
def test_other_names_are_not_taken_for_clutter(name: str) -> None:
    assert clutter(name) is None


def test_other_unknown_files_are_still_errors(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    write(project, "specs/roles/cs-agent.yaml.orig", "id: x\n")
    (entry,) = run_check(project).diagnostics
    assert (entry["code"], entry["severity"]) == ("E102", "error")


def test_a_folder_with_a_backup_name_is_still_read(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    write(project, "specs/old~/cs-agent.yaml", "id: cs-agent\n")
    (entry,) = run_check(project).diagnostics
    assert (entry["code"], entry["severity"], entry["file"]) == ("E102", "error", "specs/old~/cs-agent.yaml")


def test_files_left_behind_are_not_inputs_of_a_build(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    out = tmp_path / "out"

    def build() -> str:
        result = run_cli("build", project, "-o", out, "--today", TODAY, "--messages", "en")
        assert result.exit_code == 0, result.output
        return result.output

    build()
    for rel in LEFT_BEHIND:
        write(project, f"specs/{rel}", "opened in an editor")
    write(project, "templates/~$reference.docx", b"lock")
    assert "is up to date: nothing changed since the last build" in build()
    write(project, "specs/roles/cs-agent.yaml.bak", "edited again")
    assert "is up to date: nothing changed since the last build" in build()


@pytest.mark.parametrize(
    "name",
    [
        "cs-agent.yaml",
        "org.yml",
        "~$cs-agent.yaml",  # an Office lock file of a spec opened in Word
        ".~lock.cs-agent.yaml#",
        "#cs-agent.yaml#",
        "cs-agent.yaml~",
        "cs-agent.yaml.bak",
        "cs-agent.yaml.swp",
        "cs-agent.YAML",
        "~cs-agent.yaml",
        "$cs-agent.yaml",
        ".yaml",
        "~$.yml",
    ],
)
def test_a_name_passed_over_at_once_is_one_no_pattern_takes(name: str) -> None:
    """Names ending in .yaml or .yml skip the patterns (nearly every name): the answer is the same."""
    by_patterns = next((what for pattern, what in _CLUTTER if pattern.fullmatch(name)), None)
    assert clutter(name) == by_patterns
