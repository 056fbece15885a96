"""Diagnostics while typing, through the protocol: published for unsaved texts, cleared when fixed."""

from __future__ import annotations

from pathlib import Path

from lsp_client import Client

TEAM_LEAD = "specs/roles/cs-team-lead.yaml"
SUPERVISOR = "specs/roles/cs-supervisor.yaml"


def test_an_unknown_supervisor_is_reported_at_its_value_and_cleared_when_fixed(
    client: Client, project: Path
) -> None:
    text = (project / TEAM_LEAD).read_text(encoding="utf-8")
    uri = client.open(TEAM_LEAD, text.replace("reports_to: cs-supervisor", "reports_to: cs-supervisr"))
    [diagnostic] = client.wait_diagnostics(uri)
    assert diagnostic["code"] == "ORG001"
    assert diagnostic["source"] == "orgc"
    assert diagnostic["severity"] == 1
    assert diagnostic["range"] == {"start": {"line": 3, "character": 12}, "end": {"line": 3, "character": 24}}
    # the project speaks Chinese first: the message and its hint are Chinese
    message, hint = diagnostic["message"].split("\n")
    assert message == "岗位“cs-team-lead”的直接上级“cs-supervisr”不是已有岗位"
    assert hint.startswith("是否应为“cs-supervisor”？")
    assert (project / TEAM_LEAD).read_text(encoding="utf-8") == text  # the disk is not touched

    client.change(TEAM_LEAD, text)
    assert client.wait_diagnostics(uri) == []


def test_a_reporting_cycle_appears_on_the_other_file_and_goes_with_the_edit(
    client: Client, project: Path
) -> None:
    client.settle()
    text = (project / SUPERVISOR).read_text(encoding="utf-8")
    client.open(SUPERVISOR, text)
    client.settle()
    agent = client.uri("specs/roles/cs-agent.yaml")
    assert client.diagnostics.get(agent, []) == []

    # cs-agent → cs-team-lead → cs-supervisor → cs-agent: reported on the first role of the cycle
    client.change(SUPERVISOR, text.replace("reports_to: cs-director", "reports_to: cs-agent"))
    [cycle] = client.wait_diagnostics(agent)
    assert cycle["code"] == "ORG002"
    assert "cs-agent → cs-team-lead → cs-supervisor → cs-agent" in cycle["message"]
    assert cycle["range"] == {"start": {"line": 3, "character": 12}, "end": {"line": 3, "character": 24}}
    assert client.diagnostics[client.uri(SUPERVISOR)] == []

    client.change(SUPERVISOR, text)
    assert client.wait_diagnostics(agent) == []


def test_closing_a_buffer_falls_back_to_the_file_on_disk(client: Client, project: Path) -> None:
    client.settle()
    text = (project / SUPERVISOR).read_text(encoding="utf-8")
    uri = client.change(SUPERVISOR, text.replace("headcount: 2", "headcount: two"))
    assert client.wait_diagnostics(uri)[0]["code"] == "E102"
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.wait_diagnostics(uri) == []


def test_a_file_that_cannot_be_parsed_is_reported_and_the_rest_still_checked(
    client: Client, project: Path
) -> None:
    client.settle()
    text = (project / TEAM_LEAD).read_text(encoding="utf-8")
    uri = client.change(TEAM_LEAD, text.replace("headcount: 4", "headcount: [4"))
    [problem] = client.wait_diagnostics(uri)
    assert problem["code"] == "E100"
    client.change(TEAM_LEAD, text)
    assert client.wait_diagnostics(uri) == []


def test_a_file_changed_on_disk_is_checked_again_when_the_editor_says_so(
    client: Client, project: Path
) -> None:
    client.settle()
    [registration] = [r for r in client.server_requests if r["method"] == "client/registerCapability"]
    assert registration["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
    agent = project / "specs/roles/cs-agent.yaml"
    text = agent.read_text(encoding="utf-8")
    uri = client.uri("specs/roles/cs-agent.yaml")
    try:
        agent.write_text(text.replace("reports_to: cs-team-lead", "reports_to: cs-nobody"), encoding="utf-8")
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 2}]})
        assert [d["code"] for d in client.wait_diagnostics(uri)] == ["ORG001"]
    finally:
        agent.write_text(text, encoding="utf-8")
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": uri, "type": 2}]})
    assert client.wait_diagnostics(uri) == []
