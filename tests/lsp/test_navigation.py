"""Hover, go to definition, find references and rename, through the protocol."""

from __future__ import annotations

from typing import Any

import pytest
from lsp_client import Client, position

TEAM_LEAD = "specs/roles/cs-team-lead.yaml"


def at(client: Client, rel: str, needle: str, offset: int = 1) -> dict[str, Any]:
    text = (client.root / rel).read_text(encoding="utf-8")
    return {"textDocument": {"uri": client.uri(rel)}, "position": position(text, needle, offset)}


def span(line: int, start: int, end: int) -> dict[str, Any]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


@pytest.fixture(scope="module", autouse=True)
def opened(client: Client) -> None:
    client.open(TEAM_LEAD)
    client.settle()


def test_hover_on_a_supervisor_shows_its_titles_unit_supervisor_and_headcount(client: Client) -> None:
    hover = client.request("textDocument/hover", at(client, TEAM_LEAD, "reports_to: cs-supervisor", 14))
    assert hover["range"] == span(3, 12, 25)
    assert hover["contents"]["value"].split("\n\n") == [
        "岗位 `cs-supervisor`",
        "**客服主管 / Customer service supervisor**",
        "所属部门：`cs-center` 客服中心 / Customer service center",
        "直接上级：`cs-director` 客服总监 / Customer service director",
        "编制人数：2",
    ]


def test_hover_on_a_kpi_and_on_a_unit(client: Client) -> None:
    kpi = client.request("textDocument/hover", at(client, TEAM_LEAD, "kpi: csat", 6))
    assert kpi["contents"]["value"].split("\n\n") == [
        "考核指标 `csat`",
        "**客户满意度 / Customer satisfaction**",
        "单位：%",
        "方向：越高越好",
        "考核周期：每月",
    ]
    unit = client.request("textDocument/hover", at(client, TEAM_LEAD, "unit: cs-frontline", 7))
    assert unit["contents"]["value"].split("\n\n") == [
        "部门 `cs-frontline`",
        "**一线服务组 / Front line**",
        "上级部门：`cs-center` 客服中心 / Customer service center",
        "负责人：`cs-team-lead` 班组长 / Team lead",
    ]


def test_hover_on_a_title_says_nothing(client: Client) -> None:
    assert client.request("textDocument/hover", at(client, TEAM_LEAD, "班组长")) is None


def test_definition_of_a_role_unit_kpi_and_block(client: Client) -> None:
    def definition(needle: str, offset: int) -> list[Any]:
        return client.request("textDocument/definition", at(client, TEAM_LEAD, needle, offset))

    assert definition("reports_to: cs-supervisor", 14) == [
        {"uri": client.uri("specs/roles/cs-supervisor.yaml"), "range": span(0, 4, 17)}
    ]
    assert definition("unit: cs-frontline", 8) == [
        {"uri": client.uri("specs/org.yaml"), "range": span(7, 8, 20)}
    ]
    assert definition("kpi: csat", 6) == [
        {"uri": client.uri("specs/kpis/service.yaml"), "range": span(1, 8, 12)}
    ]
    assert definition("include: [frontline-common]", 12) == [
        {"uri": client.uri("specs/duties/frontline-common.yaml"), "range": span(0, 4, 20)}
    ]


def test_references_of_a_role_in_every_file(client: Client) -> None:
    params = at(client, TEAM_LEAD, "reports_to: cs-supervisor", 14)
    found = client.request("textDocument/references", {**params, "context": {"includeDeclaration": True}})
    places = [(client.rel(ref["uri"]), ref["range"]["start"]["line"]) for ref in found]
    assert places == [
        ("specs/roles/cs-supervisor.yaml", 0),  # the definition first
        ("specs/policies/complaint-policy.yaml", 2),  # owner
        ("specs/processes/complaint-handling.yaml", 2),  # owner
        ("specs/roles/cs-team-lead.yaml", 3),  # reports_to
        ("specs/roles/cs-team-lead.yaml", 42),  # career.next
        ("specs/roles/cs-trainer.yaml", 3),  # reports_to
    ]
    without = client.request("textDocument/references", {**params, "context": {"includeDeclaration": False}})
    assert without == found[1:]


def test_rename_edits_every_reference_and_renames_the_role_file(client: Client) -> None:
    params = at(client, TEAM_LEAD, "reports_to: cs-supervisor", 14)
    assert client.request("textDocument/prepareRename", params) == span(3, 12, 25)
    edit = client.request("textDocument/rename", {**params, "newName": "cs-manager"})
    *edits, rename = edit["documentChanges"]
    assert rename == {
        "kind": "rename",
        "oldUri": client.uri("specs/roles/cs-supervisor.yaml"),
        "newUri": client.uri("specs/roles/cs-manager.yaml"),
    }
    changed = {
        client.rel(change["textDocument"]["uri"]).rpartition("/")[2]: [
            (e["range"], e["newText"]) for e in change["edits"]
        ]
        for change in edits
    }
    assert changed == {
        "complaint-policy.yaml": [(span(2, 7, 20), "cs-manager")],
        "complaint-handling.yaml": [(span(2, 7, 20), "cs-manager")],
        "cs-supervisor.yaml": [(span(0, 4, 17), "cs-manager")],
        "cs-team-lead.yaml": [(span(3, 12, 25), "cs-manager"), (span(42, 9, 22), "cs-manager")],
        "cs-trainer.yaml": [(span(3, 12, 25), "cs-manager")],
    }


def test_a_rename_to_something_that_cannot_be_an_id_is_refused_in_the_projects_language(
    client: Client,
) -> None:
    params = at(client, TEAM_LEAD, "reports_to: cs-supervisor", 14)
    with pytest.raises(RuntimeError, match="“主管”不能作为 id"):
        client.request("textDocument/rename", {**params, "newName": "主管"})


def test_a_step_is_renamed_within_its_process_only(client: Client) -> None:
    rel = "specs/processes/complaint-handling.yaml"
    client.open(rel)
    client.settle()
    edit = client.request(
        "textDocument/rename", {**at(client, rel, "next: [resolve]", 8), "newName": "reply"}
    )
    [change] = edit["documentChanges"]  # no file is named after a step
    assert [(e["range"]["start"]["line"], e["newText"]) for e in change["edits"]] == [
        (12, "reply"),
        (11, "reply"),
    ]
