"""What every renderer receives: the checked organisation and the build settings."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..diagnostics import WaiverUse
from ..i18n import documents as labels
from ..model.entities import Org, Text
from ..model.raci import assignment_cells

if TYPE_CHECKING:  # networkx is not needed to find the source date of a no-op build
    from ..model.graph import OrgGraph

# Used when neither SOURCE_DATE_EPOCH nor git gives a date: outputs must not depend on the clock.
FALLBACK_DATE = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class OutputFile:
    """One file of the build, its path relative to the output folder with '/'.

    ``content`` fingerprints what the file shows, where that is known before
    rendering (job descriptions); ``kept`` means the last build's file is still
    exactly right and is taken over as it is (``data`` is then empty).
    ``fragments`` are the pieces the file was made of, for the next build (``fragments.py``).
    """

    path: str
    data: bytes
    content: str | None = None
    kept: bool = False
    fragments: tuple[tuple[str, bytes], ...] = ()


@dataclass(frozen=True)
class RenderContext:
    org: Org
    graph: OrgGraph
    config: Config
    project: Path
    languages: tuple[str, ...]
    waivers: tuple[WaiverUse, ...] = ()
    source_date: datetime = FALLBACK_DATE
    dated: bool = field(default=False)  # False: no real date is known; documents show none

    @cached_property
    def assignment_cells(self) -> list[tuple[str, str, str]]:
        """Every (row, party, letter), sorted."""
        return assignment_cells(self.org)

    @cached_property
    def cells(self) -> dict[str, dict[str, frozenset[str]]]:
        """row -> party -> RACI letters: every cell of the responsibility matrix."""
        table: dict[str, dict[str, set[str]]] = {}
        for row, party, letter in self.assignment_cells:
            table.setdefault(row, {}).setdefault(party, set()).add(letter)
        return {row: {party: frozenset(v) for party, v in parties.items()} for row, parties in table.items()}

    @cached_property
    def letters(self) -> dict[str, dict[str, frozenset[str]]]:
        """party -> row -> RACI letters: the same cells, by party."""
        table: dict[str, dict[str, frozenset[str]]] = {}
        for row, parties in self.cells.items():
            for party, found in parties.items():
                table.setdefault(party, {})[row] = found
        return table

    @cached_property
    def step_order(self) -> dict[str, int]:
        """PROCESS.STEP -> its position among all steps, processes in file order."""
        refs = (step.ref for process in self.org.processes.values() for step in process.steps)
        return {ref: index for index, ref in enumerate(refs)}

    @cached_property
    def template_dirs(self) -> tuple[Path, ...]:
        """User overrides first, then the built-in templates."""
        from ..resources import data_dir

        user = self.project / self.config.templates
        if not user.is_dir():
            return (data_dir("templates"),)
        if not user.resolve().is_relative_to(self.project.resolve()):  # templates: /etc, or a link
            from ..writers.templating import TemplateProblem

            raise TemplateProblem(f"the templates folder '{self.config.templates}' is outside the project")
        return (user, data_dir("templates"))

    def t(self, text: Text | None, lang: str) -> str:
        return text.get(lang, self.org.default_language) if text else ""

    def label(self, key: str, lang: str) -> str:
        return labels.label(key, lang)

    def role_title(self, role_id: str, lang: str) -> str:
        role = self.org.roles.get(role_id)
        return self.t(role.title, lang) if role else role_id

    def party_name(self, party: str, lang: str) -> str:
        """A role's title or a unit's name."""
        if party in self.org.roles:
            return self.role_title(party, lang)
        unit = self.org.units.get(party)
        return self.t(unit.name, lang) if unit else party

    @property
    def date_text(self) -> str:
        return self.source_date.strftime("%Y-%m-%d") if self.dated else ""


def source_date(project: Path) -> datetime | None:
    """SOURCE_DATE_EPOCH, else the date of the last commit touching the specs, else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "specs", "orgc.yaml"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = done.stdout.strip()
    return datetime.fromtimestamp(int(stamp), tz=UTC) if done.returncode == 0 and stamp.isdigit() else None
