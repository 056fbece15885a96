"""Parsing KPI targets (``>= 85%``, ``≤ 5 min``, ``95%``) and weights (``40%``, ``40``)."""

from __future__ import annotations

import re

from .entities import Target

_COMPARATORS = {
    ">=": ">=",
    "≥": ">=",
    "≧": ">=",
    "<=": "<=",
    "≤": "<=",
    "≦": "<=",
    ">": ">",
    "＞": ">",
    "<": "<",
    "＜": "<",
    "=": "=",
    "＝": "=",
}
_TARGET = re.compile(
    r"\s*(?P<cmp>>=|<=|≥|≤|≧|≦|>|<|=|＞|＜|＝)?\s*(?P<num>[-+]?[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>.*?)\s*"
)
_WEIGHT = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*")


def parse_target(text: str) -> Target | None:
    match = _TARGET.fullmatch(text)
    if not match:
        return None
    comparator = _COMPARATORS.get(match["cmp"]) if match["cmp"] else None
    return Target(comparator, float(match["num"]), normalize_unit(match["unit"]))


def parse_weight(text: str) -> float | None:
    match = _WEIGHT.fullmatch(text)
    return float(match[1]) if match else None


def normalize_unit(unit: str) -> str:
    return unit.strip().replace("％", "%")
