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
    shards = [out / FOLDER / name for name in fragment_store.FILES if (out / FOLDER / name).is_file()]
    store = max(shards, key=lambda path: path.stat().st_size)  # one file of the store
    data = bytearray(store.read_bytes())
    data[len(data) // 2 :: 997] = bytes(len(data[len(data) // 2 :: 997]))
    store.write_bytes(bytes(data))
    edit(project, "specs/roles/r20.yaml", "(岗位代号UC)", "(修订·岗位代号UC)")
    made.clear()
    build_in_one_process(project, out)
    assert len(made) > 20 and set(made.values()) == {2}  # every run made again, not one
    rebuilt_equals_clean(project, out, tmp_path / "clean")


def test_an_edit_writes_only_the_files_of_the_store_whose_pieces_changed(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    project, out = tmp_path / "org", tmp_path / "out"
    Generator(150, seed=5, shape="wide").write(project)
    build_in_one_process(project, out)
    before = _store(out)
    assert fragment_store.OWNERS in before and len(before) > 100  # the pieces are spread out
    edit(project, "specs/roles/r20.yaml", "(岗位代号UB)", "(修订·岗位代号UB)")
    build_in_one_process(project, out)
    after = _store(out)
    changed = _keys(before) ^ _keys(after)
    touched = {fragment_store.FILES[fragment_store.shard_of(key)] for key in changed}
    rewritten = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert changed and touched <= rewritten  # a file whose pieces changed is written again (or removed) …
    assert rewritten - touched <= {fragment_store.OWNERS}  # … and only such a file
    assert len(rewritten) < len(after) // 4
    assert not [name for name in after if not after[name][0] and name != fragment_store.OWNERS]
    rebuilt_equals_clean(project, out, tmp_path / "clean")


def _keys(store: dict[str, tuple[frozenset[str], tuple[int, int]]]) -> set[str]:
    return set().union(*(keys for keys, _stamp in store.values()))


def _store(out: Path) -> dict[str, tuple[frozenset[str], tuple[int, int]]]:
    """The files of the store of pieces: the keys each holds, and its inode and modification time."""
    from orgc.incremental.index import read_checked

    found = {}
    for path in (out / FOLDER).glob("fragments-*.bin"):
        body = read_checked(path, fragment_store.FORMAT)
        assert body is not None
        stored = fragment_store.decoded(body, bytes(body).partition(b"\n")[0].decode())
        assert stored is not None
        info = path.stat()
        found[path.name] = (frozenset(stored.pieces), (info.st_ino, info.st_mtime_ns))
    return found
