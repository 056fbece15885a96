"""A pull request cannot fake `orgc diff`, nor make it read more than a spec file may hold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_diff import commit, git

from helpers import TODAY, copy_good, edit, run_cli
from orgc.diff import revisions

AGENT = "specs/roles/cs-agent.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    top = tmp_path / "repo"
    copy_good(top)
    git(top, "init", "-q")
    commit(top, "base")
    return top


def diff(repo: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("diff", *args, "--path", repo, "--today", TODAY)


@pytest.mark.parametrize("fake", ["HEAD", "base"])
def test_a_committed_folder_named_like_a_revision_does_not_fake_the_diff(
    repo: Path, fake: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the pull request changes the headcount, and commits a copy of the base under HEAD/ (or base/)
    copy = repo / fake
    copy.mkdir()
    shutil.copytree(repo / "specs", copy / "specs")
    shutil.copy(repo / "orgc.yaml", copy / "orgc.yaml")
    edit(repo, AGENT, "headcount: 40", "headcount: 99")
    commit(repo, "pr")
    if fake == "base":  # a base folder holding the pull request's specs hides the change the other way
        edit(repo, f"{fake}/{AGENT}", "headcount: 40", "headcount: 99")
        commit(repo, "pr2")
    monkeypatch.chdir(repo)  # the workflow runs `orgc diff "$BASE" HEAD` at the repository's top
    result = diff(repo, "base", "HEAD")
    assert result.exit_code == 0, result.output
    assert "定员 48 → 107" in result.stdout


def test_a_path_that_names_a_folder_is_still_a_folder(repo: Path, tmp_path: Path) -> None:
    other = copy_good(tmp_path / "other")
    edit(other, AGENT, "headcount: 40", "headcount: 13")
    assert "定员 48 → 21" in diff(repo, "HEAD", str(other)).stdout
    assert "定员 48 → 21" in run_cli("diff", "--folders", str(repo), str(other), "--today", TODAY).stdout


def test_a_bare_folder_name_is_a_revision_and_the_message_says_how_to_mean_the_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "snapshot").mkdir()
    monkeypatch.chdir(repo)
    result = diff(repo, "snapshot", "--messages", "en")
    assert result.exit_code == 2
    assert "write ./snapshot or pass --folders" in result.stderr


def test_a_blob_over_the_spec_limit_is_never_read(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "specs/roles/huge.yaml").write_bytes(b"# " + b"x" * (6 * 1024 * 1024) + b"\n")
    commit(repo, "huge")
    huge = git(repo, "rev-parse", "huge:specs/roles/huge.yaml").strip().encode()
    asked: list[bytes] = []
    cat = revisions._cat
    monkeypatch.setattr(revisions, "_cat", lambda oids, side: asked.extend(oids) or cat(oids, side))
    result = diff(repo, "base", "huge", "--messages", "en")
    assert result.exit_code == 1
    assert "HEAD (revision huge) has 1 error" in result.stderr
    assert "E100" in result.stderr
    assert asked and huge not in asked
