"""Tables as a signed document needs them: no character alone on a cell's last line, long
items as rows that look like one, and rows never split across pages."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from orgc.writers.docx.wml import Cell, no_lone_last, table

SEVEN = 7 * 190  # twips: seven characters of 9.5 pt


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("客户重大投诉次数", "客户重大投诉\n次数"),  # 7 + 1 would leave 数 alone
        ("一二三四五六七八九十一二三四五", "一二三四五六七八九十一二三\n四五"),  # 7 + 7 + 1
        ("客户重大投诉", "客户重大投诉"),  # one line
        ("投诉率（月度）", "投诉率（月度）"),  # fits
        ("服务质量（月度）", "服务质量（月度）"),  # ） pulls 月 down: 服务质量（月 / 度）
        ("一二三四五（六七", "一二三四五\n（六七"),  # a line may not end with （: three move down
        ("一二三四五六七八九", "一二三四五六七八九"),  # 7 + 2 already
        ("一二三四五六七，八", "一二三四五六七，八"),  # the comma pulls 七 down: 一…六 / 七，八
        ("一二三四五六，八", "一二三四五\n六，八"),  # a line may not start with ，: three move down
        ("Customer satisfaction", "Customer satisfaction"),  # Latin text breaks at spaces
        ("客户满意度 CSAT 8", "客户满意度 CSAT 8"),  # not full-width throughout: not counted
    ],
)
def test_no_character_is_left_alone_on_the_last_line(text: str, shown: str) -> None:
    assert no_lone_last(text, SEVEN, 9.5) == shown


def test_a_cell_shows_its_break_as_a_line_break_and_a_bullet_narrows_the_line() -> None:
    plain = table([[Cell.of("客户重大投诉次数")]], [SEVEN + 180])
    assert '客户重大投诉</w:t><w:br/><w:t xml:space="preserve">次数' in plain
    bulleted = table([[Cell(("客户重大投诉次数", "业务流失率"), bullets=True)]], [SEVEN + 180 + 284])
    assert "客户重大投诉</w:t><w:br/>" in bulleted and bulleted.count("<w:numPr>") == 2


def test_rows_that_look_like_one_are_merged_and_unruled_between() -> None:
    rows = [
        [Cell.of("Duty"), Cell.of("Frequency")],
        [Cell(("1. Title", "first task"), bullets_from=1), Cell.of("Monthly")],
        [Cell(("second task",), bullets=True, ruled=False), Cell((), merged=True)],
        [Cell(("2. Next",)), Cell.of("Daily")],
    ]
    xml = table(rows, [3000, 1000], header_rows=1)
    trs = re.findall(r"<w:tr>.*?</w:tr>", xml)
    assert all("<w:cantSplit/>" in tr for tr in trs)
    assert '<w:vMerge w:val="restart"/>' in trs[1] and '<w:tcBorders><w:bottom w:val="nil"/>' in trs[1]
    assert "<w:vMerge/>" in trs[2] and '<w:tcBorders><w:top w:val="nil"/>' in trs[2]
    assert "vMerge" not in trs[3] and "tcBorders" not in trs[3]
    first_cell = re.search(r"<w:tc>.*?</w:tc>", trs[1]).group()
    assert first_cell.count("<w:numPr>") == 1  # the title is not bulleted, its task is


def test_after_a_number_the_lines_are_counted_only_where_the_latin_font_does_not_matter() -> None:
    room = round(7.7 * 190)  # 1. takes about one em: six characters on the first line in any font
    assert no_lone_last("1. 一二三四五六七八九十一二三四", room, 9.5) == "1. 一二三四五六七八九十一二\n三四"
    room = 7 * 190  # six characters after 1. in Calibri, five in DejaVu Sans: left as it is
    assert no_lone_last("1. 一二三四五六七八九十一二三", room, 9.5) == "1. 一二三四五六七八九十一二三"


def test_a_cell_of_one_line_reads_as_one_of_several_lines_does() -> None:
    def cell_xml(cell: Cell, header_rows: int = 0) -> str:
        return re.search(r"<w:tc>.*?</w:tc>", table([[cell]], [SEVEN + 180], header_rows=header_rows)).group()

    def paragraphs(xml: str) -> list[str]:
        return re.findall(r"<w:p>.*?</w:p>", xml)

    # a lone line is the first paragraph of the same cell with a second line
    for cell, header_rows in [
        (Cell.of("客户重大投诉次数"), 0),  # broken before its last two
        (Cell.of("客户重大投诉次数"), 1),  # bold in a header row
        (Cell(("客户重大投诉次数",), bullets_from=0), 0),  # bulleted from its first line
        (Cell(("客户重大投诉次数",), bullets=True), 1),  # a header row has no bullets
        (Cell(("客户重大投诉次数",), bullets_from=1, align="center"), 0),
        (Cell.of(""), 0),
    ]:
        one = cell_xml(cell, header_rows)
        two = cell_xml(replace(cell, lines=(*cell.lines, "次数")), header_rows)
        assert paragraphs(one) == paragraphs(two)[:1], cell
    assert "<w:numPr>" in cell_xml(Cell(("客户",), bullets_from=0))
    assert "<w:numPr>" not in cell_xml(Cell(("客户",), bullets_from=1))
    assert "<w:b/>" in cell_xml(Cell.of("客户"), 1) and "<w:numPr>" not in cell_xml(
        Cell.of("客户", bullets=True), 1
    )
    assert cell_xml(Cell(())) == cell_xml(Cell.of(""))  # an empty cell holds an empty paragraph
