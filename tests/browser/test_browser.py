"""The browser harness itself: each helper the site's tests lean on can fail."""

from __future__ import annotations

from pathlib import Path

from conftest import A4_POINTS, axe_violations, console_errors, pdf_pages, print_pdf

CLEAN = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>岗位</title></head>
<body><main><h1>客服专员</h1><p>{body}</p></main></body></html>"""


def _open(browser: object, tmp_path: Path, html: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())


def test_a_console_error_is_seen_and_a_clean_page_has_none(browser, tmp_path: Path) -> None:
    _open(browser, tmp_path, CLEAN.format(body="接听热线"))
    assert console_errors(browser) == []
    _open(browser, tmp_path, CLEAN.format(body="<script>console.error('坏了')</script>"))
    assert any("坏了" in message for message in console_errors(browser))


def test_axe_finds_an_image_without_text_and_passes_a_clean_page(browser, tmp_path: Path) -> None:
    _open(browser, tmp_path, CLEAN.format(body="接听热线"))
    assert axe_violations(browser) == []
    _open(browser, tmp_path, CLEAN.format(body='<img src="x.png">'))
    assert "image-alt" in [violation["id"] for violation in axe_violations(browser)]


def test_a_short_page_prints_to_one_a4_page(browser, tmp_path: Path) -> None:
    _open(browser, tmp_path, CLEAN.format(body="接听热线"))
    pages = pdf_pages(print_pdf(browser))
    assert len(pages) == 1
    width, height = pages[0]
    assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2  # Chromium rounds to whole pixels
