"""The whole import in one function: read, recognise columns, plan, check the result, then write or refuse."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..config import CONFIG_FILE
from ..diagnostics import Diagnostic, Severity
from ..i18n import Message, default_language, os_reason, verbatim
from ..load.text import MAX_FILE_BYTES, decode
from ..paths import OutsideProject, inside
from ..result import CheckResult
from . import ImportProblem
from .columns import Header, HeaderProblem, find_header, parse_maps
from .emit import config_yaml, org_yaml, role_yaml, unit_lines
from .ids import base_id
from .merge import MergeRefused, merge_units
from .plan import Plan, Problem, make_plan
from .project import Project, snapshot
from .read import Sheet, read_roster
from .text import first
from .write import FileChange, apply, copy_project, existing, stage

# What a roster cannot say, reported as the work left rather than as a failure of the import.
WORK_LEFT = ("purpose", "DUT004", "KPI002", "I18N001")
_WORK_WORDS = {
    "purpose": Message("import.work-purpose"),
    "DUT004": Message("import.work-duties"),
    "KPI002": Message("import.work-kpis"),
    "I18N001": Message("import.work-translations"),
}
_SEVERITY_WORDS = {
    Severity.ERROR: Message("explain.error"),
    Severity.WARNING: Message("explain.warning"),
    Severity.INFO: Message("explain.info"),
}
_LISTED = 8
_PER_CODE = 3
_MESSAGE_WIDTH = 160


class ImportRefused(ImportProblem):
    """The import cannot go ahead for a reason outside the roster's rows (exit code 2)."""


@dataclass(frozen=True)
class ImportOptions:
    roster: Path
    project: Path
    force: bool = False
    dry_run: bool = False
    maps: tuple[str, ...] = ()
    sheet: str | None = None
    encoding: str | None = None
    lang: str | None = None
    messages: str | None = None  # the language of what is said (docs/messages.md)
    merge: bool = False  # change only the fields a roster owns in the roles already there
    remove_missing: bool = False  # with merge: delete the roles the roster no longer lists


@dataclass(frozen=True)
class Outcome:
    exit_code: int  # 0 imported (or would be), 1 the roster has problems
    lines: tuple[str, ...]


def run_import(options: ImportOptions) -> Outcome:
    """Import a roster; raises ImportRefused (or one of the reading errors) for exit code 2."""
    sheets = read_roster(options.roster, options.sheet, options.encoding)
    maps = parse_maps(options.maps)
    refuse_links(options.project)
    project = snapshot(options.project)
    lang = options.lang or (project.languages[0] if project.exists else "zh")
    said = said_in(options, project.languages if project.exists else ())
    sheet, header, header_problems = find_header(sheets, maps, lang)
    if header and options.lang is None and not project.exists and _english_only(sheet, header):
        lang = "en"
        sheet, header, header_problems = find_header(sheets, maps, lang)
    out = [read_note(options.roster, sheet, lang).render(said)]
    if header is None or header_problems:
        return rejected(out, sheet, header_problems, said)
    out.append(columns_note(header).render(said))
    plan = make_plan(sheet, header, project, lang, said)
    out += [Message("import.note", note=note).render(said) for note in plan.notes]
    if not plan.ok:
        return rejected(out, sheet, plan.problems, said)
    changes = _changes(plan, project, options, sheet.name)
    refuse_too_large(changes)
    if not options.force:
        present = existing(project.root, changes)
        if present:
            raise ImportRefused(Message("import.files-exist", files=verbatim("\n  ".join(present))))
    result = check_result(project, changes)
    new = new_diagnostics(result.diagnostics, project.baseline)
    blocking = blocking_errors(new)
    if blocking:
        return Outcome(1, (*out, *refused_for(blocking, said)))
    written = {c.rel for c in changes if c.action != "merge"}
    fresh = {id(d) for d in new}
    work = [d for d in result.diagnostics if work_kind(d) and (d.location.file in written or id(d) in fresh)]
    if not options.dry_run:
        apply(project.root, changes, options.force)
    for change in changes:
        described = change.describe(len(plan.units))
        wrote = (
            Message("import.would-write", file=described)
            if options.dry_run
            else Message("import.wrote", file=described)
        )
        out.append(wrote.render(said))
    where = options.project
    roles, units = (
        Message("import.roles", count=len(plan.roles)),
        Message("import.units", count=len(plan.units)),
    )
    if options.dry_run:
        done = Message("import.would-import", roles=roles, units=units, folder=str(where))
    else:
        done = Message("import.imported", roles=roles, units=units, folder=str(where))
    out.append(done.render(said))
    rows = {role.id: role.row for role in plan.roles}
    out += work_left(work, rows, where, said)
    out += also_reported([d for d in new if work_kind(d) is None], said)
    return Outcome(0, tuple(out))


def said_in(options: ImportOptions, languages: Sequence[str]) -> str:
    """The language an import speaks: --messages, the project's, the roster's as --lang gives it, or English."""
    if options.messages:
        return options.messages
    if languages:
        return default_language(languages)
    return options.lang if options.lang in ("zh", "en") else "en"


def refuse_links(root: Path) -> None:
    """The import writes only real folders and files of the project, never through a link."""
    for rel in (CONFIG_FILE, "specs/org.yaml", "specs/roles"):
        try:
            inside(root, rel)
        except OutsideProject as exc:
            raise ImportRefused(Message("import.project-link", file=exc.rel)) from None


def refuse_too_large(changes: list[FileChange]) -> None:
    """No file is written that `orgc check` would then refuse for its size (E100)."""
    for change in changes:
        if len(change.content) > MAX_FILE_BYTES:
            size, limit = len(change.content) / 1048576, MAX_FILE_BYTES // 1048576
            raise ImportRefused(Message("import.spec-too-large", file=change.rel, size=size, limit=limit))


def _english_only(sheet: Sheet, header: Header) -> bool:
    """A roster for a new project whose titles hold no Chinese is taken to be in English."""
    column = header.of("title")
    if column is None or header.of("title", "zh") is not None:
        return False
    titles = [row.cell(column.index) for row in sheet.rows if row.number > header.row]
    return not any(_has_han(t) for t in titles) and any(titles)


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def read_note(path: Path, sheet: Sheet, lang: str) -> Message:
    if sheet.is_sheet:
        return Message("import.read-sheet", sheet=sheet.read_as, file=str(path), lang=lang)
    return Message("import.read-file", file=str(path), how=sheet.read_as, lang=lang)


def columns_note(header: Header) -> Message:
    told = verbatim(
        ", ".join(f"{c.header} → {c.field}{'_' + c.lang if c.lang else ''}" for c in header.columns)
    )
    ignored = Message("import.ignored", columns=header.ignored) if header.ignored else None
    return Message("import.header-row", row=header.row, columns=told, ignored=ignored)


def rejected(out: list[str], sheet: Sheet, problems: Sequence[HeaderProblem | Problem], said: str) -> Outcome:
    lines = [f"{sheet.name}:{p.row}: {p.message.render(said)}" for p in problems]
    rows = Message("import.rows", count=len({p.row for p in problems}))
    summary = Message("import.problems", count=len(lines), rows=rows).render(said)
    return Outcome(1, (*out, *lines, summary))


def _changes(plan: Plan, project: Project, options: ImportOptions, source: str) -> list[FileChange]:
    root = project.root
    languages = project.languages if project.exists else (plan.languages or ("zh",))
    default_lang = languages[0]
    changes: list[FileChange] = []
    if not project.exists and languages != ("zh",):
        changes.append(FileChange("orgc.yaml", config_yaml(languages).encode("utf-8"), "create"))
    if project.org_file:
        if plan.units:
            changes.append(merged_org(root, project.org_file, plan, default_lang))
    else:
        changes.append(
            FileChange("specs/org.yaml", new_org(plan, root, default_lang).encode("utf-8"), "create")
        )
    for role in plan.roles:
        action = "replace" if role.replaces or (root / role.file).exists() else "create"
        changes.append(FileChange(role.file, role_yaml(role, default_lang, source).encode("utf-8"), action))
    return changes


def new_org(plan: Plan, root: Path, default_lang: str) -> str:
    name = plan.org_name or ((default_lang, root.resolve().name or "organisation"),)
    org_id = base_id(dict(name).get("en") or first(name, default_lang), "org")
    return org_yaml(org_id, name, plan.units, default_lang)


def merged_org(root: Path, rel: str, plan: Plan, default_lang: str) -> FileChange:
    try:
        raw = (root / rel).read_bytes()
    except OSError as exc:
        raise ImportRefused(Message("import.cannot-read-org", file=rel, reason=os_reason(exc))) from None
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    decoded = decode(raw, rel)
    try:
        if decoded.text is None:
            raise MergeRefused(Message("import.org-not-utf8", file=rel))
        merged = merge_units(decoded.text, plan.units, default_lang, rel)
    except MergeRefused as exc:
        entries = "\n".join(
            line for unit in plan.units for line in unit_lines(unit, default_lang, "  ", "    ")
        )
        raise ImportRefused(
            Message("import.cannot-merge", file=rel, reason=exc.message, entries=verbatim(entries))
        ) from None
    return FileChange(rel, bom + merged.encode("utf-8"), "merge", raw)


def check_result(project: Project, changes: Sequence[FileChange]) -> CheckResult:
    """`orgc check` on a copy of the project with the changes laid over it."""
    from ..pipeline import check  # 165 ms, which a roster refused before this point does not need

    with tempfile.TemporaryDirectory(prefix="orgc-import-") as temp:
        staged = Path(temp) / "project"
        copy_project(project.root, staged)
        stage(staged, changes)
        return check(staged)


def new_diagnostics(after: Sequence[Diagnostic], baseline: Sequence[Diagnostic]) -> list[Diagnostic]:
    """What the import adds to the project's report (line numbers aside, since org.yaml grows)."""
    before = Counter((d.code, d.location.file, d.message) for d in baseline)
    new = []
    for d in after:
        key = (d.code, d.location.file, d.message)
        if before[key]:
            before[key] -= 1
        else:
            new.append(d)
    return new


def work_kind(d: Diagnostic) -> str | None:
    if d.code == "E102" and "'purpose'" in d.message:
        return "purpose"
    return d.code if d.code in WORK_LEFT else None


def work_left(work: Sequence[Diagnostic], rows: dict[str, int], where: Path, said: str) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    for d in work:
        kind = work_kind(d)
        subject = d.subject.id if d.subject else PurePath(d.location.file).stem
        listed = by_kind.setdefault(kind or "", [])
        if kind == "I18N001" or subject not in listed:
            listed.append(subject)
    if not by_kind:
        return []
    lines = [Message("import.work-left", folder=str(where)).render(said)]
    for kind in WORK_LEFT:
        subjects = by_kind.get(kind)
        if not subjects:
            continue
        if kind == "I18N001":
            lines.append(
                "  " + Message("import.work-count", what=_WORK_WORDS[kind], count=len(subjects)).render(said)
            )
            continue
        subjects.sort(key=lambda s: (rows.get(s, 0), s))
        shown = verbatim(", ".join(subjects[:_LISTED]))
        more = Message("import.more", count=len(subjects) - _LISTED) if len(subjects) > _LISTED else None
        roles = Message("import.roles", count=len(subjects))
        work = Message("import.work", what=_WORK_WORDS[kind], roles=roles, ids=shown, more=more)
        lines.append("  " + work.render(said))
    return lines


def also_reported(others: Sequence[Diagnostic], said: str) -> list[str]:
    """New diagnostics beyond the work left, a few per code (a large roster can give thousands)."""
    if not others:
        return []
    lines = [Message("import.also-reported").render(said)]
    by_code: dict[str, list[Diagnostic]] = {}
    for d in others:
        by_code.setdefault(d.code, []).append(d)
    for code, found in by_code.items():
        lines += [f"  {located(d, said)}" for d in found[:_PER_CODE]]
        if len(found) > _PER_CODE:
            more = Message(
                "import.more-of-code",
                count=len(found) - _PER_CODE,
                code=code,
                severity=_SEVERITY_WORDS[found[0].severity],
            )
            lines.append("  " + more.render(said))
    return lines


def blocking_errors(new: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The errors an import would bring that are not the work it leaves (a missing purpose …)."""
    return [d for d in new if d.severity is Severity.ERROR and work_kind(d) is None]


def refused_for(blocking: Sequence[Diagnostic], said: str) -> list[str]:
    """What an import that would leave these errors says instead of writing."""
    return [Message("import.would-have-errors").render(said), *(f"  {located(d, said)}" for d in blocking)]


def located(d: Diagnostic, said: str) -> str:
    message = d.message_in(said)
    message = message if len(message) <= _MESSAGE_WIDTH else message[: _MESSAGE_WIDTH - 1] + "…"
    return f"{d.location}: {d.severity.label} {d.code} {message}"
