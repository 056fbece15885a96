"""Spec files read, and a build's rules run, in forked processes: the same check as in one
process, whatever befalls a worker."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT
from orgc import pipeline
from orgc.commands.build import BuildOptions, build
from orgc.load import forked
from orgc.pipeline import ASIDE_FROM, check, start_check

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forked workers are used on Linux only")

TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """600 roles (more than two parts' worth of files), with problems late in the file order, so
    that a worker finds them: a syntax error, a schema violation, a Chinese value, a bad reference."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    folder = tmp_path_factory.mktemp("forked") / "org"
    Generator(600, seed=7).write(folder)
    roles = folder / "specs" / "roles"
    (roles / "r590.yaml").write_text("id: r590\ntitle: [\n", encoding="utf-8")
    text = (roles / "r591.yaml").read_text(encoding="utf-8")
    (roles / "r591.yaml").write_text(text.replace("headcount: ", "headcount: many", 1), encoding="utf-8")
    text = (roles / "r592.yaml").read_text(encoding="utf-8")
    for english, chinese in (
        ("daily", "每日"),
        ("weekly", "每周"),
        ("monthly", "每月"),
        ("quarterly", "每季度"),
    ):
        text = text.replace(f"frequency: {english}", f"frequency: {chinese}")
    (roles / "r592.yaml").write_text(text, encoding="utf-8")
    text = (roles / "r593.yaml").read_text(encoding="utf-8")
    (roles / "r593.yaml").write_text(text.replace("reports_to: ", "reports_to: nobody-", 1), encoding="utf-8")
    return folder


def outcome(project: Path, jobs: int) -> tuple[object, ...]:
    result = check(project, TODAY, jobs=jobs)
    return result.diagnostics, result.org, tuple((d.file, d.digest, d.data) for d in result.read)


def test_several_processes_give_the_same_check_as_one(project: Path) -> None:
    alone = outcome(project, 1)
    codes = {d.code for d in alone[0]}
    assert {"E100", "E102", "ORG001"} <= codes
    assert alone[1].roles["r592"].duties[0].frequency in ("daily", "weekly", "monthly", "quarterly")
    assert outcome(project, 2) == alone
    assert outcome(project, 3) == alone


def test_parts_come_back_in_order() -> None:
    items = list(range(1000))
    assert forked.map_forked(lambda n: n * n, items, 3) == [n * n for n in items]


def test_a_worker_that_dies_leaves_its_part_to_this_process(project: Path) -> None:
    parent = os.getpid()

    def square_unless_a_worker(n: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # as if killed
        return n * n

    items = list(range(800))
    assert forked.map_forked(square_unless_a_worker, items, 2) == [n * n for n in items]


def test_few_items_are_done_here() -> None:
    parent = os.getpid()
    assert (
        forked.map_forked(lambda _: os.getpid(), list(range(forked.MIN_PER_WORKER)), 4)
        == [parent] * forked.MIN_PER_WORKER
    )


def test_a_call_aside_runs_in_another_process() -> None:
    assert forked.Aside(os.getpid).result() not in (os.getpid(), None)


def test_a_call_aside_whose_process_dies_is_made_here() -> None:
    parent = os.getpid()

    def here_only() -> int:
        if os.getpid() != parent:
            os._exit(3)  # as if killed
        return 42

    assert forked.Aside(here_only).result() == 42


def test_the_rules_run_aside_give_the_same_check(project: Path) -> None:
    """600 roles: above ASIDE_FROM, so a build's check runs its rules in a forked process."""
    assert len(check(project, TODAY).org.roles) >= ASIDE_FROM
    alone = check(project, TODAY, jobs=1)
    aside = start_check(project, TODAY, jobs=2).result()
    assert {"ORG001", "E100"} <= {d.code for d in aside.diagnostics}
    assert (aside.diagnostics, aside.waivers, aside.org) == (alone.diagnostics, alone.waivers, alone.org)


def test_a_build_whose_rules_run_aside_says_their_problems_and_writes_nothing(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert build(BuildOptions(path=project, output=out, jobs=2, today=TODAY)) == 1
    said = capsys.readouterr().err
    assert "ORG001" in said and "r593.yaml" in said
    assert not out.exists()


def test_waivers_taken_aside_are_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixture's waiver (KPI002 on cs-trainer) reaches org.json and the handbook as it does
    when the rules run here."""
    outputs = {}
    for name, aside_from in (("here", 10**9), ("aside", 0)):
        monkeypatch.setattr(pipeline, "ASIDE_FROM", aside_from)
        out = tmp_path / name
        assert build(BuildOptions(path=FIXTURES / "good", output=out, jobs=2, today=TODAY)) == 0
        outputs[name] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    org = json.loads(outputs["aside"][Path("org.json")])
    assert [(w["code"], w["subject"]) for w in org["waivers"]] == [("KPI002", "cs-trainer")]
    shown = {path for path in outputs["here"] if path.parts[0] != ".orgc"}
    assert {path: outputs["aside"][path] for path in shown} == {path: outputs["here"][path] for path in shown}
