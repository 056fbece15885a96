"""Putting a build into the output folder all at once, or not at all.

The new tree is written to a staging folder beside the output folder and swapped
in with one rename, so a failed or killed build leaves the previous output as it
was. Files orgc wrote last time are listed in ``.orgc-manifest``; other files in
the output folder (a README someone added) are carried over untouched. Unchanged
files are hard-linked from the previous output rather than rewritten. Written
files are flushed to disk before the swap, so that a power cut cannot leave a
swapped-in folder of empty files.

The tree swapped out is not deleted but kept as ``.orgc/previous`` inside the new
output (a cache, like the rest of ``.orgc/``), and the next build starts its staging
folder from it: a file there that is still the very file of the output (the same
inode, so the same bytes) stays where it is. After a one-role edit at 10,000 roles,
that leaves a handful of files to link or write instead of 20,000 to link and as
many to delete.

orgc only replaces a folder it can tell is its own: a new or empty folder, or one
with a manifest, or one that holds nothing but what the build writes. A folder of
other files (a home folder given as ``-o ~``) and a link are refused.

``ORGC_PAUSE_AT=<point>`` (for tests) stops the process with SIGSTOP at one point
of publishing, after printing ``orgc: paused at <point>`` on stderr, so that a test
can kill it exactly there or let it continue: ``render`` (the first file is in the
staging folder), ``swap`` (the staging folder is complete, just before the swap) and
``swapped`` (the new output is in place, the old one not yet deleted).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import signal
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .i18n import Message, os_reason, verbatim

if TYPE_CHECKING:
    from .render.context import OutputFile

MANIFEST = ".orgc-manifest"
OWNER = ".orgc-owner"  # in the staging folder while a build writes it
CACHE = ".orgc"  # the build's caches (``incremental``), never published
SPARE = f"{CACHE}/previous"  # the tree the last build swapped out: the next one's staging folder


class PublishError(Exception):
    """The output folder cannot be written (exit code 2): ``message`` says why, ``str()`` in English."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Published:
    written: int  # new or changed files
    unchanged: int
    removed: int  # files of the previous build that are no longer produced
    linked: frozenset[str] = frozenset()  # kept files: hard links to the previous build's


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
    return [f for f in files if isinstance(f, str) and safe_path(f)] if isinstance(files, list) else []


def safe_path(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and ".." not in parts and "" not in parts and "\0" not in rel


# -- one build at a time ----------------------------------------------------------------------------

_HELD_LOCKS: set[int] = set()


def _close_held_locks() -> None:
    """In a forked child (a render worker): let go of the parent's lock descriptors.

    An flock belongs to the open file, which a fork shares: a worker left running for a
    moment after its parent was killed would otherwise hold the lock, and the next build
    would wait for a build that no longer exists.
    """
    for handle in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(handle)
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_close_held_locks)


@contextlib.contextmanager
def locked(out_dir: Path, lang: str = "en") -> Iterator[None]:
    """One build at a time per output folder; a second one waits and says for whom (in ``lang``).

    The lock is an flock on the folder that holds the output folder, so no lock file
    is left behind; who holds it is written in the staging folder while it works. The
    kernel releases it when the holder exits, however it exits.
    """
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        problem = Message("publish.cannot-create", folder=str(out_dir), reason=_reason(exc, parent))
        raise PublishError(problem) from None
    _HELD_LOCKS.add(handle)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            waiting = Message("publish.waiting", holder=_holder(out_dir), folder=str(out_dir))
            print(waiting.render(lang), file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        _HELD_LOCKS.discard(handle)
        os.close(handle)


def _holder(out_dir: Path) -> Message:
    """Who holds the lock: from the kernel's list of locks (Linux), else from the staging folder."""
    pid = _flock_holder(out_dir.parent)
    if pid is not None:
        return verbatim(f"orgc build (pid {pid})")
    try:
        owner = (staging_for(out_dir) / OWNER).read_text(encoding="utf-8").strip()
    except OSError:
        owner = ""
    return verbatim(owner) if owner else Message("publish.another-build")


def _flock_holder(folder: Path) -> int | None:
    """The process holding an flock on ``folder``, from /proc/locks; None where that is not known."""
    try:
        info = os.stat(folder)
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    inode = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
    for line in lines:  # "2: FLOCK  ADVISORY  WRITE 21742 fe:00:2260995 0 EOF"; "->" marks a waiter
        fields = line.split()
        if "FLOCK" in fields and "->" not in fields and len(fields) >= 8 and fields[5] == inode:
            with contextlib.suppress(ValueError):
                return int(fields[4])
    return None


def _reason(exc: OSError, path: Path) -> Message:
    """What went wrong, in words: a file in the way, a read-only disk, a full one."""
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        blocking = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            return Message("publish.is-a-file", path=str(blocking))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return Message("publish.disk-full", error=os_reason(exc))
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return Message("publish.read-only", error=os_reason(exc))
    return os_reason(exc)


# -- after a killed build --------------------------------------------------------------------------


def recover(out_dir: Path) -> None:
    """Finish or undo a swap that a killed build left half done; remove its staging folder."""
    previous = _previous_for(out_dir)
    if _is_real_dir(previous):
        if out_dir.exists() or out_dir.is_symlink():
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.rename(previous, out_dir)
    else:
        _remove(previous)
    _remove(staging_for(out_dir))


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _remove(path: Path) -> None:
    """Delete a folder tree, or a file or link (never what a link points to)."""
    if _is_real_dir(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):  # (unlinking what is not there fails with EROFS on a read-only disk)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


# -- publishing ----------------------------------------------------------------------------------


def publish(out_dir: Path, outputs: Iterable[OutputFile]) -> Published:
    """Write ``outputs`` as the new content of ``out_dir`` (call inside ``locked``)."""
    _check_target(out_dir)
    try:
        return _publish(out_dir, outputs)
    except OSError as exc:
        _remove(staging_for(out_dir))
        where = _as_output(Path(exc.filename) if exc.filename else out_dir, out_dir)
        raise PublishError(
            Message("publish.cannot-write", path=str(where), reason=_reason(exc, where))
        ) from exc
    except BaseException:
        _remove(staging_for(out_dir))
        raise


def _as_output(path: Path, out_dir: Path) -> Path:
    """A path of the staging or previous folder, named as the place in the output folder it stands for."""
    for stand_in in (staging_for(out_dir), _previous_for(out_dir)):
        if path == stand_in or stand_in in path.parents:
            return out_dir / path.relative_to(stand_in)
    return path


def _check_target(out_dir: Path) -> None:
    if out_dir.is_symlink():
        raise PublishError(Message("publish.is-a-link", folder=str(out_dir), target=os.readlink(out_dir)))
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(Message("publish.not-a-folder", folder=str(out_dir)))


def _publish(out_dir: Path, outputs: Iterable[OutputFile]) -> Published:
    recover(out_dir)
    staging = staging_for(out_dir)
    spare = _spare(out_dir, staging)  # the files of the spare tree, or None: a new staging folder
    base = spare is not None
    if not base:
        staging.mkdir(parents=True)
    (staging / OWNER).write_text(f"orgc build (pid {os.getpid()})\n", encoding="utf-8")
    has_manifest = (out_dir / MANIFEST).is_file()
    old_manifest = set(read_manifest(out_dir)) if out_dir.is_dir() else set()
    written = unchanged = 0
    produced: list[str] = []
    linked: set[str] = set()
    shared: set[str] = set()  # files that are the last build's own (linked, or left in place)
    folders: set[str] = set()  # made in staging already: one mkdir per folder, not per file
    # paths as strings: a build publishes tens of thousands of files, and Path objects cost
    # more than the links themselves
    staging_top, out_top = str(staging), str(out_dir)
    for output in outputs:
        if not safe_path(output.path):
            raise PublishError(Message("publish.outside", path=repr(output.path)))
        target = f"{staging_top}/{output.path}"
        folder = output.path.rpartition("/")[0]
        if folder not in folders:
            _make_folder(staging_top, folder, base)
            folders.add(folder)
        previous = f"{out_top}/{output.path}"
        if output.kept:  # the caller verified that the last build's file is still exactly right
            if _placed(previous, target, base):
                linked.add(output.path)
                shared.add(output.path)
            else:
                shutil.copyfile(previous, target)
            unchanged += 1
        elif output.path in old_manifest and _same(previous, output.data):
            if _placed(previous, target, base):
                shared.add(output.path)
            else:
                _write(target, output.data)
            unchanged += 1
        else:
            if base:
                _unlink(target)
            _write(target, output.data)
            written += 1
        produced.append(output.path)
        if len(produced) == 1:
            _pause("render")
    new_files = set(produced)
    if spare:  # what the spare tree holds besides this build's files: older outputs, others' files
        _prune(staging, spare - new_files - {OWNER})
    if out_dir.is_dir():
        if not has_manifest:
            _refuse_foreign_folder(out_dir, {p.split("/")[0] for p in new_files})
        _carry_foreign_files(out_dir, staging, old_manifest | new_files | {MANIFEST})
    manifest = json.dumps({"files": sorted(new_files)}, indent=0, ensure_ascii=False) + "\n"
    _write(staging / MANIFEST, manifest.encode("utf-8"))
    (staging / OWNER).unlink()
    _keep_mode_and_owner(out_dir, staging)  # last: a read-only mode must not stop the writing above
    _flush(staging)
    _pause("swap")
    _swap(staging, out_dir, shared)
    return Published(written, unchanged, len(old_manifest - new_files), frozenset(linked))


def _spare(out_dir: Path, staging: Path) -> set[str] | None:
    """Move the tree the last build swapped out (``SPARE``) to ``staging``: the paths of its files
    and (ending in '/') its folders, or None when there is none to take.

    Only a real folder is taken, and only its regular files are kept: every link and special
    file in it is removed first (a link there could lead the build's writing out of the staging
    folder). A file is then kept only where it is still the output's own (``_placed``).
    """
    spare = out_dir / SPARE
    if not _is_real_dir(spare):
        return None
    try:
        os.rename(spare, staging)
    except OSError:
        return None
    try:
        return _regular_files(staging)
    except OSError:
        _remove(staging)
        return None


def _regular_files(top: Path) -> set[str]:
    """The regular files below ``top`` (relative, with '/') and its folders (ending in '/'), once
    every link and special file there is removed; folders the build could not write into are made
    writable for their owner."""
    found: set[str] = set()
    stack = [("", str(top))]
    while stack:
        rel, path = stack.pop()
        info = os.lstat(path)
        if stat.S_IMODE(info.st_mode) & 0o700 != 0o700:
            os.chmod(path, stat.S_IMODE(info.st_mode) | 0o700)
        with os.scandir(path) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((name, entry.path))
                    found.add(f"{name}/")
                elif entry.is_file(follow_symlinks=False):
                    found.add(name)
                else:
                    os.unlink(entry.path)
    return found


def _make_folder(top: str, folder: str, base: bool) -> None:
    """``folder`` in the staging folder ``top``; a file of the spare tree in its way is removed."""
    try:
        os.makedirs(f"{top}/{folder}", exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        if not base:
            raise
        path = top
        for part in folder.split("/"):
            path = f"{path}/{part}"
            if os.path.lexists(path) and not _is_real_dir(Path(path)):
                os.unlink(path)
        os.makedirs(f"{top}/{folder}", exist_ok=True)


def _placed(previous: str, target: str, base: bool) -> bool:
    """``previous`` (a file of the output) at ``target`` in staging: left there when it is already
    the same file (the spare tree's link to it), else hard-linked. False where links are not
    possible (``target`` is then free for a copy)."""
    if base:
        try:
            here = os.lstat(target)
        except FileNotFoundError:
            pass
        else:
            try:
                there = os.lstat(previous)
            except FileNotFoundError:
                there = None
            if there is not None and (here.st_ino, here.st_dev) == (there.st_ino, there.st_dev):
                return True
            _unlink(target)
    return _link(previous, target)


def _unlink(path: str) -> None:
    """Remove what is at ``path`` in the staging folder (a file, a link, or a whole folder)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(path)
    except PermissionError:
        if not _is_real_dir(Path(path)):
            raise
        shutil.rmtree(path)


def _prune(staging: Path, stale: set[str]) -> None:
    """Remove the ``stale`` files of the spare tree (older outputs, files orgc did not write,
    which are carried anew), and its folders (ending in '/') that are left empty: a folder of
    someone else's is carried anew too, if it is still in the output folder."""
    top = str(staging)
    folders = set()
    for rel in stale:
        if rel.endswith("/"):
            folders.add(rel[:-1])
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{top}/{rel}")
    for folder in sorted(folders, key=lambda f: -f.count("/")):  # the deepest first
        with contextlib.suppress(OSError):  # not empty: it holds this build's files
            os.rmdir(f"{top}/{folder}")


def _keep_mode_and_owner(out_dir: Path, staging: Path) -> None:
    """The output folder swapped in keeps the mode and owner the old one had (chmod 700, a group)."""
    try:
        info = out_dir.stat()
    except FileNotFoundError:
        return
    os.chmod(staging, stat.S_IMODE(info.st_mode))
    with contextlib.suppress(PermissionError):  # only root may give a folder away
        os.chown(staging, info.st_uid, info.st_gid)


# What may sit in a folder orgc has not built into yet: orgc's own files, and what tools leave.
_OURS_OR_HARMLESS = frozenset({MANIFEST, ".orgc", ".gitkeep", ".gitignore", ".DS_Store"})


def _refuse_foreign_folder(out_dir: Path, ours: set[str]) -> None:
    """A folder without a manifest is replaced only if it holds nothing but what orgc writes.

    Hidden files count: a folder holding only `.bashrc` and `.ssh/` is someone's home.
    """
    foreign = sorted(
        name for name in os.listdir(out_dir) if name not in ours and name not in _OURS_OR_HARMLESS
    )
    if foreign:
        more = Message("publish.more-files") if len(foreign) > 3 else None
        raise PublishError(
            Message("publish.foreign-files", folder=str(out_dir), files=foreign[:3], more=more)
        )


def _same(path: Path | str, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) holding exactly ``data``."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with open(path, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _link(source: Path | str, target: Path | str) -> bool:
    """Hard-link ``source`` as ``target``; False where links are not possible (FAT, some shares)."""
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError as exc:
        if exc.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            return False
        raise
    return True


def _write(path: Path | str, data: bytes) -> None:
    """A new file holding ``data`` (never through a link or over an existing file)."""
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def _flush(folder: Path) -> None:
    """Everything written so far on the disk of ``folder``, before the swap makes it the output.

    One ``syncfs`` of that file system (Linux) costs far less than an fsync per file;
    elsewhere ``sync`` does the same for every disk.
    """
    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        os.sync()
        return
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if syncfs(handle) != 0:
            os.sync()
    finally:
        os.close(handle)


def _sync(folder: Path) -> None:
    """Flush a folder's entries to disk (where the system allows it)."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _carry_foreign_files(out_dir: Path, staging: Path, ours: set[str]) -> None:
    """Files, links and folders in ``out_dir`` that orgc did not write, into ``staging``.

    A folder that held orgc's files is carried only for what else it holds: one whose files
    this build no longer writes (a handbook no longer split) goes with them.
    """
    top = str(out_dir)
    our_folders = {parent for rel in ours for parent in _parents(rel)}
    for dirpath, dirnames, filenames in os.walk(top):
        # names as strings: the output folder holds tens of thousands of files, nearly all ours
        folder = os.path.relpath(dirpath, top).replace(os.sep, "/") if dirpath != top else ""
        if folder == CACHE and "previous" in dirnames:  # a spare tree that could not be taken
            dirnames.remove("previous")
        for name in dirnames:
            rel = f"{folder}/{name}" if folder else name
            source, target = out_dir / rel, staging / rel
            if source.is_symlink():  # os.walk does not go into it: keep the link itself
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.symlink(os.readlink(source), target)
            elif rel not in our_folders and not target.is_dir():
                target.mkdir(parents=True)
                shutil.copymode(source, target)
        for name in filenames:
            rel = f"{folder}/{name}" if folder else name
            if rel in ours:
                continue
            source, target = out_dir / rel, staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                os.symlink(os.readlink(source), target)
            elif not _link(source, target):
                shutil.copy2(source, target)


def _parents(rel: str) -> Iterator[str]:
    """``a/b/c.docx`` -> ``a/b``, ``a``."""
    while "/" in rel:
        rel = rel.rsplit("/", 1)[0]
        yield rel


def _pause(point: str) -> None:
    if os.environ.get("ORGC_PAUSE_AT") == point:
        print(f"orgc: paused at {point}", file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGSTOP)


def _swap(staging: Path, out_dir: Path, shared: set[str] | None = None) -> None:
    """``staging`` in place of ``out_dir``. The tree swapped out becomes the new output's spare
    tree (``SPARE``), holding only the files ``shared`` with the new output, rather than being
    deleted (when there are none, it is deleted)."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        _sync(out_dir.parent)
        return
    if _exchange(staging, out_dir):
        _sync(out_dir.parent)
        _pause("swapped")
        if not (shared and _keep_spare(staging, out_dir, shared)):
            shutil.rmtree(staging, ignore_errors=True)  # the build is done: what stays, the next one removes
        return
    previous = _previous_for(out_dir)
    os.rename(out_dir, previous)
    try:
        os.rename(staging, out_dir)
    except OSError:
        os.rename(previous, out_dir)
        raise
    _sync(out_dir.parent)
    _pause("swapped")
    shutil.rmtree(previous, ignore_errors=True)


def _keep_spare(old: Path, out_dir: Path, shared: set[str]) -> bool:
    """Move the tree just swapped out into the new output as its spare tree (see the module),
    with nothing in it but the files ``shared`` with the new output: no file of a removed role,
    no earlier version of a changed file, is left anywhere in the output folder."""
    if not _is_real_dir(out_dir / CACHE):
        return False
    try:
        _prune(old, _regular_files(old) - shared)
        os.rename(old, out_dir / SPARE)
    except OSError:
        return False
    return True


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


def compare(
    out_dir: Path, outputs: Iterable[OutputFile], unchecked: tuple[str, ...] = ()
) -> list[Difference]:
    """How ``out_dir`` differs from what a build would write (nothing is written); paths that
    start with one of ``unchecked`` are not compared, there or not."""
    manifest = {path for path in read_manifest(out_dir) if not path.startswith(unchecked)}
    differences = []
    produced = set()
    for output in outputs:
        produced.add(output.path)
        path = out_dir / output.path
        if not path.is_file():
            differences.append(Difference(output.path, "added"))
        elif not _same(path, output.data):
            differences.append(Difference(output.path, "changed"))
    differences.sort(key=lambda difference: difference.path)
    differences += [Difference(p, "removed") for p in sorted(manifest - produced) if (out_dir / p).exists()]
    if manifest != produced and not differences:
        differences.append(Difference(MANIFEST, "changed"))
    return differences
