"""The whole import in one function: read, recognise columns, plan, check the result, then write or refuse."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..config import CONFIG_FILE
from ..diagnostics import Diagnostic, Severity
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
    "purpose": "purpose (工作目的) to write",
    "DUT004": "duties (工作职责) to write, DUT004",
    "KPI002": "KPI targets (考核指标) to set, KPI002",
    "I18N001": "texts to translate, I18N001",
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


@dataclass(frozen=True)
class Outcome:
    exit_code: int  # 0 imported (or would be), 1 the roster has problems
    lines: tuple[str, ...]


def run_import(options: ImportOptions) -> Outcome:
    """Import a roster; raises ImportRefused (or one of the reading errors) for exit code 2."""
    sheets = read_roster(options.roster, options.sheet, options.encoding)
    maps = parse_maps(options.maps)
    _refuse_links(options.project)
    project = snapshot(options.project)
    lang = options.lang or (project.languages[0] if project.exists else "zh")
    sheet, header, header_problems = find_header(sheets, maps, lang)
    if header and options.lang is None and not project.exists and _english_only(sheet, header):
        lang = "en"
        sheet, header, header_problems = find_header(sheets, maps, lang)
    out = [_read_note(options.roster, sheet, lang)]
    if header is None or header_problems:
        return _rejected(out, sheet, header_problems)
    out.append(_columns_note(header))
    plan = make_plan(sheet, header, project, lang)
    out += [f"note: {note}" for note in plan.notes]
    if not plan.ok:
        return _rejected(out, sheet, plan.problems)
    changes = _changes(plan, project, options, sheet.name)
    _refuse_too_large(changes)
    if not options.force:
        present = existing(project.root, changes)
        if present:
            raise ImportRefused(
                "these files exist and would be replaced; nothing was written. Pass --force to replace "
                "them (everything written in them is lost), or remove them from the roster:\n  "
                + "\n  ".join(present)
            )
    result = _check_result(project, changes)
    new = _new_diagnostics(result.diagnostics, project.baseline)
    blocking = [d for d in new if d.severity is Severity.ERROR and _work(d) is None]
    if blocking:
        out.append("The imported specs would have these errors; nothing was written:")
        out += [f"  {_located(d)}" for d in blocking]
        return Outcome(1, tuple(out))
    written = {c.rel for c in changes if c.action != "merge"}
    fresh = {id(d) for d in new}
    work = [d for d in result.diagnostics if _work(d) and (d.location.file in written or id(d) in fresh)]
    if not options.dry_run:
        apply(project.root, changes, options.force)
    verb = "would write" if options.dry_run else "wrote"
    for change in changes:
        out.append(f"{verb} {change.describe(len(plan.units))}")
    where = options.project
    count = len(plan.roles)
    out.append(
        f"{'Would import' if options.dry_run else 'Imported'} {count} role{'' if count == 1 else 's'} "
        f"and {len(plan.units)} new unit{'' if len(plan.units) == 1 else 's'} into {where}."
    )
    rows = {role.id: role.row for role in plan.roles}
    out += _work_left(work, rows, where)
    out += _also_reported([d for d in new if _work(d) is None])
    return Outcome(0, tuple(out))


def _refuse_links(root: Path) -> None:
    """The import writes only real folders and files of the project, never through a link."""
    for rel in (CONFIG_FILE, "specs/org.yaml", "specs/roles"):
        try:
            inside(root, rel)
        except OutsideProject as exc:
            raise ImportRefused(
                f"{exc.rel} is a symbolic link; orgc import writes only into the project's own folders, "
                "so nothing was read or written. Replace the link with the folder itself."
            ) from None


def _refuse_too_large(changes: list[FileChange]) -> None:
    """No file is written that `orgc check` would then refuse for its size (E100)."""
    for change in changes:
        if len(change.content) > MAX_FILE_BYTES:
            raise ImportRefused(
                f"{change.rel} would be {len(change.content) / 1048576:.1f} MB, more than the "
                f"{MAX_FILE_BYTES // 1048576} MB a spec file may hold; nothing was written. "
                "Shorten the texts in the roster, or import it in parts."
            )


def _english_only(sheet: Sheet, header: Header) -> bool:
    """A roster for a new project whose titles hold no Chinese is taken to be in English."""
    column = header.of("title")
    if column is None or header.of("title", "zh") is not None:
        return False
    titles = [row.cell(column.index) for row in sheet.rows if row.number > header.row]
    return not any(_has_han(t) for t in titles) and any(titles)


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _read_note(path: Path, sheet: Sheet, lang: str) -> str:
    how = sheet.read_as
    if how.startswith("sheet "):
        return f"Read {how} of {path} (texts taken as '{lang}')."
    return f"Read {path} as {how} (texts taken as '{lang}')."


def _columns_note(header: Header) -> str:
    told = ", ".join(f"{c.header} → {c.field}{'_' + c.lang if c.lang else ''}" for c in header.columns)
    note = f"Header row {header.row}: {told}."
    if header.ignored:
        note += f" Ignored: {', '.join(header.ignored)}."
    return note


def _rejected(out: list[str], sheet: Sheet, problems: Sequence[HeaderProblem | Problem]) -> Outcome:
    lines = [f"{sheet.name}:{p.row}: {p.message}" for p in problems]
    rows = len({p.row for p in problems})
    count = len(lines)
    summary = f"{count} problem{'' if count == 1 else 's'} in {rows} row{'' if rows == 1 else 's'}; nothing was written."
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
            changes.append(_merged_org(root, project.org_file, plan, default_lang))
    else:
        changes.append(
            FileChange("specs/org.yaml", _new_org(plan, root, default_lang).encode("utf-8"), "create")
        )
    for role in plan.roles:
        action = "replace" if role.replaces or (root / role.file).exists() else "create"
        changes.append(FileChange(role.file, role_yaml(role, default_lang, source).encode("utf-8"), action))
    return changes


def _new_org(plan: Plan, root: Path, default_lang: str) -> str:
    name = plan.org_name or ((default_lang, root.resolve().name or "organisation"),)
    org_id = base_id(dict(name).get("en") or first(name, default_lang), "org")
    return org_yaml(org_id, name, plan.units, default_lang)


def _merged_org(root: Path, rel: str, plan: Plan, default_lang: str) -> FileChange:
    try:
        raw = (root / rel).read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read {rel}: {exc.strerror}") from None
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    decoded = decode(raw, rel)
    try:
        if decoded.text is None:
            raise MergeRefused(f"{rel} is not UTF-8 text (run `orgc check`)")
        merged = merge_units(decoded.text, plan.units, default_lang, rel)
    except MergeRefused as exc:
        entries = "\n".join(
            line for unit in plan.units for line in unit_lines(unit, default_lang, "  ", "    ")
        )
        raise ImportRefused(
            f"cannot add the roster's units to {rel}: {exc}. Nothing was written. "
            f"Add these under `units:` yourself, then import again:\n{entries}"
        ) from None
    return FileChange(rel, bom + merged.encode("utf-8"), "merge", raw)


def _check_result(project: Project, changes: Sequence[FileChange]) -> CheckResult:
    """`orgc check` on a copy of the project with the changes laid over it."""
    from ..pipeline import check  # 165 ms, which a roster refused before this point does not need

    with tempfile.TemporaryDirectory(prefix="orgc-import-") as temp:
        staged = Path(temp) / "project"
        copy_project(project.root, staged)
        stage(staged, changes)
        return check(staged)


def _new_diagnostics(after: Sequence[Diagnostic], baseline: Sequence[Diagnostic]) -> list[Diagnostic]:
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


def _work(d: Diagnostic) -> str | None:
    if d.code == "E102" and "'purpose'" in d.message:
        return "purpose"
    return d.code if d.code in WORK_LEFT else None


def _work_left(work: Sequence[Diagnostic], rows: dict[str, int], where: Path) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    for d in work:
        kind = _work(d)
        subject = d.subject.id if d.subject else PurePath(d.location.file).stem
        listed = by_kind.setdefault(kind or "", [])
        if kind == "I18N001" or subject not in listed:
            listed.append(subject)
    if not by_kind:
        return []
    lines = [f"Work left — what the roster does not say (`orgc check {where}` shows each place):"]
    for kind in WORK_LEFT:
        subjects = by_kind.get(kind)
        if not subjects:
            continue
        if kind == "I18N001":
            lines.append(f"  {_WORK_WORDS[kind]}: {len(subjects)}")
            continue
        subjects.sort(key=lambda s: (rows.get(s, 0), s))
        shown = ", ".join(subjects[:_LISTED])
        more = f" … and {len(subjects) - _LISTED} more" if len(subjects) > _LISTED else ""
        roles = f"{len(subjects)} role{'' if len(subjects) == 1 else 's'}"
        lines.append(f"  {_WORK_WORDS[kind]}: {roles} — {shown}{more}")
    return lines


def _also_reported(others: Sequence[Diagnostic]) -> list[str]:
    """New diagnostics beyond the work left, a few per code (a large roster can give thousands)."""
    if not others:
        return []
    lines = ["Also reported on the result (review them with `orgc check`):"]
    by_code: dict[str, list[Diagnostic]] = {}
    for d in others:
        by_code.setdefault(d.code, []).append(d)
    for code, found in by_code.items():
        lines += [f"  {_located(d)}" for d in found[:_PER_CODE]]
        if len(found) > _PER_CODE:
            lines.append(f"  … and {len(found) - _PER_CODE} more {code} ({found[0].severity.label})")
    return lines


def _located(d: Diagnostic) -> str:
    message = d.message if len(d.message) <= _MESSAGE_WIDTH else d.message[: _MESSAGE_WIDTH - 1] + "…"
    return f"{d.location}: {d.severity.label} {d.code} {message}"
