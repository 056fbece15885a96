"""Messages in Chinese and English: complete catalogues, the same diagnostics in both, the default from orgc.yaml."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from helpers import (
    BAD,
    GOOD,
    MANY,
    ROOT,
    TODAY,
    bad_cases,
    copy_good,
    edit,
    key_of,
    materialise,
    run_check,
    run_cli,
    write,
)
from orgc import resources
from orgc.diagnostics import Diagnostic, Location, Severity
from orgc.diff.markdown import SUMMARY_KINDS
from orgc.i18n import Message, OneOf, default_language, description, en, verbatim, zh
from orgc.validate import SCHEMA_OF_KIND

PACKAGE = ROOT / "compiler" / "orgc"
ROOT = PACKAGE.parent.parent
CJK = re.compile("[\u4e00-\u9fff]")
CATALOGUES = {"en": en.MESSAGES, "zh": zh.MESSAGES}
# Sections looked up by key in an output language (documents, orgc diff), not rendered as Messages.
LOOKED_UP = ("doc.", "value.", "diff.")


# -- the catalogues -----------------------------------------------------------------------------------


def _message_calls() -> list[tuple[str, ast.Call]]:
    """Every ``Message(...)`` call in the package, with where it is."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Message":
                calls.append((f"{path.relative_to(PACKAGE)}:{node.lineno}", node))
    return calls


CALLS = _message_calls()


def _forms(template: str | tuple[str, str]) -> tuple[str, ...]:
    return template if isinstance(template, tuple) else (template,)


def _fields(template: str | tuple[str, str]) -> set[str]:
    return {
        name.split(".")[0].split("[")[0]
        for form in _forms(template)
        for _, name, _, _ in string.Formatter().parse(form)
        if name is not None
    }


def test_every_message_names_its_key_literally() -> None:
    dynamic = [where for where, call in CALLS if not (call.args and isinstance(call.args[0], ast.Constant))]
    assert dynamic == [], "write Message('key', ...) so that the key can be checked"
    assert len(CALLS) > 150


def test_the_catalogues_hold_exactly_the_keys_the_code_uses() -> None:
    used = {call.args[0].value for _, call in CALLS}
    assert not {key for key in used if key.startswith(LOOKED_UP)}
    messages = {
        lang: {k for k in catalogue if not k.startswith(LOOKED_UP)} for lang, catalogue in CATALOGUES.items()
    }
    assert messages["en"] == used, "en: missing " + str(used - messages["en"])
    assert messages["zh"] == used, "zh: missing " + str(used - messages["zh"])


def test_every_document_and_diff_wording_is_in_both_languages() -> None:
    english = {key for key in en.MESSAGES if key.startswith(LOOKED_UP)}
    assert english == {key for key in zh.MESSAGES if key.startswith(LOOKED_UP)}
    assert all(isinstance(en.MESSAGES[key], str) for key in english if not key.startswith("diff.summary."))
    assert all(isinstance(zh.MESSAGES[key], str) for key in english)


def test_the_diff_summary_has_a_phrase_for_every_kind_it_counts() -> None:
    phrases = {key.removeprefix("diff.summary.") for key in en.MESSAGES if key.startswith("diff.summary.")}
    assert phrases == set(SUMMARY_KINDS)


@pytest.mark.parametrize("key", sorted(en.MESSAGES))
def test_both_languages_take_the_same_parameters(key: str) -> None:
    assert _fields(en.MESSAGES[key]) == _fields(zh.MESSAGES[key])
    if isinstance(en.MESSAGES[key], tuple):  # singular and plural
        assert "count" in _fields(en.MESSAGES[key])


def test_every_call_passes_exactly_the_parameters_of_its_template() -> None:
    wrong = []
    for where, call in CALLS:
        if any(k.arg is None for k in call.keywords):  # **params: checked where they are built
            continue
        given = {k.arg for k in call.keywords}
        wanted = _fields(en.MESSAGES[call.args[0].value])
        if given != wanted:
            wrong.append(f"{where}: {call.args[0].value} takes {sorted(wanted)}, is given {sorted(given)}")
    assert wrong == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_template_renders(lang: str) -> None:
    for key, template in CATALOGUES[lang].items():
        params = dict.fromkeys(_fields(template), 1)
        assert Message(key, **params).render(lang) is not None


def test_chinese_is_written_for_every_message() -> None:
    same = {key for key in en.MESSAGES if en.MESSAGES[key] == zh.MESSAGES[key]}
    assert same == {
        "verbatim",
        "schema-description",
        "doc.matrix_letters",
        "doc.raci",
        "diff.separator",
        "diff.none",
    }
    words = re.compile(r"\b(the|is|not|a|of|or|and|to)\b")
    english = []
    for key, template in zh.MESSAGES.items():
        for form in _forms(template):
            prose = re.sub(r"`[^`]*`|\{[^}]*\}|“[^”]*”", "", form)  # code, parameters and quoted values
            if words.search(prose):
                english.append(key)
    assert english == []


def _descriptions(schema: object) -> set[str]:
    if isinstance(schema, dict):
        found = {schema["description"]} if isinstance(schema.get("description"), str) else set()
        return found.union(*(_descriptions(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_descriptions(v) for v in schema))
    return set()


def _spec_schemas() -> list[str]:
    """The schemas specs and orgc.yaml are validated with, and those they refer to."""
    names, todo = set(), list(SCHEMA_OF_KIND.values())
    while todo:
        name = todo.pop()
        if name not in names:
            names.add(name)
            todo += re.findall(r'"\$ref": "([^"#]+\.json)', json.dumps(resources.schema(name)))
    return sorted(names)


def test_every_schema_description_is_translated() -> None:
    descriptions = set().union(*(_descriptions(resources.schema(n)) for n in _spec_schemas()))
    assert set(zh.SCHEMA_DESCRIPTIONS) == descriptions
    assert all(CJK.search(text) for text in zh.SCHEMA_DESCRIPTIONS.values())
    some = next(iter(descriptions))
    assert description(some).render("en") == some
    assert description(some).render("zh") == zh.SCHEMA_DESCRIPTIONS[some]


def test_the_parsers_words_are_said_in_chinese() -> None:
    keys = [key for key in en.MESSAGES if key.startswith("yaml.")]
    assert len(keys) > 20
    for key in keys:
        assert CJK.search(Message(key).render("zh")), key


def test_no_diagnostic_is_built_from_plain_text() -> None:
    """Diagnostics, findings and project errors get a Message, never an English string."""
    positions = {"Diagnostic": (2, 4), "Finding": (0, 2), "ProjectError": (0,)}
    plain = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            for index in positions.get(node.func.id, ()):
                if index < len(node.args) and isinstance(node.args[index], ast.Constant | ast.JoinedStr):
                    plain.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert plain == []


# -- rendering ------------------------------------------------------------------------------------------


def test_lists_alternatives_and_plurals_follow_the_language() -> None:
    roles = Message("DUT002", step="p.s", count=2, roles=["a", "b"])
    assert roles.render("en") == "step 'p.s' names 2 Accountable roles: a, b"
    assert roles.render("zh") == "流程环节“p.s”指定了 2 个批准（A）岗位：a、b"
    either = OneOf((Message("E102.type.string"), Message("E102.type.array")))
    typed = Message("E102.type", name=Message("E102.field", path="x"), expected=either, actual="y")
    assert typed.render("en") == "'x' should be text or a list, not y"
    assert typed.render("zh") == "“x”应为文本或列表，而不是y"
    assert Message("report.errors", count=1).render("en") == "1 error"
    assert Message("report.errors", count=2).render("en") == "2 errors"
    assert Message("report.errors", count=2).render("zh") == "2 个错误"


def test_a_message_is_a_value() -> None:
    one = Message("ORG001", role="a", target="b")
    assert one == Message("ORG001", target="b", role="a")
    assert hash(one) == hash(Message("ORG001", target="b", role="a"))
    assert str(one) == one.render("en") == "'a' reports to 'b', which is not a role"
    assert one.render("fr") == one.render("en")  # any other language: English
    assert (
        Message("ORG001.hint", guess=None).render("zh")
        == "请填写已有岗位的 id（即 specs/roles/ 下的文件名）。"
    )


def test_diagnostic_keeps_english_message_and_hint_and_accepts_plain_text() -> None:
    where = Location("specs/org.yaml")
    d = Diagnostic(
        "ORG001", Severity.ERROR, Message("ORG001", role="a", target="b"), where, Message("ORG002.hint")
    )
    assert d.message == "'a' reports to 'b', which is not a role"
    assert d.hint.startswith("Change the `reports_to`")
    assert d.message_in("zh").startswith("岗位“a”") and CJK.search(d.hint_in("zh"))
    plain = Diagnostic("E102", Severity.ERROR, "as written", where, "")
    assert plain.message_in("zh") == plain.message == "as written" and plain.hint_in("zh") == ""
    assert plain.what == verbatim("as written") and plain.advice is None


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        (("zh", "en"), "zh"),
        (("en", "zh"), "en"),
        (("en",), "en"),
        (("fr", "zh"), "en"),
        (("zh-Hant",), "en"),
        ((), "en"),
    ],
)
def test_default_language(languages: tuple[str, ...], expected: str) -> None:
    assert default_language(languages) == expected


# -- orgc check ---------------------------------------------------------------------------------------


CASES = bad_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.relative_to(BAD).as_posix())
def test_every_bad_case_in_chinese(case: Path, tmp_path: Path) -> None:
    """The same diagnostics as in English (expected.json), with Chinese messages and hints."""
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    report = run_check(materialise(case, tmp_path / "project"), messages="zh")
    assert report.keys == sorted(key_of(e) for e in expected)
    for diagnostic in report.diagnostics:
        assert CJK.search(diagnostic["message"]), diagnostic
        assert not diagnostic["hint"] or CJK.search(diagnostic["hint"]), diagnostic
    for entry in expected:
        if "says_zh" in entry:
            found = report.at(key_of(entry))
            assert entry["says_zh"] in found["message"] + "\n" + found["hint"]


def test_many_faults_in_both_languages() -> None:
    english, chinese = run_check(MANY, messages="en"), run_check(MANY, messages="zh")
    assert english.exit_code == chinese.exit_code == 1
    assert english.data.keys() == chinese.data.keys()
    assert english.data["summary"] == chinese.data["summary"]
    assert english.data["waived"] == chinese.data["waived"]
    shape = [(key_of(d), d["severity"], bool(d["hint"]), list(d)) for d in english.diagnostics]
    assert shape == [(key_of(d), d["severity"], bool(d["hint"]), list(d)) for d in chinese.diagnostics]
    for diagnostic in chinese.diagnostics:
        assert CJK.search(diagnostic["message"]) and (
            not diagnostic["hint"] or CJK.search(diagnostic["hint"])
        )


def test_chinese_schema_errors_translate_guesses_and_descriptions(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(project, "specs/roles/cs-agent.yaml", "headcount:", "headcnt:")
    (unknown,) = run_check(project, messages="zh").diagnostics
    assert unknown["message"] == "未知字段“headcnt”——是否应为“headcount”？"
    assert unknown["hint"].startswith("这里可以使用的字段：accountabilities、authority、career、")
    edit(project, "specs/roles/cs-agent.yaml", "headcnt: 40", "headcount: forty")
    (typed,) = run_check(project, messages="zh").diagnostics
    assert typed["message"] == "“headcount”应为整数，而不是“forty”"
    assert typed["hint"] == "定员：计划的人数；0 表示已规划但暂无人员。默认为 1。"


def _project_with_languages(tmp_path: Path, languages: str | None) -> Path:
    """The ORG001 bad case, with orgc.yaml naming ``languages`` (or no orgc.yaml at all)."""
    project = materialise(BAD / "ORG001", tmp_path / "project")
    if languages is None:
        (project / "orgc.yaml").unlink()
    else:
        write(project, "orgc.yaml", f"languages: {languages}\n")
    return project


@pytest.mark.parametrize(
    ("languages", "chinese"), [("[zh, en]", True), ("[en, zh]", False), ("[fr]", False), (None, True)]
)
def test_the_default_follows_orgc_yaml(tmp_path: Path, languages: str | None, chinese: bool) -> None:
    project = _project_with_languages(tmp_path, languages)
    (diagnostic,) = [d for d in run_check(project, messages=None).diagnostics if d["code"] == "ORG001"]
    assert bool(CJK.search(diagnostic["message"] + diagnostic["hint"])) is chinese


def test_messages_option_overrides_the_default(tmp_path: Path) -> None:
    project = _project_with_languages(tmp_path, "[en, zh]")
    (diagnostic,) = run_check(project, messages="zh").diagnostics
    assert diagnostic["message"] == "岗位“cs-agent”的直接上级“cs-teamlead”不是已有岗位"
    assert diagnostic["hint"] == "是否应为“cs-team-lead”？请填写已有岗位的 id（即 specs/roles/ 下的文件名）。"
    (diagnostic,) = run_check(GOOD, messages="en", today="2100-01-01").diagnostics
    assert diagnostic["message"].startswith("policy 'complaint-policy' was due for review")


def test_the_embedded_project_speaks_chinese() -> None:
    result = run_cli("check", ROOT, "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+ 个错误、\d+ 个警告，共检查 \d+ 个文件(；.*)?\n", result.stdout)


def test_text_github_and_sarif_in_chinese(tmp_path: Path) -> None:
    project = materialise(BAD / "ORG001", tmp_path / "project")
    text = run_cli("check", project, "--today", TODAY).stdout.splitlines()
    assert text == [
        "specs/roles/cs-agent.yaml:4:13: error ORG001 岗位“cs-agent”的直接上级“cs-teamlead”不是已有岗位",
        "    提示：是否应为“cs-team-lead”？请填写已有岗位的 id（即 specs/roles/ 下的文件名）。",
        "1 个错误、0 个警告，共检查 11 个文件；1 项豁免（详见 `orgc check --format json`）",
    ]
    github = run_cli("check", project, "--today", TODAY, "--format", "github").stdout
    assert "title=ORG001::岗位“cs-agent”的直接上级“cs-teamlead”不是已有岗位%0A是否应为" in github
    sarif = json.loads(run_cli("check", project, "--today", TODAY, "--format", "sarif").stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["message"]["text"].startswith("岗位“cs-agent”")


def test_not_a_project_in_either_language(tmp_path: Path) -> None:
    english = run_cli("check", tmp_path)
    assert english.exit_code == 2 and "is not an orgc project" in english.stderr
    chinese = run_cli("check", tmp_path, "--messages", "zh")
    assert chinese.exit_code == 2 and "不是 orgc 项目" in chinese.stderr


# -- orgc build and orgc show -------------------------------------------------------------------------


def test_build_reports_in_the_projects_language(tmp_path: Path) -> None:
    project = materialise(BAD / "ORG001", tmp_path / "project")
    chinese = run_cli("build", project, "--today", TODAY)
    assert chinese.exit_code == 1
    assert "岗位“cs-agent”的直接上级" in chinese.stderr and "未生成任何文件" in chinese.stderr
    english = run_cli("build", project, "--today", TODAY, "--messages", "en")
    assert english.exit_code == 1
    assert "'cs-agent' reports to" in english.stderr and "nothing was built" in english.stderr
    assert not (project / "out").exists()


def test_show_speaks_the_language_asked_for() -> None:
    chinese = run_cli("show", "cs-team-lead", "--path", GOOD)
    assert chinese.exit_code == 0
    assert (
        "\n汇报链\n" in chinese.stdout and "\n考核指标\n" in chinese.stdout and "权重 60%" in chinese.stdout
    )
    english = run_cli("show", "cs-team-lead", "--path", GOOD, "--lang", "en")
    assert "\nChain of command\n" in english.stdout and "Team lead (cs-team-lead)" in english.stdout
    mixed = run_cli("show", "cs-team-lead", "--path", GOOD, "--lang", "en", "--messages", "zh")
    assert "\n汇报链\n" in mixed.stdout and "Team lead (cs-team-lead)" in mixed.stdout
    unknown = run_cli("show", "cs-teamlead", "--path", GOOD)
    assert unknown.exit_code == 2
    assert "没有岗位“cs-teamlead”。是否应为“cs-team-lead”？" in unknown.stderr


# -- the command line's own words and publishing -------------------------------------------------------


def test_usage_problems_without_a_project_are_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no orgc.yaml here, so no project language to speak
    schema = run_cli("schema", "nope")
    assert schema.exit_code == 2 and "no schema 'nope'; known: common.schema.json, " in schema.stderr
    explain = run_cli("explain", "XYZ001")
    assert explain.exit_code == 2
    assert "no diagnostic code 'XYZ001'; run `orgc explain` for the list" in explain.stderr


def test_a_bad_date_is_said_in_the_language_of_messages_else_the_projects() -> None:
    english = run_cli("check", GOOD, "--today", "tomorrow", "--messages", "en")
    assert english.exit_code == 2 and "'tomorrow' is not a date; write YYYY-MM-DD" in english.stderr
    chinese = run_cli("check", GOOD, "--today", "tomorrow")  # GOOD is written zh first
    assert chinese.exit_code == 2 and "“tomorrow”不是日期" in chinese.stderr


def test_updated_schemas_are_counted_in_the_language_asked_for(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    english = run_cli("init", project, "--update-schemas", "--messages", "en")
    assert english.exit_code == 0 and english.stdout.startswith("Updated ")
    chinese = run_cli("init", project, "--update-schemas")  # the project's orgc.yaml is zh first
    assert chinese.exit_code == 0 and chinese.stdout.startswith("已更新 ")
    (project / "orgc.yaml").unlink()
    assert run_cli("init", project, "--update-schemas").stdout.startswith("已更新 ")  # no orgc.yaml: [zh]


def test_publish_errors_carry_a_message_in_both_languages(tmp_path: Path) -> None:
    from orgc.publish import PublishError, locked

    (tmp_path / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    with pytest.raises(PublishError) as refused, locked(tmp_path / "notes.txt" / "out"):
        pass
    english = str(refused.value)
    assert (
        english.startswith("cannot create the output folder ")
        and "notes.txt is a file, not a folder" in english
    )
    assert refused.value.message.render("en") == english
    chinese = refused.value.message.render("zh")
    assert chinese.startswith("无法创建输出文件夹 ") and "notes.txt 是文件，不是文件夹" in chinese


def test_a_side_that_cannot_be_read_is_said_in_the_language_of_the_diff(tmp_path: Path) -> None:
    english = run_cli("diff", "v0", "--path", tmp_path)
    assert english.exit_code == 2
    assert f"'v0' is not a folder, and {tmp_path} is not in a git repository" in english.stderr
    chinese = run_cli("diff", "v0", "--path", tmp_path, "--lang", "zh")
    assert chinese.exit_code == 2 and f"“v0”不是文件夹，而 {tmp_path} 不在 git 仓库中" in chinese.stderr
