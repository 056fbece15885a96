"""A real headless Chromium for the site's tests, driven by Selenium through chromedriver.

Debian's ``chromium`` and ``chromium-driver`` packages are used as installed (``.ci/run``
installs them): Selenium is pointed at ``/usr/bin/chromedriver`` so that it never looks for
a driver on the network. Without them the browser tests are skipped, unless
``ORGC_BROWSER_TESTS=require`` (as CI sets it), where a missing browser is a failure.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

VENDOR = Path(__file__).parent / "vendor"
A4_POINTS = (595, 842)


def _programs() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    ours = [item for item in items if here in Path(str(item.fspath)).parents]
    for item in ours:
        item.add_marker(pytest.mark.browser)
    if _programs() is not None or not ours:
        return
    why = "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("ORGC_BROWSER_TESTS") == "require":
        raise pytest.UsageError(f"ORGC_BROWSER_TESTS=require, but {why}")
    for item in ours:
        item.add_marker(pytest.mark.skip(reason=why))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run; each test opens its own pages."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    programs = _programs()
    assert programs is not None
    options = webdriver.ChromeOptions()
    options.binary_location = programs[0]
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=zh-CN",
        "--allow-file-access-from-files",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=programs[1]), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def console_errors(driver: object) -> list[str]:
    """The console's errors (and failed loads) since the last call: the log is emptied by reading it."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def axe_violations(driver: object, *, rules_off: tuple[str, ...] = ()) -> list[dict]:
    """axe-core's accessibility violations on the page now open (WCAG 2 A and AA rules)."""
    script = (VENDOR / "axe.min.js").read_text(encoding="utf-8")
    driver.execute_script(script)
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    if rules_off:
        options["rules"] = {rule: {"enabled": False} for rule in rules_off}
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(JSON.stringify(r.violations)),"
        " e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));",
        options,
    )
    return json.loads(result)


def describe(violations: list[dict]) -> str:
    """Violations as a reader of a failed test wants them: rule, help, the first offending nodes."""
    lines = []
    for violation in violations:
        targets = [" ".join(node.get("target", [])) for node in violation.get("nodes", [])[:3]]
        lines.append(f"{violation['id']}: {violation.get('help', '')} at {targets}")
    return "\n".join(lines)


def print_pdf(driver: object) -> bytes:
    """The page now open, printed by Chromium to PDF on A4 (as its print stylesheet lays it out)."""
    from selenium.webdriver.common.print_page_options import PrintOptions

    options = PrintOptions()
    options.page_width = 21.0
    options.page_height = 29.7
    options.background = True
    return base64.b64decode(driver.print_page(options))


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """The size in points of each page of a PDF Chromium wrote (its page objects are not compressed)."""
    sizes = []
    for match in re.finditer(
        rb"/Type\s*/Page(?!s)\b.*?/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", data, re.S
    ):
        x0, y0, x1, y1 = (float(v) for v in match.groups())
        sizes.append((x1 - x0, y1 - y0))
    return sizes
