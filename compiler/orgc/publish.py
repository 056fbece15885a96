"""Putting a build into the output folder all at once, or not at all.

The new tree is written to a staging folder beside the output folder and swapped
in with one rename, so a failed or killed build leaves the previous output as it
was. Files orgc wrote last time are listed in ``.orgc-manifest``; other files in
the output folder (a README someone added) are carried over untouched. Unchanged
files are hard-linked from the previous output rather than rewritten.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .render.context import OutputFile

MANIFEST = ".orgc-manifest"
OWNER = ".orgc-owner"  # in the staging folder while a build writes it


class PublishError(Exception):
    """The output folder cannot be written (exit code 2)."""


@dataclass(frozen=True)
class Published:
    written: int  # new or changed files
    unchanged: int
    removed: int  # files of the previous build that are no longer produced


@dataclass(frozen=True)
class Difference:
    path: str
    change: str  # added | changed | removed


def staging_for(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.orgc-staging"


def _previous_for(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.orgc-previous"


def read_manifest(out_dir: Path) -> list[str]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str) and _safe(f)] if isinstance(files, list) else []


def _safe(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and ".." not in parts and "" not in parts


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder; a second one waits and says for whom.

    The lock is an flock on the folder that holds the output folder, so no lock file
    is left behind; who holds it is written in the staging folder while it works.
    """
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            import click

            click.echo(f"orgc: waiting for {_holder(out_dir)} to finish building {out_dir} …", err=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _holder(out_dir: Path) -> str:
    try:
        return (staging_for(out_dir) / OWNER).read_text(encoding="utf-8").strip() or "another build"
    except OSError:
        return "another build"


def recover(out_dir: Path) -> None:
    """Finish or undo a swap that a killed build left half done."""
    previous = _previous_for(out_dir)
    if previous.exists():
        if out_dir.exists():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.rename(previous, out_dir)
    shutil.rmtree(staging_for(out_dir), ignore_errors=True)


def publish(out_dir: Path, outputs: Iterable[OutputFile]) -> Published:
    """Write ``outputs`` as the new content of ``out_dir`` (call inside ``locked``)."""
    try:
        return _publish(out_dir, outputs)
    except OSError as exc:
        shutil.rmtree(staging_for(out_dir), ignore_errors=True)
        raise PublishError(f"cannot write {exc.filename or out_dir}: {exc.strerror or exc}") from exc


def _publish(out_dir: Path, outputs: Iterable[OutputFile]) -> Published:
    recover(out_dir)
    staging = staging_for(out_dir)
    staging.mkdir(parents=True)
    (staging / OWNER).write_text(f"orgc build (pid {os.getpid()})\n", encoding="utf-8")
    old_manifest = set(read_manifest(out_dir)) if out_dir.is_dir() else set()
    written = unchanged = 0
    produced: list[str] = []
    for output in outputs:
        if not _safe(output.path):
            raise PublishError(f"refusing to write outside the output folder: {output.path!r}")
        target = staging / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        previous = out_dir / output.path
        if output.path in old_manifest and _same(previous, output.data):
            os.link(previous, target)
            unchanged += 1
        else:
            target.write_bytes(output.data)
            written += 1
        produced.append(output.path)
    new_files = set(produced)
    (staging / MANIFEST).write_text(
        json.dumps({"files": sorted(new_files)}, indent=0, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    if out_dir.is_dir():
        _carry_foreign_files(out_dir, staging, old_manifest | new_files | {MANIFEST})
    (staging / OWNER).unlink()
    _swap(staging, out_dir)
    return Published(written, unchanged, len(old_manifest - new_files))


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _carry_foreign_files(out_dir: Path, staging: Path, ours: set[str]) -> None:
    for dirpath, _dirnames, filenames in os.walk(out_dir):
        for name in filenames:
            source = Path(dirpath) / name
            rel = source.relative_to(out_dir).as_posix()
            if rel in ours:
                continue
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
            else:
                os.link(source, target)


def _swap(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging)
        return
    previous = _previous_for(out_dir)
    os.rename(out_dir, previous)
    os.rename(staging, out_dir)
    shutil.rmtree(previous)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


def compare(out_dir: Path, outputs: Iterable[OutputFile]) -> list[Difference]:
    """How ``out_dir`` differs from what a build would write (nothing is written)."""
    manifest = set(read_manifest(out_dir))
    differences = []
    produced = set()
    for output in outputs:
        produced.add(output.path)
        path = out_dir / output.path
        if not path.is_file():
            differences.append(Difference(output.path, "added"))
        elif not _same(path, output.data):
            differences.append(Difference(output.path, "changed"))
    differences += [Difference(p, "removed") for p in sorted(manifest - produced) if (out_dir / p).exists()]
    if manifest != produced and not differences:
        differences.append(Difference(MANIFEST, "changed"))
    return differences
