"""Quick fixes: from a diagnostic's Fix and from the name its hint suggests; UTF-16 columns on CJK and emoji lines."""

from __future__ import annotations

import re
from pathlib import Path

from lsp_client import Client, position
from lsprotocol import types

from helpers import GOOD
from orgc.diagnostics import Diagnostic, Edit, Fix, Location, Severity
from orgc.i18n import Message
from orgc.lsp.actions import code_actions, suggestion

TEAM_LEAD = "specs/roles/cs-team-lead.yaml"
EMOJI_LINE = "qualifications: {majors: [{zh: 市场营销😀, en: Marketing}], educaton: associate}\n"


def span(line: int, start: int, end: int) -> dict[str, object]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def actions_at(client: Client, text: str, needle: str) -> list[dict[str, object]]:
    where = position(text, needle, 1)
    return client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": client.uri(TEAM_LEAD)},
            "range": {"start": where, "end": where},
            "context": {"diagnostics": []},
        },
    )


def test_an_unknown_supervisor_offers_the_one_its_hint_suggests(client: Client, project: Path) -> None:
    text = (
        (project / TEAM_LEAD)
        .read_text(encoding="utf-8")
        .replace("reports_to: cs-supervisor", "reports_to: cs-supervisr")
    )
    uri = client.open(TEAM_LEAD, text)
    client.wait_diagnostics(uri)
    [action] = actions_at(client, text, "cs-supervisr")
    assert action["title"] == "替换为“cs-supervisor”"
    assert action["kind"] == "quickfix"
    assert action["diagnostics"][0]["code"] == "ORG001"
    assert action["edit"] == {"changes": {uri: [{"range": span(3, 12, 24), "newText": "cs-supervisor"}]}}
    assert actions_at(client, text, "headcount") == []


def test_columns_after_chinese_and_an_emoji_are_counted_in_utf16_units(client: Client, project: Path) -> None:
    client.settle()
    original = (project / TEAM_LEAD).read_text(encoding="utf-8")
    text = re.sub(r"qualifications:\n(  .*\n)+", EMOJI_LINE, original)
    uri = client.change(TEAM_LEAD, text)
    [diagnostic] = client.wait_diagnostics(uri)
    line = text.splitlines().index(EMOJI_LINE.rstrip("\n"))
    # 55 characters before the key, the emoji two UTF-16 units of them
    assert diagnostic["code"] == "E102"
    assert diagnostic["range"] == span(line, 56, 64)
    [action] = actions_at(client, text, "educaton")
    assert action["edit"] == {"changes": {uri: [{"range": span(line, 56, 64), "newText": "education"}]}}
    client.change(TEAM_LEAD, original)
    assert client.wait_diagnostics(uri) == []


def test_a_fix_becomes_a_code_action_with_its_edits_in_utf16_units() -> None:
    text = (GOOD / TEAM_LEAD).read_text(encoding="utf-8")
    text = text.replace("purpose: {zh: 带领班组", "purpose: {zh: 😀带领班组")
    line = text.splitlines().index(next(line for line in text.splitlines() if line.startswith("purpose:")))
    column = text.splitlines()[line].index("完成") + 1  # 1-based characters, as orgc counts
    fix = Fix(
        Message("verbatim", text="删除“完成”"),
        (Edit(TEAM_LEAD, (line + 1, column), (line + 1, column + 2), ""),),
    )
    diagnostic = Diagnostic(
        "DUT999", Severity.WARNING, "a test", Location(TEAM_LEAD, line + 1, column), None, fix=fix
    )
    wanted = types.Range(types.Position(line, 0), types.Position(line, 80))
    [action] = code_actions([diagnostic], wanted, lambda _: text, lambda file: f"file:///p/{file}", "zh")
    assert action.title == "删除“完成”"
    assert action.is_preferred
    [edit] = action.edit.changes[f"file:///p/{TEAM_LEAD}"]
    # 😀带领班组: five characters, six UTF-16 units, after "purpose: {zh: "
    assert (edit.range.start.character, edit.range.end.character) == (14 + 6, 14 + 8)
    assert edit.new_text == ""
    assert (
        code_actions(
            [diagnostic], types.Range(types.Position(0, 0), types.Position(0, 1)), lambda _: text, str, "zh"
        )
        == []
    )


def test_a_suggestion_is_read_from_the_message_and_the_hint() -> None:
    unknown = Diagnostic(
        "E102",
        Severity.ERROR,
        Message("E102.unknown-field", key="titel", guess=Message("E102.unknown-field.guess", name="title")),
        Location("x"),
    )
    assert suggestion(unknown) == "title"
    no_guess = Diagnostic(
        "E102", Severity.ERROR, Message("E102.unknown-field", key="zzz", guess=None), Location("x")
    )
    assert suggestion(no_guess) is None


def test_the_fixes_orgc_check_makes_are_offered_through_the_protocol(client: Client, project: Path) -> None:
    original = (project / TEAM_LEAD).read_text(encoding="utf-8")
    text = original.replace("reports_to: cs-supervisor", "reports_to: 客服主管").replace(
        "headcount:", "headcount："
    )
    client.settle()
    opened = client.uri(TEAM_LEAD) in client.versions
    uri = client.change(TEAM_LEAD, text) if opened else client.open(TEAM_LEAD, text)
    [colon] = client.wait_diagnostics(uri)  # a file that does not read is reported alone
    assert colon["code"] == "E100"
    [action] = actions_at(client, text, "：")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("headcount")))
    assert action["edit"] == {
        "changes": {uri: [{"range": span(line, 9, 10), "newText": ":"}]}
    }  # a space follows already
    text = text.replace("headcount：", "headcount:")
    client.change(TEAM_LEAD, text)
    [title] = client.wait_diagnostics(uri)
    assert title["code"] == "E102" and "cs-supervisor" in title["message"]
    [action] = actions_at(client, text, "客服主管")
    assert action["title"] == "改写为 cs-supervisor"
    assert action["edit"] == {"changes": {uri: [{"range": span(3, 12, 16), "newText": "cs-supervisor"}]}}
    client.change(TEAM_LEAD, original)
    assert client.wait_diagnostics(uri) == []
