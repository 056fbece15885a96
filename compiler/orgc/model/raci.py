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
    return tuple(Assignment(*cell) for cell in assignment_cells(org))


def assignment_cells(org: Org) -> list[tuple[str, str, str]]:
    """``assignments`` as plain (row, party, letter) tuples: ten times faster to sort than dataclasses."""
    cells: set[tuple[str, str, str]] = set()
    add = cells.add
    for role in org.roles.values():
        for duty in org.duties_of(role):
            row = duty.ref
            add((row, role.id, "R"))
            for party in duty.accountable or (role.id,):
                add((row, party, "A"))
            for party in duty.consulted:
                add((row, party, "C"))
            for party in duty.informed:
                add((row, party, "I"))
    for process in org.processes.values():
        for step in process.steps:
            row = step.ref
            for party in step.responsible:
                add((row, party, "R"))
            for party in process.accountable_for(step):
                add((row, party, "A"))
            for party in step.consulted:
                add((row, party, "C"))
            for party in step.informed:
                add((row, party, "I"))
    return sorted(cells)


def combined(letters: set[str] | frozenset[str]) -> str:
    """Letters of one cell in a fixed order: ``A/R``, ``C``, ``R/I``."""
    return "/".join(letter for letter in LETTER_ORDER if letter in letters)
