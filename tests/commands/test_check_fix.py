"""orgc check --fix [--dry-run]: the Fixes written into the spec files, nothing else touched."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

from helpers import GOOD, TODAY, run_check, run_cli
from orgc.commands.fixing import MAX_ROUNDS, fix_copy, write_fixed
from orgc.diagnostics import Diagnostic, Edit, Fix, Location, Severity
from orgc.fix import apply_fixes
from orgc.i18n import verbatim
from orgc.pipeline import check
from orgc.result import CheckResult

LEAD = "specs/roles/cs-team-lead.yaml"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(GOOD, project)
    return project


def _broken(project: Path, newline: bytes = b"\n", bom: bool = False) -> tuple[bytes, set[int]]:
    """cs-team-lead.yaml with full-width punctuation, comments and odd spacing; the lines broken."""
    lines = (project / LEAD).read_bytes().split(b"\n")
    lines[0] = b"id: cs-team-lead    # \xe7\x8f\xad\xe7\xbb\x84\xe9\x95\xbf, kept"
    lines[5] = "headcount：   4".encode()  # line 6
    lines[32] = "    years：2   # 年限".encode()  # line 33
    lines[43] = "environment:  {zh: 办公室为主, 轮班,   en: 'Office, shifts'}".encode()  # line 44
    text = newline.join(lines)
    (project / LEAD).write_bytes((b"\xef\xbb\xbf" if bom else b"") + text)
    return text, {5, 32, 43}


def _fix(project: Path, *options: str):  # type: ignore[no-untyped-def]
    return run_cli("check", project, "--fix", *options, "--today", TODAY, "--messages", "en")


def _assert_only_broken_lines_changed(before: bytes, after: bytes, newline: bytes, broken: set[int]) -> None:
    old, new = before.split(newline), after.split(newline)
    assert len(old) == len(new)
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == sorted(broken)


def test_fix_repairs_a_crlf_file_with_a_bom_and_touches_nothing_else(tmp_path: Path) -> None:
    project = _project(tmp_path)
    text, broken = _broken(project, b"\r\n", bom=True)
    result = _fix(project)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{LEAD}:6:10: fixed: replace '：' by ': '",
        f"{LEAD}:33:10: fixed: replace '：' by ': '",
        f'{LEAD}:44:25: fixed: put the text in quotes: "办公室为主, 轮班"',
        "3 fixes applied",
    ]
    after = (project / LEAD).read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and after.count(b"\r\n") == text.count(b"\r\n")
    _assert_only_broken_lines_changed(text, after[3:], b"\r\n", broken)
    lines = after[3:].split(b"\r\n")
    assert lines[5] == b"headcount:   4"
    assert lines[32] == "    years: 2   # 年限".encode()
    assert lines[43] == "environment:  {zh: \"办公室为主, 轮班\",   en: 'Office, shifts'}".encode()
    assert run_check(project).diagnostics == []


def test_fix_keeps_a_missing_last_newline(tmp_path: Path) -> None:
    project = _project(tmp_path)
    text, broken = _broken(project)
    text = text.rstrip(b"\n")
    (project / LEAD).write_bytes(text)
    assert _fix(project).exit_code == 0
    after = (project / LEAD).read_bytes()
    _assert_only_broken_lines_changed(text, after, b"\n", broken)
    assert after.endswith(b"en: 'Office, shifts'}")


def test_fix_keeps_the_mode_and_writes_only_the_fixed_file(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _broken(project)
    os.chmod(project / LEAD, 0o640)
    others = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and p != project / LEAD}
    assert _fix(project).exit_code == 0
    assert (project / LEAD).stat().st_mode & 0o777 == 0o640
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and p != project / LEAD} == others
    assert sorted(p.name for p in (project / LEAD).parent.iterdir()) == sorted(
        p.name for p in (GOOD / LEAD).parent.iterdir()
    )


def test_dry_run_prints_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    text, _ = _broken(project)
    result = _fix(project, "--dry-run")
    assert (project / LEAD).read_bytes() == text
    assert result.exit_code == 0  # as the check of the files once fixed
    assert result.stdout.startswith(f"--- a/{LEAD}\n+++ b/{LEAD}\n@@ ")
    assert "-headcount：   4\n+headcount:   4\n" in result.stdout
    said = result.stderr.splitlines()
    assert said[-1] == "3 fixes would be applied (--dry-run: nothing written)"
    assert len(said) == 4 and all(": would fix: " in line for line in said[:-1]), said


def test_fix_in_chinese_and_exit_code_of_what_remains(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _broken(project)
    edit = (
        (project / "specs/roles/cs-agent.yaml")
        .read_text(encoding="utf-8")
        .replace("cs-team-lead\n", "nobody\n")
    )
    (project / "specs/roles/cs-agent.yaml").write_text(edit, encoding="utf-8")
    result = run_cli("check", project, "--fix", "--today", TODAY, "--messages", "zh")
    assert result.exit_code == 1  # ORG001 has no fix
    assert result.stderr.splitlines()[0] == f"{LEAD}:6:10：已修复：把“：”改成“: ”"
    assert "ORG001" in result.stdout and "E100" not in result.stdout


def test_nothing_to_fix(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = _fix(project)
    assert result.exit_code == 0 and result.stderr == "nothing to fix\n"


def test_dry_run_without_fix_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("check", _project(tmp_path), "--dry-run")
    assert result.exit_code == 2


def test_a_file_changed_while_it_was_fixed_is_not_overwritten(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _broken(project)
    fixing = fix_copy(project, check)
    assert list(fixing.after) == [LEAD]
    changed = (project / LEAD).read_bytes() + b"# written meanwhile\n"
    (project / LEAD).write_bytes(changed)
    said = [line.render("en") for line in write_fixed(project, fixing)]
    assert said == [f"{LEAD}: changed on disk while it was being fixed; not written, fix it again"]
    assert (project / LEAD).read_bytes() == changed


def _fix_of(start: tuple[int, int], end: tuple[int, int], text: str, file: str = "f") -> Fix:
    return Fix(verbatim("edit"), (Edit(file, start, end, text),))


def test_overlapping_fixes_apply_the_first_and_leave_the_rest() -> None:
    first, overlapping, beside = (
        _fix_of((1, 3), (1, 5), "XY"),
        _fix_of((1, 4), (1, 6), "Z"),
        _fix_of((1, 5), (1, 6), "!"),
    )
    done = apply_fixes({"f": "abcdef\r\nghi"}, [first, overlapping, beside])
    assert done.texts == {"f": "abXY!f\r\nghi"}
    assert done.applied == (first, beside) and done.left == (overlapping,)


def test_fixes_that_name_no_such_place_are_left() -> None:
    inside_crlf = _fix_of((1, 4), (1, 5), "x")  # line 1 is "abc": column 4 is its end, 5 is past it
    other_file = _fix_of((1, 1), (1, 1), "x", file="g")
    done = apply_fixes({"f": "abc\r\nd"}, [inside_crlf, other_file])
    assert done.texts == {"f": "abc\r\nd"} and done.applied == ()


def test_insertions_at_the_edges_of_a_replacement_keep_their_order() -> None:
    fixes = [_fix_of((1, 2), (1, 3), "B"), _fix_of((1, 2), (1, 2), "<"), _fix_of((1, 3), (1, 3), ">")]
    assert apply_fixes({"f": "abc"}, fixes).texts == {"f": "a<B>c"}


def _offering(*fixes: Fix):  # type: ignore[no-untyped-def]
    """A check that offers ``fixes`` (as ORG001 diagnostics on line 1 of org.yaml) every time."""

    def checking(folder: Path) -> CheckResult:
        where = Location("specs/org.yaml", 1, 1)
        offered = tuple(Diagnostic("ORG001", Severity.ERROR, "x", where, fix=fix) for fix in fixes)
        return replace(check(folder), diagnostics=offered)

    return checking


def test_a_fix_offered_again_and_again_stops_after_a_few_rounds(tmp_path: Path) -> None:
    project = _project(tmp_path)
    fixing = fix_copy(project, _offering(_fix_of((1, 1), (1, 1), "# again\n", file="specs/org.yaml")))
    assert fixing.applied == MAX_ROUNDS
    assert fixing.after["specs/org.yaml"].startswith(b"# again\n" * MAX_ROUNDS + b"id: ")
    assert [line.render("en") for line in fixing.lines][-1] == (
        f"specs/org.yaml:1:1: not fixed: edit (still offered after {MAX_ROUNDS} rounds of fixing)"
    )


def test_a_fix_outside_the_specs_is_never_applied(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "notes.txt").write_text("keep\n", encoding="utf-8")
    fixing = fix_copy(project, _offering(_fix_of((1, 1), (1, 1), "x", file="notes.txt")))
    assert fixing.applied == 0 and fixing.after == {}
    assert [line.render("en") for line in fixing.lines] == [
        "notes.txt: not written: outside specs/ and orgc.yaml"
    ]
    assert (project / "notes.txt").read_text(encoding="utf-8") == "keep\n"


def test_an_overlapping_fix_waits_for_the_next_round(tmp_path: Path) -> None:
    """Two fixes at one place: the first is applied; the second, if the next check still
    offers it, in the next round; once no check offers it, fixing stops."""
    project = _project(tmp_path)
    first = _fix_of((1, 1), (1, 1), "# first\n", file="specs/org.yaml")
    second = _fix_of((1, 1), (1, 1), "# second\n", file="specs/org.yaml")
    rounds = [_offering(first, second), _offering(second), _offering()]
    fixing = fix_copy(project, lambda folder: rounds.pop(0)(folder))
    assert [line.render("en") for line in fixing.lines] == ["specs/org.yaml:1:1: fixed: edit"] * 2
    assert fixing.after["specs/org.yaml"].startswith(b"# second\n# first\nid: ")
    assert rounds == []
