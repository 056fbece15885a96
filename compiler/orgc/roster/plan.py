"""The import plan: every roster row as a role with its id, unit and supervisors resolved, or its problems."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..i18n import Message, verbatim
from . import cells
from .columns import Header
from .ids import IdAllocator, base_id, is_id, join_id
from .project import KnownRole, Project
from .read import Row, Sheet
from .text import TextValue, key, language_order, text_value
from .units import NewUnit, UnitTable


@dataclass(frozen=True)
class Problem:
    row: int
    message: Message


@dataclass(frozen=True)
class PlannedRole:
    id: str
    row: int
    file: str  # where it is written, relative to the project
    replaces: bool  # a role of that id is already in the project
    title: TextValue
    unit: str
    reports_to: str | None = None
    dotted_to: tuple[str, ...] = ()
    escalates_to: str | None = None
    headcount: int | None = None
    grade: str | None = None
    family: str | None = None
    purpose: TextValue = ()
    duties: tuple[TextValue, ...] = ()
    education: str | None = None
    majors: tuple[TextValue, ...] = ()
    skills: tuple[TextValue, ...] = ()
    certifications: tuple[TextValue, ...] = ()
    environment: TextValue = ()


@dataclass(frozen=True)
class Plan:
    roles: tuple[PlannedRole, ...]
    units: tuple[NewUnit, ...]  # to add to org.yaml
    languages: tuple[str, ...]  # the languages the roster's texts are in
    problems: tuple[Problem, ...]
    notes: tuple[Message, ...]
    org_name: TextValue  # for a new project: the one top unit's name, if there is one

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Entry:
    """One roster row while it is planned (mutable here, frozen into a PlannedRole at the end)."""

    row: int
    title: dict[str, str]
    keys: set[str]
    explicit_id: str | None = None
    unit: int | None = None
    supervisor: str = ""  # the cells as written
    dotted: list[str] = field(default_factory=list)
    escalation: str = ""
    headcount: int | None = None
    grade: str | None = None
    family: str | None = None
    education: str | None = None
    purpose: dict[str, str] = field(default_factory=dict)
    environment: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # duties, majors …
    id: str = ""
    file: str = ""
    replaces: bool = False
    reports_to: str | None = None  # resolved to ids
    escalates_to: str | None = None
    dotted_to: tuple[str, ...] = ()


def make_plan(
    sheet: Sheet, header: Header, project: Project, lang: str, said: str = "en", merge: bool = False
) -> Plan:
    """Plan the import of ``sheet``; every problem of every row is collected, none stops the others.

    ``lang`` is the language of the roster's texts, ``said`` the language the problems are told in.
    With ``merge``, a row without an id is the project role of its title (in any language), whatever
    its unit: the roster of a later year moves roles between units.
    """
    return _Planner(sheet, header, project, lang, said, merge).plan()


class _Planner:
    def __init__(
        self, sheet: Sheet, header: Header, project: Project, lang: str, said: str = "en", merge: bool = False
    ) -> None:
        self.sheet, self.header, self.project, self.lang = sheet, header, project, lang
        self.said, self.merge = said, merge
        self.order = language_order(project.languages)
        self.problems: list[Problem] = []
        self.notes: list[Message] = []
        self.units = UnitTable(project.units, lang)
        self.entries: list[_Entry] = []
        self.seen_langs: set[str] = set()
        self.duplicates: set[int] = set()  # id() of rows that repeat an earlier row
        # Filled once every row has its id: the roles a supervisor cell may name.
        self.by_id: dict[str, _Entry] = {}
        self.existing: dict[str, KnownRole] = {}
        self.roster_titles: dict[str, list[_Entry]] = {}
        self.project_titles: dict[str, list[KnownRole]] = {}

    def plan(self) -> Plan:
        used = [c.index for c in self.header.columns]
        for row in self.sheet.rows:
            # A row with text only in ignored columns (a 序号 column numbered in advance) is empty.
            if row.number > self.header.row and any(row.cell(i) for i in used):
                self.read_row(row)
        if not self.entries and not self.problems:
            self.problem(self.header.row, Message("import.no-roles"))
        self.give_ids()
        self.by_id = {e.id: e for e in self.entries if e.id}
        self.existing = {r.id: r for r in self.project.roles if r.id not in self.by_id}
        for e in self.by_id.values():
            for title in e.keys:
                self.roster_titles.setdefault(title, []).append(e)
        for r in self.existing.values():
            for title in {key(t) for t in r.titles}:
                self.project_titles.setdefault(title, []).append(r)
        for entry in self.entries:
            self.resolve_references(entry)
        self.check_cycles()
        self.check_top()
        roles = tuple(self.planned(e) for e in self.entries if e.id)
        units = self.units.new_units(self.order)
        roots = [u for u in units if u.parent is None]
        return Plan(
            roles=roles,
            units=units,
            languages=tuple(lang for lang in self.order if lang in self.seen_langs),
            problems=tuple(sorted(self.problems, key=lambda p: p.row)),
            notes=tuple(self.notes),
            org_name=roots[0].name if len(roots) == 1 and not self.project.units else (),
        )

    # -- reading a row ------------------------------------------------------------------------

    def column_name(self, name: str) -> str:
        column = self.header.of(name)
        return column.header if column else name

    def texts(self, row: Row, name: str) -> dict[str, str]:
        """The cells of a field, by language."""
        found = {}
        for column in self.header.columns:
            if column.field == name:
                value = row.cell(column.index)
                if value:
                    found[column.lang or self.lang] = value
        return found

    def problem(self, row: int, message: Message) -> None:
        self.problems.append(Problem(row, message))

    def read_row(self, row: Row) -> None:
        title = self.texts(row, "title")
        if not title:
            self.problem(row.number, Message("import.no-title", column=self.column_name("title")))
            return
        main_title = title.get(self.lang) or next(iter(title.values()))
        if cells.is_total_row(main_title):
            self.notes.append(Message("import.total-row", row=row.number, title=main_title))
            return
        self.seen_langs |= set(title)
        entry = _Entry(row.number, title, {key(t) for t in title.values()})
        self.entries.append(entry)
        text = self.texts(row, "id").get(self.lang, "")
        if text:
            if is_id(text.strip().lower()):
                entry.explicit_id = text.strip().lower()
            else:
                self.problem(
                    row.number, Message("import.not-an-id", column=self.column_name("id"), text=text)
                )
        self.read_unit(row, entry)
        entry.supervisor = self.plain(row, "reports_to")
        entry.dotted = cells.list_items(self.plain(row, "dotted_to"))
        entry.escalation = self.plain(row, "escalates_to")
        self.read_values(row, entry)

    def plain(self, row: Row, name: str) -> str:
        return self.texts(row, name).get(self.lang, "")

    def read_unit(self, row: Row, entry: _Entry) -> None:
        unit = self.texts(row, "unit")
        team = self.texts(row, "team")
        main = cells.unit_path(unit.get(self.lang, "")) + cells.unit_path(team.get(self.lang, ""))
        if not main:
            self.problem(row.number, Message("import.no-unit", column=self.column_name("unit")))
            return
        others = {}
        for lang in sorted({*unit, *team} - {self.lang}):
            path = cells.unit_path(unit.get(lang, "")) + cells.unit_path(team.get(lang, ""))
            if len(path) != len(main):
                problem = Message(
                    "import.unit-parts",
                    count=len(main),
                    parts=" / ".join(main),
                    other=len(path),
                    lang=lang,
                    other_parts=" / ".join(path) or Message("import.empty"),
                )
                self.problem(row.number, problem)
                return
            others[lang] = path
        self.seen_langs |= {self.lang, *others}
        entry.unit, reason = self.units.resolve(main, others, row.number)
        if reason:
            self.problem(
                row.number, Message("import.in-column", column=self.column_name("unit"), problem=reason)
            )

    def read_values(self, row: Row, entry: _Entry) -> None:
        entry.grade = self.plain(row, "grade") or None
        entry.family = self.plain(row, "family") or None
        entry.purpose = self.texts(row, "purpose")
        entry.environment = self.texts(row, "environment")
        self.seen_langs |= {*entry.purpose, *entry.environment}
        counted = self.plain(row, "headcount")
        if counted:
            try:
                entry.headcount = cells.headcount(counted)
            except cells.CellError as exc:
                column = self.column_name("headcount")
                self.problem(row.number, Message("import.in-column", column=column, problem=exc.message))
        level = self.plain(row, "education")
        if level:
            try:
                entry.education = cells.education(level)
            except cells.CellError as exc:
                column = self.column_name("education")
                self.problem(row.number, Message("import.in-column", column=column, problem=exc.message))
        for name, split in (
            ("duties", cells.duty_items),
            ("majors", cells.list_items),
            ("skills", cells.list_items),
            ("certifications", cells.list_items),
        ):
            entry.lists[name] = self.aligned(row, name, split)

    def aligned(self, row: Row, name: str, split: Callable[[str], list[str]]) -> list[dict[str, str]]:
        """Items of a list cell, paired with the same items in the other language's column."""
        by_lang = {lang: split(text) for lang, text in self.texts(row, name).items()}
        by_lang = {lang: items for lang, items in by_lang.items() if items}
        if not by_lang:
            return []
        counts = {len(items) for items in by_lang.values()}
        if len(counts) > 1:
            told = tuple(
                Message("import.items-in", count=len(items), lang=lang)
                for lang, items in sorted(by_lang.items())
            )
            self.problem(
                row.number, Message("import.items-differ", column=self.column_name(name), counts=told)
            )
            return []
        self.seen_langs |= set(by_lang)
        size = counts.pop()
        return [{lang: items[i] for lang, items in by_lang.items()} for i in range(size)]

    # -- ids ----------------------------------------------------------------------------------

    def give_ids(self) -> None:
        project_ids = {r.id: r for r in self.project.roles}
        unit_ids = self.units.known_ids()
        other_ids = self.project.other_ids
        explicit: dict[str, _Entry] = {}
        for entry in self.entries:
            wanted = entry.explicit_id
            if wanted is None:
                continue
            if wanted in explicit:
                self.problem(entry.row, Message("import.id-of-row", id=wanted, row=explicit[wanted].row))
            elif wanted in unit_ids:
                self.problem(entry.row, Message("import.id-of-unit", id=wanted))
            elif wanted in other_ids:
                self.problem(entry.row, Message("import.id-of-other", id=wanted))
            else:
                explicit[wanted] = entry
                entry.id = wanted
        allocator = IdAllocator({*unit_ids, *other_ids, *self.project.role_files, *project_ids, *explicit})
        self.units.assign_ids(allocator)
        if self.merge and self.header.of("id") is None:
            self.match_by_title(project_ids)
        elif not self.merge:
            self.match_project_roles(project_ids)
        self.check_duplicates()
        pending = [e for e in self.entries if not e.id and id(e) not in self.duplicates]
        bases = {id(e): base_id(self.title_of(e), "role") for e in pending}
        units_of: dict[str, set[int | None]] = {}
        for e in pending:
            units_of.setdefault(bases[id(e)], set()).add(e.unit)
        for e in pending:
            base = bases[id(e)]
            if len(units_of[base]) > 1 and e.unit is not None:
                base = join_id(self.units.id_of(e.unit), base)
            e.id = allocator.allocate(base)
        for e in self.entries:
            if e.id and not e.file:
                e.file = f"specs/roles/{e.id}.yaml"
        for e in self.entries:
            if e.id in project_ids and not e.replaces:
                e.replaces, e.file = True, project_ids[e.id].file

    def match_project_roles(self, project_ids: dict[str, KnownRole]) -> None:
        """A row with the title and unit of a role already in the project is that role again."""
        claimed = {e.id for e in self.entries if e.id}
        for entry in self.entries:
            if entry.id or entry.unit is None:
                continue
            unit_id = self.units.id_of(entry.unit)
            same = [
                r
                for r in project_ids.values()
                if r.unit == unit_id and entry.keys & {key(t) for t in r.titles} and r.id not in claimed
            ]
            if len(same) == 1:
                entry.id, entry.file, entry.replaces = same[0].id, same[0].file, True
                claimed.add(same[0].id)

    def match_by_title(self, project_ids: dict[str, KnownRole]) -> None:
        """Each row is the project role of its title; a title of several roles is narrowed by the
        row's unit, and reported when that still leaves several (or when several rows want one role)."""
        wanted: dict[str, list[_Entry]] = {}
        for entry in self.entries:
            if entry.id:
                continue
            same = [r for r in project_ids.values() if entry.keys & {key(t) for t in r.titles}]
            if len(same) > 1 and entry.unit is not None:
                here = [r for r in same if r.unit == self.units.id_of(entry.unit)]
                same = here or same
            if len(same) > 1:
                listed = tuple(sorted(r.id for r in same))
                self.problem(
                    entry.row, Message("import.merge-several-roles", title=self.title_of(entry), roles=listed)
                )
                self.duplicates.add(id(entry))
            elif same:
                wanted.setdefault(same[0].id, []).append(entry)
        for role_id, entries in wanted.items():
            if len(entries) > 1:  # the row in the role's own unit, if one is; the others are new roles
                here = [
                    e
                    for e in entries
                    if e.unit is not None and self.units.id_of(e.unit) == project_ids[role_id].unit
                ]
                entries = here if len(here) == 1 else entries
            if len(entries) > 1:
                rows = tuple(e.row for e in entries)
                for e in entries:
                    self.problem(e.row, Message("import.merge-one-role", role=role_id, rows=rows))
                    self.duplicates.add(id(e))
                continue
            entries[0].id, entries[0].file = role_id, project_ids[role_id].file
            entries[0].replaces = True

    def check_duplicates(self) -> None:
        firsts: dict[tuple[str, int | None], _Entry] = {}
        for entry in self.entries:
            if entry.explicit_id:
                continue
            main = key(self.title_of(entry))
            first = firsts.setdefault((main, entry.unit), entry)
            if first is not entry:
                self.duplicates.add(id(entry))
                where = (
                    Message("import.in-unit", unit=self.units.name(entry.unit))
                    if entry.unit is not None
                    else None
                )
                title, column = self.title_of(entry), self.column_name("headcount")
                problem = Message("import.same-title", title=title, where=where, row=first.row, column=column)
                self.problem(entry.row, problem)

    def title_of(self, entry: _Entry) -> str:
        return entry.title.get(self.lang) or next(iter(entry.title.values()))

    # -- references -----------------------------------------------------------------------------

    def resolve_references(self, entry: _Entry) -> None:
        if not entry.id:
            return
        if entry.supervisor:
            entry.reports_to = self.resolve(entry.supervisor, entry, "reports_to")
        if entry.escalation:
            entry.escalates_to = self.resolve(entry.escalation, entry, "escalates_to")
        dotted: list[str] = []
        for raw in entry.dotted:
            found = self.resolve(raw, entry, "dotted_to")
            if found and found == entry.reports_to:
                dotted_column, solid = self.column_name("dotted_to"), self.column_name("reports_to")
                problem = Message("import.dotted-is-solid", column=dotted_column, text=raw, solid=solid)
                self.problem(entry.row, problem)
            elif found and found not in dotted:
                dotted.append(found)
        entry.dotted_to = tuple(dotted)

    def resolve(self, raw: str, entry: _Entry, name: str) -> str | None:
        """The role id a supervisor cell names, by id or by title; None (and a problem) if it names none."""
        column = self.column_name(name)
        wanted = raw.strip().lower()
        found: str | None = None
        if wanted in self.by_id or wanted in self.existing:
            found = wanted
        else:
            wanted_key = key(raw)
            candidates: list[tuple[str, int | None, Message]] = [
                (e.id, e.unit, Message("import.at-row", row=e.row))
                for e in self.roster_titles.get(wanted_key, ())
            ] or [
                (r.id, self.units.index_of(r.unit), Message("import.in-project"))
                for r in self.project_titles.get(wanted_key, ())
            ]
            candidates = [c for c in candidates if c[0] != entry.id] or candidates
            if len(candidates) > 1:
                candidates = self.nearest(candidates, entry.unit)
            if len(candidates) == 1:
                found = candidates[0][0]
            elif candidates:
                listed = tuple(Message("import.role-where", role=c[0], where=c[2]) for c in candidates)
                self.problem(
                    entry.row, Message("import.title-of-several", column=column, text=raw, roles=listed)
                )
                return None
        if found is None:
            names = [*self.by_id, *self.existing, *(t for e in self.entries for t in e.title.values())]
            close = difflib.get_close_matches(raw, names, n=1, cutoff=0.6)
            guess = Message("import.did-you-mean", name=close[0]) if close else None
            self.problem(entry.row, Message("import.not-a-role", column=column, text=raw, guess=guess))
            return None
        if found == entry.id:
            self.problem(entry.row, Message("import.itself", column=column, text=raw))
            return None
        return found

    def nearest(
        self, candidates: list[tuple[str, int | None, Message]], unit: int | None
    ) -> list[tuple[str, int | None, Message]]:
        """Of roles sharing a title, the one in the row's own unit, else in the nearest unit above it."""
        for level in self.units.ancestors(unit):
            here = [c for c in candidates if c[1] == level]
            if here:
                return here
        return candidates

    # -- the shape of the whole ---------------------------------------------------------------

    def check_cycles(self) -> None:
        by_id = self.by_id
        boss: dict[str, str | None] = {r.id: r.reports_to for r in self.existing.values()}
        for e in by_id.values():
            boss[e.id] = e.reports_to
        settled: set[str] = set()  # walked already: each role is walked once, however long the chains
        for start in by_id:
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = start
            while current is not None and current not in settled and current not in on_path:
                path.append(current)
                on_path.add(current)
                current = boss.get(current)
            settled |= on_path
            if current is None or current not in on_path:
                continue
            loop = path[path.index(current) :]
            if not any(r in by_id for r in loop):
                continue  # a loop the project already had: `orgc check` reports it, not the import
            first = min((by_id[r] for r in loop if r in by_id), key=lambda e: e.row)
            turn = loop.index(first.id)
            loop = loop[turn:] + loop[:turn]
            shown = verbatim(" → ".join(self.describe(r) for r in [*loop, loop[0]]))
            self.problem(first.row, Message("import.cycle", roles=shown))

    def describe(self, role_id: str) -> str:
        entry = self.by_id.get(role_id)
        if entry:
            return Message(
                "import.role-where", role=self.title_of(entry), where=Message("import.at-row", row=entry.row)
            ).render(self.said)
        return Message("import.role-where", role=role_id, where=Message("import.in-project")).render(
            self.said
        )

    def check_top(self) -> None:
        column = self.column_name("reports_to")
        tops = [e for e in self.by_id.values() if not e.supervisor and not self.keeps_supervisor(e)]
        project_tops = [r.id for r in self.existing.values() if r.reports_to is None]
        if project_tops:
            for e in tops:
                self.problem(e.row, Message("import.second-top", column=column, top=project_tops[0]))
            return
        if len(tops) < 2:
            return
        below = {e.id: self.count_below(e.id) for e in tops}
        most = max(below.values())
        heads = [e for e in tops if below[e.id] == most]
        head = heads[0] if len(heads) == 1 else None
        # every such row names the others: past a few, they are counted, or the report would grow
        # with the square of the rows (3,000 of them: 9 million row numbers)
        rows = tuple(e.row for e in tops[:5])
        more = Message("import.and-more", count=len(tops) - 5) if len(tops) > 5 else None
        for e in tops:
            if e is head:
                continue
            if head:
                told = Message("import.top-is", title=self.title_of(head), row=head.row)
            else:
                told = Message("import.tops-are", rows=rows, more=more)
            self.problem(e.row, Message("import.several-tops", column=column, told=told))

    def keeps_supervisor(self, entry: _Entry) -> bool:
        """A role merged from a roster without a supervisor column keeps the one its file names."""
        if not (self.merge and entry.replaces) or self.header.of("reports_to") is not None:
            return False
        return any(r.id == entry.id and r.reports_to for r in self.project.roles)

    def count_below(self, top: str) -> int:
        """How many roster roles have ``top`` somewhere above them."""
        reaches: dict[str, bool] = {top: True}

        def above(role: str) -> bool:
            chain: list[str] = []
            current: str | None = role
            while current is not None and current not in reaches and current in self.by_id:
                chain.append(current)
                reaches[current] = False  # until known; also stops a loop
                current = self.by_id[current].reports_to
            found = reaches.get(current, False) if current is not None else False
            for link in chain:
                reaches[link] = found
            return found

        return sum(1 for role in self.by_id if role != top and above(role))

    # -- the result ---------------------------------------------------------------------------

    def planned(self, entry: _Entry) -> PlannedRole:
        order = self.order

        def items(name: str) -> tuple[TextValue, ...]:
            return tuple(text_value(t, order) for t in entry.lists.get(name, ()))

        return PlannedRole(
            id=entry.id,
            row=entry.row,
            file=entry.file,
            replaces=entry.replaces,
            title=text_value(entry.title, order),
            unit=self.units.id_of(entry.unit) if entry.unit is not None else "",
            reports_to=entry.reports_to,
            dotted_to=entry.dotted_to,
            escalates_to=entry.escalates_to,
            headcount=entry.headcount,
            grade=entry.grade,
            family=entry.family,
            purpose=text_value(entry.purpose, order),
            duties=items("duties"),
            education=entry.education,
            majors=items("majors"),
            skills=items("skills"),
            certifications=items("certifications"),
            environment=text_value(entry.environment, order),
        )
