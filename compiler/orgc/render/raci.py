"""The responsibility matrices: ``raci/<unit>.md``, ``raci.csv``, ``raci.xlsx``, ``assignments.tsv``.

Rows are duties and process steps, columns are parties (roles, then units given
C or I), cells are the combined letters (``A/R``). Which rows and columns a
matrix has depends on *who* takes part in a row, never on *which* letter they
hold, so changing one letter changes exactly one line of a unit's Markdown
matrix (and one line of assignments.tsv).

The matrices are one per build, labelled in the first language being built.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model.raci import combined
from . import escape
from .context import OutputFile, RenderContext
from .labels import label
from .xlsx import matrix_workbook

# What may appear in assignments.tsv: ids, refs and one letter; never a tab or a line break.
_TSV_FIELD = re.compile(r"[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)?|[RACI]")


@dataclass(frozen=True)
class Row:
    ref: str  # ROLE.DUTY, BLOCK.DUTY or PROCESS.STEP
    title: str  # plain text in the matrix's language


@dataclass(frozen=True)
class Column:
    party: str  # a role or unit id
    title: str  # plain text: the role's title or the unit's name

    @property
    def label(self) -> str:
        return f"{self.title} ({self.party})"


@dataclass(frozen=True)
class Matrix:
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    cells: dict[str, dict[str, str]]  # row ref -> party -> combined letters ("A/R")

    def letters(self, row: Row) -> list[str]:
        """The row's cell under each column, "" where the party takes no part."""
        mine = self.cells.get(row.ref, {})
        return [mine.get(column.party, "") for column in self.columns]


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    lang = ctx.languages[0] if ctx.languages else ctx.org.default_language
    cells = _cells(ctx)
    for unit in ctx.org.units.values():
        if unit.external:
            continue
        matrix = unit_matrix(ctx, unit.id, lang, cells)
        if matrix.rows:
            text = markdown(ctx, unit.id, matrix, lang)
            yield OutputFile(f"raci/{unit.id}.md", text.encode("utf-8"))
    whole = whole_matrix(ctx, lang, cells)
    header = (_label("row", lang), _label("ref", lang))
    yield OutputFile("raci/raci.csv", csv_bytes(whole, header))
    yield OutputFile(
        "raci/raci.xlsx",
        matrix_workbook(
            title=f"{_label('matrix', lang)} — {ctx.t(ctx.org.name, lang)}",
            header=(*header, *(c.label for c in whole.columns)),
            rows=[(row.title, row.ref, *whole.letters(row)) for row in whole.rows],
            label_columns=len(header),
            when=ctx.source_date,
            lang=lang,
        ),
    )
    yield OutputFile("raci/assignments.tsv", assignments_tsv(ctx))


# -- the matrices ---------------------------------------------------------------------------------


def whole_matrix(ctx: RenderContext, lang: str, cells: dict[str, dict[str, str]] | None = None) -> Matrix:
    """Every row; every role in org-chart order, then every unit that is given a letter."""
    cells = _cells(ctx) if cells is None else cells
    parties = {party for row in cells.values() for party in row}
    units = [unit_id for unit_id in ctx.org.units if unit_id in parties]
    columns = tuple(_column(ctx, party, lang) for party in (*ctx.graph.chart_order, *units))
    return Matrix(_rows(ctx, lang, set(cells)), columns, cells)


def unit_matrix(
    ctx: RenderContext, unit_id: str, lang: str, cells: dict[str, dict[str, str]] | None = None
) -> Matrix:
    """The rows in which the unit or one of its own roles takes part.

    Columns: the unit's own roles in org-chart order (roles of sub-units have their
    sub-unit's matrix), then every other party of those rows — roles in org-chart
    order, then units. The whole organisation is in raci.csv and raci.xlsx.
    """
    graph = ctx.graph
    cells = _cells(ctx) if cells is None else cells
    own = tuple(r for r in graph.chart_order if ctx.org.roles[r].unit == unit_id)
    members = {*own, unit_id}
    kept = {ref: row for ref, row in cells.items() if not members.isdisjoint(row)}
    others = {party for row in kept.values() for party in row}.difference(own)
    order = (
        *own,
        *(r for r in graph.chart_order if r in others),
        *(u for u in ctx.org.units if u in others),
    )
    columns = tuple(_column(ctx, party, lang) for party in order)
    return Matrix(_rows(ctx, lang, set(kept)), columns, kept)


def _cells(ctx: RenderContext) -> dict[str, dict[str, str]]:
    """row -> party -> combined letters (``A/R``)."""
    return {
        row: {party: combined(found) for party, found in parties.items()}
        for row, parties in ctx.cells.items()
    }


def _rows(ctx: RenderContext, lang: str, refs: set[str]) -> tuple[Row, ...]:
    """Roles' own duties (org-chart order), then shared blocks' duties, then process steps."""
    org = ctx.org
    candidates = [
        *(duty for role in ctx.graph.roles() for duty in role.duties),
        *(duty for block in org.blocks.values() for duty in block.duties),
        *(step for process in org.processes.values() for step in process.steps),
    ]
    rows: dict[str, Row] = {}
    for candidate in candidates:
        if candidate.ref in refs and candidate.ref not in rows:
            rows[candidate.ref] = Row(candidate.ref, ctx.t(candidate.title, lang))
    return tuple(rows.values())


def _column(ctx: RenderContext, party: str, lang: str) -> Column:
    return Column(party, ctx.party_name(party, lang))


def _label(key: str, lang: str) -> str:
    return label({"row": "matrix_row", "ref": "matrix_ref"}.get(key, key), lang)


# -- the files ------------------------------------------------------------------------------------


def markdown(ctx: RenderContext, unit_id: str, matrix: Matrix, lang: str) -> str:
    """One line per row; nothing but a row's own line depends on its letters."""
    md = escape.markdown
    unit_name = ctx.party_name(unit_id, lang)
    legend = " · ".join(ctx.label(k, lang) for k in ("responsible", "accountable", "consulted", "informed"))
    header = [_label("row", lang), _label("ref", lang), *(md(c.label) for c in matrix.columns)]
    lines = [
        f"# {_label('matrix', lang)}: {md(unit_name)} (`{unit_id}`)",
        "",
        f"{md(ctx.t(ctx.org.name, lang))} · {_label('legend', lang)}: {legend}",
        "",
        _md_line(header),
        _md_line(["---"] * len(header)),
    ]
    lines += [_md_line([md(row.title), f"`{row.ref}`", *matrix.letters(row)]) for row in matrix.rows]
    return "\n".join(lines) + "\n"


def _md_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def csv_bytes(matrix: Matrix, header: tuple[str, ...]) -> bytes:
    """UTF-8 with BOM and CRLF, as Excel opens it; no cell can start a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    cell = lambda text: escape.spreadsheet(escape.xml_safe(text)) if text else ""  # noqa: E731
    writer.writerow([cell(text) for text in (*header, *(c.label for c in matrix.columns))])
    for row in matrix.rows:
        writer.writerow([cell(text) for text in (row.title, row.ref, *matrix.letters(row))])
    return buffer.getvalue().encode("utf-8-sig")


def assignments_tsv(ctx: RenderContext) -> bytes:
    lines = ["duty\trole\tletter"]
    for cell in ctx.assignments:
        fields = (cell.row, cell.party, cell.letter)
        for field in fields:
            if not _TSV_FIELD.fullmatch(field):
                raise ValueError(f"not an id, ref or RACI letter: {field!r}")
        lines.append("\t".join(fields))
    return ("\n".join(lines) + "\n").encode("utf-8")
