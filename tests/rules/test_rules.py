"""The rule registry: one documented rule per contract code, and orgc.schema.json in step with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import copy_good, run_check
from orgc import resources
from orgc.rules import RULES, all_rules

# The codes of the contract's diagnostics tables (§3 and §6).
CONTRACT = {
    "E100": "error", "E101": "error", "E102": "error", "E103": "error",
    "ORG001": "error", "ORG002": "error", "ORG003": "error", "ORG004": "warning", "ORG005": "error",
    "ORG006": "error", "ORG007": "warning", "ORG008": "warning", "ORG009": "error",
    "DUT001": "error", "DUT002": "error", "DUT003": "error", "DUT004": "error", "DUT005": "warning",
    "KPI001": "error", "KPI002": "warning", "KPI003": "warning", "KPI004": "error",
    "ESC001": "warning", "CAR001": "error", "I18N001": "warning", "POL001": "warning",
    # §6, round 2
    "KPI005": "error", "KPI006": "warning", "POL002": "error",
}  # fmt: skip


def test_the_registry_has_exactly_the_contract_codes_and_severities() -> None:
    assert {code: rule.severity.label for code, rule in RULES.items()} == CONTRACT


@pytest.mark.parametrize("code", sorted(CONTRACT))
def test_every_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    for part in ("**Why:**", "**Fails:**", "**Fix:**"):
        assert part in rule.doc, f"{code} has no {part}"
    assert rule.doc.index("**Why:**") < rule.doc.index("**Fails:**") < rule.doc.index("**Fix:**")
    assert rule.summary and rule.name
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)


def test_stage_codes_are_not_configurable_and_have_no_check() -> None:
    for rule in all_rules():
        stage = re.fullmatch(r"E[0-9]{3}", rule.code) is not None
        assert rule.configurable is not stage
        assert (rule.check is None) is stage


def _rule_settings() -> dict:
    return resources.schema("orgc.schema.json")["properties"]["rules"]["properties"]


def test_config_schema_lists_exactly_the_configurable_codes() -> None:
    configurable = {rule.code for rule in all_rules() if rule.configurable}
    assert set(_rule_settings()) == configurable


@pytest.mark.parametrize("code", sorted(c for c in CONTRACT if RULES[c].configurable))
def test_config_schema_options_are_the_rule_options(code: str) -> None:
    (level, mapping) = _rule_settings()[code]["anyOf"]
    assert level == {"$ref": "#/$defs/level"}
    assert set(mapping["properties"]) == {"level", *RULES[code].defaults}
    for option, default in RULES[code].defaults.items():
        assert mapping["properties"][option]["type"] == "integer"
        assert isinstance(default, int)
        assert f"default {default}" in mapping["properties"][option]["description"]


def test_levels() -> None:
    levels = resources.schema("orgc.schema.json")["$defs"]["level"]["enum"]
    assert levels == ["off", "info", "warning", "error"]


@pytest.mark.parametrize("content", ["", "# only a comment\n", "- a list\n", "id: Not-An-Id\n"])
def test_an_unusable_role_file_is_reported_once_not_at_every_reference(tmp_path: Path, content: str) -> None:
    """Roles that refer to a role whose file cannot be used get no DUT003/ORG009 on top of its E102."""
    project = copy_good(tmp_path / "project")
    (project / "specs" / "roles" / "cs-trainer.yaml").write_text(content, encoding="utf-8")
    report = run_check(project)
    assert {d["file"] for d in report.diagnostics} == {"specs/roles/cs-trainer.yaml"}
