"""Units no change can reach keep their files: the matrices, the site's unit pages and the
volumes of a split handbook (``incremental/affected_units.py``); after any kind of edit the
output is still byte for byte a clean build."""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT, build_in_one_process, published_tree, rebuilt_equals_clean

sys.path.insert(0, str(ROOT / "bench"))
from generate import Generator

ROLES = 240


def _generated(folder: Path) -> Path:
    Generator(ROLES, seed=5, shape="wide").write(folder)
    config = folder / "orgc.yaml"
    config.write_text("handbook: {split: top-units}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated organisation, copied by each test that edits it."""
    return _generated(tmp_path_factory.mktemp("units") / "project")


def _built(generated: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the organisation and its build (an output folder's files are known by their
    stamps: a copied one would be all new to the next build)."""
    project, out = tmp_path / "project", tmp_path / "out"
    shutil.copytree(generated, project)
    build_in_one_process(project, out)
    return project, out


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


Change = Callable[[Path, random.Random], None]


def _role(project: Path, rng: random.Random) -> tuple[Path, dict[str, Any]]:
    path = rng.choice(sorted((project / "specs" / "roles").glob("*.yaml")))
    return path, _load(path)


def _process(project: Path, rng: random.Random) -> tuple[Path, dict[str, Any]]:
    path = rng.choice(sorted((project / "specs" / "processes").glob("*.yaml")))
    return path, _load(path)


def _role_ids(project: Path) -> list[str]:
    return sorted(path.stem for path in (project / "specs" / "roles").glob("*.yaml"))


def _retitled(text: Any, mark: str) -> Any:
    return (
        {lang: f"{value}{mark}" for lang, value in text.items()}
        if isinstance(text, dict)
        else f"{text}{mark}"
    )


def duty_title(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    if data.get("duties"):
        duty = rng.choice(data["duties"])
        duty["title"] = _retitled(duty["title"], "·改")
        _save(path, data)


def role_title(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    data["title"] = _retitled(data["title"], "·新")
    _save(path, data)


def headcount(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    data["headcount"] = int(data.get("headcount", 1)) + 1
    _save(path, data)


def grade(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    data["grade"] = "P9"
    _save(path, data)


def dotted_line(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    other = rng.choice([r for r in _role_ids(project) if r != data["id"]])
    data["dotted_to"] = [other]
    _save(path, data)


def duty_party(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    if data.get("duties"):
        other = rng.choice([r for r in _role_ids(project) if r != data["id"]])
        duty = rng.choice(data["duties"])
        duty["consulted"] = [*duty.get("consulted", []), other]
        _save(path, data)


def step_title(project: Path, rng: random.Random) -> None:
    path, data = _process(project, rng)
    step = rng.choice(data["steps"])
    step["title"] = _retitled(step["title"], "·改")
    _save(path, data)


def step_party(project: Path, rng: random.Random) -> None:
    path, data = _process(project, rng)
    step = rng.choice(data["steps"])
    step["informed"] = [*step.get("informed", []), rng.choice(_role_ids(project))]
    _save(path, data)


def relative_party(project: Path, rng: random.Random) -> None:
    """A step whose Responsible roles' supervisors are consulted: their titles show in its rows."""
    path, data = _process(project, rng)
    step = rng.choice(data["steps"])
    step["consulted"] = [*step.get("consulted", []), "@supervisor"]
    _save(path, data)


def supervisor_title(project: Path, rng: random.Random) -> None:
    """The title of a role some other role reports to."""
    bosses = sorted(
        {_load(p).get("reports_to") for p in (project / "specs" / "roles").glob("*.yaml")} - {None}
    )
    path = project / "specs" / "roles" / f"{rng.choice(bosses)}.yaml"
    data = _load(path)
    data["title"] = _retitled(data["title"], "·长")
    _save(path, data)


def block_duty(project: Path, rng: random.Random) -> None:
    path = rng.choice(sorted((project / "specs" / "duties").glob("*.yaml")))
    data = _load(path)
    duty = rng.choice(data["duties"])
    duty["title"] = _retitled(duty["title"], "·改")
    _save(path, data)


def include(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    block = rng.choice(sorted((project / "specs" / "duties").glob("*.yaml"))).stem
    data["include"] = sorted({*data.get("include", []), block})
    _save(path, data)


def purpose(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    data["purpose"] = _retitled(data["purpose"], "·改")
    _save(path, data)


def reports_to(project: Path, rng: random.Random) -> None:
    path, data = _role(project, rng)
    if data.get("reports_to"):
        data["reports_to"] = rng.choice([r for r in _role_ids(project)[:12] if r != data["id"]])
        _save(path, data)


CHANGES: list[Change] = [
    duty_title,
    role_title,
    headcount,
    grade,
    dotted_line,
    duty_party,
    step_title,
    step_party,
    relative_party,
    supervisor_title,
    block_duty,
    include,
    purpose,
    reports_to,
]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1])
def test_every_kind_of_edit_rebuilds_to_a_clean_build(generated: Path, seed: int, tmp_path: Path) -> None:
    """Each kind of edit once, in a shuffled order, each rebuild compared with a clean build."""
    project, out = _built(generated, tmp_path)
    rng = random.Random(seed)
    for change in rng.sample(CHANGES, len(CHANGES)):
        change(project, rng)
        clean = tmp_path / f"clean-{change.__name__}"
        rebuilt_equals_clean(project, out, clean)
        assert published_tree(out) == published_tree(clean), change.__name__


def test_units_no_change_can_reach_are_not_looked_at(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duty's title reaches the units of the duty's parties: their matrices, pages and volumes;
    the whole-organisation volume is kept when none of them is its own."""
    from orgc.model.graph import OrgGraph
    from orgc.pipeline import check
    from orgc.render import raci
    from orgc.render.handbook import book
    from orgc.render.site import unit_page
    from orgc.render.volumes import volumes

    project = tmp_path / "project"
    shutil.copytree(generated, project)
    org = check(project).org
    split = volumes(org, OrgGraph(org), "top-units")
    assert split is not None and len(split.parts) > 3
    home = {role: part.unit for part in split.parts for role in part.roles}
    # a duty of r42 that a role of another top-level unit's volume is informed of
    outsider = next(role for role in home if home[role] != home["r42"])
    path = project / "specs" / "roles" / "r42.yaml"
    data = _load(path)
    duty = next(
        d for d in data["duties"] if not set(_listed(d.get("accountable")) + _listed(d.get("consulted")))
    )
    duty["informed"] = [party for party in _listed(duty.get("informed")) if party in home] + [outsider]
    _save(path, data)
    out = tmp_path / "out"
    build_in_one_process(project, out)
    duty["title"] = _retitled(duty["title"], "·改")
    _save(path, data)

    looked: dict[str, set[str]] = {"matrix": set(), "page": set(), "volume": set(), "handbook": set()}
    for module, name, kind in ((raci, "unit_matrix", "matrix"), (unit_page, "unit_view", "page")):
        original = getattr(module, name)

        def counting(ctx, unit_id, *more, original=original, kind=kind):  # type: ignore[no-untyped-def]
            looked[kind].add(unit_id)
            return original(ctx, unit_id, *more)

        monkeypatch.setattr(module, name, counting)
    original_volume, original_file = book.render_volume, book.handbook_file

    def volume(ctx, task, made=None):  # type: ignore[no-untyped-def]
        looked["volume"].add(task[0])
        return original_volume(ctx, task, made)

    def handbook_file(ctx, path, *more):  # type: ignore[no-untyped-def]
        looked["handbook"].add(path)
        return original_file(ctx, path, *more)

    monkeypatch.setattr(book, "render_volume", volume)
    monkeypatch.setattr(book, "handbook_file", handbook_file)
    build_in_one_process(project, out)
    monkeypatch.undo()

    parties = {"r42", *_listed(duty.get("informed"))}
    units = {org.roles[p].unit for p in parties}
    tops = {home[p] for p in parties}
    assert len(tops) > 1 and looked["page"] == units
    assert looked["volume"] == tops
    assert looked["handbook"] == {f"handbook/{lang}/{top}.docx" for top in tops for lang in ("zh", "en")}
    # the volumes' matrices are those of the reached volumes' units
    assert {split.volume_of_unit(u) for u in looked["matrix"]} <= tops
    assert len(looked["matrix"]) < len(org.units) / 2
    rebuilt_equals_clean(project, out, tmp_path / "clean")


def _listed(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []
