"""CheckResult: what checking a project gives — the model, its diagnostics and the waivers used."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .diagnostics import Diagnostic, Severity, WaiverUse
from .incremental.known import ReadDocument
from .model.entities import Org

if TYPE_CHECKING:  # the model: `orgc import` names CheckResult at start-up, long before it checks
    from .model.graph import OrgGraph


@dataclass(frozen=True)
class CheckResult:
    project: Path
    config: Config
    org: Org
    graph: OrgGraph
    diagnostics: tuple[Diagnostic, ...]
    waivers: tuple[WaiverUse, ...]
    files: int
    read: tuple[ReadDocument, ...] = ()  # the documents read without any problem

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def ok(self) -> bool:
        return self.count(Severity.ERROR) == 0
