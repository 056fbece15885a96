"""The tree a build swaps out is the next build's staging folder: what it may keep, and what never.

After a swap, the old tree is kept as ``out/.orgc/previous``, holding only the files that are
the very files of the new output (hard links: the same inode), so that the next build leaves
them in place instead of linking 20,000 files anew. Nothing else of an earlier build (a removed
role's JD, an earlier version of a changed file) stays anywhere in the output folder, and
nothing planted there (a link, a file with other bytes) reaches the output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import published_tree
from orgc import publish
from orgc.render.context import OutputFile

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="renameat2 exchange, hard links")


def outputs(files: dict[str, bytes], kept: tuple[str, ...] = ()) -> Iterator[OutputFile]:
    return (
        OutputFile(path, b"" if path in kept else data, kept=path in kept) for path, data in files.items()
    )


def spare_files(out: Path) -> dict[str, int]:
    spare = out / publish.SPARE
    return {p.relative_to(spare).as_posix(): p.stat().st_ino for p in spare.rglob("*") if p.is_file()}


def built(out: Path, files: dict[str, bytes], kept: tuple[str, ...] = ()) -> publish.Published:
    (out / publish.CACHE).mkdir(parents=True, exist_ok=True)  # as the build index makes it
    return publish.publish(out, outputs(files, kept))


FIRST = {"jd/zh/a.md": b"a\n", "jd/zh/b.md": b"b\n", "jd/zh/gone.md": b"removed role\n", "org.json": b"1\n"}
SECOND = {"jd/zh/a.md": b"a\n", "jd/zh/b.md": b"b, reworded\n", "org.json": b"2\n"}


def test_the_spare_tree_holds_only_files_of_the_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, FIRST)
    built(out, SECOND, kept=("jd/zh/a.md",))
    assert published_tree(out) == {**SECOND, publish.MANIFEST: published_tree(out)[publish.MANIFEST]}
    # a.md alone was the same file in both builds: neither gone.md nor the old b.md or org.json
    assert spare_files(out) == {"jd/zh/a.md": (out / "jd/zh/a.md").stat().st_ino}


def test_a_kept_file_stays_in_place_and_a_changed_one_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, FIRST)
    built(out, SECOND, kept=("jd/zh/a.md",))
    inode = (out / "jd/zh/a.md").stat().st_ino
    third = {**SECOND, "org.json": b"3\n", "jd/zh/new.md": b"new\n"}
    result = built(out, third, kept=("jd/zh/a.md", "jd/zh/b.md"))
    assert (result.written, result.unchanged) == (2, 2)
    assert "jd/zh/a.md" in result.linked and "jd/zh/b.md" in result.linked
    assert (out / "jd/zh/a.md").stat().st_ino == inode
    assert published_tree(out) == {**third, publish.MANIFEST: published_tree(out)[publish.MANIFEST]}
    assert sorted(spare_files(out)) == ["jd/zh/a.md", "jd/zh/b.md"]
    assert os.listdir(tmp_path) == ["out"]  # nothing beside it


def test_a_link_planted_in_the_spare_tree_is_never_followed(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep\n", encoding="utf-8")
    built(out, FIRST)
    built(out, SECOND, kept=("jd/zh/a.md",))
    spare = out / publish.SPARE
    (spare / "jd" / "zh" / "a.md").unlink()
    (spare / "jd" / "zh").rmdir()
    (spare / "jd" / "zh").symlink_to(elsewhere, target_is_directory=True)  # e.g. from a pull request
    (spare / "org.json").symlink_to(elsewhere / "keep.txt")
    third = {**SECOND, "jd/zh/c.md": b"c\n"}
    built(out, third, kept=("jd/zh/a.md", "jd/zh/b.md", "org.json"))
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep\n"
    assert published_tree(out) == {**third, publish.MANIFEST: published_tree(out)[publish.MANIFEST]}
    assert not (out / "jd" / "zh").is_symlink()


def test_a_file_of_other_bytes_in_the_spare_tree_is_not_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, FIRST)
    built(out, SECOND, kept=("jd/zh/a.md",))
    planted = out / publish.SPARE / "jd" / "zh" / "a.md"
    planted.unlink()
    planted.write_bytes(b"forged\n")  # the same name, another file
    built(out, SECOND, kept=tuple(SECOND))
    assert (out / "jd/zh/a.md").read_bytes() == b"a\n"


def test_files_of_others_are_carried_and_a_deleted_one_does_not_come_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    built(out, FIRST)
    (out / "README.txt").write_text("ours, not orgc's\n", encoding="utf-8")
    (out / "drafts").mkdir()
    built(out, SECOND, kept=("jd/zh/a.md",))
    assert (out / "README.txt").is_file() and (out / "drafts").is_dir()
    (out / "README.txt").unlink()
    (out / "drafts").rmdir()
    built(out, SECOND, kept=tuple(SECOND))
    assert not (out / "README.txt").exists() and not (out / "drafts").exists()
