"""A hostile project or roster cannot make `orgc import` read or write outside the project, or run unbounded."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from test_import import import_roster, tree

from helpers import FIXTURES, copy_good, run_check, write

ROSTERS = FIXTURES / "rosters"


@pytest.mark.parametrize("where", ["outside", "outside-relative", "inside"])
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_linked_roles_folder_is_neither_read_nor_written(tmp_path: Path, where: str, dry_run: bool) -> None:
    project = tmp_path / "cs"
    assert import_roster(ROSTERS / "cs-utf8.csv", project).exit_code == 0
    roles = project / "specs" / "roles"
    target = tmp_path / "elsewhere" if where.startswith("outside") else project / "kept-roles"
    roles.rename(target)
    link = os.path.relpath(target, roles.parent) if where == "outside-relative" else str(target)
    roles.symlink_to(link, target_is_directory=True)
    before = tree(tmp_path)

    result = import_roster(ROSTERS / "additions.csv", project, *(["--dry-run"] if dry_run else []))

    assert result.exit_code == 2, result.output
    assert "specs/roles is a symbolic link" in result.stderr
    assert "internal error" not in result.stderr
    assert tree(tmp_path) == before


def _workbook(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_xlsx_that_unpacks_past_the_roster_limit_is_refused_unread(tmp_path: Path) -> None:
    # 100 MB of one shared string, about 100 KB on disk
    shared = b'<sst xmlns="x"><si><t>' + b"x" * 100_000_000 + b"</t></si></sst>"
    roster = tmp_path / "bomb.xlsx"
    roster.write_bytes(_workbook({"[Content_Types].xml": b"<Types/>", "xl/sharedStrings.xml": shared}))
    assert roster.stat().st_size < 1_000_000
    started = time.perf_counter()
    result = import_roster(roster, tmp_path / "p")
    assert time.perf_counter() - started < 10  # before: 31.8 s and 781 MB in openpyxl
    assert result.exit_code == 2
    assert "unpacks to 95.4 MB; rosters are limited to 32 MB" in result.stderr
    assert not (tmp_path / "p").exists()


def test_an_xlsx_sheet_with_too_many_rows_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i) for i in range(1, 20_002)
    )
    sheet = b'<worksheet xmlns="x"><sheetData>' + rows + b"</sheetData></worksheet>"
    roster = tmp_path / "long.xlsx"
    roster.write_bytes(_workbook({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": sheet}))
    result = import_roster(roster, tmp_path / "p")
    assert result.exit_code == 2
    assert "a sheet has more than 20000 rows" in result.stderr


def test_a_duty_text_on_many_roles_gives_one_short_finding(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    trainer = (project / "specs/roles/cs-trainer.yaml").read_text(encoding="utf-8")
    for i in range(40):
        copy = trainer.replace("id: cs-trainer", f"id: cs-trainer-{i:02}").replace("培训专员", f"培训专员{i}")
        write(project, f"specs/roles/cs-trainer-{i:02}.yaml", copy)
    findings = [d for d in run_check(project).diagnostics if d["code"] == "DUT005"]
    # files in name order: cs-trainer-00.yaml holds the text first, cs-trainer.yaml last
    assert [(d["file"], d["line"]) for d in findings] == [("specs/roles/cs-trainer-01.yaml", 8)]
    assert findings[0]["message"] == (
        "duty '组织新员工入职培训' is written on 41 roles: "
        "cs-trainer-00, cs-trainer-01, cs-trainer-02, cs-trainer-03, cs-trainer-04, 36 other roles"
    )


def test_rows_without_a_supervisor_name_a_few_of_the_others_and_count_the_rest(tmp_path: Path) -> None:
    roster = tmp_path / "tops.csv"
    roster.write_text(
        "岗位名称,部门,定员\n" + "".join(f"专员{i},部门{i},1\n" for i in range(12)), encoding="utf-8"
    )
    result = import_roster(roster, tmp_path / "p")
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if "only one role may be the top" in line]
    assert len(problems) == 12
    assert all("(rows 2, 3, 4, 5, 6 and 7 more all have none)" in line for line in problems)
