"""Spec files read in forked processes: the same check as in one process, whatever befalls a worker."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import ROOT
from orgc.load import forked
from orgc.pipeline import check

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
