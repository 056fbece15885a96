"""Rebuilds of an organisation whose whole matrix is in long form: raci.csv, raci.xlsx,
assignments.tsv and org.json are taken in runs from the last build's pieces, and come out
byte for byte as a clean build's, also when the store of pieces is damaged."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from helpers import ROOT, build_in_one_process, edit, rebuilt_equals_clean
from orgc.incremental import fragment_store
from orgc.incremental.index import FOLDER
from orgc.render import raci

pytestmark = pytest.mark.slow


def test_whole_files_are_rebuilt_from_their_runs_as_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    project, out = tmp_path / "org", tmp_path / "out"
    Generator(150, seed=5, shape="wide").write(project)
    monkeypatch.setattr(raci, "RUN_OWNERS", 6)  # many runs in a small organisation
    build_in_one_process(project, out)
    made: Counter[str] = Counter()
    lines = raci._run_lines

    def counted(ctx, whole, refs, *more):  # type: ignore[no-untyped-def]
        made[refs[0]] += 1
        return lines(ctx, whole, refs, *more)

    monkeypatch.setattr(raci, "_run_lines", counted)
    edit(project, "specs/roles/r20.yaml", "(岗位代号UB)", "(修订·岗位代号UB)")
    build_in_one_process(project, out)
    assert list(made.values()) == [2]  # one run, for raci.csv and for raci.xlsx
    rebuilt_equals_clean(project, out, tmp_path / "clean")

    # a store of pieces damaged on disk is not trusted: everything is made, to the same bytes
    store = out / FOLDER / fragment_store.FILE
    data = bytearray(store.read_bytes())
    data[len(data) // 2 :: 997] = bytes(len(data[len(data) // 2 :: 997]))
    store.write_bytes(bytes(data))
    edit(project, "specs/roles/r20.yaml", "(岗位代号UC)", "(修订·岗位代号UC)")
    made.clear()
    build_in_one_process(project, out)
    assert len(made) > 20 and set(made.values()) == {2}  # every run made again, not one
    rebuilt_equals_clean(project, out, tmp_path / "clean")
