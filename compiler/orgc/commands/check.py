"""``orgc check``: check a project and report every problem in the chosen format.

Also the check every other command starts with: ``checked`` turns a folder that is not a
project into a ``CommandProblem`` said in the language of the messages.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..diagnostics import Severity
from ..i18n import default_language
from ..incremental.known import KnownDocuments
from ..pipeline import ProjectError, check
from ..report import REPORTERS
from ..result import CheckResult
from . import CommandProblem, Outcome


def run(
    path: Path, fmt: str, strict: bool, today: date | None, messages: str | None, colour: bool
) -> Outcome:
    """The report; exit code 1 when there are errors (with ``strict``, warnings too), else 0."""
    result = checked(path, today, messages)
    lang = messages_language(messages, result.config.languages)
    report = REPORTERS[fmt](result, fmt == "text" and colour, lang)
    failing = result.count(Severity.ERROR) + (result.count(Severity.WARNING) if strict else 0)
    return Outcome(1 if failing else 0, report)


def checked(
    path: Path, today: date | None, messages: str | None = None, known: KnownDocuments | None = None
) -> CheckResult:
    """``pipeline.check``, with a folder that is not a project as a ``CommandProblem``."""
    try:
        return check(path, today, known)
    except ProjectError as exc:
        raise CommandProblem(exc.message.render(messages or exc.language or "en")) from None


def messages_language(messages: str | None, languages: tuple[str, ...]) -> str:
    """The language orgc speaks in: ``--messages``, else the project's when orgc knows it."""
    return messages or default_language(languages)
