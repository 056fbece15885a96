"""The server speaks the project's language: English where orgc.yaml names English first."""

from __future__ import annotations

import shutil
from pathlib import Path

from lsp_client import Client

from helpers import GOOD

TEAM_LEAD = "specs/roles/cs-team-lead.yaml"


def test_an_english_project_gets_english_messages_and_hovers(tmp_path: Path) -> None:
    root = tmp_path / "英文 project"  # a name the URIs must escape
    shutil.copytree(GOOD, root)
    config = root / "orgc.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("[zh, en]", "[en, zh]"), encoding="utf-8")
    client = Client(root)
    try:
        text = (root / TEAM_LEAD).read_text(encoding="utf-8")
        uri = client.open(TEAM_LEAD, text.replace("reports_to: cs-supervisor", "reports_to: cs-supervisr"))
        [diagnostic] = client.wait_diagnostics(uri)
        assert (
            diagnostic["message"].split("\n")[0]
            == "'cs-team-lead' reports to 'cs-supervisr', which is not a role"
        )
        assert diagnostic["message"].split("\n")[1].startswith("Did you mean 'cs-supervisor'?")
        hover = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 8}},
        )
        assert hover["contents"]["value"].split("\n\n")[0] == "unit `cs-frontline`"
        assert "Parent unit: `cs-center` 客服中心 / Customer service center" in hover["contents"]["value"]
    finally:
        client.close()


def test_a_file_outside_any_project_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("a: [\n", encoding="utf-8")
    client = Client(tmp_path)
    try:
        uri = client.open("notes.yaml")
        client.settle()
        assert uri not in client.diagnostics
        assert (
            client.request(
                "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}
            )
            is None
        )
    finally:
        client.close()
