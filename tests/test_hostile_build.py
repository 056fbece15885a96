"""A hostile orgc.yaml, template or reference.docx cannot inject markup, run unbounded or crash the build."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from helpers import copy_good, run_cli, write

AGENT = "specs/roles/cs-agent.yaml"


def build(project: Path, *options: str):  # type: ignore[no-untyped-def]
    return run_cli("build", project, "--jobs", "1", "--messages", "en", *options)


@pytest.mark.parametrize("font", ['SimSun" w:hint="eastAsia', "Sim&Sun", "Sim<Sun>", "'"])
def test_a_font_name_is_text_in_the_docx_never_markup(tmp_path: Path, font: str) -> None:
    project = copy_good(tmp_path / "project")
    quoted = font.replace("'", "''")
    write(project, "orgc.yaml", f"languages: [zh, en]\nfonts: {{east_asian: '{quoted}'}}\n")
    result = build(project)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(project / "out/jd/zh/cs-agent.docx") as docx:
        styles = docx.read("word/styles.xml").decode("utf-8")
    fonts = etree.fromstring(styles.encode("utf-8")).iter("{*}rFonts")
    east_asian = {f.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") for f in fonts}
    assert east_asian - {None} == {font}  # an injected attribute would have cut the name short


def test_addresses_and_mentions_in_titles_do_not_become_links_or_pings(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    text = "坐席 @hr-team @org/leads https://evil.example www.evil.example boss@evil.example"
    with open(project / AGENT, encoding="utf-8") as handle:
        spec = handle.read()
    write(project, AGENT, spec.replace("title: {zh: 客服专员", f"title: {{zh: '{text}'", 1))
    assert build(project).exit_code == 0
    markdown = [project / "out/jd/zh/cs-agent.md", *sorted((project / "out/raci").glob("*.md"))]
    shown = [path for path in markdown if "坐席" in path.read_text(encoding="utf-8")]
    assert len(shown) >= 2
    for path in shown:
        body = path.read_text(encoding="utf-8")
        assert not re.search(r"(?i)\bhttps?://|\bwww\.|@[\w-]", body), path
        assert text in body.replace("\u2060", "")  # the reader sees the title as written
