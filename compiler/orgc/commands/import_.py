"""``orgc import FILE...``: a roster (roster/) or job descriptions (jd_import/) run with the command's options.

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
    files: tuple[Path, ...],
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
    output_format: str = "text",
) -> Outcome:
    """What was (or would be) imported and the work left; exit code 1 when the input has problems."""
    said = run_language("import", {"--messages": messages or "", "--lang": lang or "", "--path": str(path)})
    try:
        from ..jd_import.importer import is_jd

        jds = [f for f in files if is_jd(f, encoding)]
        if jds and len(jds) < len(files):
            raise ImportProblem(Message("jd.mixed"))
        if jds and (merge or remove_missing):
            raise ImportProblem(Message("import.merge-roster-only"))
        if jds:
            return _jd_import(files, path, dry_run, encoding, lang, said, output_format)
        if len(files) > 1:
            raise ImportProblem(Message("jd.several-rosters", files=tuple(str(f) for f in files)))
        if remove_missing and not merge:
            raise ImportProblem(Message("import.remove-missing-alone"))
        options = ImportOptions(
            files[0], path, force, dry_run, maps, sheet, encoding, lang, messages, merge, remove_missing
        )
        if merge:
            from ..roster.reimport import run_merge

            done = run_merge(options)
        else:
            done = run_import(options)
    except ImportProblem as exc:
        raise CommandProblem(exc.message.render(said), said) from None
    return Outcome(done.exit_code, "\n".join(done.lines) + "\n")


def _jd_import(
    files: tuple[Path, ...],
    path: Path,
    dry_run: bool,
    encoding: str | None,
    lang: str | None,
    said: str,
    output_format: str,
) -> Outcome:
    from ..jd_import.importer import JdOptions, run_jd_import
    from ..jd_import.report import json_report, text_report

    result = run_jd_import(JdOptions(files, path, dry_run, lang, encoding, said))
    code, text = (json_report if output_format == "json" else text_report)(result, said)
    return Outcome(code, text)
