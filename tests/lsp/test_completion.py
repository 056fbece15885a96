"""Completion through the protocol: ids with their titles, controlled values with their labels, field names."""

from __future__ import annotations

from typing import Any

import pytest
from lsp_client import Client, position

TEAM_LEAD = "specs/roles/cs-team-lead.yaml"
PROCESS = "specs/processes/complaint-handling.yaml"


def complete(client: Client, rel: str, text: str, cursor: str) -> list[dict[str, Any]]:
    """The items offered with the cursor just after the first ``cursor`` in ``text``, typed as is."""
    client.change(rel, text)
    where = position(text, cursor, len(cursor))
    found = client.request(
        "textDocument/completion", {"textDocument": {"uri": client.uri(rel)}, "position": where}
    )
    return found["items"]


@pytest.fixture(scope="module")
def lead(client: Client) -> str:
    text = (client.root / TEAM_LEAD).read_text(encoding="utf-8")
    client.open(TEAM_LEAD, text)
    client.open(PROCESS)
    client.settle()
    return text


def by_label(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["label"]: item for item in items}


def test_after_reports_to_every_role_is_offered_with_its_titles(client: Client, lead: str) -> None:
    items = by_label(
        complete(client, TEAM_LEAD, lead.replace("reports_to: cs-supervisor", "reports_to: "), "reports_to: ")
    )
    assert sorted(items) == ["cs-agent", "cs-director", "cs-supervisor", "cs-team-lead", "cs-trainer"]
    item = items["cs-supervisor"]
    assert item["detail"] == "客服主管 / Customer service supervisor"
    assert item["filterText"] == "cs-supervisor 客服主管 / Customer service supervisor"
    assert item["textEdit"] == {
        "range": {"start": {"line": 3, "character": 12}, "end": {"line": 3, "character": 12}},
        "newText": "cs-supervisor",
    }


def test_typing_a_chinese_title_replaces_it_by_the_id(client: Client, lead: str) -> None:
    text = lead.replace("reports_to: cs-supervisor", "reports_to: 班组")
    item = by_label(complete(client, TEAM_LEAD, text, "reports_to: 班组"))["cs-team-lead"]
    assert "班组长" in item["filterText"]
    assert item["textEdit"]["range"] == {
        "start": {"line": 3, "character": 12},
        "end": {"line": 3, "character": 14},
    }


def test_units_kpis_blocks_and_a_list_item_of_roles(client: Client, lead: str) -> None:
    assert sorted(by_label(complete(client, TEAM_LEAD, lead, "unit: "))) == [
        "cs-center",
        "cs-frontline",
        "hr",
    ]
    assert sorted(by_label(complete(client, TEAM_LEAD, lead, "kpi: "))) == [
        "avg-handle-time",
        "csat",
        "ticket-closure-rate",
    ]
    assert sorted(by_label(complete(client, TEAM_LEAD, lead, "include: ["))) == ["frontline-common"]
    listed = lead.replace("dotted_to: [cs-trainer]", "dotted_to:\n  - cs-t")
    items = complete(client, TEAM_LEAD, listed, "  - cs-t")
    assert "cs-trainer" in by_label(items)
    assert items[0]["textEdit"]["range"]["start"] == {"line": 5, "character": 4}


def test_next_in_a_process_offers_its_own_steps(client: Client) -> None:
    text = (client.root / PROCESS).read_text(encoding="utf-8")
    items = by_label(complete(client, PROCESS, text, "next: ["))
    assert sorted(items) == ["receive", "resolve"]
    assert items["resolve"]["detail"] == "处理并回复客户 / Resolve and reply"


def test_controlled_values_come_with_their_labels(client: Client, lead: str) -> None:
    frequencies = complete(client, TEAM_LEAD, lead, "frequency: ")
    assert [item["label"] for item in frequencies] == [
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "yearly",
        "per-event",
        "ongoing",
    ]
    assert frequencies[0]["detail"] == "每日 / Daily"
    assert frequencies[0]["filterText"] == "daily 每日 / Daily"
    education = by_label(complete(client, TEAM_LEAD, lead, "education: "))
    assert education["bachelor"]["detail"] == "本科及以上 / Bachelor's degree"
    authority = by_label(complete(client, TEAM_LEAD, lead, "- type: "))
    assert authority["approve"]["detail"].startswith("审批")


def test_field_names_from_the_schema_at_the_level_of_the_cursor(client: Client, lead: str) -> None:
    top = by_label(complete(client, TEAM_LEAD, lead + "hea", "\nhea"))
    assert {"reports_to", "headcount", "qualifications", "duties"} <= set(top)
    assert top["headcount"]["textEdit"]["newText"] == "headcount: "
    in_duty = lead.replace("    frequency: daily\n", "    frequency: daily\n    \n")
    duty = by_label(complete(client, TEAM_LEAD, in_duty, "frequency: daily\n    "))
    assert {"tasks", "frequency", "deliverables", "kpis", "collaborates"} <= set(duty)
    assert "reports_to" not in duty
    in_experience = lead.replace("    years: 2\n", "    years: 2\n    i\n")
    assert set(by_label(complete(client, TEAM_LEAD, in_experience, "years: 2\n    i"))) == {"years", "in"}
