"""pipeline.check with the editor's texts: unsaved buffers count, and one edit re-parses one file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from helpers import GOOD
from orgc import pipeline
from orgc.incremental.known import KnownDocuments
from orgc.model.build import Built

TEAM_LEAD = "specs/roles/cs-team-lead.yaml"


def test_an_unsaved_text_is_checked_instead_of_the_file(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(GOOD, root)
    text = (root / TEAM_LEAD).read_text(encoding="utf-8")
    result = pipeline.check(root, overlay={TEAM_LEAD: text.replace("headcount: 4", "headcount: 7")})
    assert result.org.roles["cs-team-lead"].headcount == 7
    assert pipeline.check(root).org.roles["cs-team-lead"].headcount == 4
    [problem] = [
        d for d in pipeline.check(root, overlay={TEAM_LEAD: "id: [\n"}).diagnostics if d.code == "E100"
    ]
    assert problem.location.file == TEAM_LEAD


def test_one_edit_reparses_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "p"
    shutil.copytree(GOOD, root)
    past = time.time_ns() - 10_000_000_000
    for path in root.rglob("*.yaml"):  # files written long before the check: their stamps are trusted
        os.utime(path, ns=(past, past))
    text = (root / TEAM_LEAD).read_text(encoding="utf-8")
    first = pipeline.check(root, overlay={TEAM_LEAD: text})
    known = KnownDocuments({d.file: d for d in first.read}, time.time_ns())
    parsed: list[str] = []
    real = pipeline.parse_yaml
    monkeypatch.setattr(pipeline, "parse_yaml", lambda text, file: parsed.append(file) or real(text, file))

    again = pipeline.check(root, known=known, overlay={TEAM_LEAD: text})
    assert parsed == []  # the same text again: nothing is parsed
    assert again.diagnostics == first.diagnostics

    edited = pipeline.check(
        root, known=known, overlay={TEAM_LEAD: text.replace("reports_to: cs-supervisor", "reports_to: cs-x")}
    )
    assert parsed == [TEAM_LEAD]
    assert [d.code for d in edited.diagnostics if d.location.file == TEAM_LEAD] == ["ORG001"]
    [line, column] = edited.diagnostics[0].location.line, edited.diagnostics[0].location.column
    assert (line, column) == (4, 13)


def test_entities_of_unchanged_documents_are_taken_over_with_their_problems(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(GOOD, root)
    past = time.time_ns() - 10_000_000_000
    trainer = root / "specs/roles/cs-trainer.yaml"
    trainer.write_text(
        trainer.read_text(encoding="utf-8").replace("id: cs-trainer", "id: cs-coach"), encoding="utf-8"
    )
    for path in root.rglob("*.yaml"):
        os.utime(path, ns=(past, past))
    built = Built()
    first = pipeline.check(root, built=built)
    known = KnownDocuments({d.file: d for d in first.read}, time.time_ns())
    text = (root / TEAM_LEAD).read_text(encoding="utf-8")
    again = pipeline.check(
        root, known=known, overlay={TEAM_LEAD: text.replace("headcount: 4", "headcount: 5")}, built=built
    )
    assert again.org.roles["cs-agent"] is first.org.roles["cs-agent"]
    assert again.org.roles["cs-team-lead"].headcount == 5
    # the file named for another id is still reported, though its role was not built again
    assert [d.code for d in again.diagnostics if d.location.file.endswith("cs-trainer.yaml")] == ["E103"]
    assert (
        again.diagnostics
        == pipeline.check(root, overlay={TEAM_LEAD: text.replace("headcount: 4", "headcount: 5")}).diagnostics
    )
