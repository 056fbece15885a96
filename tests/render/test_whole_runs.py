"""raci.csv, raci.xlsx, assignments.tsv and org.json in runs taken from the last build.

After every kind of edit, the files made with the last build's pieces are the bytes of a clean
build; only the runs an edit reached are made again; a damaged or absent store of pieces changes
nothing but the time; and the runs give the files the whole table gave when written at once.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import sys
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
import yaml

from helpers import FIXTURES, ROOT, render_context
from orgc.incremental.fragment_store import Stored
from orgc.incremental.plan import Kept
from orgc.render import org_json, raci
from orgc.render.context import NOTHING_KEPT, OutputFile, RenderContext
from orgc.render.jd.punctuation import full_width
from orgc.writers import escape, xlsx

WHEN = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
FILES = ("raci/raci.csv", "raci/raci.xlsx", "raci/assignments.tsv", "org.json")
RENDERERS = (raci.render_table, raci.render_workbook, org_json.render)

Edit = Callable[[Path], None]


@pytest.fixture(autouse=True)
def short_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs of a few owners and cells, so that a small organisation has many of them."""
    monkeypatch.setattr(raci, "RUN_OWNERS", 6)
    monkeypatch.setattr(raci, "TSV_RUN", 50)
    monkeypatch.setattr(org_json, "ASSIGNMENTS_RUN", 50)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """150 roles, about 80 units given a letter: the whole matrix in long form."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    project = tmp_path_factory.mktemp("generated") / "org"
    Generator(150, seed=5, shape="wide").write(project)
    return project


def checked(project: Path) -> RenderContext:
    return render_context(project, ("zh",), WHEN)  # type: ignore[return-value]


def render(
    project: Path | RenderContext, pieces: dict[str, bytes] | None
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The four files, and the pieces they were made of; ``pieces`` None: a build that keeps nothing."""
    ctx = checked(project) if isinstance(project, Path) else project
    reuse = NOTHING_KEPT if pieces is None else Kept("setting", {}, None, Stored(pieces))
    ctx = dataclasses.replace(ctx, reuse=reuse)
    outputs: list[OutputFile] = [file for renderer in RENDERERS for file in renderer(ctx)]
    return {f.path: f.data for f in outputs}, {k: v for f in outputs for k, v in f.fragments}


def _yaml(project: Path, rel: str, change: Callable[[dict], None]) -> None:
    path = project / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _add_role(project: Path) -> None:
    _yaml(project, "specs/roles/r20.yaml", lambda role: None)
    data = yaml.safe_load((project / "specs/roles/r101.yaml").read_text(encoding="utf-8"))
    data["id"], data["title"] = "r150", {"zh": "新增专员150", "en": "New specialist 150"}
    data["duties"] = [
        {"id": "d1", "title": {"zh": "新增职责(岗位150)", "en": "A new duty (role 150)"}, "informed": ["r20"]}
    ]
    (project / "specs/roles/r150.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _first_step(process: dict) -> dict:  # type: ignore[type-arg]
    return process["steps"][0]  # type: ignore[no-any-return]


EDITS: dict[str, Edit] = {
    "duty title": lambda p: _replace(p, "specs/roles/r20.yaml", "(岗位代号UB)", "(修订·岗位代号UB)"),
    "role title (a party of many rows)": lambda p: _replace(
        p, "specs/roles/r20.yaml", "zh: 经理20", "zh: 高级经理20"
    ),
    "a letter": lambda p: _replace(
        p, "specs/processes/process-0.yaml", "consulted: [r22]\n  informed: [u55]", "consulted: [r22, u55]"
    ),
    "a party added to a duty": lambda p: _yaml(
        p, "specs/roles/r20.yaml", lambda d: d["duties"][0].update(consulted=["r5", "u12"])
    ),
    "a duty added": lambda p: _yaml(
        p,
        "specs/roles/r20.yaml",
        lambda d: d["duties"].append(
            {"id": "d9", "title": {"zh": "季度复盘", "en": "Review"}, "informed": ["r5"]}
        ),
    ),
    "a role added": _add_role,
    "reports_to (the chart's order)": lambda p: _replace(
        p, "specs/roles/r99.yaml", "reports_to: r20", "reports_to: r1"
    ),
    "unit name": lambda p: _replace(p, "specs/org.yaml", "zh: 华东大客户服务5部", "zh: 华东重点客户5部"),
    "shared block duty": lambda p: _replace(p, "specs/duties/block-0.yaml", "(通用0-1)", "(通用0-1·修订)"),
    "step parties": lambda p: _yaml(
        p, "specs/processes/process-0.yaml", lambda d: _first_step(d).update(consulted=["r22", "r9", "u5"])
    ),
    "step title": lambda p: _replace(p, "specs/processes/process-0.yaml", "(流程0第1步)", "(流程0·第1步)"),
    "punctuation printed full-width": lambda p: _replace(
        p, "specs/roles/r20.yaml", "(岗位代号UC)", ",复核:每周(岗位代号UC)"
    ),
}


@pytest.mark.parametrize("form", ["long form", "grid"])
@pytest.mark.parametrize("name", EDITS)
def test_files_made_with_the_last_builds_pieces_are_those_of_a_clean_build(
    name: str, form: str, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if form == "grid":
        monkeypatch.setattr(raci, "DENSE_MAX_COLUMNS", 1000)
    project = tmp_path / "org"
    shutil.copytree(generated, project)
    before, pieces = render(project, {})
    EDITS[name](project)
    edited = checked(project)
    rebuilt, _ = render(edited, pieces)
    clean, _ = render(edited, {})
    unkept, _ = render(edited, None)
    for path in FILES:
        assert rebuilt[path] == clean[path] == unkept[path], path
    assert any(rebuilt[path] != before[path] for path in FILES)


def test_only_the_runs_an_edit_reaches_are_made(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: Counter[str] = Counter()

    def counting(name: str, function: Callable) -> Callable:  # type: ignore[type-arg]
        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            made[name] += 1
            return function(*args, **kwargs)

        return counted

    for module, name in (
        (raci, "_run_lines"),
        (raci, "_tsv_lines"),
        (org_json, "_assignment_entries"),
        (xlsx, "_summarised_now"),
        (xlsx, "_rows_xml"),
        (xlsx, "_frame"),
    ):
        monkeypatch.setattr(module, name, counting(name, getattr(module, name)))
    project = tmp_path / "org"
    shutil.copytree(generated, project)
    _, pieces = render(project, {})
    runs = len(raci.whole_matrix(render_context(project, ("zh",), WHEN)).runs)  # type: ignore[arg-type]
    assert runs > 20 and made["_run_lines"] == 2 * runs and made["_frame"] == 1
    made.clear()
    EDITS["duty title"](project)
    _, again = render(project, pieces)
    # the one run of the reworded duty, for raci.csv and for raci.xlsx (its cells and their summary);
    # no cell changed, and the workbook's frame is as it was
    assert made == {"_run_lines": 2, "_summarised_now": 1, "_rows_xml": 1}
    made.clear()
    render(project, again)
    assert not made  # nothing changed: everything taken
    made.clear()
    EDITS["a letter"](project)
    render(project, again)
    assert made["_tsv_lines"] == 1 and made["_assignment_entries"] == 1


def _damaged(piece: bytes) -> bytes:
    """A stored piece its kind no longer reads back: a compressed body cut short."""
    return piece[:1] + piece[1 : max(len(piece) // 2, 2)]


@pytest.mark.parametrize("store", ["absent", "damaged", "another organisation's"])
def test_a_damaged_or_absent_store_of_pieces_changes_nothing(
    store: str, generated: Path, tmp_path: Path
) -> None:
    project = tmp_path / "org"
    shutil.copytree(generated, project)
    _, pieces = render(project, {})
    EDITS["duty title"](project)
    if store == "absent":
        pieces = {}
    elif store == "damaged":
        pieces = {key: _damaged(piece) for key, piece in pieces.items()}
    else:
        _, pieces = render(FIXTURES / "good", {})
    edited = checked(project)
    rebuilt, _ = render(edited, pieces)
    clean, _ = render(edited, None)
    for path in FILES:
        assert rebuilt[path] == clean[path], path


# -- the runs write what the whole table wrote at once --------------------------------------------


def whole_table(ctx: RenderContext, lang: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The reference: the header and rows of raci.csv, from every row and column at once."""
    index = raci.matrix_index(ctx)
    units = [unit_id for unit_id in ctx.org.units if unit_id in ctx.letters]
    parties = (*ctx.graph.chart_order, *units)
    header: tuple[str, ...] = (raci._label("row", lang), raci._label("ref", lang))
    rows = [(ctx.t(title, lang), ref) for ref, title in index.row_titles.items()]
    if len(parties) <= raci.DENSE_MAX_COLUMNS:
        labels = [f"{ctx.party_name(p, lang)} ({p})" for p in parties]
        grid = [(*row, *(index.cells[row[1]].get(p, "") for p in parties)) for row in rows]
        return (*header, *labels), grid
    long = [
        (*row, ctx.party_name(p, lang), p, index.cells[row[1]][p])
        for row in rows
        for p in parties
        if p in index.cells[row[1]]
    ]
    return (*header, *(raci._label(k, lang) for k in ("party", "party_id", "letters"))), long


def csv_of(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in (header, *rows):
        writer.writerow([escape.spreadsheet(escape.xml_safe(t)) if t else "" for t in row])
    return buffer.getvalue().encode("utf-8-sig")


def parts(workbook: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("where", ["fixture", "generated"])
def test_the_runs_write_the_whole_table(where: str, generated: Path) -> None:
    project = FIXTURES / "raci" / "project" if where == "fixture" else generated
    ctx: RenderContext = render_context(project, ("zh",), WHEN)  # type: ignore[assignment]
    header, rows = whole_table(ctx, "zh")
    assert (len(header) == 5) == (where == "generated")  # the long form, and the grid
    files = {f.path: f.data for f in raci.render_table(ctx)}
    assert files["raci/raci.csv"] == csv_of(header, rows)
    tsv = "".join(f"{row}\t{party}\t{letter}\n" for row, party, letter in ctx.assignment_cells)
    assert files["raci/assignments.tsv"] == f"duty\trole\tletter\n{tsv}".encode()
    # the workbook: the same parts as written from every row at once
    dense = len(header) > 5
    texts = (0,) if dense else (0, 2)
    printed = [tuple(full_width(v) if i in texts else v for i, v in enumerate(row)) for row in rows]
    if dense:
        titles = [
            ctx.party_name(p, "zh") for p in (*ctx.graph.chart_order, *ctx.org.units) if p in ctx.letters
        ]
        header = (*header[:2], *titles) if len(set(titles)) == len(titles) else header
    (workbook,) = (f.data for f in raci.render_workbook(ctx))
    whole = xlsx.matrix_workbook(
        title=f"{raci._label('matrix', 'zh')} — {ctx.t(ctx.org.name, 'zh')}",
        header=header,
        rows=printed,
        label_columns=2 if dense else 4,
        when=WHEN,
        lang="zh",
        frozen_columns=None if dense else 0,
        hidden_columns=(2,) if dense else (2, 4),
    )
    assert parts(workbook) == parts(whole)


def test_org_json_is_its_content_as_json_writes_it(generated: Path) -> None:
    ctx: RenderContext = render_context(generated, ("zh",), WHEN)  # type: ignore[assignment]
    (file,) = org_json.render(ctx)
    assert file.data == orjson.dumps(org_json.as_data(ctx), option=orjson.OPT_INDENT_2) + b"\n"
    ctx = dataclasses.replace(ctx, reuse=Kept("setting"))
    (file,) = org_json.render(ctx)
    assert file.data == orjson.dumps(org_json.as_data(ctx), option=orjson.OPT_INDENT_2) + b"\n"
