"""Reading roster cells: numbered duty lines, lists, 定员 numbers, 学历 levels, 部门 paths."""

from __future__ import annotations

import re
import unicodedata

from .. import vocabulary
from ..i18n import Message

# A marker that starts an item: 1.  1、  1)  (1)  （1）  （一）  ①  一、  - • ·
_LINE_MARKER = re.compile(
    r"^\s*(?:[(（]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|\d{1,2}\s*(?:[.．](?!\d)|[、)）:：])|[①-⑳]|"
    r"[一二三四五六七八九十]{1,3}\s*[、.．]|[-•·*●▪◆]\s)\s*"
)
# A numbered marker inside a line: "1、负责A；2、负责B".
_INLINE_NUMBER = re.compile(r"[(（]\s*(\d{1,2})\s*[)）]|(\d{1,2})\s*(?:[.．](?!\d)|[、)）])|([①-⑳])")
_BREAK_BEFORE = frozenset(" \t;；,，。.:：")
_TRAILING = "；;，,。.、 \t"
_LIST_SEPARATORS = re.compile(r"[\n、，,；;／/|]+")
_PATH_SEPARATORS = re.compile(r"\s*[/／\\>＞]\s*")
_COUNT_WORDS = re.compile(r"\s*(人员|人|名|个|位)$")

TOTAL_ROW_TITLES = frozenset(("合计", "总计", "小计", "共计", "total", "sum", "subtotal"))

# What rosters write besides the spec language's own words for each level (vocabulary.EDUCATION).
_ROSTER_EDUCATION = {
    "none": "无, 无要求",
    "secondary": "中技, 技校, 职高, 高中/中专",
    "associate": "专科, 高职, 大学专科",
    "bachelor": "学士, 大学本科",
    "master": "研究生, 硕士研究生",
    "doctorate": "博士研究生",
}
EDUCATION = vocabulary.words_for(vocabulary.EDUCATION) | {
    name.strip(): level for level, names in _ROSTER_EDUCATION.items() for name in names.split(",")
}
_AT_LEAST = re.compile(r"(及以上|以上|或以上|学历|毕业|\s*\+|\s*or above|\s*and above)$", re.IGNORECASE)


class CellError(ValueError):
    """A cell that cannot be read; ``message`` names what was expected."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def duty_items(text: str) -> list[str]:
    """The duties in a 岗位职责 cell: one per numbered or bulleted line, or per inline number."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return []
    if len(lines) == 1:
        items = _inline_items(lines[0])
    elif any(_LINE_MARKER.match(line) for line in lines):
        items = []
        for line in lines:
            marker = _LINE_MARKER.match(line)
            if marker or not items:
                items.append(line[marker.end() :] if marker else line)
            else:  # a line wrapped inside the previous item
                items[-1] = _join(items[-1], line)
    else:
        items = lines
    return [cleaned for cleaned in (_tidy(item) for item in items) if cleaned]


def _inline_items(line: str) -> list[str]:
    starts: list[tuple[int, int]] = []  # (where the marker starts, where the item text starts)
    expect = 1
    for match in _INLINE_NUMBER.finditer(line):
        number = _number(match)
        before = line[match.start() - 1] if match.start() else " "
        if number == expect and (before in _BREAK_BEFORE or match.start() == 0):
            starts.append((match.start(), match.end()))
            expect += 1
    if len(starts) < 2 or line[: starts[0][0]].strip():
        marker = _LINE_MARKER.match(line)
        return [line[marker.end() :] if marker else line]
    ends = [s for s, _ in starts[1:]] + [len(line)]
    return [line[begin:end] for (_, begin), end in zip(starts, ends, strict=True)]


def _number(match: re.Match[str]) -> int:
    if match.group(3):
        return ord(match.group(3)) - ord("①") + 1
    return int(match.group(1) or match.group(2))


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and right[:1].isascii():
        return f"{left} {right}"
    return left + right


def _tidy(item: str) -> str:
    return " ".join(item.split()).rstrip(_TRAILING).strip()


def list_items(text: str) -> list[str]:
    """Items separated by new lines, 、 ， , ； ; or /."""
    return [t for t in (_tidy(part) for part in _LIST_SEPARATORS.split(text)) if t]


def unit_path(text: str) -> list[str]:
    """The parts of a 部门 cell written as a path: 客服中心/热线服务部."""
    return [part.strip() for part in _PATH_SEPARATORS.split(text) if part.strip()]


def headcount(text: str) -> int | None:
    """A 定员 cell: a whole number of people (``4``, ``4人``, ``4.0``); None when empty."""
    value = _COUNT_WORDS.sub("", unicodedata.normalize("NFKC", text).strip())
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise CellError(Message("import.not-a-number", text=text)) from None
    if not number.is_integer() or number < 0:
        raise CellError(Message("import.not-a-whole-number", text=text))
    return int(number)


def education(text: str) -> str:
    """A 学历 cell as the spec's level: 大专 → associate, 本科及以上 → bachelor …"""
    value = unicodedata.normalize("NFKC", text).strip().casefold()
    value = _AT_LEAST.sub("", value).strip()
    if value in EDUCATION:
        return EDUCATION[value]
    words = tuple(words[0] for words in vocabulary.EDUCATION.values())
    raise CellError(
        Message("import.not-an-education", text=text, words=words, values=tuple(vocabulary.EDUCATION))
    )


def is_total_row(title: str) -> bool:
    key = "".join(unicodedata.normalize("NFKC", title).casefold().split())
    return key in TOTAL_ROW_TITLES
