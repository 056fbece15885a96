"""Titles and names written where ids belong: the names index, the places ids are written, and the edits.

The fixtures under bad/ (E102/*-title*, E102/*-name-*, ORG009/title-of-a-role, DUT003/title-of-a-role)
hold the wording; here: the Fix each carries, applied by hand, gives a project that checks clean.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from helpers import BAD, GOOD, copy_good, edit, materialise, run_check
from orgc import pipeline, resources
from orgc.diagnostics import Diagnostic, Edit
from orgc.model import titles
from orgc.model.entities import Org, Text
from orgc.model.names import Named, NameIndex
from orgc.model.references import PATTERNS
from orgc.validate import SCHEMA_OF_KIND

FIXED = [
    "E102/role-title-as-reports-to",
    "E102/unit-name-as-unit",
    "E102/english-title-with-space",
    "E102/full-width-english-title",
    "E102/kpi-name-in-role-kpis",
    "E102/block-title-in-include",
    "E102/role-title-as-step-party",
    "E102/step-title-in-next",
    "ORG009/title-of-a-role",
    "DUT003/title-of-a-role",
]


def apply(project: Path, diagnostics: tuple[Diagnostic, ...]) -> None:
    """Every edit of every fix, made on the files as a text editor would."""
    edits = [e for d in diagnostics if d.fix for e in d.fix.edits]
    for file in {e.file for e in edits}:
        lines = (project / file).read_text(encoding="utf-8").split("\n")
        for e in sorted((e for e in edits if e.file == file), key=lambda e: e.start, reverse=True):
            assert e.start[0] == e.end[0]
            line = lines[e.start[0] - 1]
            lines[e.start[0] - 1] = line[: e.start[1] - 1] + e.text + line[e.end[1] - 1 :]
        (project / file).write_text("\n".join(lines), encoding="utf-8")


def written(project: Path, e: Edit) -> str:
    line = (project / e.file).read_text(encoding="utf-8").split("\n")[e.start[0] - 1]
    return line[e.start[1] - 1 : e.end[1] - 1]


@pytest.mark.parametrize("case", FIXED)
def test_the_fix_writes_the_id_and_the_project_checks_clean(case: str, tmp_path: Path) -> None:
    project = materialise(BAD / case, tmp_path / "project")
    (diagnostic,) = pipeline.check(project).diagnostics
    assert diagnostic.fix is not None
    (e,) = diagnostic.fix.edits
    assert e.file == diagnostic.location.file
    assert e.text in diagnostic.message  # "… of role cs-team-lead: write cs-team-lead"
    assert diagnostic.fix.what.render("en") == f"write {e.text}"
    assert diagnostic.fix.what.render("zh") == f"改写为 {e.text}"
    assert written(project, e).strip() in diagnostic.message  # exactly the title, nothing around it
    apply(project, (diagnostic,))
    assert run_check(project, "--strict").diagnostics == []


def test_the_edit_spans_exactly_the_written_title(tmp_path: Path) -> None:
    project = materialise(BAD / "E102" / "role-title-as-reports-to", tmp_path / "project")
    (diagnostic,) = pipeline.check(project).diagnostics
    assert diagnostic.fix is not None
    assert diagnostic.fix.edits == (Edit("specs/roles/cs-agent.yaml", (4, 13), (4, 16), "cs-team-lead"),)


def test_quotes_are_kept_and_only_the_text_inside_replaced(tmp_path: Path) -> None:
    project = materialise(BAD / "E102" / "full-width-english-title", tmp_path / "project")
    (diagnostic,) = pipeline.check(project).diagnostics
    assert diagnostic.fix is not None
    assert diagnostic.fix.edits == (Edit("specs/roles/cs-agent.yaml", (4, 14), (4, 23), "cs-team-lead"),)
    apply(project, (diagnostic,))
    assert 'reports_to: "cs-team-lead"\n' in (project / "specs/roles/cs-agent.yaml").read_text("utf-8")


def test_an_item_of_a_flow_list_is_replaced_alone(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(
        project,
        "specs/roles/cs-agent.yaml",
        "kpis: [csat, avg-handle-time]",
        "kpis: [客户满意度, '平均处理时长']",
    )
    report = pipeline.check(project).diagnostics
    assert [(d.code, d.location.line, d.location.column) for d in report] == [
        ("E102", 13, 12),
        ("E102", 13, 19),
    ]
    assert [d.fix.edits for d in report if d.fix] == [
        (Edit("specs/roles/cs-agent.yaml", (13, 12), (13, 17), "csat"),),
        (Edit("specs/roles/cs-agent.yaml", (13, 20), (13, 26), "avg-handle-time"),),
    ]
    apply(project, report)
    assert "    kpis: [csat, 'avg-handle-time']\n" in (project / "specs/roles/cs-agent.yaml").read_text(
        "utf-8"
    )
    assert run_check(project).diagnostics == []


@pytest.mark.parametrize(
    ("file", "old", "new", "code"),
    [
        # ids that name nothing, each the title of a role (written "Trainer": case is ignored)
        ("specs/roles/cs-agent.yaml", "reports_to: cs-team-lead", "reports_to: trainer", "ORG001"),
        ("specs/roles/cs-supervisor.yaml", "next: [cs-director]", "next: [trainer]", "CAR001"),
        ("specs/roles/cs-team-lead.yaml", "escalates_to: cs-director", "escalates_to: trainer", "DUT003"),
    ],
)
def test_an_id_shaped_title_is_named_on_the_unknown_reference_route(
    file: str, old: str, new: str, code: str, tmp_path: Path
) -> None:
    project = copy_good(tmp_path / "project")
    edit(project, file, old, new)
    (diagnostic,) = pipeline.check(project).diagnostics
    assert diagnostic.code == code
    assert diagnostic.message == '"trainer" is the title of role cs-trainer: write cs-trainer'
    assert diagnostic.message_in("zh") == "“trainer”是岗位 cs-trainer 的名称，请写 cs-trainer"
    assert diagnostic.fix is not None
    (e,) = diagnostic.fix.edits
    assert written(project, e) == "trainer"
    apply(project, (diagnostic,))
    assert new.replace("trainer", "cs-trainer") in (project / file).read_text(encoding="utf-8")


def test_a_unit_name_that_is_id_shaped_is_named_as_an_unknown_unit(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(project, "specs/org.yaml", "en: Front line}", "en: frontline}")
    edit(project, "specs/roles/cs-agent.yaml", "unit: cs-frontline", "unit: FRONTLINE")  # E102: upper case
    edit(project, "specs/roles/cs-team-lead.yaml", "unit: cs-frontline", "unit: frontline")  # ORG005
    report = pipeline.check(project).diagnostics
    assert [(d.code, d.location.file, d.message) for d in report] == [
        (
            "E102",
            "specs/roles/cs-agent.yaml",
            '"FRONTLINE" is the name of unit cs-frontline: write cs-frontline',
        ),
        (
            "ORG005",
            "specs/roles/cs-team-lead.yaml",
            '"frontline" is the name of unit cs-frontline: write cs-frontline',
        ),
    ]


def test_a_block_scalar_is_named_but_left_to_be_rewritten_by_hand(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(project, "specs/roles/cs-agent.yaml", "reports_to: cs-team-lead", "reports_to: >-\n  班组长")
    (diagnostic,) = pipeline.check(project).diagnostics
    assert diagnostic.message == '"班组长" is the title of role cs-team-lead: write cs-team-lead'
    assert diagnostic.fix is None


def test_an_ambiguous_or_unknown_title_carries_no_fix(tmp_path: Path) -> None:
    ambiguous = materialise(BAD / "E102" / "ambiguous-title", tmp_path / "ambiguous")
    unknown = materialise(BAD / "E102" / "unknown-title", tmp_path / "unknown")
    for project in (ambiguous, unknown):
        (diagnostic,) = pipeline.check(project).diagnostics
        assert diagnostic.fix is None


def test_an_unknown_title_suggests_the_closest_names(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(project, "specs/roles/cs-agent.yaml", "unit: cs-frontline", "unit: 一线服务")
    (diagnostic,) = pipeline.check(project).diagnostics
    assert diagnostic.message == "'unit': '一线服务' is not a valid id"
    assert 'Did you mean "一线服务组" (cs-frontline)?' in diagnostic.hint
    assert "是否应为“一线服务组”（cs-frontline）？" in diagnostic.hint_in("zh")


def test_a_mistyped_id_keeps_its_hint(tmp_path: Path) -> None:
    """A look-alike letter in an id is not a title: the hint still says what to look for."""
    project = copy_good(tmp_path / "project")
    edit(
        project, "specs/roles/cs-agent.yaml", "reports_to: cs-team-lead", "reports_to: cs-tеam-lead"
    )  # Cyrillic е
    (diagnostic,) = pipeline.check(project).diagnostics
    assert "Cyrillic" in diagnostic.hint


def test_a_mixed_ambiguity_names_the_kind_of_each_candidate(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(
        project,
        "specs/org.yaml",
        "{zh: 人力资源部, en: Human resources}",
        "{zh: 培训专员, en: Human resources}",
    )
    edit(
        project, "specs/processes/complaint-handling.yaml", "consulted: [cs-trainer]", "consulted: [培训专员]"
    )
    (diagnostic,) = pipeline.check(project).diagnostics
    assert diagnostic.message == '"培训专员" is the name of 2 entries: role cs-trainer, unit hr'
    assert diagnostic.message_in("zh") == "“培训专员”是 2 个对象的名称：岗位“cs-trainer”、部门“hr”"


def test_the_index_is_built_only_when_a_diagnostic_may_need_it(monkeypatch: Any, tmp_path: Path) -> None:
    def refuse(_org: Org) -> None:
        raise AssertionError("the names index was built")

    monkeypatch.setattr(titles, "NameIndex", refuse)
    assert pipeline.check(GOOD).diagnostics == ()
    project = copy_good(tmp_path / "project")
    edit(project, "specs/roles/cs-agent.yaml", "headcount: 40", "headcount: forty")
    assert [d.code for d in pipeline.check(project).diagnostics] == ["E102"]


# -- the names index ------------------------------------------------------------------------------


def _org(roles: dict[str, Text]) -> Org:
    """The good tree's organisation with these roles (id: title) instead of its own, and nothing else."""
    good = pipeline.check(GOOD).org
    like = good.roles["cs-agent"]
    made = {
        role_id: replace(like, id=role_id, title=Text(t.values, like.title.src))
        for role_id, t in roles.items()
    }
    return replace(good, roles=made, units={}, kpis={}, blocks={}, processes={})


def test_lookup_matches_exactly_then_loosely() -> None:
    index = NameIndex(
        _org(
            {
                "a": Text((("zh", "主管"), ("en", "Supervisor"))),
                "b": Text((("zh", "主管"), ("en", "supervisor"))),
                "c": Text((("zh", "Ｌｅａｄ"),)),
            }
        )
    )
    assert index.lookup("Supervisor", ("role",)) == (Named("role", "a", "Supervisor"),)  # exact first
    assert [n.id for n in index.lookup("SUPERVISOR", ("role",))] == ["a", "b"]  # then ignoring case
    assert [n.id for n in index.lookup(" 主管 ", ("role",))] == ["a", "b"]
    assert [n.id for n in index.lookup("lead", ("role",))] == ["c"]  # full-width letters
    assert index.lookup("主管", ("unit",)) == ()


def test_the_index_holds_ten_thousand_roles_in_one_pass() -> None:
    org = _org({f"r{i}": Text((("zh", f"岗位{i}"), ("en", f"Role {i}"))) for i in range(10_000)})
    started = time.perf_counter()
    index = NameIndex(org)
    found = [index.lookup(f"role {i}", ("role",)) for i in range(10_000)]
    assert time.perf_counter() - started < 5  # about 0.1 s: a dict, no scan per lookup
    assert all(f == (Named("role", f"r{i}", f"Role {i}"),) for i, f in enumerate(found))


# -- every place an id is written ------------------------------------------------------------------


def _id_places(schema: dict[str, Any], path: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The paths in a schema typed as a reference: an id, a list of ids, or the accountable party."""
    ref = schema.get("$ref", "")
    if ref.endswith("#/$defs/id"):
        return {path}
    if ref.endswith(("#/$defs/ids", "#/$defs/parties")):
        return {(*path, "#")}
    if ref.endswith("#/$defs/accountable"):
        return {path, (*path, "#")}
    if ref.endswith("#/$defs/duty"):
        return _id_places(resources.schema("common.schema.json")["$defs"]["duty"], path)
    found = set()
    for key, sub in schema.get("properties", {}).items():
        found |= _id_places(sub, (*path, key))
    if isinstance(schema.get("items"), dict):
        found |= _id_places(schema["items"], (*path, "#"))
    return found


@pytest.mark.parametrize("kind", ["org", "role", "kpis", "duties", "process", "policy"])
def test_every_id_the_schemas_expect_is_a_reference_place(kind: str) -> None:
    places = {p for p in _id_places(resources.schema(SCHEMA_OF_KIND[kind]), ()) if p[-1] != "id"}
    assert places == {pattern for pattern, _ in PATTERNS.get(kind, ())}
