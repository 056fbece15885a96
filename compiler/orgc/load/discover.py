"""Find the spec files of a project and name the kind of each."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Severity

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
    """Every file under ``specs/``, sorted; files of unknown kinds become diagnostics."""
    specs = project / "specs"
    files: list[SpecFile] = []
    problems: list[Diagnostic] = []
    root = project.resolve()
    for dirpath, dirnames, filenames in os.walk(specs):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(project).as_posix()
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(
                    _problem(
                        rel,
                        "this file is a link to a file outside the project",
                        "Copy the file into the project instead of linking it.",
                    )
                )
                continue
            kind = classify(path.relative_to(specs))
            if kind is None:
                problems.append(
                    _problem(rel, f"'{rel}' is not a kind of spec file orgc knows", _WHERE_FILES_GO)
                )
                continue
            files.append(SpecFile(path, rel, kind))
    files.sort(key=lambda f: f.rel)
    return Discovery(tuple(files), tuple(problems))


def classify(rel: Path) -> str | None:
    """The kind of a file from its place under specs/, or None if it has no place there."""
    if rel.suffix not in YAML_SUFFIXES:
        return None
    if len(rel.parts) == 1:
        return "org" if rel.stem == "org" else None
    return KIND_FOLDERS.get(rel.parts[0])


_WHERE_FILES_GO = (
    "specs/ holds org.yaml and YAML files in roles/, kpis/, duties/, processes/ and "
    "policies/; move or delete this file."
)


def _problem(rel: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic("E102", Severity.ERROR, message, Location(rel), hint)
