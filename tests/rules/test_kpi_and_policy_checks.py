"""KPI004's fraction weights and their fix, KPI005, KPI006, POL002 and a missing target, as users meet them."""

from __future__ import annotations

from pathlib import Path

from helpers import copy_good, edit, run_check
from orgc import pipeline
from orgc.diagnostics import Diagnostic, Edit

LEAD = "specs/roles/cs-team-lead.yaml"
AGENT = "specs/roles/cs-agent.yaml"


def _diagnostics(project: Path, code: str) -> list[Diagnostic]:
    return [d for d in pipeline.check(project).diagnostics if d.code == code]


def _apply(text: str, edits: tuple[Edit, ...]) -> str:
    """The edits made on ``text``, last first, so that earlier positions stay valid."""
    lines = text.split("\n")
    for change in sorted(edits, key=lambda e: e.start, reverse=True):
        (line, start), (end_line, end) = change.start, change.end
        assert line == end_line
        row = lines[line - 1]
        lines[line - 1] = row[: start - 1] + change.text + row[end - 1 :]
    return "\n".join(lines)


def test_fraction_weights_are_named_and_their_fix_rewrites_only_the_numbers(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(project, LEAD, "    weight: 60\n", "    weight: 0.6\n")
    edit(project, LEAD, "    weight: 40\n", '    weight: "0.4"   # quoted\n')
    (found,) = _diagnostics(project, "KPI004")
    assert found.message_in("zh") == (
        "岗位“cs-team-lead”的考核指标权重合计为 1%，不是 100%。这些权重像是小数：0.6 应写作 60%"
    )
    assert "look like fractions (0.6 is to be written 60%)" in found.message
    assert found.fix is not None
    assert found.fix.what.render("zh") == "把权重改写为百分数"
    assert found.fix.edits == (
        Edit(LEAD, (24, 13), (24, 16), "60%"),
        Edit(LEAD, (27, 14), (27, 17), "40%"),  # inside the quotes
    )
    path = project / LEAD
    fixed = _apply(path.read_text(encoding="utf-8"), found.fix.edits)
    assert "    weight: 60%\n" in fixed and '    weight: "40%"   # quoted\n' in fixed
    path.write_text(fixed, encoding="utf-8")
    assert _diagnostics(project, "KPI004") == []


def test_fractions_in_a_flow_mapping_among_cjk_text_are_edited_by_character(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(
        project,
        LEAD,
        '  - kpi: ticket-closure-rate\n    target: ">= 95%"\n    weight: 60\n',
        '  - {kpi: ticket-closure-rate, target: "≥ 95%", weight: 0.75}   # 工单\n',
    )
    edit(project, LEAD, "    weight: 40\n", "    weight: 0.25\n")
    (found,) = _diagnostics(project, "KPI004")
    assert found.fix is not None
    assert found.fix.edits == (Edit(LEAD, (22, 57), (22, 61), "75%"), Edit(LEAD, (25, 13), (25, 17), "25%"))


def test_weights_that_sum_to_one_only_by_rounding_are_fractions_too(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(project, LEAD, "    weight: 60\n", "    weight: 0.67\n")
    edit(project, LEAD, "    weight: 40\n", "    weight: 0.33\n")
    (found,) = _diagnostics(project, "KPI004")
    assert found.fix is not None
    assert [e.text for e in found.fix.edits] == ["67%", "33%"]


def test_weights_that_do_not_look_like_fractions_get_no_fix(tmp_path: Path) -> None:
    cases = [("0.6", "0.3"), ("0.6%", "0.4%"), ("1.5", "0.5")]  # sums to 0.9; written as %; above 1
    for first, second in cases:
        project = copy_good(tmp_path / f"p{first}")
        edit(project, LEAD, "    weight: 60\n", f"    weight: {first}\n")
        edit(project, LEAD, "    weight: 40\n", f"    weight: {second}\n")
        (found,) = _diagnostics(project, "KPI004")
        assert found.fix is None and "fractions" not in found.message, (first, second)


def test_a_missing_target_is_reported_once_as_the_missing_field(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(project, AGENT, '    target: ">= 85%"\n', "")
    report = run_check(project, messages="zh")
    assert [(d["code"], d["line"], d["column"]) for d in report.diagnostics] == [("E102", 15, 5)]
    assert "缺少必填字段“target”" in report.diagnostics[0]["message"]


def test_a_blank_target_is_still_one_that_cannot_be_read(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(project, AGENT, 'target: ">= 85%"', 'target: " "')
    assert [(d["code"], d["line"]) for d in run_check(project).diagnostics] == [("KPI001", 16)]


def test_a_kpi_listed_twice_names_the_first_line_in_both_languages(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(
        project,
        AGENT,
        '    target: "<= 5 min"\n',
        '    target: "<= 5 min"\n  - kpi: csat\n    target: "= 100%"\n',
    )
    (found,) = _diagnostics(project, "KPI005")
    assert found.message_in("zh") == "考核指标“csat”在岗位“cs-agent”中列了两次（第一次在第 15 行）"
    assert found.hint_in("en") == "Keep one target for it: '>= 85%' or '= 100%'."


def test_a_catalogue_range_replaces_the_percentage_default(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    source = "    source: {zh: 满意度调查系统, en: Survey system}\n"
    edit(project, "specs/kpis/service.yaml", source, source + "    range: [0, 200]\n")
    edit(project, AGENT, 'target: ">= 85%"', 'target: ">= 120%"')
    assert _diagnostics(project, "KPI006") == []
    edit(project, AGENT, 'target: ">= 120%"', 'target: ">= 250%"')
    (found,) = _diagnostics(project, "KPI006")
    assert found.message_in("zh") == "考核指标“csat”的目标“>= 250%”超出了它可能的取值范围 0～200%"


def test_targets_at_the_edges_of_the_range_are_possible(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    for target in (">= 100%", "100%", "< 100%", "= 0%", "> 0%"):
        edit(project, AGENT, 'target: ">= 85%"', f'target: "{target}"')
        assert _diagnostics(project, "KPI006") == [], target
        edit(project, AGENT, f'target: "{target}"', 'target: ">= 85%"')
    edit(project, AGENT, 'target: ">= 85%"', 'target: "< 0%"')
    (found,) = _diagnostics(project, "KPI006")
    assert found.message == "target '< 0%' for KPI 'csat' cannot be met: its values lie between 0 and 100%"


def test_a_unit_without_a_range_has_no_limits(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(project, AGENT, 'target: "<= 5 min"', 'target: "<= 500 min"')
    assert _diagnostics(project, "KPI006") == []


def test_review_before_effective_in_chinese(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    edit(project, "specs/policies/complaint-policy.yaml", "review_by: 2099-12-31", "review_by: 2025-12-31")
    report = run_check(project, messages="zh")
    found = [d for d in report.diagnostics if d["code"] == "POL002"]
    assert [(d["line"], d["column"]) for d in found] == [(6, 12)]
    assert found[0]["message"] == "制度“complaint-policy”的复审日期 2025-12-31 不晚于生效日期 2026-01-01"
    assert report.exit_code == 1
