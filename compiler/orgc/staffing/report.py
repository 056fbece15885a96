"""The staffing report as rows of words in the run's language, and as text, Markdown and JSON.

Only counts leave orgc: a person is named (in the list of positions that cannot be matched)
only when ``names`` is asked for; otherwise by the roster's row number alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..i18n import Message, OneOf
from ..model.entities import Org, Text
from ..writers.xlsx import display_width
from .count import Counts, Staffing
from .match import PROBLEMS, Placement

COUNT_COLUMNS = ("headcount", "filled", "vacant", "over")


@dataclass(frozen=True)
class Report:
    """The counts and the people who could not be placed, with the names of the organisation in ``lang``."""

    org: Org
    staffing: Staffing
    lang: str  # the run's language: orgc's words and the organisation's names
    names: bool  # name the people in the problems

    def say(self, message: Message) -> str:
        return message.render(self.lang)

    def text_of(self, text: Text | None) -> str:
        return text.get(self.lang, self.org.default_language) if text else ""

    def role_label(self, role_id: str) -> str:
        role = self.org.roles.get(role_id)
        return f"{self.text_of(role.title)} ({role_id})" if role else role_id

    def unit_label(self, unit_id: str | None) -> str:
        unit = self.org.units.get(unit_id or "")
        return f"{self.text_of(unit.name)} ({unit.id})" if unit else unit_id or ""

    def heading(self, key: str) -> str:
        return self.say(_HEADINGS[key])

    def count_headings(self) -> list[str]:
        return [self.say(_COLUMNS[c]) for c in COUNT_COLUMNS]

    def title(self) -> str:
        return self.say(Message("staffing.title", org=self.text_of(self.org.name)))

    def summary(self) -> str:
        s = self.staffing
        return self.say(
            Message("staffing.summary", count=len(s.placements), placed=s.placed, problems=len(s.problems))
        )

    def problem_line(self, placement: Placement) -> str:
        return self.say(problem_message(self, placement)).strip()


def number(value: Decimal | int) -> str:
    """A count as written: 3, 2.5 (never 3.0 or 2.50)."""
    if isinstance(value, int):
        return str(value)
    value = value.normalize()
    return str(int(value)) if value == value.to_integral_value() else format(value, "f")


def count_cells(counts: Counts) -> list[str]:
    return [number(counts.headcount), number(counts.filled), number(counts.vacant), number(counts.over)]


def problem_message(report: Report, placement: Placement) -> Message:
    person = placement.person
    who = Message("staffing.who", name=person.name) if report.names and person.name else None
    given = person.position or person.position_id
    if placement.problem == "fte":
        return Message("staffing.problem.fte", row=person.row, who=who, text=person.fte_text)
    if placement.problem == "ambiguous":
        roles = tuple(report.role_label(r) for r in placement.candidates)
        return Message("staffing.problem.ambiguous", row=person.row, who=who, text=given, roles=roles)
    if placement.problem == "closed":
        assert placement.role is not None
        return Message(
            "staffing.problem.closed", row=person.row, who=who, role=report.role_label(placement.role)
        )
    if not given:
        return Message("staffing.problem.no-position", row=person.row, who=who)
    close = tuple(
        Message("names.closest.one", name=report.text_of(report.org.roles[r].title), id=r)
        for r in placement.candidates
    )
    guess = Message("names.closest", names=OneOf(close)) if close else None
    return Message("staffing.problem.unknown", row=person.row, who=who, text=given, guess=guess)


_COLUMNS = {
    "headcount": Message("staffing.col.headcount"),
    "filled": Message("staffing.col.filled"),
    "vacant": Message("staffing.col.vacant"),
    "over": Message("staffing.col.over"),
    "unit": Message("staffing.col.unit"),
    "position": Message("staffing.col.position"),
    "reports-to": Message("staffing.col.reports-to"),
}
_HEADINGS = {
    "units": Message("staffing.units"),
    "positions": Message("staffing.positions"),
    "total": Message("staffing.total"),
    "supervisor-vacant": Message("staffing.supervisor-vacant"),
    "problems": Message("staffing.problems"),
    "no-problems": Message("staffing.no-problems"),
}


def column(report: Report, key: str) -> str:
    return report.say(_COLUMNS[key])


# -- text ------------------------------------------------------------------------------------------


def text(report: Report) -> str:
    s = report.staffing
    lines = [report.title(), report.summary()]
    lines += ["", report.heading("units")]
    unit_rows = [["  " * u.depth + report.unit_label(u.unit), *count_cells(u.counts)] for u in s.units]
    total = [report.heading("total"), *count_cells(s.total)]
    lines += _aligned([column(report, "unit"), *report.count_headings()], [*unit_rows, total])
    lines += ["", report.heading("positions")]
    position_rows = [
        [report.role_label(p.role), report.unit_label(report.org.roles[p.role].unit), *count_cells(p.counts)]
        for p in s.positions
    ]
    head = [column(report, "position"), column(report, "unit"), *report.count_headings()]
    lines += _aligned(head, position_rows)
    vacant_bosses = [p for p in s.positions if p.supervisor_vacant]
    if vacant_bosses:
        lines += ["", report.heading("supervisor-vacant")]
        lines += [
            f"  {report.role_label(p.role)} → {report.role_label(p.supervisor_vacant or '')}"
            for p in vacant_bosses
        ]
    lines += ["", report.heading("problems") if s.problems else report.heading("no-problems")]
    lines += [f"  {report.problem_line(p)}" for p in in_order(s.problems)]
    return "\n".join(lines) + "\n"


def _aligned(head: list[str], rows: list[list[str]]) -> list[str]:
    """A table of text: the first columns padded on the right, the counts on the left."""
    table = [head, *rows]
    widths = [max(display_width(row[j]) for row in table) for j in range(len(head))]
    labels = len(head) - len(COUNT_COLUMNS)

    def cell(text: str, j: int) -> str:
        pad = " " * (widths[j] - display_width(text))
        return text + pad if j < labels else pad + text

    return ["  ".join(cell(text, j) for j, text in enumerate(row)).rstrip() for row in table]


def in_order(problems: tuple[Placement, ...]) -> list[Placement]:
    return sorted(problems, key=lambda p: (PROBLEMS.index(p.problem or ""), p.person.row))


# -- Markdown --------------------------------------------------------------------------------------


def markdown(report: Report) -> str:
    s = report.staffing
    out = [f"## {_md(report.title())}", "", report.summary()]
    out += ["", f"### {report.heading('units')}", ""]
    out += _md_table(
        [column(report, "unit"), *report.count_headings()],
        [["\u3000" * u.depth + report.unit_label(u.unit), *count_cells(u.counts)] for u in s.units]
        + [[f"**{report.heading('total')}**", *(f"**{c}**" for c in count_cells(s.total))]],
    )
    out += ["", f"### {report.heading('positions')}", ""]
    out += _md_table(
        [column(report, "position"), column(report, "unit"), *report.count_headings()],
        [
            [
                report.role_label(p.role),
                report.unit_label(report.org.roles[p.role].unit),
                *count_cells(p.counts),
            ]
            for p in s.positions
        ],
    )
    vacant_bosses = [p for p in s.positions if p.supervisor_vacant]
    if vacant_bosses:
        out += ["", f"### {report.heading('supervisor-vacant')}", ""]
        out += _md_table(
            [column(report, "position"), column(report, "reports-to")],
            [
                [report.role_label(p.role), report.role_label(p.supervisor_vacant or "")]
                for p in vacant_bosses
            ],
            counts=0,
        )
    out += ["", f"### {report.heading('problems') if s.problems else report.heading('no-problems')}"]
    if s.problems:
        out += ["", *(f"- {_md(report.problem_line(p))}" for p in in_order(s.problems))]
    return "\n".join(out) + "\n"


def _md_table(head: list[str], rows: list[list[str]], counts: int = len(COUNT_COLUMNS)) -> list[str]:
    rule = ["---"] * (len(head) - counts) + ["---:"] * counts
    return [_md_row(head), _md_row(rule), *(_md_row(row) for row in rows)]


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(_md(c) if not c.startswith("**") else c for c in cells) + " |"


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


# -- JSON ------------------------------------------------------------------------------------------


def as_json(report: Report) -> dict[str, Any]:
    """The report as ``schema/staffing.schema.json`` describes it."""
    s, org = report.staffing, report.org
    return {
        "organisation": org.id,
        "language": report.lang,
        "people": {"rows": len(s.placements), "placed": s.placed, "problems": len(s.problems)},
        "total": _counts(s.total),
        "units": [
            {
                "id": u.unit,
                "name": report.text_of(org.units[u.unit].name),
                "parent": org.units[u.unit].parent,
                "depth": u.depth,
                **_counts(u.counts),
            }
            for u in s.units
        ],
        "positions": [
            {
                "id": p.role,
                "title": report.text_of(org.roles[p.role].title),
                "unit": org.roles[p.role].unit,
                **_counts(p.counts),
                "supervisor_vacant": p.supervisor_vacant,
            }
            for p in s.positions
        ],
        "problems": [_problem(report, p) for p in in_order(s.problems)],
    }


def _counts(counts: Counts) -> dict[str, int | float]:
    return {
        "headcount": counts.headcount,
        "filled": _json_number(counts.filled),
        "vacant": _json_number(counts.vacant),
        "over": _json_number(counts.over),
    }


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _problem(report: Report, placement: Placement) -> dict[str, Any]:
    person = placement.person
    found: dict[str, Any] = {
        "row": person.row,
        "problem": placement.problem,
        "position": person.position or person.position_id,
        "unit": person.unit,
        "role": placement.role,
        "candidates": list(placement.candidates),
        "message": report.problem_line(placement),
    }
    if report.names:
        found["name"] = person.name
    return found
