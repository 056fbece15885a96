"""The handbook's tabular chapters: units, KPI catalogue, matrices, processes, policies, exceptions.

Each function writes one chapter into a ``Book`` (see ``draft``); a chapter with
nothing to show is left out, except the exceptions, where "none" is worth saying.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, partial

from ...i18n.documents import duration, long_date, value
from ...model.entities import Process, Step
from ...model.raci import LETTER_ORDER
from ...model.relative import TOKENS, split_row
from ...writers.docx.package import CONTENT_WIDTH
from ...writers.docx.wml import LABEL_FILL, Cell, Run, paragraph, table
from ..chart.flow import flow_xml
from ..context import RenderContext
from ..jd.model import measure_unit
from ..jd.punctuation import printed
from ..raci import matrix_index
from ..style import ACCENT, FAINT
from ..volumes import unit_tree as volumes_unit_tree
from .draft import Book, once_per_org

# A matrix with more role columns than fit (at most this many) is split into several tables,
# the row labels repeated; the role columns share what the row labels leave.
MAX_MATRIX_COLUMNS = 6
# A unit with more columns than this (three tables of six) is listed by row instead of drawn as
# a grid: a large organisation's units have a hundred roles or more, dozens of tables each.
MAX_GRID_PARTIES = 18
MATRIX_ROLE_SPACE = CONTENT_WIDTH - 3400
MIN_COLUMN = 1000
LATIN_CHAR = 100  # twips per Latin character of an 8.5 pt bold heading, with room to spare
CELL_MARGINS = 200
DASH = "—"


def units_overview(book: Book) -> None:
    """Every internal unit in tree order: parent, head, roles with headcount, total headcount."""
    ctx, L, t = book.ctx, book.L, book.t
    org, graph = ctx.org, ctx.graph
    internal = [u for u in _unit_tree(book) if not org.units[u].external]
    if not internal:
        return
    book.chapter(L("unit_overview"))
    header = [Cell.of(L(k)) for k in ("unit_name", "parent_unit", "unit_head", "unit_roles")]
    header.append(Cell.of(L("total_headcount"), align="center"))
    rows = [header]
    for unit_id in internal:
        unit = org.units[unit_id]
        parent = org.units.get(unit.parent or "")
        own = graph.roles_of_unit(unit_id)
        total = sum(org.roles[r].headcount for r in graph.roles_in_unit(unit_id))
        rows.append(
            [
                Cell.of(Run(t(unit.name), bold=True)),
                Cell.of(t(parent.name) if parent else DASH),
                Cell.of(ctx.role_title(unit.head, book.lang) if unit.head else DASH),
                Cell(
                    tuple(f"{ctx.role_title(r, book.lang)} ×{org.roles[r].headcount}" for r in own) or (DASH,)
                ),
                Cell.of(str(total), align="center"),
            ]
        )
    book.add(table(rows, _widths(0.19, 0.16, 0.19, 0.34, 0.12), header_rows=1))
    book.note(L("total_note"))
    outside = [u for u in _unit_tree(book) if org.units[u].external]
    # company departments not modelled here, then customers, suppliers and the like
    for key, party in (("external_units", False), ("outside_parties", True)):
        names = [t(org.units[u].name) for u in outside if org.units[u].party == party]
        if names:
            book.add(_labelled(book, key, _join(names, book.lang)))


def kpi_catalogue(book: Book) -> None:
    ctx, L, t, lang = book.ctx, book.L, book.t, book.lang
    if not ctx.org.kpis:
        return
    book.chapter(L("kpi_catalogue"))
    centred = ("measure_unit", "direction", "period")
    keys = ("kpi", "definition", "measure_unit", "direction", "period", "source")
    rows = [[Cell.of(L(k), align="center" if k in centred else None) for k in keys]]
    for kpi in ctx.org.kpis.values():
        rows.append(
            [
                Cell.of(Run(t(kpi.name), bold=True)),
                Cell.of(t(kpi.definition) or DASH),
                Cell.of(measure_unit(kpi.unit, lang) or DASH, align="center"),
                Cell.of(value(kpi.direction, lang), align="center"),
                Cell.of(value(kpi.period, lang) if kpi.period else DASH, align="center"),
                Cell.of(t(kpi.source) or DASH),
            ]
        )
    book.add(table(rows, _widths(0.19, 0.36, 0.08, 0.13, 0.1, 0.14), header_rows=1))


def matrices(book: Book) -> None:
    """One matrix per unit: the duties and steps involving it × its roles (and the unit as a whole).

    Small units (``SMALL_UNIT`` columns or fewer) that follow each other share one matrix, each
    column headed by its role and unit, instead of a page of one-column tables each. A unit of
    more than ``MAX_GRID_PARTIES`` such columns is listed by row instead (``_listed``).
    Each matrix is a piece kept from the last build when what it shows is unchanged.
    """
    ctx, L, t = book.ctx, book.L, book.t
    org = ctx.org
    order = once_per_org(org, ("row-order",), lambda: {row: i for i, row in enumerate(_row_order(book))})
    titles = _RowTitles(book)
    cells = matrix_index(ctx).cells
    units: list[tuple[str, list[str], set[str]]] = []
    for unit_id in _unit_tree(book):
        if org.units[unit_id].external:
            continue
        parties = list(ctx.graph.roles_of_unit(unit_id))
        if unit_id in ctx.letters:
            parties.append(unit_id)
        involved = {row for p in parties for row in ctx.letters.get(p, ()) if row in order}
        if involved:
            units.append((unit_id, parties, involved))
    if not units:
        return
    book.chapter(L("matrices"))
    book.add(paragraph(L("matrix_intro")), paragraph(Run(_legend(book), color=FAINT, size=9)))

    def fits(parties: list[str]) -> bool:
        names = [ctx.party_name(p, book.lang) for p in parties]
        return len(parties) <= MAX_MATRIX_COLUMNS and len(_column_chunks(names)) == 1

    for group in _unit_groups(units, fits):
        unit_ids = [unit_id for unit_id, _, _ in group]
        parties = [p for _, members, _ in group for p in members]
        rows = sorted(set().union(*(involved for _, _, involved in group)), key=order.__getitem__)
        combined = len(group) > 1
        book.heading(_join([t(org.units[u].name) for u in unit_ids], book.lang), 2)
        names = [_party_heading(book, p, u, with_unit=combined) for u, members, _ in group for p in members]
        # what the table shows of a row is its own parties' cells: a company-wide step has hundreds of others
        own: dict[str, dict[str, str]] = {}
        for party in parties:
            for row in ctx.letters.get(party, ()):
                own.setdefault(row, {})[party] = cells[row][party]
        shown = [(row, titles.texts(row), own.get(row)) for row in rows]
        make = partial(_unit_tables, book, parties, names, rows, titles)
        book.add(book.pieces.piece(make, "matrix", book.lang, parties, names, shown))


# A unit with at most this many columns shares a matrix with the small units next to it.
SMALL_UNIT = 3


def _unit_groups(
    units: list[tuple[str, list[str], set[str]]], fits: Callable[[list[str]], bool]
) -> list[list[tuple[str, list[str], set[str]]]]:
    """Units in order, neighbouring small ones together while ``fits`` says their columns make one table."""
    groups: list[list[tuple[str, list[str], set[str]]]] = []
    joint: list[str] = []  # the columns of the last group, while it may grow
    for unit in units:
        small = len(unit[1]) <= SMALL_UNIT
        if small and groups and joint and fits(joint + unit[1]):
            groups[-1].append(unit)
            joint += unit[1]
        else:
            groups.append([unit])
            joint = list(unit[1]) if small else []
    return groups


def _unit_tables(
    book: Book, parties: list[str], names: list[tuple[str, str]], rows: list[str], titles: _RowTitles
) -> str:
    """A unit's matrix: a grid of a few tables side by side, or for many parties a list."""
    if len(parties) > MAX_GRID_PARTIES:
        return _listed(book, parties, [name for name, _ in names], rows, titles)
    chunks = _column_chunks([name for name, _ in names])
    out = []
    start = 0
    for number, size in enumerate(chunks, 1):
        if len(chunks) > 1:
            part = book.L("part").format(n=number, total=len(chunks))
            out.append(paragraph(Run(part, color=FAINT, size=9), keep_next=True, space_after=40))
        chunk = slice(start, start + size)
        out.append(_matrix(book, parties[chunk], names[chunk], rows, titles))
        start += size
    return "".join(out)


def _party_heading(book: Book, party: str, unit_id: str, with_unit: bool = False) -> tuple[str, str]:
    """A column's heading: the role (or the unit as a whole), and under it its unit where units share a table."""
    unit = book.t(book.ctx.org.units[unit_id].name)
    if party == unit_id:
        return book.L("whole_unit").format(unit=unit), ""
    return book.ctx.role_title(party, book.lang), unit if with_unit else ""


def _column_chunks(names: list[str]) -> list[int]:
    """How many role columns go in each table: as many as fit their longest word, balanced."""
    fit = max(1, min(MAX_MATRIX_COLUMNS, MATRIX_ROLE_SPACE // max(_column_width(n) for n in names)))
    tables = -(-len(names) // fit)
    size = -(-len(names) // tables)
    return [min(size, len(names) - i) for i in range(0, len(names), size)]


def _column_width(name: str) -> int:
    """Twips a column heading needs so that no word breaks (CJK text may wrap between characters)."""
    longest = max((len(word) for word in re.findall(r"[A-Za-z0-9'()\-]+", name)), default=0)
    return max(MIN_COLUMN, longest * LATIN_CHAR + CELL_MARGINS)


HEADING_SIZE = 8  # pt, a column heading
CJK_CHAR = HEADING_SIZE * 20  # twips


def heading_lines(text: str, width: int) -> tuple[str, ...]:
    """A column heading in lines that fit ``width`` twips: Latin text breaks at spaces (Word does
    that itself), CJK text into lines of even length, so that no line holds a lone character
    (网络销售 / 客服主管, not 网络销售客服主 / 管)."""
    if re.search(r"[A-Za-z]{2}", text) or not text:
        return (text,)
    per_line = max(1, (width - CELL_MARGINS) // CJK_CHAR)
    if len(text) <= per_line:
        return (text,)
    lines: list[str] = []
    for part in re.split(r"(?=[（(])", text):  # a bracket starts a line of its own: 信息服务部 / （全体）
        count = -(-len(part) // per_line)
        size = -(-len(part) // count) if count else 1
        lines += [part[i : i + size] for i in range(0, len(part), size)]
    return tuple(line for line in lines if line)


def _matrix(
    book: Book, parties: list[str], names: list[tuple[str, str]], rows: list[str], titles: _RowTitles
) -> str:
    column = max(max(_column_width(n) for n, _ in names), min(1500, MATRIX_ROLE_SPACE // len(parties)))
    widths = [CONTENT_WIDTH - column * len(parties)] + [column] * len(parties)
    header = [Cell.of(book.L("duty_or_step"))]
    for name, unit in names:
        lines: list[str | Run] = [
            Run(line, bold=True, size=HEADING_SIZE) for line in heading_lines(name, column)
        ]
        lines += [Run(line, size=7, color=FAINT) for line in heading_lines(unit, column)] if unit else []
        header.append(Cell(tuple(lines), align="center"))
    out = [header]
    cells = matrix_index(book.ctx).cells
    for row in rows:
        mine = [cells.get(row, {}).get(p, "") for p in parties]
        if not any(mine):
            continue
        out.append(
            [titles.cell(row, parties)]
            + [
                Cell.of(Run(letters, bold="A" in letters or "R" in letters, color=ACCENT), align="center")
                for letters in mine
            ]
        )
    return table(out, widths, header_rows=1)


def _listed(book: Book, parties: list[str], names: list[str], rows: list[str], titles: _RowTitles) -> str:
    """A unit's matrix as a list: each row, then the unit's parties in it grouped by their letters.

    A grid of a unit with many roles would be many tables of mostly empty cells; this one has
    two columns and grows with the cells that are filled.
    """
    cells = matrix_index(book.ctx).cells
    position = {party: i for i, party in enumerate(parties)}
    sep = "、" if book.lang.startswith("zh") else ", "
    out = [[Cell.of(book.L("duty_or_step")), Cell.of(book.L("matrix_who"))]]
    for row in rows:
        groups: dict[str, list[str]] = {}
        mine = cells.get(row, {})
        for i in sorted(position[p] for p in mine if p in position):
            groups.setdefault(mine[parties[i]], []).append(names[i])
        lines = tuple(
            (
                Run(letters, bold="A" in letters or "R" in letters, color=ACCENT),
                Run("  " + sep.join(members)),
            )
            for letters, members in sorted(groups.items(), key=lambda group: _letter_rank(group[0]))
        )
        out.append([titles.cell(row, position), Cell(lines)])
    return paragraph(Run(book.L("matrix_list_note"), color=FAINT, size=9)) + table(
        out, _widths(0.5, 0.5), header_rows=1
    )


@cache
def _letter_rank(letters: str) -> tuple[int, ...]:
    """Accountable first, then Responsible, Consulted, Informed: ``A`` < ``A/R`` < ``R`` < ``R/C`` < ``I``."""
    return tuple(LETTER_ORDER.index(letter) for letter in letters.split("/"))


def _row_order(book: Book) -> list[str]:
    """Duty rows in org-chart order of their holders (shared blocks once), then process steps."""
    ctx = book.ctx
    org, rows_of = ctx.org, ctx.step_rows
    rows: dict[str, None] = {}
    for role in ctx.graph.roles():
        for duty in org.duties_of(role):
            rows[duty.ref] = None
    for process in org.processes.values():
        for step in process.steps:
            for found in rows_of[step.ref]:
                rows[found.row] = None
    return list(rows)


class _RowTitles:
    """The first cell of a matrix row: its title, and in grey its process, or the holder of a duty
    that is not one of the table's parties.

    ``texts`` gives them as written, which is what a matrix's piece is looked up by; they are
    printed (``jd.punctuation.printed``, as ``Book.t`` prints) only when a piece is made. Both
    are worked out once per language (``once_per_org``): a process's steps are rows of many
    units' matrices.
    """

    def __init__(self, book: Book) -> None:
        self.book = book
        self.titles = once_per_org(book.ctx.org, ("row-titles", book.lang), partial(_row_titles, book))
        self.found: dict[str, tuple[str, str, bool, bool]] = once_per_org(
            book.ctx.org, ("row-texts", book.lang), dict
        )

    def cell(self, row: str, parties: Collection[str]) -> Cell:
        title, note, always, note_printed = self.texts(row)
        lang = self.book.lang
        if always or row.partition(".")[0] not in parties:
            note = printed(note, lang) if note_printed else note
            return Cell((printed(title, lang), Run(note, size=8, color=FAINT)))
        return Cell((printed(title, lang),))

    def texts(self, row: str) -> tuple[str, str, bool, bool]:
        """The row's title; the text in grey under it, its process (always shown) or the holder of
        its duty (shown where the holder is not one of the table's parties); whether it is shown
        always; whether that text is printed (a role's title is shown as the JDs show it)."""
        found = self.found.get(row)
        if found is not None:
            return found
        ctx, lang = self.book.ctx, self.book.lang
        org = ctx.org
        owner = row.partition(".")[0]
        if owner in org.processes:
            found = self.titles[row], ctx.t(org.processes[owner].title, lang), True, True
        elif owner in org.blocks:
            found = self.titles[row], ctx.t(org.blocks[owner].title, lang), False, True
        else:
            found = self.titles[row], ctx.role_title(owner, lang), False, False
        self.found[row] = found
        return found


def _row_titles(book: Book) -> dict[str, str]:
    """row -> its title as written in the book's language, a step's after its number: ``2. 审核``."""
    ctx, lang = book.ctx, book.lang
    numbers = {
        step.ref: n for process in ctx.org.processes.values() for n, step in enumerate(process.steps, 1)
    }
    titles: dict[str, str] = {}
    for row, title in matrix_index(ctx).row_titles.items():
        number = numbers.get(split_row(row)[0])
        titles[row] = f"{number}. {ctx.t(title, lang)}" if number else ctx.t(title, lang)
    return titles


def processes(book: Book) -> None:
    """Each process the book shows: its flow and its steps with their RACI. What a process shows
    is worked out once per language (``_ProcessView``): the volumes of a split handbook print
    a process in every volume of a unit that takes part in it."""
    ctx, L, lang = book.ctx, book.L, book.lang
    chosen = _processes_of_scope(book)
    if not chosen:
        return
    book.chapter(L("processes"))
    book.add(paragraph(Run(_legend(book), color=FAINT, size=9)))
    views: dict[str, _ProcessView] = once_per_org(ctx.org, ("processes", lang), dict)
    for place, process in enumerate(chosen):
        view = views.get(process.id)
        if view is None:
            view = views[process.id] = _ProcessView.of(book, process)
        book.heading(view.name, 2)
        make = partial(_process_body, book, view, place)
        book.add(book.pieces.piece(make, "process", lang, view.shown, place))


def _processes_of_scope(book: Book) -> list[Process]:
    """Every process; in a volume, those in which its roles or units take a part (R, A, C or I)."""
    org, scope = book.ctx.org, book.scope
    if scope is None:
        return list(org.processes.values())
    steps = book.ctx.step_order
    involved: set[str] = set()
    for party in (*scope.roles, *scope.units):
        for row in book.ctx.letters.get(party, ()):
            ref = split_row(row)[0]
            if ref in steps:
                involved.add(ref.partition(".")[0])
    return [process for process in org.processes.values() if process.id in involved]


def _next_steps(step: Step, number: dict[str, int], titles: dict[str, str]) -> tuple[str, ...]:
    """The steps that follow, in their order, each by number and title: ``4. 复盘``."""
    following = sorted((n for n in step.next if n in number), key=number.__getitem__)
    return tuple(f"{number[n]}. {titles[n]}" for n in following) + tuple(
        n for n in step.next if n not in number
    )


_Step = tuple[
    str, str | None, str, str, str, str, str, tuple[str, ...]
]  # title, description, R, A, C, I, SLA, next


@dataclass
class _ProcessView:
    """What the handbook shows of a process in one language: the same in every volume but for
    its place in the book (the ids of its flow's shapes)."""

    name: str
    owner: str | None
    description: str | None
    steps: list[_Step]
    flow: list[tuple[str, list[int]]]  # the boxes and the 0-based indexes of the steps they lead to
    table: str | None = None  # the step table, once written (``_process_body``)

    @cached_property
    def shown(self) -> str:
        """All the view shows but its place, as a piece's key is made of it (``repr``)."""
        return repr((self.name, self.owner, self.description, self.steps, self.flow))

    @classmethod
    def of(cls, book: Book, process: Process) -> _ProcessView:
        ctx, L, t, lang = book.ctx, book.L, book.t, book.lang
        shown: dict[tuple[str, ...], str] = {}

        def names(parties: tuple[str, ...]) -> str:
            found = shown.get(parties)
            if found is None:
                # a relative party is shown as written (直接上级): the process holds for every Responsible role
                words = [L(f"relative.{p}") if p in TOKENS else ctx.party_name(p, lang) for p in parties]
                found = shown[parties] = _join(words, lang) or DASH
            return found

        number = {s.id: i for i, s in enumerate(process.steps, 1)}
        titles = {s.id: t(s.title) for s in process.steps}
        flow = [
            (f"{number[step.id]}. {titles[step.id]}", sorted(number[n] - 1 for n in step.next if n in number))
            for step in process.steps
        ]
        steps = [
            (
                f"{number[step.id]}. {titles[step.id]}",
                t(step.description) if step.description else None,
                names(step.responsible),
                names(process.accountable_for(step)),
                names(step.consulted),
                names(step.informed),
                duration(step.sla, lang) if step.sla else DASH,
                _next_steps(step, number, titles),
            )
            for step in process.steps
        ]
        owner = ctx.role_title(process.owner, lang) if process.owner else None
        description = t(process.description) if process.description else None
        return cls(t(process.title), owner, description, steps, flow)


def _process_body(book: Book, view: _ProcessView, place: int) -> str:
    """A process under its heading: owner, description, its flow, and its steps with their RACI."""
    out = []
    if view.owner:
        out.append(_labelled(book, "owner", view.owner, keep_next=True))
    if view.description:
        out.append(paragraph(view.description, keep_next=True))
    out.append(flow_xml(view.flow, view.name, place))
    if view.table is None:
        view.table = _step_table(book, view.steps)
    out.append(view.table)
    return "".join(out)


def _step_table(book: Book, steps: list[_Step]) -> str:
    L = book.L
    rows = [[Cell.of(L("step"))] + [Cell.of(k, align="center") for k in "RACI"]]
    rows[0] += [Cell.of(L("sla"), align="center"), Cell.of(L("next"), align="center")]
    for title, note, *parties, sla, following in steps:
        first: tuple[str | Run, ...] = (title, Run(note, size=8, color=FAINT)) if note else (title,)
        rows.append(
            [Cell(first)]
            + [Cell.of(names) for names in parties]
            + [Cell.of(sla, align="center"), Cell(following or (DASH,))]
        )
    return table(rows, _widths(0.22, 0.13, 0.13, 0.12, 0.12, 0.09, 0.19), header_rows=1)


def policies(book: Book) -> None:
    """Each policy as a regulation is printed: its number, approver and dates, then its chapters
    (第一章 / Chapter 1) and articles numbered on through the policy (第一条 / Article 1)."""
    ctx, L, t, lang = book.ctx, book.L, book.t, book.lang
    org = ctx.org
    if not org.policies:
        return
    book.chapter(L("policies"))
    for policy in org.policies.values():
        book.heading(t(policy.title), 2)
        facts = [
            ("policy_number", policy.number or ""),
            ("approver", t(policy.approver)),
            ("owner", ctx.role_title(policy.owner, lang) if policy.owner else ""),
            ("applies_to", _join([ctx.party_name(p, lang) for p in policy.applies_to], lang)),
            ("effective", long_date(policy.effective, lang) if policy.effective else ""),
            ("review_by", long_date(policy.review_by, lang) if policy.review_by else ""),
            (
                "refers_to",
                _join([t(org.processes[p].title) for p in policy.refers_to if p in org.processes], lang),
            ),
        ]
        rows = [
            [Cell.of(Run(L(key), bold=True), shade=LABEL_FILL), Cell.of(text)] for key, text in facts if text
        ]
        if rows:
            book.add(table(rows, _widths(0.2, 0.8)))
        article = 0
        for number, section in enumerate(policy.sections, 1):
            chapter = L("chapter_number").format(n=numeral(number, lang))
            book.heading(f"{chapter}{_GAP[lang[:2] == 'zh']}{t(section.title)}", 3)
            for line in t(section.body).split("\n"):
                if not line.strip():
                    continue
                article += 1
                label = L("article_number").format(n=numeral(article, lang))
                clause = _LIST_MARK.sub("", line.strip(), count=1)
                book.add(paragraph([Run(label, bold=True), Run(_GAP[lang[:2] == "zh"] + clause)]))


_GAP = {True: "\u3000", False: "  "}  # between a number and its text: a full-width space in Chinese
# a list number the text brings with it (1. / 1、 / (1) / （1）): the article number replaces it
_LIST_MARK = re.compile(r"^(?:\d+\s*[.、．)）]|[(（]\d+[)）])\s*")
_DIGITS = "零一二三四五六七八九"


def numeral(n: int, lang: str) -> str:
    """``n`` as a regulation numbers its chapters and articles: 十二 in Chinese, 12 otherwise."""
    if not lang.startswith("zh") or not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_DIGITS[ones] if ones else "")


def waivers(book: Book) -> None:
    """Every accepted exception with its reason: reviewers see what the checks no longer report."""
    ctx, L, t = book.ctx, book.L, book.t
    org = ctx.org
    book.chapter(L("waivers"))
    if not ctx.waivers:
        book.add(paragraph(L("no_waivers")))
        return
    book.add(paragraph(L("waivers_intro")))
    tables = {"role": org.roles, "process": org.processes, "policy": org.policies, "block": org.blocks}
    rows = [[Cell.of(L(k)) for k in ("subject", "diagnostic_code", "reason")]]
    for use in ctx.waivers:
        subject = use.waiver.subject
        entity = tables.get(subject.kind, {}).get(subject.id)
        name = t(getattr(entity, "title", None)) if entity is not None else subject.id
        rows.append(
            [
                Cell(
                    (
                        Run(name, bold=True),
                        Run(f"{L('kind_' + subject.kind)} · {subject.id}", size=8, color=FAINT),
                    )
                ),
                Cell.of(use.waiver.code, align="center"),
                Cell.of(use.waiver.reason),
            ]
        )
    book.add(table(rows, _widths(0.3, 0.14, 0.56), header_rows=1))


# -- helpers -----------------------------------------------------------------------------------------


def _unit_tree(book: Book) -> list[str]:
    """The book's unit ids (in a volume, the volume's) depth-first from the top units."""
    return [unit_id for unit_id in unit_tree(book.ctx) if book.holds_unit(unit_id)]


def unit_tree(ctx: RenderContext) -> list[str]:
    """Unit ids depth-first from the top units, each level in file order."""
    return volumes_unit_tree(ctx.org)


def _labelled(book: Book, key: str, text: str, keep_next: bool = False) -> str:
    colon = "：" if book.lang.startswith("zh") else ": "
    return paragraph([Run(book.L(key) + colon, bold=True), Run(text)], keep_next=keep_next)


def _legend(book: Book) -> str:
    return _join([book.L(k) for k in ("responsible", "accountable", "consulted", "informed")], book.lang)


def _widths(*fractions: float) -> list[int]:
    widths = [int(CONTENT_WIDTH * f) for f in fractions]
    widths[-1] += CONTENT_WIDTH - sum(widths)
    return widths


def _join(items: Sequence[str], lang: str) -> str:
    return ("、" if lang.startswith("zh") else ", ").join(items)
