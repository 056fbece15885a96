"""The two sides of a diff as project folders: a git revision is read with plumbing into a temporary folder.

A side is the working tree of the project (no argument), a git revision of the
repository that holds the project, or a folder (``--folders``, or a path with a '/'
that is not also a revision). A revision's ``orgc.yaml``, ``specs/`` and ``templates/`` at the
project's place in the repository are listed with ``git ls-tree`` and read with
one ``git cat-file --batch``: nothing in the repository or its working tree is
written, and no checkout happens.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..i18n import Message, os_reason, verbatim
from ..load.text import MAX_FILE_BYTES

# What a revision needs to be checked, relative to the project folder.
PROJECT_PARTS = ("orgc.yaml", "specs", "templates")
_SYMLINK_MODE = b"120000"


class DiffProblem(Exception):
    """A side cannot be read: unknown revision, not a git repository, no project there (exit code 2).

    ``message`` says why in either language (plain text is taken as it is); ``str()`` in English.
    """

    def __init__(self, message: Message | str) -> None:
        self.message = message if isinstance(message, Message) else verbatim(message)
        super().__init__(str(self.message))


class GitMissing(DiffProblem):
    """git is not on PATH: only folders can be compared."""


@dataclass(frozen=True)
class Side:
    """One side of a diff: ``worktree``, ``folder`` or ``revision``."""

    kind: str
    label: str  # as the user wrote it ("" for the working tree)
    path: Path | None = None  # the folder, for worktree and folder
    commit: str | None = None  # the full commit id, for a revision
    repository: Path | None = None  # the repository's top folder, for a revision
    prefix: str = ""  # the project's folder inside the repository, "" at the top


def resolve(argument: str | None, project: Path, folders: bool = False) -> Side:
    """The side an argument names: None is the working tree; else a revision, or a folder when asked.

    A pull request can commit a folder named ``HEAD`` or like the base's commit id: a bare name
    is therefore always a revision. An argument is a folder only with ``folders`` (``--folders``),
    or when it is a path (it holds a '/') that names a folder and is not also a revision.
    """
    if argument is None:
        return Side("worktree", "", path=project)
    if folders:
        if not Path(argument).is_dir():
            raise DiffProblem(Message("side.not-a-folder", argument=argument))
        return Side("folder", argument, path=Path(argument))
    if _looks_like_a_path(argument) and Path(argument).is_dir():
        try:
            top = _toplevel(project)
            also_a_revision = top is not None and _revision(argument, top) is not None
        except GitMissing:
            also_a_revision = False
        if not also_a_revision:
            return Side("folder", argument, path=Path(argument))
    if argument.startswith("-") or not argument.strip():
        raise DiffProblem(Message("side.neither", argument=argument))
    top, prefix = _repository(argument, project)
    commit = _revision(argument, top)
    if commit is None:
        if Path(argument).is_dir():
            raise DiffProblem(Message("side.folder-not-a-revision", argument=argument, top=str(top)))
        raise DiffProblem(Message("side.not-a-revision", argument=argument, top=str(top)))
    return Side("revision", argument, commit=commit, repository=top, prefix=prefix)


def _looks_like_a_path(argument: str) -> bool:
    return "/" in argument or os.sep in argument


def _revision(argument: str, top: Path) -> str | None:
    """The commit an argument names in the repository at ``top``, or None."""
    found = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{argument}^{{commit}}"], top)
    return found.decode("ascii").strip() if found is not None else None


def _toplevel(project: Path) -> Path | None:
    """The top folder of the git repository that holds ``project``; None outside one."""
    found = _git(["rev-parse", "--show-toplevel"], project) if project.is_dir() else None
    return Path(os.fsdecode(found.rstrip(b"\n"))) if found is not None else None


@contextmanager
def opened(side: Side) -> Iterator[Path]:
    """The project folder of a side, for as long as the ``with`` block runs."""
    if side.path is not None:
        yield side.path
        return
    assert side.repository is not None and side.commit is not None
    with tempfile.TemporaryDirectory(prefix="orgc-diff-") as tmp:
        folder = Path(tmp) / "project"
        folder.mkdir()
        _materialise(side, folder)
        yield folder


def where(side: Side) -> str:
    """Where a revision's project is, for messages: ``main:hr/`` or ``main``."""
    return f"{side.label}:{side.prefix}/" if side.prefix else side.label


# -- git plumbing ---------------------------------------------------------------------------------


def _repository(argument: str, project: Path) -> tuple[Path, str]:
    """The top folder of the git repository that holds ``project``, and the project's place in it."""
    if not project.is_dir():
        raise DiffProblem(Message("side.no-project-folder", argument=argument, project=str(project)))
    top = _toplevel(project)
    if top is None:
        raise DiffProblem(Message("side.no-repository", argument=argument, project=str(project)))
    try:
        rel = Path(os.path.realpath(project)).relative_to(os.path.realpath(top))
    except ValueError:
        raise DiffProblem(Message("side.outside-repository", project=str(project), top=str(top))) from None
    return top, rel.as_posix() if rel.parts else ""


def _materialise(side: Side, folder: Path) -> None:
    """Write the revision's project files into ``folder``."""
    assert side.repository is not None and side.commit is not None
    wanted = [f"{side.prefix}/{part}" if side.prefix else part for part in PROJECT_PARTS]
    listing = _git(["ls-tree", "-r", "-z", "--long", side.commit, "--", *wanted], side.repository)
    if listing is None:
        raise DiffProblem(Message("side.cannot-list", side=side.label))
    files: dict[PurePosixPath, bytes] = {}  # relative path -> object id
    links: dict[PurePosixPath, bytes] = {}
    too_large: dict[PurePosixPath, int] = {}  # relative path -> size, never read
    for entry in filter(None, listing.split(b"\0")):
        info, _, raw_path = entry.partition(b"\t")
        mode, kind, oid, size = info.split()
        if kind != b"blob":
            continue  # a submodule: not part of the specs
        rel = _relative(os.fsdecode(raw_path), side.prefix)
        if rel is None:
            continue
        if int(size) > MAX_FILE_BYTES:
            too_large[rel] = int(size)
        else:
            (links if mode == _SYMLINK_MODE else files)[rel] = oid
    if not files and not links and not too_large:
        folder = side.prefix or Message("side.top-folder")
        raise DiffProblem(Message("side.no-project", side=side.label, folder=folder))
    contents = _cat(sorted(set(files.values()) | set(links.values())), side)
    for rel, oid in sorted(files.items()):
        target = folder.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents[oid])
    # A file over the spec limit is refused by its size (E100) when the side is checked: it is
    # made as a sparse file of that size, so that its content is neither read from git nor stored.
    for rel, size in sorted(too_large.items()):
        target = folder.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            handle.truncate(size)
    # Links last, so that no file is ever written through one; discover() judges where they point.
    for rel, oid in sorted(links.items()):
        target = folder.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            target.symlink_to(os.fsdecode(contents[oid]))
        except OSError:
            target.write_bytes(contents[oid])


def _relative(path: str, prefix: str) -> PurePosixPath | None:
    """A listed path relative to the project, or None if it is not a safe path inside it."""
    if prefix:
        if not path.startswith(prefix + "/"):
            return None
        path = path[len(prefix) + 1 :]
    rel = PurePosixPath(path)
    if not rel.parts or any(part in ("", ".", "..", ".git") or "\\" in part for part in rel.parts):
        return None
    return rel


def _cat(oids: list[bytes], side: Side) -> dict[bytes, bytes]:
    """The content of each object, by one ``git cat-file --batch``."""
    out = _git(["cat-file", "--batch"], side.repository, b"".join(oid + b"\n" for oid in oids))
    if out is None:
        raise DiffProblem(Message("side.cannot-read", side=side.label))
    contents = {}
    pos = 0
    for oid in oids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        if len(header) != 3:
            raise DiffProblem(Message("side.cannot-read-object", oid=oid.decode(), side=side.label))
        size = int(header[2])
        contents[oid] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return contents


def _git(args: list[str], cwd: Path | None, stdin: bytes | None = None) -> bytes | None:
    """Run git; its output, or None when it fails. No prompt, no lock, no pathspec magic."""
    git = shutil.which("git")
    if git is None:
        raise GitMissing(Message("side.no-git"))
    env = {
        **os.environ,
        "GIT_LITERAL_PATHSPECS": "1",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_TERMINAL_PROMPT": "0",
    }
    try:
        done = subprocess.run([git, *args], cwd=cwd, input=stdin, capture_output=True, env=env, check=False)
    except OSError as exc:
        raise DiffProblem(Message("side.cannot-run-git", reason=os_reason(exc))) from None
    return done.stdout if done.returncode == 0 else None
