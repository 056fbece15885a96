"""The site's interactive org chart: ``site/<lang>/chart.html`` and its data, ``chart-data.js``.

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

A page and its data are written again only when what they show has changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from ...writers import escape
from ..context import OutputFile, RenderContext
from .layout import ChartNode, box_size, nodes_from_org, reporting_tree

DATA_VERSION = 1
SCRIPT = "chart.js"
STYLE = "chart.css"


def chart_path(lang: str) -> str:
    return f"site/{lang}/chart.html"


def data_path(lang: str) -> str:
    return f"site/{lang}/chart-data.js"


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
    }


def script_json(value: object) -> str:
    """JSON that stays data inside a script: no ``</script>``, ``<!--``, ``&`` entity or line break
    (U+2028, U+2029 end a line in older JavaScript) can come out of a text."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def data_script(nodes: Sequence[ChartNode]) -> str:
    return "orgcChart(" + script_json(chart_data(nodes)) + ");\n"


def labels(ctx: RenderContext, lang: str) -> dict[str, str]:
    """The words of the page, in ``lang``."""
    keys = (
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
        "legend_dotted",
        "legend_vacant",
        "legend_chain",
        "continued",
        "no_script",
    )
    words = {key: ctx.label(f"site_chart.{key}", lang) for key in keys}
    words["legend"] = ctx.label("chart_legend", lang)
    words["vacant"] = ctx.label("vacant", lang)
    words["dotted"] = ctx.label("dotted", lang)
    return words


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    """Every language's chart page and data; each kept while what it shows is unchanged."""
    for lang in ctx.languages:
        nodes = nodes_from_org(ctx.org, ctx.graph, lang, ctx.label("vacant", lang))
        org_name = escape.one_line(ctx.t(ctx.org.name, lang))
        words = labels(ctx, lang)
        paths = (chart_path(lang), data_path(lang))
        content = ctx.reuse.key("site-chart", lang, ctx.languages, org_name, words, nodes)
        if ctx.reuse.kept(paths, content):
            for path in paths:
                yield OutputFile(path, b"", content, kept=True)
            continue
        yield OutputFile(paths[0], page(lang, ctx.languages, org_name, words, nodes).encode(), content)
        yield OutputFile(paths[1], data_script(nodes).encode(), content)


def _attrs(values: dict[str, str]) -> str:
    return "".join(f' data-{key.replace("_", "-")}="{escape.xml(text)}"' for key, text in values.items())


def page(
    lang: str, languages: Sequence[str], org_name: str, words: dict[str, str], nodes: Sequence[ChartNode]
) -> str:
    """The chart page: tools, legend and an empty view the script fills."""
    e = escape.xml
    title = f"{org_name} · {words['title']}"
    keys = ["folded", "chain"]
    if any(n.dotted_to for n in nodes):
        keys.append("dotted")
    if any(n.headcount == 0 for n in nodes):
        keys.append("vacant")
    items = "".join(f'<li class="key-{key}">{e(words[f"legend_{key}"])}</li>' for key in keys)
    js_words = {
        k: words[k] for k in ("expand", "collapse", "found", "not_found", "vacant", "dotted", "continued")
    }
    body = f"""<main id="main" class="chart-page">
<h1>{e(title)}</h1>
<div class="chart-tools">
<div class="chart-find" role="search">
<label for="chart-find">{e(words["find"])}</label>
<input id="chart-find" type="search" autocomplete="off" spellcheck="false" placeholder="{e(words["find_hint"])}" aria-describedby="chart-status" aria-controls="chart-found">
<ul id="chart-found" class="chart-found" hidden></ul>
</div>
<div class="chart-zoom">
<button type="button" class="chart-button" data-zoom="in" aria-label="{e(words["zoom_in"])}" title="{e(words["zoom_in"])}">+</button>
<button type="button" class="chart-button" data-zoom="out" aria-label="{e(words["zoom_out"])}" title="{e(words["zoom_out"])}">−</button>
<button type="button" class="chart-button" data-zoom="fit">{e(words["fit"])}</button>
</div>
<p id="chart-status" class="chart-status" role="status"></p>
</div>
<ul class="chart-legend" aria-label="{e(words["legend"])}">{items}</ul>
<div id="chart-view" class="chart-view" tabindex="0" role="region" aria-label="{e(words["view"])}"{_attrs(js_words)}>
<div class="chart-canvas"></div>
<noscript><p class="chart-noscript">{e(words["no_script"])}</p></noscript>
</div>
<div class="chart-print" aria-hidden="true"></div>
</main>"""
    return _shell(lang, title, body)


def _shell(lang: str, title: str, body: str) -> str:
    """A page of its own until the site's shell takes it."""
    e = escape.xml
    return f"""<!doctype html>
<html lang="{e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'">
<title>{e(title)}</title>
<link rel="stylesheet" href="../assets/{STYLE}">
<script defer src="../assets/{SCRIPT}"></script>
<script defer src="chart-data.js"></script>
</head>
<body>
{body}
</body>
</html>
"""
