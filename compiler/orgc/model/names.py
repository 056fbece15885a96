"""The names index: whose title or name a text is, among roles, units, KPIs, blocks, processes and steps.

References in specs are ids; people think in titles. When a reference holds a title
(`reports_to: 班组长`), or a command is given one (`orgc show 班组长`), the index says
whose it is. It is built once, from the organisation, as two dicts (the text as written,
and a looser form): a lookup is one dict access, whatever the size of the organisation.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .entities import Org, Text

# The kinds an id may name, in the order candidates are listed.
KINDS = ("role", "unit", "kpi", "block", "process", "step")


@dataclass(frozen=True, order=True)
class Named:
    """An entity a name belongs to; ``name`` is its title or name as written, in the language that matched."""

    kind: str  # role | unit | kpi | block | process | step
    id: str  # a step's id within its process
    name: str


_SPACES = re.compile(r"\s+")


def exact_form(text: str) -> str:
    """The text as compared first: as written, less the spaces around it."""
    return text.strip()


def loose_form(text: str) -> str:
    """The text as compared when nothing matches exactly: full-width letters and digits as
    half-width (NFKC), case ignored, runs of spaces as one."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


class NameIndex:
    """Every title and name of an organisation (in every language written), by text."""

    def __init__(self, org: Org) -> None:
        self._exact: dict[tuple[str, str], list[Named]] = {}
        self._loose: dict[tuple[str, str], list[Named]] | None = None  # made when first needed
        self._names: dict[tuple[str, str], list[Named]] = {}  # (scope, kind) -> its names, for guesses
        self._pools: dict[tuple[str, tuple[str, ...]], _Pool] = {}
        tables: tuple[tuple[str, Mapping[str, object], str], ...] = (
            ("role", org.roles, "title"),
            ("unit", org.units, "name"),
            ("kpi", org.kpis, "name"),
            ("block", org.blocks, "title"),
            ("process", org.processes, "title"),
        )
        for kind, table, field in tables:
            for entity_id, entity in table.items():
                self._add("", kind, entity_id, getattr(entity, field))
        for process in org.processes.values():
            for step in process.steps:
                self._add(process.id, "step", step.id, step.title)

    def _add(self, scope: str, kind: str, entity_id: str, text: Text) -> None:
        if text.src is None:  # no title was written: the id stands in for it
            return
        for _, written in text.values:
            named = Named(kind, entity_id, written.strip())
            self._names.setdefault((scope, kind), []).append(named)
            self._exact.setdefault((scope, exact_form(written)), []).append(named)

    def lookup(self, text: str, kinds: Iterable[str], scope: str = "") -> tuple[Named, ...]:
        """The entities of ``kinds`` whose title or name ``text`` is, one each, sorted by kind and id.

        The text as written is tried first, then its loose form; ``scope`` is the process
        whose steps are meant (steps are named within their process).
        """
        wanted = set(kinds)
        found = _of_kinds(self._exact.get((scope, exact_form(text)), ()), wanted)
        return found or _of_kinds(self._loosely().get((scope, loose_form(text)), ()), wanted)

    def _loosely(self) -> dict[tuple[str, str], list[Named]]:
        if self._loose is None:
            self._loose = {}
            for (scope, _), names in self._names.items():
                for named in names:
                    self._loose.setdefault((scope, loose_form(named.name)), []).append(named)
        return self._loose

    def closest(self, text: str, kinds: Iterable[str], scope: str = "", n: int = 3) -> tuple[Named, ...]:
        """The entities of ``kinds`` with the names most like ``text`` (for 'did you mean').

        Only the names that share most pairs of letters with the text are compared in full,
        so that a guess costs the same in an organisation of ten roles or ten thousand.
        """
        pool = self._pool(scope, tuple(kinds))
        wanted = loose_form(text)
        shared: Counter[str] = Counter()
        for gram in _grams(wanted):
            shared.update(pool.grams.get(gram, ()))
        likely = [name for name, _ in shared.most_common(_COMPARED)]
        close = difflib.get_close_matches(wanted, likely, n=n, cutoff=0.5)
        return tuple(pool.names[name] for name in close)

    def _pool(self, scope: str, kinds: tuple[str, ...]) -> _Pool:
        pool = self._pools.get((scope, kinds))
        if pool is None:
            pool = self._pools[(scope, kinds)] = _Pool()
            for kind in kinds:
                for named in self._names.get((scope, kind), ()):
                    pool.add(loose_form(named.name), named)
        return pool


_COMPARED = 50  # names compared in full for a guess


class _Pool:
    """The names of some kinds, by loose form, and by each pair of letters in them."""

    def __init__(self) -> None:
        self.names: dict[str, Named] = {}
        self.grams: dict[str, list[str]] = {}

    def add(self, name: str, named: Named) -> None:
        if name in self.names:
            return
        self.names[name] = named
        for gram in _grams(name):
            self.grams.setdefault(gram, []).append(name)


def _grams(text: str) -> set[str]:
    """Pairs of letters, and each letter outside ASCII alone: 班长 is like 班组长, and shares no pair."""
    return {text[i : i + 2] for i in range(len(text) - 1)} | {c for c in text if not c.isascii()} or {text}


def _of_kinds(candidates: Iterable[Named], kinds: set[str]) -> tuple[Named, ...]:
    """The candidates of ``kinds``, one per entity (a title written alike in two languages), in order."""
    found = {(n.kind, n.id): n for n in candidates if n.kind in kinds}
    return tuple(sorted(found.values(), key=_order))


def _order(named: Named) -> tuple[int, str]:
    return KINDS.index(named.kind), named.id
