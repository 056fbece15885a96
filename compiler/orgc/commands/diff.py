"""``orgc diff BASE [HEAD]``: resolve both sides, check each, compare, render; the exit code and texts.

Exit 0 whatever changed; 1 when either side's specs have errors (nothing is
compared, and the message names the side); a ``CommandProblem`` (exit 2) when a side
cannot be read.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..diagnostics import Severity
from ..diff import json_out, markdown
from ..diff.compare import compare
from ..diff.revisions import DiffProblem, Side, opened, resolve, where
from ..i18n import LANGUAGES
from ..pipeline import ProjectError, check
from ..result import CheckResult
from . import CommandProblem, Outcome

_SHOWN_ERRORS = 5  # errors quoted in the message; `orgc check` shows them all


def run(
    base: str,
    head: str | None,
    project: Path,
    fmt: str,
    lang: str | None,
    today: date | None = None,
    folders: bool = False,
) -> Outcome:
    """Compare BASE with HEAD (default: the project's working tree); ``folders``: both are folders."""
    try:
        return _compared(base, head, project, fmt, lang, today, folders)
    except DiffProblem as exc:  # said before either side's project is read: in --lang if zh or en
        raise CommandProblem(exc.message.render(lang if lang in LANGUAGES else "en")) from None


def _compared(
    base: str, head: str | None, project: Path, fmt: str, lang: str | None, today: date | None, folders: bool
) -> Outcome:
    today = today or date.today()
    sides = (resolve(base, project, folders), resolve(head, project, folders))
    results = tuple(_checked(side, today) for side in sides)
    failing = [
        _failure(name, side, result, project)
        for name, side, result in zip(("base", "head"), sides, results, strict=True)
        if not result.ok
    ]
    if failing:
        return Outcome(1, "", "\n".join(failing) + "\n")
    old, new = results[0].org, results[1].org
    languages = dict.fromkeys((*new.languages, *old.languages))
    if lang is not None and lang not in languages:
        raise DiffProblem(f"--lang {lang}: the specs are written in {', '.join(languages)}")
    chosen = lang or new.default_language
    changes = compare(old, new, today)
    writer = json_out.render if fmt == "json" else markdown.render
    return Outcome(0, writer(changes, sides[0], sides[1], chosen, new.default_language, today))


def _checked(side: Side, today: date) -> CheckResult:
    with opened(side) as folder:
        try:
            return check(folder, today)
        except ProjectError as exc:
            message = str(exc)
            if side.kind == "revision":
                message = message.replace(str(folder), where(side))
            raise DiffProblem(message) from None


def _failure(name: str, side: Side, result: CheckResult, project: Path) -> str:
    """Which side has errors, how many, the first few, and how to see them all."""
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    count = f"{len(errors)} error" + ("" if len(errors) == 1 else "s")
    if side.kind == "revision":
        what = f"revision {side.label}"
        rel = side.prefix or "."
        see = f"check out {side.label} (e.g. `git worktree add ../orgc-{name} {side.label}`) and run `orgc check {rel}` there"
    elif side.kind == "folder":
        what = f"folder {side.label}"
        see = f"run `orgc check {side.label}`"
    else:
        what = "the working tree"
        see = f"run `orgc check {project}`"
    lines = [f"orgc diff: {name.upper()} ({what}) has {count} in its specs, so it cannot be compared."]
    lines += [f"  {d.location}: error {d.code} {d.message}" for d in errors[:_SHOWN_ERRORS]]
    if len(errors) > _SHOWN_ERRORS:
        lines.append(f"  … and {len(errors) - _SHOWN_ERRORS} more")
    lines.append(f"  To see them all, {see}.")
    return "\n".join(lines)
