"""`orgc import --merge`: next year's roster over specs that HR has written in since the first import."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import FIXTURES, run_cli, write
from orgc.roster import write as roster_write
from orgc.roster.edit import EditRefused, edit_fields

CS = FIXTURES / "rosters" / "cs-utf8.csv"

# The supervisor's file as HR left it: a comment, a quoted grade, a headcount with odd spacing and
# a comment beside it, a title comment, purpose, a blank line, a duty with more to it.
SUPERVISOR = """\
# Imported from cs-utf8.csv, row 3.
# 2026-03: purpose and duties written by HR.
id: ke-fu-zhu-guan
title: {zh: 客服主管, en: Customer service supervisor}   # 对外称“热线主管”
unit: re-xian-fu-wu-bu
reports_to: ke-fu-zong-jian
headcount:   2    # 含 1 名副职
grade: 'M2'
purpose: {zh: 保障热线服务水平, en: Keeps the hotline's service level}

duties:
  - id: duty-1
    title: 管理热线现场
    frequency: daily
  - id: duty-2
    title: 排班与考勤
qualifications:
  education: bachelor
"""
SUPERVISOR_AFTER = (
    SUPERVISOR.replace("{zh: 客服主管,", "{zh: 客服经理,")
    .replace("headcount:   2 ", "headcount:   3 ")
    .replace("grade: 'M2'", "grade: 'M3'")
)

# The team lead's file, saved with Windows line endings, purpose added.
TEAM_LEAD = (
    "# Imported from cs-utf8.csv, row 4.\r\n"
    "id: yi-xian-fu-wu-zu-ban-zu-zhang\r\n"
    "title: {zh: 班组长, en: Team lead}\r\n"
    "unit: yi-xian-fu-wu-zu\r\n"
    "reports_to: ke-fu-zhu-guan\r\n"
    "headcount: 4\r\n"
    "grade: M1\r\n"
    "purpose: 带领班组完成当班服务目标\r\n"
    "duties:\r\n"
    "  - id: duty-1\r\n"
    "    title: 任务调派与跟踪\r\n"
)
TEAM_LEAD_AFTER = TEAM_LEAD.replace("headcount: 4\r\n", "headcount: 5\r\n")

# The pre-sales agent's file without a grade, and with a comment of its own.
PRE_SALES = """\
# Imported from cs-utf8.csv, row 7.
id: shou-qian-ke-fu
title: {zh: 售前客服, en: Pre-sales agent}
unit: wang-luo-xiao-shou-fu-wu-zu   # 2026 年划归热线
reports_to: wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang
headcount: 8
# 售前话术见 duties
purpose: 解答售前咨询
"""
PRE_SALES_AFTER = """\
# Imported from cs-utf8.csv, row 7.
id: shou-qian-ke-fu
title: {zh: 售前客服, en: Pre-sales agent}
unit: re-xian-fu-wu-bu   # 2026 年划归热线
reports_to: ke-fu-zhu-guan
headcount: 8
grade: P2
# 售前话术见 duties
purpose: 解答售前咨询
"""

# 2027's roster: 客服主管 renamed 客服经理 (found by its English title), with one more person and a
# higher grade; one more team lead; 售前客服 moved into 热线服务部 under 客服经理 at P2; 培训专员
# gone; a new 质检专员 in a new 质检组.
ROSTER_2027 = """\
岗位名称,英文名称,部门,直接上级,定员（人）,职级
客服总监,Customer service director,客服中心,,1,M4
客服经理,Customer service supervisor,客服中心/热线服务部,客服总监,3,M3
班组长,Team lead,客服中心/热线服务部/一线服务组,客服经理,5,M1
客服专员,Customer service agent,客服中心/热线服务部/一线服务组,班组长,30,P1
班组长,Team lead,客服中心/网络销售服务组,客服总监,2,M1
售前客服,Pre-sales agent,客服中心/热线服务部,客服经理,8,P2
质检专员,QA agent,客服中心/质检组,客服经理,2,P2
"""

CHANGES_EN = """\
updated ke-fu-zhu-guan (specs/roles/ke-fu-zhu-guan.yaml):
  title.zh: 客服主管 → 客服经理
  headcount: 2 → 3
  grade: M2 → M3
updated yi-xian-fu-wu-zu-ban-zu-zhang (specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml):
  headcount: 4 → 5
updated shou-qian-ke-fu (specs/roles/shou-qian-ke-fu.yaml):
  unit: wang-luo-xiao-shou-fu-wu-zu → re-xian-fu-wu-bu
  reports_to: wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang → ke-fu-zhu-guan
  grade: (none) → P2
wrote specs/org.yaml (added 1 unit)
added specs/roles/zhi-jian-zhuan-yuan.yaml (a new role)
1 role of the project is not in the roster; it is kept (--remove-missing deletes it):
  pei-xun-zhuan-yuan (specs/roles/pei-xun-zhuan-yuan.yaml)
Updated 3 roles, added 1 role and 1 new unit, removed 0 roles in {folder}.
"""

CHANGES_ZH = """\
已更新 ke-fu-zhu-guan（specs/roles/ke-fu-zhu-guan.yaml）：
  title.zh：客服主管 → 客服经理
  headcount：2 → 3
  grade：M2 → M3
已更新 yi-xian-fu-wu-zu-ban-zu-zhang（specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml）：
  headcount：4 → 5
已更新 shou-qian-ke-fu（specs/roles/shou-qian-ke-fu.yaml）：
  unit：wang-luo-xiao-shou-fu-wu-zu → re-xian-fu-wu-bu
  reports_to：wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang → ke-fu-zhu-guan
  grade：（无） → P2
已写入 specs/org.yaml（新增 1 个部门）
已新增 specs/roles/zhi-jian-zhuan-yuan.yaml（新岗位）
项目中有 1 个岗位不在花名册中，予以保留（--remove-missing 会删除）：
  pei-xun-zhuan-yuan（specs/roles/pei-xun-zhuan-yuan.yaml）
已在 {folder} 中更新 3 个岗位，新增 1 个岗位、1 个新部门，删除 0 个岗位。
"""

HAND_EDITED = {
    "specs/roles/ke-fu-zhu-guan.yaml": SUPERVISOR.encode("utf-8"),
    "specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml": TEAM_LEAD.encode("utf-8"),
    "specs/roles/shou-qian-ke-fu.yaml": PRE_SALES.encode("utf-8"),
}


def tree(project: Path) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes() for p in sorted(project.rglob("*")) if p.is_file()
    }


def merge(roster: Path, project: Path, *options: str, messages: str = "en"):  # type: ignore[no-untyped-def]
    return run_cli("import", roster, "--path", project, "--merge", *options, "--messages", messages)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project made by a first import of cs-utf8.csv, then written in by HR."""
    folder = tmp_path / "cs"
    assert run_cli("import", CS, "--path", folder).exit_code == 0
    for rel, data in HAND_EDITED.items():
        write(folder, rel, data)
    return folder


def changes_of(stdout: str) -> str:
    """What the import says between its header line and the work left."""
    lines = stdout.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if "→ headcount" in line) + 1
    end = next(
        i for i, line in enumerate(lines) if line.startswith(("Updated", "Would update", "已在", "将在"))
    )
    return "".join(lines[start : end + 1])


@pytest.mark.parametrize(("messages", "said"), [("en", CHANGES_EN), ("zh", CHANGES_ZH)])
def test_the_yearly_roster_changes_only_the_fields_it_owns(
    project: Path, tmp_path: Path, messages: str, said: str
) -> None:
    roster = write(tmp_path, "roster-2027.csv", ROSTER_2027)
    before = tree(project)
    result = merge(roster, project, messages=messages)
    assert result.exit_code == 0, result.output
    assert changes_of(result.stdout) == said.format(folder=project)
    after = tree(project)
    assert after["specs/roles/ke-fu-zhu-guan.yaml"].decode("utf-8") == SUPERVISOR_AFTER
    assert after["specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml"].decode("utf-8") == TEAM_LEAD_AFTER
    assert after["specs/roles/shou-qian-ke-fu.yaml"].decode("utf-8") == PRE_SALES_AFTER
    assert (
        after["specs/org.yaml"]
        == before["specs/org.yaml"]
        + ("  - id: zhi-jian-zu\n    name: 质检组\n    parent: ke-fu-zhong-xin\n").encode()
    )
    new = after.pop("specs/roles/zhi-jian-zhuan-yuan.yaml").decode("utf-8")
    assert "title: {zh: 质检专员, en: QA agent}\nunit: zhi-jian-zu\nreports_to: ke-fu-zhu-guan\n" in new
    changed = {"specs/org.yaml", *HAND_EDITED}
    assert {rel: data for rel, data in after.items() if rel not in changed} == {
        rel: data for rel, data in before.items() if rel not in changed
    }  # the roles the roster leaves as they were, 培训专员 among them, are not touched
    again = merge(roster, project)
    assert again.exit_code == 0
    assert "Updated 0 roles, added 0 roles and 0 new units, removed 0 roles" in again.stdout
    assert tree(project) == {**after, "specs/roles/zhi-jian-zhuan-yuan.yaml": new.encode("utf-8")}


def test_dry_run_writes_nothing_and_shows_the_diff(project: Path, tmp_path: Path) -> None:
    roster = write(tmp_path, "roster-2027.csv", ROSTER_2027)
    before = tree(project)
    result = merge(roster, project, "--dry-run")
    assert result.exit_code == 0, result.output
    assert tree(project) == before
    out = result.stdout
    assert (
        "would update ke-fu-zhu-guan (specs/roles/ke-fu-zhu-guan.yaml):\n  title.zh: 客服主管 → 客服经理\n"
        in out
    )
    assert "Would update 3 roles, add 1 role and 1 new unit, remove 0 roles in" in out
    assert (
        "--- a/specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml\n"
        "+++ b/specs/roles/yi-xian-fu-wu-zu-ban-zu-zhang.yaml\n"
        "@@ -3,7 +3,7 @@\n"
        " title: {zh: 班组长, en: Team lead}\n"
        " unit: yi-xian-fu-wu-zu\n"
        " reports_to: ke-fu-zhu-guan\n"
        "-headcount: 4\n"
        "+headcount: 5\n"
        " grade: M1\n"
        " purpose: 带领班组完成当班服务目标\n"
        " duties:\n"
    ) in out
    assert "--- /dev/null\n+++ b/specs/roles/zhi-jian-zhuan-yuan.yaml\n" in out


def test_a_roster_with_an_id_column_matches_by_id(project: Path, tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "r.csv",
        "岗位id,岗位名称,部门,直接上级,定员\n"
        "ke-fu-zong-jian,客服总监,客服中心,,1\n"
        "ke-fu-zhu-guan,热线经理,客服中心/热线服务部,客服总监,2\n",
    )
    result = merge(roster, project)
    assert result.exit_code == 0, result.output
    assert "updated ke-fu-zhu-guan (specs/roles/ke-fu-zhu-guan.yaml):\n  title.zh: 客服主管 → 热线经理\n" in (
        result.stdout
    )
    text = (project / "specs/roles/ke-fu-zhu-guan.yaml").read_text(encoding="utf-8")
    assert text == SUPERVISOR.replace("{zh: 客服主管,", "{zh: 热线经理,")


def test_a_title_of_several_roles_is_reported_not_guessed(project: Path, tmp_path: Path) -> None:
    roster = write(
        tmp_path, "r.csv", "岗位名称,部门,直接上级,定员\n客服总监,客服中心,,1\n班组长,客服中心,客服总监,3\n"
    )
    before = tree(project)
    result = merge(roster, project)
    assert result.exit_code == 1
    assert f"{roster}:3: '班组长' is the title of several roles of the project " in result.stdout
    assert "(wang-luo-xiao-shou-fu-wu-zu-ban-zu-zhang, yi-xian-fu-wu-zu-ban-zu-zhang)" in result.stdout
    assert tree(project) == before


def test_a_row_in_another_unit_with_a_role_s_title_is_a_new_role(project: Path, tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "r.csv",
        "岗位名称,部门,直接上级,定员\n客服总监,客服中心,,1\n"
        "培训专员,客服中心/热线服务部,客服总监,1\n培训专员,客服中心/网络销售服务组,客服总监,1\n",
    )
    result = merge(roster, project)
    assert result.exit_code == 0, result.output
    assert "updated pei-xun-zhuan-yuan (specs/roles/pei-xun-zhuan-yuan.yaml):\n  reports_to:" in result.stdout
    assert "added specs/roles/pei-xun-zhuan-yuan-2.yaml (a new role)" in result.stdout


def test_remove_missing_deletes_the_roles_the_roster_no_longer_lists(project: Path, tmp_path: Path) -> None:
    roster = write(tmp_path, "roster-2027.csv", ROSTER_2027)
    result = merge(roster, project, "--remove-missing")
    assert result.exit_code == 0, result.output
    assert (
        "deleted specs/roles/pei-xun-zhuan-yuan.yaml (pei-xun-zhuan-yuan: not in the roster)\n"
        in result.stdout
    )
    assert "removed 1 role in" in result.stdout
    assert not (project / "specs/roles/pei-xun-zhuan-yuan.yaml").exists()
    assert not [p for p in project.rglob(".*") if p.is_file()]


def test_remove_missing_refuses_while_a_role_reports_to_a_removed_one(project: Path, tmp_path: Path) -> None:
    roster = write(
        tmp_path,
        "r.csv",
        ROSTER_2027.replace(
            "售前客服,Pre-sales agent,客服中心/热线服务部,客服经理",
            "售前客服,Pre-sales agent,客服中心/热线服务部,培训专员",
        ),
    )
    before = tree(project)
    result = merge(roster, project, "--remove-missing")
    assert result.exit_code == 2
    assert (
        "these roles would report to a role the roster no longer lists, which --remove-missing would "
        "delete; nothing was written. Give them another 直接上级 in the roster:\n"
        "  shou-qian-ke-fu → pei-xun-zhuan-yuan"
    ) in result.stderr
    assert tree(project) == before
    kept = merge(roster, project)  # without --remove-missing the role stays, and may be reported to
    assert kept.exit_code == 0, kept.output
    assert "reports_to: pei-xun-zhuan-yuan\n" in (project / "specs/roles/shou-qian-ke-fu.yaml").read_text(
        "utf-8"
    )


def test_a_failure_mid_way_leaves_every_file_as_it_was(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = write(tmp_path, "roster-2027.csv", ROSTER_2027)
    before = tree(project)
    real = os.replace
    calls = []

    def failing(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) == 4:  # after the deletion and two files are in place
            raise OSError(28, "No space left on device", str(target))
        real(source, target)

    monkeypatch.setattr(roster_write.os, "replace", failing)
    result = merge(roster, project, "--remove-missing")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert len(calls) == 7  # the deletion and the two files in place are put back
    assert tree(project) == before  # no temporary or kept copies left either


def test_a_file_edited_while_merging_stops_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = write(tmp_path, "roster-2027.csv", ROSTER_2027)
    path = project / "specs/roles/ke-fu-zhu-guan.yaml"
    original_apply = roster_write.apply

    def edit_then_apply(root: Path, changes, force):  # type: ignore[no-untyped-def]
        path.write_text(SUPERVISOR + "# one more line\n", encoding="utf-8")
        return original_apply(root, changes, force)

    from orgc.roster import reimport

    monkeypatch.setattr(reimport, "apply", edit_then_apply)
    before = tree(project)
    result = merge(roster, project)
    assert result.exit_code == 2
    assert "specs/roles/ke-fu-zhu-guan.yaml changed while importing; nothing was written" in result.stderr
    assert {k: v for k, v in tree(project).items() if k != "specs/roles/ke-fu-zhu-guan.yaml"} == {
        k: v for k, v in before.items() if k != "specs/roles/ke-fu-zhu-guan.yaml"
    }


def test_a_field_written_as_a_block_is_left_and_said(project: Path, tmp_path: Path) -> None:
    block = SUPERVISOR.replace(
        "title: {zh: 客服主管, en: Customer service supervisor}   # 对外称“热线主管”\n",
        "title: >-\n  客服主管\n",
    )
    write(project, "specs/roles/ke-fu-zhu-guan.yaml", block)
    roster = write(
        tmp_path,
        "r.csv",
        "岗位名称,部门,直接上级,定员\n客服总监,客服中心,,1\n客服主管,客服中心/热线服务部,客服总监,3\n",
    )
    result = merge(roster, project)
    assert result.exit_code == 0, result.output
    assert "updated ke-fu-zhu-guan (specs/roles/ke-fu-zhu-guan.yaml):\n  headcount: 2 → 3\n" in result.stdout
    roster_en = write(
        tmp_path,
        "r2.csv",
        "岗位名称,英文名称,部门,直接上级\n客服总监,Customer service director,客服中心,\n"
        "客服主管,Hotline manager,客服中心/热线服务部,客服总监\n",
    )
    result = merge(roster_en, project)
    assert result.exit_code == 0, result.output
    assert (
        "left as it was: title of ke-fu-zhu-guan (specs/roles/ke-fu-zhu-guan.yaml): the value is written "
        "over several lines; change it by hand"
    ) in result.stdout
    assert (project / "specs/roles/ke-fu-zhu-guan.yaml").read_text("utf-8") == block.replace(
        "headcount:   2", "headcount:   3"
    )


def test_options_that_do_not_go_together(project: Path, tmp_path: Path) -> None:
    roster = write(tmp_path, "roster-2027.csv", ROSTER_2027)
    both = merge(roster, project, "--force")
    assert both.exit_code == 2
    assert "--merge keeps what the role files say and --force replaces them" in both.stderr
    alone = run_cli("import", roster, "--path", project, "--remove-missing", "--messages", "zh")
    assert alone.exit_code == 2
    assert "--remove-missing 只能与 --merge 一起使用" in alone.stderr
    empty = merge(roster, tmp_path / "new")
    assert empty.exit_code == 2
    assert "import without --merge first" in empty.stderr


# -- the text edits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wanted", "edited"),
    [
        # one language of a flow mapping; the other kept
        ("title: {zh: 旧, en: Old}\n", {"title": {"zh": "新", "en": "Old"}}, "title: {zh: 新, en: Old}\n"),
        # a language added to a flow mapping and to a block mapping
        ("title: {zh: 旧}\n", {"title": {"zh": "旧", "en": "New"}}, "title: {zh: 旧, en: New}\n"),
        (
            "title:\n  zh: 旧  # 注\nunit: a\n",
            {"title": {"zh": "新", "en": "New"}},
            "title:\n  zh: 新  # 注\n  en: New\nunit: a\n",
        ),
        # one text becomes two languages
        ("title: 旧 # 注\n", {"title": {"zh": "旧", "en": "Old"}}, "title: {zh: 旧, en: Old} # 注\n"),
        # absent fields go after the fields they follow, in their order
        (
            "id: a\ntitle: 甲\nunit: u\npurpose: 乙\n",
            {"grade": "M1", "headcount": "3"},
            "id: a\ntitle: 甲\nunit: u\nheadcount: 3\ngrade: M1\npurpose: 乙\n",
        ),
        ("# 注\npurpose: 乙\n", {"unit": "u"}, "# 注\nunit: u\npurpose: 乙\n"),
        ("id: a\nunit: u", {"grade": "3"}, 'id: a\nunit: u\ngrade: "3"\n'),
        # a supervisor removed with its line
        ("id: a\nreports_to: b\nunit: u\n", {"reports_to": None}, "id: a\nunit: u\n"),
        # quotes kept where the new value reads the same in them
        ('grade: "M1"  # 职级\n', {"grade": "M2"}, 'grade: "M2"  # 职级\n'),
        ("headcount: '4'\n", {"headcount": "5"}, "headcount: '5'\n"),
    ],
)
def test_fields_are_changed_in_place(text: str, wanted: dict[str, object], edited: str) -> None:
    result = edit_fields(text, "r.yaml", wanted)
    assert result.refused == ()
    assert result.text == edited


@pytest.mark.parametrize(
    ("text", "wanted", "why"),
    [
        ("title: |\n  旧\n", {"title": "新"}, "the value is written over several lines"),
        ('title: "\\u65e7"\n', {"title": "新"}, "the value is written with escapes"),
        ("title: [旧]\n", {"title": "新"}, "the value is not a text or a mapping of languages"),
        (
            "id: a\nreports_to: b  # 暂定\n",
            {"reports_to": None},
            "the field shares its line with another value or a comment",
        ),
        ("{id: a, title: 甲}\n", {"unit": "u"}, "the file has no block of keys to add it to"),
    ],
)
def test_values_that_cannot_be_changed_in_place_are_left(
    text: str, wanted: dict[str, object], why: str
) -> None:
    result = edit_fields(text, "r.yaml", wanted)
    assert result.text == text
    assert [(field, str(message)) for field, message in result.refused] == [(next(iter(wanted)), why)]


def test_a_file_that_does_not_read_is_refused() -> None:
    with pytest.raises(EditRefused):
        edit_fields("title: [\n", "r.yaml", {"title": "新"})


def test_a_roster_of_headcounts_only_keeps_supervisors_mode_and_bom(project: Path, tmp_path: Path) -> None:
    agent = project / "specs/roles/ke-fu-zhuan-yuan.yaml"
    agent.chmod(0o640)
    pre_sales = project / "specs/roles/shou-qian-ke-fu.yaml"
    pre_sales.write_bytes(b"\xef\xbb\xbf" + PRE_SALES.encode("utf-8"))
    roster = write(
        tmp_path,
        "r.csv",
        "岗位名称,部门,定员\n客服专员,客服中心/热线服务部/一线服务组,31\n售前客服,客服中心/网络销售服务组,9\n",
    )
    result = merge(roster, project)
    assert result.exit_code == 0, result.output
    assert (
        "updated ke-fu-zhuan-yuan (specs/roles/ke-fu-zhuan-yuan.yaml):\n  headcount: 30 → 31\n"
        in result.stdout
    )
    assert "5 roles of the project are not in the roster; they are kept" in result.stdout
    assert agent.stat().st_mode & 0o777 == 0o640
    assert pre_sales.read_bytes() == b"\xef\xbb\xbf" + PRE_SALES.replace(
        "headcount: 8", "headcount: 9"
    ).encode("utf-8")
    refused = merge(roster, project, "--remove-missing")  # their supervisors, from the files, would go
    assert refused.exit_code == 2
    assert "  ke-fu-zhuan-yuan → yi-xian-fu-wu-zu-ban-zu-zhang\n" in refused.stderr


def test_a_removal_that_the_project_still_names_is_stopped_by_the_check(tmp_path: Path) -> None:
    from helpers import copy_good

    project = copy_good(tmp_path / "p")
    roster = write(
        tmp_path,
        "r.csv",
        "id,岗位名称,部门,直接上级,定员\ncs-director,客服总监,cs-center,,1\n"
        "cs-supervisor,客服主管,cs-center,cs-director,2\ncs-team-lead,班组长,cs-frontline,cs-supervisor,5\n"
        "cs-agent,客服专员,cs-frontline,cs-team-lead,40\n",
    )
    before = tree(project)
    result = merge(roster, project, "--remove-missing")
    assert result.exit_code == 1
    assert "The imported specs would have these errors; nothing was written:\n" in result.stdout
    assert (
        "specs/roles/cs-team-lead.yaml:5:13: error ORG009 'cs-team-lead' has a dotted line to 'cs-trainer'"
        in (result.stdout)
    )
    assert tree(project) == before
    kept = merge(roster, project)
    assert kept.exit_code == 0, kept.output
    after = tree(project)
    team_lead = "specs/roles/cs-team-lead.yaml"
    assert after.pop(team_lead) == before.pop(team_lead).replace(b"headcount: 4\n", b"headcount: 5\n")
    assert after == before


_TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@given(_TEXTS, _TEXTS, _TEXTS)
def test_any_title_and_grade_change_only_their_own_characters(zh: str, en: str, grade: str) -> None:
    edited = edit_fields(SUPERVISOR, "r.yaml", {"title": {"zh": zh, "en": en}, "grade": grade})
    assert edited.refused == ()
    old, new = SUPERVISOR.splitlines(keepends=True), edited.text.splitlines(keepends=True)
    assert len(new) == len(old)
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert set(changed) <= {3, 7}  # the title's line and the grade's
    assert new[3].endswith("}   # 对外称“热线主管”\n")
