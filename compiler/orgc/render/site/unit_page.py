"""``<lang>/units/<unit-id>.html``: a unit, its roles, its sub-units and its responsibility matrix.

The matrix has the rows in which the unit or one of its own roles takes part, and as
columns its own roles, then the other parties of those rows: its size follows the unit's
cells, never the organisation's. A wide one (more than ``GRID_MAX_COLUMNS`` parties) is
listed in long form, one line per party of a row, as raci.csv lists a large organisation.
``site.js`` filters either form by role, by letter and by text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...i18n.documents import label
from ...model.raci import combined
from ...model.relative import split_row
from ...writers.html import text
from ..context import OutputFile, RenderContext
from ..jd.punctuation import printed
from ..raci import matrix_index
from . import links, shell

# More parties than this and the matrix is a list: a grid that wide is mostly empty and
# cannot be read on a screen, even with its first column and header row kept in view.
GRID_MAX_COLUMNS = 24


@dataclass(frozen=True)
class MatrixView:
    """One unit's matrix in one language: plain values, the page's content key includes them."""

    rows: tuple[tuple[str, str], ...]  # (ref, title)
    columns: tuple[tuple[str, str, bool], ...]  # (party, name, has a page)
    cells: tuple[tuple[tuple[int, str], ...], ...]  # per row: (column, letters), in column order

    @property
    def grid(self) -> bool:
        return len(self.columns) <= GRID_MAX_COLUMNS


def matrix_view(ctx: RenderContext, unit_id: str, lang: str) -> MatrixView:
    index = matrix_index(ctx)
    own = ctx.graph.roles_of_unit(unit_id)
    refs = index.ordered({ref for member in (*own, unit_id) for ref in ctx.letters.get(member, ())})
    position = index.party_position
    owned = set(own)
    others = {party for ref in refs for party in ctx.cells[ref] if party in position and party not in owned}
    order = (*own, *sorted(others, key=position.__getitem__))
    column = {party: j for j, party in enumerate(order)}
    rows = index.rows(ctx, lang)
    cells = tuple(
        tuple(sorted((column[p], combined(found)) for p, found in ctx.cells[ref].items() if p in column))
        for ref in refs
    )
    columns = tuple((party, ctx.party_name(party, lang), has_page(ctx, party)) for party in order)
    return MatrixView(tuple((ref, printed(rows[ref].title, lang)) for ref in refs), columns, cells)


def has_page(ctx: RenderContext, party: str) -> bool:
    """Whether the party has a page: a role, or a unit of the organisation's own."""
    if party in ctx.org.roles:
        return True
    unit = ctx.org.units.get(party)
    return unit is not None and not unit.external and not unit.party


def party_page(ctx: RenderContext, party: str, lang: str) -> str:
    return links.role(lang, party) if party in ctx.org.roles else links.unit(lang, party)


@dataclass(frozen=True)
class UnitView:
    id: str
    name: str
    description: str
    ancestors: tuple[tuple[str, str, bool], ...]  # (id, name, has a page), outermost first
    head: tuple[str, str] | None  # (role id, title)
    roles: tuple[tuple[str, str, int, str, str], ...]  # (id, title, headcount, grade, reports to)
    supervisors: tuple[tuple[str, str], ...]  # (id, title) of the roles' supervisors
    children: tuple[tuple[str, str, int, bool], ...]  # (id, name, headcount with sub-units, has a page)
    matrix: MatrixView


def unit_view(ctx: RenderContext, unit_id: str, lang: str, children: Iterable[str]) -> UnitView:
    org, graph = ctx.org, ctx.graph
    unit = org.units[unit_id]
    ancestors = tuple(
        (a, ctx.party_name(a, lang), has_page(ctx, a)) for a in reversed(graph.unit_ancestors(unit_id))
    )
    head = (unit.head, ctx.role_title(unit.head, lang)) if unit.head in org.roles else None
    roles = tuple(
        (
            r,
            ctx.role_title(r, lang),
            org.roles[r].headcount,
            org.roles[r].grade or "",
            org.roles[r].reports_to or "",
        )
        for r in graph.roles_of_unit(unit_id)
    )
    bosses = sorted({r[4] for r in roles if r[4] in org.roles})
    kids = tuple(
        (
            c,
            ctx.party_name(c, lang),
            sum(org.roles[r].headcount for r in graph.roles_in_unit(c)),
            has_page(ctx, c),
        )
        for c in children
    )
    return UnitView(
        unit_id,
        ctx.party_name(unit_id, lang),
        printed(ctx.t(unit.description, lang), lang),
        ancestors,
        head,
        roles,
        tuple((b, ctx.role_title(b, lang)) for b in bosses),
        kids,
        matrix_view(ctx, unit_id, lang),
    )


def render(ctx: RenderContext, units: Iterable[str]) -> Iterator[OutputFile]:
    """The pages of ``units`` (those with a page: not outside parties or unmodelled departments)."""
    children: dict[str, list[str]] = {}
    for unit in ctx.org.units.values():
        if unit.parent in ctx.org.units:
            children.setdefault(unit.parent, []).append(unit.id)  # type: ignore[arg-type]
    languages = shell.site_languages(ctx)
    for unit_id in units:
        if not has_page(ctx, unit_id):
            continue
        for lang in ctx.languages:
            view = unit_view(ctx, unit_id, lang, children.get(unit_id, ()))
            page = links.unit(lang, unit_id)
            path = links.output_path(page)
            key = ctx.reuse.key("site", lang, view, languages, ctx.t(ctx.org.name, lang))
            if ctx.reuse.kept((path,), key):
                yield OutputFile(path, b"", key, kept=True)
            else:
                yield OutputFile(path, unit_page(ctx, lang, page, view), key)


def unit_page(ctx: RenderContext, lang: str, page: str, view: UnitView) -> bytes:
    L = lambda key: text(label(key, lang))  # noqa: E731
    to = lambda target: text(links.href(page, target))  # noqa: E731
    titles = dict(view.supervisors)
    out = []
    crumbs = [f'<li><a href="{to(links.units(lang))}">{L("site.units")}</a></li>']
    for a, name, linked in view.ancestors:
        crumbs.append(
            f'<li><a href="{to(links.unit(lang, a))}">{text(name)}</a></li>'
            if linked
            else f"<li>{text(name)}</li>"
        )
    out.append(f'<nav class="breadcrumbs" aria-label="{L("parent_unit")}"><ol>{"".join(crumbs)}</ol></nav>')
    out.append(f"<h1>{text(view.name)}</h1>")
    if view.description:
        out.append(f'<p class="lead">{text(view.description)}</p>')
    if view.head:
        out.append(
            f'<p>{L("unit_head")}{text(_colon(lang))}<a href="{to(links.role(lang, view.head[0]))}">{text(view.head[1])}</a></p>'
        )

    out.append(f'<section aria-labelledby="roles-h"><h2 id="roles-h">{L("site.roles_of_unit")}</h2>')
    if view.roles:
        head = "".join(f'<th scope="col">{L(k)}</th>' for k in ("title", "headcount", "grade", "supervisor"))
        rows = []
        for role_id, title, headcount, grade, boss in view.roles:
            boss_cell = (
                f'<a href="{to(links.role(lang, boss))}">{text(titles[boss])}</a>' if boss in titles else ""
            )
            vacant = f' <span class="tag">{L("vacant")}</span>' if headcount == 0 else ""
            rows.append(
                f'<tr><th scope="row"><a href="{to(links.role(lang, role_id))}">{text(title)}</a>{vacant}</th>'
                f'<td class="number">{headcount}</td><td>{text(grade)}</td><td>{boss_cell}</td></tr>'
            )
        out.append(
            f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )
    else:
        out.append(f"<p>{L('none')}</p>")
    out.append("</section>")

    if view.children:
        out.append(f'<section aria-labelledby="sub-h"><h2 id="sub-h">{L("site.sub_units")}</h2><ul>')
        for c, name, headcount, linked in view.children:
            shown = f'<a href="{to(links.unit(lang, c))}">{text(name)}</a>' if linked else text(name)
            out.append(f'<li>{shown} <span class="note">{L("total_headcount")} {headcount}</span></li>')
        out.append("</ul></section>")

    out.append(f'<section id="matrix" aria-labelledby="matrix-h"><h2 id="matrix-h">{L("matrix")}</h2>')
    out.append(_matrix(lang, page, view, ctx))
    out.append("</section>")
    return shell.page(ctx, shell.Frame(lang, page, view.name, "\n".join(out), section="units"))


def _colon(lang: str) -> str:
    return "：" if lang.startswith("zh") else ": "


def _matrix(lang: str, page: str, view: UnitView, ctx: RenderContext) -> str:
    L = lambda key: text(label(key, lang))  # noqa: E731
    matrix = view.matrix
    if not matrix.rows:
        return f"<p>{L('site.no_matrix')}</p>"

    def party(j: int) -> str:
        party_id, name, linked = matrix.columns[j]
        if not linked:
            return text(name)
        return f'<a href="{text(links.href(page, party_page(ctx, party_id, lang)))}">{text(name)}</a>'

    def row_title(ref: str, title: str) -> str:
        """A step's title leads to the step on its process page, a role's duty to the role's duties."""
        owner, _, rest = split_row(ref)[0].partition(".")
        if owner in ctx.org.processes:
            target = links.process(lang, owner, rest)
        elif owner in ctx.org.roles:
            target = links.role(lang, owner) + "#duties"
        else:  # a shared block's duty: no page of its own
            return text(title)
        return f'<a href="{text(links.href(page, target))}">{text(title)}</a>'

    legend = " · ".join(L(k) for k in ("responsible", "accountable", "consulted", "informed"))
    options = "".join(
        f'<option value="{text(party_id)}">{text(name)}</option>' for party_id, name, _ in matrix.columns
    )
    letters = "".join(f'<option value="{x}">{x}</option>' for x in "RACI")
    all_ = L("site.filter_all")
    filters = (
        f'<fieldset class="matrix-filters" data-for="matrix-table" data-shown="{L("site.filter_shown")}" hidden>'
        f"<legend>{L('site.matrix_filters')}</legend>"
        f'<label>{L("site.filter_role")}<select data-filter="party"><option value="">{all_}</option>{options}</select></label>'
        f'<label>{L("site.filter_letter")}<select data-filter="letter"><option value="">{all_}</option>{letters}</select></label>'
        f'<label>{L("site.filter_text")}<input type="text" data-filter="text" autocomplete="off"></label>'
        '<output class="matrix-count" aria-live="polite"></output>'
        "</fieldset>"
    )
    out = [f'<p class="note">{L("legend")}{text(_colon(lang))}{legend}</p>', filters]
    if matrix.grid:
        head = "".join(
            f'<th scope="col" data-party="{text(p)}">{party(j)}</th>'
            for j, (p, _, _) in enumerate(matrix.columns)
        )
        body = []
        for (ref, title), cells in zip(matrix.rows, matrix.cells, strict=True):
            row = [""] * len(matrix.columns)
            for j, found in cells:
                row[j] = text(found)
            body.append(
                f'<tr><th scope="row">{row_title(ref, title)}<span class="ref">{text(ref)}</span></th>'
                + "".join(f"<td>{c}</td>" for c in row)
                + "</tr>"
            )
        table = (
            f'<table class="matrix grid" id="matrix-table"><thead><tr><th scope="col">{L("matrix_row")}</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )
    else:
        out.append(f'<p class="note">{L("site.matrix_long_note")}</p>')
        head = "".join(f'<th scope="col">{L(k)}</th>' for k in ("matrix_party", "matrix_letters"))
        body = []
        for (ref, title), cells in zip(matrix.rows, matrix.cells, strict=True):
            for j, found in cells:
                body.append(
                    f'<tr data-party="{text(matrix.columns[j][0])}"><th scope="row">{row_title(ref, title)}<span class="ref">{text(ref)}</span></th>'
                    f"<td>{party(j)}</td><td>{text(found)}</td></tr>"
                )
        table = (
            f'<table class="matrix long" id="matrix-table"><thead><tr><th scope="col">{L("matrix_row")}</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>"
        )
    out.append(
        f'<div class="matrix-wrap" tabindex="0" role="region" aria-labelledby="matrix-h">{table}</div>'
    )
    return "\n".join(out)
