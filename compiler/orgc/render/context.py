"""What every renderer receives: the checked organisation, the build settings and what it may reuse.

A renderer never decides on its own what the last build left: it names the values a
file (or a piece of one) shows, and ``ctx.reuse`` answers whether that file is kept or
gives the piece. ``NOTHING_KEPT`` makes everything anew; the build hands in one that
knows the last build (``incremental.plan``).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..config import Config
from ..diagnostics import WaiverUse
from ..i18n import Message
from ..i18n import documents as labels
from ..model.entities import Org, Text
from ..model.raci import Cells, cell_table, flattened
from ..model.relative import StepRow, step_rows
from ..paths import OutsideProject, inside
from ..writers.docx.deflate import Packed, pack

if TYPE_CHECKING:  # the model is not needed to find the source date of a no-op build
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


class Pieces(Protocol):
    """Where one output's pieces come from: the last build's, or made now."""

    def piece(self, make: Callable[[], str | Packed], *shown: object, packed: bool = False) -> str | Packed:
        """The piece ``make`` gives, which shows ``shown`` and nothing else (see ``piece_of``)."""
        ...

    def data(self, make: Callable[[], bytes], *shown: object) -> bytes:
        """Bytes ``make`` gives, which show ``shown`` and nothing else, given back as they are: a
        part of an output that is not a document (the site's search index)."""
        ...

    @property
    def used(self) -> tuple[tuple[str, bytes], ...]:
        """The pieces asked for, as the next build may take them (``OutputFile.fragments``)."""
        ...


class Reuse(Protocol):
    """What a renderer may take from the last build, asked by the values a file shows."""

    def key(self, *shown: object) -> str | None:
        """The content key of a file that shows ``shown`` and nothing else; None when nothing is kept."""
        ...

    def kept(self, paths: Sequence[str], key: str | None) -> bool:
        """Whether the last build wrote every one of ``paths`` with this key, and they are intact."""
        ...

    def untouched(self, role_id: str, paths: Sequence[str]) -> list[str] | None:
        """The keys of a role's files of the last build, when no change since can reach them; else None."""
        ...

    def untouched_units(
        self, units: Iterable[str], paths: Sequence[str], roles: Iterable[str] = (), whole: bool = False
    ) -> list[str] | None:
        """The keys of files that show ``units`` (and the job descriptions of ``roles``; with
        ``whole``, what the whole-organisation volume shows of every unit and role), when no
        change since the last build can reach any of them; else None."""
        ...

    def last(self, path: str) -> str | None:
        """The key the last build wrote ``path`` with, when the file is still as it left it; else None."""
        ...

    def carried(self, path: str) -> tuple[tuple[str, bytes], ...] | None:
        """The pieces the last build made ``path`` of, for a file kept without being made again
        (``OutputFile.fragments``); None when they are not all at hand."""
        ...

    def pieces(self) -> Pieces:
        """A fresh store of pieces for one output."""
        ...


# A piece this large (encoded) is compressed on its own; a smaller one with its neighbours.
PACK_FROM = 32 * 1024


def piece_of(text: str | Packed, packed: bool = False) -> str | Packed:
    """A piece as documents take it: a large one compressed on its own, so that the next
    build can copy it into its stream as it is; a small one as text, to be compressed with
    what surrounds it (on its own it would compress far worse). ``packed`` compresses a
    small one on its own too: one of thousands alike (the JDs of a handbook's volume), which
    the next build then copies as it is instead of compressing them all again. A piece packed
    already is taken as it is."""
    if isinstance(text, Packed):
        return text
    data = text.encode("utf-8")
    return pack(data) if packed or len(data) >= PACK_FROM else text


class _MadeNow:
    def piece(self, make: Callable[[], str | Packed], *shown: object, packed: bool = False) -> str | Packed:
        return piece_of(make(), packed)

    def data(self, make: Callable[[], bytes], *shown: object) -> bytes:
        return make()

    @property
    def used(self) -> tuple[tuple[str, bytes], ...]:
        return ()


class NothingKept:
    """Reuse of nothing: every file and piece is made anew."""

    def key(self, *shown: object) -> str | None:
        return None

    def kept(self, paths: Sequence[str], key: str | None) -> bool:
        return False

    def untouched(self, role_id: str, paths: Sequence[str]) -> list[str] | None:
        return None

    def untouched_units(
        self, units: Iterable[str], paths: Sequence[str], roles: Iterable[str] = (), whole: bool = False
    ) -> list[str] | None:
        return None

    def last(self, path: str) -> str | None:
        return None

    def carried(self, path: str) -> tuple[tuple[str, bytes], ...] | None:
        return None

    def pieces(self) -> Pieces:
        return _MadeNow()


NOTHING_KEPT = NothingKept()


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
    reuse: Reuse = NOTHING_KEPT

    def keeping_indexes(self, **changes: Any) -> RenderContext:
        """``dataclasses.replace``, keeping the indexes this context made (its cached properties
        and ``outputs.shared_indexes``), for the fields none of them is made from: a build makes
        them while its check's rules run, before the waivers and the reuse are known."""
        assert set(changes) <= {"waivers", "reuse"}, changes
        found = replace(self, **changes)
        made = vars(found)
        made.update((name, value) for name, value in vars(self).items() if name not in made)
        return found

    @cached_property
    def assignment_cells(self) -> list[tuple[str, str, str]]:
        """Every (row, party, letter), sorted."""
        return flattened(self.cells)

    @cached_property
    def cells(self) -> Cells:
        """row -> party -> RACI letters: every cell of the responsibility matrix, sorted."""
        return cell_table(self.org, steps=self.step_rows)

    @cached_property
    def letters(self) -> dict[str, dict[str, frozenset[str]]]:
        """party -> row -> RACI letters: the same cells, by party."""
        table: dict[str, dict[str, frozenset[str]]] = {}
        for row, parties in self.cells.items():
            for party, found in parties.items():
                table.setdefault(party, {})[row] = found
        return table

    @cached_property
    def step_rows(self) -> dict[str, tuple[StepRow, ...]]:
        """PROCESS.STEP -> the step's rows of the matrix (``model.relative.step_rows``), for every step."""
        return {
            step.ref: step_rows(self.org, process, step)
            for process in self.org.processes.values()
            for step in process.steps
        }

    @cached_property
    def step_order(self) -> dict[str, int]:
        """PROCESS.STEP -> its position among all steps, processes in file order."""
        refs = (step.ref for process in self.org.processes.values() for step in process.steps)
        return {ref: index for index, ref in enumerate(refs)}

    @cached_property
    def template_dirs(self) -> tuple[Path, ...]:
        """User overrides first, then the built-in templates."""
        from ..resources import data_dir

        try:  # templates: /etc, ../.., or a committed link templates -> /etc
            user = inside(self.project, self.config.templates)
        except OutsideProject:
            from ..writers.templating import TemplateProblem  # jinja2: a no-op build never needs it

            raise TemplateProblem(
                Message("template.folder-outside", folder=str(self.config.templates))
            ) from None
        if not user.is_dir():
            return (data_dir("templates"),)
        return (user, data_dir("templates"))

    def t(self, text: Text | None, lang: str) -> str:
        return text.get(lang, self.org.default_language) if text else ""

    def label(self, key: str, lang: str) -> str:
        return labels.label(key, lang)

    def role_title(self, role_id: str, lang: str) -> str:
        return self.party_name(role_id, lang) if role_id in self.org.roles else role_id

    def party_name(self, party: str, lang: str) -> str:
        """A role's title or a unit's name."""
        key = (party, lang)
        found = self._names.get(key)
        if found is None:
            found = self._names[key] = self._name(party, lang)
        return found

    @cached_property
    def _names(self) -> dict[tuple[str, str], str]:
        """(party, language) -> its name, as ``party_name`` found it: the JDs, matrices and pages
        name the same roles and units a million times at 10,000 roles."""
        return {}

    def _name(self, party: str, lang: str) -> str:
        role = self.org.roles.get(party)
        if role is not None:
            return self.t(role.title, lang)
        unit = self.org.units.get(party)
        return self.t(unit.name, lang) if unit else party

    @property
    def date_text(self) -> str:
        return self.source_date.strftime("%Y-%m-%d") if self.dated else ""


class SourceDateProblem(ValueError):
    """SOURCE_DATE_EPOCH is set, but not to a date orgc can write (exit code 2)."""


def source_date(project: Path) -> datetime | None:
    """SOURCE_DATE_EPOCH, else the date of the last commit touching the specs, else None.

    A malformed SOURCE_DATE_EPOCH is an error, as reproducible-builds.org asks: a build
    dated otherwise than the caller meant would not be the one they reproduce.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch.strip()), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise SourceDateProblem(epoch) from None
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
