"""The responsibility matrices: raci/<unit>.md, raci.csv, raci.xlsx, assignments.tsv.

Golden files live in tests/fixtures/raci/expected/. After an intended change, regenerate them with

    ORGC_UPDATE_GOLDEN=1 pytest tests/test_render_raci.py

and read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, ROOT, render_context
from orgc.model.raci import combined
from orgc.render import raci
from orgc.render.context import RenderContext
from orgc.render.jd.punctuation import full_width
from orgc.writers import escape
from orgc.writers.xlsx import LETTER_COLOURS, display_width, matrix_workbook

HERE = FIXTURES / "raci"
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
    # the unit's roles in org-chart order, the unit itself (it is informed), then everyone else in one column
    assert header[2:] == [
        r"\=分析师\|\<i\> (ops-analyst)",
        "运营文员 (ops-clerk)",
        r"运营支持组 \| \<后台\> (ops-support)",
        "本部门以外",
    ]
    refs = [row[1] for row in table[2:]]
    assert "`ceo.strategy`" not in refs  # nobody of ops-support takes part
    assert "`accountant.bookkeeping`" in refs  # the unit itself is informed
    assert (
        refs.index("`ops-clerk.filing`")
        < refs.index("`office-common.archive`")
        < refs.index("`purchase.request`")
    )
    pay = dict(zip(header, next(row for row in table if row[1] == "`purchase.pay`"), strict=True))
    assert pay["运营文员 (ops-clerk)"] == "I"
    # outside the unit: grouped by letters, Accountable first, each group in org-chart order
    assert pay["本部门以外"] == "A 财务总监 (cfo) · R 会计 (accountant) · I 运营部 (ops)"
    filing = dict(zip(header, next(row for row in table if row[1] == "`ops-clerk.filing`"), strict=True))
    assert filing["本部门以外"] == ""  # the unit's own duty, nobody else in it


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
    assert {row[1] for row in rows[1:]} == {row for row, _party, _letter in ctx.assignment_cells}
    assert all(len(row) == len(rows[0]) for row in rows)


def test_assignments_tsv(files: dict[str, bytes]) -> None:
    found = lines(files["raci/assignments.tsv"])
    assert found[0] == "duty\trole\tletter"
    assert found[-1] == ""
    body = [tuple(line.split("\t")) for line in found[1:-1]]
    assert body == sorted(body)
    assert body == [tuple(cell) for cell in context(PROJECT).assignment_cells]


def test_tsv_refuses_a_field_with_a_tab() -> None:
    ctx = context(PROJECT)
    ctx.__dict__["assignment_cells"] = [("a.b\tc", "x", "R")]
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
    # a column is headed by its role's title; the CSV adds its id
    assert [c.value for c in sheet[1]] == [
        re.sub(r" \([a-z0-9-]+\)$", "", v.removeprefix("'")) for v in rows[0]
    ]
    assert all(c.font.b for c in sheet[1])
    for xl_row, csv_row in zip(sheet.iter_rows(min_row=2), rows[1:], strict=True):
        # the CSV only adds the apostrophe that keeps a formula out; the printed workbook
        # writes the titles with the punctuation of a Chinese page (资料归档（每月）)
        as_csv = [v[1:] if v.startswith("'") else v for v in csv_row]
        assert [c.value or "" for c in xl_row] == [full_width(as_csv[0]), *as_csv[1:]]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert cells and all(c.data_type == "s" for c in cells)
    letters = [c for c in cells if c.column > 2 and c.row > 1]
    assert {c.value for c in letters} >= {"A/R", "A", "R", "C", "I"}
    for cell in letters:
        assert cell.font.color.rgb == "00" + LETTER_COLOURS[cell.value[0]]
        assert cell.alignment.horizontal == "center"
    title_width = sheet.column_dimensions["A"].width
    assert title_width >= max(display_width(c.value) for c in sheet["A"]) or title_width == 44


def test_xlsx_prints_on_a4_landscape_as_wide_as_the_page_with_titles_repeated(
    files: dict[str, bytes],
) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(files["raci/raci.xlsx"])).active
    setup = sheet.page_setup
    assert setup.paperSize == 9 and setup.orientation == "landscape"  # 9: A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)  # one page wide, as many long as it takes
    assert (
        sheet.print_title_rows == "$1:$1" and sheet.print_title_cols == "$A:$B"
    )  # duty column on every page
    assert sheet.column_dimensions["B"].hidden  # the ids
    assert not sheet.column_dimensions["A"].hidden and not sheet.column_dimensions["C"].hidden
    # every cell ruled: the written ones by their style, the empty ones by one rule for the table
    assert all(c.border.left.style == "thin" for row in sheet.iter_rows() for c in row if c.value)
    (rule,) = [r for ranges in sheet.conditional_formatting for r in ranges.rules]
    assert rule.formula == ["TRUE"] and rule.dxf.border.bottom.style == "thin"
    # a row as tall as its wrapped title, the header as tall as its longest heading
    width = sheet.column_dimensions["A"].width
    for row in sheet.iter_rows(min_row=2):
        lines = -(-display_width(row[0].value) // int(width - 1))
        height = sheet.row_dimensions[row[0].row].height
        assert (height or 16) >= 16 * lines, row[0].value


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

    # Markdown: the row keeps its cells, the text holds no markup and no line break, whether the
    # clerk has a column (its own unit's matrix) or is named among the parties outside (its parent's)
    for unit in ("ops-support", "ops"):
        text = files[f"raci/{unit}.md"].decode()
        table = md_table(files[f"raci/{unit}.md"])
        assert len({len(row) for row in table}) == 1
        row = next(r for r in table if r[1] == "`purchase.request`")
        header = table[0]
        clerk = next(h for h in header if h.endswith("(ops-clerk)")) if unit == "ops-support" else row[-1]
        assert clerk.endswith("(ops-clerk)") or "(ops-clerk) · " in clerk
        for cell in (row[0], clerk):
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
    assert any(c.value == hostile and c.data_type == "s" for c in sheet[1])  # titles, the ids hidden
    with zipfile.ZipFile(io.BytesIO(files["raci/raci.xlsx"])) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_control_characters_do_not_break_the_workbook() -> None:
    # `orgc check` refuses them (E102); the writer still never produces an unreadable file
    data = matrix_workbook("t", ("a", "b", "x"), [("bell\x07 and \x1b escape", "p.s", "A/R")], 2, WHEN, "en")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "bell\ufffd and \ufffd escape"


# -- scale: the whole matrix in long form ----------------------------------------------------------

LONG_HEADER = ["职责/环节", "编号", "岗位/部门", "岗位/部门编号", "RACI"]


@pytest.fixture
def long_form(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The fixture's files with the grid limit below its ten parties: the whole matrix in long form."""
    monkeypatch.setattr(raci, "DENSE_MAX_COLUMNS", 5)
    return rendered(PROJECT)


def csv_table(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_grid_holds_up_to_a_hundred_parties() -> None:
    rows = (raci.Row("a.b", "t"),)
    columns = [raci.Column(f"r{i}", f"岗位{i}") for i in range(raci.DENSE_MAX_COLUMNS + 1)]
    assert raci.DENSE_MAX_COLUMNS == 100
    assert raci.Matrix(rows, tuple(columns[:-1]), {}).dense
    assert not raci.Matrix(rows, tuple(columns), {}).dense


def test_long_form_csv_has_one_line_per_filled_cell(
    long_form: dict[str, bytes], files: dict[str, bytes]
) -> None:
    data = long_form["raci/raci.csv"]
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    table = csv_table(data)
    inside = sum(cell.count("\n") for row in table for cell in row)
    assert inside == 2 and data.count(b"\n") - data.count(b"\r\n") == inside  # a title of two lines, twice
    assert table[0] == LONG_HEADER
    assert all(len(row) == 5 for row in table)
    ctx = context(PROJECT)
    found = [(row[1], row[3], row[4]) for row in table[1:]]
    cells = {
        (row, party, combined(letters))
        for row, parties in ctx.cells.items()
        for party, letters in parties.items()
    }
    assert len(found) == len(cells) and set(found) == cells
    # rows in the grid's order; within a row, parties in its column order
    grid = csv_table(files["raci/raci.csv"])
    refs = [row[1] for row in grid[1:]]
    assert [ref for ref, *_ in found] == sorted((ref for ref, *_ in found), key=refs.index)
    column = {label.rsplit(" (", 1)[1].rstrip(")"): j for j, label in enumerate(grid[0][2:])}
    for ref in refs:
        parties = [party for r, party, _ in found if r == ref]
        assert parties == sorted(parties, key=column.__getitem__)
    # the same letters as the grid, and the same texts, made safe the same way
    for title, ref, party_title, party, letters in table[1:]:
        grid_row = next(row for row in grid if row[1] == ref)
        assert grid_row[0] == title
        assert grid_row[2 + column[party]] == letters
        assert escape.spreadsheet(ctx.party_name(party, "zh")) == party_title


def test_long_form_xlsx_matches_the_csv(long_form: dict[str, bytes]) -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(long_form["raci/raci.xlsx"])).active
    table = csv_table(long_form["raci/raci.csv"])
    assert sheet.freeze_panes == "A2"  # the header stays in view; the columns scroll
    assert sheet.auto_filter.ref == f"A1:E{len(table)}"
    assert [c.value for c in sheet[1]] == LONG_HEADER
    for xl_row, csv_row in zip(sheet.iter_rows(min_row=2), table[1:], strict=True):
        title, ref, party, party_id, letters_text = (v[1:] if v.startswith("'") else v for v in csv_row)
        assert [c.value for c in xl_row] == [
            full_width(title),
            ref,
            full_width(party),
            party_id,
            letters_text,
        ]
        assert all(c.data_type == "s" for c in xl_row)
        letters = xl_row[4]
        assert letters.font.color.rgb == "00" + LETTER_COLOURS[letters.value[0]]
        assert letters.alignment.horizontal == "center"
    with zipfile.ZipFile(io.BytesIO(long_form["raci/raci.xlsx"])) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<v>" not in xml


def test_long_form_is_labelled_in_the_first_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raci, "DENSE_MAX_COLUMNS", 5)
    english = rendered(PROJECT, languages=("en",))
    assert csv_table(english["raci/raci.csv"])[0] == [
        "Duty or step",
        "Ref",
        "Role or unit",
        "Role or unit id",
        "RACI",
    ]
    assert "| Duty or step | Ref | Operations manager (ops-manager) |" in english["raci/ops.md"].decode()


def test_long_form_only_changes_the_whole_matrix(
    long_form: dict[str, bytes], files: dict[str, bytes]
) -> None:
    assert sorted(long_form) == sorted(files)
    for path in files:
        if path not in ("raci/raci.csv", "raci/raci.xlsx"):
            assert long_form[path] == files[path], path


@pytest.mark.parametrize("change", sorted(LETTER_CHANGES))
def test_long_form_one_letter_changes_one_line(
    project: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(raci, "DENSE_MAX_COLUMNS", 5)
    before = rendered(project)["raci/raci.csv"].decode("utf-8-sig").split("\r\n")
    file, old, new = LETTER_CHANGES[change]
    spec = project / "specs" / file
    spec.write_text(spec.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    after = rendered(project)["raci/raci.csv"].decode("utf-8-sig").split("\r\n")
    assert len(before) == len(after)
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1


@pytest.mark.parametrize("hostile", ["=1+2|cmd", "＋1", "-1", "@HYPERLINK(x)", "\t=1"])
def test_long_form_keeps_formulas_out(project: Path, hostile: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raci, "DENSE_MAX_COLUMNS", 5)
    role = project / "specs" / "roles" / "ops-clerk.yaml"
    data = yaml.safe_load(role.read_text(encoding="utf-8"))
    data["title"]["zh"] = hostile
    role.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    files = rendered(project)
    table = csv_table(files["raci/raci.csv"])
    clerk = [row for row in table if row[3] == "ops-clerk"]
    assert clerk and all(row[2] == escape.spreadsheet(hostile) for row in clerk)
    assert not any(cell.startswith(FORMULA_START) for row in table for cell in row)
    sheet = openpyxl.load_workbook(io.BytesIO(files["raci/raci.xlsx"])).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2) if row[3].value == "ops-clerk"]
    assert cells and all(c.value == hostile and c.data_type == "s" and c.quotePrefix for c in cells)


def test_a_large_organisation_gets_the_long_form(tmp_path: Path) -> None:
    """Above a hundred parties the whole matrix is in long form; a unit's matrix is as wide as the unit
    allows: a grid of at most its own columns and one of the parties outside it, else four columns."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    Generator(raci.DENSE_MAX_COLUMNS + 20, seed=5).write(tmp_path / "big")
    ctx = context(tmp_path / "big", ("zh",))
    files = {f.path: f.data for f in raci.render(ctx)}
    table = csv_table(files["raci/raci.csv"])
    assert table[0] == LONG_HEADER
    assert len(table) - 1 == sum(len(parties) for parties in ctx.cells.values())
    widths = {len(md_table(data)[0]) for path, data in files.items() if path.endswith(".md")}
    assert 4 in widths and max(widths) <= 2 + raci.UNIT_GRID_MAX_COLUMNS + 1


# -- the markdown rows, assembled from filled cells ---------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    width=st.integers(0, 12),
    rows=st.lists(
        st.dictionaries(st.integers(0, 11), st.sampled_from(["A/R", "R", "C", "I", "A", "R/I"])), max_size=5
    ),
)
def test_markdown_rows_are_the_grid(width: int, rows: list[dict[int, str]]) -> None:
    ctx = context(PROJECT)
    columns = tuple(raci.Column(f"p{j}", f"岗位{j}") for j in range(width))
    matrix = raci.Matrix(
        tuple(raci.Row(f"r{i}.d", f"职责 {i} | x") for i in range(len(rows))),
        columns,
        {f"r{i}.d": {f"p{j}": v for j, v in row.items() if j < width} for i, row in enumerate(rows)},
    )
    lines = raci.markdown(ctx, "ops", matrix, "zh").decode().split("\n")
    body = lines[6:-1]
    assert len(body) == len(rows) and lines[-1] == ""
    for row, line in zip(matrix.rows, body, strict=True):
        cells = [escape.markdown(row.title), f"`{row.ref}`", *matrix.letters(row)]
        assert line == "| " + " | ".join(cells) + " |"


def test_the_index_is_made_once_per_context() -> None:
    import gc
    import weakref

    ctx = context(PROJECT)
    index = raci.matrix_index(ctx)
    assert raci.matrix_index(ctx) is index
    assert raci.matrix_index(context(PROJECT)) is not index
    gone = weakref.ref(index)
    del ctx, index
    gc.collect()
    assert gone() is None  # forgotten with its context


# -- the XLSX cells: exactly what openpyxl writes, much faster ----------------------------------------


def openpyxl_workbook(
    title: str,
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    label_columns: int,
    frozen_columns: int | None = None,
) -> bytes:
    """The reference: every cell held and written by openpyxl, the rest as matrix_workbook does it."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.functions import tostring

    from orgc.writers import xlsx

    thin = Side(style="thin", color=xlsx.RULE)
    ruled = Border(left=thin, right=thin, top=thin, bottom=thin)

    def text_cell(row: int, column: int, text: str):  # type: ignore[no-untyped-def]
        text = escape.xml_safe(text)
        cell = sheet.cell(row=row, column=column)
        cell.value, cell.data_type, cell.number_format = text, "s", "@"
        if escape.spreadsheet(text) != text:
            cell.quotePrefix = True
        return cell

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = xlsx.SHEET_TITLE
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fonts = {letter: Font(color=colour, bold=letter == "A") for letter, colour in LETTER_COLOURS.items()}
    for j, text in enumerate(header, 1):
        cell = text_cell(1, j, text)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=xlsx.HEADER_FILL)
        cell.alignment = wrap if j <= label_columns else centre
        cell.border = ruled
    widths = []
    for j, text in enumerate(header, 1):
        if j <= label_columns:
            longest = max([display_width(text), *(display_width(r[j - 1]) for r in rows if len(r) >= j)])
            width = min(max(longest + 2, xlsx.MIN_WIDTH), xlsx.MAX_LABEL_WIDTH)
        else:
            width = min(max(display_width(text) + 2, xlsx.MIN_WIDTH), xlsx.MAX_LETTER_WIDTH)
        sheet.column_dimensions[get_column_letter(j)].width = width
        widths.append(width)

    def lines(values: tuple[str, ...], wrapped: int) -> int:
        return max(
            [1]
            + [
                sum(-(-max(display_width(line), 1) // max(width - 1, 1)) for line in text.splitlines())
                for text, width in zip(values[:wrapped], widths, strict=False)
                if text
            ]
        )

    for i, values in enumerate([header, *rows], 1):
        height = lines(values, len(header) if i == 1 else label_columns)
        if height > 1:
            sheet.row_dimensions[i].height = min(height * xlsx.LINE_POINTS, xlsx.MAX_ROW_POINTS)
    for i, values in enumerate(rows, 2):
        for j, text in enumerate(values, 1):
            if j <= label_columns:
                cell = text_cell(i, j, text)
                cell.alignment, cell.border = wrap, ruled
            elif text:
                cell = text_cell(i, j, text)
                cell.alignment, cell.border = centre, ruled
                if text[0] in fonts:
                    cell.font = fonts[text[0]]
    frozen = label_columns if frozen_columns is None else frozen_columns
    sheet.freeze_panes = sheet.cell(row=2, column=frozen + 1).coordinate
    corner = f"{get_column_letter(max(len(header), 1))}{len(rows) + 1}"
    sheet.auto_filter.ref = f"A1:{corner}"
    sheet.conditional_formatting.add(f"A1:{corner}", FormulaRule(formula=["TRUE"], border=ruled))
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.print_title_rows = "1:1"
    if frozen:
        sheet.print_title_cols = f"A:{get_column_letter(frozen)}"
    stamp = WHEN.astimezone(UTC).replace(tzinfo=None)
    props = workbook.properties
    props.creator, props.title, props.language = "orgc", escape.xml_safe(title), "zh"
    props.created = props.modified = stamp
    props.lastModifiedBy = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    props.modified = stamp  # saving set it to the time of saving
    replaced = {"docProps/core.xml": tostring(props.to_tree()), "docProps/app.xml": xlsx._APP}
    with zipfile.ZipFile(buffer) as archive:
        parts = [(i.filename, replaced.get(i.filename) or archive.read(i)) for i in archive.infolist()]
    parts.sort(key=lambda part: part[0] != "[Content_Types].xml")
    return xlsx.write_zip(parts)


TEXT = st.text(
    alphabet=st.sampled_from(
        [*"aZ1 /ARCI=+-@＝＠中文é😀&<>\"'\t\n\r", "\x07", "\x1b", "\ufffe", "\u2028", "\x85", "]"]
    ),
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(data=st.data(), label_columns=st.integers(0, 3), letters=st.integers(0, 3))
def test_xlsx_cells_are_written_as_openpyxl_writes_them(
    data: st.DataObject, label_columns: int, letters: int
) -> None:
    width = max(label_columns + letters, 1)
    header = tuple(data.draw(st.lists(TEXT, min_size=width, max_size=width)))
    cell = st.one_of(TEXT, st.sampled_from(["", "A/R", "R", "C", "I", "A", "R/I", "=A"]))
    rows = data.draw(st.lists(st.lists(cell, max_size=width).map(tuple), max_size=8))
    frozen = data.draw(st.one_of(st.none(), st.integers(0, label_columns)))
    assert matrix_workbook("t", header, rows, label_columns, WHEN, "zh", frozen) == openpyxl_workbook(
        "t", header, rows, label_columns, frozen
    )


def test_xlsx_long_texts_are_cut_as_openpyxl_cuts_them() -> None:
    header = ("a", "b", "x")
    rows = [("长" * 40000, " p.s ", "A/R"), ("=" + "x" * 33000, "", "")]
    assert matrix_workbook("t", header, rows, 2, WHEN, "zh") == openpyxl_workbook("t", header, rows, 2)


def test_xlsx_refuses_a_row_longer_than_its_header() -> None:
    with pytest.raises(ValueError, match="header"):
        matrix_workbook("t", ("a", "b"), [("x", "y", "z")], 2, WHEN, "zh")


def test_xlsx_of_fifty_thousand_rows() -> None:
    rows = [
        (f"职责{i} 标题", f"r{i // 5}.d{i % 5}", f"岗位{i % 997}", f"r{i % 997}", "A/R" if i % 3 else "I")
        for i in range(50_000)
    ]
    started = time.process_time()
    data = matrix_workbook("t", ("职责", "编号", "岗位", "岗位编号", "RACI"), rows, 4, WHEN, "zh", 0)
    assert time.process_time() - started < 20  # about 1 s; openpyxl alone takes 15 s
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    found = list(sheet.iter_rows(values_only=True))
    assert len(found) == 50_001 and found[-1] == rows[-1] and found[1] == rows[0]
