"""The one id pattern orgc's stages share is the one the schemas give editors."""

from __future__ import annotations

import json

from helpers import ROOT
from orgc.ids import ID

SCHEMA = ROOT / "schema" / "common.schema.json"


def _patterns(value: object) -> list[str]:
    if isinstance(value, dict):
        found = [value["pattern"]] if isinstance(value.get("pattern"), str) else []
        return found + [p for item in value.values() for p in _patterns(item)]
    if isinstance(value, list):
        return [p for item in value for p in _patterns(item)]
    return []


def test_the_id_pattern_is_the_schemas() -> None:
    assert f"^{ID.pattern}$" in _patterns(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_ids_start_with_a_letter_and_stay_short() -> None:
    assert ID.fullmatch("cs-team-lead") and ID.fullmatch("a" * 63)
    assert not any(ID.fullmatch(text) for text in ("1st-line", "Team", "a" * 64, "班组长", ""))
