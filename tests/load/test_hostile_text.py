"""Odd but legitimate text checks clean, builds, and comes out as written in every document.

NFC and NFD spellings of the same title, zero-width joiners and spaces, right-to-left
scripts with their marks, emoji, CJK beyond the basic plane, tabs inside text, CRLF
line ends, a BOM, megabyte-long texts: all allowed (ids are ASCII, so none of this can
reach a file name). Every DOCX and XLSX written is opened again with python-docx and
openpyxl. Also here: YAML 1.1 spellings the other tests do not cover, and numbers too
long to be numbers.
"""

from __future__ import annotations

import io
import time
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from helpers import copy_good, edit, render_context, run_check
from orgc.pipeline import check
from orgc.render.chart import layout as chart_layout
from orgc.render.outputs import render_all

AGENT = "specs/roles/cs-agent.yaml"
TRAINER = "specs/roles/cs-trainer.yaml"
LEAD = "specs/roles/cs-team-lead.yaml"

NFC = unicodedata.normalize("NFC", "Café 客服专员")
NFD = unicodedata.normalize("NFD", "Café 客服专员")
TEXTS = {
    "nfc": NFC,
    "nfd": NFD,
    "zwj-emoji": "客服 👩\u200d💻 🇨🇳 🧑🏽\u200d🤝\u200d🧑🏻",
    "astral-cjk": "𠮷野家 𡈽 培训专员",
    "zero-width": "Trai\u200bner\u200c and \u2060co\ufeffach",
    "rtl": "\u05de\u05d3\u05e8\u05d9\u05da \u200f(Trainer)\u200f \u0645\u062f\u0631\u0628",
    "tab": "Trainer\twith a tab",
}


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


@pytest.fixture(scope="module")
def odd_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_good(tmp_path_factory.mktemp("odd") / "project")
    edit(
        project,
        AGENT,
        "title: {zh: 客服专员, en: Customer service agent}",
        f"title: {{zh: {NFC}, en: {NFC}}}",
    )
    edit(project, TRAINER, "title: {zh: 培训专员, en: Trainer}", f"title: {{zh: {NFD}, en: {NFD}}}")
    edit(
        project,
        TRAINER,
        "purpose: {zh: 组织新员工培训, en: Trains new staff}",
        "purpose:\n"
        + "".join(f"  {lang}: {_quoted(text)}\n" for lang, text in (("zh", TEXTS["zwj-emoji"]),))
        + f"  en: {_quoted(TEXTS['astral-cjk'] + ' / ' + TEXTS['zero-width'] + ' / ' + TEXTS['rtl'])}",
    )
    edit(project, TRAINER, "title: {zh: 组织新员工入职培训, en: Run onboarding training}",
         f"title: {{zh: {_quoted(TEXTS['tab'])}, en: {_quoted(TEXTS['rtl'])}}}")  # fmt: skip
    # a megabyte of text in one purpose, and a long title (the chart must fit it without a hang)
    edit(project, LEAD, "en: Leads a team to its shift targets}", "en: " + "Lead the team. " * 70_000 + "}")
    edit(
        project,
        LEAD,
        "title: {zh: 班组长, en: Team lead}",
        "title: {zh: 班组长, en: '" + "Team lead " * 30_000 + "'}",
    )
    # line ends and a byte-order mark
    director = project / "specs/roles/cs-director.yaml"
    director.write_bytes(director.read_bytes().replace(b"\n", b"\r\n"))
    supervisor = project / "specs/roles/cs-supervisor.yaml"
    supervisor.write_bytes(b"\xef\xbb\xbf" + supervisor.read_bytes())
    return project


def test_odd_text_checks_clean(odd_project: Path) -> None:
    started = time.perf_counter()
    report = run_check(odd_project)
    assert report.diagnostics == []
    assert time.perf_counter() - started < 30


@pytest.fixture(scope="module")
def built(odd_project: Path) -> dict[str, bytes]:
    started = time.perf_counter()
    files = {f.path: f.data for f in render_all(render_context(odd_project), jobs=1)}
    # before chart_layout measured text in one pass, the long title never finished
    assert time.perf_counter() - started < 90
    return files


def test_every_docx_and_xlsx_reopens(built: dict[str, bytes]) -> None:
    for path, data in built.items():
        if path.endswith(".docx"):
            docx.Document(io.BytesIO(data))
        elif path.endswith(".xlsx"):
            openpyxl.load_workbook(io.BytesIO(data))
        elif path.endswith(".svg"):
            ET.fromstring(data)
    assert any(p.endswith(".xlsx") for p in built) and any(p.endswith(".docx") for p in built)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_titles_come_out_as_written_and_are_not_normalised(built: dict[str, bytes]) -> None:
    agent = _docx_text(built["jd/zh/cs-agent.docx"])
    trainer = _docx_text(built["jd/zh/cs-trainer.docx"])
    # the two look the same, and stay two spellings: each JD opens with its own title
    assert agent.split("\n")[0] == NFC and trainer.split("\n")[0] == NFD
    assert TEXTS["zwj-emoji"] in trainer and TEXTS["tab"].replace("\t", "") in trainer.replace("\t", "")
    english = _docx_text(built["jd/en/cs-trainer.docx"])
    for key in ("astral-cjk", "zero-width", "rtl"):
        assert TEXTS[key] in english, key
    markdown = built["jd/en/cs-trainer.md"].decode("utf-8")
    assert TEXTS["rtl"] in markdown and NFD in markdown
    assert "Lead the team. " * 1000 in _docx_text(built["jd/en/cs-team-lead.docx"])


def test_the_chart_and_matrix_hold_both_spellings(built: dict[str, bytes]) -> None:
    svg = built["org-chart.svg"].decode("utf-8")
    assert NFC in svg and NFD in svg
    sheet = openpyxl.load_workbook(io.BytesIO(built["raci/raci.xlsx"])).active
    headers = [c.value for c in sheet[1]]
    assert any(str(h).startswith(NFC) for h in headers) and any(str(h).startswith(NFD) for h in headers)
    with zipfile.ZipFile(io.BytesIO(built["handbook/zh.docx"])) as archive:
        assert archive.testzip() is None


def test_chart_text_measurement_is_linear() -> None:
    started = time.perf_counter()
    assert chart_layout.fit("x" * 1_000_000, 11, 150).endswith("…")
    assert len(chart_layout.wrap("y" * 1_000_000, 13, 150, 3, True)) == 3
    assert len(chart_layout.wrap("客服" * 500_000, 13, 150, 3, True)) == 3
    assert len(chart_layout.wrap("ab " * 300_000, 13, 150, 3, True)) == 3
    assert time.perf_counter() - started < 15  # before: hours (quadratic and cubic in the length)


# -- YAML 1.1 spellings and numbers ------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_good(tmp_path / "project")


@pytest.mark.parametrize(
    "written", ["1:30", "190:20:30", "0o17", "0b101", "1_000", ".NaN", "-.inf", "2026-1-1", "Y", "NO"]
)
def test_more_yaml11_spellings_stay_text(project: Path, written: str) -> None:
    edit(project, AGENT, "grade: P1", f"grade: {written}")
    result = check(project, date(2026, 6, 1))
    assert [d for d in result.diagnostics if d.code.startswith("E")] == []
    assert result.org.roles["cs-agent"].grade == written


@pytest.mark.parametrize("written", ["1:30", "0o10", "0b11", "1_000", "４", "1e1", "9" * 16, "9" * 5000])
def test_headcount_that_only_yaml_11_or_python_reads_as_a_number_is_e102(project: Path, written: str) -> None:
    # before: 5,000 digits passed the integer pattern and int() raised (Python's digit limit)
    edit(project, AGENT, "headcount: 40", f"headcount: {written}")
    report = run_check(project)
    assert report.keys == [("E102", AGENT, 5, 12)]
    assert "whole number" in report.diagnostics[0]["message"]


def test_a_number_with_thousands_of_digits_in_a_fraction_field(project: Path) -> None:
    edit(project, LEAD, "years: 2", "years: " + "9" * 5000)
    report = run_check(project)
    assert report.keys == [("E102", LEAD, 33, 12)]
