"""Who is Responsible, Accountable, Consulted and Informed for what: derived, never written.

A duty on a role is held by that role (R, and A unless the duty names
``accountable``); a shared block's duty is held by every role that includes it;
a process step names its R, A (default: the process owner), C and I; a step whose
A, C or I is relative (``@supervisor``, ``@unit-head``) is a row per Responsible role
(see relative.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from .entities import Org, Text
from .relative import StepRow, split_row, step_rows

LETTER_ORDER = "ARCI"


@dataclass(frozen=True, order=True)
class Assignment:
    """One cell of the responsibility matrix."""

    row: str  # ROLE.DUTY, BLOCK.DUTY or PROCESS.STEP
    party: str  # a role id, or a unit id for C/I given to a unit
    letter: str  # R | A | C | I


def assignments(org: Org, per_role: Collection[str] = ()) -> tuple[Assignment, ...]:
    """Every (row, party, letter), sorted, without repeats; the steps named in ``per_role``
    (PROCESS.STEP) are a row per Responsible role even where they name no relative party."""
    return tuple(Assignment(*cell) for cell in assignment_cells(org, per_role))


Cells = dict[str, dict[str, frozenset[str]]]  # row -> party -> its letters


def assignment_cells(org: Org, per_role: Collection[str] = ()) -> list[tuple[str, str, str]]:
    """``assignments`` as plain (row, party, letter) tuples: ten times faster to sort than dataclasses."""
    return flattened(cell_table(org, per_role))


def flattened(cells: Cells) -> list[tuple[str, str, str]]:
    """A ``cell_table`` as its (row, party, letter) tuples, in the same order: sorted."""
    in_order = _InOrder()  # a few dozen sets of letters among a hundred thousand cells
    return [
        (row, party, letter)
        for row, parties in cells.items()
        for party, letters in parties.items()
        for letter in in_order[letters]
    ]


class _InOrder(dict[frozenset[str], list[str]]):
    """letters -> the same, sorted; sorted once per set of letters."""

    def __missing__(self, letters: frozenset[str]) -> list[str]:
        found = self[letters] = sorted(letters)
        return found


def cell_table(
    org: Org, per_role: Collection[str] = (), steps: Mapping[str, tuple[StepRow, ...]] | None = None
) -> Cells:
    """Every cell of the matrix: row -> party -> its letters, rows and each row's parties sorted;
    ``per_role`` as for ``assignments``. ``steps`` gives each step's rows as worked out already
    (PROCESS.STEP -> ``step_rows``), to be taken as they are."""
    table: dict[str, dict[str, set[str]]] = {}
    for role in org.roles.values():
        for duty in org.duties_of(role):
            parties = table.setdefault(duty.ref, {})
            parties.setdefault(role.id, set()).add("R")
            for party in duty.accountable or (role.id,):
                parties.setdefault(party, set()).add("A")
            for party in duty.consulted:
                parties.setdefault(party, set()).add("C")
            for party in duty.informed:
                parties.setdefault(party, set()).add("I")
    for process in org.processes.values():
        for step in process.steps:
            rows = (
                steps[step.ref] if steps is not None else step_rows(org, process, step, step.ref in per_role)
            )
            for found in rows:
                parties = table.setdefault(found.row, {})
                for letter, named in (
                    ("R", found.responsible),
                    ("A", found.accountable),
                    ("C", found.consulted),
                    ("I", found.informed),
                ):
                    for party in named:
                        parties.setdefault(party, set()).add(letter)
    return {
        row: {party: frozenset(parties[party]) for party in sorted(parties)}
        for row, parties in sorted(table.items())
    }


def row_title(org: Org, row: str, title: Text) -> Text:
    """The title of a matrix row: the duty's or step's ``title``, and for a step's row of one
    Responsible role (PROCESS.STEP@ROLE) that role's title after it, in each language."""
    role_id = split_row(row)[1]
    role = org.roles.get(role_id) if role_id else None
    if role is None:
        return title
    default = org.default_language
    return Text(
        tuple(
            (lang, _qualified(title.get(lang, default), role.title.get(lang, default), lang))
            for lang in org.languages
        )
    )


def _qualified(text: str, name: str, lang: str) -> str:
    return f"{text}（{name}）" if lang.startswith("zh") else f"{text} ({name})"


def combined(letters: set[str] | frozenset[str]) -> str:
    """Letters of one cell in a fixed order: ``A/R``, ``C``, ``R/I``."""
    return "/".join(letter for letter in LETTER_ORDER if letter in letters)
