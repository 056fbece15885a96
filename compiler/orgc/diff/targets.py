"""Whether a KPI target got stricter or looser, knowing the KPI's direction.

For a higher-is-better KPI a target is a floor: raising it tightens it, and at the
same number ``>`` is stricter than ``>=``. For a lower-is-better KPI it is a
ceiling: lowering it tightens it. A target without a comparator is ``>=`` or
``<=`` by the direction. Anything else (another unit, ``=``, a comparator against
the direction, a target that cannot be read) is just "changed".
"""

from __future__ import annotations

from ..model.entities import Target

_STRICTNESS = {
    True: {">=": 0, ">": 1},  # higher is better: a floor
    False: {"<=": 0, "<": 1},  # lower is better: a ceiling
}


def verdict(before: Target | None, after: Target | None, higher_is_better: bool | None) -> str | None:
    """``tightened``, ``loosened`` or ``changed``; None when both mean the same."""
    if before is not None and after is not None and _same(before, after, higher_is_better):
        return None
    if before is None or after is None or higher_is_better is None or before.unit != after.unit:
        return "changed"
    old, new = _key(before, higher_is_better), _key(after, higher_is_better)
    if old is None or new is None:
        return "changed"
    return "tightened" if new > old else "loosened"


def _same(a: Target, b: Target, higher_is_better: bool | None) -> bool:
    if higher_is_better is None:
        return a == b
    default = ">=" if higher_is_better else "<="
    return (a.comparator or default, a.value, a.unit) == (b.comparator or default, b.value, b.unit)


def _key(target: Target, higher_is_better: bool) -> tuple[float, int] | None:
    """Larger is stricter."""
    comparator = target.comparator or (">=" if higher_is_better else "<=")
    strictness = _STRICTNESS[higher_is_better].get(comparator)
    if strictness is None:
        return None
    value = target.value if higher_is_better else -target.value
    return (value, strictness)
