"""The home page (the organisation at a glance) and the list of units.

``index.html`` is the home page in the organisation's first language, so that the folder
opens on something readable; ``<lang>/index.html`` is the same page in each language, and
the language switch of every page leads there. Both list the units as a tree with their
roles, headcount and vacant roles (a role with a headcount of 0), own and with sub-units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...writers.html import text
from ..context import OutputFile, RenderContext
from ..jd.punctuation import printed
from . import links, shell


@dataclass(frozen=True)
class UnitLine:
    id: str
    name: str
    depth: int
    roles: int  # own roles
    headcount: int  # own roles' headcount
    vacant: int  # own roles with a headcount of 0
    total_headcount: int  # with sub-units
    total_vacant: int
    linked: bool  # has a page (not an outside party, not an unmodelled department)


def unit_lines(ctx: RenderContext, lang: str) -> tuple[UnitLine, ...]:
    """Every unit, parents before children, in file order among siblings."""
    org, graph = ctx.org, ctx.graph
    children: dict[str | None, list[str]] = {}
    for unit in org.units.values():
        parent = unit.parent if unit.parent in org.units else None
        children.setdefault(parent, []).append(unit.id)
    lines: list[UnitLine] = []
    seen: set[str] = set()

    def visit(unit_id: str, depth: int) -> None:
        stack = [(unit_id, depth)]
        while stack:
            current, level = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            unit = org.units[current]
            own = [org.roles[r] for r in graph.roles_of_unit(current)]
            below = [org.roles[r] for r in graph.roles_in_unit(current)]
            lines.append(
                UnitLine(
                    current,
                    ctx.t(unit.name, lang),
                    level,
                    len(own),
                    sum(r.headcount for r in own),
                    sum(1 for r in own if r.headcount == 0),
                    sum(r.headcount for r in below),
                    sum(1 for r in below if r.headcount == 0),
                    not unit.external and not unit.party,
                )
            )
            stack.extend((child, level + 1) for child in reversed(children.get(current, [])))

    for root in children.get(None, []):
        visit(root, 0)
    for unit_id in org.units:  # units in a cycle of parents
        visit(unit_id, 0)
    return tuple(lines)


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    languages = shell.site_languages(ctx)
    for lang in ctx.languages:
        lines = unit_lines(ctx, lang)
        totals = _totals(ctx)
        shown = (lines, totals, languages, ctx.t(ctx.org.name, lang), ctx.t(ctx.org.description, lang))
        pages = [links.home(lang), links.units(lang)]
        if lang == ctx.languages[0]:
            pages.append(links.home())
        for page in pages:
            path = links.output_path(page)
            key = ctx.reuse.key("site", page, *shown)
            if ctx.reuse.kept((path,), key):
                yield OutputFile(path, b"", key, kept=True)
                continue
            if page == links.units(lang):
                data = _units_page(ctx, lang, page, lines)
            else:
                data = _home_page(ctx, lang, page, lines, totals)
            yield OutputFile(path, data, key)


def _totals(ctx: RenderContext) -> tuple[int, int, int, int]:
    roles = ctx.org.roles.values()
    units = sum(1 for unit in ctx.org.units.values() if not unit.external and not unit.party)
    return (
        units,
        len(ctx.org.roles),
        sum(r.headcount for r in roles),
        sum(1 for r in roles if r.headcount == 0),
    )


def _home_page(
    ctx: RenderContext, lang: str, page: str, lines: tuple[UnitLine, ...], totals: tuple[int, int, int, int]
) -> bytes:
    L = lambda key: text(ctx.label(key, lang))  # noqa: E731
    name = ctx.t(ctx.org.name, lang) or ctx.org.id
    out = [f"<h1>{text(name)}</h1>"]
    description = printed(ctx.t(ctx.org.description, lang), lang)
    if description:
        out.append(f'<p class="lead">{text(description)}</p>')
    others = [other for other in shell.site_languages(ctx) if other != lang]
    if others and page == links.home():
        choices = " · ".join(
            f'<a href="{text(links.href(page, links.home(other)))}" hreflang="{text(other)}" lang="{text(other)}">'
            f"{text(shell.ENDONYMS.get(other, other))}</a>"
            for other in others
        )
        out.append(f'<p class="language-choice">{L("site.other_languages")} {choices}</p>')
    labels = ("site.units_count", "site.roles_count", "site.headcount", "site.vacancies")
    out.append(
        f'<section aria-labelledby="glance-h"><h2 id="glance-h">{L("site.at_a_glance")}</h2><dl class="figures">'
    )
    out += (
        f"<div><dt>{L(key)}</dt><dd>{value}</dd></div>" for key, value in zip(labels, totals, strict=True)
    )
    out.append("</dl></section>")
    out.append(f'<section id="units" aria-labelledby="units-h"><h2 id="units-h">{L("site.units")}</h2>')
    out.append(_units_table(ctx, lang, page, lines))
    out.append("</section>")
    frame = shell.Frame(lang, page, "", "\n".join(out), section="home", body_class="home")
    return shell.page(ctx, frame)


def _units_page(ctx: RenderContext, lang: str, page: str, lines: tuple[UnitLine, ...]) -> bytes:
    title = ctx.label("site.units", lang)
    main = f"<h1>{text(title)}</h1>\n{_units_table(ctx, lang, page, lines)}"
    return shell.page(ctx, shell.Frame(lang, page, title, main, section="units"))


def _units_table(ctx: RenderContext, lang: str, page: str, lines: tuple[UnitLine, ...]) -> str:
    L = lambda key: text(ctx.label(key, lang))  # noqa: E731
    head = (
        f'<tr><th scope="col">{L("unit_name")}</th><th scope="col">{L("site.roles_count")}</th>'
        f'<th scope="col">{L("headcount")}</th><th scope="col">{L("site.vacancies")}</th>'
        f'<th scope="col">{L("total_headcount")}</th></tr>'
    )
    rows = []
    for line in lines:
        if not line.linked:  # outside parties and departments not modelled here: no roles, no page
            continue
        name = text(line.name)
        if line.linked:
            name = f'<a href="{text(links.href(page, links.unit(lang, line.id)))}">{name}</a>'
        vacant = str(line.vacant) if line.vacant else ""
        rows.append(
            f'<tr class="depth-{min(line.depth, 6)}"><th scope="row">{name}</th><td>{line.roles}</td>'
            f"<td>{line.headcount}</td><td>{vacant}</td><td>{line.total_headcount}</td></tr>"
        )
    return (
        f'<div class="table-wrap"><table class="units"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'
        f'<p class="note">{L("site.vacancies_note")}</p>'
    )
