"""``orgc import ROSTER --merge``: this year's roster over last year's specs.

The fields a roster owns (title, unit, reports_to, headcount, grade) are changed where they are
written in each role file; everything else in the file stays byte for byte. Rows that are new
become roles as a first import makes them, roles the roster no longer lists are reported (and
deleted with ``--remove-missing``), and every file is written, or none.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..i18n import Message, os_reason, verbatim
from ..paths import OutsideProject, inside
from .columns import Header, find_header, parse_maps
from .edit import OWNED, EditRefused, edit_fields, read_data
from .emit import role_yaml, scalar
from .importer import (
    ImportOptions,
    ImportRefused,
    Outcome,
    also_reported,
    blocking_errors,
    check_result,
    columns_note,
    merged_org,
    new_diagnostics,
    read_note,
    refuse_links,
    refuse_too_large,
    refused_for,
    rejected,
    said_in,
    work_kind,
    work_left,
)
from .plan import Plan, PlannedRole, make_plan
from .project import KnownRole, Project, snapshot
from .read import read_roster
from .write import FileChange, apply

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any  # as the file has it (None: absent)
    after: Any  # as the roster gives it (None: removed)


@dataclass(frozen=True)
class RoleUpdate:
    role: str
    file: str
    fields: tuple[FieldChange, ...]  # changed
    refused: tuple[tuple[str, Message], ...]  # fields left as they were, and why
    change: FileChange | None  # None when nothing in the file changes


def run_merge(options: ImportOptions) -> Outcome:
    """Merge a roster into an existing project; raises ImportRefused (or a reading error) for exit code 2."""
    if options.force:
        raise ImportRefused(Message("import.merge-and-force"))
    sheets = read_roster(options.roster, options.sheet, options.encoding)
    maps = parse_maps(options.maps)
    refuse_links(options.project)
    project = snapshot(options.project)
    if not project.exists or not project.roles:
        raise ImportRefused(Message("import.merge-no-project", folder=str(options.project)))
    default_lang = project.languages[0]
    lang = options.lang or default_lang
    said = said_in(options, project.languages)
    sheet, header, header_problems = find_header(sheets, maps, lang)
    out = [read_note(options.roster, sheet, lang).render(said)]
    if header is None or header_problems:
        return rejected(out, sheet, header_problems, said)
    out.append(columns_note(header).render(said))
    plan = make_plan(sheet, header, project, lang, said, merge=True)
    out += [Message("import.note", note=note).render(said) for note in plan.notes]
    if not plan.ok:
        return rejected(out, sheet, plan.problems, said)

    changes: list[FileChange] = []
    if plan.units:
        changes.append(merged_org(project.root, project.org_file or "specs/org.yaml", plan, default_lang))
    known = {r.id: r for r in project.roles}
    updates = [_update(project, known[r.id], r, header, default_lang) for r in plan.roles if r.replaces]
    changes += [u.change for u in updates if u.change is not None]
    new_roles = [r for r in plan.roles if not r.replaces]
    for role in new_roles:
        content = role_yaml(role, default_lang, sheet.name).encode("utf-8")
        changes.append(FileChange(role.file, content, "create"))
    listed = {r.id for r in plan.roles}
    missing = [r for r in project.roles if r.id not in listed]
    if options.remove_missing:
        _refuse_dependants(missing, plan, known, header.of("reports_to") is not None)
        changes += _deletions(project, missing, listed)
    refuse_too_large(changes)

    result = check_result(project, changes)
    new = new_diagnostics(result.diagnostics, project.baseline)
    blocking = blocking_errors(new)
    if blocking:
        return Outcome(1, (*out, *refused_for(blocking, said)))
    created = {c.rel for c in changes if c.action == "create"}
    fresh = {id(d) for d in new}
    work = [d for d in result.diagnostics if work_kind(d) and d.location.file in created and id(d) in fresh]
    if not options.dry_run:
        apply(project.root, changes, force=False)

    dry = options.dry_run
    out += _told_updates(updates, dry, said)
    for change in changes:
        if change.action == "create":
            added = (
                Message("import.merge-would-add", file=change.rel)
                if dry
                else Message("import.merge-added", file=change.rel)
            )
            out.append(added.render(said))
        elif change.action == "merge":
            described = change.describe(len(plan.units))
            wrote = (
                Message("import.would-write", file=described)
                if dry
                else Message("import.wrote", file=described)
            )
            out.append(wrote.render(said))
    out += _told_missing(missing, options.remove_missing, dry, said)
    updated = sum(1 for u in updates if u.change is not None)
    counts = (
        Message("import.roles", count=updated),
        Message("import.roles", count=len(new_roles)),
        Message("import.units", count=len(plan.units)),
        Message("import.roles", count=len(missing) if options.remove_missing else 0),
        str(options.project),
    )
    out.append(_done(dry, *counts).render(said))
    out += work_left(work, {r.id: r.row for r in plan.roles}, options.project, said)
    out += also_reported([d for d in new if work_kind(d) is None], said)
    if dry:
        out += _unified_diff(changes)
    return Outcome(0, tuple(out))


# -- one role ------------------------------------------------------------------------------------


def _update(
    project: Project, known: KnownRole, role: PlannedRole, header: Header, default_lang: str
) -> RoleUpdate:
    """The owned fields of one role file set to the roster's values, as a text edit of the file."""
    try:
        raw = _read(project, known.file)
    except OSError as exc:
        raise ImportRefused(
            Message("import.cannot-read-org", file=known.file, reason=os_reason(exc))
        ) from None
    bom = _BOM if raw.startswith(_BOM) else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
        data = read_data(text, known.file)
    except (UnicodeDecodeError, EditRefused):
        raise ImportRefused(Message("import.merge-unreadable", role=role.id, file=known.file)) from None
    wanted: dict[str, Any] = {}
    for field, value in _roster_values(role, header, data, default_lang).items():
        if data.get(field) != value:
            wanted[field] = value
    if not wanted:
        return RoleUpdate(role.id, known.file, (), (), None)
    try:
        edited = edit_fields(text, known.file, wanted)
    except EditRefused as exc:
        raise ImportRefused(
            Message("import.merge-refused-file", file=known.file, reason=exc.message)
        ) from None
    refused = dict(edited.refused)
    fields = tuple(FieldChange(f, data.get(f), wanted[f]) for f in OWNED if f in wanted and f not in refused)
    content = bom + edited.text.encode("utf-8")
    change = FileChange(known.file, content, "update", raw) if content != raw else None
    return RoleUpdate(role.id, known.file, fields, tuple(edited.refused), change)


def _roster_values(
    role: PlannedRole, header: Header, data: dict[str, Any], default_lang: str
) -> dict[str, Any]:
    """What the roster says of each field it owns, as the file would hold it."""
    values: dict[str, Any] = {"title": _title(data.get("title"), dict(role.title), default_lang)}
    values["unit"] = role.unit
    if header.of("reports_to") is not None:
        values["reports_to"] = role.reports_to
    if header.of("headcount") is not None and role.headcount is not None:
        values["headcount"] = str(role.headcount)
    if header.of("grade") is not None and role.grade:
        values["grade"] = role.grade
    return values


def _title(before: Any, given: dict[str, str], default_lang: str) -> Any:
    """The roster's title in the languages it gives, the file's in the others."""
    if isinstance(before, dict):
        return {**before, **given}
    merged = {default_lang: before} if isinstance(before, str) else {}
    merged.update(given)
    if set(merged) == {default_lang}:
        return merged[default_lang]
    return merged


# -- roles the roster no longer lists ------------------------------------------------------------


def _refuse_dependants(
    missing: Sequence[KnownRole], plan: Plan, known: dict[str, KnownRole], owned: bool
) -> None:
    """A role that stays may not report to one that goes (to the roster's supervisor, if it has a column)."""
    gone = {r.id for r in missing}
    bosses = ((r.id, r.reports_to if owned else known[r.id].reports_to) for r in plan.roles if r.id in known)
    still = [(role, boss) for role, boss in bosses if boss in gone]
    if still:
        lines = verbatim("\n  ".join(f"{role} → {boss}" for role, boss in still))
        raise ImportRefused(Message("import.merge-dependants", roles=lines))


def _deletions(project: Project, missing: Sequence[KnownRole], listed: set[str]) -> list[FileChange]:
    kept_files = {r.file for r in project.roles if r.id in listed}
    changes = []
    for role in missing:
        if role.file in kept_files or any(c.rel == role.file for c in changes):
            raise ImportRefused(Message("import.merge-shared-file", role=role.id, file=role.file))
        try:
            raw = _read(project, role.file)
        except OSError as exc:
            raise ImportRefused(
                Message("import.cannot-read-org", file=role.file, reason=os_reason(exc))
            ) from None
        changes.append(FileChange(role.file, b"", "delete", raw))
    return changes


def _read(project: Project, rel: str) -> bytes:
    """A file of the project, never through a link (as the import writes)."""
    try:
        path = inside(project.root, rel)
    except OutsideProject as exc:
        raise ImportRefused(Message("import.link", file=exc.rel)) from None
    return path.read_bytes()


# -- what is said ----------------------------------------------------------------------------------


def _told_updates(updates: Sequence[RoleUpdate], dry: bool, said: str) -> list[str]:
    lines = []
    for update in updates:
        if update.fields:
            role, file = update.role, update.file
            told = (
                Message("import.merge-would-update", role=role, file=file)
                if dry
                else Message("import.merge-updated", role=role, file=file)
            )
            lines.append(told.render(said))
            for field, before, after in _field_lines(update.fields):
                shown = Message(
                    "import.merge-field", field=field, before=_shown(before, said), after=_shown(after, said)
                )
                lines.append(shown.render(said))
        for field, why in update.refused:
            told = Message(
                "import.merge-field-refused", role=update.role, file=update.file, field=field, reason=why
            )
            lines.append(told.render(said))
    return lines


def _done(
    dry: bool, updated: Message, added: Message, units: Message, removed: Message, folder: str
) -> Message:
    if dry:
        return Message(
            "import.merge-would-done",
            updated=updated,
            added=added,
            units=units,
            removed=removed,
            folder=folder,
        )
    return Message(
        "import.merge-done", updated=updated, added=added, units=units, removed=removed, folder=folder
    )


def _field_lines(fields: Sequence[FieldChange]) -> list[tuple[str, Any, Any]]:
    """(field, before, after) per line: a text in several languages, one line per language changed."""
    lines = []
    for change in fields:
        if isinstance(change.before, dict) and isinstance(change.after, dict):
            lines += [
                (f"{change.field}.{lang}", change.before.get(lang), text)
                for lang, text in change.after.items()
                if change.before.get(lang) != text
            ]
        else:
            lines.append((change.field, change.before, change.after))
    return lines


def _shown(value: Any, said: str) -> str:
    if value is None:
        return Message("import.merge-none").render(said)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{lang}: {scalar(str(t))}" for lang, t in value.items()) + "}"
    return str(value)


def _told_missing(missing: Sequence[KnownRole], remove: bool, dry: bool, said: str) -> list[str]:
    if not missing:
        return []
    if remove:
        return [
            (
                Message("import.merge-would-delete", role=r.id, file=r.file)
                if dry
                else Message("import.merge-deleted", role=r.id, file=r.file)
            ).render(said)
            for r in missing
        ]
    lines = [Message("import.merge-missing", count=len(missing)).render(said)]
    lines += [Message("import.merge-missing-role", role=r.id, file=r.file).render(said) for r in missing]
    return lines


def _unified_diff(changes: Sequence[FileChange]) -> list[str]:
    """The changes as `git diff` shows them, file by file."""
    lines: list[str] = []
    for change in sorted(changes, key=lambda c: c.rel):
        before = _lines(change.before) if change.action != "create" else []
        after = _lines(change.content) if change.action != "delete" else []
        old = f"a/{change.rel}" if change.action != "create" else "/dev/null"
        new = f"b/{change.rel}" if change.action != "delete" else "/dev/null"
        lines += difflib.unified_diff(before, after, old, new, lineterm="")
    return lines


def _lines(data: bytes | None) -> list[str]:
    text = (data or b"").decode("utf-8", "replace").removeprefix("\ufeff")
    return (
        text.replace("\r\n", "\n").split("\n")[:-1]
        if text.endswith("\n")
        else text.replace("\r\n", "\n").split("\n")
    )
