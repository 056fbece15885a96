"""The site's chart page: its data (every role once, after its supervisor), escaping, determinism."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, copy_good, edit, published_tree, render_context, run_cli
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
            outside = {ids[i]: note for i, note in zip(data["x"], data["xn"], strict=True)}
            roles = [role for role in ids if role not in outside]
            assert sorted(roles) == sorted(ctx.org.roles) and len(set(ids)) == len(ids)
            for box, note in outside.items():  # a supervisor outside the organisation, above its top role
                top = ids[data["p"].index(ids.index(box))]
                assert data["p"][ids.index(box)] == -1 and ctx.graph.supervisor(top) is None
                assert data["t"][ids.index(box)] == ctx.t(ctx.org.roles[top].reports_to_external, lang)
                assert note == ctx.label("chart_outside", lang)
            for index, role in enumerate(ids):
                if role in outside:
                    continue
                boss = ctx.graph.supervisor(role)
                above = next((box for box in outside if data["p"][index] == ids.index(box)), None)
                assert data["p"][index] == (ids.index(boss) if boss else ids.index(above) if above else -1)
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


def test_page_and_data_are_made_again_only_when_what_they_show_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: Counter[str] = Counter()
    script, frame = site.script, site.frame

    def data_script(data):  # type: ignore[no-untyped-def]
        made[f"data {data['t'][0]}"] += 1
        return script(data)

    def page_frame(lang, *args):  # type: ignore[no-untyped-def]
        made[f"page {lang}"] += 1
        return frame(lang, *args)

    monkeypatch.setattr(site, "script", data_script)
    monkeypatch.setattr(site, "frame", page_frame)
    project, out = copy_good(tmp_path / "project"), tmp_path / "out"
    build = lambda folder: run_cli("build", project, "-o", folder, "--jobs", "1")  # noqa: E731
    assert build(out).exit_code == 0
    assert made == Counter(
        {"data 客服总监": 1, "data Customer service director": 1, "page zh": 1, "page en": 1}
    )
    made.clear()
    edit(
        project, "specs/roles/cs-agent.yaml", "接听并解答客户咨询", "接听、记录并解答客户咨询"
    )  # not on the chart
    assert build(out).exit_code == 0
    assert made == Counter()
    edit(
        project, "specs/roles/cs-team-lead.yaml", "zh: 班组长", "zh: 值班班组长"
    )  # a box of the Chinese chart
    assert build(out).exit_code == 0
    assert made == Counter({"data 客服总监": 1})
    assert build(tmp_path / "clean").exit_code == 0
    assert published_tree(out) == published_tree(tmp_path / "clean")
