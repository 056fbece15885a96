"""``orgc staffing PEOPLE``: the designed headcount (编制) against the people roster (在岗, 空编, 超编).

Said in ``--messages``, else in the project's first language. Exit code 1 with ``--strict`` when a
position is over its headcount or a person's position cannot be placed; 2 when the roster or the
project cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..i18n import Message, os_reason
from ..roster import ImportProblem
from ..staffing.count import count
from ..staffing.match import place
from ..staffing.people import read_people
from ..staffing.report import Report, as_json, markdown, text
from . import CommandProblem, Outcome
from .check import checked, messages_language

FORMATS = ("text", "markdown", "json", "xlsx")


def run(
    people: Path,
    path: Path,
    fmt: str,
    output: Path | None,
    strict: bool,
    names: bool,
    messages: str | None,
) -> Outcome:
    """The report on stdout (or written to ``output``); a note on stderr when the specs have errors."""
    result = checked(path, None, messages)
    said = messages_language(messages, result.config.languages)

    def problem(message: Message) -> CommandProblem:
        return CommandProblem(message.render(said), said)

    if fmt == "xlsx" and output is None:
        raise problem(Message("staffing.xlsx-needs-output"))
    if output is not None and _same_file(output, people):
        raise problem(Message("staffing.output-is-roster", path=str(output)))
    try:
        roster = read_people(people, display=str(people))
    except ImportProblem as exc:
        raise problem(exc.message) from None
    staffing = count(result.org, place(result.org, roster.people))
    report = Report(result.org, staffing, said, names)
    failing = strict and (staffing.total.over > 0 or bool(staffing.problems))
    code = 1 if failing else 0
    note = "" if result.ok else "\n" + Message("cli.specs-have-errors", path=str(path)).render(said) + "\n"
    if fmt == "xlsx":
        from ..staffing.workbook import workbook  # openpyxl, for this format only

        content: bytes = workbook(report)
    elif fmt == "json":
        content = (json.dumps(as_json(report), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    else:
        content = (markdown(report) if fmt == "markdown" else text(report)).encode("utf-8")
    if output is None:
        return Outcome(code, content.decode("utf-8"), note)
    try:
        output.write_bytes(content)
    except OSError as exc:
        raise problem(Message("staffing.cannot-write", path=str(output), reason=os_reason(exc))) from None
    return Outcome(code, Message("staffing.wrote", path=str(output)).render(said) + "\n", note)


def _same_file(output: Path, people: Path) -> bool:
    try:
        return output.exists() and output.samefile(people)
    except OSError:
        return False
