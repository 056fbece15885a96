"""Writing the import's files: each one atomically (temporary file, then rename), all checked before any is."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import CONFIG_FILE
from ..i18n import Message, os_reason, verbatim
from ..paths import OutsideProject, inside
from . import ImportProblem


class WriteProblem(ImportProblem):
    """A file could not be written, or changed under us (exit code 2)."""


@dataclass(frozen=True)
class FileChange:
    rel: str  # relative to the project, with '/'
    content: bytes
    action: str  # create | replace | merge
    before: bytes | None = None  # for merge: the bytes the change was made from

    def describe(self, units: int = 0) -> Message:
        if self.action == "merge":
            return Message("import.file-merged", file=self.rel, count=units)
        if self.action == "replace":
            return Message("import.file-replaced", file=self.rel)
        return verbatim(self.rel)


def existing(root: Path, changes: Sequence[FileChange]) -> list[str]:
    """The files a change would replace rather than create (org.yaml merges excepted)."""
    return [c.rel for c in changes if c.action != "merge" and (root / c.rel).exists()]


def stage(root: Path, changes: Sequence[FileChange]) -> None:
    """Lay the changed files over a copy of a project (for checking the result before writing it)."""
    for change in changes:
        target = _target(root, change.rel)
        if change.action == "delete":
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(change.content)


def copy_project(source: Path, dest: Path) -> None:
    """The parts of a project `orgc check` reads: orgc.yaml and specs/."""
    dest.mkdir(parents=True, exist_ok=True)
    if (source / "specs").is_dir():
        shutil.copytree(source / "specs", dest / "specs", symlinks=True)
    if (source / CONFIG_FILE).is_file():
        shutil.copyfile(source / CONFIG_FILE, dest / CONFIG_FILE)


def apply(root: Path, changes: Sequence[FileChange], force: bool) -> None:
    """Write every change: all temporary files first, then one rename each; all of them or none.

    Each target is checked again first: a file that appeared since the plan (without
    ``force``), or a file merged, updated or deleted that was edited since it was read, stops
    the import with nothing written. A rename that fails puts back every file renamed before it.
    """
    for change in changes:
        target = _target(root, change.rel)
        if change.action in ("merge", "update", "delete"):
            if _read(target) != change.before:
                raise WriteProblem(Message("import.changed-meanwhile", file=change.rel))
        elif target.exists() and not force and change.action == "create":
            raise WriteProblem(Message("import.appeared-meanwhile", file=change.rel))
    temporaries: list[tuple[Path, Path]] = []
    done: list[tuple[Path, Path | None]] = []  # each target renamed, and where its old bytes are
    try:
        try:
            for change in changes:
                target = _target(root, change.rel)
                if change.action != "delete":
                    target.parent.mkdir(parents=True, exist_ok=True)
                    temporaries.append((_temporary(target, change.content), target))
            for target in (_target(root, c.rel) for c in changes if c.action == "delete"):
                kept = _kept_name(target)
                os.replace(target, kept)
                done.append((target, kept))
            for temporary, target in temporaries:
                with contextlib.suppress(OSError):
                    shutil.copymode(target, temporary)  # a replaced file keeps its permissions
                kept = _keep(target)
                try:
                    os.replace(temporary, target)
                except OSError:
                    if kept is not None:
                        kept.unlink(missing_ok=True)  # the target is still the file it names
                    raise
                done.append((target, kept))
        except OSError:
            _put_back(done)
            raise
    except OSError as exc:
        raise WriteProblem(
            Message("import.cannot-write", file=str(exc.filename or ""), reason=os_reason(exc))
        ) from None
    finally:
        for temporary, _ in temporaries:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    for _, kept in done:
        if kept is not None:
            with contextlib.suppress(OSError):
                kept.unlink()


def _kept_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}.orgc-kept")


def _keep(target: Path) -> Path | None:
    """A second name for the file about to be replaced, so that it can be put back; None if there is none."""
    if not target.exists():
        return None
    kept = _kept_name(target)
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)
    return kept


def _put_back(done: list[tuple[Path, Path | None]]) -> None:
    """Undo the renames made so far, the last first: each target as it was before the import."""
    for target, kept in reversed(done):
        with contextlib.suppress(OSError):
            if kept is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(kept, target)


def _target(root: Path, rel: str) -> Path:
    try:
        return inside(root, rel)
    except OutsideProject as exc:
        raise WriteProblem(Message("import.link", file=exc.rel)) from None


def _temporary(target: Path, content: bytes) -> Path:
    # A dot file beside the target: same file system for the rename, and skipped by `orgc check`.
    path = target.with_name(f".{target.name}.{secrets.token_hex(4)}.orgc-import")
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
