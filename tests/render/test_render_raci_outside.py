"""A unit's Markdown matrix stays as wide and as large as the unit, however large the organisation.

The projects are generated here: a unit ``core`` under ``hq`` whose duties and company-wide steps
involve every role of the other units (``dept-*``), as R, C or I.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from helpers import render_context, run_cli
from orgc.render import raci
from orgc.render.handbook import sections as handbook_sections

UNITS = 10  # outside units; their roles are spread over them


def company(
    root: Path, outside: int, core: int = 3, units: int = UNITS, review: dict[str, str] | None = None
) -> Path:
    """A valid project: ``core`` of ``core`` roles (a lead and its staff) and ``outside`` roles in
    ``units`` other units. In the process ``budget`` core is R for a step that informs every outside
    role, only I for one every outside role is R for, and C for the review, which informs every
    outside role but the one R for it; ``review`` gives some parties of the review another letter.
    Core's lead informs every other unit of its plan."""
    specs = root / "specs"
    for folder in ("roles", "processes"):
        (specs / folder).mkdir(parents=True, exist_ok=True)
    (root / "orgc.yaml").write_text(
        "languages: [zh]\nrules: {ORG004: off, KPI002: off, DUT005: off}\n", encoding="utf-8"
    )
    depts = [f"dept-{u}" for u in range(units)]
    others = [f"o{i}" for i in range(outside)]
    org_units = [{"id": "hq", "name": "总部", "head": "ceo"}]
    org_units.append({"id": "core", "name": "计划部", "parent": "hq", "head": "core-0"})
    org_units += [
        {"id": d, "name": f"业务{u}部", "parent": "hq", "head": f"o{u}"} for u, d in enumerate(depts)
    ]
    dump(specs / "org.yaml", {"id": "group", "name": "某集团", "units": org_units})

    def role(role_id: str, title: str, unit: str, boss: str, duty: dict | None = None) -> None:
        doc = {"id": role_id, "title": title, "unit": unit, "headcount": 1, "purpose": f"{title}的工作目的"}
        if boss:
            doc["reports_to"] = boss
        doc["duties"] = [duty or {"id": "work", "title": f"{title}的日常工作"}]
        dump(specs / "roles" / f"{role_id}.yaml", doc)

    role("ceo", "总经理", "hq", "")
    role(
        "core-0",
        "计划经理",
        "core",
        "ceo",
        {"id": "plan", "title": "编制年度计划并通报各部门", "informed": depts},
    )
    for i in range(1, core):
        role(f"core-{i}", f"计划专员{i}", "core", "core-0")
    for i, other in enumerate(others):
        role(other, f"业务{i % units}部岗位{i}", depts[i % units], "ceo" if i < units else f"o{i % units}")
    letters = {"core-0": "C", "core": "C", **dict.fromkeys(others[1:], "I"), **(review or {})}
    steps = [
        {"id": "collect", "title": "收集预算口径", "responsible": ["core-1"], "accountable": "core-0"},
        {"id": "submit", "title": "各部门提交预算", "responsible": list(others), "informed": ["core-0"]},
        {"id": "review", "title": "评审预算", "responsible": ["o0"]},
    ]
    steps[0]["informed"] = list(others)  # copies: YAML aliases are refused in specs
    steps[2]["consulted"] = [party for party, letter in letters.items() if letter == "C"]
    steps[2]["informed"] = [party for party, letter in letters.items() if letter == "I"]
    process = {"id": "budget", "title": "全面预算流程", "owner": "ceo", "steps": steps}
    dump(specs / "processes" / "budget.yaml", process)
    return root


def dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def unit_files(project: Path) -> dict[str, bytes]:
    ctx = render_context(project, ("zh",))
    return {f.path: f.data for f in raci.render_units(ctx)}  # type: ignore[arg-type]


def table(data: bytes) -> list[list[str]]:
    """The Markdown table's rows, split on the pipes that no backslash escapes."""
    return [
        [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        for line in data.decode().split("\n")
        if line.startswith("|")
    ]


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / "specs" / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def changed_lines(before: dict[str, bytes], after: dict[str, bytes]) -> Counter[str]:
    """path -> how many lines differ; the files and their line counts must be the same."""
    assert sorted(before) == sorted(after)
    found: Counter[str] = Counter()
    for path in before:
        old, new = before[path].decode().split("\n"), after[path].decode().split("\n")
        assert len(old) == len(new), path
        found[path] = sum(a != b for a, b in zip(old, new, strict=True))
    return found


def test_generated_project_is_valid(tmp_path: Path) -> None:
    project = company(tmp_path / "p", outside=20)
    result = run_cli("check", project, "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"diagnostics": []' in result.output


@pytest.fixture(scope="module")
def two_hundred(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return unit_files(company(tmp_path_factory.mktemp("org") / "p", outside=200))


def test_the_header_has_the_units_own_columns_only(two_hundred: dict[str, bytes]) -> None:
    rows = table(two_hundred["raci/core.md"])
    header = rows[0]
    # three roles, the unit itself (consulted on the review), and one column for everyone else
    own = ["计划经理 (core-0)", "计划专员1 (core-1)", "计划专员2 (core-2)", "计划部 (core)"]
    assert header == ["职责/环节", "编号", *own, "本部门以外"]
    assert {len(row) for row in rows} == {len(header)}
    by_ref = {row[1]: dict(zip(header, row, strict=True)) for row in rows[2:]}
    assert list(by_ref) == [
        "`core-0.plan`",
        "`core-1.work`",
        "`core-2.work`",
        "`budget.collect`",
        "`budget.submit`",
        "`budget.review`",
    ]
    # named while a group is small, counted when it is not; Accountable first
    assert by_ref["`core-0.plan`"]["本部门以外"] == "I ×10"
    assert by_ref["`budget.collect`"]["本部门以外"] == "I ×200"
    assert by_ref["`budget.submit`"]["本部门以外"] == "A 总经理 (ceo) · R ×200"
    assert by_ref["`budget.submit`"]["计划经理 (core-0)"] == "I"
    assert by_ref["`budget.review`"]["本部门以外"] == "A 总经理 (ceo) · R 业务0部岗位0 (o0) · I ×199"
    assert by_ref["`budget.review`"]["计划部 (core)"] == "C"
    assert by_ref["`core-1.work`"]["本部门以外"] == ""


def test_an_outside_unit_of_twenty_roles_is_in_long_form_and_names_core_outside(
    two_hundred: dict[str, bytes],
) -> None:
    rows = table(two_hundred["raci/dept-3.md"])
    assert rows[0] == ["职责/环节", "编号", "岗位/部门", "RACI"]  # 20 roles and the unit: above the width
    review = [row[2:] for row in rows if row[1] == "`budget.review`"]
    assert len(review) == 21  # each of its roles is informed; then the parties outside
    assert review[0] == ["业务3部岗位3 (o3)", "I"]
    assert review[-1] == [
        "*本部门以外*",
        "A 总经理 (ceo) · R 业务0部岗位0 (o0) · C 计划经理 (core-0)、计划部 (core) · I ×179",
    ]


def test_the_file_does_not_grow_with_the_organisation_outside(tmp_path: Path) -> None:
    small = unit_files(company(tmp_path / "small", outside=200))["raci/core.md"]
    large = unit_files(company(tmp_path / "large", outside=900, units=45))["raci/core.md"]
    assert len(large) == len(small)
    assert re.sub(rb"\xc3\x97\d+", b"x", large) == re.sub(
        rb"\xc3\x97\d+", b"x", small
    )  # only the counts differ
    assert b"R \xc3\x97900" in large


# a party of the review, and its letter after the change
LETTER_CHANGES = {"own cell, C to I": ("core-0", "I"), "outside cell, I to C": ("o7", "C")}


@pytest.mark.parametrize("change", sorted(LETTER_CHANGES))
@pytest.mark.parametrize("core", [3, raci.UNIT_GRID_MAX_COLUMNS + 1], ids=["grid", "long form"])
def test_one_letter_changes_one_line(tmp_path: Path, change: str, core: int) -> None:
    before = unit_files(company(tmp_path / "before", outside=200, core=core))
    party, letter = LETTER_CHANGES[change]
    after = unit_files(company(tmp_path / "after", outside=200, core=core, review={party: letter}))
    differ = changed_lines(before, after)
    assert differ["raci/core.md"] == 1
    assert set(differ.values()) <= {0, 1}  # every unit taking part in the row: that line, nothing else
    old, new = (
        [
            line
            for line in files["raci/core.md"].decode().split("\n")
            if line not in other["raci/core.md"].decode()
        ]
        for files, other in ((before, after), (after, before))
    )
    assert len(old) == len(new) == 1 and "`budget.review`" in old[0] and "`budget.review`" in new[0]
    if core > raci.UNIT_GRID_MAX_COLUMNS and party == "core-0":
        assert old[0].endswith(" | 计划经理 (core-0) | C |") and new[0].endswith(" | 计划经理 (core-0) | I |")


def test_above_the_width_a_unit_is_written_one_line_per_cell(tmp_path: Path) -> None:
    at = unit_files(company(tmp_path / "at", outside=30, core=raci.UNIT_GRID_MAX_COLUMNS - 1))
    assert len(table(at["raci/core.md"])[0]) == 2 + raci.UNIT_GRID_MAX_COLUMNS + 1  # roles and the unit
    above = unit_files(company(tmp_path / "above", outside=30, core=raci.UNIT_GRID_MAX_COLUMNS))
    text = above["raci/core.md"].decode()
    assert "本部门岗位较多，矩阵按格列出" in text
    rows = table(above["raci/core.md"])
    assert rows[0] == ["职责/环节", "编号", "岗位/部门", "RACI"] and {len(row) for row in rows} == {4}
    body = [row[1:] for row in rows[2:]]
    review = [row[1:] for row in body if row[0] == "`budget.review`"]
    assert review == [
        ["计划经理 (core-0)", "C"],
        ["计划部 (core)", "C"],
        ["*本部门以外*", "A 总经理 (ceo) · R 业务0部岗位0 (o0) · I ×29"],
    ]
    # one line per own cell, and one per row that has parties outside; rows in order, then columns
    ctx = render_context(tmp_path / "above", ("zh",))
    matrix = raci.unit_matrix(ctx, "core", "zh")  # type: ignore[arg-type]
    own_cells = sum(len(cells) for cells in matrix.cells.values())
    assert len(body) == own_cells + len(matrix.outside)
    refs = [row.ref for row in matrix.rows]
    assert [row[0] for row in body] == sorted((row[0] for row in body), key=lambda ref: refs.index(ref[1:-1]))


def test_the_handbook_table_is_kept_when_only_a_party_outside_the_unit_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: Counter[str] = Counter()
    tables = handbook_sections._unit_tables

    def unit_tables(book, parties, names, rows, titles):  # type: ignore[no-untyped-def]
        made[" ".join(parties)] += 1
        return tables(book, parties, names, rows, titles)

    monkeypatch.setattr(handbook_sections, "_unit_tables", unit_tables)
    project = company(tmp_path / "p", outside=12, units=3)
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out, "--jobs", "1").exit_code == 0
    core = next(key for key in made if "core-0" in key.split())
    seven = next(key for key in made if "o7" in key.split())
    made.clear()
    company(project, outside=12, units=3, review={"o7": "C"})  # o7's letter in the review, I to C
    assert run_cli("build", project, "-o", out, "--jobs", "1").exit_code == 0
    assert made[seven] == 1 and core not in made
