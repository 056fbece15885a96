"""OrgGraph's lines are plain dictionaries that keep what networkx's DiGraph kept, in the same order.

networkx is still imported to list the loops of a unit tree that has some, and only then.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from helpers import GOOD, copy_good, run_check
from orgc import pipeline
from orgc.model.graph import _Lines


def _edges(seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Nodes, then edges among them and a few new ones: repeated edges, loops onto itself, cycles."""
    rnd = random.Random(seed)
    nodes = [f"n{i}" for i in rnd.sample(range(40), 25)]
    edges = [(rnd.choice(nodes), rnd.choice(nodes)) for _ in range(rnd.randint(0, 60))]
    edges += [(rnd.choice(nodes), f"new{i}") for i in range(rnd.randint(0, 4))]
    return nodes, edges


@pytest.mark.parametrize("seed", range(40))
def test_the_lines_are_a_digraph_in_the_same_order(seed: int) -> None:
    nodes, edges = _edges(seed)
    ours, theirs = _Lines(), nx.DiGraph()
    ours.add_nodes_from(nodes)
    theirs.add_nodes_from(nodes)
    for upper, lower in edges:
        ours.add_edge(upper, lower)
        theirs.add_edge(upper, lower)
    assert list(ours.succ) == list(theirs.nodes)
    for node in theirs.nodes:
        assert node in ours
        assert list(ours.successors(node)) == list(theirs.successors(node))
        assert list(ours.predecessors(node)) == list(theirs.predecessors(node))
        assert ours.descendants(node) == nx.descendants(theirs, node)
        for other in ("n1", "n7", "new0", "nowhere"):
            assert ours.has_edge(node, other) == theirs.has_edge(node, other)
    assert "nowhere" not in ours
    with pytest.raises(KeyError):
        ours.successors("nowhere")


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


def test_a_unit_tree_without_loops_lists_none_and_never_imports_networkx() -> None:
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from orgc import pipeline\n"
        f"result = pipeline.check(Path({str(GOOD)!r}))\n"
        "print(result.graph.unit_cycles(), 'networkx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[] False"
