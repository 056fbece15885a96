"""What the build runs for the site (``render.outputs``): whole-site pages in one task, units'
pages in groups, and each role's page beside its JD, from the same view model.

Nothing here runs when the site is off (``site: false`` in orgc.yaml, ``orgc build --no-site``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model.entities import Role
from ..context import OutputFile, RenderContext
from ..jd.model import JobDescription
from . import (
    assets,
    chart_page,
    home,
    kpi_page,
    links,
    policy_page,
    process_page,
    role_page,
    search_index,
    unit_page,
)

UNIT_CHUNK = 32


def enabled(ctx: RenderContext) -> bool:
    return ctx.config.site


def tasks(ctx: RenderContext, units: list[str] | None = None) -> list[Any]:
    """The site's tasks besides its role pages (which come with the JDs: ``role_files``); the
    pages of ``units`` only, when given (the others are kept: ``unit_paths``)."""
    if not enabled(ctx):
        return []
    units = list(ctx.org.units) if units is None else units
    return [
        *(("search", lang) for lang in ctx.languages),  # the longest: first
        ("whole", None),
        *(("chart", lang) for lang in ctx.languages),
        *(("units", units[i : i + UNIT_CHUNK]) for i in range(0, len(units), UNIT_CHUNK)),
    ]


def run(ctx: RenderContext, task: Any) -> Iterator[OutputFile]:
    kind, arg = task
    if kind == "whole":
        yield from assets.render(ctx)
        yield from home.render(ctx)
        yield from kpi_page.render(ctx)
        yield from process_page.render(ctx)
        yield from policy_page.render(ctx)
    elif kind == "search":
        yield from search_index.render(ctx, arg)
    elif kind == "units":
        yield from unit_page.render(ctx, arg)
    elif kind == "chart":
        yield from chart_page.render(ctx, arg)


def unit_paths(ctx: RenderContext, unit_id: str) -> list[str]:
    """The unit's pages, one per language (none for a unit without a page)."""
    if not enabled(ctx) or not unit_page.has_page(ctx, unit_id):
        return []
    return [links.output_path(links.unit(lang, unit_id)) for lang in ctx.languages]


def role_paths(ctx: RenderContext, role_id: str) -> list[str]:
    """The role's pages, one per language: kept with its JDs when no change can reach them."""
    if not enabled(ctx):
        return []
    return [role_page.path_of(role_id, lang) for lang in ctx.languages]


def role_files(ctx: RenderContext, role: Role, jd: JobDescription) -> Iterator[OutputFile]:
    """The role's page in ``jd``'s language."""
    if enabled(ctx):
        yield role_page.role_file(ctx, jd, role_page.mentions(ctx, role, jd.lang))
