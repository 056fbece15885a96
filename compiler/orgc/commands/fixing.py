"""``orgc check --fix [--dry-run]``: the diagnostics' Fixes, rewritten into the spec files.

The fixes are worked out on a copy of ``specs/`` and ``orgc.yaml`` in a temporary folder,
round after round (a repaired colon may let the next check see a problem with a fix of its
own), until no fix is offered or after ``MAX_ROUNDS``. Only then are the files that changed
written into the project, each atomically, and only if it is still as it was read. The
edits themselves are applied by ``orgc.fix``: every character they do not name, the BOM and
the line endings included, stays as it was.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CONFIG_FILE
from ..diagnostics import Diagnostic, Fix
from ..fix import apply_fixes
from ..i18n import Message
from ..result import CheckResult

MAX_ROUNDS = 5
_BOM = b"\xef\xbb\xbf"


@dataclass
class Fixing:
    """What a run of fixing did: the files' texts before and after, and what was said."""

    before: dict[str, bytes] = field(default_factory=dict)  # as read, for the files fixed
    after: dict[str, bytes] = field(default_factory=dict)
    lines: list[Message] = field(default_factory=list)  # one per fix applied or left
    applied: int = 0
    first: CheckResult | None = None  # the check of the copy as read
    result: CheckResult | None = None  # the check of the fixed copy


def writable(rel: str) -> bool:
    """Whether ``--fix`` may write the file: one under specs/, or orgc.yaml."""
    parts = rel.split("/")
    return (rel == CONFIG_FILE or (len(parts) > 1 and parts[0] == "specs")) and ".." not in parts


def fix_copy(project: Path, check: Callable[[Path], CheckResult]) -> Fixing:
    """Apply the fixes the checks of a copy of ``project`` offer, round after round, to the copy.

    The copy is checked first too: a fix names characters by place, which only the text it
    was found in is sure to have there.
    """
    fixing = Fixing()
    with tempfile.TemporaryDirectory(prefix="orgc-fix-") as folder:
        copy = Path(folder)
        _copy_project(project, copy)
        result = fixing.first = check(copy)
        for _round in range(MAX_ROUNDS):
            offered = [d for d in result.diagnostics if d.fix is not None]
            if not offered or not _apply_round(copy, offered, fixing):
                break
            result = check(copy)
        else:
            for diagnostic in result.diagnostics:
                if diagnostic.fix is not None:
                    fixing.lines.append(Message("check.fix.rounds", **_said(diagnostic), rounds=MAX_ROUNDS))
        fixing.result = result
        for rel in fixing.before:
            fixing.after[rel] = (copy / rel).read_bytes()
    changed = {rel for rel in fixing.before if fixing.before[rel] != fixing.after[rel]}
    fixing.before = {rel: fixing.before[rel] for rel in sorted(changed)}
    fixing.after = {rel: fixing.after[rel] for rel in sorted(changed)}
    return fixing


def _apply_round(copy: Path, offered: list[Diagnostic], fixing: Fixing) -> bool:
    """One round of fixes on the copy; whether any was applied."""
    by_fix: dict[int, Diagnostic] = {}
    fixes: list[Fix] = []
    texts: dict[str, str] = {}
    boms: dict[str, bool] = {}
    for diagnostic in offered:
        fix = diagnostic.fix
        assert fix is not None
        files = {edit.file for edit in fix.edits}
        outside = sorted(rel for rel in files if not (writable(rel) and _regular(copy / rel)))
        if outside:
            reason = Message("check.fix.outside")
            fixing.lines.append(Message("check.fix.not-written", file=outside[0], reason=reason))
            continue
        for rel in files - texts.keys():
            raw = (copy / rel).read_bytes()
            fixing.before.setdefault(rel, raw)
            boms[rel] = raw.startswith(_BOM)
            texts[rel] = raw[len(_BOM) if boms[rel] else 0 :].decode("utf-8")
        by_fix[id(fix)] = diagnostic
        fixes.append(fix)
    done = apply_fixes(texts, fixes)
    for fix in done.applied:
        fixing.lines.append(Message("check.fix.applied", **_said(by_fix[id(fix)])))
    changed = False
    for rel, text in done.texts.items():
        if text != texts[rel]:
            (copy / rel).write_bytes((_BOM if boms[rel] else b"") + text.encode("utf-8"))
            changed = True
    if not changed:
        for fix in done.left:
            fixing.lines.append(Message("check.fix.overlaps", **_said(by_fix[id(fix)])))
        return False
    fixing.applied += len(done.applied)
    return True


def _said(diagnostic: Diagnostic) -> dict[str, object]:
    """Where a fix is, and what it does: the parameters of every line about one."""
    assert diagnostic.fix is not None
    return {"location": str(diagnostic.location), "what": diagnostic.fix.what}


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _copy_project(project: Path, copy: Path) -> None:
    """specs/ and orgc.yaml, all that a check reads; links are copied as links."""
    specs = project / "specs"
    if specs.is_dir() and not specs.is_symlink():
        shutil.copytree(specs, copy / "specs", symlinks=True, ignore=_special_files)
    config = project / CONFIG_FILE
    if _regular(config):
        shutil.copy2(config, copy / CONFIG_FILE)


def _special_files(folder: str, names: list[str]) -> list[str]:
    """Named pipes, sockets and devices: not copied (reading a pipe would wait forever)."""
    ignored = []
    for name in names:
        try:
            mode = os.lstat(os.path.join(folder, name)).st_mode
        except OSError:
            ignored.append(name)
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
            ignored.append(name)
    return ignored


def write_fixed(project: Path, fixing: Fixing) -> Iterator[Message]:
    """Write each fixed file into the project, unless it changed since it was read; say what was not."""
    for rel, after in fixing.after.items():
        target = project / rel
        if not writable(rel) or not _regular(target) or not _inside(project, target):
            yield Message("check.fix.not-written", file=rel, reason=Message("check.fix.outside"))
            continue
        try:
            if target.read_bytes() != fixing.before[rel]:
                yield Message("check.fix.changed", file=rel)
                continue
            _replace(target, after)
        except OSError as exc:
            yield Message("check.fix.not-written", file=rel, reason=exc.strerror or str(exc))


def _inside(project: Path, target: Path) -> bool:
    try:
        target.resolve().relative_to(project.resolve())
    except (OSError, ValueError):
        return False
    return True


def _replace(target: Path, content: bytes) -> None:
    """Write ``content`` to a new file beside ``target``, with its mode, and put it in its place."""
    mode = stat.S_IMODE(target.stat().st_mode)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".orgc-fix", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def unified_diff(fixing: Fixing) -> str:
    """The changes as a unified diff (a/ and b/ paths, as git shows them)."""
    out: list[str] = []
    for rel, after in fixing.after.items():
        old = _lines(fixing.before[rel])
        new = _lines(after)
        for line in difflib.unified_diff(old, new, f"a/{rel}", f"b/{rel}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(raw: bytes) -> list[str]:
    """Lines as '\n' ends them (a CR stays at the end of its line, U+2028 inside it)."""
    parts = raw.decode("utf-8-sig").split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
