"""``orgc import ROSTER``: the roster importer (roster/) run with the command's options."""

from __future__ import annotations

from pathlib import Path

from ..roster import ImportProblem
from ..roster.importer import ImportOptions, run_import
from . import CommandProblem, Outcome


def run(
    roster: Path,
    path: Path,
    force: bool,
    dry_run: bool,
    maps: tuple[str, ...],
    sheet: str | None,
    encoding: str | None,
    lang: str | None,
) -> Outcome:
    """What was (or would be) imported and the work left; exit code 1 when the roster has problems."""
    try:
        done = run_import(ImportOptions(roster, path, force, dry_run, maps, sheet, encoding, lang))
    except ImportProblem as exc:
        raise CommandProblem(str(exc)) from None
    return Outcome(done.exit_code, "\n".join(done.lines) + "\n")
