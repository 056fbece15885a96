"""``orgc import ROSTER``: the roster importer (roster/) run with the command's options.

Said in ``--messages``, else in the language of the project imported into, else in ``--lang``
when it is given, else in English (docs/messages.md).
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import Message
from ..roster import ImportProblem
from ..roster.importer import ImportOptions, run_import
from . import CommandProblem, Outcome
from .language import run_language


def run(
    roster: Path,
    path: Path,
    force: bool,
    dry_run: bool,
    maps: tuple[str, ...],
    sheet: str | None,
    encoding: str | None,
    lang: str | None,
    messages: str | None = None,
    merge: bool = False,
    remove_missing: bool = False,
) -> Outcome:
    """What was (or would be) imported and the work left; exit code 1 when the roster has problems."""
    options = ImportOptions(
        roster, path, force, dry_run, maps, sheet, encoding, lang, messages, merge, remove_missing
    )
    try:
        if remove_missing and not merge:
            raise ImportProblem(Message("import.remove-missing-alone"))
        if merge:
            from ..roster.reimport import run_merge

            done = run_merge(options)
        else:
            done = run_import(options)
    except ImportProblem as exc:
        said = run_language(
            "import", {"--messages": messages or "", "--lang": lang or "", "--path": str(path)}
        )
        raise CommandProblem(exc.message.render(said), said) from None
    return Outcome(done.exit_code, "\n".join(done.lines) + "\n")
