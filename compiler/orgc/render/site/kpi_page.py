"""``<lang>/kpis.html``: the KPI catalogue, each KPI with an anchor (``#kpi-<id>``) that role
pages link to, and the roles it measures (by count alone where they are many)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ...i18n.documents import label, value
from ...writers.html import text
from ..context import OutputFile, RenderContext
from ..jd.punctuation import printed
from . import links, shell
from .files import page_file

# Listed by name up to this many roles; more, and the page would grow with the organisation.
LISTED_ROLES = 40


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    org = ctx.org
    by_kpi: dict[str, dict[str, None]] = {}
    for role in ctx.graph.roles():
        for target in role.kpis:
            by_kpi.setdefault(target.kpi, {})[role.id] = None
    measured = {kpi: list(roles) for kpi, roles in by_kpi.items()}
    languages = shell.site_languages(ctx)
    for lang in ctx.languages:
        view = kpi_view(ctx, lang, measured)
        page = links.kpis(lang)
        yield page_file(
            ctx, page, (lang, ctx.t(org.name, lang), view, languages), partial(_page, ctx, lang, page, view)
        )


def kpi_view(ctx: RenderContext, lang: str, measured: dict[str, list[str]]) -> tuple:
    t = lambda v: printed(ctx.t(v, lang), lang)  # noqa: E731
    return tuple(
        (
            kpi.id,
            t(kpi.name),
            t(kpi.definition),
            label(f"jd.unit.{kpi.unit}", lang) if _known_unit(kpi.unit, lang) else kpi.unit,
            value(kpi.direction, lang),
            value(kpi.period, lang) if kpi.period else "",
            t(kpi.source),
            len(measured.get(kpi.id, ())),
            tuple((r, ctx.role_title(r, lang)) for r in measured.get(kpi.id, ())[:LISTED_ROLES]),
        )
        for kpi in ctx.org.kpis.values()
    )


def _known_unit(unit: str, lang: str) -> bool:
    try:
        label(f"jd.unit.{unit}", lang)
    except KeyError:
        return False
    return bool(unit)


def _page(ctx: RenderContext, lang: str, page: str, view: tuple) -> bytes:
    L = lambda key: text(label(key, lang))  # noqa: E731
    title = label("site.kpis", lang)
    sep = "、" if lang.startswith("zh") else ", "
    out = [f"<h1>{text(title)}</h1>"]
    if not view:
        out.append(f"<p>{L('none')}</p>")
    for kpi_id, name, definition, unit, direction, period, source, count, roles in view:
        anchor = f"kpi-{kpi_id}"
        out.append(f'<section class="kpi" id="{text(anchor)}" aria-labelledby="{text(anchor)}-h">')
        out.append(f'<h2 id="{text(anchor)}-h">{text(name)} <span class="id">{text(kpi_id)}</span></h2>')
        if definition:
            out.append(f"<p>{text(definition)}</p>")
        facts = [
            (L("measure_unit"), text(unit)),
            (L("direction"), text(direction)),
            (L("period"), text(period)),
            (L("source"), text(source)),
        ]
        if count:
            shown = text(sep).join(
                f'<a href="{text(links.href(page, links.role(lang, r)))}">{text(n)}</a>' for r, n in roles
            )
            if count > len(roles):
                shown += text(f"{sep}… ({count})")
            facts.append((L("site.used_by"), shown))
        out.append(
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts if v) + "</dl>"
        )
        out.append("</section>")
    return shell.page(ctx, shell.Frame(lang, page, title, "\n".join(out), section="kpis"))
