"""The spec language's controlled values, and the Chinese words accepted for them.

HR staff write ``frequency: 每日``, ``education: 大专``, ``sla: 30分钟``, ``target: 不低于95%``:
each is read as the English value it stands for (``daily``, ``associate``, ``30m``, ``>= 95%``),
once, as a document is validated, so that everything after sees one canonical value. The
roster importer reads its cells with the same words.

The English value comes first in every table: it is what orgc writes and compares.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FREQUENCY: dict[str, tuple[str, ...]] = {
    "daily": ("每日", "每天"),
    "weekly": ("每周",),
    "monthly": ("每月",),
    "quarterly": ("每季度",),
    "yearly": ("每年",),
    "per-event": ("随时", "按需", "不定期"),
    "ongoing": ("持续", "日常"),
}

# Lowest first. junior-secondary (初中) is a level of its own, below secondary (高中/中专/中职),
# so that a requirement read from 初中 is never raised to 高中.
EDUCATION: dict[str, tuple[str, ...]] = {
    "none": ("不限",),
    "junior-secondary": ("初中",),
    "secondary": ("高中", "中专", "中职"),
    "associate": ("大专",),
    "bachelor": ("本科",),
    "master": ("硕士",),
    "doctorate": ("博士",),
}

AUTHORITY: dict[str, tuple[str, ...]] = {
    "handle": ("处理",),
    "decide": ("决定",),
    "approve": ("审批", "批准"),
    "coordinate": ("协调",),
    "escalate": ("上报",),
    "propose": ("建议",),
}

DIRECTION: dict[str, tuple[str, ...]] = {
    "higher-is-better": ("越高越好",),
    "lower-is-better": ("越低越好",),
}

ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "frequency": FREQUENCY,
    "education": EDUCATION,
    "authority": AUTHORITY,
    "direction": DIRECTION,
}

# Comparator words of a target, longest first where one ends another (不低于 before 低于).
COMPARATOR_WORDS: dict[str, str] = {
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "至多": "<=",
    "高于": ">",
    "大于": ">",
    "超过": ">",
    "低于": "<",
    "小于": "<",
    "达到": "=",
    "等于": "=",
}
_FULL_WIDTH = (("＞＝", ">="), ("＜＝", "<="), ("＞", ">"), ("＜", "<"), ("＝", "="), ("％", "%"))

# SLA units: m h d w, and bd for business days (工作日). bd rather than a one-letter unit:
# every single letter that could stand for it (b, w) is taken or reads as something else.
SLA_UNITS: dict[str, tuple[str, ...]] = {
    "m": ("分钟",),
    "h": ("小时",),
    "d": ("天", "日"),
    "bd": ("工作日",),
    "w": ("周",),
}

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_SLA_WORDS = {word: unit for unit, words in SLA_UNITS.items() for word in (unit, *words)}
_SLA = re.compile(
    rf"\s*(?P<number>{_NUMBER})\s*个?\s*(?P<unit>"
    + "|".join(sorted(map(re.escape, _SLA_WORDS), key=len, reverse=True))
    + r")\s*"
)
_TARGET_WORD = re.compile(r"\s*(?P<word>" + "|".join(COMPARATOR_WORDS) + r")\s*(?=[-+]?[0-9])")


def words_for(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Every word of a table, English and Chinese, to its English value."""
    return {word: value for value, words in table.items() for word in (value, *words)}


def enum_value(kind: str, text: str) -> str:
    """The English value a word of ``kind`` (frequency, education …) stands for; else ``text``."""
    return _ENUM_WORDS[kind].get(text.strip(), text)


_ENUM_WORDS = {kind: words_for(table) for kind, table in ENUMS.items()}


def target(text: str) -> str:
    """A target with its comparator in ASCII: 不低于95% → '>= 95%', ＞＝95％ → '>=95%'."""
    for wide, narrow in _FULL_WIDTH:
        text = text.replace(wide, narrow)
    match = _TARGET_WORD.match(text)
    if match:
        text = f"{COMPARATOR_WORDS[match['word']]} {text[match.end() :].rstrip()}"
    return text


def sla(text: str) -> str:
    """An SLA as number and unit letter(s): 30分钟 → '30m', '3 个工作日' → '3bd', '24 h' → '24h'."""
    match = _SLA.fullmatch(text)
    return f"{match['number']}{_SLA_WORDS[match['unit']]}" if match else text


def split_sla(text: str) -> tuple[str, str] | None:
    """A canonical SLA's number and unit: '3bd' → ('3', 'bd'); None for anything else."""
    match = _SLA.fullmatch(text)
    return (match["number"], _SLA_WORDS[match["unit"]]) if match else None


def weight(text: str) -> str:
    """A weight with a full-width per cent sign written as '%': 60％ → '60%'."""
    return text.replace("％", "%")


def normaliser(kind: str) -> Callable[[str], str]:
    """What reads a value of ``kind`` (a schema position's ``x-vocabulary``) as its canonical form."""
    if kind in ENUMS:
        return lambda text: enum_value(kind, text)
    return {"target": target, "sla": sla, "weight": weight}[kind]
