"""The site's chart page: its data (every role once, after its supervisor), escaping, determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import FIXTURES, ROOT, render_context
from orgc.render.chart.layout import ChartNode, box_size, nodes_from_org
from orgc.render.site import chart_page as site

CHART = FIXTURES / "chart"


def data_of(script: str) -> dict:
    found = re.fullmatch(r"orgcChart\((.*)\);\n", script, re.S)
    assert found, script[:80]
    return json.loads(found[1])


def files(project: Path) -> dict[str, bytes]:
    ctx = render_context(project)
    return {f.path: f.data for lang in ctx.languages for f in site.render(ctx, lang)}


def data_path(lang: str) -> str:
    return f"site/{site.data_page(lang)}"


def chart_path(lang: str) -> str:
    return f"site/{lang}/chart.html"


def test_every_role_is_in_the_data_once_after_its_supervisor() -> None:
    for project in (ROOT, CHART / "project"):
        ctx = render_context(project)
        for lang in ctx.languages:
            data = data_of(files(project)[data_path(lang)].decode())
            ids = data["id"]
            assert sorted(ids) == sorted(ctx.org.roles) and len(set(ids)) == len(ids)
            for index, role in enumerate(ids):
                boss = ctx.graph.supervisor(role)
                assert data["p"][index] == (ids.index(boss) if boss else -1)
                assert data["p"][index] < index  # a supervisor comes first
                assert data["t"][index] == ctx.role_title(role, lang)
                assert data["h"][index] == ctx.org.roles[role].headcount
                unit = ctx.org.units.get(ctx.org.roles[role].unit)
                assert data["units"][data["u"][index]] == ctx.t(unit.name, lang)


def test_dotted_lines_and_vacancies_are_in_the_data_and_the_legend() -> None:
    out = files(CHART / "project")
    data = data_of(out[data_path("en")].decode())
    pairs = list(zip(data["d"][::2], data["d"][1::2], strict=True))
    assert [(data["id"][a], data["id"][b]) for a, b in pairs] == [("cs-analyst", "it-manager")]
    assert data["h"][data["id"].index("cs-trainer")] == 0
    page = out[chart_path("en")].decode()
    assert 'class="key-dotted"' in page and 'class="key-vacant"' in page
    example = files(ROOT)[chart_path("en")].decode()
    assert (
        'class="key-dotted"' not in example and 'class="key-vacant"' not in example
    )  # marks it does not use


def test_the_boxes_are_as_wide_as_in_the_svg() -> None:
    ctx = render_context(CHART / "project")
    nodes = nodes_from_org(ctx.org, ctx.graph, "en")
    data = data_of(site.data_script(nodes))
    assert (data["w"], data["bh"]) == box_size(nodes)


def test_hostile_titles_stay_data() -> None:
    out = files(CHART / "hostile")
    script = out[data_path("en")].decode()
    assert "<" not in script and ">" not in script and "&" not in script
    data = data_of(script)
    assert "`md` **bold** <script>alert(1)</script>" in data["t"]
    assert "<b>\"Boss\" & 'Co'</b>" in data["t"]
    page = out[chart_path("en")].decode()
    assert "<b>" not in page and "&lt;Org&gt; &amp; &quot;Co&quot;" in page


def test_line_separators_cannot_end_a_string() -> None:
    title = "a\u2028b\u2029c</script><!--"
    script = site.data_script([ChartNode(id="r", title=title)])
    assert "\u2028" not in script and "\u2029" not in script and "</" not in script and "<!--" not in script
    assert data_of(script)["t"] == [title]


def test_the_same_specs_give_the_same_bytes() -> None:
    first, second = files(CHART / "project"), files(CHART / "project")
    assert first == second
    pages = {f"site/{lang}/{name}" for lang in ("zh", "en") for name in ("chart.html", "chart-data.js")}
    assert set(first) == pages | {"site/assets/chart.js", "site/assets/chart.css"}
