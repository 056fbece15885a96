"""The site in a real Chromium, opened from a folder (file://) as a reader of a share would:
search, the language switch, the matrix filters, the console, accessibility and printing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import A4_POINTS, axe_violations, console_errors, describe, pdf_pages, print_pdf

from helpers import ROOT, TODAY, run_cli

PAGES = {
    "home": "index.html",
    "home-en": "en/index.html",
    "units": "zh/units/index.html",
    "role": "zh/roles/cs-quality.html",
    "role-en": "en/roles/cs-director.html",
    "unit": "zh/units/cs-frontline.html",
    "unit-en": "en/units/cs-hotline.html",
    "process": "zh/processes/complaint-handling.html",
    "process-en": "en/processes/escalation.html",
    "policy": "zh/policies/cs-management-policy.html",
    "policies": "en/policies/index.html",
    "kpis": "zh/kpis.html",
    "kpis-en": "en/kpis.html",
}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project's site, built once for the browser tests."""
    out = tmp_path_factory.mktemp("site-out")
    result = run_cli("build", ROOT, "-o", out, "--today", TODAY, "--messages", "en")
    assert result.exit_code == 0, result.output
    return out / "site"


def _open(browser, site: Path, page: str) -> None:  # type: ignore[no-untyped-def]
    browser.get((site / page).as_uri())
    console_errors(browser)  # what an earlier page left in the log is not this page's


def _wait(browser, script: str, timeout: float = 10.0) -> object:  # type: ignore[no-untyped-def]
    """Poll ``script`` (a JavaScript expression) until it is truthy; its value."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = browser.execute_script(f"return {script};")
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"still false after {timeout} s: {script}")


def _search(browser, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.ID, "site-search")
    box.click()
    box.send_keys(query)
    _wait(browser, "document.querySelectorAll('#search-results a').length > 0")
    return [a.get_attribute("data-id") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results a")]


def test_a_chinese_substring_inside_words_of_a_duty_finds_the_role_and_opens_it(browser, site: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site, "zh/units/cs-care.html")
    # 依据相关资料，对质量趋势做出判断: "势做出判" ends one word, holds another and starts a third
    found = _search(browser, "势做出判")
    assert found == ["cs-quality"]
    hit = browser.find_element(By.CSS_SELECTOR, '#search-results a[data-id="cs-quality"]')
    assert "质量趋势做出判断" in hit.text
    assert hit.find_element(By.TAG_NAME, "mark").text == "势做出判"
    hit.click()
    _wait(browser, "location.pathname.endsWith('/zh/roles/cs-quality.html')")
    assert browser.find_element(By.TAG_NAME, "h1").text == "质检专员"
    assert console_errors(browser) == []


def test_search_by_pinyin_initials_and_by_id_from_the_home_page(browser, site: Path) -> None:
    _open(browser, site, "index.html")
    assert _search(browser, "zjzy")[0] == "cs-quality"  # 质检专员
    _open(browser, site, "en/index.html")
    assert _search(browser, "cs-tier2")[0] == "cs-tier2"
    assert console_errors(browser) == []


def test_the_index_is_loaded_only_when_the_search_box_is_used(browser, site: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site, "zh/roles/cs-agent.html")
    loaded = "Array.from(document.scripts).filter(s => s.src.includes('/search/')).length"
    assert browser.execute_script(f"return {loaded};") == 0
    browser.find_element(By.ID, "site-search").click()
    _wait(browser, f"{loaded} === 1")  # meta.js on focus; shards as the query needs them


def test_the_language_switch_keeps_the_page(browser, site: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, site, "zh/roles/cs-quality.html")
    browser.find_element(By.CSS_SELECTOR, 'nav.languages a[hreflang="en"]').click()
    _wait(browser, "location.pathname.endsWith('/en/roles/cs-quality.html')")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Quality inspector"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    browser.find_element(By.CSS_SELECTOR, 'nav.languages a[hreflang="zh"]').click()
    _wait(browser, "location.pathname.endsWith('/zh/roles/cs-quality.html')")


def test_the_matrix_filter_hides_and_shows_rows(browser, site: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, site, "zh/units/cs-frontline.html")
    rows = "document.querySelectorAll('#matrix-table tbody tr')"
    shown = lambda: browser.execute_script(f"return Array.from({rows}).filter(r => !r.hidden).length;")  # noqa: E731
    total = browser.execute_script(f"return {rows}.length;")
    assert total > 5 and shown() == total
    filters = browser.find_element(By.CSS_SELECTOR, ".matrix-filters")
    assert filters.is_displayed()
    party = Select(filters.find_element(By.CSS_SELECTOR, '[data-filter="party"]'))
    party.select_by_value("cs-team-lead")
    by_role = shown()
    assert 0 < by_role < total
    letter = Select(filters.find_element(By.CSS_SELECTOR, '[data-filter="letter"]'))
    letter.select_by_value("C")
    by_both = shown()
    assert 0 < by_both < by_role
    party.select_by_value("")
    letter.select_by_value("")
    assert shown() == total
    text = filters.find_element(By.CSS_SELECTOR, '[data-filter="text"]')
    text.send_keys("投诉")
    by_text = shown()
    assert 0 < by_text < total
    visible = browser.execute_script(
        f"return Array.from({rows}).filter(r => !r.hidden).map(r => r.cells[0].textContent);"
    )
    assert all("投诉" in title for title in visible)
    assert filters.find_element(By.CSS_SELECTOR, ".matrix-count").text == f"显示 {by_text} / {total} 行"
    text.clear()
    text.send_keys(" ")  # clear() fires no input event; a space is trimmed away
    assert shown() == total
    assert console_errors(browser) == []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_console_error_and_no_accessibility_violation(browser, site: Path, name: str) -> None:
    _open(browser, site, PAGES[name])
    _wait(browser, "document.readyState === 'complete'")
    assert console_errors(browser) == []
    violations = axe_violations(browser)
    assert violations == [], describe(violations)


def test_search_results_pass_the_accessibility_check_too(browser, site: Path) -> None:
    _open(browser, site, "zh/roles/cs-agent.html")
    _search(browser, "客服")
    violations = axe_violations(browser)
    assert violations == [], describe(violations)
    assert console_errors(browser) == []


def _largest_role(site: Path, lang: str) -> str:
    pages = sorted((site / lang / "roles").glob("*.html"), key=lambda p: (p.stat().st_size, p.name))
    return pages[-1].stem


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_role_pages_print_on_one_to_three_a4_pages(browser, site: Path, lang: str) -> None:
    roles = sorted({"cs-agent", "cs-director", "cs-quality", _largest_role(site, lang)})
    for role in roles:
        _open(browser, site, f"{lang}/roles/{role}.html")
        pdf = print_pdf(browser)
        pages = pdf_pages(pdf)
        assert 1 <= len(pages) <= 3, (role, len(pages))
        for width, height in pages:
            assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:  # on paper: no navigation, search or language switch
        hidden = "['.site-header', '.site-nav', '.search', '.languages', '.site-footer']"
        shown = browser.execute_script(
            f"return {hidden}.filter(s => document.querySelector(s) && "
            "getComputedStyle(document.querySelector(s)).display !== 'none');"
        )
        assert shown == []
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_hostile_title_is_text_in_the_page_and_in_search_results(browser, tmp_path: Path) -> None:
    import json

    from helpers import copy_good, edit

    hostile = '<script>alert("x")</script> \'引\' </script><!-- \u2028行\u2029 & "q"'
    project = copy_good(tmp_path / "project")
    edit(
        project, "specs/roles/cs-agent.yaml", "title: {zh: 客服专员,", f"title: {{zh: {json.dumps(hostile)},"
    )
    assert run_cli("build", project, "-o", tmp_path / "out", "--today", TODAY).exit_code == 0
    site = tmp_path / "out" / "site"
    _open(browser, site, "zh/roles/cs-agent.html")
    assert browser.execute_script("return document.querySelector('h1').textContent;") == hostile
    assert browser.execute_script("return document.querySelectorAll('script').length;") == 2
    _search(browser, "alert")
    title = "return document.querySelector('#search-results a[data-id=\"cs-agent\"] .hit-title').textContent;"
    assert browser.execute_script(title) == hostile
    assert console_errors(browser) == []


def test_the_long_form_matrix_filters_by_role_and_letter(browser, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from orgc.render.site import unit_page

    monkeypatch.setattr(unit_page, "GRID_MAX_COLUMNS", 3)
    assert run_cli("build", ROOT, "-o", tmp_path / "out", "--today", TODAY).exit_code == 0
    _open(browser, tmp_path / "out" / "site", "zh/units/cs-frontline.html")
    visible = "return Array.from(document.querySelectorAll('#matrix-table tbody tr')).filter(r => !r.hidden)"
    total = len(browser.execute_script(f"{visible}.map(r => r.dataset.party);"))
    filters = browser.find_element(By.CSS_SELECTOR, ".matrix-filters")
    Select(filters.find_element(By.CSS_SELECTOR, '[data-filter="party"]')).select_by_value("cs-agent")
    parties = browser.execute_script(f"{visible}.map(r => r.dataset.party);")
    assert 0 < len(parties) < total and set(parties) == {"cs-agent"}
    Select(filters.find_element(By.CSS_SELECTOR, '[data-filter="party"]')).select_by_value("")
    Select(filters.find_element(By.CSS_SELECTOR, '[data-filter="letter"]')).select_by_value("I")
    letters = browser.execute_script(f"{visible}.map(r => r.cells[2].textContent);")
    assert 0 < len(letters) < total and all("I" in found for found in letters)
    assert console_errors(browser) == []
