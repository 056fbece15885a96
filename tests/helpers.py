"""Shared helpers: fixture projects, running `orgc` in-process, reading its JSON report."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from orgc.cli import cli

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
MANY = FIXTURES / "many"

# Every check runs with a fixed date, so POL001 does not depend on the day the suite runs.
TODAY = "2026-06-01"

# Files of a bad case that are not part of its overlay on the good tree.
EXPECTED = "expected.json"
REMOVE = "remove.txt"

Key = tuple[str, str, int, int]


def run_cli(*args: str | Path) -> Result:
    """Invoke the ``orgc`` command group in-process."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@dataclass(frozen=True)
class Report:
    """The parsed ``--format json`` report of one ``orgc check`` run, and its exit code."""

    exit_code: int
    data: dict[str, Any]

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        return self.data["diagnostics"]

    @property
    def keys(self) -> list[Key]:
        """(code, file, line, column) of every diagnostic, sorted: equal lists mean equal reports."""
        return sorted(key_of(d) for d in self.diagnostics)

    @property
    def codes(self) -> Counter[str]:
        return Counter(d["code"] for d in self.diagnostics)

    def at(self, key: Key) -> dict[str, Any]:
        (found,) = [d for d in self.diagnostics if key_of(d) == key]
        return found


def key_of(entry: dict[str, Any]) -> Key:
    return (entry["code"], entry["file"], entry["line"], entry["column"])


def run_check(path: Path, *options: str, today: str | None = TODAY, messages: str | None = "en") -> Report:
    """``orgc check PATH --format json`` (with ``--today``), parsed.

    Messages are asked for in English (``messages``), so that tests can quote their wording;
    None leaves the language to the project's orgc.yaml.
    """
    args: list[str | Path] = ["check", path, "--format", "json", *options]
    if today is not None:
        args += ["--today", today]
    if messages is not None:
        args += ["--messages", messages]
    result = run_cli(*args)
    assert result.exit_code in (0, 1), result.output
    return Report(result.exit_code, json.loads(result.stdout))


def copy_good(dest: Path) -> Path:
    """A fresh copy of the good tree at ``dest``."""
    shutil.copytree(GOOD, dest)
    return dest


def materialise(case: Path, dest: Path) -> Path:
    """The project of a bad case: the good tree, with the case's files laid over it.

    Every file of the case folder (except expected.json and remove.txt) replaces or
    adds the file at the same relative path; remove.txt lists files to delete.
    """
    copy_good(dest)
    for source in sorted(case.rglob("*")):
        rel = source.relative_to(case)
        if source.is_dir() or rel.as_posix() in (EXPECTED, REMOVE):
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    removals = case / REMOVE
    if removals.is_file():
        for line in removals.read_text(encoding="utf-8").splitlines():
            if line.strip():
                (dest / line.strip()).unlink()
    return dest


def bad_cases() -> list[Path]:
    """Every bad case: a folder under fixtures/bad/ that holds an expected.json."""
    return sorted(p.parent for p in BAD.rglob(EXPECTED))


def write(project: Path, rel: str, text: str | bytes) -> Path:
    """Write a file into a project, creating folders; text is written as UTF-8."""
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def edit(project: Path, rel: str, old: str, new: str) -> Path:
    """Replace the one occurrence of ``old`` in a project file."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def render_context(path: Path, languages: tuple[str, ...] | None = None, when: object = None) -> object:
    """A RenderContext built as compiler/orgc/build.py builds it; ``when`` fixes the source date."""
    from orgc import pipeline
    from orgc.render.context import RenderContext

    result = pipeline.check(path)
    assert result.ok, [str(d) for d in result.diagnostics]
    dated = {"source_date": when, "dated": True} if when is not None else {}
    return RenderContext(
        org=result.org,
        graph=result.graph,
        config=result.config,
        project=result.project,
        languages=languages or result.org.languages,
        waivers=result.waivers,
        **dated,
    )


def build_in_one_process(project: Path, out: Path) -> None:
    """``orgc build`` of ``project`` into ``out`` on the tests' date, in this process (--jobs 1)."""
    result = run_cli("build", project, "-o", out, "--today", TODAY, "--messages", "en", "--jobs", "1")
    assert result.exit_code == 0, result.output


def rebuilt_equals_clean(project: Path, out: Path, clean: Path) -> None:
    """Build ``project`` again into ``out`` and from nothing into ``clean``: the same files."""
    build_in_one_process(project, out)
    build_in_one_process(project, clean)
    assert published_tree(out) == published_tree(clean)


def published_tree(folder: Path) -> dict[str, bytes]:
    """What a build published into ``folder``: every file's bytes (a link as its target),
    the build index (file stamps of this machine) left out."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if rel == ".orgc" or rel.startswith(".orgc/"):
            continue
        if path.is_symlink():
            found[rel] = b"-> " + os.fsencode(os.readlink(path))
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def use_python_parser(monkeypatch: Any) -> None:
    """Read YAML with PyYAML's pure-Python parser, as an install without libyaml does."""
    import yaml

    from orgc.load import yaml_doc

    monkeypatch.setattr(yaml_doc, "_CParser", object)
    monkeypatch.setattr(yaml_doc, "_Loader", yaml.SafeLoader)
