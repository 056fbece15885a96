"""A JD import from start to end: read every file, plan the roles as one import, check, write, report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Severity
from ..i18n import Message
from ..roster import ImportProblem, cells
from ..roster.emit import config_yaml
from ..roster.ids import IdAllocator, base_id
from ..roster.importer import check_result, merged_org, new_diagnostics, new_org, refuse_links
from ..roster.plan import Plan
from ..roster.project import Project, snapshot
from ..roster.read import MAX_ROSTER_BYTES
from ..roster.text import key
from ..roster.units import NewUnit, UnitTable
from ..roster.write import FileChange, apply
from . import values
from .blocks import Block
from .emit import NewKpi, RoleOut, kpis_yaml, role_yaml
from .mapping import Draft, Unmapped, read_jd
from .read_docx import read_docx
from .read_text import read_text
from .split import split

JD_SUFFIXES = (".docx", ".txt", ".md", ".markdown")


@dataclass(frozen=True)
class JdOptions:
    files: tuple[Path, ...]
    project: Path
    dry_run: bool = False
    lang: str | None = None
    encoding: str | None = None
    said: str = "en"


@dataclass
class FileRead:
    name: str
    read_as: Message
    roles: list[RoleOut] = field(default_factory=list)


@dataclass
class JdResult:
    """Everything the report says."""

    files: list[FileRead]
    units: tuple[NewUnit, ...]
    kpis: list[NewKpi]
    changes: list[FileChange]
    unresolved: list[tuple[str, str, str]]  # (role id, field, text as written)
    work: list[tuple[str, str]]  # (role id, what is missing: purpose, duties, unit)
    blocking: list[Diagnostic]
    others: list[Diagnostic]
    dry_run: bool
    lang: str


def is_jd(path: Path, encoding: str | None = None) -> bool:
    """A .docx or .md file, or a .txt file that is not a roster table (Excel saves one as .txt)."""
    suffix = path.suffix.lower()
    if suffix != ".txt":
        return suffix in JD_SUFFIXES
    from ..roster.columns import find_header
    from ..roster.read import read_roster

    try:
        sheets = read_roster(path, None, encoding)
    except ImportProblem:
        return True
    return all(find_header(sheets, {}, lang)[1] is None for lang in ("zh", "en"))


def run_jd_import(options: JdOptions) -> JdResult:
    refuse_links(options.project)
    project = snapshot(options.project)
    reads: list[tuple[FileRead, list[Draft]]] = []
    for path in options.files:
        read, drafts = _read_file(path, options.encoding)
        reads.append((read, drafts))
    drafts = [d for _, ds in reads for d in ds]
    if not drafts:
        raise ImportProblem(Message("jd.no-jds", files=tuple(str(f) for f in options.files)))
    lang = options.lang or project_lang(project) or _detected(drafts)
    planner = _Planner(project, lang, options.said)
    roles = planner.plan(drafts)
    for read, ds in reads:
        read.roles = [r for r in roles if any(r.draft is d for d in ds)]
    changes = planner.changes(roles)
    result = check_result(project, changes)
    new = new_diagnostics(result.diagnostics, project.baseline)
    blocking = [d for d in new if d.code.startswith("E1") and d.severity is Severity.ERROR]
    if not blocking and not options.dry_run:
        apply(project.root, changes, False)
    return JdResult(
        files=[r for r, _ in reads],
        units=planner.new_units,
        kpis=planner.new_kpis,
        changes=changes,
        unresolved=planner.unresolved,
        work=planner.work,
        blocking=blocking,
        others=[d for d in new if d not in blocking],
        dry_run=options.dry_run,
        lang=lang,
    )


def project_lang(project: Project) -> str | None:
    return project.languages[0] if project.exists and project.languages else None


def _read_file(path: Path, encoding: str | None) -> tuple[FileRead, list[Draft]]:
    name = str(path)
    if not path.is_file():
        raise ImportProblem(Message("import.no-such-file", name=name))
    size = path.stat().st_size
    if size > MAX_ROSTER_BYTES:  # a JD file is held to what a roster may be
        raise ImportProblem(
            Message("import.too-large", name=name, size=size / 1048576, limit=MAX_ROSTER_BYTES // 1048576)
        )
    blocks: list[Block]
    if path.suffix.lower() == ".docx":
        blocks, read_as = read_docx(path, name), Message("jd.word")
    else:
        blocks, read_as = read_text(path, name, path.suffix.lower() != ".txt", encoding)
    drafts = [read_jd(jd, path.name, i) for i, jd in enumerate(split(blocks), 1)]
    drafts = _fold_empty(drafts)
    return FileRead(name, read_as), drafts


def _fold_empty(drafts: list[Draft]) -> list[Draft]:
    """A JD with nothing but stray lines (text before the first title) is kept in the next one."""
    kept: list[Draft] = []
    held: list[Unmapped] = []
    orders: dict[str, int] = {}
    for d in drafts:
        if not d.title and not d.filled:
            held += d.unmapped + d.signoff
            orders |= d.order
            continue
        d.unmapped[:0] = held
        d.order = orders | d.order
        held, orders = [], {}
        kept.append(d)
    if held and kept:
        kept[-1].unmapped += held
        kept[-1].order = kept[-1].order | orders
    for i, d in enumerate(kept, 1):
        d.index = i
    return kept


def _detected(drafts: Sequence[Draft]) -> str:
    texts = " ".join(d.title + "".join(d.purpose) + "".join(x.title for x in d.duties) for d in drafts)
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in texts) else "en"


class _Planner:
    def __init__(self, project: Project, lang: str, said: str) -> None:
        self.project, self.lang, self.said = project, lang, said
        self.languages = project.languages if project.exists and project.languages else (lang,)
        self.default_lang = self.languages[0]
        self.units = UnitTable(project.units, lang)
        self.unresolved: list[tuple[str, str, str]] = []
        self.work: list[tuple[str, str]] = []
        self.new_kpis: list[NewKpi] = []
        self.new_units: tuple[NewUnit, ...] = ()
        self.catalogue: dict[str, str] = {}  # name key -> kpi id
        self.kpi_ids: set[str] = set()
        self._read_catalogue()

    def _read_catalogue(self) -> None:
        if not self.project.exists:
            return
        from ..pipeline import check

        org = check(self.project.root).org
        for kpi in org.kpis.values():
            self.kpi_ids.add(kpi.id)
            self.catalogue[key(kpi.id)] = kpi.id
            for _, name in kpi.name.values:
                self.catalogue.setdefault(key(name), kpi.id)

    def plan(self, drafts: list[Draft]) -> list[RoleOut]:
        taken = {*self.units.known_ids(), *self.project.other_ids, *self.project.role_files}
        taken |= {r.id for r in self.project.roles} | self.kpi_ids
        allocator = IdAllocator(taken)
        unit_index: list[int] = []
        for d in drafts:
            parts = cells.unit_path(d.unit) or [Message("jd.unassigned-unit").render(self.lang)]
            index, _reason = self.units.resolve(parts, {}, d.index)
            if index is None:  # a name two units share: the first
                index, _ = self.units.resolve([Message("jd.unassigned-unit").render(self.lang)], {}, 0)
            unit_index.append(index if index is not None else 0)
        self.units.assign_ids(allocator)
        self.new_units = self.units.new_units(self.languages)
        roles: list[RoleOut] = []
        for d, index in zip(drafts, unit_index, strict=True):
            d.title = d.title or Path(d.source).stem  # a JD with no title is named after its file
            role_id = allocator.allocate(base_id(d.title, "role"))
            role = RoleOut(d, role_id, f"specs/roles/{role_id}.yaml", self.units.id_of(index))
            role.unmapped = list(d.unmapped)
            roles.append(role)
        titles: dict[str, list[str]] = {}
        for role in roles:
            titles.setdefault(key(role.draft.title), []).append(role.id)
        for known in self.project.roles:
            for title in {key(t) for t in known.titles}:
                titles.setdefault(title, []).append(known.id)
        for role in roles:
            self._resolve(role, titles, allocator)
        return roles

    def _resolve(self, role: RoleOut, titles: dict[str, list[str]], allocator: IdAllocator) -> None:
        d = role.draft
        for name, text in (("reports_to", d.reports_to), ("dotted_to", d.dotted_to)):
            if not text:
                continue
            found = [i for i in titles.get(key(text), []) if i != role.id]
            if len(found) == 1:
                setattr(role, name, found[0])
            else:
                self.unresolved.append((role.id, name, text))
                role.unmapped.append(
                    Unmapped(
                        d.filled.get(name, ["?"])[0],
                        f"{_LABELS[name].render(self.lang)}: {text}",
                    )
                )
        for text in d.career:
            found = _titles_in(text, titles, role.id)
            for found_id in found:
                if found_id not in role.career:
                    role.career.append(found_id)
            if not found or not _only_titles(text, titles):
                role.unmapped.append(Unmapped(d.filled.get("career", ["?"])[0], text))
                if not found:
                    self.unresolved.append((role.id, "career", text))
        for target in d.targets:
            kpi = self._kpi(
                target.name, target.target or "", target.period, target.source, role.id, allocator
            )
            if any(k == kpi for k, _, _ in role.kpis):
                role.unmapped.append(Unmapped(target.where, target.written or target.name))
                continue
            written = target.target or ""
            unit = next((k.unit for k in self.new_kpis if k.id == kpi), "")
            if written and unit and not values.target_unit(written):
                written += unit  # 为0 of a rate new to the catalogue: "= 0%", in the KPI's unit
            role.kpis.append((kpi, written, target.weight))
        for duty in d.duties:
            ids = []
            for measure in duty.measures:
                found = self.catalogue.get(key(measure))
                if found:
                    ids.append(found)
                else:
                    role.unmapped.append(
                        Unmapped(duty.where, f"{Message('jd.label-measures').render(self.lang)}: {measure}")
                    )
            role.duty_kpis.append(list(dict.fromkeys(ids)))
        role.unmapped = d.in_file_order(role.unmapped)
        if not d.filled.get("title"):
            self.work.append((role.id, "title"))
        if not d.purpose:
            self.work.append((role.id, "purpose"))
        if not d.duties:
            self.work.append((role.id, "duties"))
        if not d.unit:
            self.work.append((role.id, "unit"))

    def _kpi(
        self, name: str, target: str, period: str | None, source: str, role: str, allocator: IdAllocator
    ) -> str:
        found = self.catalogue.get(key(name))
        if found:
            return found
        unit = values.target_unit(target) or ("%" if name.endswith("率") else "分")
        kpi_id = allocator.allocate(base_id(name, "kpi"))
        self.new_kpis.append(NewKpi(kpi_id, name, unit, values.direction(name, target), period, source, role))
        self.catalogue[key(name)] = kpi_id
        return kpi_id

    def changes(self, roles: list[RoleOut]) -> list[FileChange]:
        root = self.project.root
        out: list[FileChange] = []
        if not self.project.exists and self.languages != ("zh",):
            out.append(FileChange("orgc.yaml", config_yaml(self.languages).encode("utf-8"), "create"))
        plan = Plan((), self.new_units, (), (), (), ())
        if self.project.org_file:
            if self.new_units:
                out.append(merged_org(root, self.project.org_file, plan, self.default_lang))
        else:
            roots = [u for u in self.new_units if u.parent is None]
            named = Plan((), self.new_units, (), (), (), roots[0].name if len(roots) == 1 else ())
            text = new_org(named, root, self.default_lang)
            out.append(FileChange("specs/org.yaml", text.encode("utf-8"), "create"))
        if self.new_kpis:
            stem, n = "imported", 1
            while (root / "specs" / "kpis" / f"{stem}.yaml").exists():
                n += 1
                stem = f"imported-{n}"
            text = kpis_yaml(self.new_kpis, self.lang, self.default_lang)
            out.append(FileChange(f"specs/kpis/{stem}.yaml", text.encode("utf-8"), "create"))
        for role in roles:
            text = role_yaml(role, self.lang, self.default_lang, self.said)
            out.append(FileChange(role.file, text.encode("utf-8"), "create"))
        return out


_LABELS = {"reports_to": Message("jd.label-reports_to"), "dotted_to": Message("jd.label-dotted_to")}


def _titles_in(text: str, titles: dict[str, list[str]], own: str) -> list[str]:
    """The roles whose unique title the text names, longest titles first, in the order written."""
    folded = key(text)
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for title in sorted(titles, key=len, reverse=True):
        ids = [i for i in titles[title] if i != own]
        if len(title) < 2 or len(set(ids)) != 1:
            continue
        at = folded.find(title)
        if at < 0 or any(a < at + len(title) and at < b for a, b in covered):
            continue
        covered.append((at, at + len(title)))
        found.append((at, ids[0]))
    return [i for _, i in sorted(found)]


def _only_titles(text: str, titles: dict[str, list[str]]) -> bool:
    parts = [p for p in cells.list_items(text) if p]
    return bool(parts) and all(key(p) in titles for p in parts)
