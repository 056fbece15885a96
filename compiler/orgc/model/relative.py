"""Relative parties of process steps: ``@supervisor`` and ``@unit-head``.

A step's ``accountable``, ``consulted`` and ``informed`` may name a party relative to
each Responsible role: ``@supervisor`` is the role's own ``reports_to`` and
``@unit-head`` the ``head`` of the role's unit, as org.yaml names it (a unit without
a head has none: no role is guessed). Such a step is one matrix row per Responsible
role, ``PROCESS.STEP@ROLE``, each with its own resolved parties; a step without them
stays the one row ``PROCESS.STEP``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .entities import Org, Process, Step

SUPERVISOR = "@supervisor"
UNIT_HEAD = "@unit-head"
TOKENS = (SUPERVISOR, UNIT_HEAD)

ROW_FOR = "@"  # PROCESS.STEP@ROLE: the row of a relative step for one Responsible role


@dataclass(frozen=True)
class StepRow:
    """One matrix row of a process step: its Responsible roles and their A, C and I, resolved."""

    row: str  # PROCESS.STEP, or PROCESS.STEP@ROLE
    responsible: tuple[str, ...]
    accountable: tuple[str, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]


def is_relative(step: Step) -> bool:
    """Whether the step's A, C or I names a party relative to its Responsible roles."""
    return any(party in TOKENS for party in (*step.accountable, *step.consulted, *step.informed))


def resolve(org: Org, token: str, role_id: str) -> str | None:
    """The party ``token`` names for the Responsible role ``role_id``, as written in the specs
    (not necessarily a known role); None when there is none: the top role has no supervisor,
    a unit may have no head."""
    role = org.roles.get(role_id)
    if role is None:
        return None
    if token == SUPERVISOR:
        return role.reports_to
    unit = org.units.get(role.unit or "")
    return unit.head if unit is not None else None


def step_rows(org: Org, process: Process, step: Step, per_role: bool = False) -> tuple[StepRow, ...]:
    """The step's matrix rows: one, or one per Responsible role when it names relative parties
    (or when ``per_role`` asks for them, to compare with a revision in which it does)."""
    accountable = process.accountable_for(step)
    if not (per_role or is_relative(step)):
        return (StepRow(step.ref, step.responsible, accountable, step.consulted, step.informed),)
    return tuple(
        StepRow(
            f"{step.ref}{ROW_FOR}{role_id}",
            (role_id,),
            _resolved(org, accountable, role_id),
            _resolved(org, step.consulted, role_id),
            _resolved(org, step.informed, role_id),
        )
        for role_id in dict.fromkeys(step.responsible)
    )


def split_row(row: str) -> tuple[str, str | None]:
    """``PROCESS.STEP@ROLE`` as (PROCESS.STEP, ROLE); any other row as (row, None)."""
    ref, _, role_id = row.partition(ROW_FOR)
    return ref, role_id or None


def _resolved(org: Org, parties: tuple[str, ...], role_id: str) -> tuple[str, ...]:
    found = (resolve(org, party, role_id) if party in TOKENS else party for party in parties)
    return tuple(dict.fromkeys(party for party in found if party))
