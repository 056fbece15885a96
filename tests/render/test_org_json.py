"""out/org.json validates against schema/org-json.schema.json, which describes it exactly."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers import FIXTURES
from orgc import pipeline
from orgc.render import org_json
from orgc.render.context import RenderContext
from orgc.resources import data_dir, schema

PROJECTS = [FIXTURES / "good", FIXTURES / "handbook"]


def org_data(project: Path) -> dict[str, Any]:
    result = pipeline.check(project)
    assert result.ok, [str(d) for d in result.diagnostics]
    ctx = RenderContext(
        org=result.org,
        graph=result.graph,
        config=result.config,
        project=result.project,
        languages=result.org.languages,
        waivers=result.waivers,
        source_date=datetime(2026, 3, 1, tzinfo=UTC),
        dated=True,
    )
    (output,) = org_json.render(ctx)
    assert output.path == "org.json"
    return json.loads(output.data.decode("utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    found = schema("org-json.schema.json")
    jsonschema.Draft202012Validator.check_schema(found)
    return jsonschema.Draft202012Validator(found)


def test_the_schema_ships_with_the_other_schemas() -> None:
    assert (data_dir("schema") / "org-json.schema.json").is_file()
    assert schema("org-json.schema.json")["properties"]["version"]["const"] == org_json.VERSION


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_org_json_validates(project: Path, validator: jsonschema.Draft202012Validator) -> None:
    data = org_data(project)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    assert data["version"] == 1


def test_the_fixture_exercises_every_part(validator: jsonschema.Draft202012Validator) -> None:
    """So that the validation above is not vacuous: every list holds items, nulls and values both."""
    data = org_data(FIXTURES / "handbook")
    for key in ("units", "roles", "kpis", "processes", "policies", "assignments", "waivers"):
        assert data[key], key
    assert {w["reason"] for w in data["waivers"]} >= {"新设岗位，考核指标待定"}
    assert any(role["reports_to"] is None for role in data["roles"])
    assert any(step["sla"] is None for p in data["processes"] for step in p["steps"])


@pytest.mark.parametrize(
    "path",
    [
        (),
        ("units", 0),
        ("roles", 0),
        ("roles", 0, "duties", 0),
        ("roles", 0, "kpis", 0),
        ("kpis", 0),
        ("processes", 0),
        ("processes", 0, "steps", 0),
        ("policies", 0),
        ("assignments", 0),
        ("waivers", 0),
    ],
    ids=lambda p: "/".join(map(str, p)) or "top",
)
def test_unknown_fields_are_rejected_at_every_level(
    path: tuple[str | int, ...], validator: jsonschema.Draft202012Validator
) -> None:
    data = copy.deepcopy(org_data(FIXTURES / "handbook"))
    node: Any = data
    for step in path:
        node = node[step]
    node["surprise"] = True
    assert not validator.is_valid(data)


def test_another_version_is_rejected(validator: jsonschema.Draft202012Validator) -> None:
    data = org_data(FIXTURES / "good")
    data["version"] = 2
    assert not validator.is_valid(data)
