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
    "top": {"id": "top", "unit": "u"},
    "mid": {"id": "mid", "unit": "u", "reports_to": "top"},
    "low": {"id": "low", "unit": "u", "reports_to": "mid"},
    "side": {"id": "side", "unit": "u", "reports_to": "top"},
    "far": {"id": "far", "unit": "u", "reports_to": "side"},
}
PROCESS = {"id": "p", "steps": [{"id": "s", "responsible": ["low"], "consulted": ["side"]}]}


def _org(**digests: str) -> list[ReadDocument]:
    documents = [
        _document(f"specs/roles/{name}.yaml", "role", data, digests.get(name, "1"))
        for name, data in ROLES.items()
    ]
    documents.append(_document("specs/processes/p.yaml", "process", PROCESS, digests.get("p", "1")))
    documents.append(_document("specs/org.yaml", "org", {"units": [{"id": "u"}]}, digests.get("org", "1")))
    return documents


def _previous(documents: list[ReadDocument]) -> KnownDocuments:
    return KnownDocuments({d.file: d for d in documents}, FAR_FUTURE, "shared")


def test_a_role_change_reaches_what_it_names_what_names_it_and_process_partners() -> None:
    before = _previous(_org())
    # side: itself, top (named, and above it), far (names side), low (shares a process step with
    # side), mid (a peer: its working relationships name side)
    assert affected_roles(before, _org(side="2"), "shared") == {"side", "top", "far", "low", "mid"}


def test_a_process_change_reaches_its_parties() -> None:
    assert affected_roles(_previous(_org()), _org(p="2"), "shared") == {"low", "side"}


def test_org_yaml_or_the_setting_reaches_every_role() -> None:
    assert affected_roles(_previous(_org()), _org(org="2"), "shared") is None
    assert affected_roles(_previous(_org()), _org(), "another setting") is None
    assert affected_roles(None, _org(), "shared") is None


def test_nothing_changed_reaches_no_role() -> None:
    assert affected_roles(_previous(_org()), _org(), "shared") == frozenset()


def test_a_removed_role_reaches_what_it_named() -> None:
    before = _previous(_org())
    after = [d for d in _org() if not d.file.endswith("/far.yaml")]
    # side (named it), top (above it: 管辖人数 counts it); far had no peers
    assert affected_roles(before, after, "shared") == {"side", "top"}


def _data(project: Path, stem: str) -> dict:
    read = check(project, date(2026, 6, 1)).read
    return next(d.data for d in read if Path(d.file).stem == stem)
