"""Rebuilds after edits whose reach is narrow, or hidden: a duty's title is made again in its
role's job description alone; a name a page takes for another's, and a branch moved in org-chart
order, reach job descriptions that no edited document names. Each rebuild is byte for byte a
clean build."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import build_in_one_process, copy_good, edit, rebuilt_equals_clean, write

# A reviewer under the trainer, named as the trainer is: a page that names both links neither.
REVIEWER = """id: cs-qa
title: {zh: 培训专员, en: Trainer}
unit: cs-center
reports_to: cs-trainer
purpose: {zh: 抽检通话, en: Reviews calls}
duties:
  - id: review
    title: {zh: 通话抽检, en: Review calls}
    frequency: weekly
waive:
  KPI002: 新设岗位
"""
# A process in which the agent and the trainer are both consulted, and the team lead takes no part.
CALL_REVIEW = """id: call-review
title: {zh: 通话质检流程, en: Call review}
owner: cs-supervisor
steps:
  - id: review
    title: {zh: 抽检通话, en: Review a call}
    responsible: [cs-qa]
    consulted: [cs-agent, cs-trainer]
"""


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("specs/roles/cs-agent.yaml", "接听并解答客户咨询", "接听并答复客户咨询"),  # a duty's title
        ("specs/roles/cs-director.yaml", "负责客服中心的整体运营", "统筹客服中心运营"),  # the purpose
        ("specs/roles/cs-team-lead.yaml", "escalates_to: cs-director", "escalates_to: cs-supervisor"),
    ],
    ids=["duty title", "purpose", "escalation"],
)
def test_what_only_a_role_shows_is_looked_at_in_its_job_description_alone(
    rel: str, old: str, new: str, tmp_path: Path, looked_at: Counter[str]
) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build_in_one_process(project, out)
    looked_at.clear()
    edit(project, rel, old, new)
    build_in_one_process(project, out)
    assert set(looked_at) == {Path(rel).stem}
    rebuilt_equals_clean(project, out, tmp_path / "clean")


def test_a_headcount_is_looked_at_where_it_is_shown(tmp_path: Path, looked_at: Counter[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build_in_one_process(project, out)
    looked_at.clear()
    edit(project, "specs/roles/cs-team-lead.yaml", "headcount: 4", "headcount: 5")
    build_in_one_process(project, out)
    # everyone above it counts it in 管辖人数, its report shows it in its supervisor's box; the
    # trainer, its peer's report, shows none of it
    assert set(looked_at) == {"cs-team-lead", "cs-supervisor", "cs-director", "cs-agent"}
    rebuilt_equals_clean(project, out, tmp_path / "clean")


def _with_reviewer(project: Path, include: bool = False) -> None:
    reviewer = (
        REVIEWER.replace("duties:\n", "include: [frontline-common]\nduties:\n") if include else REVIEWER
    )
    write(project, "specs/roles/cs-qa.yaml", reviewer)


Edit = Callable[[Path], None]
HIDDEN: dict[str, tuple[Callable[[Path], None], Edit]] = {
    # the reviewer now includes the block the agent includes: the agent's page names the reviewer,
    # whose name is the trainer's, so the trainer is no longer a link there
    "include": (
        _with_reviewer,
        lambda p: edit(p, "specs/roles/cs-qa.yaml", "duties:\n", "include: [frontline-common]\nduties:\n"),
    ),
    # the reviewer's duty now consults the agent: the same
    "duty parties": (
        _with_reviewer,
        lambda p: edit(
            p, "specs/roles/cs-qa.yaml", "frequency: weekly", "frequency: weekly\n    consulted: [cs-agent]"
        ),
    ),
    # the reviewer, which shares a block with the agent, is renamed from the trainer's name: the
    # trainer is a link on the agent's page again
    "title of a role sharing a block": (
        lambda p: _with_reviewer(p, include=True),
        lambda p: edit(
            p, "specs/roles/cs-qa.yaml", "{zh: 培训专员, en: Trainer}", "{zh: 质检专员, en: Reviewer}"
        ),
    ),
}


@pytest.mark.parametrize("name", HIDDEN)
def test_a_name_a_page_takes_for_another_s_reaches_the_pages_that_name_both(
    name: str, tmp_path: Path
) -> None:
    prepare, change = HIDDEN[name]
    project = copy_good(tmp_path / "project")
    prepare(project)
    out = tmp_path / "out"
    build_in_one_process(project, out)
    page = out / "site/en/roles/cs-agent.html"
    linked = page.read_text(encoding="utf-8").count('href="cs-trainer.html"')
    change(project)
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert page.read_text(encoding="utf-8").count('href="cs-trainer.html"') != linked


def test_a_branch_moved_in_the_chart_reorders_the_parties_of_steps_it_takes_part_in(tmp_path: Path) -> None:
    """The team lead moves under the director, and with it the agent: in org-chart order the
    agent now comes after the trainer, so the reviewer's step lists them the other way round,
    though neither the reviewer's documents nor its process name the team lead."""
    project = copy_good(tmp_path / "project")
    _with_reviewer(project)
    edit(project, "specs/roles/cs-qa.yaml", "{zh: 培训专员, en: Trainer}", "{zh: 质检专员, en: Reviewer}")
    write(project, "specs/processes/call-review.yaml", CALL_REVIEW)
    out = tmp_path / "out"
    build_in_one_process(project, out)
    reviewer = out / "jd/en/cs-qa.md"
    assert "Customer service agent (C), Trainer (C)" in reviewer.read_text(encoding="utf-8")
    edit(project, "specs/roles/cs-team-lead.yaml", "reports_to: cs-supervisor", "reports_to: cs-director")
    rebuilt_equals_clean(project, out, tmp_path / "clean")
    assert "Trainer (C), Customer service agent (C)" in reviewer.read_text(encoding="utf-8")
