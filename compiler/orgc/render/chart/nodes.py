"""Every role's box of the org chart (``layout.nodes_from_org``), made once per build and language.

The chart files, the Word chart of the handbook, the site's chart page and every volume of a split
handbook show the same boxes: at 10,000 roles making them takes 0.15 s, and a one-role edit made
them three times over.
"""

from __future__ import annotations

from ..context import RenderContext
from .layout import ChartNode, nodes_from_org

_NODES = "_chart_nodes"  # not a field: replace() and == leave it out, as they do cached properties


def chart_nodes(ctx: RenderContext, lang: str) -> tuple[ChartNode, ...]:
    """The boxes in ``lang``, kept on the context (``outputs.render_all`` makes the default
    language's before forking)."""
    made: dict[str, tuple[ChartNode, ...]] = vars(ctx).setdefault(_NODES, {})
    found = made.get(lang)
    if found is None:
        found = made[lang] = nodes_from_org(ctx.org, ctx.graph, lang, ctx.label("vacant", lang))
    return found
