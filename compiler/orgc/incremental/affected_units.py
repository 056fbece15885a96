"""Which units' files a change to the specs can reach; the others are taken over unseen.

A unit's files are its Markdown matrix (``raci/<unit>.md``), its page on the site and, when
the handbook is split, its share of its top-level unit's volume. Of the organisation they
show (``render/raci.py``, ``render/site/unit_page.py``, ``render/handbook/sections.py``,
``render/chart/views.py``):

- the rows in which the unit or one of its own roles takes part (a duty of any role or
  shared block, a process step), with their titles, letters and other parties' names;
- its own roles: titles, headcounts, grades, supervisors and their titles; its head's title;
- the total headcount of its sub-units; in a volume, the chart of its roles and the processes
  they take part in (every step, every party's name).

So a changed document reaches the units of these roles and units (before or after the change):

=========================  ==========================================================================
what changed               the units it reaches
=========================  ==========================================================================
org.yaml, a KPI catalogue, every unit: names, heads and the tree (a KPI's name is in no unit file,
a role added or removed,   but org.yaml and the catalogues are rarely edited); so does a change of
or its ``reports_to``,     what every file is rendered with; a role's place in the chart orders
``unit``,                  every matrix's rows and columns
``reports_to_external``
or an unknown field
a policy                   none
a shared block             the roles it names, those that include it, and their units
a process                  every party of every step (with whom ``@supervisor`` and ``@unit-head``
                           name): the volumes print the processes their roles take part in
role: what only its job    its unit (a volume prints the job description, and is made again when
description shows          the role's is: ``affected.py``)
(purpose, KPI targets …)
role: grade                its unit
role: a duty               the role, and the parties of that duty before and after: its row is in
                           each of their units' matrices
role: include              the role, and the roles that include or are named by those blocks
role: dotted_to            the role, and the roles its dotted lines go to before and after
role: headcount            the role, every role above it and every unit above its unit (totals)
role: title, any other     the role, every role and unit its document names (before and after), the
field                      parties of the blocks it includes, of the rows of every document that
                           names it (its duties' and processes' other parties), of the processes
                           whose relative parties name it; the units it heads; its direct reports
                           (who show its title as their supervisor's)
=========================  ==========================================================================

Reaching too far costs time, never correctness: a reached unit's files are made again and
compared with the last build's, as they always were.
"""

from __future__ import annotations

from collections.abc import Sequence

from .affected import (
    EVERYTHING_KINDS,
    OWN_FIELDS,
    Change,
    Specs,
    _above,
    _block_rows,
    _duty_rows,
    _ids,
    _process_whole,
    changed_fields,
)
from .known import ReadDocument, mentions_in

# A role's fields whose change moves it in the chart or between units: every matrix may change.
STRUCTURAL_FIELDS = frozenset({"id", "reports_to", "unit", "reports_to_external"})
# A role's fields that no unit's file shows but in the role's job description (which a volume
# prints: a volume is made again when its roles' job descriptions are).
UNSHOWN_FIELDS = OWN_FIELDS - {"grade", "dotted_to", "reports_to_external"}
# A role's fields that the whole-organisation volume shows of any role.
WHOLE_VOLUME_FIELDS = frozenset({"title", "headcount", "waive", "dotted_to"})
# Every other field of a role this module knows; any other reaches every unit.
ROLE_FIELDS = UNSHOWN_FIELDS | {"title", "duties", "include", "headcount", "grade", "dotted_to"}


def units_reached(specs: Specs, changed: Sequence[Change]) -> tuple[frozenset[str], frozenset[str]] | None:
    """The ids of the units whose files may have changed, and of the roles through which (a role
    in no unit of the organisation's own is printed by the whole-organisation volume); None: any
    unit's may have."""
    parties: set[str] = set()
    units: set[str] = set()
    for old, new in changed:
        present = [version for version in (old, new) if version is not None]
        kind = present[0].kind
        if any(version.kind in EVERYTHING_KINDS for version in present):
            return None
        if kind == "policy":
            continue
        if kind == "process":
            parties |= _process_whole(specs, present)
        elif kind == "duties":
            for version in present:
                parties |= version.mentions
                for block in _ids(version):
                    parties |= specs.includers(block)
        elif kind == "role":
            fields = _role_fields(old, new)
            if old is None or new is None or fields is None:
                return None
            if fields & STRUCTURAL_FIELDS or not fields <= ROLE_FIELDS:
                return None
            found = _role(specs, old, new, fields)
            parties |= found[0]
            units |= found[1]
        else:
            return None
    units |= {party for party in parties if party in specs.unit_parent}
    units |= {specs.unit_of[role] for role in parties if role in specs.unit_of}
    return frozenset(units), frozenset(parties)


def whole_volume_reached(changed: Sequence[Change]) -> bool:
    """Whether a change can show in what only the whole-organisation volume of a split handbook
    shows besides its own units and roles: the policies, the accepted exceptions, every unit's
    head and total headcount, and the top roles of every volume in its chart (and their dotted
    lines). Its units and roles are reached as any volume's are."""
    for old, new in changed:
        present = [version for version in (old, new) if version is not None]
        if present[0].kind == "policy":
            return True
        if present[0].kind == "role":
            fields = _role_fields(old, new)
            if fields is None or fields & WHOLE_VOLUME_FIELDS or not fields <= ROLE_FIELDS:
                return True
    return False


def _role_fields(old: ReadDocument | None, new: ReadDocument | None) -> set[str] | None:
    """The fields in which a role's document changed; None when it is not the same role before
    and after (added, removed, renamed or not a mapping)."""
    if old is None or new is None or not isinstance(old.data, dict) or not isinstance(new.data, dict):
        return None
    if not _ids(new) or _ids(old) != _ids(new):
        return None
    return changed_fields(old.data, new.data)


def _role(specs: Specs, old: ReadDocument, new: ReadDocument, fields: set[str]) -> tuple[set[str], set[str]]:
    """The roles and units whose rows may show what changed in the role, and the other units
    that show it: field by field (see the table above)."""
    before, after = old.data, new.data
    role = after["id"]
    parties, units = {role}, set()
    for field in fields - UNSHOWN_FIELDS:
        if field == "duties":
            # a unit's matrix shows a duty's title and letters in each of its parties' units
            parties |= _duty_rows(before.get("duties"), after.get("duties"), unseen=frozenset())
        elif field == "include":
            parties |= _block_rows(
                specs, mentions_in(before.get("include")) | mentions_in(after.get("include"))
            )
        elif field == "dotted_to":
            parties |= mentions_in(before.get("dotted_to")) | mentions_in(after.get("dotted_to"))
        elif field == "headcount":
            parties |= _above(specs, (old, new))
            units |= specs.units_above(specs.unit_of.get(role, ""))
        elif field != "grade":  # the title, and whatever else may name it anywhere
            found = _shown_anywhere(specs, role, old, new)
            parties |= found[0]
            units |= found[1]
    return parties, units


def _shown_anywhere(
    specs: Specs, role: str, old: ReadDocument, new: ReadDocument
) -> tuple[set[str], set[str]]:
    """Every role and unit whose files may show the role's title (see the table above)."""
    parties = {role} | old.mentions | new.mentions
    parties |= _block_rows(specs, mentions_in([old.data.get("include"), new.data.get("include")]))
    for document in specs.named_by(role):
        if document.kind == "role":
            parties |= _ids(document) | document.mentions
        elif document.kind == "duties":
            parties |= document.mentions | specs.includers(next(iter(_ids(document)), ""))
        elif document.kind == "process":
            parties |= _process_whole(specs, (document,))
    for named, everyone in specs.relative_processes:
        if role in named:  # a volume prints the whole process, every step's parties' names
            parties |= everyone
    parties |= set(specs.reports_of.get(role, ()))
    units = {unit for unit, head in specs.heads.items() if head == role}
    return parties, units
