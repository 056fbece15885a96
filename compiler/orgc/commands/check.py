"""``orgc check``: check a project and report every problem in the chosen format.

Also the check every other command starts with: ``checked`` turns a folder that is not a
project into a ``CommandProblem`` said in the language of the messages.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..diagnostics import Severity
from ..i18n import Message, default_language
from ..incremental.known import KnownDocuments
from ..pipeline import ProjectError, check, find_project
from ..report import REPORTERS
from ..result import CheckResult
from . import CommandProblem, Outcome
from .fixing import fix_copy, unified_diff, write_fixed


def run(
    path: Path,
    fmt: str,
    strict: bool,
    today: date | None,
    messages: str | None,
    colour: bool,
    fix: bool = False,
    dry_run: bool = False,
) -> Outcome:
    """The report; exit code 1 when there are errors (with ``strict``, warnings too), else 0.

    With ``fix``, the diagnostics' Fixes are first written into the spec files, each listed on
    stderr, and the report is of the files as fixed; with ``dry_run`` as well, nothing is
    written and the report is the unified diff of what would be.
    """
    if fix:
        return _fix(path, fmt, strict, today, messages, colour, dry_run)
    result = checked(path, today, messages)
    lang = messages_language(messages, result.config.languages)
    report = REPORTERS[fmt](result, fmt == "text" and colour, lang)
    return Outcome(_exit_code(result, strict), report)


def _fix(
    path: Path, fmt: str, strict: bool, today: date | None, messages: str | None, colour: bool, dry_run: bool
) -> Outcome:
    """``orgc check --fix [--dry-run]``: the fixes, listed on stderr, then the report or the diff."""
    try:
        project = find_project(path)
    except ProjectError as exc:
        raise CommandProblem(exc.message.render(messages or exc.language or "en")) from None
    fixing = fix_copy(project, lambda folder: checked(folder, today, messages))
    assert fixing.first is not None and fixing.result is not None
    lang = messages_language(messages, fixing.first.config.languages)
    if dry_run:  # nothing is written: each fix is one that would be made
        fixing.lines = [_would(line) for line in fixing.lines]
    lines = [line.render(lang) for line in fixing.lines]
    if dry_run:
        summary = (
            Message("check.fix.dry-run", count=fixing.applied)
            if fixing.applied
            else Message("check.fix.none")
        )
        said = "".join(f"{line}\n" for line in [*lines, summary.render(lang)])
        return Outcome(_exit_code(fixing.result, strict), unified_diff(fixing), said)
    lines += [line.render(lang) for line in write_fixed(project, fixing)]
    summary = (
        Message("check.fix.summary", count=fixing.applied) if fixing.applied else Message("check.fix.none")
    )
    said = "".join(f"{line}\n" for line in [*lines, summary.render(lang)])
    result = checked(path, today, messages)
    report = REPORTERS[fmt](result, fmt == "text" and colour, lang)
    return Outcome(_exit_code(result, strict), report, said)


def _would(line: Message) -> Message:
    return Message("check.fix.would", **dict(line.params)) if line.key == "check.fix.applied" else line


def _exit_code(result: CheckResult, strict: bool) -> int:
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    return 1 if failing else 0


def checked(
    path: Path, today: date | None, messages: str | None = None, known: KnownDocuments | None = None
) -> CheckResult:
    """``pipeline.check`` on every core, with a folder that is not a project as a ``CommandProblem``."""
    try:
        return check(path, today, known, jobs=None)
    except ProjectError as exc:
        raise CommandProblem(exc.message.render(messages or exc.language or "en")) from None


def messages_language(messages: str | None, languages: tuple[str, ...]) -> str:
    """The language orgc speaks in: ``--messages``, else the project's when orgc knows it."""
    return messages or default_language(languages)
