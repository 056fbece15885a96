"""Which job descriptions a change to the specs can reach; the others are taken over unseen.

A job description shows its role, what the role's documents name (its supervisor,
dotted lines, shared blocks, the parties of its duties, its career steps) and what
names the role (its direct reports, the process steps it takes part in, with their
other parties). So a changed document (edited, added or removed) reaches:

- every role, when it is org.yaml or a KPI catalogue (unit names, KPI names), or
  when what every document is rendered with changed (orgc.yaml, the date);
- the roles it names, before or after the change, and itself when it is a role;
- the roles whose documents name it;
- through a document that is not a role and names it (a process, a shared block):
  the roles that document names, and the roles that name that document;
- when it is a role (before or after the change): every role above it, whose 管辖人数
  counts its headcount, and its peers (the roles with its supervisor), whose working
  relationships name it;
- when a process names a relative party (``@supervisor``, ``@unit-head``: each
  Responsible role's own supervisor, or the head of its unit in org.yaml, which the
  process does not name), the supervisors of the roles reached and the heads of
  their units and of the units reached.

Mentions are every id-like text of a document (see ``load.known.mentions_in``), so
a field added to the spec language later is covered without a change here. The
rendered view of every reached role is still compared with the last one, so
reaching too far costs time, never correctness.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..model.relative import TOKENS as RELATIVE
from .known import KnownDocuments, ReadDocument

EVERYTHING_KINDS = frozenset(("org", "kpis"))
MAX_CHANGED = 200  # beyond this many changed files, looking at every role is cheaper


def affected_roles(
    previous: KnownDocuments | None, current: Sequence[ReadDocument], shared: str
) -> frozenset[str] | None:
    """The ids of the roles whose job descriptions may have changed; None: any of them may have."""
    if previous is None or previous.shared != shared:
        return None
    now = {document.file: document for document in current}
    before = previous.documents
    changed = [
        (before.get(file), now.get(file))
        for file in before.keys() | now.keys()
        if before.get(file) is None or now.get(file) is None or before[file].digest != now[file].digest
    ]
    if len(changed) > MAX_CHANGED:
        return None
    reached: set[str] = set()
    for versions in changed:
        present = [version for version in versions if version is not None]
        if any(version.kind in EVERYTHING_KINDS for version in present):
            return None
        names = {name for version in present for name in _ids(version)}
        reached |= names
        for version in present:
            reached |= version.mentions
        for naming in _naming(now.values(), names):
            reached |= _ids(naming)
            if naming.kind != "role":
                reached |= naming.mentions
                reached |= {name for other in _naming(now.values(), _ids(naming)) for name in _ids(other)}
    changed_roles = [v for versions in changed for v in versions if v is not None and v.kind == "role"]
    if changed_roles:
        reached |= _above_and_beside(current, changed_roles)
    processes = [d for d in (*current, *(b for b, _ in changed if b is not None)) if d.kind == "process"]
    if any(_relative(document) for document in processes):
        reached |= _relative_parties(current, reached)
    roles = {name for document in current if document.kind == "role" for name in _ids(document)}
    return frozenset(reached & roles)


def _above_and_beside(current: Sequence[ReadDocument], roles: Sequence[ReadDocument]) -> set[str]:
    """Every role above one of ``roles`` (before or after the change), and the roles that share
    a supervisor with one of them."""
    supervisor_of: dict[str, str] = {}
    for document in current:
        data = document.data if document.kind == "role" and isinstance(document.data, dict) else {}
        if isinstance(data.get("id"), str) and isinstance(data.get("reports_to"), str):
            supervisor_of[data["id"]] = data["reports_to"]
    found: set[str] = set()
    supervisors: set[str] = set()
    for document in roles:
        data = document.data if isinstance(document.data, dict) else {}
        boss = data.get("reports_to")
        if isinstance(boss, str):
            supervisors.add(boss)
        while isinstance(boss, str) and boss not in found:  # a cycle (ORG002) ends the walk
            found.add(boss)
            boss = supervisor_of.get(boss)
    found |= {role for role, boss in supervisor_of.items() if boss in supervisors}
    return found


def _relative(document: ReadDocument) -> bool:
    return any(text in RELATIVE for text in _texts(document.data))


def _relative_parties(current: Sequence[ReadDocument], reached: set[str]) -> set[str]:
    """The supervisors of the roles in ``reached``, and the heads of their units and of the units
    in ``reached``: who a relative party may name for them, before or after the change."""
    units = set(reached)
    found: set[str] = set()
    for document in current:
        data = document.data
        if document.kind == "role" and isinstance(data, dict) and data.get("id") in reached:
            found |= {value for value in (data.get("reports_to"),) if isinstance(value, str)}
            units |= {value for value in (data.get("unit"),) if isinstance(value, str)}
    for document in current:
        if document.kind == "org" and isinstance(document.data, dict):
            written = document.data.get("units")
            for unit in written if isinstance(written, list) else ():
                if isinstance(unit, dict) and unit.get("id") in units and isinstance(unit.get("head"), str):
                    found.add(unit["head"])
    return found


def _texts(data: object) -> Iterator[str]:
    """Every string value in a document's data."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


def _ids(document: ReadDocument) -> set[str]:
    entity_id = document.data.get("id") if isinstance(document.data, dict) else None
    return {entity_id} if isinstance(entity_id, str) and document.kind not in EVERYTHING_KINDS else set()


def _naming(documents: Iterable[ReadDocument], names: set[str]) -> list[ReadDocument]:
    return [document for document in documents if not names.isdisjoint(document.mentions)]
