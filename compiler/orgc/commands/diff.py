"""``orgc diff BASE [HEAD]``: resolve both sides, check each, compare, render; the exit code and texts.

Exit 0 whatever changed; 1 when either side's specs have errors (nothing is
compared, and the message names the side); a ``CommandProblem`` (exit 2) when a side
cannot be read. What orgc says about the run is in ``--messages``, else ``--lang`` when it is
zh or en, else the project's language; the report itself is a document in ``--lang``, else in
``--messages`` when the specs are written in it, else in the specs' first language.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..diagnostics import Severity
from ..diff import json_out, markdown
from ..diff.compare import compare
from ..diff.revisions import DiffProblem, Side, opened, resolve, where
from ..i18n import Message, verbatim
from ..pipeline import ProjectError, check
from ..result import CheckResult
from . import CommandProblem, Outcome
from .language import run_language

_SHOWN_ERRORS = 5  # errors quoted in the message; `orgc check` shows them all


def run(
    base: str,
    head: str | None,
    project: Path,
    fmt: str,
    lang: str | None,
    today: date | None = None,
    folders: bool = False,
    messages: str | None = None,
) -> Outcome:
    """Compare BASE with HEAD (default: the project's working tree); ``folders``: both are folders."""
    said = run_language("diff", {"--messages": messages or "", "--lang": lang or "", "--path": str(project)})
    try:
        return _compared(base, head, project, fmt, lang, today, folders, said, messages)
    except DiffProblem as exc:
        raise CommandProblem(exc.message.render(said), said) from None


def _compared(
    base: str,
    head: str | None,
    project: Path,
    fmt: str,
    lang: str | None,
    today: date | None,
    folders: bool,
    said: str,
    messages: str | None,
) -> Outcome:
    today = today or date.today()
    sides = (resolve(base, project, folders), resolve(head, project, folders))
    results = tuple(_checked(side, today, said) for side in sides)
    failing = [
        _failure(name, side, result, project, said)
        for name, side, result in zip(("BASE", "HEAD"), sides, results, strict=True)
        if not result.ok
    ]
    if failing:
        return Outcome(1, "", "\n".join(failing) + "\n")
    old, new = results[0].org, results[1].org
    languages = dict.fromkeys((*new.languages, *old.languages))
    if lang is not None and lang not in languages:
        raise DiffProblem(Message("diff-run.unknown-language", lang=lang, languages=tuple(languages)))
    chosen = lang or (messages if messages in languages else new.default_language)
    changes = compare(old, new, today)
    writer = json_out.render if fmt == "json" else markdown.render
    return Outcome(0, writer(changes, sides[0], sides[1], chosen, new.default_language, today))


def _checked(side: Side, today: date, said: str) -> CheckResult:
    with opened(side) as folder:
        try:
            return check(folder, today)
        except ProjectError as exc:
            message = exc.message.render(said)
            if side.kind == "revision":
                message = message.replace(str(folder), where(side))
            raise DiffProblem(verbatim(message)) from None


def _failure(name: str, side: Side, result: CheckResult, project: Path, said: str) -> str:
    """Which side has errors, how many, the first few, and how to see them all."""
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if side.kind == "revision":
        what = Message("diff-run.revision", label=side.label)
        rel = side.prefix or "."
        see = Message("diff-run.see-revision", label=side.label, name=name.lower(), folder=rel)
    elif side.kind == "folder":
        what = Message("diff-run.folder", label=side.label)
        see = Message("diff-run.see-folder", folder=side.label)
    else:
        what = Message("diff-run.worktree")
        see = Message("diff-run.see-folder", folder=str(project))
    head = Message("diff-run.has-errors", side=name, what=what, count=len(errors))
    lines = [head.render(said)]
    lines += [f"  {d.location}: error {d.code} {d.message_in(said)}" for d in errors[:_SHOWN_ERRORS]]
    if len(errors) > _SHOWN_ERRORS:
        lines.append("  " + Message("diff-run.more", count=len(errors) - _SHOWN_ERRORS).render(said))
    lines.append("  " + see.render(said))
    return "\n".join(lines)
