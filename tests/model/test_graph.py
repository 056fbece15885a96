"""OrgGraph: loops of the unit tree listed once each, and chains of command worked out from the
supervisor's, as the plain walk up gives them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from helpers import GOOD, copy_good, run_check
from orgc import pipeline

UNITS = """\
  - id: loop-a
    name: A
    parent: loop-c
  - id: loop-b
    name: B
    parent: loop-a
  - id: loop-c
    name: C
    parent: loop-b
  - id: pair-y
    name: Y
    parent: pair-x
  - id: pair-x
    name: X
    parent: pair-y
  - id: below-loop
    name: Below
    parent: loop-b
"""


def test_unit_loops_are_listed_once_each_from_their_smallest_id(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    org = project / "specs" / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8") + UNITS, encoding="utf-8")
    graph = pipeline.check(project).graph
    assert graph.unit_cycles() == [("loop-a", "loop-b", "loop-c"), ("pair-x", "pair-y")]
    report = run_check(project)
    cycles = [d for d in report.diagnostics if d["code"] == "ORG005" and "cycle" in d["message"]]
    assert [(d["line"], d["column"]) for d in cycles] == [
        (17, 13),
        (29, 13),
    ]  # the `parent:` of loop-a and of pair-x


def test_a_unit_tree_without_loops_lists_none() -> None:
    assert pipeline.check(GOOD).graph.unit_cycles() == []


def _walked(graph: object, role_id: str) -> tuple[str, ...]:
    """A chain of command walked up supervisor by supervisor, as it is defined."""
    chain: list[str] = []
    current = graph.supervisor(role_id)  # type: ignore[attr-defined]
    while current is not None and current != role_id and current not in chain:
        chain.append(current)
        current = graph.supervisor(current)  # type: ignore[attr-defined]
    return tuple(chain)


@pytest.mark.parametrize("seed", range(30))
def test_each_chain_of_command_is_the_walk_up_whatever_the_order_asked(seed: int, tmp_path: Path) -> None:
    """Chains are worked out from the supervisor's where it is known: in loops, into loops, and
    from roles asked for in any order."""
    rnd = random.Random(seed)
    project = copy_good(tmp_path / "p")
    roles = project / "specs" / "roles"
    ids = [f"r{i}" for i in range(30)]
    for role_id in ids:
        boss = rnd.choice([*ids, None, None])
        line = f"reports_to: {boss}\n" if boss else ""
        (roles / f"{role_id}.yaml").write_text(
            f"id: {role_id}\ntitle: {role_id}\nunit: cs-center\n{line}duties:\n  - id: d\n    title: {role_id}\n",
            encoding="utf-8",
        )
    graph = pipeline.check(project).graph
    asked = [*graph.org.roles]
    rnd.shuffle(asked)
    for role_id in asked:
        assert graph.chain_of_command(role_id) == _walked(graph, role_id)
