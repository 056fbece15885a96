"""``orgc diff``: a git history in a temporary folder, one commit per kind of change.

Golden files live in tests/fixtures/diff/: ``<case>.md`` and ``<case>.json`` for the
diff of each commit against the one before it, and ``everything*`` for the whole
history at once. After an intended change, regenerate them with

    ORGC_UPDATE_GOLDEN=1 pytest tests/test_diff.py

and read the diff before committing it. Commit ids in the JSON goldens are written
as forty zeros (they depend on the fixture tree).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from jsonschema import Draft202012Validator

from helpers import FIXTURES, GOOD, ROOT, TODAY, copy_good, edit, run_cli, write
from orgc import resources
from orgc.diff.markdown import FOLD_AFTER
from orgc.diff.targets import verdict
from orgc.model.entities import Target

HERE = FIXTURES / "diff"
PROJECT = "org"  # the project sits in a sub-folder of the repository
ZEROS = "0" * 40
GIT_ENV = {
    "GIT_AUTHOR_NAME": "orgc tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "orgc tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def commit(repo: Path, tag: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", tag)
    git(repo, "tag", tag)


def diff(repo: Path, *args: str) -> Result:
    return run_cli("diff", *args, "--path", repo / PROJECT, "--today", TODAY)


# -- the history: one commit per kind of change ---------------------------------------------------

ROLE = "specs/roles/{}.yaml".format
QUALITY = """\
id: cs-quality
title: {zh: 质检专员, en: Quality inspector}
unit: cs-frontline
reports_to: cs-supervisor
headcount: 2
grade: P2
purpose: {zh: 抽样监听并评分, en: Samples and scores calls}
duties:
  - id: sampling
    title: {zh: 按规定完成抽样监听及评分, en: Monitor and score the required sample of calls}
    frequency: daily
    kpis: [csat]
kpis:
  - kpi: csat
    target: ">= 85%"
"""
TRAINING_POLICY = """\
id: training-policy
title: {zh: 培训管理制度, en: Training policy}
owner: cs-supervisor
applies_to: [cs-center]
effective: 2026-03-01
review_by: 2027-03-01
sections:
  - title: {zh: 目的, en: Purpose}
    body: {zh: 规范新员工培训, en: Sets how new staff are trained}
"""


def rename_trainer(p: Path) -> None:
    (p / ROLE("cs-trainer")).rename(p / ROLE("cs-coach"))
    for rel in (ROLE("cs-coach"), ROLE("cs-team-lead"), "specs/processes/complaint-handling.yaml"):
        text = (p / rel).read_text(encoding="utf-8")
        (p / rel).write_text(text.replace("cs-trainer", "cs-coach"), encoding="utf-8")


def reformat(p: Path) -> None:
    """Changes of form only: a comment, a target written out, list items in another order."""
    edit(p, ROLE("cs-team-lead"), "target: 85%", 'target: ">= 85%"   # the same, written out')
    path = p / ROLE("cs-supervisor")
    text = path.read_text(encoding="utf-8")
    first = '  - kpi: avg-handle-time\n    target: "<= 6 min"\n    weight: 50%\n'
    second = '  - kpi: csat\n    target: ">= 88%"\n    weight: 50%\n'
    assert first + second in text
    path.write_text(text.replace(first + second, second + first), encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Path], object]
    kinds: dict[str, int]  # exactly the kinds of change the diff holds
    markdown: tuple[str, ...]  # each occurs exactly once in the Markdown


CASES = (
    Case(
        "role-added",
        lambda p: write(p, ROLE("cs-quality"), QUALITY),
        {"role-added": 1, "raci-cell": 1},
        ("| 新增 | 质检专员 (`cs-quality`) |",),
    ),
    Case(
        "role-moved",
        lambda p: (
            edit(p, ROLE("cs-quality"), "reports_to: cs-supervisor", "reports_to: cs-director"),
            edit(p, ROLE("cs-quality"), "unit: cs-frontline", "unit: cs-center"),
        ),
        {"role-moved": 1},
        (
            "上级：客服主管 (`cs-supervisor`) → 客服总监 (`cs-director`) · "
            "部门：一线服务组 (`cs-frontline`) → 客服中心 (`cs-center`)",
        ),
    ),
    Case("role-renamed", rename_trainer, {"role-renamed": 1}, ("原编号 `cs-trainer`",)),
    Case(
        "role-retitled",
        lambda p: edit(
            p,
            ROLE("cs-agent"),
            "{zh: 客服专员, en: Customer service agent}",
            "{zh: 客服代表, en: Customer service representative}",
        ),
        {"role-retitled": 1},
        ("客服专员 → 客服代表",),
    ),
    Case(
        "headcount-grade",
        lambda p: (
            edit(p, ROLE("cs-agent"), "headcount: 40", "headcount: 42"),
            edit(p, ROLE("cs-team-lead"), "grade: M1", "grade: M2"),
        ),
        {"role-headcount": 1, "role-grade": 1},
        ("| 定员 | 40 | 42 |", "| 职级 | M1 | M2 |"),
    ),
    Case(
        "duty-added",
        lambda p: edit(
            p,
            ROLE("cs-director"),
            "kpis:\n",
            "  - id: review\n    title: {zh: 主持月度经营分析会, en: Chair the monthly review}\n"
            "    frequency: monthly\nkpis:\n",
        ),
        {"duty-added": 1, "raci-cell": 1},
        ("| 新增 | 主持月度经营分析会 (`cs-director.review`) |",),
    ),
    Case(
        "duty-removed",
        lambda p: edit(
            p,
            ROLE("cs-director"),
            "  - id: strategy\n    title: {zh: 制定客服中心年度目标, en: Set the center's yearly goals}\n"
            "    frequency: yearly\n    deliverables:\n      - {zh: 年度经营计划, en: Yearly plan}\n",
            "",
        ),
        {"duty-removed": 1, "raci-cell": 1},
        ("| 删除 | 制定客服中心年度目标 (`cs-director.strategy`) |",),
    ),
    Case(
        "duty-reworded",
        lambda p: edit(
            p,
            ROLE("cs-supervisor"),
            "{zh: 排班与人力调度, en: Rosters and staffing}",
            "{zh: 排班、人力调度与考勤, en: 'Rosters, staffing and attendance'}",
        ),
        {"duty-reworded": 1},
        ("排班与人力调度 → 排班、人力调度与考勤",),
    ),
    Case(
        "raci-cell",
        lambda p: edit(
            p,
            "specs/processes/complaint-handling.yaml",
            "    consulted: [cs-coach]\n    informed: [cs-center]\n",
            "    informed: [cs-center, cs-coach]\n",
        ),
        {"raci-cell": 1},
        ("| C → I |",),
    ),
    Case(
        "kpi-tightened",
        lambda p: edit(p, ROLE("cs-director"), '">= 90%"', '">= 92%"'),
        {"kpi-target-tightened": 1},
        ("| 收紧 |",),
    ),
    Case(
        "kpi-loosened",
        lambda p: edit(p, ROLE("cs-agent"), '"<= 5 min"', '"<= 6 min"'),
        {"kpi-target-loosened": 1},
        ("| 放宽 |",),
    ),
    Case(
        "qualification",
        lambda p: edit(p, ROLE("cs-team-lead"), "education: associate", "education: bachelor"),
        {"qualification": 1},
        ("| 学历 | 大专及以上 | 本科及以上 |",),
    ),
    Case(
        "policy-added",
        lambda p: write(p, "specs/policies/training-policy.yaml", TRAINING_POLICY),
        {"policy-added": 1},
        ("| 新增 | 培训管理制度 (`training-policy`) |",),
    ),
    Case(
        "policy-past-review",
        lambda p: edit(
            p, "specs/policies/complaint-policy.yaml", "review_by: 2099-12-31", "review_by: 2026-03-01"
        ),
        {"policy-changed": 1, "policy-past-review": 1},
        ("| 修订 | 客户投诉处理制度 (`complaint-policy`) |", "| 已过复审日期 |"),
    ),
    Case(
        "unit-added",
        lambda p: edit(
            p,
            "specs/org.yaml",
            "  - id: hr\n",
            "  - id: cs-care\n    name: {zh: 客户关系组, en: Customer care}\n    parent: cs-center\n"
            "  - id: hr\n",
        ),
        {"unit-added": 1},
        ("| 部门 | 客户关系组 (`cs-care`) | 新增 |",),
    ),
    Case(
        "role-removed",
        lambda p: (p / ROLE("cs-quality")).unlink(),
        {"role-removed": 1, "raci-cell": 1},
        ("| 撤销 | 质检专员 (`cs-quality`) |",),
    ),
    Case("no-change", reformat, {}, ()),
)
PREVIOUS = {case.name: ("v0" if i == 0 else CASES[i - 1].name) for i, case in enumerate(CASES)}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with the project in org/: an empty first commit, v0, one commit per case, broken."""
    root = tmp_path_factory.mktemp("diff") / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write(root, "README.md", "# HR\n")
    commit(root, "empty")
    project = copy_good(root / PROJECT)
    commit(root, "v0")
    for case in CASES:
        case.change(project)
        commit(root, case.name)
    edit(project, ROLE("cs-agent"), "reports_to: cs-team-lead", "reports_to: cs-nobody")
    commit(root, "broken")
    git(root, "checkout", "-q", CASES[-1].name)
    return root


def golden(name: str, text: str) -> None:
    path = HERE / name
    if os.environ.get("ORGC_UPDATE_GOLDEN"):
        HERE.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.is_file(), f"{path} is missing: run with ORGC_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"the output differs from {path}"


def json_output(result: Result, repo: Path) -> dict:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    Draft202012Validator(resources.schema("diff.schema.json")).validate(data)
    for side in ("base", "head"):
        if data[side]["kind"] == "revision":
            assert data[side]["commit"] == git(repo, "rev-parse", data[side]["label"]).strip()
            data[side]["commit"] = ZEROS
    return data


def normalised(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# -- each kind of change --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_kind_of_change(repo: Path, case: Case) -> None:
    before = PREVIOUS[case.name]
    md = diff(repo, before, case.name)
    assert md.exit_code == 0, md.output
    data = json_output(diff(repo, before, case.name, "--format", "json"), repo)
    assert Counter(change["kind"] for change in data["changes"]) == Counter(case.kinds)
    assert data["summary"]["kinds"] == dict(sorted(case.kinds.items()))
    for marker in case.markdown:
        assert md.stdout.count(marker) == 1, f"{marker!r} in\n{md.stdout}"
    if not case.kinds:
        assert md.stdout == f"`{before}` 与 `{case.name}` 之间组织没有变更。\n"
    else:
        assert md.stdout.startswith(f"**组织变更** `{before}` → `{case.name}`：")
    golden(f"{case.name}.md", md.stdout)
    golden(f"{case.name}.json", normalised(data))


def test_everything_at_once(repo: Path) -> None:
    """The whole history but the last role removal: every section, and the summary line."""
    last = "unit-added"
    md = diff(repo, "v0", last)
    assert md.exit_code == 0, md.output
    first = md.stdout.split("\n")[0]
    assert first.startswith("**组织变更** `v0` → `unit-added`：新增岗位 1 · 岗位编号变更 1")
    assert "定员 48 → 52 (+4)" in first
    golden("everything.md", md.stdout)
    english = diff(repo, "v0", last, "--lang", "en")
    assert english.stdout.startswith("**Organisation changes** `v0` → `unit-added`: 1 role added")
    golden("everything.en.md", english.stdout)
    data = json_output(diff(repo, "v0", last, "--format", "json"), repo)
    kinds = {c["kind"] for c in data["changes"]}
    assert {
        "role-added",
        "role-renamed",
        "role-retitled",
        "duty-added",
        "kpi-target-tightened",
        "qualification",
        "policy-past-review",
        "unit-added",
    } <= kinds
    golden("everything.json", normalised(data))


def test_no_change_is_one_line(repo: Path) -> None:
    for args in (("v0", "v0"), ("role-removed", "no-change")):
        result = diff(repo, *args)
        assert result.exit_code == 0
        assert result.stdout.count("\n") == 1, result.stdout
    english = diff(repo, "v0", "v0", "--lang", "en")
    assert english.stdout == "No changes to the organisation between `v0` and `v0`.\n"
    data = json_output(diff(repo, "v0", "v0", "--format", "json"), repo)
    assert data["changes"] == [] and data["summary"]["changes"] == 0


def test_reversed_diff_mirrors(repo: Path) -> None:
    forward = json_output(diff(repo, "kpi-loosened", "kpi-tightened", "--format", "json"), repo)
    assert [c["kind"] for c in forward["changes"]] == ["kpi-target-tightened"]
    added = json_output(diff(repo, "role-added", "v0", "--format", "json"), repo)
    assert Counter(c["kind"] for c in added["changes"]) == Counter({"role-removed": 1, "raci-cell": 1})


# -- sides: the working tree, folders ------------------------------------------------------------


def snapshot(repo: Path) -> tuple[str, bytes, dict[str, tuple[int, int]]]:
    """git status, the index, and every file of the working tree with its size and mtime."""
    status = git(repo, "status", "--porcelain=v1", "--untracked-files=all", "--ignored")
    files = {
        p.relative_to(repo).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in repo.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }
    return status, (repo / ".git" / "index").read_bytes(), files


def test_working_tree_is_never_touched(repo: Path) -> None:
    project = repo / PROJECT
    original = (project / ROLE("cs-agent")).read_text(encoding="utf-8")
    edit(project, ROLE("cs-agent"), "headcount: 42", "headcount: 45")
    try:
        before = snapshot(repo)
        worktree = diff(repo, "no-change")  # HEAD: the working tree, with an uncommitted change
        assert worktree.exit_code == 0, worktree.output
        assert worktree.stdout.startswith("**组织变更** `no-change` → 工作区：定员调整 1")
        assert "| 客服代表 (`cs-agent`) | 定员 | 42 | 45 |" in worktree.stdout
        for args in (("v0", "no-change"), ("broken", "v0"), ("no-such-revision",)):
            diff(repo, *args)
        assert snapshot(repo) == before
    finally:
        (project / ROLE("cs-agent")).write_text(original, encoding="utf-8")


def test_folders(tmp_path: Path) -> None:
    old = copy_good(tmp_path / "old")
    new = copy_good(tmp_path / "new")
    edit(new, ROLE("cs-agent"), "headcount: 40", "headcount: 38")
    result = run_cli("diff", old, new, "--today", TODAY, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["base"] == {"kind": "folder", "label": str(old), "commit": None}
    assert [(c["kind"], c["before"], c["after"]) for c in data["changes"]] == [("role-headcount", 40, 38)]
    assert data["summary"]["headcount"] == {"before": 48, "after": 46}
    units = {u["unit"]: (u["before"], u["after"]) for u in data["headcount_by_unit"]}
    assert units == {"cs-center": (48, 46), "cs-frontline": (44, 42)}


def test_the_embedded_specs_against_themselves() -> None:
    root = ROOT
    result = run_cli("diff", root, root, "--path", root, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") == 1


def test_user_text_is_escaped(tmp_path: Path) -> None:
    old = copy_good(tmp_path / "old")
    new = copy_good(tmp_path / "new")
    edit(
        new,
        ROLE("cs-agent"),
        "{zh: 客服专员, en: Customer service agent}",
        "{zh: '**坐席** | <details> [x](http://e.invalid) `c`', en: Agent}",
    )
    md = run_cli("diff", old, new, "--today", TODAY).stdout
    # the word joiner (U+2060) keeps the address from becoming a link by itself
    assert "\\*\\*坐席\\*\\* \\| \\<details\\> \\[x\\](http\u2060://e.invalid) \\`c\\`" in md
    assert "<details>" not in md


def test_large_sections_fold(tmp_path: Path) -> None:
    old = copy_good(tmp_path / "old")
    new = copy_good(tmp_path / "new")
    duties = "".join(
        f"  - id: extra-{i}\n    title: {{zh: 额外职责{i}, en: Extra duty {i}}}\n" for i in range(FOLD_AFTER)
    )
    edit(new, ROLE("cs-director"), "kpis:\n", duties + "kpis:\n")
    md = run_cli("diff", old, new, "--today", TODAY).stdout
    assert "<details>" not in md  # 10 duties, 10 matrix cells: shown as they are
    edit(new, ROLE("cs-director"), "kpis:\n", "  - id: one-more\n    title: 再一项\nkpis:\n")
    md = run_cli("diff", old, new, "--today", TODAY).stdout
    assert md.count("<details>") == 2  # 11 duties, 11 matrix cells: both folded
    assert f"<summary>展开 {FOLD_AFTER + 1} 项</summary>" in md


# -- exit codes -----------------------------------------------------------------------------------


def test_errors_on_one_side_exit_1_naming_it(repo: Path) -> None:
    head = diff(repo, "v0", "broken", "--messages", "en")
    assert head.exit_code == 1
    assert head.stdout == ""
    assert "HEAD (revision broken) has 1 error in its specs" in head.stderr
    assert "error ORG001" in head.stderr and "orgc check org" in head.stderr
    base = diff(repo, "broken", "no-change", "--messages", "en")
    assert base.exit_code == 1
    assert "BASE (revision broken) has 1 error" in base.stderr
    assert "HEAD" not in base.stderr


def test_errors_in_the_working_tree(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "p")
    other = copy_good(tmp_path / "other")
    (project / ROLE("cs-agent")).write_text("id: [", encoding="utf-8")
    result = run_cli("diff", other, "--path", project, "--today", TODAY, "--messages", "en")
    assert result.exit_code == 1
    assert "HEAD (the working tree) has" in result.stderr
    assert f"run `orgc check {project}`" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("no-such-revision",), "'no-such-revision' is neither a folder nor a revision"),
        (("v0", "no-such-revision"), "'no-such-revision' is neither a folder nor a revision"),
        (("empty",), "'empty' has no orgc project in org/"),
        (("v0", "--lang", "fr"), "--lang fr: the specs are written in zh, en"),
    ],
)
def test_usage_and_io_errors_exit_2(repo: Path, args: tuple[str, ...], says: str) -> None:
    result = diff(repo, *args, "--messages", "en")
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert result.stdout == ""


def test_not_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project = copy_good(tmp_path / "p")
    result = run_cli("diff", "main", "--path", project, "--today", TODAY, "--messages", "en")
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr


def test_git_is_needed_only_for_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    project = copy_good(tmp_path / "p")
    assert run_cli("diff", GOOD, "--path", project, "--today", TODAY).exit_code == 0
    result = run_cli("diff", "main", "--path", project, "--today", TODAY, "--messages", "en")
    assert result.exit_code == 2
    assert "git is not installed" in result.stderr


def test_revision_files_are_read_safely(tmp_path: Path) -> None:
    """A link in the specs pointing outside the project is refused as in the working tree."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    project = copy_good(root / PROJECT)
    (project / "specs" / "roles" / "leak.yaml").symlink_to("/etc/passwd")
    commit(root, "links")
    result = diff(root, "links", "links", "--messages", "en")
    assert result.exit_code == 1
    assert "link to a file outside the project" in result.stderr


# -- the pieces -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "higher", "expected"),
    [
        (Target(">=", 90, "%"), Target(">=", 92, "%"), True, "tightened"),
        (Target(">=", 90, "%"), Target(">=", 85, "%"), True, "loosened"),
        (Target(">=", 90, "%"), Target(">", 90, "%"), True, "tightened"),
        (Target(None, 90, "%"), Target(">=", 90, "%"), True, None),
        (Target("<=", 5, "min"), Target("<=", 4, "min"), False, "tightened"),
        (Target("<=", 5, "min"), Target("<=", 6, "min"), False, "loosened"),
        (Target(None, 5, "min"), Target("<", 5, "min"), False, "tightened"),
        (Target("<=", 5, "min"), Target("<=", 300, "s"), False, "changed"),
        (Target("=", 5, "%"), Target("=", 6, "%"), True, "changed"),
        (Target(">=", 5, "%"), Target("<=", 6, "%"), True, "changed"),
        (Target(">=", 5, "%"), Target(">=", 6, "%"), None, "changed"),
    ],
)
def test_target_verdicts(before: Target, after: Target, higher: bool | None, expected: str | None) -> None:
    assert verdict(before, after, higher) == expected


def test_unrelated_roles_are_not_a_rename(tmp_path: Path) -> None:
    old = copy_good(tmp_path / "old")
    write(old, ROLE("cs-quality"), QUALITY)
    new = copy_good(tmp_path / "new")
    write(
        new,
        ROLE("cs-analyst"),
        QUALITY.replace("cs-quality", "cs-analyst")
        .replace("{zh: 质检专员, en: Quality inspector}", "{zh: 数据分析员, en: Analyst}")
        .replace(
            "{zh: 抽样监听并评分, en: Samples and scores calls}", "{zh: 分析服务数据, en: Analyses data}"
        )
        .replace(
            "{zh: 按规定完成抽样监听及评分, en: Monitor and score the required sample of calls}",
            "{zh: 编制服务数据周报, en: Write the weekly data report}",
        ),
    )
    data = json.loads(run_cli("diff", old, new, "--today", TODAY, "--format", "json").stdout)
    kinds = Counter(c["kind"] for c in data["changes"])
    assert kinds["role-added"] == 1 and kinds["role-removed"] == 1 and "role-renamed" not in kinds


def test_schema_is_valid() -> None:
    Draft202012Validator.check_schema(resources.schema("diff.schema.json"))
    assert date.fromisoformat(TODAY)
    assert shutil.which("git"), "these tests need git"
