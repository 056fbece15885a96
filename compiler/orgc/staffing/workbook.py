"""The staffing report as one XLSX sheet: units, positions, the total, then the rows that could not be placed."""

from __future__ import annotations

from datetime import UTC, datetime

from ..i18n import Message
from ..writers.xlsx import matrix_workbook
from .count import Counts
from .report import Report, count_cells, in_order

# A report shows no date of its own: the workbook's is fixed, so that one roster gives one file.
WHEN = datetime(2000, 1, 1, tzinfo=UTC)
LABEL_COLUMNS = 5


def workbook(report: Report) -> bytes:
    s, org, say = report.staffing, report.org, report.say
    header = [
        say(Message("staffing.col.kind")),
        say(Message("staffing.col.id")),
        say(Message("staffing.col.name")),
        say(Message("staffing.col.unit")),
        say(Message("staffing.col.note")),
        *report.count_headings(),
    ]
    rows: list[list[str]] = []
    unit_word, position_word = say(Message("staffing.kind.unit")), say(Message("staffing.kind.position"))
    for u in s.units:
        unit = org.units[u.unit]
        parent = org.units.get(unit.parent or "")
        rows.append(
            _row(
                unit_word,
                u.unit,
                report.text_of(unit.name),
                report.text_of(parent.name) if parent else "",
                "",
                u.counts,
            )
        )
    for p in s.positions:
        role = org.roles[p.role]
        unit = org.units.get(role.unit or "")
        note = (
            say(Message("staffing.supervisor-vacant.note", role=report.role_label(p.supervisor_vacant)))
            if p.supervisor_vacant
            else ""
        )
        rows.append(
            _row(
                position_word,
                p.role,
                report.text_of(role.title),
                report.text_of(unit.name) if unit else "",
                note,
                p.counts,
            )
        )
    rows.append(_row(report.heading("total"), "", "", "", "", s.total))
    problem_word = say(Message("staffing.kind.problem"))
    for placement in in_order(s.problems):
        person = placement.person
        line = report.problem_line(placement)
        rows.append(
            [
                problem_word,
                str(person.row),
                person.position or person.position_id,
                person.unit,
                line,
                "",
                "",
                "",
                "",
            ]
        )
    title = report.title()
    return matrix_workbook(
        title,
        header,
        rows,
        LABEL_COLUMNS,
        WHEN,
        report.lang,
        frozen_columns=3,
        sheet_title=say(Message("staffing.sheet")),
    )


def _row(kind: str, id_: str, name: str, unit: str, note: str, counts: Counts) -> list[str]:
    return [kind, id_, name, unit, note, *count_cells(counts)]
