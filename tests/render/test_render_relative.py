"""Relative parties in processes ("@supervisor", "@unit-head"), resolved per Responsible role in
the matrices, the job descriptions and org.json.

tests/fixtures/relative/project is a nursing department with two wards: each ward's nurses ask
their own supervisor for leave (ward A: the head nurse; ward B: a team lead) and inform their
ward's head nurse. Golden files live in tests/fixtures/relative/expected/; after an intended
change, regenerate them with

    ORGC_UPDATE_GOLDEN=1 pytest tests/render/test_render_relative.py

and read the diff before committing it.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime

import pytest

from helpers import FIXTURES, ROOT, render_context
from orgc.model.raci import assignments
from orgc.model.relative import ROW_FOR
from orgc.render import org_json, raci
from orgc.render.context import RenderContext
from orgc.render.jd.markdown import render_markdown
from orgc.render.jd.model import job_description

HERE = FIXTURES / "relative"
PROJECT = HERE / "project"
EXPECTED = HERE / "expected"
WHEN = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def ctx() -> RenderContext:
    return render_context(PROJECT, when=WHEN)  # type: ignore[return-value]


def jd_sections(ctx: RenderContext, lang: str) -> str:
    """The process steps and working relationships of every JD, role by role in org-chart order."""
    steps, relations = (ctx.label(key, lang) for key in ("process_steps", "relations"))
    parts = []
    for role in ctx.graph.roles():
        text = render_markdown(ctx, job_description(ctx, role, lang))
        found = re.search(rf"### {steps}\n.*?(?=\n## )", text, re.S)
        related = re.search(rf"## {relations}\n.*?(?=\n## )", text, re.S)
        assert related, role.id
        parts.append(f"# {role.id}\n\n{found.group(0) if found else '-'}\n\n{related.group(0)}\n")
    return "\n".join(parts)


def org_json_steps(ctx: RenderContext) -> str:
    """org.json's processes, and its assignments of process steps."""
    data = org_json.as_data(ctx)
    excerpt = {
        "processes": data["processes"],
        "assignments": [a for a in data["assignments"] if a["row"].startswith("leave-request.")],
    }
    return json.dumps(excerpt, ensure_ascii=False, indent=2) + "\n"


def produced(ctx: RenderContext) -> dict[str, bytes]:
    files = {f.path: f.data for f in raci.render(ctx) if f.path.endswith((".md", ".tsv"))}
    files["jd-sections.zh.md"] = jd_sections(ctx, "zh").encode()
    files["jd-sections.en.md"] = jd_sections(ctx, "en").encode()
    files["org-json-steps.json"] = org_json_steps(ctx).encode()
    return files


def test_golden_files(ctx: RenderContext) -> None:
    files = produced(ctx)
    if os.environ.get("ORGC_UPDATE_GOLDEN"):
        for path, data in files.items():
            (EXPECTED / path).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / path).write_bytes(data)
    expected = {
        p.relative_to(EXPECTED).as_posix(): p.read_bytes() for p in EXPECTED.rglob("*") if p.is_file()
    }
    assert sorted(files) == sorted(expected)
    for path, data in files.items():
        assert data.decode() == expected[path].decode(), f"{path} differs from {EXPECTED / path}"


def test_each_ward_matrix_names_its_own_supervisors_only(ctx: RenderContext) -> None:
    ward_a = raci.unit_matrix(ctx, "ward-a", "zh")
    ward_b = raci.unit_matrix(ctx, "ward-b", "zh")
    assert {c.party for c in ward_a.columns}.isdisjoint({"ward-b-head-nurse", "ward-b-team-lead"})
    assert {c.party for c in ward_b.columns}.isdisjoint({"ward-a-head-nurse", "ward-a-nurse"})
    assert ward_a.cells["leave-request.apply@ward-a-nurse"] == {
        "ward-a-nurse": "R",
        "ward-a-head-nurse": "A/I",
    }
    assert ward_b.cells["leave-request.apply@ward-b-nurse"] == {
        "ward-b-nurse": "R",
        "ward-b-team-lead": "A",
        "ward-b-head-nurse": "I",
    }


def test_every_row_of_a_relative_step_has_exactly_one_accountable(ctx: RenderContext) -> None:
    rows: dict[str, list[str]] = {}
    for cell in assignments(ctx.org):
        if cell.letter == "A" and ROW_FOR in cell.row:
            rows.setdefault(cell.row, []).append(cell.party)
    assert rows == {
        "leave-request.apply@ward-a-nurse": ["ward-a-head-nurse"],
        "leave-request.apply@ward-b-nurse": ["ward-b-team-lead"],
        "leave-request.roster@ward-a-head-nurse": ["nursing-director"],
        "leave-request.roster@ward-b-head-nurse": ["nursing-director"],
    }


def test_org_json_keeps_the_written_token_beside_the_resolved_rows(ctx: RenderContext) -> None:
    (process,) = org_json.as_data(ctx)["processes"]
    apply = process["steps"][0]
    assert apply["accountable"] == ["@supervisor"] and apply["informed"] == ["@unit-head"]
    assert [(r["row"], r["accountable"], r["informed"]) for r in apply["rows"]] == [
        ("leave-request.apply@ward-a-nurse", ["ward-a-head-nurse"], ["ward-a-head-nurse"]),
        ("leave-request.apply@ward-b-nurse", ["ward-b-team-lead"], ["ward-b-head-nurse"]),
    ]


def test_org_json_matches_its_schema(ctx: RenderContext) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schema/org-json.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(json.loads(json.dumps(org_json.as_data(ctx))))


def test_a_step_without_relative_parties_stays_one_row() -> None:
    good = render_context(FIXTURES / "good")
    rows = {cell.row for cell in assignments(good.org)}  # type: ignore[attr-defined]
    assert "complaint-handling.receive" in rows
    assert not any(ROW_FOR in row for row in rows)
