"""The projects an editor has files open in: their unsaved texts, and their last check.

A project is checked as a whole, with the editor's texts in place of the files on
disk; the documents of the last check are handed to the next one, so that an edit to
one file reads, parses and validates that file alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..commands.check import messages_language
from ..config import CONFIG_FILE
from ..incremental.known import KnownDocuments
from ..load.discover import classify
from ..load.text import read_spec
from ..load.yaml_doc import Document
from ..model.build import Built
from ..pipeline import ProjectError, check
from ..result import CheckResult
from .symbols import Index, documents_of

# A file modified this close to a check may have changed within the clock tick its stamp
# was read in: its bytes are compared, not its stamp.
_STAMP_MARGIN_NS = 2_000_000_000


def project_of(path: Path) -> Path | None:
    """The project a file belongs to: the nearest folder above it with orgc.yaml or specs/."""
    for folder in path.parents:
        if (folder / CONFIG_FILE).is_file() or (folder / "specs").is_dir():
            return folder
    return None


def spec_kind(rel: str) -> str | None:
    """The kind of a project file (``specs/roles/a.yaml`` → role), None outside specs/."""
    head, _, rest = rel.partition("/")
    return classify(Path(rest)) if head == "specs" and rest else None


@dataclass
class Project:
    root: Path
    overlay: dict[str, str] = field(default_factory=dict)  # file (relative, with '/') -> unsaved text
    result: CheckResult | None = None
    language: str = "en"
    problem: ProjectError | None = None
    published: dict[str, list[Any]] = field(default_factory=dict)  # file -> the diagnostics the editor shows
    index: Index = field(default_factory=Index)
    _known: KnownDocuments | None = None
    _built: Built = field(default_factory=Built)
    _indexed: CheckResult | None = None
    _documents: dict[str, tuple[str, Document]] = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def text(self, rel: str) -> str:
        """A file's text as the editor holds it, else as saved ("" if it cannot be read)."""
        if rel in self.overlay:
            return self.overlay[rel]
        try:
            return read_spec(self.root / rel, rel).text or ""
        except OSError:
            return ""

    def check(self) -> CheckResult | None:
        """Check the project with the editor's texts; None when it cannot be read as a project."""
        started = time.time_ns()
        try:
            result = check(self.root, known=self._known, overlay=self.overlay, built=self._built)
        except ProjectError as exc:
            self.problem, self.result, self._known = exc, None, None
            self.language = exc.language or self.language
            return None
        self.problem, self.result = None, result
        self.language = messages_language(None, result.config.languages)
        documents = {document.file: document for document in result.read}
        self._known = KnownDocuments(documents, started - _STAMP_MARGIN_NS)
        return result

    def documents(self) -> dict[str, tuple[str, Document]]:
        """file -> (kind, document) of the last check, with the index of its ids brought up to date."""
        if self.result is not None and self._indexed is not self.result:
            self._documents = documents_of(self.result.org)
            self.index.update(self._documents)
            self._indexed = self.result
        return self._documents


class Workspace:
    """Every project with a file open, by folder."""

    def __init__(self) -> None:
        self.projects: dict[Path, Project] = {}

    def project(self, path: Path) -> Project | None:
        root = project_of(path)
        if root is None:
            return None
        if root not in self.projects:
            self.projects[root] = Project(root)
        return self.projects[root]
