"""Which job descriptions a change to the specs can reach; the others are taken over unseen.

A role's job description (its DOCX, its Markdown, its page on the site and its piece of a
handbook's volume) shows the role, and of other roles only this (``render/jd/model.py``,
``render/site/role_page.py``): the titles of its supervisor, its peers, its direct reports, its
dotted lines and career steps, its escalation and the parties of its duties; the headcount of
its supervisor, its reports and its dotted lines, and the headcount of everyone below it (管辖人数);
the title, SLA and parties of the process steps it is Responsible or Accountable for, its
parties in org-chart order; the title of its shared blocks and their duties. The page also
links every name it shows to that role's page, found through the names of every party of every
row (duty or step) the role has a letter in: a name two of them share links nowhere.

So a changed document reaches, by what changed in it (before or after the change, always):

=========================  ==========================================================================
what changed               the roles it reaches
=========================  ==========================================================================
org.yaml, a KPI catalogue  every role (units' names and heads, KPI names); so does a change of what
                           every document is rendered with (orgc, templates, fonts, orgc.yaml, date)
a policy                   none: no job description shows a policy
a shared block             the roles that include it, and the roles it names
process: title, owner,     its parties: the roles with a letter in one of its steps, with whom
steps added or reordered   ``@supervisor`` and ``@unit-head`` name for its Responsible roles
process: description       none (the process's own page shows them)
a step: title, SLA,        the parties of that step, as above
responsible, A, C, I
a step: description, next  none
role: ``OWN_FIELDS``       the role alone: only its own job description shows them (its purpose,
(purpose, KPI targets,     qualifications, KPI targets, dotted lines, career steps, escalation …)
qualifications, …)
role: a duty's title,      the role alone (``DUTY_OWN_FIELDS``)
tasks, frequency, …
role: a duty's id or       the role, and that duty's parties: each party's page links the names of
A, C, I; a duty added or   the row's other parties
removed
role: headcount            the role, everyone above it (管辖人数), its direct reports (their
                           supervisor's box), the roles with a dotted line to it
role: unit                 the role, the heads of both units, and the parties of the steps with
                           relative parties that it is Responsible for
role: include              the role; when its title is also another role's or a unit's name, the
                           roles that include or are named by the blocks added or removed
role: title, a role        the role; the roles it names and those whose documents name it; through
added or removed, any      a block that names it, the roles that include it; through a process that
field not listed here      names it, its parties; its supervisor, its peers and everyone above it;
                           the heads of its unit; every party of a step in which ``@supervisor`` or
                           ``@unit-head`` is this role; when its title is also another role's or a
                           unit's name, the parties of the rows it shares with roles that do not
                           show it (its blocks', the duties of roles that name it)
role: reports_to           as title; and the parties of every step in which a role of its branch
                           takes part: the branch moved in org-chart order, which orders the
                           parties a job description lists for a step
=========================  ==========================================================================

The roles named by a document are its mentions: every id-like text in it (see
``load.known.mentions_in``), so a reference added to the spec language later is followed. A
field this table does not know reaches as a role, block or process added or removed does. The
rendered view of every reached role is still compared with the last one, so reaching too far
costs time, never correctness; reaching too little would keep a stale file.

Each changed document is looked at against the others as they are now: where a change of
another document also altered who is related to whom, that document's own reach covers the
roles on both sides.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

from ..model.relative import TOKENS as RELATIVE
from .known import KnownDocuments, ReadDocument, mentions_in

EVERYTHING_KINDS = frozenset(("org", "kpis"))
MAX_CHANGED = 200  # beyond this many changed files, looking at every role is cheaper

# A role's fields that only its own job description and page show.
OWN_FIELDS = frozenset(
    {
        "purpose",
        "grade",
        "family",
        "code",
        "category",
        "location",
        "hours",
        "accountabilities",
        "challenges",
        "training",
        "physical",
        "environment",
        "qualifications",
        "authority",
        "kpis",
        "career",
        "dotted_to",
        "escalates_to",
        "reports_to_external",
        "waive",
    }
)
# A duty's fields that only the job descriptions of the roles holding it show.
DUTY_OWN_FIELDS = frozenset({"title", "tasks", "frequency", "deliverables", "kpis", "collaborates"})
# The parties of a duty's or step's row besides the Responsible ones.
ROW_PARTIES = ("accountable", "consulted", "informed")
STEP_PARTIES = ("responsible", *ROW_PARTIES)
# A step's and a process's fields no job description shows (the process's own page does).
STEP_UNSHOWN = frozenset({"description", "next"})
PROCESS_UNSHOWN = frozenset({"description", "waive"})

_ABSENT = object()


Change = tuple[ReadDocument | None, ReadDocument | None]  # a document before and after; None: absent


def changes(
    previous: KnownDocuments | None, current: Sequence[ReadDocument], shared: str
) -> tuple[Specs, list[Change]] | None:
    """The documents that changed since ``previous``, with the specs they are looked at against;
    None when anything may have changed (no last build, another setting, too many changes)."""
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
    return Specs(current, before), changed


def affected_roles(
    previous: KnownDocuments | None, current: Sequence[ReadDocument], shared: str
) -> frozenset[str] | None:
    """The ids of the roles whose job descriptions may have changed; None: any of them may have."""
    found = changes(previous, current, shared)
    return None if found is None else roles_reached(*found)


def roles_reached(specs: Specs, changed: Sequence[Change]) -> frozenset[str] | None:
    """``affected_roles`` of ``changes``' result."""
    reached: set[str] = set()
    for old, new in changed:
        present = [version for version in (old, new) if version is not None]
        if any(version.kind in EVERYTHING_KINDS for version in present):
            return None
        kind = present[0].kind
        if kind == "policy":
            continue
        if old is not None and new is not None and _ids(old) == _ids(new) and _ids(new):
            edit = _EDITS.get(kind)
            if edit is not None and isinstance(old.data, dict) and isinstance(new.data, dict):
                reached |= edit(specs, old, new)
                continue
        reached |= _WHOLE.get(kind, _block_whole)(specs, present)
    return frozenset(reached & specs.role_ids)


class Specs:
    """The current spec documents (and the last build's), indexed when first asked."""

    def __init__(self, current: Sequence[ReadDocument], before: Mapping[str, ReadDocument]) -> None:
        self.current = current
        self.before = before

    @cached_property
    def roles(self) -> dict[str, dict[str, Any]]:
        return _roles(self.current)

    @cached_property
    def role_ids(self) -> frozenset[str]:
        return frozenset(self.roles)

    @cached_property
    def supervisor_of(self) -> dict[str, str]:
        return _supervisors(self.roles)

    @cached_property
    def reports_of(self) -> dict[str, list[str]]:
        return _reports(self.supervisor_of)

    @cached_property
    def heads(self) -> dict[str, str]:
        """unit -> its head, as org.yaml names them."""
        found: dict[str, str] = {}
        for document in self.current:
            if document.kind == "org" and isinstance(document.data, dict):
                for unit in _list(document.data.get("units")):
                    if isinstance(unit, dict) and isinstance(unit.get("id"), str):
                        head = unit.get("head")
                        if isinstance(head, str):
                            found[unit["id"]] = head
        return found

    @cached_property
    def unit_parent(self) -> dict[str, str | None]:
        """unit -> its parent, as org.yaml has them."""
        found: dict[str, str | None] = {}
        for document in self.current:
            if document.kind == "org" and isinstance(document.data, dict):
                for unit in _list(document.data.get("units")):
                    if isinstance(unit, dict) and isinstance(unit.get("id"), str):
                        parent = unit.get("parent")
                        found[unit["id"]] = parent if isinstance(parent, str) else None
        return found

    @cached_property
    def unit_of(self) -> dict[str, str]:
        """role -> its unit."""
        return {role: data["unit"] for role, data in self.roles.items() if isinstance(data.get("unit"), str)}

    def units_above(self, unit: str) -> set[str]:
        """The units above ``unit`` in the unit tree."""
        found: set[str] = set()
        parent = self.unit_parent.get(unit)
        while parent is not None and parent not in found:  # a cycle is reported by the check
            found.add(parent)
            parent = self.unit_parent.get(parent)
        return found

    @cached_property
    def naming(self) -> dict[str, list[ReadDocument]]:
        """id -> the current documents that name it."""
        found: dict[str, list[ReadDocument]] = {}
        for document in self.current:
            for name in document.mentions:
                found.setdefault(name, []).append(document)
        return found

    @cached_property
    def processes(self) -> list[dict[str, Any]]:
        return [d.data for d in self.current if d.kind == "process" and isinstance(d.data, dict)]

    @cached_property
    def relative_rows(self) -> list[tuple[str, set[str]]]:
        """(Responsible role, the parties of its row) of every current step with relative parties."""
        return [
            (role, parties)
            for process in self.processes
            for step in _steps(process)
            if _relative_step(step)
            for role, parties in self.rows_of_step(process, step)
        ]

    @cached_property
    def relative_processes(self) -> list[tuple[set[str], set[str]]]:
        """For each current process with relative parties: whom they name, and every party of it."""
        found = []
        for process in self.processes:
            named: set[str] = set()
            for step in _steps(process):
                if _relative_step(step):
                    named |= self.step_parties(process, step)
            if named:
                found.append((named, self.process_parties(process)))
        return found

    @cached_property
    def names(self) -> dict[str, set[str]]:
        """A role's title or a unit's name, in any language, as it is compared -> whose it is."""
        found: dict[str, set[str]] = {}
        for role, data in self.roles.items():
            for name in _texts_of(data.get("title")):
                found.setdefault(_compared(name), set()).add(role)
        for document in self.current:
            if document.kind == "org" and isinstance(document.data, dict):
                for unit in _list(document.data.get("units")):
                    if isinstance(unit, dict):
                        for name in _texts_of(unit.get("name")):
                            found.setdefault(_compared(name), set()).add(f"unit:{unit.get('id')}")
        return found

    def named_by(self, name: str) -> list[ReadDocument]:
        return self.naming.get(name, [])

    def includers(self, block: str) -> set[str]:
        """The roles that include the block (or name it anywhere)."""
        return {
            role for document in self.named_by(block) if document.kind == "role" for role in _ids(document)
        }

    def resolved(self, role: str) -> set[str]:
        """Whom ``@supervisor`` and ``@unit-head`` name for ``role``."""
        data = self.roles.get(role, {})
        found = {self.supervisor_of.get(role, "")}
        unit = data.get("unit")
        if isinstance(unit, str):
            found.add(self.heads.get(unit, ""))
        return found - {""}

    def rows_of_step(
        self, process: Mapping[str, Any], step: Mapping[str, Any]
    ) -> Iterator[tuple[str, set[str]]]:
        """Each Responsible role of a step with the parties of its row: the step's, the process's
        owner (the Accountable by default) and, when the step names relative parties, whom they
        name for that role."""
        explicit = set(mentions_in([step.get(key) for key in STEP_PARTIES]))
        explicit |= mentions_in(process.get("owner"))
        if not _relative_step(step):
            yield "", explicit
            return
        for role in mentions_in(step.get("responsible")):
            yield role, explicit | self.resolved(role)

    def step_parties(self, process: Mapping[str, Any], step: Mapping[str, Any]) -> set[str]:
        return {party for _, parties in self.rows_of_step(process, step) for party in parties}

    def process_parties(self, process: Mapping[str, Any]) -> set[str]:
        found = set(mentions_in(process))
        for step in _steps(process):
            if _relative_step(step):
                found |= self.step_parties(process, step)
        return found

    def shares_a_name(self, role: str, versions: Iterable[ReadDocument]) -> bool:
        """Whether a title the role has or had is also another role's title or a unit's name (as
        a page compares names): then a page that names both links neither."""
        names = self.names
        for version in versions:
            data = version.data if isinstance(version.data, dict) else {}
            for name in _texts_of(data.get("title")):
                if names.get(_compared(name), set()) - {role}:
                    return True
        return False

    def branch(self, role: str) -> set[str]:
        """The role and everyone below it, before or after the change."""
        reports: dict[str, list[str]] = {}
        for table in (self.supervisor_of, _supervisors(_roles(self.before.values()))):
            for report, supervisor in table.items():
                reports.setdefault(supervisor, []).append(report)
        found, waiting = {role}, [role]
        while waiting:
            for report in reports.get(waiting.pop(), ()):
                if report not in found:
                    found.add(report)
                    waiting.append(report)
        return found


# -- roles ------------------------------------------------------------------------------------


def _role_edit(specs: Specs, old: ReadDocument, new: ReadDocument) -> set[str]:
    """The reach of a role document edited: field by field (see the table above)."""
    before, after = old.data, new.data
    fields = changed_fields(before, after)
    role = after["id"]
    versions = (old, new)
    reached = {role}
    for field in fields - OWN_FIELDS:
        if field == "duties":
            reached |= _duty_rows(before.get("duties"), after.get("duties"))
        elif field == "headcount":
            reached |= _headcount(specs, role, versions)
        elif field == "unit":
            reached |= _unit(specs, role, versions)
        elif field == "include":
            if specs.shares_a_name(role, versions):
                blocks = mentions_in(before.get("include")) ^ mentions_in(after.get("include"))
                reached |= _block_rows(specs, blocks)
        elif field == "reports_to":
            reached |= _role_whole(specs, versions) | _chart_neighbours(specs, role)
        else:  # the title, and any field this module does not know
            reached |= _role_whole(specs, versions)
    return reached


def _role_whole(specs: Specs, versions: Sequence[ReadDocument]) -> set[str]:
    """Every role that may show anything of a role: what it is, where it is, whom it names."""
    role = next(iter(_ids(versions[0])), "")
    reached = {role}
    for version in versions:
        reached |= version.mentions  # its supervisor, dotted lines, escalation, duties' parties …
    reached |= _above(specs, versions) | _peers(specs, versions)
    reached |= _shown_by_others(specs, role, versions) | _unit(specs, role, versions)
    return reached


def _shown_by_others(specs: Specs, role: str, versions: Sequence[ReadDocument]) -> set[str]:
    """The roles whose job descriptions name the role: through their own documents, the blocks
    they include, the processes they take part in and the relative parties of steps."""
    shared_name = specs.shares_a_name(role, versions)
    reached: set[str] = set()
    for document in specs.named_by(role):
        if document.kind == "role" and isinstance(document.data, dict):
            reached |= _ids(document)
            if shared_name:  # the other parties of its duties that name the role
                for duty in _list(document.data.get("duties")):
                    if isinstance(duty, dict) and role in mentions_in([duty.get(k) for k in ROW_PARTIES]):
                        reached |= mentions_in([duty.get(k) for k in ROW_PARTIES])
        elif document.kind == "duties":
            reached |= document.mentions | specs.includers(next(iter(_ids(document)), ""))
        elif document.kind == "process" and isinstance(document.data, dict):
            reached |= specs.process_parties(document.data)
    for _responsible, parties in specs.relative_rows:
        if role in parties:  # its own row, or one in which it is the supervisor or unit head named
            reached |= parties
    if shared_name:
        included = set().union(
            *(mentions_in(v.data.get("include")) for v in versions if isinstance(v.data, dict))
        )
        reached |= _block_rows(specs, included)
    return reached


def _block_rows(specs: Specs, blocks: Iterable[str]) -> set[str]:
    """The parties of the rows of these blocks' duties: the roles that include them, and the
    roles their duties name."""
    reached: set[str] = set()
    for block in blocks:
        reached |= specs.includers(block)
        for document in specs.current:
            if document.kind == "duties" and block in _ids(document):
                reached |= document.mentions
    return reached


def _duty_rows(before: Any, after: Any, unseen: frozenset[str] = DUTY_OWN_FIELDS) -> set[str]:
    """The parties of the duties whose rows changed (their id or parties), before and after;
    a duty changed only in ``unseen`` fields (by default what its own role shows) reaches no
    one else."""
    old, new = _duties_by_id(before), _duties_by_id(after)
    reached: set[str] = set()
    for duty in old.keys() | new.keys():
        versions = [d for d in (old.get(duty), new.get(duty)) if d is not None]
        rows = [{k: v for k, v in d.items() if k not in unseen} for d in versions]
        if len(rows) == 1 or rows[0] != rows[1]:
            reached |= mentions_in([d.get(k) for d in versions for k in ROW_PARTIES])
    return reached


def _headcount(specs: Specs, role: str, versions: Sequence[ReadDocument]) -> set[str]:
    """Who shows the role's headcount: everyone above it (管辖人数), its direct reports (their
    supervisor's box) and the roles with a dotted line to it."""
    reached = _above(specs, versions) | set(specs.reports_of.get(role, ()))
    for document in specs.named_by(role):
        if document.kind == "role" and role in mentions_in(document.data.get("dotted_to")):
            reached |= _ids(document)
    return reached


def _unit(specs: Specs, role: str, versions: Sequence[ReadDocument]) -> set[str]:
    """Who a change of the role's unit can show in: the heads of its units, which ``@unit-head``
    names for it, and the other parties of those steps."""
    reached = {specs.heads.get(unit, "") for v in versions for unit in _unit_of(v)}
    for responsible, parties in specs.relative_rows:
        if responsible == role:
            reached |= parties
    return reached


def _above(specs: Specs, versions: Sequence[ReadDocument]) -> set[str]:
    """Every role above the role, before or after the change."""
    found: set[str] = set()
    for version in versions:
        boss = version.data.get("reports_to") if isinstance(version.data, dict) else None
        while isinstance(boss, str) and boss not in found:  # a cycle (ORG002) ends the walk
            found.add(boss)
            boss = specs.supervisor_of.get(boss)
    return found


def _peers(specs: Specs, versions: Sequence[ReadDocument]) -> set[str]:
    """The roles with the role's supervisor, before or after the change."""
    found: set[str] = set()
    for version in versions:
        boss = version.data.get("reports_to") if isinstance(version.data, dict) else None
        if isinstance(boss, str):
            found |= set(specs.reports_of.get(boss, ()))
    return found


def _chart_neighbours(specs: Specs, role: str) -> set[str]:
    """The parties of every step in which a role of the role's branch takes part: the branch
    moved in org-chart order, by which a job description lists a step's other parties."""
    branch = specs.branch(role)
    reached: set[str] = set()
    for process in specs.processes:
        for step in _steps(process):
            parties = specs.step_parties(process, step)
            if not branch.isdisjoint(parties):
                reached |= parties
    return reached


# -- processes and blocks ---------------------------------------------------------------------


def _process_edit(specs: Specs, old: ReadDocument, new: ReadDocument) -> set[str]:
    """The reach of a process edited: step by step, where its steps are the same ones in the
    same order."""
    before, after = old.data, new.data
    fields = changed_fields(before, after)
    fields -= PROCESS_UNSHOWN
    if not fields:
        return set()
    old_steps, new_steps = _steps(before), _steps(after)
    if fields != {"steps"} or [s.get("id") for s in old_steps] != [s.get("id") for s in new_steps]:
        return _process_whole(specs, (old, new))
    reached: set[str] = set()
    for old_step, new_step in zip(old_steps, new_steps, strict=True):
        keys = changed_fields(old_step, new_step)
        if keys - STEP_UNSHOWN:
            reached |= specs.step_parties(before, old_step) | specs.step_parties(after, new_step)
    return reached


def _process_whole(specs: Specs, versions: Sequence[ReadDocument]) -> set[str]:
    reached: set[str] = set()
    for version in versions:
        if isinstance(version.data, dict):
            reached |= specs.process_parties(version.data)
        else:
            reached |= version.mentions
    return reached


def _block_whole(specs: Specs, versions: Sequence[ReadDocument]) -> set[str]:
    """The roles a block (or a document of a kind this module does not know) names, and the
    roles that name it."""
    reached: set[str] = set()
    for version in versions:
        reached |= version.mentions
        for name in _ids(version):
            reached |= {role for d in specs.named_by(name) if d.kind == "role" for role in _ids(d)}
    return reached


_EDITS = {"role": _role_edit, "process": _process_edit}
_WHOLE = {"role": _role_whole, "process": _process_whole}


# -- data ---------------------------------------------------------------------------------------


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> set[str]:
    """The keys whose values differ between two mappings, a key absent from one included."""
    return {
        key for key in before.keys() | after.keys() if before.get(key, _ABSENT) != after.get(key, _ABSENT)
    }


def _roles(documents: Iterable[ReadDocument]) -> dict[str, dict[str, Any]]:
    found = {}
    for document in documents:
        data = document.data
        if document.kind == "role" and isinstance(data, dict) and isinstance(data.get("id"), str):
            found[data["id"]] = data
    return found


def _supervisors(roles: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    return {
        role: data["reports_to"] for role, data in roles.items() if isinstance(data.get("reports_to"), str)
    }


def _reports(supervisor_of: Mapping[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for role, boss in supervisor_of.items():
        found.setdefault(boss, []).append(role)
    return found


def _unit_of(version: ReadDocument) -> list[str]:
    unit = version.data.get("unit") if isinstance(version.data, dict) else None
    return [unit] if isinstance(unit, str) else []


def _steps(process: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [step for step in _list(process.get("steps")) if isinstance(step, dict)]


def _relative_step(step: Mapping[str, Any]) -> bool:
    return any(text in RELATIVE for text in _strings([step.get(key) for key in ROW_PARTIES]))


def _duties_by_id(duties: Any) -> dict[object, dict[str, Any]]:
    found: dict[object, dict[str, Any]] = {}
    for index, duty in enumerate(_list(duties)):
        if isinstance(duty, dict):
            found.setdefault(duty.get("id", ("#", index)), duty)
    return found


def _texts_of(text: Any) -> list[str]:
    """A text's values in every language it is written in."""
    if isinstance(text, str):
        return [text]
    if isinstance(text, dict):
        return [value for value in text.values() if isinstance(value, str)]
    return []


# What a page's names differ by when they are compared: punctuation made full-width and the
# spaces around it (``render/jd/punctuation.py``), left out so that two names a page may take for
# one are taken for one here too.
_UNCOMPARED = str.maketrans("", "", " \t,;:!?()，；：！？（）")


def _compared(name: str) -> str:
    return name.translate(_UNCOMPARED)


def _strings(data: object) -> Iterator[str]:
    """Every string value in ``data``."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _ids(document: ReadDocument) -> set[str]:
    entity_id = document.data.get("id") if isinstance(document.data, dict) else None
    return {entity_id} if isinstance(entity_id, str) and document.kind not in EVERYTHING_KINDS else set()
