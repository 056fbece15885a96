"""The responsibility matrices: raci/<unit>.md, raci.csv, raci.xlsx, assignments.tsv.

Golden files live in tests/fixtures/raci/expected/. After an intended change, regenerate them with

    ORGC_UPDATE_GOLDEN=1 pytest tests/test_render_raci.py

and read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
import yaml

from helpers import render_context
from orgc.model.raci import Assignment
from orgc.render import escape, raci
from orgc.render.context import RenderContext
from orgc.render.xlsx import LETTER_COLOURS, display_width, matrix_workbook

HERE = Path(__file__).parent / "fixtures" / "raci"
PROJECT = HERE / "project"
EXPECTED = HERE / "expected"
WHEN = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
FORMULA_START = tuple("=+-@\t\r＝＋－＠")


def context(path: Path, languages: tuple[str, ...] | None = None, when: datetime = WHEN) -> RenderContext:
    """As compiler/orgc/build.py builds it, with a fixed source date."""
    return render_context(path, languages, when)  # type: ignore[return-value]


def rendered(path: Path, **kwargs: object) -> dict[str, bytes]:
    files = {f.path: f.data for f in raci.render(context(path, **kwargs))}  # type: ignore[arg-type]
    assert all(p.startswith("raci/") for p in files)
    return files


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return rendered(PROJECT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(PROJECT, copy)
    return copy


def lines(data: bytes) -> list[str]:
    return data.decode("utf-8").split("\n")


# -- golden files ---------------------------------------------------------------------------------


def test_golden_files(files: dict[str, bytes]) -> None:
    texts = {path.removeprefix("raci/"): data for path, data in files.items() if not path.endswith(".xlsx")}
    if os.environ.get("ORGC_UPDATE_GOLDEN"):
        shutil.rmtree(EXPECTED, ignore_errors=True)
        EXPECTED.mkdir(parents=True)
        for name, data in texts.items():
            (EXPECTED / name).write_bytes(data)
    expected = {p.name: p.read_bytes() for p in sorted(EXPECTED.iterdir())}
    assert sorted(texts) == sorted(expected)
    for name, data in texts.items():
        assert data == expected[name], f"{name} differs from {EXPECTED / name}"


def test_one_file_per_unit_with_rows(files: dict[str, bytes]) -> None:
    units = sorted(p.removeprefix("raci/") for p in files if p.endswith(".md"))
    # legal is external; projects has no roles and takes part in nothing
    assert units == ["finance.md", "hq.md", "ops-support.md", "ops.md"]
    assert set(files) >= {"raci/raci.csv", "raci/raci.xlsx", "raci/assignments.tsv"}


def test_unit_matrix_rows_and_columns(files: dict[str, bytes]) -> None:
    table = md_table(files["raci/ops-support.md"])
    header = table[0]
    # the unit's roles in org-chart order come first, then the other parties of its rows
    assert header[2:4] == [r"\=分析师\|\<i\> (ops-analyst)", "运营文员 (ops-clerk)"]
    assert header[-1] == "法务部 (legal)"
    refs = [row[1] for row in table[2:]]
    assert "`ceo.strategy`" not in refs  # nobody of ops-support takes part
    assert "`accountant.bookkeeping`" in refs  # the unit itself is informed
    assert (
        refs.index("`ops-clerk.filing`")
        < refs.index("`office-common.archive`")
        < refs.index("`purchase.request`")
    )
    pay = next(row for row in table if row[1] == "`purchase.pay`")
    assert dict(zip(header, pay, strict=True))["运营文员 (ops-clerk)"] == "I"


def test_whole_matrix_csv(files: dict[str, bytes]) -> None:
    data = files["raci/raci.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") - 1  # one line break inside a quoted title
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    ctx = context(PROJECT)
    roles = [escape.spreadsheet(f"{ctx.role_title(r, 'zh')} ({r})") for r in ctx.graph.chart_order]
    assert rows[0][2 : 2 + len(roles)] == roles
    assert rows[0][2 + len(roles) :] == [
        "运营部 (ops)",
        "运营支持组 | <后台> (ops-support)",
        "财务部 (finance)",
        "法务部 (legal)",
    ]
    assert {row[1] for row in rows[1:]} == {a.row for a in ctx.assignments}
    assert all(len(row) == len(rows[0]) for row in rows)


def test_assignments_tsv(files: dict[str, bytes]) -> None:
    found = lines(files["raci/assignments.tsv"])
    assert found[0] == "duty\trole\tletter"
    assert found[-1] == ""
    body = [tuple(line.split("\t")) for line in found[1:-1]]
    assert body == sorted(body)
    assert body == [(a.row, a.party, a.letter) for a in context(PROJECT).assignments]


def test_tsv_refuses_a_field_with_a_tab() -> None:
    ctx = context(PROJECT)
    ctx.__dict__["assignments"] = (Assignment("a.b\tc", "x", "R"),)
    with pytest.raises(ValueError, match="not an id"):
        raci.assignments_tsv(ctx)


def test_labels_follow_the_first_language_built() -> None:
    english = rendered(PROJECT, languages=("en",))
    text = english["raci/ops.md"].decode()
    assert text.startswith("# Responsibility matrix: Operations (`ops`)")
    assert "| Duty or step | Ref | Operations manager (ops-manager) |" in text


# -- xlsx -----------------------------------------------------------------------------------------


def test_xlsx_reopened(files: dict[str, bytes]) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(files["raci/raci.xlsx"])).active
    rows = list(csv.reader(io.StringIO(files["raci/raci.csv"].decode("utf-8-sig"), newline="")))
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(rows[0]))}{len(rows)}"
    assert [c.value for c in sheet[1]] == [v.removeprefix("'") for v in rows[0]]
    assert all(c.font.b for c in sheet[1])
    for xl_row, csv_row in zip(sheet.iter_rows(min_row=2), rows[1:], strict=True):
        assert [c.value or "" for c in xl_row] == [
            v[1:] if v.startswith("'") else v for v in csv_row
        ]  # the CSV only adds the apostrophe that keeps a formula out
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type == "s" for c in cells)
    letters = [c for c in cells if c.column > 2 and c.row > 1]
    assert {c.value for c in letters} >= {"A/R", "A", "R", "C", "I"}
    for cell in letters:
        assert cell.font.color.rgb == "00" + LETTER_COLOURS[cell.value[0]]
        assert cell.alignment.horizontal == "center"
    title_width = sheet.column_dimensions["A"].width
    assert title_width >= max(display_width(c.value) for c in sheet["A"]) or title_width == 60


def test_xlsx_has_no_formulas_or_numbers(files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(files["raci/raci.xlsx"])) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    assert "<v>" not in sheet  # every value is an inline string


def test_xlsx_is_byte_identical_across_renders() -> None:
    first = rendered(PROJECT)["raci/raci.xlsx"]
    time.sleep(2.1)  # zip times have a resolution of two seconds
    assert rendered(PROJECT)["raci/raci.xlsx"] == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
    assert core.count("2026-03-01T08:30:00Z") == 2  # created and modified: the source date
    other = rendered(PROJECT, when=datetime(2027, 1, 1, tzinfo=UTC))["raci/raci.xlsx"]
    assert other != first


def test_display_width_counts_wide_characters_double() -> None:
    assert display_width("ab") == 2
    assert display_width("总经理") == 6
    assert display_width("ＡＢ x") == 6
    assert display_width("短\n很长很长") == 8


# -- one letter, one line ---------------------------------------------------------------------------

LETTER_CHANGES = {
    "step C to I": (
        "processes/purchase.yaml",
        "    consulted: [accountant]\n    informed: [legal]",
        "    informed: [legal, accountant]",
    ),
    "duty C to I": ("roles/ops-analyst.yaml", "consulted: [accountant]", "informed: [accountant]"),
    "step I to C": ("processes/purchase.yaml", "informed: [ops-support]", "consulted: [ops-support]"),
}


@pytest.mark.parametrize("change", sorted(LETTER_CHANGES))
def test_one_letter_changes_one_line(project: Path, change: str) -> None:
    before = rendered(project)
    file, old, new = LETTER_CHANGES[change]
    spec = project / "specs" / file
    text = spec.read_text(encoding="utf-8")
    assert text.count(old) == 1
    spec.write_text(text.replace(old, new), encoding="utf-8")
    after = rendered(project)

    assert sorted(before) == sorted(after)
    old_tsv, new_tsv = lines(before["raci/assignments.tsv"]), lines(after["raci/assignments.tsv"])
    assert len(old_tsv) == len(new_tsv)
    assert len(set(old_tsv) - set(new_tsv)) == 1 and len(set(new_tsv) - set(old_tsv)) == 1
    changed_units = 0
    for path in (p for p in before if p.endswith(".md")):
        old_md, new_md = lines(before[path]), lines(after[path])
        assert len(old_md) == len(new_md), path
        differing = sum(a != b for a, b in zip(old_md, new_md, strict=True))
        assert differing <= 1, path
        changed_units += differing
    assert changed_units >= 1


# -- hostile text -----------------------------------------------------------------------------------

HOSTILE = [
    'a | b <script>alert(1)</script> & "q" \\ `code` *x* _y_ [l](u) ~~s~~ $m$ &amp;',
    "=1+2|cmd",
    "+SUM(A1)",
    "-1",
    "@HYPERLINK(x)",
    "＝1+2",
    "＋1",
    "\t=1",
    "first\nsecond | third",
    "# heading\r\n- item",
]


def md_cells(line: str) -> list[str]:
    """Split a GFM table row on its unescaped pipes (a backslash escapes the next character)."""
    cells, current, chars = [], "", iter(line.strip().removeprefix("|").removesuffix("|"))
    for ch in chars:
        if ch == "\\":
            current += ch + next(chars, "")
        elif ch == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += ch
    return [*cells, current.strip()]


def md_table(data: bytes) -> list[list[str]]:
    return [md_cells(line) for line in lines(data) if line.startswith("|")]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_titles(project: Path, hostile: str) -> None:
    spec = project / "specs" / "processes" / "purchase.yaml"
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    data["steps"][0]["title"]["zh"] = hostile
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    role = project / "specs" / "roles" / "ops-clerk.yaml"
    data = yaml.safe_load(role.read_text(encoding="utf-8"))
    data["title"]["zh"] = hostile
    role.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files = rendered(project)

    # Markdown: the row keeps its cells, the text holds no markup and no line break
    text = files["raci/ops.md"].decode()
    table = md_table(files["raci/ops.md"])
    assert len({len(row) for row in table}) == 1
    row = next(r for r in table if r[1] == "`purchase.request`")
    header = table[0]
    for cell in (row[0], next(h for h in header if h.endswith("(ops-clerk)"))):
        unescaped = cell.replace("<br>", "")
        for i, ch in enumerate(unescaped):
            if ch in "<>`*_[]~$|":
                assert unescaped[i - 1] == "\\", (cell, i)
    assert len(text.splitlines()) == len(text.split("\n")) - 1

    # CSV: the cell is the text, made harmless
    rows = list(csv.reader(io.StringIO(files["raci/raci.csv"].decode("utf-8-sig"), newline="")))
    csv_row = next(r for r in rows if r[1] == "purchase.request")
    assert csv_row[0] == escape.spreadsheet(hostile)
    assert not csv_row[0].startswith(FORMULA_START)
    clerk = next(h for h in rows[0] if h.endswith("(ops-clerk)"))
    assert not clerk.startswith(FORMULA_START)

    # XLSX: the text as written, a string, never a formula
    sheet = openpyxl.load_workbook(io.BytesIO(files["raci/raci.xlsx"])).active
    cell = next(c for c in sheet["A"] if sheet.cell(row=c.row, column=2).value == "purchase.request")
    assert cell.value == hostile and cell.data_type == "s"
    assert cell.quotePrefix == hostile.startswith(FORMULA_START)
    assert any(c.value == f"{hostile} (ops-clerk)" and c.data_type == "s" for c in sheet[1])
    with zipfile.ZipFile(io.BytesIO(files["raci/raci.xlsx"])) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_control_characters_do_not_break_the_workbook() -> None:
    # `orgc check` refuses them (E102); the writer still never produces an unreadable file
    data = matrix_workbook("t", ("a", "b", "x"), [("bell\x07 and \x1b escape", "p.s", "A/R")], 2, WHEN, "en")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "bell\ufffd and \ufffd escape"
