"""One language per run: every line every command prints is in --messages, else the project's first language.

A zh project (the good fixture, ``languages: [zh, en]``) is run through every command; each line on
stdout and stderr must hold no English word outside what is the same in every language (ids, codes,
paths, file names, option names, code in backticks, the severities of the text report). With
``--messages en`` the same runs must hold no Chinese outside the values the specs wrote.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest
from click.testing import Result

from helpers import FIXTURES, TODAY, copy_good, edit, run_cli
from orgc.i18n import os_reason
from orgc.rules import RULES

ROSTERS = FIXTURES / "rosters"
CJK = re.compile("[\u3400-\u9fff]")

# Words that are the same in every language: names of programs, formats and things orgc reads,
# orgc's commands, the placeholders of click's usage line.
SAME_IN_EVERY_LANGUAGE = set(
    """orgc git yaml json csv xlsx docx utf gbk gb bom nul vs code github excel windows schema kpi raci
    options path role base head specs out id zh en ignore title field column cd cli
    check build diff show import init explain schema""".split()  # noqa: SIM905
)
SEVERITIES = {"error", "warning", "info"}  # as the text report writes them for tools, in lower case
# The fields a roster's columns are read as, named in the notes of orgc import.
FIELDS = {"unit", "headcount", "grade", "education", "duties", "reports_to", "purpose", "kpis"}
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_QUOTED = re.compile(r"“[^”\n]*”|‘[^’\n]*’|'[^'\n]*'")
_TOKEN = re.compile(r"[!-~]+")
_NOT_A_WORD = re.compile(r"[/._\-=@\d]")  # paths, file names, ids, codes, options, numbers


def english_words(text: str, allowed: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The English words of ``text`` outside code, quoted values, ids, paths and options."""
    found = []
    for token in _TOKEN.findall(_QUOTED.sub(" ", _CODE.sub(" ", text))):
        bare = token.strip("()[]{}<>,;:!?'\"*|+")
        if not bare or _NOT_A_WORD.search(bare):
            continue
        for word in re.findall("[A-Za-z]+", bare):
            # one letter: R, A, C, I of the responsibility matrix
            same = word.lower() in SAME_IN_EVERY_LANGUAGE or word in SEVERITIES or word in allowed
            if len(word) > 1 and not same:
                found.append(word)
    return found


def chinese(text: str) -> list[str]:
    """The Chinese characters of ``text`` outside quoted values (titles, names from the specs)."""
    return CJK.findall(_QUOTED.sub(" ", _CODE.sub(" ", text)))


def said_in_chinese(result: Result, allowed: set[str] | frozenset[str] = frozenset()) -> str:
    """Everything the run printed, after asserting that each line is Chinese and says something."""
    text = result.stdout + result.stderr
    assert text.strip(), "the run printed nothing"
    for line in _CODE.sub(" ", text).splitlines():
        assert english_words(line, allowed) == [], line
    assert CJK.search(text), text
    return text


def said_in_english(result: Result, values: tuple[str, ...] = ()) -> str:
    """Everything the run printed, after asserting that no line holds Chinese but the ``values`` a user wrote."""
    text = result.stdout + result.stderr
    assert text.strip(), "the run printed nothing"
    shown = _CODE.sub(" ", text)
    for value in values:
        shown = shown.replace(value, " ")
    for line in shown.splitlines():
        assert chinese(line) == [], line
    return text


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_good(tmp_path / "project")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    folder = copy_good(tmp_path / "broken")
    edit(folder, "specs/roles/cs-agent.yaml", "reports_to: cs-team-lead", "reports_to: cs-teamlead")
    return folder


def test_the_helpers_flag_english_and_chinese() -> None:
    assert english_words("已生成 out：写入 3 个文件") == []
    assert (
        english_words("specs/roles/x.yaml:4:13: error ORG001 岗位“cs-agent”的上级 `reports_to` 不存在") == []
    )
    assert english_words("built out: 67 written, 0 unchanged") == ["built", "written", "unchanged"]
    assert english_words("Error: 没有岗位“nosuch”。") == ["Error"]
    assert chinese("'cs-agent' reports to '班组长', which is not a role") == []
    assert chinese("没有岗位") == ["没", "有", "岗", "位"]


# -- check, show ----------------------------------------------------------------------------------


def test_check(project: Path, broken: Path) -> None:
    said_in_chinese(run_cli("check", project, "--today", TODAY))
    said_in_chinese(run_cli("check", broken, "--today", TODAY))
    said_in_english(run_cli("check", broken, "--today", TODAY, "--messages", "en"))


def test_show(project: Path, broken: Path) -> None:
    kpis = {"csat"}  # a KPI id, shown beside its name
    said_in_chinese(run_cli("show", "cs-team-lead", "--path", project), kpis)
    said_in_chinese(
        run_cli("show", "cs-team-lead", "--path", broken), kpis
    )  # with the note that specs have errors
    said_in_english(run_cli("show", "cs-team-lead", "--path", project, "--lang", "en"))


def test_show_an_unknown_role_has_no_english_error_prefix(project: Path) -> None:
    result = run_cli("show", "nosuch", "--path", project)
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：没有岗位“nosuch”。")
    said_in_chinese(result)
    english = run_cli("show", "nosuch", "--path", project, "--messages", "en")
    assert english.stderr.startswith("Error: no role 'nosuch'.")


# -- build ------------------------------------------------------------------------------------------


def test_build_and_build_check(project: Path, broken: Path) -> None:
    said_in_chinese(run_cli("build", project, "--check", "--today", TODAY))  # out/ does not exist yet
    said_in_chinese(run_cli("build", project, "--today", TODAY))
    said_in_chinese(run_cli("build", project, "--today", TODAY))  # nothing changed
    said_in_chinese(run_cli("build", project, "--check", "--today", TODAY))  # up to date
    (project / "out" / "org.json").unlink()
    stale = run_cli("build", project, "--check", "--today", TODAY)
    assert stale.exit_code == 1
    said_in_chinese(stale)
    said_in_chinese(run_cli("build", broken, "--today", TODAY))
    said_in_english(run_cli("build", project, "--check", "--today", TODAY, "--messages", "en"))


def test_build_problems(project: Path) -> None:
    (project / "notes.txt").write_text("a file\n", encoding="utf-8")
    not_a_folder = run_cli("build", project, "-o", project / "notes.txt")
    assert not_a_folder.exit_code == 2
    said_in_chinese(not_a_folder)
    said_in_chinese(run_cli("build", project, "--lang", "fr"), {"fr"})


def test_the_systems_reasons_are_said_in_words_of_the_catalogue() -> None:
    denied = os_reason(PermissionError(errno.EACCES, "Permission denied", "out"))
    assert denied.render("zh") == "没有权限" and denied.render("en") == "permission denied"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")).render("zh") == "磁盘空间不足"
    assert os_reason(OSError(errno.EROFS, "Read-only file system")).render("zh") == "文件系统是只读的"
    assert os_reason(OSError(errno.EPROTO, "Protocol error")).render("zh") == "Protocol error"  # rare: as is


# -- diff -------------------------------------------------------------------------------------------


def test_diff(project: Path, broken: Path, tmp_path: Path) -> None:
    changed = copy_good(tmp_path / "changed")
    edit(changed, "specs/roles/cs-agent.yaml", "headcount: ", "headcount: 1")
    said_in_chinese(run_cli("diff", "--folders", project, changed, "--today", TODAY))
    said_in_chinese(run_cli("diff", "--folders", project, project, "--today", TODAY))
    failing = run_cli("diff", "--folders", project, broken, "--path", project, "--today", TODAY)
    assert failing.exit_code == 1
    said_in_chinese(failing)
    said_in_chinese(run_cli("diff", "--folders", project, tmp_path / "nowhere", "--path", project))
    english = run_cli("diff", "--folders", project, changed, "--today", TODAY, "--messages", "en")
    said_in_english(english)
    said_in_english(run_cli("diff", "--folders", project, broken, "--path", project, "--messages", "en"))


# -- import, init -----------------------------------------------------------------------------------


def test_import_into_a_chinese_project(project: Path) -> None:
    dry = run_cli("import", ROSTERS / "additions.csv", "--path", project, "--dry-run")
    assert dry.exit_code == 0, dry.output
    said_in_chinese(dry, FIELDS)
    said_in_chinese(run_cli("import", ROSTERS / "bad-rows.csv", "--path", project), FIELDS)
    said_in_chinese(run_cli("import", project / "nosuch.csv", "--path", project))
    headers = ("岗位名称", "部门", "直接上级", "定员", "岗位职责")  # the roster's own, quoted as written
    english = run_cli("import", ROSTERS / "additions.csv", "--path", project, "--dry-run", "--messages", "en")
    said_in_english(english, headers)


def test_import_into_a_new_project_speaks_the_lang_it_is_given(tmp_path: Path) -> None:
    said_in_chinese(
        run_cli("import", ROSTERS / "cs-utf8.csv", "--path", tmp_path / "zh", "--lang", "zh"), FIELDS
    )
    english = run_cli("import", ROSTERS / "cs-utf8.csv", "--path", tmp_path / "new")
    assert english.exit_code == 0 and "Imported 7 roles and 4 new units" in english.stdout


def test_init(tmp_path: Path) -> None:
    said_in_chinese(run_cli("init", tmp_path / "zh", "--lang", "zh"))
    said_in_chinese(run_cli("init", tmp_path / "zh"))  # files in the way, said as the project there speaks
    said_in_chinese(run_cli("init", tmp_path / "x", "--lang", "zh,fr", "--messages", "zh"))
    said_in_english(run_cli("init", tmp_path / "en", "--lang", "zh", "--messages", "en"))


# -- explain, schema --------------------------------------------------------------------------------


def test_explain_in_chinese(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # the current folder's project speaks Chinese
    text = said_in_chinese(run_cli("explain", "ORG001"), allowed={"missing", "supervisor"})
    assert text.startswith("ORG001 missing-supervisor: 缺少上级")
    assert "**原因：**" in text and "**错误写法：**" in text and "**正确写法：**" in text
    assert "默认级别：错误" in text
    said_in_chinese(run_cli("explain"))
    said_in_chinese(run_cli("explain", "ORG004"), allowed={"span", "of", "control", "max", "level"})
    unknown = run_cli("explain", "XYZ001")
    assert unknown.exit_code == 2 and unknown.stderr.startswith("错误：没有检查代码“XYZ001”")
    english = run_cli("explain", "ORG001", "--messages", "en")
    assert RULES["ORG001"].doc in english.stdout and "Default severity: error" in english.stdout


def test_schema(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    said_in_chinese(run_cli("schema", "nope"))
    said_in_english(run_cli("schema", "nope", "--messages", "en"))


# -- click's own words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("check", "{project}", "--nosuch"), "错误：没有选项“--nosuch”。"),
        (("check", "{project}", "--format", "yaml"), "“yaml”不是以下之一："),
        (("build", "{project}", "--jobs", "0"), "不在范围"),
        (("show", "--path", "{project}"), "错误：缺少参数 'ROLE'."),
        (("diff", "--path", "{project}", "--nosuch"), "错误：没有选项“--nosuch”。"),
        (("check", "{project}", "surplus"), "多出了参数（surplus）"),
    ],
)
def test_usage_errors_in_a_chinese_project_are_chinese(
    project: Path, args: tuple[str, ...], says: str
) -> None:
    result = run_cli(*(arg.format(project=project) for arg in args))
    assert result.exit_code == 2
    assert says in result.stderr
    assert "用法：" in result.stderr and "Usage:" not in result.stderr and "Error:" not in result.stderr
    said_in_chinese(result, allowed={"ARGS", "yaml", "surplus"})


def test_usage_errors_follow_messages_and_the_current_folder(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = run_cli("check", project, "--nosuch", "--messages", "en")
    # click 8.2.0 words it "No such option: --nosuch"
    assert re.search(r"Error: No such option( '--nosuch'\.|: --nosuch)", english.stderr)
    said_in_english(english)
    monkeypatch.chdir(project)
    said_in_chinese(run_cli("check", "--nosuch"))
    said_in_chinese(run_cli("nosuch"), allowed={"COMMAND", "ARGS"})
    monkeypatch.chdir(tmp_path)  # no project here: English
    assert re.search(r"Error: No such option( '--nosuch'\.|: --nosuch)", run_cli("check", "--nosuch").stderr)


def test_help_stays_english(project: Path) -> None:
    result = run_cli("check", project, "--help")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: ") and "\nOptions:\n" in result.stdout
