"""At a size where whole-organisation files are assembled from compressed pieces, an edit's
rebuild is still byte for byte a clean build: raci.xlsx's runs of rows, the handbook's matrices,
the spare tree the publishing starts from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import ROOT, published_tree, run_cli

pytestmark = pytest.mark.slow


def build(project: Path, out: Path) -> None:
    result = run_cli("build", project, "-o", out, "--lang", "zh", "--jobs", "2", "--today", "2026-06-01")
    assert result.exit_code == 0, result.output


def test_edits_of_a_large_organisation_rebuild_to_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    project, out = tmp_path / "org", tmp_path / "out"
    Generator(1000, seed=11, shape="wide").write(project)
    build(project, out)
    role = project / "specs" / "roles" / "r42.yaml"
    for run in range(3):  # the second and third start from the spare tree of the one before
        text = role.read_text(encoding="utf-8")
        role.write_text(text.replace("(岗位代号", f"(修订{run}·岗位代号", 1), encoding="utf-8")
        build(project, out)
    workbook = out / "raci" / "raci.xlsx"
    assert workbook.stat().st_size > 100_000  # large enough to be in compressed runs
    clean = tmp_path / "clean"
    build(project, clean)
    assert published_tree(out) == published_tree(clean)
