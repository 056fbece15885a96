"""The responsibility matrices: ``raci/<unit>.md``, ``raci.csv``, ``raci.xlsx``, ``assignments.tsv``.

Rows are duties and process steps, columns are parties (roles, then units given
C or I), cells are the combined letters (``A/R``). Which rows and columns a
matrix has depends on *who* takes part in a row, never on *which* letter they
hold, so changing one letter changes exactly one line of a unit's Markdown
matrix (and one line of assignments.tsv).

A unit's Markdown matrix has the rows its own parties take part in (the duties of
its roles, the steps they or the unit take part in) and a column for each of its
own roles, then for the unit itself when it is given a letter. Everyone else in
those rows shares one last column, "outside this unit", grouped by their letters
(``A 总经理 (ceo) · I 法务部 (legal)``); a group of more than ``OUTSIDE_NAMED``
is counted instead (``I ×37``). So a file grows with the unit's own rows and
cells, never with the organisation: a company-wide step that informs five
hundred roles is one line in each unit taking part, not five hundred columns.
A unit of more than ``UNIT_GRID_MAX_COLUMNS`` columns of its own is written in
long form instead: one line per cell (row, role, letters) in row order, then
column order, each row followed by its line of parties outside the unit.

The whole matrix (raci.csv, raci.xlsx) is a grid while it has at most
``DENSE_MAX_COLUMNS`` parties; a larger organisation's would be thousands of
columns wide, mostly empty, so it is written in long form instead: one line per
non-empty cell (row, ref, party, party id, letters), in row order, then column
order.

Everything here takes time in proportion to the cells that are written: the
organisation's cells are indexed once per build (``matrix_index``), and a row of
a wide Markdown matrix is assembled from its non-empty cells.

The matrices are one per build, labelled in the first language being built.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache, cached_property

from ..i18n.documents import label
from ..model.entities import Text
from ..model.raci import LETTER_ORDER, combined, row_title
from ..model.relative import step_rows
from ..writers import escape
from ..writers.xlsx import matrix_workbook
from .context import OutputFile, RenderContext
from .jd.punctuation import full_width

# What may appear in assignments.tsv: ids, refs (PROCESS.STEP@ROLE for a step's row of one
# Responsible role) and one letter; never a tab or a line break.
_TSV_FIELD = re.compile(r"[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*(@[a-z][a-z0-9-]*)?)?|[RACI]")

# The whole matrix is a grid of rows × parties up to this many parties (columns). A hundred
# columns of letters already take ten screen widths, and the grid grows with the square of the
# organisation (10,000 roles: 40,000 rows × 10,000 columns, 400 million cells, nearly all
# empty), so above it the whole matrix is written in long form, one line per non-empty cell.
DENSE_MAX_COLUMNS = 100

# A unit's Markdown matrix is a grid while the unit has at most this many columns of its own (its
# roles, and the unit itself when it is given a letter): with the two label columns and the one of
# parties outside the unit, about what a pull request's page shows without scrolling sideways.
# Above it the matrix is in long form, one line per cell.
UNIT_GRID_MAX_COLUMNS = 12

# Parties outside a unit that hold the same letters in one of its rows are named while they are at
# most this many, else counted: the steps of a company-wide process inform hundreds of roles.
OUTSIDE_NAMED = 3


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
class Outside:
    """The parties outside a unit that hold the same letters in one of its rows."""

    letters: str  # combined, "A/R"
    parties: tuple[Column, ...]  # in column order; none where there are too many to name
    count: int


@dataclass(frozen=True)
class Matrix:
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    cells: dict[str, dict[str, str]]  # row ref -> party -> combined letters ("A/R")
    # a unit's matrix: row ref -> the parties outside the unit, A first, then R, C, I
    outside: dict[str, tuple[Outside, ...]] = dataclass_field(default_factory=dict)

    @cached_property
    def positions(self) -> dict[str, int]:
        """party -> its column number, from 0."""
        return {column.party: j for j, column in enumerate(self.columns)}

    @property
    def dense(self) -> bool:
        """Whether this matrix is written as a grid (else in long form)."""
        return len(self.columns) <= DENSE_MAX_COLUMNS

    def letters(self, row: Row) -> list[str]:
        """The row's cell under each column, "" where the party takes no part."""
        mine = self.cells.get(row.ref, {})
        return [mine.get(column.party, "") for column in self.columns]

    def filled(self, row: Row) -> list[tuple[int, str]]:
        """The row's non-empty cells as (column number, letters), in column order."""
        positions = self.positions
        mine = self.cells.get(row.ref, {})
        return sorted((positions[party], found) for party, found in mine.items() if party in positions)


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    """Every matrix file; a build runs these as separate tasks (see ``outputs.render_all``)."""
    yield from render_units(ctx)
    yield from render_table(ctx)
    yield from render_workbook(ctx)


def render_units(ctx: RenderContext, units: Iterable[str] | None = None) -> Iterator[OutputFile]:
    """Each unit's matrix (or those of ``units``); one whose content is what the last build wrote
    is kept, not written again."""
    lang = _lang(ctx)
    org_name = ctx.t(ctx.org.name, lang)
    for unit in (ctx.org.units[u] for u in units) if units is not None else ctx.org.units.values():
        if unit.external:
            continue
        matrix = unit_matrix(ctx, unit.id, lang)
        if not matrix.rows:
            continue
        path = unit_path(unit.id)
        content = ctx.reuse.key(lang, org_name, ctx.party_name(unit.id, lang), matrix)
        if ctx.reuse.kept((path,), content):
            yield OutputFile(path, b"", content, kept=True)
        else:
            yield OutputFile(path, markdown(ctx, unit.id, matrix, lang), content)


def unit_path(unit_id: str) -> str:
    return f"raci/{unit_id}.md"


def render_table(ctx: RenderContext) -> Iterator[OutputFile]:
    """``raci.csv`` and ``assignments.tsv``: a task of their own beside the slower workbook, so each
    makes the whole table (0.3 s at 10,000 roles): in a build the two run in two workers at once."""
    lang = _lang(ctx)
    header, rows = whole_table(whole_matrix(ctx, lang), lang)
    yield OutputFile("raci/raci.csv", csv_rows(header, rows))
    yield OutputFile("raci/assignments.tsv", assignments_tsv(ctx))


def render_workbook(ctx: RenderContext) -> Iterator[OutputFile]:
    """``raci.xlsx``."""
    lang = _lang(ctx)
    whole = whole_matrix(ctx, lang)
    header, rows = whole_table(whole, lang)
    titles = [c.title for c in whole.columns]
    if whole.dense and len(set(titles)) == len(titles):  # a printed page speaks of roles, not ids
        header = (*header[:2], *titles)
    if lang.startswith("zh"):  # printed, with the punctuation of a Chinese page (raci.csv keeps the specs')
        texts = (0,) if whole.dense else (0, 2)
        rows = [tuple(full_width(v) if i in texts else v for i, v in enumerate(row)) for row in rows]
    pieces = ctx.reuse.pieces()  # runs of rows as the last build made them
    data = matrix_workbook(
        title=f"{_label('matrix', lang)} — {ctx.t(ctx.org.name, lang)}",
        header=header,
        rows=rows,
        label_columns=2 if whole.dense else 4,
        when=ctx.source_date,
        lang=lang,
        frozen_columns=None if whole.dense else 0,
        hidden_columns=(2,) if whole.dense else (2, 4),  # the ids of rows (and of parties)
        piece=pieces.piece,
    )
    yield OutputFile("raci/raci.xlsx", data, fragments=pieces.used)


def _lang(ctx: RenderContext) -> str:
    return ctx.languages[0] if ctx.languages else ctx.org.default_language


# -- the index ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixIndex:
    """The organisation's cells, indexed once per context so that every matrix is linear in its cells."""

    cells: dict[str, dict[str, str]]  # row -> party -> combined letters ("A/R")
    row_titles: dict[str, Text]  # every row of a matrix, in matrix order, with its title
    row_position: dict[str, int]  # row -> its place in matrix order
    party_position: dict[str, int]  # roles in org-chart order, then units in file order
    _rows: dict[str, dict[str, Row]] = dataclass_field(default_factory=dict, compare=False, repr=False)
    _columns: dict[tuple[str, str], Column] = dataclass_field(default_factory=dict, compare=False, repr=False)
    _markdown: dict[str, str] = dataclass_field(default_factory=dict, compare=False, repr=False)
    _markdown_starts: dict[str, dict[str, bytes]] = dataclass_field(
        default_factory=dict, compare=False, repr=False
    )
    _groups: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = dataclass_field(
        default_factory=dict, compare=False, repr=False
    )

    def rows(self, ctx: RenderContext, lang: str) -> dict[str, Row]:
        """row ref -> Row titled in ``lang``, in matrix order."""
        if lang not in self._rows:
            self._rows[lang] = {ref: Row(ref, ctx.t(title, lang)) for ref, title in self.row_titles.items()}
        return self._rows[lang]

    def column(self, ctx: RenderContext, party: str, lang: str) -> Column:
        """The party's column, titled in ``lang``, made once: parties recur in many units' matrices."""
        found = self._columns.get((party, lang))
        if found is None:
            found = self._columns[party, lang] = Column(party, ctx.party_name(party, lang))
        return found

    def markdown(self, text: str) -> str:
        """``escape.markdown(text)``, once per text: titles recur in the matrices of many units."""
        found = self._markdown.get(text)
        if found is None:
            found = self._markdown[text] = escape.markdown(text)
        return found

    def markdown_starts(self, lang: str) -> dict[str, bytes]:
        """row ref -> ``| title | `ref``` of its Markdown line in ``lang``, in UTF-8, filled as rows are met."""
        return self._markdown_starts.setdefault(lang, {})

    def groups(self, ref: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The row's parties grouped by their letters, A first, then R, C, I; each group in column
        order. Made once per row: a company-wide step is a row of many units' matrices."""
        found = self._groups.get(ref)
        if found is None:
            by_letters: dict[str, list[str]] = {}
            for party, letters in self.cells[ref].items():
                by_letters.setdefault(letters, []).append(party)
            last = len(self.party_position)
            position = self.party_position.get
            found = self._groups[ref] = tuple(
                (letters, tuple(sorted(parties, key=lambda party: position(party, last))))
                for letters, parties in sorted(by_letters.items(), key=lambda group: letter_rank(group[0]))
            )
        return found

    def ordered(self, refs: Iterable[str]) -> list[str]:
        """The refs that are matrix rows, in matrix order."""
        position = self.row_position
        return sorted((ref for ref in refs if ref in position), key=position.__getitem__)


def _index(ctx: RenderContext) -> MatrixIndex:
    org, graph = ctx.org, ctx.graph
    cells = {
        row: {party: combined(found) for party, found in parties.items()}
        for row, parties in ctx.cells.items()
    }
    # Roles' own duties (org-chart order), then shared blocks' duties, then process steps: a step
    # with relative parties is a row per Responsible role, titled with the role's title.
    candidates = [
        *((duty.ref, duty.title) for role in graph.roles() for duty in role.duties),
        *((duty.ref, duty.title) for block in org.blocks.values() for duty in block.duties),
        *(
            (found.row, row_title(org, found.row, step.title))
            for process in org.processes.values()
            for step in process.steps
            for found in step_rows(org, process, step)
        ),
    ]
    titles: dict[str, Text] = {}
    for ref, title in candidates:
        if ref in cells and ref not in titles:
            titles[ref] = title
    parties = (*graph.chart_order, *org.units)
    return MatrixIndex(
        cells=cells,
        row_titles=titles,
        row_position={ref: i for i, ref in enumerate(titles)},
        party_position={party: i for i, party in enumerate(parties)},
    )


def matrix_index(ctx: RenderContext) -> MatrixIndex:
    """The context's cells indexed by row and party: made once and kept on the context, beside the
    values its cached properties keep (``outputs.render_all`` makes it before forking)."""
    found = vars(ctx).get(_INDEX)
    if found is None:
        found = vars(ctx)[_INDEX] = _index(ctx)
    return found


_INDEX = "_matrix_index"  # not a field: replace() and == leave it out, as they do cached properties


# -- the matrices ---------------------------------------------------------------------------------


def whole_matrix(ctx: RenderContext, lang: str) -> Matrix:
    """Every row; every role in org-chart order, then every unit that is given a letter."""
    index = matrix_index(ctx)
    units = [unit_id for unit_id in ctx.org.units if unit_id in ctx.letters]
    columns = tuple(index.column(ctx, party, lang) for party in (*ctx.graph.chart_order, *units))
    return Matrix(tuple(index.rows(ctx, lang).values()), columns, index.cells)


def unit_matrix(ctx: RenderContext, unit_id: str, lang: str) -> Matrix:
    """The rows in which the unit or one of its own roles takes part.

    Columns: the unit's own roles in org-chart order (roles of sub-units have their
    sub-unit's matrix), then the unit itself where it is given a letter. The other
    parties of each row are in ``outside``, grouped by their letters; the whole
    organisation is in raci.csv and raci.xlsx.
    """
    index = matrix_index(ctx)
    own = ctx.graph.roles_of_unit(unit_id)
    by_party = ctx.letters
    mine: dict[str, dict[str, str]] = {}  # row -> own party -> letters: the unit's own cells
    for member in (*own, unit_id):
        for ref in by_party.get(member, ()):
            mine.setdefault(ref, {})[member] = index.cells[ref][member]
    refs = index.ordered(mine)
    whole_unit = any(unit_id in mine[ref] for ref in refs)
    columns = tuple(index.column(ctx, party, lang) for party in (*own, *((unit_id,) if whole_unit else ())))
    outside = {}
    for ref in refs:
        groups = _outside(ctx, index, ref, mine[ref], lang)
        if groups:
            outside[ref] = groups
    rows = index.rows(ctx, lang)
    return Matrix(tuple(rows[ref] for ref in refs), columns, {ref: mine[ref] for ref in refs}, outside)


def _outside(
    ctx: RenderContext, index: MatrixIndex, ref: str, own: dict[str, str], lang: str
) -> tuple[Outside, ...]:
    """The row's parties that are not ``own``, grouped by their letters: in time proportional to
    the unit's cells in the row and the groups, however many parties the row has."""
    if len(index.cells[ref]) == len(own):
        return ()
    own_letters = Counter(own.values())
    found = []
    for letters, parties in index.groups(ref):
        count = len(parties) - own_letters[letters]
        if count == 0:
            continue
        named = (
            tuple(index.column(ctx, party, lang) for party in parties if party not in own)
            if count <= OUTSIDE_NAMED
            else ()
        )
        found.append(Outside(letters, named, count))
    return tuple(found)


@cache
def letter_rank(letters: str) -> tuple[int, ...]:
    """Accountable first, then Responsible, Consulted, Informed: ``A`` < ``A/R`` < ``R`` < ``R/C`` < ``I``."""
    return tuple(LETTER_ORDER.index(letter) for letter in letters.split("/"))


def _label(key: str, lang: str) -> str:
    names = {
        "row": "matrix_row",
        "ref": "matrix_ref",
        "party": "matrix_party",
        "party_id": "matrix_party_id",
        "letters": "matrix_letters",
    }
    return label(names.get(key, key), lang)


# -- the files ------------------------------------------------------------------------------------


def markdown(ctx: RenderContext, unit_id: str, matrix: Matrix, lang: str) -> bytes:
    """The unit's matrix in UTF-8: a grid of its own columns and one of the parties outside it, or
    above ``UNIT_GRID_MAX_COLUMNS`` own columns its long form; nothing but the line of a row (of a
    cell, in long form) depends on its letters."""
    index = matrix_index(ctx)
    md = index.markdown
    unit_name = ctx.party_name(unit_id, lang)
    legend = " · ".join(ctx.label(k, lang) for k in ("responsible", "accountable", "consulted", "informed"))
    grid = len(matrix.columns) <= UNIT_GRID_MAX_COLUMNS
    colon = "：" if lang.startswith("zh") else ": "
    lines = [
        f"# {_label('matrix', lang)}{colon}{md(unit_name)} (`{unit_id}`)",
        "",
        f"{md(ctx.t(ctx.org.name, lang))} · {_label('legend', lang)}{colon}{legend}",
        "",
    ]
    if not grid:
        lines += [_label("matrix_long_note", lang), ""]
    if matrix.outside:
        lines += [_label("matrix_outside_note", lang).format(n=OUTSIDE_NAMED), ""]
    outside = [_label("matrix_outside", lang)] if matrix.outside else []
    if grid:
        header = [_label("row", lang), _label("ref", lang), *(md(c.label) for c in matrix.columns), *outside]
    else:
        header = [_label(k, lang) for k in ("row", "ref", "party", "letters")]
    lines += [_md_line(header), _md_line(["---"] * len(header)), ""]
    parts = ["\n".join(lines).encode("utf-8")]
    starts = index.markdown_starts(lang)
    outside_label = f"*{_label('matrix_outside', lang)}*"
    for row in matrix.rows:
        start = starts.get(row.ref)
        if start is None:
            start = starts[row.ref] = f"| {md(row.title)} | `{row.ref}`".encode()
        others = matrix.outside.get(row.ref, ())
        if grid:
            cells = [*matrix.letters(row), *([_outside_text(index, others, lang)] if outside else [])]
            parts += (start, ("".join(f" | {cell}" for cell in cells) + " |\n").encode())
            continue
        for j, letters in matrix.filled(row):
            parts += (start, f" | {md(matrix.columns[j].label)} | {letters} |\n".encode())
        if others:
            parts += (start, f" | {outside_label} | {_outside_text(index, others, lang)} |\n".encode())
    return b"".join(parts)


def _outside_text(index: MatrixIndex, groups: tuple[Outside, ...], lang: str) -> str:
    """``A 总经理 (ceo) · I 法务部 (legal)、运营部 (ops) · I ×37``: named groups, counted ones."""
    sep = "、" if lang.startswith("zh") else ", "
    return " · ".join(
        f"{g.letters} {sep.join(index.markdown(c.label) for c in g.parties)}"
        if g.parties
        else f"{g.letters} ×{g.count}"
        for g in groups
    )


def _md_line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def whole_table(matrix: Matrix, lang: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The header and rows of raci.csv and raci.xlsx: the grid, or its long form (see the module)."""
    header = (_label("row", lang), _label("ref", lang))
    if matrix.dense:
        grid = [(row.title, row.ref, *matrix.letters(row)) for row in matrix.rows]
        return (*header, *(c.label for c in matrix.columns)), grid
    columns = matrix.columns
    long = [
        (row.title, row.ref, columns[j].title, columns[j].party, letters)
        for row in matrix.rows
        for j, letters in matrix.filled(row)
    ]
    return (*header, *(_label(k, lang) for k in ("party", "party_id", "letters"))), long


def csv_rows(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> bytes:
    """UTF-8 with BOM and CRLF, as Excel opens it; no cell can start a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    safe = _SpreadsheetTexts()
    writer.writerow([safe[text] for text in header])
    writer.writerows([safe[text] for text in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


class _SpreadsheetTexts(dict[str, str]):
    """text -> the text as a spreadsheet cell holds it, made once: titles and letters repeat."""

    def __missing__(self, text: str) -> str:
        found = self[text] = escape.spreadsheet(escape.xml_safe(text)) if text else ""
        return found


def assignments_tsv(ctx: RenderContext) -> bytes:
    cells = ctx.assignment_cells
    fields = {field for cell in cells for field in cell}
    wrong = sorted(field for field in fields if not _TSV_FIELD.fullmatch(field))
    if wrong:
        raise ValueError(f"not an id, ref or RACI letter: {wrong[0]!r}")
    lines = ["duty\trole\tletter", *("\t".join(cell) for cell in cells)]
    return ("\n".join(lines) + "\n").encode("utf-8")
