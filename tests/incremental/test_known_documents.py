"""Documents taken over from the last build (load/known.py), and the roles a change reaches (affected.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import copy_good, edit
from orgc.incremental.affected import affected_roles
from orgc.incremental.known import KnownDocuments, ReadDocument, mentions_in
from orgc.pipeline import check

FAR_FUTURE = 2**62


def _known(project: Path, **changes: dict) -> KnownDocuments:
    """What a build of ``project`` read, with the data of some files replaced (by file name)."""
    read = check(project, date(2026, 6, 1)).read
    documents = {}
    for document in read:
        data = changes.get(Path(document.file).stem, document.data)
        documents[document.file] = ReadDocument(
            document.file, document.kind, document.stamp, document.digest, data, mentions_in(data)
        )
    return KnownDocuments(documents, FAR_FUTURE, "shared")


def test_an_unchanged_file_is_not_read_again(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    agent = check(project, date(2026, 6, 1)).org.roles["cs-agent"]
    data = {**_data(project, "cs-agent"), "title": {"zh": "从记录中取来", "en": "Taken over"}}
    result = check(project, date(2026, 6, 1), _known(project, **{"cs-agent": data}))
    assert str(result.org.roles["cs-agent"].title) == "从记录中取来" != str(agent.title)


def test_a_touched_file_with_the_same_bytes_is_taken_over(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    data = {**_data(project, "cs-agent"), "title": {"zh": "从记录中取来", "en": "Taken over"}}
    known = _known(project, **{"cs-agent": data})
    path = project / "specs/roles/cs-agent.yaml"
    path.write_bytes(path.read_bytes())  # a new stamp, the same digest
    path.rename(path.with_suffix(".tmp"))
    path.with_suffix(".tmp").rename(path)
    result = check(project, date(2026, 6, 1), known)
    assert str(result.org.roles["cs-agent"].title) == "从记录中取来"
    assert known.documents["specs/roles/cs-agent.yaml"] not in result.read  # recorded with its new stamp


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    known = _known(project, **{"cs-agent": {**_data(project, "cs-agent"), "title": "从记录中取来"}})
    edit(project, "specs/roles/cs-agent.yaml", "zh: 客服专员", "zh: 资深客服专员")
    result = check(project, date(2026, 6, 1), known)
    assert str(result.org.roles["cs-agent"].title) == "资深客服专员"


def test_a_problem_in_a_taken_over_document_is_located_in_its_file(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    data = {**_data(project, "cs-agent"), "reports_to": "cs-nobody"}
    result = check(project, date(2026, 6, 1), _known(project, **{"cs-agent": data}))
    [missing] = [d for d in result.diagnostics if d.code == "ORG001"]
    text = (project / "specs/roles/cs-agent.yaml").read_text(encoding="utf-8").splitlines()
    assert missing.location.file == "specs/roles/cs-agent.yaml"
    assert text[missing.location.line - 1].startswith("reports_to:")


def test_mentions_are_every_id_like_text() -> None:
    data = {"id": "a", "title": {"zh": "标题"}, "duties": [{"consulted": ["b", "Not-an-id"], "n": 3}]}
    assert mentions_in(data) == {"a", "b"}


def _document(file: str, kind: str, data: dict, digest: str = "1") -> ReadDocument:
    return ReadDocument(file, kind, None, digest, data, mentions_in(data))


ROLES = {
    "top": {"id": "top", "title": "Top", "unit": "u", "headcount": 1},
    "mid": {"id": "mid", "title": "Mid", "unit": "u", "reports_to": "top", "headcount": 2},
    "low": {
        "id": "low",
        "title": "Low",
        "unit": "u",
        "reports_to": "mid",
        "duties": [{"id": "d", "title": "Answer", "consulted": ["far"]}],
    },
    "side": {"id": "side", "title": "Side", "unit": "u", "reports_to": "top", "purpose": "Helps"},
    "far": {"id": "far", "title": "Far", "unit": "u", "reports_to": "side", "dotted_to": ["mid"]},
}
PROCESS = {
    "id": "p",
    "title": "Process",
    "steps": [
        {"id": "s", "title": "Step", "responsible": ["low"], "consulted": ["side"], "sla": "1d"},
        {"id": "t", "title": "Next", "responsible": ["far"]},
    ],
}
POLICY = {"id": "rules", "title": "Rules", "owner": "top", "applies_to": ["u"]}


def _org(**changes: dict) -> list[ReadDocument]:
    """The organisation above, with the data of some documents replaced (by id); a replaced
    document has another digest."""
    documents = [
        _document(
            f"specs/roles/{name}.yaml", "role", changes.get(name, data), "2" if name in changes else "1"
        )
        for name, data in ROLES.items()
    ]
    for file, kind, data in (
        ("specs/processes/p.yaml", "process", PROCESS),
        ("specs/policies/rules.yaml", "policy", POLICY),
        ("specs/org.yaml", "org", {"units": [{"id": "u", "head": "top"}]}),
    ):
        name = Path(file).stem
        documents.append(_document(file, kind, changes.get(name, data), "2" if name in changes else "1"))
    return documents


def _previous(documents: list[ReadDocument]) -> KnownDocuments:
    return KnownDocuments({d.file: d for d in documents}, FAR_FUTURE, "shared")


def _reach(**changes: dict) -> frozenset[str] | None:
    return affected_roles(_previous(_org()), _org(**changes), "shared")


def _changed(name: str, **fields: object) -> dict:
    data = {**ROLES, "p": PROCESS, "rules": POLICY}[name]
    return {**data, **fields}


def test_a_title_reaches_what_names_the_role_what_it_names_and_process_partners() -> None:
    # side: itself, top (its supervisor lists it), far (reports to it), low (shares a process step
    # with it), mid (a peer: its working relationships name side)
    assert _reach(side=_changed("side", title="Aside")) == {"side", "top", "far", "low", "mid"}


def test_what_only_the_role_shows_reaches_the_role_alone() -> None:
    duties = [{"id": "d", "title": "Answer calls", "tasks": ["Pick up"], "consulted": ["far"]}]
    assert _reach(low=_changed("low", duties=duties)) == {"low"}
    assert _reach(side=_changed("side", purpose="Helps a lot", grade="P2", dotted_to=["mid"])) == {"side"}
    assert _reach(side=_changed("side", purpose="Helps")) == {"side"}  # the same data, written anew


def test_a_duty_s_parties_reach_the_parties_before_and_after() -> None:
    duties = [{"id": "d", "title": "Answer", "consulted": ["side"]}]
    assert _reach(low=_changed("low", duties=duties)) == {"low", "far", "side"}


def test_a_headcount_reaches_everyone_above_the_reports_and_the_dotted_lines() -> None:
    # mid: top above it, low reports to it, far has a dotted line to it; its peer side shows no headcount
    assert _reach(mid=_changed("mid", headcount=3)) == {"mid", "top", "low", "far"}


def test_a_step_reaches_its_parties_and_a_process_title_every_party() -> None:
    steps = [{**PROCESS["steps"][0], "sla": "2d"}, PROCESS["steps"][1]]
    assert _reach(p=_changed("p", steps=steps)) == {"low", "side"}
    described = [{**PROCESS["steps"][0], "description": "How"}, PROCESS["steps"][1]]
    assert _reach(p=_changed("p", steps=described, description="Why")) == frozenset()
    assert _reach(p=_changed("p", title="Procedure")) == {"low", "side", "far"}


def test_a_policy_reaches_no_role() -> None:
    assert _reach(rules=_changed("rules", title="Rulebook", owner="mid")) == frozenset()


def test_org_yaml_or_the_setting_reaches_every_role() -> None:
    assert _reach(org={"units": [{"id": "u", "head": "mid"}]}) is None
    assert affected_roles(_previous(_org()), _org(), "another setting") is None
    assert affected_roles(None, _org(), "shared") is None


def test_nothing_changed_reaches_no_role() -> None:
    assert affected_roles(_previous(_org()), _org(), "shared") == frozenset()


def test_a_removed_role_reaches_what_it_named() -> None:
    before = _previous(_org())
    after = [d for d in _org() if not d.file.endswith("/far.yaml")]
    # side (its supervisor; 管辖人数), top (above it), mid (it had a dotted line to it), low (its duty
    # names far), and the process's parties (far took part in it)
    assert affected_roles(before, after, "shared") == {"side", "top", "mid", "low"}


def _data(project: Path, stem: str) -> dict:
    read = check(project, date(2026, 6, 1)).read
    return next(d.data for d in read if Path(d.file).stem == stem)
