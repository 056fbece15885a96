"""A project written with the Chinese controlled values is the project written with the English ones."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import FIXTURES, TODAY, copy_good, edit, materialise, published_tree, run_check, run_cli

TWINS = FIXTURES / "chinese-values"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Each twin (en, zh) laid over the good tree, checked and built: its output folder."""
    trees = {}
    for side in ("en", "zh"):
        project = materialise(TWINS / side, tmp_path_factory.mktemp(side) / "project")
        report = run_check(project, "--strict")
        assert report.diagnostics == [], side
        result = run_cli("build", project)
        assert result.exit_code == 0, result.output
        trees[side] = published_tree(project / "out")
    return trees


def test_the_twins_differ_only_in_the_words_of_their_values() -> None:
    differing = sorted(
        path.relative_to(TWINS / "zh").as_posix()
        for path in (TWINS / "zh").rglob("*.yaml")
        if path.read_bytes() != (TWINS / "en" / path.relative_to(TWINS / "zh")).read_bytes()
    )
    assert len(differing) == 8
    zh = "".join(path.read_text(encoding="utf-8") for path in (TWINS / "zh").rglob("*.yaml"))
    for word in ("每日", "初中", "审批", "越低越好", "不低于", "＜＝", "50％", "分钟", "工作日"):
        assert word in zh


def test_the_chinese_twin_builds_what_the_english_one_does(built: dict[str, dict[str, bytes]]) -> None:
    assert built["zh"].keys() == built["en"].keys()
    assert [name for name in built["en"] if built["en"][name] != built["zh"][name]] == []
    org = json.loads(built["zh"]["org.json"])
    (team_lead,) = [role for role in org["roles"] if role["id"] == "cs-team-lead"]
    assert [d["frequency"] for d in team_lead["duties"]] == ["daily", "daily", "monthly", "ongoing"]
    assert [(k["target"], k["comparator"], k["weight"]) for k in team_lead["kpis"]] == [
        (">= 95%", ">=", 50.0),
        ("85%", None, 30.0),
        ("< 3分钟", "<", 20.0),
    ]
    steps = org["processes"][0]["steps"]
    assert [s["sla"] for s in steps] == ["30m", "3bd", "1w"]
    assert {k["id"]: (k["direction"], k["period"]) for k in org["kpis"]}["first-response-time"] == (
        "lower-is-better",
        "daily",
    )


def test_the_jd_speaks_each_output_language(built: dict[str, dict[str, bytes]]) -> None:
    zh = built["zh"]["jd/zh/cs-team-lead.md"].decode()
    en = built["zh"]["jd/en/cs-team-lead.md"].decode()
    assert (
        "频次：每日\n工作成果：当班工单汇总" in zh
        and "Frequency: Daily\nDeliverables: Shift ticket summary" in en
    )
    # process steps: process | step | letters | other parties | SLA
    assert re.search(r"\| 处理并回复客户 \| R \| [^|\n]* \| 3个工作日 \|", zh)
    assert re.search(r"\| Resolve and reply \| R \| [^|\n]* \| 3 business days \|", en)
    assert re.search(r"\| 接收并记录客户投诉 \| A \| [^|\n]* \| 30分钟 \|", zh)
    assert re.search(r"\| Receive and log the complaint \| A \| [^|\n]* \| 30 min \|", en)
    agent_zh = built["zh"]["jd/zh/cs-agent.md"].decode()
    agent_en = built["zh"]["jd/en/cs-agent.md"].decode()
    assert "| 学历 | 初中及以上 |" in agent_zh and "| Education | Junior secondary school |" in agent_en


def test_a_value_rewritten_in_chinese_is_no_change(tmp_path: Path) -> None:
    old = copy_good(tmp_path / "old")
    new = copy_good(tmp_path / "new")
    edit(new, "specs/roles/cs-team-lead.yaml", "frequency: daily", "frequency: 每日")
    edit(new, "specs/roles/cs-team-lead.yaml", "education: associate", "education: 大专")
    edit(new, "specs/roles/cs-team-lead.yaml", 'target: ">= 95%"', "target: 不低于 95%")
    edit(new, "specs/processes/complaint-handling.yaml", "sla: 24h", "sla: 24小时")
    edit(new, "specs/kpis/service.yaml", "period: weekly", "period: 每周")
    result = run_cli("diff", old, new, "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["changes"] == []
    text = run_cli("diff", old, new, "--today", TODAY, "--lang", "en")
    assert text.stdout == f"No changes to the organisation between `{old}` and `{new}`.\n"


def test_junior_secondary_is_a_change_from_secondary(tmp_path: Path) -> None:
    old = copy_good(tmp_path / "old")
    new = copy_good(tmp_path / "new")
    edit(new, "specs/roles/cs-team-lead.yaml", "education: associate", "education: 初中")
    result = run_cli("diff", old, new, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "| 学历 | 大专及以上 | 初中及以上 |" in result.stdout
