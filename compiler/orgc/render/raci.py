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
a wide Markdown matrix is assembled from its non-empty cells. raci.csv, raci.xlsx
and assignments.tsv are written in runs of rows (``Whole``), each named by what its
lines show, so that a rebuild takes from the last build every run an edit left as
it was: the runs are only looked at, and only the others are written.

The matrices are one per build, labelled in the first language being built.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cache, cached_property, partial
from itertools import chain, filterfalse
from operator import attrgetter

import orjson

from ..i18n.documents import label
from ..model.entities import Text
from ..model.raci import LETTER_ORDER, combined, row_title
from ..writers import escape
from ..writers.xlsx import RowRun, matrix_workbook
from .context import OutputFile, Pieces, RenderContext
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
    yield from render_whole(ctx)


def render_whole(ctx: RenderContext) -> Iterator[OutputFile]:
    """The whole organisation's matrix files, one task: what each run of rows shows (``run_shown``)
    is worked out once for raci.csv and raci.xlsx, 0.25 s at 10,000 roles."""
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
    """``raci.csv`` and ``assignments.tsv``. raci.csv is written in runs of rows (``Whole``), each
    taken from the last build where it shows the same."""
    lang = _lang(ctx)
    whole = whole_matrix(ctx)
    pieces = ctx.reuse.pieces()
    safe = _SpreadsheetTexts()
    parts = [_CSV_START, csv_lines([[safe[text] for text in whole_header(ctx, whole, lang)]])]
    for refs, shown in zip(whole.runs, run_shown(ctx, whole, lang), strict=True):
        make = partial(_csv_run, ctx, whole, refs, lang, safe)
        parts.append(pieces.data(make, "raci.csv", shown))
    yield OutputFile("raci/raci.csv", b"".join(parts), fragments=pieces.used)
    lines = ctx.reuse.pieces()
    yield OutputFile("raci/assignments.tsv", assignments_tsv(ctx, lines), fragments=lines.used)


def render_workbook(ctx: RenderContext) -> Iterator[OutputFile]:
    """``raci.xlsx``, in the runs of rows of raci.csv (``Whole``): a run whose rows show what they
    showed in the last build, on the same rows of the sheet, is taken as it was made then."""
    lang = _lang(ctx)
    whole = whole_matrix(ctx)
    header = whole_header(ctx, whole, lang)
    if whole.dense:  # a printed page speaks of roles, not ids
        index = matrix_index(ctx)
        titles = [index.column(ctx, party, lang).title for party in whole.parties]
        if len(set(titles)) == len(titles):
            header = (*header[:2], *titles)
    # printed, with the punctuation of a Chinese page (raci.csv keeps the specs')
    printed = _FullWidth() if lang.startswith("zh") else None
    runs = [
        RowRun(shown, partial(_printed_run, ctx, whole, refs, lang, printed))
        for refs, shown in zip(whole.runs, run_shown(ctx, whole, lang), strict=True)
    ]
    pieces = ctx.reuse.pieces()  # runs of rows as the last build made them
    data = matrix_workbook(
        title=f"{_label('matrix', lang)} — {ctx.t(ctx.org.name, lang)}",
        header=header,
        rows=(),
        label_columns=2 if whole.dense else 4,
        when=ctx.source_date,
        lang=lang,
        frozen_columns=None if whole.dense else 0,
        hidden_columns=(2,) if whole.dense else (2, 4),  # the ids of rows (and of parties)
        piece=pieces.piece,
        runs=runs,
        data=pieces.data,
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
    _whole: list[Whole] = dataclass_field(default_factory=list, compare=False, repr=False)
    _shown: dict[str, list[object]] = dataclass_field(default_factory=dict, compare=False, repr=False)
    _party_titles: dict[str, dict[str, str]] = dataclass_field(
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

    def party_titles(self, ctx: RenderContext, lang: str) -> dict[str, str]:
        """party -> its title or name in ``lang``, filled as parties are met."""
        found = self._party_titles.get(lang)
        if found is None:
            found = self._party_titles[lang] = _PartyTitles(ctx, lang)
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


class _PartyTitles(dict[str, str]):
    """party -> ``ctx.party_name(party, lang)``, made once per party."""

    def __init__(self, ctx: RenderContext, lang: str) -> None:
        super().__init__()
        self._ctx, self._lang = ctx, lang

    def __missing__(self, party: str) -> str:
        found = self[party] = self._ctx.party_name(party, self._lang)
        return found


class _Combined(dict[frozenset[str], str]):
    """letters -> ``combined(letters)``, made once per set of letters."""

    def __missing__(self, letters: frozenset[str]) -> str:
        found = self[letters] = combined(letters)
        return found


def _index(ctx: RenderContext) -> MatrixIndex:
    org, graph = ctx.org, ctx.graph
    shown = _Combined()  # a few dozen sets of letters among a hundred thousand cells
    cells = {
        row: {party: shown[found] for party, found in parties.items()} for row, parties in ctx.cells.items()
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
            for found in ctx.step_rows[step.ref]
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


# -- the whole matrix, in runs --------------------------------------------------------------------

# raci.csv and raci.xlsx are written in runs of rows: the rows of RUN_OWNERS owners (a role's
# duties, a shared block's, a process's steps) one after the other in matrix order. A run is named
# by everything its lines show (``run_shown``), so a build takes from the last one every run an
# edit left as it was and makes only the others: after one duty of one role is reworded, one run
# of a 10,000-role organisation's thousand. A run's bounds move only where an owner of rows is
# added or removed.
RUN_OWNERS = 64


@dataclass(frozen=True)
class Whole:
    """The whole matrix as raci.csv and raci.xlsx write it: its columns, and its rows in runs."""

    parties: tuple[str, ...]  # the columns: every role in org-chart order, then every unit given a letter
    runs: tuple[tuple[str, ...], ...]  # the rows (refs) of each run, in matrix order

    @property
    def dense(self) -> bool:
        """Whether the matrix is written as a grid (else in long form)."""
        return len(self.parties) <= DENSE_MAX_COLUMNS

    @cached_property
    def columns(self) -> frozenset[str]:
        return frozenset(self.parties)


def whole_matrix(ctx: RenderContext) -> Whole:
    """The whole matrix's columns and runs of rows: made once per context, in no language."""
    index = matrix_index(ctx)
    if not index._whole:
        units = [unit_id for unit_id in ctx.org.units if unit_id in ctx.letters]
        owners: list[list[str]] = []  # the rows of each owner, in matrix order
        owner = None
        for ref in index.row_titles:
            this = ref.partition(".")[0]
            if this != owner:
                owners.append([])
                owner = this
            owners[-1].append(ref)
        runs = tuple(
            tuple(ref for rows in owners[i : i + RUN_OWNERS] for ref in rows)
            for i in range(0, len(owners), RUN_OWNERS)
        )
        index._whole.append(Whole((*ctx.graph.chart_order, *units), runs))
    return index._whole[0]


def whole_header(ctx: RenderContext, whole: Whole, lang: str) -> tuple[str, ...]:
    """The header of raci.csv: the labels of the rows, then a column per party or those of the long form."""
    header = (_label("row", lang), _label("ref", lang))
    if whole.dense:
        index = matrix_index(ctx)
        return (*header, *(index.column(ctx, party, lang).label for party in whole.parties))
    return (*header, *(_label(k, lang) for k in ("party", "party_id", "letters")))


def run_shown(ctx: RenderContext, whole: Whole, lang: str) -> list[object]:
    """What each run's lines show, named by ``ctx.reuse``: the rows' refs, titles and cells, and
    the titles of their parties and their order (in a grid, every column's); None for every run
    when the build keeps nothing. Made once per context and language: raci.csv and raci.xlsx
    show the same."""
    index = matrix_index(ctx)
    found = index._shown.get(lang)
    if found is None:
        found = index._shown[lang] = _run_shown(ctx, index, whole, lang)
    return found


def _run_shown(ctx: RenderContext, index: MatrixIndex, whole: Whole, lang: str) -> list[object]:
    if ctx.reuse.key() is None:
        return [None] * len(whole.runs)
    cells, titles, position, columns = index.cells, index.row_titles, index.party_position, whole.columns
    roles, units = ctx.org.roles, ctx.org.units
    names = {  # party -> its title or name in every language
        party: roles[party].title.values
        if party in roles
        else units[party].name.values
        if party in units
        else None
        for party in whole.parties
    }
    grid = (whole.parties, [names[party] for party in whole.parties]) if whole.dense else None
    common = (lang, ctx.org.default_language, grid)
    values = attrgetter("values")
    shown: list[object] = []
    for refs in whole.runs:  # in C loops where it can be: this looks at every cell of the matrix
        rows = list(map(cells.__getitem__, refs))
        parties = sorted(set().union(*rows) & columns, key=position.__getitem__)
        row_titles = list(map(values, map(titles.__getitem__, refs)))
        material = (common, refs, row_titles, rows, parties, list(map(names.__getitem__, parties)))
        shown.append(ctx.reuse.key(orjson.dumps(material)))
    return shown


def _run_lines(
    ctx: RenderContext,
    whole: Whole,
    refs: Iterable[str],
    lang: str,
    text: Callable[[str], str],
    plain: Callable[[str], str],
) -> list[tuple[str, ...]]:
    """The lines of the rows ``refs``: a grid's rows, or in long form one per cell; the titles
    of rows and parties as ``text`` gives them, ids and letters as ``plain`` does."""
    index = matrix_index(ctx)
    cells, titles = index.cells, index.row_titles
    if whole.dense:
        return [
            (
                text(ctx.t(titles[ref], lang)),
                plain(ref),
                *(plain(cells[ref].get(party, "")) for party in whole.parties),
            )
            for ref in refs
        ]
    position, columns, names = index.party_position, whole.columns, index.party_titles(ctx, lang)
    shown: dict[str, tuple[str, str]] = {}  # party -> its title and its id, as the lines show them
    lines = []
    for ref in refs:
        title, ref_text, mine = text(ctx.t(titles[ref], lang)), plain(ref), cells[ref]
        for party in sorted(columns.intersection(mine), key=position.__getitem__):
            fields = shown.get(party)
            if fields is None:
                fields = shown[party] = (text(names[party]), plain(party))
            lines.append((title, ref_text, fields[0], fields[1], plain(mine[party])))
    return lines


def _csv_run(
    ctx: RenderContext, whole: Whole, refs: Iterable[str], lang: str, safe: _SpreadsheetTexts
) -> bytes:
    return csv_lines(_run_lines(ctx, whole, refs, lang, safe.__getitem__, safe.__getitem__))


def _printed_run(
    ctx: RenderContext, whole: Whole, refs: Iterable[str], lang: str, printed: _FullWidth | None
) -> list[tuple[str, ...]]:
    """The run's lines as raci.xlsx prints them: in Chinese, the titles' punctuation full-width."""
    return _run_lines(ctx, whole, refs, lang, printed.__getitem__ if printed is not None else str, str)


class _FullWidth(dict[str, str]):
    """text -> ``full_width(text)``, made once: titles recur in the lines of every cell of their rows."""

    def __missing__(self, text: str) -> str:
        found = self[text] = full_width(text)
        return found


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


def csv_lines(rows: Iterable[Sequence[str]]) -> bytes:
    """CSV lines in UTF-8 with CRLF, as Excel opens them (their texts as ``_SpreadsheetTexts`` gives them)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


_CSV_START = "\ufeff".encode()  # the byte order mark by which Excel knows UTF-8


class _SpreadsheetTexts(dict[str, str]):
    """text -> the text as a spreadsheet cell holds it, made once: titles and letters repeat."""

    def __missing__(self, text: str) -> str:
        found = self[text] = escape.spreadsheet(escape.xml_safe(text)) if text else ""
        return found


def assignments_tsv(ctx: RenderContext, pieces: Pieces | None = None) -> bytes:
    """Every (row, party, letter), sorted, a line each: in runs of ``TSV_RUN`` lines, each taken
    from ``pieces`` where the last build wrote the same lines."""
    cells = ctx.assignment_cells
    kept = pieces if pieces is not None and ctx.reuse.key() is not None else None
    parts = [b"duty\trole\tletter\n"]
    for start in range(0, len(cells), TSV_RUN):
        run = cells[start : start + TSV_RUN]
        make = partial(_tsv_lines, run)
        parts.append(kept.data(make, "assignments.tsv", orjson.dumps(run)) if kept is not None else make())
    return b"".join(parts)


TSV_RUN = 4096  # lines of a run of assignments.tsv


def _tsv_lines(cells: list[tuple[str, str, str]]) -> bytes:
    # each distinct field checked once, in C loops
    wrong = sorted(filterfalse(_TSV_FIELD.fullmatch, set(chain.from_iterable(cells))))
    if wrong:
        raise ValueError(f"not an id, ref or RACI letter: {wrong[0]!r}")
    return "".join([line + "\n" for line in map("\t".join, cells)]).encode("utf-8")
