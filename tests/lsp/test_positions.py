"""orgc's (line, column in characters) and LSP's (line, column in UTF-16 units), both ways."""

from __future__ import annotations

from lsprotocol import types

from orgc.lsp.positions import Lines, char_index, token_end, utf16_length

TEXT = "id: a\ntitle: {zh: 班组长😀, en: Team lead}\r\nend"


def test_columns_after_cjk_and_an_emoji() -> None:
    lines = Lines(TEXT)
    after_emoji = TEXT.splitlines()[1].index(",") + 1  # 1-based column of the comma
    assert lines.to_lsp(2, after_emoji) == types.Position(1, after_emoji)  # the emoji counts twice
    assert lines.to_lsp(2, 15) == types.Position(1, 14)
    assert lines.to_orgc(types.Position(1, after_emoji)) == (2, after_emoji)
    assert utf16_length("班组长😀") == 5
    assert char_index("班组长😀,", 5) == 4
    assert char_index("😀", 1) == 0  # inside the surrogate pair: before the emoji


def test_carriage_returns_and_lines_past_the_end() -> None:
    lines = Lines(TEXT)
    assert lines.line(1).endswith("}")
    assert lines.to_lsp(9, 3) == types.Position(8, 0)


def test_the_end_of_what_is_written_at_a_column() -> None:
    assert token_end("reports_to: cs-supervisr  # typo", 12) == 24
    assert token_end("dotted_to: [cs-trainer, cs-agent]", 12) == 22
    assert token_end("  educaton: associate", 2) == 10
    assert token_end("owner: 'cs-agent'", 7) == 17
    assert token_end("a: b", 4) == 4
