"""The matrix's cells: grouped by row and party, and the sorted list of (row, party, letter) read
off them, in the order raci.csv, assignments.tsv and org.json write it."""

from __future__ import annotations

import sys

import pytest

from helpers import FIXTURES, GOOD, ROOT
from orgc import pipeline
from orgc.model.entities import Org
from orgc.model.raci import LETTER_ORDER, assignment_cells, cell_table, flattened
from orgc.model.relative import ROW_FOR


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Org:
    """Company-wide processes, many with ``@supervisor``: a row per Responsible role."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    folder = tmp_path_factory.mktemp("cells") / "org"
    Generator(300, seed=3, shape="wide").write(folder)
    return pipeline.check(folder).org


def _orgs(wide: Org) -> list[Org]:
    return [pipeline.check(GOOD).org, pipeline.check(FIXTURES / "handbook").org, wide]


def test_the_list_is_sorted_without_repeats_and_groups_back_into_the_cells(wide: Org) -> None:
    for org in _orgs(wide):
        cells = cell_table(org)
        listed = flattened(cells)
        assert listed == sorted(set(listed))
        assert list(cells) == sorted(cells)
        regrouped: dict[str, dict[str, set[str]]] = {}
        for row, party, letter in listed:
            assert letter in LETTER_ORDER
            regrouped.setdefault(row, {}).setdefault(party, set()).add(letter)
        assert regrouped == cells
        assert all(list(parties) == sorted(parties) for parties in cells.values())


def test_every_duty_is_held_by_its_role_and_relative_steps_are_a_row_per_role(wide: Org) -> None:
    cells = cell_table(wide)
    for role in wide.roles.values():
        for duty in wide.duties_of(role):
            assert "R" in cells[duty.ref][role.id]
    per_role = [row for row in cells if ROW_FOR in row]
    assert per_role, "the wide shape names @supervisor"
    for row in per_role:
        role_id = row.partition(ROW_FOR)[2]
        assert "R" in cells[row][role_id]


def test_steps_asked_for_per_role_are_rows_per_role(wide: Org) -> None:
    cells = cell_table(wide)
    step = next(step for process in wide.processes.values() for step in process.steps if step.ref in cells)
    rows = {row for row, _party, _letter in assignment_cells(wide, per_role={step.ref})}
    assert step.ref not in rows
    assert {f"{step.ref}{ROW_FOR}{role}" for role in step.responsible} <= rows
