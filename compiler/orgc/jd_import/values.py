"""Reading the values a JD writes: 2人, ≥ 85%, 权重 40%, 本科及以上, 3年以上, 每日 …"""

from __future__ import annotations

import re
import unicodedata

from .. import vocabulary
from ..i18n import wording
from ..roster import cells

EMPTY = frozenset(("", "无", "—", "-", "–", "/", "n/a", "na", "none", "暂无", "不适用"))

_HEADCOUNT = re.compile(r"^\s*(\d{1,5})\s*(?:人员|人|名|个|位)?\s*$")
_YEARS = re.compile(r"(\d{1,2})\s*(?:年|\+?\s*years?)", re.IGNORECASE)
_COMPARATOR = (
    r"(?:≥|≤|>=|<=|>|<|=|＞＝|＜＝|＞|＜|＝|"
    + "|".join(sorted(vocabulary.COMPARATOR_WORDS, key=len, reverse=True))
    + ")"
)
TARGET = re.compile(
    rf"(?P<target>{_COMPARATOR}?\s*[-+]?\d+(?:\.\d+)?\s*(?:%|％|次|分钟|分|小时|天|个|件|元|万元|h|min|d)?)"
)
_WEIGHT = re.compile(r"(?:权重|weight)\s*[:：]?\s*(?P<weight>\d+(?:\.\d+)?\s*[%％]?)", re.IGNORECASE)
_LOWER_WORDS = (
    "投诉",
    "差错",
    "错误",
    "流失",
    "失误",
    "延误",
    "超时",
    "事故",
    "违规",
    "缺陷",
    "成本",
    "时长",
    "返工",
)

# English degrees and the rosters' own words besides the spec language's.
_DEGREES = {
    "phd": "doctorate",
    "doctorate": "doctorate",
    "doctoral": "doctorate",
    "master": "master",
    "bachelor": "bachelor",
    "college degree": "bachelor",
    "associate": "associate",
    "high school": "secondary",
    "研究生": "master",
    "学士": "bachelor",
    "专科": "associate",
}


def is_empty(text: str) -> bool:
    """无, —, N/A, or the words orgc's own JDs write for no supervisor ((最高岗位), (top role))."""
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    return folded in EMPTY or folded in _NO_SUPERVISOR


_NO_SUPERVISOR = frozenset(
    unicodedata.normalize("NFKC", wording("doc.top", lang)).casefold() for lang in ("zh", "en")
)


def headcount(text: str) -> int | None:
    match = _HEADCOUNT.match(unicodedata.normalize("NFKC", text))
    return int(match.group(1)) if match else None


def frequency(text: str) -> str | None:
    """The frequency a cell or a duty's text names: 每日 → daily; None when it names none."""
    value = vocabulary.enum_value("frequency", text.strip())
    if value in vocabulary.FREQUENCY:
        return value
    for canonical, words in vocabulary.FREQUENCY.items():
        if any(word in text for word in words):
            return canonical
    english = _ENGLISH_FREQUENCY.search(text)
    return english and _ENGLISH_FREQUENCY_VALUES[english.group(1).casefold()]


_ENGLISH_FREQUENCY_VALUES = {
    "daily": "daily",
    "weekly": "weekly",
    "monthly": "monthly",
    "quarterly": "quarterly",
    "yearly": "yearly",
    "annually": "yearly",
    "as needed": "per-event",
    "ongoing": "ongoing",
}
_ENGLISH_FREQUENCY = re.compile(r"\b(" + "|".join(_ENGLISH_FREQUENCY_VALUES) + r")\b", re.IGNORECASE)


def target(text: str) -> str | None:
    """A KPI target in the spec's form: ``≥ 85%`` → ``>= 85%``; None when the text holds no number."""
    match = target_match(text)
    if not match:
        return None
    found = vocabulary.target(match["target"].strip())
    found = re.sub(r"^(>=|<=|>|<|=)\s*", r"\1 ", found)
    return found


def target_match(text: str) -> re.Match[str] | None:
    """The first number of the text written with a comparator or a unit, else its first number."""
    folded = unicodedata.normalize("NFKC", text).replace("≥", ">=").replace("≤", "<=")
    found = [m for m in TARGET.finditer(folded) if m["target"].strip()]
    told = [m for m in found if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", m["target"].strip())]
    return (told or found or [None])[0]


def target_unit(canonical: str) -> str:
    match = re.match(r"^(?:>=|<=|>|<|=)?\s*[-+]?\d+(?:\.\d+)?\s*(?P<unit>.*)$", canonical)
    return match["unit"].strip() if match else ""


def weight(text: str) -> str | None:
    match = _WEIGHT.search(unicodedata.normalize("NFKC", text))
    return vocabulary.weight(match["weight"].replace(" ", "")) if match else None


def bare_weight(text: str) -> str | None:
    value = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    return value if re.fullmatch(r"\d+(?:\.\d+)?%?", value) else None


def direction(name: str, target_text: str) -> str:
    if target_text.startswith((">=", ">")):
        return "higher-is-better"
    if target_text.startswith(("<=", "<")) or any(w in name for w in _LOWER_WORDS):
        return "lower-is-better"
    return "higher-is-better"


def education(text: str) -> str | None:
    """The lowest level a requirement names: 本科及以上学历 → bachelor, Bachelor's degree → bachelor."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    found: list[tuple[int, str]] = []
    for word, level in [*cells.EDUCATION.items(), *_DEGREES.items()]:
        if len(word) < 2 or word in ("none", "无", "无要求", "不限"):
            continue
        at = folded.find(word.casefold())
        if at >= 0 and level in vocabulary.EDUCATION:
            found.append((at, level))
    if not found:
        return None
    return min(found)[1]


def years(text: str) -> int | None:
    match = _YEARS.search(unicodedata.normalize("NFKC", text))
    return int(match.group(1)) if match else None
