"""The chart page in a real Chromium: folding, finding a role's chain of command, links to role
pages, pan and zoom, accessibility, and printing one page per top-level subtree."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import A4_POINTS, axe_violations, console_errors, describe, pdf_pages, print_pdf

from helpers import ROOT, run_cli

sys.path.insert(0, str(ROOT / "bench"))
from generate import Generator

GENERATED_ROLES = 600  # above the 200 roles that open entirely
OPEN_UP_TO = 200  # chart.js: whole levels open while at most this many roles show


class Chart:
    """A built chart page and its data, as Python sees them."""

    def __init__(self, out: Path, lang: str) -> None:
        self.page = out / "site" / lang / "chart.html"
        script = (out / "site" / lang / "chart-data.js").read_text(encoding="utf-8")
        data = json.loads(re.fullmatch(r"orgcChart\((.*)\);\n", script, re.S)[1])
        self.ids: list[str] = data["id"]
        self.titles: list[str] = data["t"]
        self.parent: list[int] = data["p"]
        self.outside: dict[str, str] = {
            self.ids[i]: note for i, note in zip(data["x"], data["xn"], strict=True)
        }
        self.roles = [role for role in self.ids if role not in self.outside]
        self.kids: dict[int, list[int]] = {i: [] for i in range(len(self.ids))}
        for i, p in enumerate(self.parent):
            if p >= 0:
                self.kids[p].append(i)
        self.depth = [0] * len(self.ids)
        for i, p in enumerate(self.parent):
            self.depth[i] = self.depth[p] + 1 if p >= 0 else 0

    def chain(self, i: int) -> list[str]:
        out = []
        while i >= 0:
            out.append(self.ids[i])
            i = self.parent[i]
        return out

    def open_levels(self) -> int:
        """How many levels show at first: whole levels while at most OPEN_UP_TO roles show, at least two."""
        per_level = [self.depth.count(d) for d in range(max(self.depth) + 1)]
        shown, levels = per_level[0], 1
        while levels < len(per_level) and (levels < 2 or shown + per_level[levels] <= OPEN_UP_TO):
            shown += per_level[levels]
            levels += 1
        return levels


def build(project: Path, out: Path) -> None:
    result = run_cli("build", project, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a generated organisation large enough to start folded, built once."""
    work = tmp_path_factory.mktemp("chart")
    Generator(GENERATED_ROLES, seed=1).write(work / "org")
    build(work / "org", work / "out")
    return work / "out"


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "out"
    build(ROOT, out)
    return out


def open_chart(browser: object, page: Path, fragment: str = "") -> None:
    console_errors(browser)  # what earlier tests left in the log is theirs
    browser.get(page.as_uri() + fragment)
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "(function wait() { if (document.querySelector('#chart-view[data-ready]')) done();"
        " else setTimeout(wait, 20); })();"
    )


def roles_shown(browser: object) -> set[str]:
    return set(
        browser.execute_script(
            "return [...document.querySelectorAll('#chart-view [data-role]')].map(e => e.dataset.role)"
        )
    )


def transform(browser: object) -> str:
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "requestAnimationFrame(() => done(document.querySelector('.chart-canvas').style.transform));"
    )


def test_the_example_opens_entirely_with_a_link_per_role(browser, example: Path) -> None:
    for lang in ("zh", "en"):
        chart = Chart(example, lang)
        open_chart(browser, chart.page)
        assert roles_shown(browser) == set(chart.roles)
        # the director's supervisor outside the organisation: a box with its note, and no role page
        outside = browser.execute_script(
            "return [...document.querySelectorAll('#chart-view .chart-node.external')]"
            ".map(n => [n.querySelector('a') === null, n.textContent])"
        )
        assert [(no_link, note in text) for no_link, text in outside for note in chart.outside.values()] == [
            (True, True)
        ]
        assert (
            browser.execute_script(
                "return document.querySelectorAll('.chart-fold[aria-expanded=false]').length"
            )
            == 0
        )
        hrefs = browser.execute_script(
            "return [...document.querySelectorAll('#chart-view a[data-role]')].map(a => [a.dataset.role, a.getAttribute('href')])"
        )
        assert all(href == f"roles/{role}.html" for role, href in hrefs)
        assert console_errors(browser) == []
        violations = axe_violations(browser)
        assert violations == [], describe(violations)


def test_a_large_chart_starts_folded_and_a_toggle_unfolds(browser, generated: Path) -> None:
    chart = Chart(generated, "zh")
    open_chart(browser, chart.page)
    levels = chart.open_levels()
    assert 2 <= levels < max(chart.depth) + 1
    shown = roles_shown(browser)
    assert shown and all(chart.depth[chart.ids.index(role)] < levels for role in shown)
    # a folded box in sight: press its toggle, and its reports appear
    folded = browser.execute_script(
        "const view = document.getElementById('chart-view').getBoundingClientRect();"
        "return [...document.querySelectorAll('.chart-fold[aria-expanded=false]')].find(b => {"
        " const r = b.getBoundingClientRect();"
        " return r.left > view.left && r.right < view.right && r.top > view.top && r.bottom < view.bottom; })"
    )
    role = (
        folded.find_element("xpath", "..")
        .find_element("css selector", "[data-role]")
        .get_attribute("data-role")
    )
    i = chart.ids.index(role)
    assert chart.kids[i] and not {chart.ids[k] for k in chart.kids[i]} & shown
    assert folded.text == f"▸ {browser.execute_script('return orgcChart.chart.tree.size[arguments[0]]', i)}"
    folded.click()
    assert {chart.ids[k] for k in chart.kids[i]} <= roles_shown(browser)
    assert folded.get_attribute("aria-expanded") == "true"
    folded.click()
    assert not {chart.ids[k] for k in chart.kids[i]} & roles_shown(browser)
    assert console_errors(browser) == []


def test_finding_a_role_highlights_its_chain_of_command_and_nothing_else(browser, generated: Path) -> None:
    chart = Chart(generated, "zh")
    open_chart(browser, chart.page)
    deepest = max(range(len(chart.ids)), key=lambda i: (chart.depth[i], -i))
    assert chart.depth[deepest] >= chart.open_levels()  # folded away at first
    box = browser.find_element("id", "chart-find")
    box.send_keys(chart.ids[deepest])
    box.send_keys("\n")
    highlighted = browser.execute_script(
        "return [...document.querySelectorAll('.chain')].map(e => e.dataset.role || e.tagName)"
    )
    assert sorted(highlighted) == sorted(
        [*chart.chain(deepest), "path"]
    )  # the boxes, and the lines joining them
    found = browser.execute_script("return [...document.querySelectorAll('.found')].map(e => e.dataset.role)")
    assert found == [chart.ids[deepest]]
    assert browser.switch_to.active_element.get_attribute("data-role") == chart.ids[deepest]
    assert chart.titles[deepest] in browser.find_element("id", "chart-status").text
    # by title, through the list of matches
    box.clear()
    other = chart.kids[chart.kids[0][-1]][0] if chart.kids[chart.kids[0][-1]] else chart.kids[0][-1]
    box.send_keys(chart.titles[other])
    browser.find_element("css selector", f'#chart-found [data-pick="{other}"]').click()
    chain = browser.execute_script(
        "return [...document.querySelectorAll('#chart-view [data-role].chain')].map(e => e.dataset.role)"
    )
    assert sorted(chain) == sorted(chart.chain(other))
    assert console_errors(browser) == []


def test_a_box_opens_its_role_page(browser, generated: Path) -> None:
    chart = Chart(generated, "zh")
    open_chart(browser, chart.page)
    role = chart.ids[chart.kids[0][0]]
    browser.find_element("css selector", f'#chart-view a[data-role="{role}"]').click()
    assert browser.current_url.endswith(f"/zh/roles/{role}.html")
    assert browser.find_element("tag name", "h1").text.strip().startswith(chart.titles[chart.ids.index(role)])
    assert console_errors(browser) == []


def test_a_fragment_names_the_role_to_show(browser, generated: Path) -> None:
    chart = Chart(generated, "zh")
    deepest = max(range(len(chart.ids)), key=lambda i: chart.depth[i])
    open_chart(browser, chart.page, "#" + chart.ids[deepest])
    assert browser.switch_to.active_element.get_attribute("data-role") == chart.ids[deepest]


def test_pan_and_zoom_change_the_view(browser, generated: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.keys import Keys

    chart = Chart(generated, "zh")
    open_chart(browser, chart.page)
    view = browser.find_element("id", "chart-view")
    first = transform(browser)
    ActionChains(browser).move_to_element_with_offset(view, -200, 150).click_and_hold().move_by_offset(
        120, 60
    ).release().perform()
    dragged = transform(browser)
    assert dragged != first
    assert browser.current_url.endswith("chart.html")  # a drag that ends on a box does not follow its link
    scale = lambda text: float(re.search(r"scale\(([\d.]+)\)", text)[1])  # noqa: E731
    ActionChains(browser).scroll_from_origin(ScrollOrigin.from_element(view), 0, 300).perform()
    wheeled = transform(browser)
    assert scale(wheeled) < scale(dragged)
    browser.find_element("css selector", '[data-zoom="in"]').click()
    assert scale(transform(browser)) > scale(wheeled)
    view.send_keys(Keys.ARROW_LEFT)
    keyed = transform(browser)
    view.send_keys("-")
    assert scale(transform(browser)) < scale(keyed)
    browser.find_element("css selector", '[data-zoom="fit"]').click()
    assert transform(browser) != keyed
    assert console_errors(browser) == []


def test_the_large_chart_passes_axe(browser, generated: Path) -> None:
    chart = Chart(generated, "en")
    open_chart(browser, chart.page)
    violations = axe_violations(browser)
    assert violations == [], describe(violations)


def test_the_large_chart_prints_one_page_per_top_level_subtree(browser, generated: Path) -> None:
    """The top role and its reports on the first page, then each report's subtree on a page."""
    chart = Chart(generated, "zh")
    open_chart(browser, chart.page)
    assert (
        chart.open_levels() >= 3
    )  # the top role's reports show their own reports: the chart is too large for a page
    top = [i for i, p in enumerate(chart.parent) if p < 0]
    assert len(top) == 1
    subtrees = [k for k in chart.kids[top[0]] if chart.kids[k]]
    pages = pdf_pages(print_pdf(browser))
    assert len(pages) == 1 + len(subtrees)
    assert all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in pages)
    captions = browser.execute_script(
        "return [...document.querySelectorAll('.chart-sheet h2')].map(h => h.textContent)"
    )
    assert captions[1:] == [f"{chart.titles[top[0]]} › {chart.titles[k]}" for k in subtrees]


def test_a_small_chart_prints_on_one_page(browser, example: Path) -> None:
    open_chart(browser, Chart(example, "zh").page)
    assert len(pdf_pages(print_pdf(browser))) == 1
