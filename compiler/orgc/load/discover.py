"""Find the spec files of a project and name the kind of each."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Severity
from ..i18n import Message, os_reason, verbatim
from .clutter import clutter

# folder under specs/ -> kind; org.yaml sits at the top of specs/.
KIND_FOLDERS = {
    "roles": "role",
    "kpis": "kpis",
    "duties": "duties",
    "processes": "process",
    "policies": "policy",
}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SpecFile:
    path: Path  # absolute
    rel: str  # relative to the project, with '/'
    kind: str


@dataclass(frozen=True)
class Discovery:
    files: tuple[SpecFile, ...]
    problems: tuple[Diagnostic, ...]


def discover(project: Path) -> Discovery:
    """Every file under ``specs/``, sorted; files of unknown kinds become diagnostics.

    Hidden files are skipped; files that file managers, Office and editors leave behind
    (``Thumbs.db``, ``~$x.docx``, ``x.yaml~`` …, see ``clutter.py``) are skipped with an info.

    Links are followed while they stay inside the project; a folder is read once, at its
    own place rather than through a link to it. Named pipes, devices and broken links are reported, not
    opened (reading a pipe would wait forever), and so are names that are not text.
    """
    specs = project / "specs"
    files: list[SpecFile] = []
    problems: list[Diagnostic] = []
    root = project.resolve()
    walked: set[Path] = set()
    folders: list[Path] = []
    linked: list[Path] = []  # folders reached through a link: read after all the others
    if _leads_outside(specs, root):
        problems.append(_problem("specs", Message("E102.link-folder"), Message("E102.link-folder.hint")))
    elif specs.is_dir():
        folders.append(specs)
    while folders or linked:
        folder = folders.pop() if folders else linked.pop(0)
        try:
            real = folder.resolve()
            entries = sorted(os.scandir(folder), key=lambda e: e.name) if real not in walked else []
        except (OSError, RuntimeError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else verbatim(str(exc))
            rel = _shown(folder.relative_to(project).as_posix())
            problems.append(
                _problem(rel, Message("E102.unreadable", reason=reason), Message("E102.unreadable.hint"))
            )
            continue
        walked.add(real)
        # paths relative to the project as strings: a large project has tens of thousands of files
        folder_rel = folder.relative_to(project).as_posix()
        for entry in entries:
            left_behind = clutter(entry.name)
            if entry.name.startswith(".") and left_behind is None:
                continue
            path = folder / entry.name
            rel = _shown(f"{folder_rel}/{entry.name}")
            if _UNPRINTABLE.search(entry.name):
                problems.append(_problem(rel, Message("E102.file-name"), Message("E102.file-name.hint")))
                continue
            is_dir, is_file, outside = _kind_of(entry, path, root)
            if left_behind is not None and not is_dir:  # said, never opened: it may be a link or locked
                problems.append(_skipped(rel, left_behind))
                continue
            if entry.name.startswith("."):  # a hidden folder named like one of them
                continue
            if outside:
                problems.append(
                    _problem(rel, Message("E102.link-folder"), Message("E102.link-folder.hint"))
                    if is_dir
                    else _problem(rel, Message("E102.link"), Message("E102.link.hint"))
                )
            elif is_dir:
                (linked if entry.is_symlink() else folders).append(path)
            elif not is_file:
                problems.append(_problem(rel, Message("E102.not-a-file"), Message("E102.not-a-file.hint")))
            elif (kind := _kind(f"{folder_rel}/{entry.name}".partition("/")[2])) is None:
                problems.append(
                    _problem(rel, Message("E102.unknown-kind", file=rel), Message("E102.unknown-kind.hint"))
                )
            else:
                files.append(SpecFile(path, rel, kind))
    files.sort(key=lambda f: f.rel)
    return Discovery(tuple(files), tuple(problems))


def _kind_of(entry: os.DirEntry[str], path: Path, root: Path) -> tuple[bool, bool, bool]:
    """(a folder, a regular file, a link that leads out of the project), following links."""
    try:
        is_dir, is_file = entry.is_dir(), entry.is_file()
    except OSError:
        return False, False, False
    return is_dir, is_file, entry.is_symlink() and _leads_outside(path, root)


def _leads_outside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a link to a place outside the folder ``root``."""
    try:
        return path.is_symlink() and not path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop leads nowhere, so not outside
        return False


# Characters that a file name shown in a report must not carry: bytes that are not UTF-8
# (decoded as lone surrogates), control characters, and bidi controls that reorder the line.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _shown(rel: str) -> str:
    """``rel`` as it can be printed: each character of _UNPRINTABLE becomes U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", rel)


def classify(rel: Path) -> str | None:
    """The kind of a file from its place under specs/, or None if it has no place there."""
    return _kind(rel.as_posix())


def _kind(rel: str) -> str | None:
    """``classify`` of a path under specs/ written with '/'."""
    folder, _, name = rel.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem or f".{suffix}" not in YAML_SUFFIXES:
        return None
    if not folder:
        return "org" if stem == "org" else None
    return KIND_FOLDERS.get(folder.partition("/")[0])


def _problem(rel: str, message: Message, hint: Message) -> Diagnostic:
    return Diagnostic("E102", Severity.ERROR, message, Location(rel), hint)


def _skipped(rel: str, what: Message) -> Diagnostic:
    """A file some program left beside the specs: said at severity info, as it changes nothing."""
    return Diagnostic(
        "E102", Severity.INFO, Message("E102.clutter", what=what), Location(rel), Message("E102.clutter.hint")
    )
