"""orgc build: reproducible bytes, atomic publishing, stale files, refusal on errors, --check."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import ROOT, published_tree

GOOD = ROOT / "tests" / "fixtures" / "good"


def orgc(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "orgc", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(GOOD, target)
    return target


def test_two_builds_are_byte_identical_across_hash_seed_timezone_and_time(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    done = orgc("build", str(ROOT), "-o", str(first), env={**env, "PYTHONHASHSEED": "1", "TZ": "UTC"})
    assert done.returncode == 0, done.stderr
    time.sleep(1.1)
    done = orgc(
        "build",
        str(ROOT),
        "-o",
        str(second),
        "--jobs",
        "1",
        env={**env, "PYTHONHASHSEED": "2", "TZ": "Asia/Shanghai", "LC_ALL": "C"},
    )
    assert done.returncode == 0, done.stderr
    one, two = published_tree(first), published_tree(second)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.endswith(".docx") for name in one)
    assert any(name.endswith(".xlsx") for name in one)


def test_committed_out_is_current() -> None:
    """The repository's out/ is the build of its specs (what CI checks with --check)."""
    done = orgc("build", "--check", cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_errors_leave_out_untouched(project: Path) -> None:
    assert orgc("build", str(project)).returncode == 0
    before = published_tree(project / "out")
    role = next((project / "specs" / "roles").glob("*.yaml"))
    role.write_text(role.read_text(encoding="utf-8") + "\nheadcnt: 3\n", encoding="utf-8")
    done = orgc("build", str(project), "--messages", "en")
    assert done.returncode == 1
    assert "E102" in done.stderr and "nothing was built" in done.stderr
    assert published_tree(project / "out") == before


def test_removed_role_leaves_no_file_and_foreign_files_stay(project: Path) -> None:
    roles = project / "specs" / "roles"
    top = next(p.stem for p in roles.glob("*.yaml") if "reports_to" not in p.read_text(encoding="utf-8"))
    extra = roles / "temp-clerk.yaml"
    extra.write_text(
        "id: temp-clerk\ntitle: {zh: 临时文员, en: Temporary clerk}\nunit: "
        + _unit_of(roles / f"{top}.yaml")
        + f"\nreports_to: {top}\npurpose: {{zh: 协助, en: Assist}}\n"
        "duties:\n  - {id: filing, title: {zh: 文件归档, en: Filing}}\n"
        "waive: {KPI002: 临时岗位, I18N001: 临时岗位}\n",
        encoding="utf-8",
    )
    done = orgc("build", str(project))
    assert done.returncode == 0, done.stdout + done.stderr
    out = project / "out"
    assert list(out.rglob("temp-clerk.*"))
    (out / "README.txt").write_text("ours, not orgc's\n", encoding="utf-8")
    extra.unlink()
    done = orgc("build", str(project))
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(out.rglob("temp-clerk.*"))
    assert (out / "README.txt").read_text(encoding="utf-8") == "ours, not orgc's\n"
    assert sorted(p.name for p in project.iterdir()) == sorted([*(p.name for p in GOOD.iterdir()), "out"])


def _unit_of(role_file: Path) -> str:
    line = next(x for x in role_file.read_text(encoding="utf-8").splitlines() if x.startswith("unit:"))
    return line.split(":", 1)[1].strip()


def test_check_reports_stale_output_and_writes_nothing(project: Path) -> None:
    done = orgc("build", str(project), "--check", "--messages", "en")
    assert done.returncode == 1 and "   added  " in done.stdout
    assert "    新增  " in orgc("build", str(project), "--check").stdout  # the project speaks Chinese
    assert not (project / "out").exists()
    assert orgc("build", str(project)).returncode == 0
    assert orgc("build", str(project), "--check").returncode == 0
    md = next((project / "out" / "jd").rglob("*.md"))
    md.write_text("edited by hand\n", encoding="utf-8")
    done = orgc("build", str(project), "--check", "--messages", "en")
    assert done.returncode == 1 and " changed  " in done.stdout
    assert md.read_text(encoding="utf-8") == "edited by hand\n"


def test_rebuild_keeps_unchanged_files_as_they_were(project: Path) -> None:
    assert orgc("build", str(project)).returncode == 0
    md = next((project / "out" / "jd").rglob("*.md"))
    inode = md.stat().st_ino
    done = orgc("build", str(project), "--messages", "en")
    assert done.returncode == 0 and "up to date: nothing changed" in done.stdout
    shutil.rmtree(project / "out" / ".orgc")  # without the build index, everything is rendered again
    done = orgc("build", str(project), "--messages", "en")
    assert done.returncode == 0 and " 0 written" in done.stdout
    assert md.stat().st_ino == inode


def test_lang_and_output_options(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    done = orgc("build", str(project), "-o", str(target), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert (target / "jd" / "en").is_dir() and not (target / "jd" / "zh").exists()
    assert not (project / "out").exists()
    done = orgc("build", str(project), "--lang", "fr")
    assert done.returncode == 2 and "fr" in done.stderr


def test_refuses_to_build_over_the_project(project: Path) -> None:
    done = orgc("build", str(project), "-o", str(project), "--messages", "en")
    assert done.returncode == 2 and "refusing" in done.stderr
    assert (project / "specs").is_dir()


@pytest.mark.parametrize("aim", ["../elsewhere", "/tmp/orgc-aimed-elsewhere"])
def test_orgc_yaml_cannot_aim_the_build_outside_the_project(project: Path, aim: str) -> None:
    (project / "orgc.yaml").write_text(
        (project / "orgc.yaml").read_text(encoding="utf-8") + f"output: {aim}\n", encoding="utf-8"
    )
    done = orgc("build", str(project), "--messages", "en")
    assert done.returncode == 2 and "outside the project" in done.stderr
    assert not (project.parent / "elsewhere").exists() and not Path("/tmp/orgc-aimed-elsewhere").exists()


def test_build_speaks_the_projects_language_unless_told(project: Path) -> None:
    done = orgc("build", str(project), "--messages", "en")
    assert done.returncode == 0 and done.stdout.startswith(f"built {project / 'out'}: ")
    done = orgc("build", str(project))  # orgc.yaml lists zh first
    assert done.returncode == 0 and "已是最新" in done.stdout
    assert orgc("build", str(project), "--check").stdout.strip().endswith("已是最新。")
    done = orgc("build", str(project), "--lang", "fr")
    assert done.returncode == 2 and "--lang fr 不在 orgc.yaml 列出的语言之中：zh、en" in done.stderr
    done = orgc("build", str(project), "--lang", "fr", "--messages", "en")
    assert "--lang fr is not one of the languages in orgc.yaml: zh, en" in done.stderr
