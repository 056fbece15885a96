"""Which designed position each person holds: by id, else by a unique title in any language,
else by a title shared by several positions and the unit column that tells them apart."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.entities import Org
from ..model.names import NameIndex
from ..roster.cells import unit_path
from .people import Person

# What is wrong with a person's position, in the order the report lists them.
PROBLEMS = ("unknown", "ambiguous", "closed", "fte")


@dataclass(frozen=True)
class Placement:
    """A person and the role they hold (None when it is unknown or ambiguous), or what is wrong."""

    person: Person
    role: str | None
    problem: str | None  # one of PROBLEMS
    candidates: tuple[str, ...] = ()  # role ids: the ambiguous title's, or the closest for an unknown one


def place(org: Org, people: tuple[Person, ...]) -> tuple[Placement, ...]:
    names = NameIndex(org)
    return tuple(_place(org, names, person) for person in people)


def _place(org: Org, names: NameIndex, person: Person) -> Placement:
    if person.fte is None:
        return Placement(person, None, "fte")
    roles = _by_id(org, person)
    if not roles and person.position:
        roles = tuple(named.id for named in names.lookup(person.position, ("role",)))
    if len(roles) > 1:
        roles = _in_unit(org, names, roles, person.unit) or roles
    if not roles:
        given = person.position or person.position_id
        close = tuple(n.id for n in names.closest(given, ("role",))) if given else ()
        return Placement(person, None, "unknown", close)
    if len(roles) > 1:
        return Placement(person, None, "ambiguous", tuple(sorted(roles)))
    role = roles[0]
    return Placement(person, role, "closed" if org.roles[role].headcount == 0 else None)


def _by_id(org: Org, person: Person) -> tuple[str, ...]:
    for given in (person.position_id, person.position):
        if given and given.strip() in org.roles:
            return (given.strip(),)
    return ()


def _in_unit(org: Org, names: NameIndex, roles: tuple[str, ...], unit: str) -> tuple[str, ...]:
    """The roles in the unit the unit cell names (by id or name; of a path, its last part), or below it."""
    parts = unit_path(unit)
    if not parts:
        return ()
    last = parts[-1]
    units = {last} if last in org.units else {n.id for n in names.lookup(last, ("unit",))}
    return tuple(r for r in roles if units & _unit_and_parents(org, org.roles[r].unit))


def _unit_and_parents(org: Org, unit: str | None) -> set[str]:
    """A role's unit and the units above it: a person's 部门 may be the department of the team."""
    found: set[str] = set()
    while unit in org.units and unit not in found:  # a cycle of parents is the checker's to report
        found.add(unit)
        unit = org.units[unit].parent
    return found
