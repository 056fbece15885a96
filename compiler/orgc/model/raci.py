"""Who is Responsible, Accountable, Consulted and Informed for what: derived, never written.

A duty on a role is held by that role (R, and A unless the duty names
``accountable``); a shared block's duty is held by every role that includes it;
a process step names its R, A (default: the process owner), C and I.
"""

from __future__ import annotations

from dataclasses import dataclass

from .entities import Org

LETTER_ORDER = "ARCI"


@dataclass(frozen=True, order=True)
class Assignment:
    """One cell of the responsibility matrix."""

    row: str  # ROLE.DUTY, BLOCK.DUTY or PROCESS.STEP
    party: str  # a role id, or a unit id for C/I given to a unit
    letter: str  # R | A | C | I


def assignments(org: Org) -> tuple[Assignment, ...]:
    """Every (row, party, letter), sorted, without repeats."""
    cells: set[tuple[str, str, str]] = set()  # sorted as plain tuples: ten times faster than dataclasses

    def add(row: str, parties: tuple[str, ...], letter: str) -> None:
        cells.update((row, party, letter) for party in parties)

    for role in org.roles.values():
        for duty in org.duties_of(role):
            row = duty.ref
            add(row, (role.id,), "R")
            add(row, duty.accountable or (role.id,), "A")
            add(row, duty.consulted, "C")
            add(row, duty.informed, "I")
    for process in org.processes.values():
        for step in process.steps:
            add(step.ref, step.responsible, "R")
            add(step.ref, process.accountable_for(step), "A")
            add(step.ref, step.consulted, "C")
            add(step.ref, step.informed, "I")
    return tuple(Assignment(*cell) for cell in sorted(cells))


def combined(letters: set[str] | frozenset[str]) -> str:
    """Letters of one cell in a fixed order: ``A/R``, ``C``, ``R/I``."""
    return "/".join(letter for letter in LETTER_ORDER if letter in letters)
