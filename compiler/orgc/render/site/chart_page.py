"""``<lang>/chart.html``, the interactive org chart, and its data, ``<lang>/chart-data.js``.

The page holds no role: the browser draws them (``templates/site/chart.js``) from the data
script, which calls ``orgcChart({...})`` (a page opened from a folder may run scripts, not
fetch JSON). The data are parallel lists over the roles in chart order (a supervisor before
its reports, reports in their order), read from the same ``ChartNode``s as ``org-chart.svg``:

========  ==================================================================
``id``    role ids
``t``     titles, in the page's language
``p``     the supervisor's index in these lists, -1 for a top role
``h``     headcount (0: a vacant position)
``u``     index into ``units``, -1 for none
``d``     dotted lines, flattened pairs (role, its dotted-line supervisor)
``w``     the boxes' width in px, as the SVG sizes them; ``bh`` their height
========  ==================================================================

The page and the data are each written again only when what they show has changed: the
data with the organisation's roles, the page with its words and the site's frame.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial

from ...i18n.documents import label
from ...writers.html import js_call, text
from ..chart.layout import ChartNode, box_size, reporting_tree
from ..chart.nodes import chart_nodes
from ..context import OutputFile, RenderContext
from . import assets, links, shell
from .files import page_file

DATA_VERSION = 1
ASSETS = ("chart.js", "chart.css")
WORDS = (
    "title",
    "find",
    "find_hint",
    "zoom_in",
    "zoom_out",
    "fit",
    "expand",
    "collapse",
    "found",
    "not_found",
    "view",
    "legend_folded",
    "legend_chain",
    "legend_dotted",
    "legend_vacant",
    "continued",
    "no_script",
)
# The words chart.js says, handed to it as data-* attributes of the view.
SCRIPT_WORDS = ("expand", "collapse", "found", "not_found", "vacant", "dotted", "continued")


def data_page(lang: str) -> str:
    return f"{lang}/chart-data.js"


def render(ctx: RenderContext, lang: str) -> Iterator[OutputFile]:
    """The chart page and data in ``lang``; with the first language, the chart's script and style."""
    if lang == ctx.languages[0]:
        yield from assets.render(ctx, ASSETS)
    nodes = chart_nodes(ctx, lang)
    org_name = ctx.t(ctx.org.name, lang) or ctx.org.id
    words = chart_words(lang)
    page = links.chart(lang)
    keys = legend_keys(nodes)
    shown = (lang, shell.site_languages(ctx), org_name, words, keys)
    yield page_file(ctx, page, shown, partial(_page, ctx, lang, page, org_name, words, keys))
    path = links.output_path(data_page(lang))
    data = chart_data(nodes)
    key = ctx.reuse.key("site-chart-data", data)
    if ctx.reuse.kept((path,), key):
        yield OutputFile(path, b"", key, kept=True)
    else:
        yield OutputFile(path, script(data).encode("utf-8"), key)


def chart_data(nodes: Sequence[ChartNode]) -> dict[str, object]:
    """The chart's data: every role once, after its supervisor (see the module's table)."""
    _, kids, order = reporting_tree(nodes)
    index = {role: i for i, role in enumerate(order)}
    by_id = {n.id: n for n in nodes}
    parent = [-1] * len(order)
    for boss, reports in kids.items():
        for report in reports:
            parent[index[report]] = index[boss]
    units: dict[str, int] = {}
    unit_of = []
    for role in order:
        name = by_id[role].unit
        unit_of.append(units.setdefault(name, len(units)) if name else -1)
    dotted = [
        number
        for i, role in enumerate(order)
        for other in dict.fromkeys(by_id[role].dotted_to)
        if other in index and other != role
        for number in (i, index[other])
    ]
    width, height = box_size(nodes) if nodes else (0, 0)
    return {
        "v": DATA_VERSION,
        "w": width,
        "bh": height,
        "id": order,
        "t": [by_id[role].title for role in order],
        "p": parent,
        "h": [by_id[role].headcount for role in order],
        "u": unit_of,
        "units": list(units),
        "d": dotted,
        # supervisors outside the organisation (above a top role): a box without a role page
        "x": [i for i, role in enumerate(order) if by_id[role].external],
        "xn": [by_id[role].note for role in order if by_id[role].external],
    }


def script(data: dict[str, object]) -> str:
    """The data file: one call of ``orgcChart`` with the data."""
    return js_call("orgcChart", data)


def data_script(nodes: Sequence[ChartNode]) -> str:
    return script(chart_data(nodes))


def chart_words(lang: str) -> dict[str, str]:
    """The words of the page, in ``lang``."""
    words = {key: label(f"site_chart.{key}", lang) for key in WORDS}
    words["legend"] = label("chart_legend", lang)
    words["vacant"] = label("vacant", lang)
    words["dotted"] = label("dotted", lang)
    return words


def legend_keys(nodes: Sequence[ChartNode]) -> tuple[str, ...]:
    """The marks the chart uses, as its legend lists them."""
    keys = ["folded", "chain"]
    if any(n.dotted_to for n in nodes):
        keys.append("dotted")
    if any(n.headcount == 0 for n in nodes):
        keys.append("vacant")
    return tuple(keys)


def _page(
    ctx: RenderContext, lang: str, page: str, org_name: str, words: dict[str, str], keys: tuple[str, ...]
) -> bytes:
    return shell.page(ctx, frame(lang, page, org_name, words, keys))


def frame(lang: str, page: str, org_name: str, words: dict[str, str], keys: Sequence[str]) -> shell.Frame:
    """The page's frame: tools, legend and an empty view that the script fills."""
    w = {key: text(value) for key, value in words.items()}
    items = "".join(f'<li class="key-{key}">{w[f"legend_{key}"]}</li>' for key in keys)
    said = "".join(f' data-{key.replace("_", "-")}="{w[key]}"' for key in SCRIPT_WORDS)
    main = f"""<div class="chart-page">
<h1>{text(org_name)} · {w["title"]}</h1>
<div class="chart-tools">
<div class="chart-find" role="search">
<label for="chart-find">{w["find"]}</label>
<input id="chart-find" type="search" autocomplete="off" spellcheck="false" placeholder="{w["find_hint"]}" \
aria-describedby="chart-status" aria-controls="chart-found">
<ul id="chart-found" class="chart-found" hidden></ul>
</div>
<div class="chart-zoom">
<button type="button" class="chart-button" data-zoom="in" aria-label="{w["zoom_in"]}" title="{w["zoom_in"]}">+</button>
<button type="button" class="chart-button" data-zoom="out" aria-label="{w["zoom_out"]}" title="{w["zoom_out"]}">−</button>
<button type="button" class="chart-button" data-zoom="fit">{w["fit"]}</button>
</div>
<p id="chart-status" class="chart-status" role="status"></p>
</div>
<ul class="chart-legend" aria-label="{w["legend"]}">{items}</ul>
<div id="chart-view" class="chart-view" tabindex="0" role="region" aria-label="{w["view"]}"{said}>
<div class="chart-canvas"><svg class="chart-lines" aria-hidden="true"></svg></div>
<noscript><p class="chart-noscript">{w["no_script"]}</p></noscript>
</div>
<div class="chart-print" aria-hidden="true"></div>
<script src="{text(links.href(page, data_page(lang)))}" defer></script>
</div>"""
    return shell.Frame(
        lang=lang,
        path=page,
        title=words["title"],
        main=main,
        section="chart",
        scripts=("chart.js",),
        styles=("chart.css",),
        body_class="chart",
    )
