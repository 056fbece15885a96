"""The rule registry: one entry per diagnostic code, documented by its own docstring."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from ..diagnostics import Fix, Location, Severity, Subject
from ..i18n import Message
from ..model.entities import Org
from ..model.graph import OrgGraph


@dataclass(frozen=True)
class Finding:
    """What a rule reports; the engine adds the code and the configured severity."""

    message: Message
    location: Location
    hint: Message | None = None
    subject: Subject | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Context:
    org: Org
    graph: OrgGraph
    options: Mapping[str, Any]
    today: date


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    defaults: Mapping[str, Any] = field(default_factory=dict)
    check: Check | None = None  # None: reported by the load, validate or model stage
    configurable: bool = True


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, summary: str, **defaults: Any) -> Callable[[Check], Check]:
    """Register a check function as the rule for ``code``; its docstring is its documentation."""

    def register(check: Check) -> Check:
        _add(
            Rule(
                code,
                name,
                Severity.parse(severity),
                summary,
                inspect.getdoc(check) or "",
                MappingProxyType(defaults),
                check,
            )
        )
        return check

    return register


def stage_rule(code: str, name: str, summary: str, doc: str) -> None:
    """A code reported by an earlier stage: documented here, always an error."""
    _add(Rule(code, name, Severity.ERROR, summary, inspect.cleandoc(doc), configurable=False))


def _add(entry: Rule) -> None:
    if entry.code in RULES:
        raise ValueError(f"rule {entry.code} registered twice")
    RULES[entry.code] = entry


def all_rules() -> Iterator[Rule]:
    """Every rule, in code order (E1xx first, then by family)."""
    return iter(sorted(RULES.values(), key=_order))


_FAMILY_ORDER = ("E", "ORG", "DUT", "KPI", "ESC", "CAR", "I18N", "POL")


def _order(entry: Rule) -> tuple[int, str]:
    family = entry.code.rstrip("0123456789")
    return _FAMILY_ORDER.index(family) if family in _FAMILY_ORDER else 99, entry.code


def guess(name: str, candidates: Iterable[str]) -> Message | None:
    """'Did you mean …? ' for the closest candidate id, or None."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return Message("did-you-mean", name=close[0]) if close else None
