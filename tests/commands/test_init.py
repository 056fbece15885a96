"""orgc init: a starter project that checks clean and builds, in the chosen languages, with editor
schemas, never overwriting; the CI examples and pre-commit hooks that go with it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from helpers import ROOT, run_check, run_cli
from orgc import __version__, resources
from orgc.cli import cli
from orgc.commands.init import SCHEMA_FOLDER, init_project, starter_dir
from orgc.load.discover import classify
from orgc.validate import SCHEMA_OF_KIND

WORKFLOW = ".github/workflows/orgc.yml"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(?P<path>\S+)\n")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ROLES = ("cs-agent", "cs-manager", "cs-quality", "cs-team-lead")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``orgc init`` with the defaults, into a folder that does not exist yet."""
    target = tmp_path_factory.mktemp("init") / "new" / "org"
    result = run_cli("init", target)
    assert result.exit_code == 0, result.output
    return target


def spec_files(project: Path) -> list[Path]:
    """orgc.yaml and every YAML file under specs/."""
    return [project / "orgc.yaml", *sorted((project / "specs").rglob("*.yaml"))]


def kind_of(project: Path, path: Path) -> str:
    if path == project / "orgc.yaml":
        return "config"
    kind = classify(path.relative_to(project / "specs"))
    assert kind is not None, path
    return kind


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def strings(data: Any) -> list[str]:
    """Every string value in a loaded YAML document (keys excluded)."""
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return [data] if isinstance(data, str) else []


def texts(data: Any) -> list[dict[str, str]]:
    """Every language mapping ({zh: ..., en: ...}) in a loaded YAML document."""
    if isinstance(data, dict):
        if data and set(data) <= {"zh", "en"}:
            return [data]
        return [t for v in data.values() for t in texts(v)]
    if isinstance(data, list):
        return [t for v in data for t in texts(v)]
    return []


# -- the default project ---------------------------------------------------------------------------


def test_init_writes_a_small_project(project: Path) -> None:
    files = set(tree(project))
    expected = {
        "orgc.yaml",
        ".gitignore",
        WORKFLOW,
        ".orgc/README.md",
        "specs/org.yaml",
        "specs/kpis/service.yaml",
        "specs/duties/service-common.yaml",
        "specs/processes/complaint-handling.yaml",
        "specs/policies/complaint-policy.yaml",
        *(f"specs/roles/{role}.yaml" for role in ROLES),
        *(f"{SCHEMA_FOLDER}/{name}" for name in resources.schema_names()),
    }
    assert files == expected


def test_init_project_checks_with_no_problem(project: Path) -> None:
    for today in ("2026-06-01", None):
        report = run_check(project, today=today)
        assert report.exit_code == 0
        assert report.data["summary"] == {"errors": 0, "warnings": 0, "infos": 0, "files": 10}
        assert report.diagnostics == [] and report.data["waived"] == []
    assert run_cli("check", project, "--strict").exit_code == 0


def test_init_project_is_realistic(project: Path) -> None:
    org = yaml.safe_load((project / "specs/org.yaml").read_text(encoding="utf-8"))
    assert 2 <= len(org["units"]) <= 3
    roles = {
        r: yaml.safe_load((project / f"specs/roles/{r}.yaml").read_text(encoding="utf-8")) for r in ROLES
    }
    tops = [r for r, data in roles.items() if "reports_to" not in data]
    assert tops == ["cs-manager"]
    assert roles["cs-agent"]["reports_to"] == "cs-team-lead"
    assert roles["cs-team-lead"]["reports_to"] == "cs-manager"
    for data in roles.values():
        assert (
            data["duties"]
            and data["kpis"]
            and data["qualifications"]
            and data["include"] == ["service-common"]
        )
    process = yaml.safe_load(
        (project / "specs/processes/complaint-handling.yaml").read_text(encoding="utf-8")
    )
    assert all(step["responsible"] for step in process["steps"]) and process["owner"] == "cs-manager"


def test_init_project_builds(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", project, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    for lang in ("zh", "en"):
        for role in ROLES:
            assert (out / "jd" / lang / f"{role}.docx").stat().st_size > 0
            assert (out / "jd" / lang / f"{role}.md").read_text(encoding="utf-8").strip()
    assert "客服专员" in (out / "jd/zh/cs-agent.md").read_text(encoding="utf-8")
    assert "Customer service agent" in (out / "jd/en/cs-agent.md").read_text(encoding="utf-8")
    assert json.loads((out / "org.json").read_text(encoding="utf-8"))["version"] == 1
    assert not (project / "out").exists()


def test_policy_dates_start_today(tmp_path: Path) -> None:
    init_project(tmp_path / "p", today=date(2028, 2, 29))
    policy = yaml.safe_load((tmp_path / "p/specs/policies/complaint-policy.yaml").read_text(encoding="utf-8"))
    assert (policy["effective"], policy["review_by"]) == ("2028-02-29", "2029-02-28")


def test_next_steps_are_printed(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "p")
    assert "Next steps:" in result.stdout
    assert "orgc check" in result.stdout and "orgc build" in result.stdout
    assert (
        "  With any LSP editor (VS Code, Neovim, Helix), `orgc lsp` checks and completes as you type.\n"
        in result.stdout
    )
    assert f"cd {tmp_path / 'p'}" in result.stdout


def test_init_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("init")
    assert result.exit_code == 0, result.output
    assert "cd " not in result.stdout
    assert (tmp_path / "orgc.yaml").is_file() and (tmp_path / "specs/org.yaml").is_file()


# Files that programs leave beside the specs (as tests/load/test_clutter.py lists them).
LEFT_BEHIND = (
    "specs/Thumbs.db",
    "specs/roles/desktop.ini",
    "specs/roles/.DS_Store",
    "specs/roles/~$cs-agent.docx",
    "specs/roles/.~lock.cs-agent.yaml#",
    "specs/roles/#cs-agent.yaml#",
    "specs/roles/.cs-agent.yaml.swp",
    "specs/roles/cs-agent.yaml~",
    "specs/roles/cs-agent.yaml.bak",
)


def test_gitignore_ignores_build_output_and_files_programs_leave_behind(
    project: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_bytes((project / ".gitignore").read_bytes())
    kept = ["orgc.yaml", "specs/org.yaml", "specs/roles/cs-agent.yaml", ".orgc/schema/role.schema.json"]
    for rel in (*LEFT_BEHIND, *kept, "out/jd/zh/cs-agent.docx"):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text("x", encoding="utf-8")
    listed = subprocess.run(
        ["git", "-c", "core.ignorecase=false", "ls-files", "--others", "--exclude-standard"],
        cwd=repo, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert sorted(listed) == sorted([".gitignore", *kept])


# -- the editor: schemas by relative path ---------------------------------------------------------


def test_every_yaml_file_points_at_its_schema(project: Path) -> None:
    for path in spec_files(project):
        text = path.read_text(encoding="utf-8")
        match = MODELINE.match(text)
        assert match, f"{path} does not start with the yaml-language-server line"
        schema = (path.parent / match["path"]).resolve()
        assert schema.parent == (project / SCHEMA_FOLDER).resolve()
        assert schema.name == SCHEMA_OF_KIND[kind_of(project, path)]
        assert schema.read_bytes() == (resources.data_dir("schema") / schema.name).read_bytes()


def test_schema_copies_are_the_package_schemas_and_complete(project: Path) -> None:
    folder = project / SCHEMA_FOLDER
    assert sorted(p.name for p in folder.iterdir()) == resources.schema_names()
    for path in folder.iterdir():
        assert path.read_bytes() == (resources.data_dir("schema") / path.name).read_bytes()
        refs = re.findall(r'"\$ref":\s*"([^"#]+)#', path.read_text(encoding="utf-8"))
        assert all((folder / ref).is_file() for ref in refs), refs  # every file a $ref names is there


def test_yaml_files_validate_against_the_copied_schemas(project: Path) -> None:
    """What an editor sees: plain YAML (no orgc typing) against .orgc/schema, with jsonschema."""
    folder = project / SCHEMA_FOLDER
    registry = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text(encoding="utf-8")))) for p in folder.iterdir()
    )
    for path in spec_files(project):
        schema_name = SCHEMA_OF_KIND[kind_of(project, path)]
        schema = json.loads((folder / schema_name).read_text(encoding="utf-8"))
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [e.message for e in Draft202012Validator(schema, registry=registry).iter_errors(data)]
        assert errors == [], f"{path.relative_to(project)}: {errors}"


def test_update_schemas_rewrites_only_the_schemas(tmp_path: Path) -> None:
    target = tmp_path / "p"
    init_project(target)
    stale = target / SCHEMA_FOLDER / "role.schema.json"
    stale.write_text("{}", encoding="utf-8")
    (target / "specs/org.yaml").write_text("id: changed\n", encoding="utf-8")
    before = tree(target)
    result = run_cli("init", target, "--update-schemas")
    assert result.exit_code == 0, result.output
    after = tree(target)
    assert stale.read_bytes() == (resources.data_dir("schema") / "role.schema.json").read_bytes()
    assert {k for k in after if after[k] != before.get(k)} == {f"{SCHEMA_FOLDER}/role.schema.json"}


def test_update_schemas_needs_a_project(tmp_path: Path) -> None:
    assert run_cli("init", tmp_path, "--update-schemas").exit_code == 2
    assert not (tmp_path / ".orgc").exists()


# -- never overwriting ----------------------------------------------------------------------------


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "p"
    init_project(target)
    (target / "specs/roles/cs-agent.yaml").write_text("# mine\n", encoding="utf-8")
    before = tree(target)
    result = run_cli("init", target)
    assert result.exit_code == 2
    assert "specs/roles/cs-agent.yaml" in result.stderr and "orgc.yaml" in result.stderr
    assert tree(target) == before


def test_one_existing_file_stops_everything(tmp_path: Path) -> None:
    target = tmp_path / "p"
    (target / "specs").mkdir(parents=True)
    (target / "specs/org.yaml").write_text("id: ours\n", encoding="utf-8")
    (target / "README.md").write_text("ours\n", encoding="utf-8")
    before = tree(target)
    result = run_cli("init", target, "--lang", "en")
    assert result.exit_code == 2
    assert "specs/org.yaml" in result.stderr and "orgc.yaml\n" not in result.stderr
    assert tree(target) == before
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        "README.md",
        "specs",
        "specs/org.yaml",
    ]


def test_a_file_where_a_folder_goes_is_a_conflict(tmp_path: Path) -> None:
    target = tmp_path / "p"
    target.mkdir()
    (target / "specs").write_text("not a folder\n", encoding="utf-8")
    result = run_cli("init", target)
    assert result.exit_code == 2 and "specs" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["specs"]


def test_target_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert run_cli("init", tmp_path / "f").exit_code == 2


# -- languages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "languages"),
    [("en", ["en"]), ("zh", ["zh"]), ("zh,en", ["zh", "en"]), ("en, zh", ["en", "zh"])],
)
def test_languages(tmp_path: Path, option: str, languages: list[str]) -> None:
    target = tmp_path / "p"
    result = run_cli("init", target, "--lang", option)
    assert result.exit_code == 0, result.output
    config = yaml.safe_load((target / "orgc.yaml").read_text(encoding="utf-8"))
    assert config["languages"] == languages
    report = run_check(target)
    assert report.data["summary"]["errors"] == 0 and report.data["summary"]["warnings"] == 0, (
        report.diagnostics
    )
    for path in spec_files(target):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found = texts(data)
        if len(languages) == 1:
            assert found == [], f"{path}: {found[:1]}"
        else:
            assert all(list(t) == languages for t in found), path
        if languages == ["en"]:
            assert not [s for s in strings(data) if CJK.search(s)], path
        assert MODELINE.match(path.read_text(encoding="utf-8"))


def test_english_only_project_builds_english_only(tmp_path: Path) -> None:
    target = tmp_path / "p"
    assert run_cli("init", target, "--lang", "en").exit_code == 0
    out = tmp_path / "out"
    assert run_cli("build", target, "-o", out, "--jobs", "1").exit_code == 0
    assert sorted(p.name for p in (out / "jd").iterdir()) == ["en"]
    assert "# Team lead" in (out / "jd/en/cs-team-lead.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("option", ["fr", "zh,zh", ",", "zh en"])
def test_bad_languages_are_usage_errors(tmp_path: Path, option: str) -> None:
    result = run_cli("init", tmp_path / "p", "--lang", option)
    assert result.exit_code == 2
    assert not (tmp_path / "p").exists()


def test_name_sets_the_organisation_name_in_every_language(tmp_path: Path) -> None:
    target = tmp_path / "p"
    assert run_cli("init", target, "--name", '星河科技: "客服"').exit_code == 0
    org = yaml.safe_load((target / "specs/org.yaml").read_text(encoding="utf-8"))
    assert org["name"] == {"zh": '星河科技: "客服"', "en": '星河科技: "客服"'}
    assert run_check(target).data["summary"]["warnings"] == 0
    assert run_cli("init", tmp_path / "q", "--name", "  ").exit_code == 2


def test_starter_files_are_real_files_in_the_package_data() -> None:
    folder = starter_dir()
    assert folder == resources.data_dir("templates") / "init"
    assert (folder / "specs/org.yaml").is_file() and (folder / WORKFLOW).is_file()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force["templates"] == "orgc/_data/templates"


# -- CI examples and pre-commit -------------------------------------------------------------------


def workflow_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_the_workflow_init_writes_is_the_documented_one(project: Path) -> None:
    documented = ROOT / "docs" / "examples" / "github-workflow.yml"
    assert (project / WORKFLOW).read_bytes() == documented.read_bytes()


def test_github_workflow_checks_builds_uploads_and_diffs(project: Path) -> None:
    workflow = yaml.safe_load((project / WORKFLOW).read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "push" in triggers
    steps = workflow_steps(workflow)
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "orgc check --format github" in runs
    assert re.search(r"^orgc build$", runs, re.MULTILINE)
    assert 'orgc diff "$BASE" HEAD' in runs
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "out/"
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout")]
    assert all(s["with"]["fetch-depth"] == 0 for s in checkouts)
    assert workflow["jobs"]["pull-request-diff"]["permissions"]["pull-requests"] == "write"


def test_ci_examples_install_this_version() -> None:
    for name in ("github-workflow.yml", "gitlab-ci.yml"):
        text = (ROOT / "docs" / "examples" / name).read_text(encoding="utf-8")
        assert f"ORGC_PACKAGE: orgc=={__version__}\n" in text, name


def test_gitlab_example_checks_builds_and_diffs() -> None:
    ci = yaml.safe_load((ROOT / "docs/examples/gitlab-ci.yml").read_text(encoding="utf-8"))
    scripts = {job: "\n".join(ci[job]["script"]) for job in ("orgc-check", "orgc-build", "orgc-diff")}
    assert "orgc check --format json" in scripts["orgc-check"]
    assert ci["orgc-check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "orgc build" in scripts["orgc-build"] and ci["orgc-build"]["artifacts"]["paths"] == ["out/"]
    assert 'orgc diff "$CI_MERGE_REQUEST_DIFF_BASE_SHA" HEAD' in scripts["orgc-diff"]


def test_gitlab_code_quality_conversion_works(tmp_path: Path) -> None:
    """The job's embedded Python turns a real report with problems into Code Quality issues."""
    ci = yaml.safe_load((ROOT / "docs/examples/gitlab-ci.yml").read_text(encoding="utf-8"))
    (block,) = [s for s in ci["orgc-check"]["script"] if "<<'PY'" in s]
    program = block.split("<<'PY'\n", 1)[1].rsplit("PY\n", 1)[0]
    target = tmp_path / "p"
    init_project(target)
    role = target / "specs/roles/cs-agent.yaml"
    role.write_text(
        role.read_text(encoding="utf-8").replace("reports_to: cs-team-lead", "reports_to: nobody")
    )
    report = run_cli("check", target, "--format", "json")
    assert report.exit_code == 1
    (tmp_path / "orgc-check.json").write_text(report.stdout, encoding="utf-8")
    subprocess.run([sys.executable, "-c", program], cwd=tmp_path, check=True)
    issues = json.loads((tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert issues and {i["check_name"] for i in issues} >= {"ORG001"}
    first = next(i for i in issues if i["check_name"] == "ORG001")
    assert first["location"] == {"path": "specs/roles/cs-agent.yaml", "lines": {"begin": 5}}
    assert first["severity"] == "major" and len(first["fingerprint"]) == 64


def test_pre_commit_hooks_name_real_commands(project: Path) -> None:
    hooks = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    assert set(hooks) == {"orgc-check", "orgc-build-check"}
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        program, *args = hook["entry"].split()
        assert program in scripts and args[0] in cli.commands
        files = re.compile(hook["files"])
        assert files.search("specs/roles/cs-agent.yaml") and files.search("orgc.yaml")
        assert not files.search("README.md") and not files.search("docs/specs/x.yaml")
    assert run_cli(*hooks["orgc-check"]["entry"].split()[1:], project).exit_code == 0
    assert hooks["orgc-build-check"]["stages"] == ["pre-push"]


def test_build_check_hook_passes_on_a_fresh_build(tmp_path: Path) -> None:
    target = tmp_path / "p"
    init_project(target)
    assert run_cli("build", target, "--jobs", "1").exit_code == 0
    hooks = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    }
    assert run_cli(*hooks["orgc-build-check"]["entry"].split()[1:], target, "--jobs", "1").exit_code == 0


def test_docs_describe_every_example() -> None:
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for needle in (
        "examples/github-workflow.yml",
        "examples/gitlab-ci.yml",
        "orgc check --format github",
        "orgc check --format sarif",
        "orgc build --check",
        "orgc diff",
        "orgc-check",
        "orgc-build-check",
        "orgc init --update-schemas",
    ):
        assert needle in docs, needle
