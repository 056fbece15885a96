"""A large organisation's handbook in volumes and its org chart per top-level unit.

``render/volumes.py`` decides the volumes, ``render/handbook/split.py`` and ``book.py`` write
them, ``render/chart/views.py`` draws the overview and the unit charts.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.document import Document

from helpers import ROOT, published_tree, render_context, run_cli
from orgc.config import load_config
from orgc.render import outputs
from orgc.render.chart import formats as chart
from orgc.render.context import RenderContext
from orgc.render.handbook import book as handbook
from orgc.render.volumes import SPLIT_ABOVE, Volumes, should_split, top_units, volumes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GENERATED_ROLES = SPLIT_ABOVE + 40


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> RenderContext:
    """A generated organisation just above the threshold: one root unit, a dozen units below it."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    folder = tmp_path_factory.mktemp("generated") / "org"
    Generator(GENERATED_ROLES, seed=5).write(folder)
    return render_context(folder, ("zh",))  # type: ignore[return-value]


@pytest.fixture(scope="module")
def split(generated: RenderContext) -> Volumes:
    found = handbook.handbook_volumes(generated)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def books(generated: RenderContext) -> dict[str, bytes]:
    """Every volume of the generated organisation's handbook, as the build's tasks render them."""
    files = list(handbook.render(generated))
    for task in handbook.volume_tasks(generated):
        files += handbook.render_volume(generated, task)
    return {f.path: f.data for f in files}


def example(tmp_path: Path, settings: str = "") -> Path:
    """The repository's own project (13 roles under one root unit) with ``settings`` added."""
    target = tmp_path / "example"
    shutil.copytree(ROOT / "specs", target / "specs")
    config = (ROOT / "orgc.yaml").read_text(encoding="utf-8")
    (target / "orgc.yaml").write_text(config + settings, encoding="utf-8")
    return target


def opened(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def chapters(document: Document) -> list[str]:
    """Level-1 headings without their numbers."""
    return [p.text.split("  ", 1)[1] for p in document.paragraphs if _style(p) == "Heading1"]


def jd_titles(document: Document) -> list[str]:
    """The level-2 headings of the job-description chapter: one per role printed."""
    found, inside = [], False
    for p in document.paragraphs:
        if _style(p) == "Heading1":
            inside = p.text.endswith("岗位说明书")
        elif inside and _style(p) == "Heading2":
            found.append(p.text)
    return found


def _style(paragraph: docx.text.paragraph.Paragraph) -> str:
    return paragraph.style.style_id if paragraph.style is not None else ""


# -- which volumes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "roles", "top", "splits"),
    [
        ("auto", SPLIT_ABOVE, 5, False),
        ("auto", SPLIT_ABOVE + 1, 5, True),
        ("auto", 10_000, 1, False),  # one top-level unit: a volume would be the whole book again
        ("top-units", 3, 1, True),
        ("top-units", 3, 0, False),
        ("none", 10_000, 12, False),
    ],
)
def test_when_the_handbook_is_split(setting: str, roles: int, top: int, splits: bool) -> None:
    assert should_split(setting, roles, top) is splits


def test_the_schema_description_names_the_threshold() -> None:
    from orgc import resources

    described = resources.schema("orgc.schema.json")["properties"]["handbook"]["properties"]["split"]
    assert f"up to {SPLIT_ABOVE} roles" in described["description"]


@pytest.mark.parametrize(
    ("written", "setting"),
    [("handbook: {split: top-units}\n", "top-units"), ("handbook:\n  split: none\n", "none"), ("", "auto")],
)
def test_orgc_yaml_setting(tmp_path: Path, written: str, setting: str) -> None:
    (tmp_path / "orgc.yaml").write_text("languages: [zh]\n" + written, encoding="utf-8")
    config, problems = load_config(tmp_path)
    assert problems == () and config.handbook_split == setting


def test_below_one_root_unit_the_top_level_units_are_its_children() -> None:
    ctx = render_context(ROOT)
    assert top_units(ctx.org) == ("cs-management", "cs-hotline", "cs-care", "cs-online")
    # the embedded example (13 roles) stays one handbook, as out/ has it
    assert volumes(ctx.org, ctx.graph, "auto") is None


def test_below_a_chain_of_single_units_the_first_level_with_several(tmp_path: Path) -> None:
    project = example(tmp_path)
    org = project / "specs" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    text = text.replace(
        "units:\n  - id: cs-center\n",
        "units:\n  - id: group\n    name: {zh: 集团, en: Group}\n  - id: cs-center\n    parent: group\n",
    )
    org.write_text(text, encoding="utf-8")
    ctx = render_context(project)
    assert top_units(ctx.org) == ("cs-management", "cs-hotline", "cs-care", "cs-online")


def test_several_units_without_a_parent_are_the_top_level(tmp_path: Path) -> None:
    project = example(tmp_path)
    org = project / "specs" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    org.write_text(
        text.replace("    parent: cs-center\n    head: cs-senior\n", "    head: cs-senior\n"),
        encoding="utf-8",
    )
    ctx = render_context(project)
    assert top_units(ctx.org) == ("cs-center", "cs-care")


def test_every_role_belongs_to_exactly_one_volume(generated: RenderContext, split: Volumes) -> None:
    held = [role for scope in (split.whole, *split.parts) for role in scope.roles]
    assert Counter(held) == Counter(list(generated.org.roles))
    assert len(split.parts) > 1 and split.whole.roles  # the generated top role is in the root unit


# -- the handbook's volumes --------------------------------------------------------------------


def test_a_volume_file_per_top_level_unit(books: dict[str, bytes], split: Volumes) -> None:
    assert sorted(books) == sorted(
        ["handbook/zh.docx", *(f"handbook/zh/{part.unit}.docx" for part in split.parts)]
    )


def test_every_role_is_printed_once_in_its_volume(
    books: dict[str, bytes], split: Volumes, generated: RenderContext
) -> None:
    def titles(roles: tuple[str, ...]) -> list[str]:
        return [generated.role_title(role, "zh") for role in roles]

    assert jd_titles(opened(books["handbook/zh.docx"])) == titles(split.whole.roles)
    printed = Counter(jd_titles(opened(books["handbook/zh.docx"])))
    for part in split.parts:
        in_volume = jd_titles(opened(books[f"handbook/zh/{part.unit}.docx"]))
        assert in_volume == titles(part.roles)  # org-chart order
        printed.update(in_volume)
    assert printed == Counter(titles(tuple(generated.org.roles)))


def test_the_general_volume(books: dict[str, bytes], split: Volumes, generated: RenderContext) -> None:
    document = opened(books["handbook/zh.docx"])
    assert chapters(document) == [
        "组织架构图",
        "部门索引",
        "考核指标库",
        "岗位说明书",
        "职责分配矩阵",
        "流程",
        "管理制度",
        "已批准的例外",
    ]
    index = next(t for t in document.tables if t.rows[0].cells[-1].text == "所在分册")
    listed = {row.cells[0].text: row.cells[-1].text for row in index.rows[1:]}
    org = generated.org
    assert list(listed) == [
        org.units[u].name.get("zh") for u in _tree(generated) if not org.units[u].external
    ]
    for part in split.parts:
        name = org.units[part.unit or ""].name.get("zh")
        for unit in part.units:
            assert listed[org.units[unit].name.get("zh")] == f"{name}\nzh/{part.unit}.docx"
    for unit in split.whole.units:
        if not org.units[unit].external:
            assert listed[org.units[unit].name.get("zh")] == "本册"
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cover["岗位"] == str(GENERATED_ROLES)  # the general volume counts the whole organisation
    texts = [p.text for p in document.paragraphs]
    assert "总册" in texts[:3]
    assert "▸ N：其下 N 个岗位见该部门分册（见部门索引）。" in texts


def _tree(ctx: RenderContext) -> list[str]:
    from orgc.render.handbook.sections import unit_tree

    return unit_tree(ctx)


def test_a_unit_volume(books: dict[str, bytes], split: Volumes, generated: RenderContext) -> None:
    part = split.parts[0]
    document = opened(books[f"handbook/zh/{part.unit}.docx"])
    assert chapters(document) == ["组织架构图", "部门与岗位一览", "岗位说明书", "职责分配矩阵", "流程"]
    texts = [p.text for p in document.paragraphs]
    unit_name = generated.org.units[part.unit or ""].name.get("zh")
    assert texts[:3] == ["某集团客服事业部", "组织手册", unit_name]
    cover = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert cover["岗位"] == str(len(part.roles))
    # the processes its roles or units take part in, and no other
    letters = generated.letters
    taking_part = {
        row.split(".")[0]
        for party in (*part.roles, *part.units)
        for row in letters.get(party, ())
        if row.split("@")[0] in generated.step_order
    }
    level2 = {p.text for p in document.paragraphs if _style(p) == "Heading2"}
    shown = {p.id for p in generated.org.processes.values() if p.title.get("zh") in level2}
    assert shown == taking_part and shown
    # the units of its matrices are its own
    others = {generated.org.units[u].name.get("zh") for u in split.whole.units}
    assert not level2 & others


def test_split_none_keeps_one_handbook(generated: RenderContext) -> None:
    whole = replace(generated, config=replace(generated.config, handbook_split="none"))
    assert handbook.volume_tasks(whole) == []
    (only,) = handbook.render(whole)
    assert only.path == "handbook/zh.docx"
    document = opened(only.data)
    assert "部门与岗位一览" in chapters(document) and "部门索引" not in chapters(document)
    assert jd_titles(document) == []  # above FULL_JD_LIMIT one book lists the positions instead
    assert [f.path for f in chart.render(whole)] == list(chart.PATHS)


def test_volumes_are_build_tasks_largest_first(generated: RenderContext, split: Volumes) -> None:
    tasks = handbook.volume_tasks(generated)
    sizes = [len(next(p for p in split.parts if p.unit == unit).roles) for unit, _ in tasks]
    assert sizes == sorted(sizes, reverse=True) and len(tasks) == len(split.parts)
    files = {f.path for f in outputs.render_all(generated, jobs=1) if f.path.startswith("handbook/")}
    assert files == {"handbook/zh.docx", *(f"handbook/zh/{unit}.docx" for unit, _ in tasks)}


# -- the org chart -------------------------------------------------------------------------------


def svg_roles(svg: bytes | str) -> list[str]:
    text = svg.decode() if isinstance(svg, bytes) else svg
    return re.findall(r'<g id="role-([^"]+)"', text)


def test_a_chart_per_top_level_unit_holds_its_roles_only(generated: RenderContext, split: Volumes) -> None:
    files = {f.path: f.data for f in chart.render(generated)}
    expected = {"org-chart.svg", "org-chart.mmd", "org-chart.dot"}
    expected |= {f"charts/{p.unit}.{kind}" for p in split.parts for kind in ("svg", "mmd", "dot")}
    assert set(files) == expected
    for part in split.parts:
        assert sorted(svg_roles(files[f"charts/{part.unit}.svg"])) == sorted(part.roles)
        dot_nodes = re.findall(r'^  "([^"]+)" \[label=', files[f"charts/{part.unit}.dot"].decode(), re.M)
        assert sorted(dot_nodes) == sorted(part.roles)
        assert files[f"charts/{part.unit}.mmd"].decode().count('["') == len(part.roles)


def test_the_overview_shows_the_top_and_how_many_roles_each_box_holds(
    generated: RenderContext, split: Volumes
) -> None:
    svg = next(f.data for f in chart.render(generated) if f.path == "org-chart.svg").decode()
    shown = set(svg_roles(svg))
    assert set(split.whole.roles) <= shown
    org = generated.org
    for part in split.parts:
        tops = {r for r in part.roles if org.roles[r].reports_to not in part.roles}
        assert tops <= shown
        drawn = shown & set(part.roles)
        marks = [
            int(n)
            for role in drawn
            for n in re.findall(r"▸ (\d+)", svg.split(f'<g id="role-{role}"', 1)[1].split("</g>", 1)[0])
        ]
        assert len(drawn) + sum(marks) == len(part.roles)  # every role of the unit drawn or counted
    assert "charts/&lt;部门编码&gt;.svg" in svg  # the legend says where the counted roles are


# -- builds ----------------------------------------------------------------------------------------


def test_split_builds_are_byte_identical_and_rebuilds_match_fresh_builds(tmp_path: Path) -> None:
    project = example(tmp_path, "handbook: {split: top-units}\n")
    first, second = tmp_path / "one", tmp_path / "two"
    assert run_cli("build", project, "-o", first).exit_code == 0
    assert run_cli("build", project, "-o", second, "--jobs", "1").exit_code == 0
    one = published_tree(first)
    assert one == published_tree(second)
    for unit in ("cs-management", "cs-hotline", "cs-care", "cs-online"):
        for path in (f"handbook/zh/{unit}.docx", f"handbook/en/{unit}.docx", f"charts/{unit}.svg"):
            assert path in one
    # a change to one role: the rebuild (taking the other JDs as pieces) gives a fresh build's bytes
    role = project / "specs" / "roles" / "cs-senior.yaml"
    role.write_text(
        role.read_text(encoding="utf-8").replace("负责客服团队的日常管理工作", "负责客服团队的日常管理"),
        encoding="utf-8",
    )
    assert run_cli("build", project, "-o", first).exit_code == 0
    fresh = tmp_path / "fresh"
    assert run_cli("build", project, "-o", fresh).exit_code == 0
    rebuilt = published_tree(first)
    assert rebuilt == published_tree(fresh)
    # (the website's pages that show the duty change too: tests/render/site/ holds them to that)
    changed = sorted(path for path in one if one[path] != rebuilt[path] and not path.startswith("site/"))
    assert changed == ["handbook/zh/cs-care.docx", "jd/zh/cs-senior.docx", "jd/zh/cs-senior.md"]


def test_a_unit_no_longer_top_level_and_an_unsplit_handbook_leave_no_file_behind(tmp_path: Path) -> None:
    project = example(tmp_path, "handbook: {split: top-units}\n")
    out = tmp_path / "out"
    assert run_cli("build", project, "-o", out).exit_code == 0
    assert (out / "handbook" / "zh" / "cs-online.docx").is_file()
    org = project / "specs" / "org.yaml"
    text = org.read_text(encoding="utf-8")
    moved = text.replace(
        "    parent: cs-center\n    head: cs-online-supervisor\n",
        "    parent: cs-hotline\n    head: cs-online-supervisor\n",
    )
    assert moved != text
    org.write_text(moved, encoding="utf-8")
    assert run_cli("build", project, "-o", out).exit_code == 0
    left = [*out.glob("handbook/*/cs-online.docx"), *out.glob("charts/cs-online.*")]
    assert left == []
    assert (out / "handbook" / "zh" / "cs-hotline.docx").is_file()
    # the folders go with the volumes; what someone else put there stays
    (out / "handbook" / "en" / "notes.txt").write_text("ours\n", encoding="utf-8")
    (out / "mine").mkdir()
    config = project / "orgc.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("top-units", "none"), encoding="utf-8")
    assert run_cli("build", project, "-o", out).exit_code == 0
    assert not (out / "handbook" / "zh").exists() and not (out / "charts").exists()
    assert sorted(p.name for p in (out / "handbook").iterdir()) == ["en", "en.docx", "zh.docx"]
    assert [p.name for p in (out / "handbook" / "en").iterdir()] == ["notes.txt"]
    assert (out / "mine").is_dir()


@pytest.mark.parametrize("jobs", [1, 2])
def test_volumes_print_the_jds_the_role_tasks_made(
    generated: RenderContext, books: dict[str, bytes], jobs: int
) -> None:
    """The build's volumes take each JD as its role's task made it with the JD files; they are
    the same bytes as volumes that make every JD themselves."""
    built = {
        f.path: f.data for f in outputs.render_all(generated, jobs=jobs) if f.path.startswith("handbook/")
    }
    assert built == books


def test_a_volume_reads_the_same_whatever_was_written_before_it(
    generated: RenderContext, split: Volumes, books: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the volumes written in one process share (a process's steps and step table, a matrix
    row's texts, the parties' names) is what each volume alone would find."""
    from orgc.render.handbook import draft

    steps = generated.step_order
    processes = [
        {
            row.split(".")[0]
            for party in (*part.roles, *part.units)
            for row in generated.letters.get(party, ())
        }
        & {ref.split(".")[0] for ref in steps}
        for part in split.parts
    ]
    assert max(Counter(p for found in processes for p in found).values()) > 1  # in several volumes
    for task in reversed(handbook.volume_tasks(generated)):  # alone, and in another order
        monkeypatch.setattr(draft, "_MADE", {})
        generated.__dict__.pop("_names", None)
        (file,) = handbook.render_volume(generated, task)
        assert file.data == books[file.path], file.path
