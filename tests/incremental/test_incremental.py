"""Rebuilds: after every kind of edit, the output is byte-identical to a clean build, and only
the job descriptions whose content changed are rendered again; a bad build index is never trusted."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import TODAY, copy_good, edit, published_tree, run_cli, write
from orgc.incremental import index as build_index
from orgc.render.jd import docx as jd_docx
from orgc.render.jd import markdown as jd_markdown
from orgc.resources import data_dir
from orgc.writers.docx.deflate import Packed

Edit = Callable[[Path], None]


def build(project: Path, out: Path, *options: str) -> str:
    result = run_cli("build", project, "-o", out, "--today", TODAY, "--messages", "en", *options)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Paths of the job descriptions rendered in this process (builds run with --jobs 1)."""
    seen: Counter[str] = Counter()
    for module in (jd_docx, jd_markdown):
        original = module.jd_file

        def counting(ctx, jd, *more, original=original, module=module):  # type: ignore[no-untyped-def]
            seen[module.jd_path(jd.role_id, jd.lang)] += 1
            return original(ctx, jd, *more)

        monkeypatch.setattr(module, "jd_file", counting)
    return seen


EDITS: dict[str, Edit] = {
    "role duty": lambda p: edit(
        p, "specs/roles/cs-agent.yaml", "接听并解答客户咨询", "接听、记录并解答客户咨询"
    ),
    "shared block": lambda p: edit(
        p, "specs/duties/frontline-common.yaml", "每月固定2天进行接线支援", "每月固定3天进行接线支援"
    ),
    "kpi name": lambda p: edit(
        p, "specs/kpis/service.yaml", "name: {zh: 平均处理时长", "name: {zh: 平均通话处理时长"
    ),
    "process step": lambda p: edit(
        p,
        "specs/processes/complaint-handling.yaml",
        "responsible: [cs-team-lead]",
        "responsible: [cs-supervisor]",
    ),
    "supervisor title": lambda p: edit(p, "specs/roles/cs-team-lead.yaml", "zh: 班组长", "zh: 值班班组长"),
    "unit name": lambda p: edit(p, "specs/org.yaml", "zh: 一线服务组", "zh: 一线客服组"),
    "template": lambda p: write(
        p,
        "templates/jd.md.j2",
        (data_dir("templates") / "jd.md.j2").read_text(encoding="utf-8") + "\n---\n",
    ),
    "orgc.yaml fonts": lambda p: edit(
        p, "orgc.yaml", "languages: [zh, en]", "languages: [zh, en]\nfonts: {east_asian: KaiTi}"
    ),
    "orgc.yaml rules": lambda p: edit(p, "orgc.yaml", "max: 15", "max: 20"),
    "role removed": lambda p: _remove_trainer(p),
    # the agent's JD names the trainer only through the complaint process, where both take part
    "process co-participant title": lambda p: edit(
        p, "specs/roles/cs-trainer.yaml", "zh: 培训专员", "zh: 培训主管"
    ),
    "direct report added": lambda p: write(
        p,
        "specs/roles/cs-agent-senior.yaml",
        (p / "specs/roles/cs-agent.yaml")
        .read_text(encoding="utf-8")
        .replace("id: cs-agent", "id: cs-agent-senior")
        .replace("zh: 客服专员", "zh: 高级客服专员"),
    ),
    # each kind of field of a role, a process and a policy (incremental/affected.py's table)
    "duty task": lambda p: edit(
        p, "specs/roles/cs-team-lead.yaml", "按照工作流程执行任务调派", "按照工作流程执行并复核任务调派"
    ),
    "purpose": lambda p: edit(
        p, "specs/roles/cs-director.yaml", "负责客服中心的整体运营", "统筹客服中心运营"
    ),
    "qualification": lambda p: edit(
        p, "specs/roles/cs-team-lead.yaml", "zh: 熟练使用办公软件", "zh: 熟练使用办公软件与工单系统"
    ),
    "kpi target": lambda p: edit(p, "specs/roles/cs-agent.yaml", 'target: ">= 85%"', 'target: ">= 88%"'),
    "headcount": lambda p: edit(p, "specs/roles/cs-agent.yaml", "headcount: 40", "headcount: 42"),
    "reports_to": lambda p: edit(
        p, "specs/roles/cs-trainer.yaml", "reports_to: cs-supervisor", "reports_to: cs-director"
    ),
    "role unit": lambda p: edit(p, "specs/roles/cs-trainer.yaml", "unit: cs-center", "unit: cs-frontline"),
    "duty parties": lambda p: edit(
        p, "specs/roles/cs-supervisor.yaml", "informed: [hr]", "informed: [hr, cs-trainer]"
    ),
    "duty added": lambda p: edit(
        p,
        "specs/roles/cs-director.yaml",
        "kpis:\n  - kpi: csat",
        "  - id: review\n    title: {zh: 季度复盘, en: Quarterly review}\n    consulted: [cs-trainer]\n"
        "kpis:\n  - kpi: csat",
    ),
    "dotted line": lambda p: edit(
        p, "specs/roles/cs-team-lead.yaml", "dotted_to: [cs-trainer]", "dotted_to: [cs-trainer, cs-director]"
    ),
    "career": lambda p: edit(p, "specs/roles/cs-agent.yaml", "next: [cs-team-lead]", "next: [cs-trainer]"),
    "escalation": lambda p: edit(
        p, "specs/roles/cs-team-lead.yaml", "escalates_to: cs-director", "escalates_to: cs-supervisor"
    ),
    "include": lambda p: edit(
        p, "specs/roles/cs-trainer.yaml", "duties:\n", "include: [frontline-common]\nduties:\n"
    ),
    "role title shared with another": lambda p: edit(
        p, "specs/roles/cs-trainer.yaml", "{zh: 培训专员, en: Trainer}", "{zh: 班组长, en: Team lead}"
    ),
    "step parties": lambda p: edit(
        p,
        "specs/processes/complaint-handling.yaml",
        "consulted: [cs-trainer]",
        "consulted: [cs-trainer, cs-director]",
    ),
    "step title": lambda p: edit(
        p, "specs/processes/complaint-handling.yaml", "zh: 处理并回复客户", "zh: 处理并答复客户"
    ),
    "step sla": lambda p: edit(p, "specs/processes/complaint-handling.yaml", "sla: 3d", "sla: 2d"),
    "step description": lambda p: edit(
        p,
        "specs/processes/complaint-handling.yaml",
        "    sla: 24h\n",
        "    sla: 24h\n    description: {zh: 当班记录, en: Logged on the shift}\n",
    ),
    "process title": lambda p: edit(
        p, "specs/processes/complaint-handling.yaml", "zh: 客户投诉处理流程", "zh: 客户投诉受理流程"
    ),
    "process owner": lambda p: edit(
        p, "specs/processes/complaint-handling.yaml", "owner: cs-supervisor", "owner: cs-director"
    ),
    "policy": lambda p: edit(
        p, "specs/policies/complaint-policy.yaml", "zh: 客户投诉处理制度", "zh: 客户投诉管理制度"
    ),
}


def _remove_trainer(project: Path) -> None:
    (project / "specs/roles/cs-trainer.yaml").unlink()
    edit(project, "specs/processes/complaint-handling.yaml", "    consulted: [cs-trainer]\n", "")
    edit(project, "specs/roles/cs-team-lead.yaml", "dotted_to: [cs-trainer]\n", "")


@pytest.mark.parametrize("split", [False, True], ids=["one handbook", "volumes"])
@pytest.mark.parametrize("name", EDITS)
def test_rebuild_after_an_edit_equals_a_clean_build(name: str, split: bool, tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    if split:  # units' volumes, kept whole where no change reaches them
        edit(project, "orgc.yaml", "languages:", "handbook: {split: top-units}\nlanguages:")
    out = tmp_path / "out"
    build(project, out)
    EDITS[name](project)
    build(project, out)
    clean = tmp_path / "clean"
    build(project, clean)
    assert published_tree(out) == published_tree(clean)


def test_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    before = {p: (out / p).stat().st_ino for p in published_tree(out)}
    said = build(project, out)
    assert "is up to date: nothing changed since the last build" in said
    assert {p: (out / p).stat().st_ino for p in published_tree(out)} == before


def test_only_changed_job_descriptions_are_rendered(tmp_path: Path, rendered: Counter[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out, "--jobs", "1")
    assert len(rendered) == 5 * 2 * 2  # five roles, two languages, .md and .docx
    rendered.clear()
    EDITS["supervisor title"](project)
    build(project, out, "--jobs", "1")
    # the team lead's own JD and the JDs that show its title: its report (the agent) and its
    # supervisor (who lists direct reports); the director's JD shows nothing of it
    roles = {path.split("/")[-1].split(".")[0] for path in rendered}
    assert "cs-team-lead" in roles and "cs-agent" in roles and "cs-supervisor" in roles
    assert "cs-director" not in roles
    assert all(count == 1 for count in rendered.values())


def test_a_touched_output_is_rendered_again(tmp_path: Path, rendered: Counter[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out, "--jobs", "1")
    clean = published_tree(out)
    (out / "jd/zh/cs-director.md").write_text("edited by hand\n", encoding="utf-8")
    rendered.clear()
    said = build(project, out, "--jobs", "1")
    assert "up to date" not in said
    assert set(rendered) == {"jd/zh/cs-director.md"}
    assert published_tree(out) == clean


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "not json",
        lambda text: text.replace(f'"format": {build_index.FORMAT}', '"format": 99'),
        lambda text: text[: len(text) // 2],
        lambda text: (
            json.dumps({"format": build_index.FORMAT, "checksum": "0" * 40}) + "\n" + text.partition("\n")[2]
        ),
        lambda text: text.replace("jd/zh/cs-agent.md", "../../escape.md"),
    ],
    ids=["garbage", "format", "truncated", "checksum", "unsafe-path"],
)
def test_a_damaged_index_is_ignored(
    damage: Callable[[str], str], tmp_path: Path, rendered: Counter[str]
) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out, "--jobs", "1")
    clean = published_tree(out)
    index = out / build_index.FOLDER / build_index.INDEX
    index.write_text(damage(index.read_text(encoding="utf-8")), encoding="utf-8")
    assert build_index.load(out) is None
    rendered.clear()
    said = build(project, out, "--jobs", "1")
    assert "up to date" not in said
    assert len(rendered) == 20
    assert published_tree(out) == clean
    assert not (tmp_path / "escape.md").exists()


def test_a_stale_index_is_not_trusted(tmp_path: Path) -> None:
    """The index of an older build, put back after a newer one: its stamps no longer match."""
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    old_index = (out / build_index.FOLDER / build_index.INDEX).read_bytes()
    EDITS["role duty"](project)
    build(project, out)
    (out / build_index.FOLDER / build_index.INDEX).write_bytes(old_index)
    shutil.copytree(project, tmp_path / "reverted")
    edit(tmp_path / "reverted", "specs/roles/cs-agent.yaml", "接听、记录并解答客户咨询", "接听并解答客户咨询")
    build(tmp_path / "reverted", out)
    clean = tmp_path / "clean"
    build(tmp_path / "reverted", clean)
    assert published_tree(out) == published_tree(clean)


def test_the_index_stays_out_of_git_and_of_check(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    assert (out / build_index.FOLDER / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    result = run_cli("build", project, "-o", out, "--check", "--today", TODAY)
    assert result.exit_code == 0, result.output


def test_a_link_to_a_device_is_not_read_when_looking_for_changes(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    (project / "specs" / "roles" / "zero.yaml").symlink_to("/dev/zero")
    result = run_cli("build", project, "-o", out, "--today", TODAY, "--messages", "en")
    assert result.exit_code == 1  # the check refuses the link (E102); nothing hangs on reading it
    assert "zero.yaml" in result.output


def test_a_role_named_through_a_shared_block_is_followed(tmp_path: Path) -> None:
    """The block's duty names the trainer; the agent holds the block and shows the trainer's title."""
    project = copy_good(tmp_path / "project")
    edit(
        project,
        "specs/duties/frontline-common.yaml",
        "frequency: monthly",
        "frequency: monthly\n    collaborates: [cs-trainer]",
    )
    out = tmp_path / "out"
    build(project, out)
    edit(project, "specs/roles/cs-trainer.yaml", "zh: 培训专员", "zh: 培训主管")
    build(project, out)
    build(project, tmp_path / "clean")
    assert "培训主管" in (out / "jd/zh/cs-agent.md").read_text(encoding="utf-8")
    assert published_tree(out) == published_tree(tmp_path / "clean")


def test_roles_a_change_cannot_reach_are_not_looked_at(tmp_path: Path, looked_at: Counter[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out, "--jobs", "1")
    assert set(looked_at) == {"cs-director", "cs-supervisor", "cs-team-lead", "cs-agent", "cs-trainer"}
    looked_at.clear()
    edit(project, "specs/roles/cs-director.yaml", "zh: 客服总监", "zh: 客服中心总监")
    build(project, out, "--jobs", "1")
    # the director's title: its own JD, and those whose files name the director: the supervisor
    # reports to it, the team lead escalates to it; the agent's and the trainer's are taken over unseen
    assert set(looked_at) == {"cs-director", "cs-supervisor", "cs-team-lead"}
    build(project, tmp_path / "clean")
    assert published_tree(out) == published_tree(tmp_path / "clean")


def test_a_change_to_org_yaml_looks_at_every_role(tmp_path: Path, looked_at: Counter[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out, "--jobs", "1")
    looked_at.clear()
    EDITS["unit name"](project)
    build(project, out, "--jobs", "1")
    assert len(looked_at) == 5


def test_documents_are_taken_over_only_from_their_own_build(tmp_path: Path) -> None:
    """A documents cache written by anyone but the last build (say, committed in a pull request) is ignored."""
    from orgc.incremental import documents as document_cache

    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    agent = document_cache.FILES[document_cache.shard_of("specs/roles/cs-agent.yaml")]
    _forge(
        out / build_index.FOLDER / agent,
        lambda body: body.replace("客服专员".encode(), "伪造岗位".encode()),
    )
    edit(project, "specs/roles/cs-director.yaml", "负责客服中心的整体运营", "负责客服中心的整体运营与预算")
    build(project, out)
    assert "伪造岗位" not in (out / "jd/zh/cs-agent.md").read_text(encoding="utf-8")
    assert "客服专员" in (out / "jd/zh/cs-agent.md").read_text(encoding="utf-8")


def test_documents_of_another_build_do_not_choose_what_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents read before another build finished do not go with that build's outputs."""
    from datetime import date

    from orgc.commands import build as build_command
    from orgc.incremental import plan

    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    options = build_command.BuildOptions(project, out, jobs=1, today=date.fromisoformat(TODAY), messages="en")
    last = build_command._last_build(options)  # read by a build that then waits
    known = plan.known_documents(last)
    assert known is not None
    original = (project / "specs/roles/cs-agent.yaml").read_text(encoding="utf-8")
    edit(project, "specs/roles/cs-agent.yaml", "zh: 客服专员", "zh: 临时岗位")
    build(project, out)  # another build finishes meanwhile, with the agent retitled
    (project / "specs/roles/cs-agent.yaml").write_text(original, encoding="utf-8")
    monkeypatch.setattr(build_command, "_last_build", lambda _options: last)
    monkeypatch.setattr(plan, "known_documents", lambda _last: known)
    assert build_command.build(options) == 0
    assert "临时岗位" not in (out / "jd/zh/cs-agent.md").read_text(encoding="utf-8")
    build(project, tmp_path / "clean")
    assert published_tree(out) == published_tree(tmp_path / "clean")


def test_only_what_shows_a_change_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit's matrix file, its matrix in the handbook, the handbook's org chart and the chart
    files are made again only when what they show changed."""
    from orgc.render import raci
    from orgc.render.chart import formats as chart
    from orgc.render.chart import word as chart_word
    from orgc.render.handbook import sections as handbook_sections

    made: Counter[str] = Counter()
    tables, drawing, picture, markdown = (
        handbook_sections._unit_tables,
        chart_word.chart_xml,
        chart.svg,
        raci.markdown,
    )

    def unit_markdown(ctx, unit_id, matrix, lang):  # type: ignore[no-untyped-def]
        made[f"raci/{unit_id}.md"] += 1
        return markdown(ctx, unit_id, matrix, lang)

    def unit_tables(book, parties, names, rows, titles):  # type: ignore[no-untyped-def]
        made["matrix " + " ".join(parties)] += 1
        return tables(book, parties, names, rows, titles)

    def chart_xml(*args, **kwargs):  # type: ignore[no-untyped-def]
        made["handbook chart"] += 1
        return drawing(*args, **kwargs)

    def svg(*args, **kwargs):  # type: ignore[no-untyped-def]
        made["org-chart.svg"] += 1
        return picture(*args, **kwargs)

    monkeypatch.setattr(raci, "markdown", unit_markdown)
    monkeypatch.setattr(handbook_sections, "_unit_tables", unit_tables)
    monkeypatch.setattr(chart_word, "chart_xml", chart_xml)
    monkeypatch.setattr(chart, "svg", svg)
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out, "--jobs", "1")
    matrices = {key for key in made if key.startswith("matrix")}
    frontline = {key for key in matrices if "cs-agent" in key.split()}
    assert len(matrices) >= 2 and len(frontline) == 1
    assert made["handbook chart"] == 2 and made["org-chart.svg"] == 1  # two languages; one picture
    assert {key for key in made if key.startswith("raci/")} == {"raci/cs-center.md", "raci/cs-frontline.md"}
    made.clear()
    EDITS["role duty"](project)  # a row title in the front line's matrix, which the center's does not show
    build(project, out, "--jobs", "1")
    # the duty's Chinese title: the front line's matrix file (in the first language) and its matrix
    # in the Chinese handbook, nothing else
    assert made == Counter({"raci/cs-frontline.md": 1, **{key: 1 for key in frontline}})
    build(project, tmp_path / "clean")
    assert published_tree(out) == published_tree(tmp_path / "clean")


def test_pieces_are_taken_only_from_their_own_build(tmp_path: Path) -> None:
    """A fragments file written by anyone but the last build is ignored, even with a valid checksum."""
    from orgc.incremental import fragment_store as fragment_cache
    from orgc.incremental.fragments import Fragments

    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    forger = Fragments()
    forger.piece(lambda: "<w:p><w:r><w:t>伪造</w:t></w:r></w:p>", "forged")
    forged_piece = forger.used[0][1]  # a well-formed piece

    def forge(body: bytes) -> bytes:
        setting = body.partition(b"\n")[0].decode()
        stored = fragment_cache.decoded(body, setting)
        assert stored and stored.pieces
        forged = dict.fromkeys(stored.pieces, forged_piece)
        return fragment_cache.encoded(setting, fragment_cache.Stored(forged, stored.owners))

    shards = [out / build_index.FOLDER / name for name in fragment_cache.FILES]
    for shard in [path for path in shards if path.is_file()]:
        _forge(shard, forge)
    edit(project, "specs/roles/cs-director.yaml", "负责客服中心的整体运营", "负责客服中心的整体运营与预算")
    build(project, out)
    build(project, tmp_path / "clean")
    assert published_tree(out) == published_tree(tmp_path / "clean")


@pytest.mark.parametrize("size", [10, 40_000], ids=["small piece", "large piece"])
def test_a_damaged_piece_is_made_again(size: int) -> None:
    import zlib

    from orgc.incremental.fragments import Fragments

    def text(piece: str | Packed) -> str:
        return piece if isinstance(piece, str) else zlib.decompress(piece.data + b"\x03\x00", -15).decode()

    kept, made = "<a/>" * size, "<made/>" * size
    first = Fragments()
    assert text(first.piece(lambda: kept, "x")) == kept
    ((key, stored),) = first.used
    assert text(Fragments({key: stored}).piece(lambda: made, "x")) == kept  # taken as the last build made it
    for damaged in (b"not a piece", stored[:-1], stored[:1], b""):
        assert text(Fragments({key: damaged}).piece(lambda: made, "x")) == made
    assert text(Fragments({key: stored}).piece(lambda: made, "y")) == made  # other inputs, other piece


def test_only_large_pieces_are_compressed_on_their_own() -> None:
    from orgc.incremental.fragments import PACK_FROM, Fragments

    pieces = Fragments()
    assert isinstance(pieces.piece(lambda: "x" * (PACK_FROM - 1), "small"), str)
    assert isinstance(pieces.piece(lambda: "x" * PACK_FROM, "large"), Packed)


def _forge(cache: Path, change: Callable[[bytes], bytes]) -> None:
    """Change a cache file's body and give it a valid checksum, as someone committing it could."""
    header, _, body = cache.read_bytes().partition(b"\n")
    forged = change(body)
    assert forged != body
    checksum = build_index.checksum(forged)
    cache.write_bytes(
        header.replace(json.loads(header)["checksum"].encode(), checksum.encode()) + b"\n" + forged
    )


def test_a_language_named_twice_is_built_once_and_then_up_to_date(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out, "--lang", "zh", "--lang", "zh")
    assert "is up to date: nothing changed" in build(project, out, "--lang", "zh", "--lang", "zh")


@pytest.mark.parametrize("first", [False, True], ids=["rebuild", "first build"])
def test_an_input_edited_while_a_build_runs_is_built_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: bool
) -> None:
    """The build records the inputs as it read them: a spec saved after the check read it, while
    the outputs are being written, is a change the next build sees; into an empty folder too."""
    from orgc.commands import build as build_command

    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    if not first:
        build(project, out)
    original = build_command.publish

    def publish_while_edited(*args, **kwargs):  # type: ignore[no-untyped-def]
        edit(project, "specs/roles/cs-agent.yaml", "zh: 客服专员", "zh: 资深客服专员")
        return original(*args, **kwargs)

    monkeypatch.setattr(build_command, "publish", publish_while_edited)
    EDITS["purpose"](project)
    build(project, out)
    assert "资深客服专员" not in (out / "jd/zh/cs-agent.md").read_text(encoding="utf-8")
    monkeypatch.setattr(build_command, "publish", original)
    assert "up to date" not in build(project, out)
    assert "资深客服专员" in (out / "jd/zh/cs-agent.md").read_text(encoding="utf-8")
    build(project, tmp_path / "clean")
    assert published_tree(out) == published_tree(tmp_path / "clean")


def test_the_pieces_file_holds_pieces_as_they_are_and_refuses_any_other() -> None:
    from orgc.incremental import fragment_store

    pieces = {"b" * 40: b"T\x00\n\xff" * 3, "a" * 40: b"", "c" * 40: bytes(range(256))}
    owners = {"handbook/zh/运营部.docx": ("a" * 40, "c" * 40), "raci/raci.xlsx": ("b" * 40,)}
    stored = fragment_store.Stored(pieces, owners)
    body = fragment_store.encoded("setting", stored)
    assert fragment_store.decoded(body, "setting") == stored
    assert fragment_store.decoded(memoryview(body), "setting") == stored
    assert fragment_store.decoded(body, "another setting") is None
    for damaged in (body[:-1], body + b"\0", body[: len(b"setting\n") + 3]):
        assert fragment_store.decoded(damaged, "setting") is None


def test_a_cache_body_is_read_in_lines_without_copies(tmp_path: Path) -> None:
    path = tmp_path / "cache"
    assert build_index.write_checked(path, 7, b"first\n\nthird")
    body = build_index.read_checked(path, 7)
    assert body is not None
    assert [bytes(line) for line in build_index.body_lines(body)] == [b"first", b"", b"third"]
    assert build_index.read_checked(path, 8) is None
    path.write_bytes(path.read_bytes()[:-1])
    assert build_index.read_checked(path, 7) is None


def test_an_edit_rewrites_only_the_documents_file_that_holds_the_document(tmp_path: Path) -> None:
    from orgc.incremental import documents as document_cache

    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    folder = out / build_index.FOLDER
    before = {name: build_index.Stamp.of(folder / name) for name in document_cache.FILES}
    EDITS["purpose"](project)
    build(project, out)
    rewritten = {name for name in document_cache.FILES if build_index.Stamp.of(folder / name) != before[name]}
    assert rewritten == {document_cache.FILES[document_cache.shard_of("specs/roles/cs-director.yaml")]}
    assert document_cache.load(out, build_index.load(out)) is not None
    (folder / document_cache.FILES[0]).unlink()  # without every file, no document is taken over
    assert document_cache.load(out, build_index.load(out)) is None
    EDITS["headcount"](project)
    build(project, out)
    build(project, tmp_path / "clean")
    assert published_tree(out) == published_tree(tmp_path / "clean")
