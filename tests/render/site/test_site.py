"""out/site/: a page for everything in every language, links that lead somewhere, no request
to any other address, text that stays text, byte-identical rebuilds, and a rebuild that
writes only the pages an edit reaches."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from site_links import broken_links, remote_references

from helpers import ROOT, TODAY, copy_good, edit, published_tree, run_cli
from orgc.render import outputs
from orgc.render.context import OutputFile
from orgc.writers import html

HOSTILE = '<script>alert("x")</script> \'引\' </script><!-- \u2028行\u2029 & "q"'


def build(project: Path, out: Path, *options: str) -> str:
    result = run_cli("build", project, "-o", out, "--today", TODAY, "--messages", "en", *options)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example project's site."""
    out = tmp_path_factory.mktemp("example")
    build(ROOT, out)
    return out / "site"


def _ids(folder: Path, pattern: str = "*.yaml") -> set[str]:
    return {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in folder.glob(pattern)}


def test_every_role_unit_process_and_policy_has_a_page_in_every_language(example: Path) -> None:
    specs = ROOT / "specs"
    org = yaml.safe_load((specs / "org.yaml").read_text(encoding="utf-8"))
    units = {u["id"] for u in org["units"] if not u.get("external") and not u.get("party")}
    expected = {
        "roles": _ids(specs / "roles"),
        "units": units | {"index"},
        "processes": _ids(specs / "processes") | {"index"},
        "policies": _ids(specs / "policies") | {"index"},
    }
    assert len(expected["roles"]) == 14
    for lang in ("zh", "en"):
        for kind, ids in expected.items():
            assert {p.stem for p in (example / lang / kind).glob("*.html")} == ids, (lang, kind)
        for page in ("index.html", "kpis.html"):
            assert (example / lang / page).is_file()
    assert (
        (example / "index.html").read_text(encoding="utf-8").startswith('<!doctype html>\n<html lang="zh">')
    )


def test_every_link_leads_to_a_file_and_fragment_that_exist(example: Path) -> None:
    chart_written = (example / "zh" / "chart.html").exists()
    problems = broken_links(example)
    if not chart_written:  # the chart page is another renderer's: linked from every page all the same
        problems = [p for p in problems if not re.search(r"(\.\./)*chart\.html has no file$", p)]
    assert problems == []


def test_every_page_links_to_itself_in_the_other_language(example: Path) -> None:
    for page in sorted(example.glob("zh/**/*.html")):
        rel = page.relative_to(example / "zh").as_posix()
        depth = rel.count("/") + 1
        switch = re.search(
            r'<nav class="languages"[^>]*><ul><li><a href="([^"]+)" hreflang="en"', page.read_text()
        )
        assert switch is not None, rel
        assert switch[1] == "../" * depth + "en/" + rel


def test_no_file_asks_for_anything_over_the_network(example: Path) -> None:
    assert remote_references(example) == []


def test_a_url_in_a_duty_is_text_and_the_check_still_sees_a_real_reference(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(
        project,
        "specs/roles/cs-agent.yaml",
        "zh: 接听并解答客户咨询",
        "zh: 接听并解答客户咨询 https://example.com/faq",
    )
    build(project, tmp_path / "out")
    site = tmp_path / "out" / "site"
    assert "https://example.com/faq" in (site / "zh/roles/cs-agent.html").read_text(encoding="utf-8")
    assert remote_references(site) == []
    page = site / "zh/roles/cs-agent.html"
    page.write_text(
        page.read_text().replace("</main>", '<img alt="" src="https://example.com/x.png"></main>')
    )
    assert remote_references(site) == ["zh/roles/cs-agent.html: img src=https://example.com/x.png"]


def _script_data(path: Path) -> list[object]:
    """The arguments of a search file's one call, read as JSON."""
    found = re.fullmatch(
        r"orgcSearch\.(?:meta|grams|docs)\((.*)\);\n", path.read_text(encoding="utf-8"), re.S
    )
    assert found is not None, path
    return json.loads(f"[{found[1]}]")


def test_a_hostile_title_is_text_on_every_page_and_valid_data_in_the_index(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    quoted = json.dumps(HOSTILE)  # a YAML double-quoted string: \u2028 and quotes escaped
    edit(project, "specs/roles/cs-agent.yaml", "title: {zh: 客服专员,", f"title: {{zh: {quoted},")
    build(project, tmp_path / "out")
    site = tmp_path / "out" / "site"
    page = (site / "zh/roles/cs-agent.html").read_text(encoding="utf-8")
    assert html.text(HOSTILE) in page
    assert "<script>alert" not in page and "<!--" not in page
    assert page.count("<script") == page.count("</script>") == 2  # the two asset scripts, nothing else
    for other in site.rglob("*.html"):
        text = other.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "\u2028" not in text.replace(html.text(HOSTILE), ""), other
    found = []
    for shard in sorted((site / "search/zh").glob("*.js")):
        raw = shard.read_text(encoding="utf-8")
        assert "<" not in raw and ">" not in raw and "\u2028" not in raw and "\u2029" not in raw, shard
        data = _script_data(shard)  # valid JSON: the page's scripts read the same
        if shard.name.startswith("d"):
            found += [doc for doc in data[2] if doc[1] == "cs-agent"]
    assert [doc[2] for doc in found] == [HOSTILE]


def test_the_escapes_of_the_html_writer() -> None:
    assert html.text("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
    assert html.text("a\x00b\ud800") == "a\ufffdb\ufffd"
    assert html.json_data({"t": "</script>\u2028&"}) == '{"t":"\\u003c/script\\u003e\\u2028\\u0026"}'
    assert json.loads(html.json_data(["</script>\u2029"])) == ["</script>\u2029"]
    assert html.js_call("orgcSearch.meta", "zh", {"n": 1}) == 'orgcSearch.meta("zh",{"n":1});\n'
    with pytest.raises(ValueError):
        html.js_call("alert(1);x", 1)
    assert html.relative("zh/roles/a.html", "zh/units/b.html#m") == "../units/b.html#m"
    assert html.relative("zh/roles/a.html", "zh/roles/a.html#duties") == "#duties"
    assert html.relative("index.html", "en/index.html") == "en/index.html"


def test_an_identical_build_is_byte_identical(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    build(project, tmp_path / "one", "--jobs", "1")
    build(project, tmp_path / "two")
    one, two = published_tree(tmp_path / "one"), published_tree(tmp_path / "two")
    assert any(path.startswith("site/search/") for path in one)
    assert one == two


@pytest.fixture
def outputs_seen(monkeypatch: pytest.MonkeyPatch) -> list[OutputFile]:
    """Every output file of the builds in this test, as the renderers gave it (kept or made)."""
    seen: list[OutputFile] = []
    original = outputs.render_all

    def recording(ctx, jobs=None) -> Iterator[OutputFile]:  # type: ignore[no-untyped-def]
        for output in original(ctx, jobs):
            seen.append(output)
            yield output

    monkeypatch.setattr(outputs, "render_all", recording)
    return seen


def test_a_one_duty_edit_rewrites_only_the_pages_that_show_the_duty(
    tmp_path: Path, outputs_seen: list[OutputFile]
) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    first = {o.path for o in outputs_seen if o.path.startswith("site/")}
    assert not any(o.kept for o in outputs_seen)
    outputs_seen.clear()
    edit(project, "specs/roles/cs-agent.yaml", "zh: 接听并解答客户咨询", "zh: 接听、记录并解答客户咨询")
    build(project, out)
    site = {o.path: o for o in outputs_seen if o.path.startswith("site/")}
    assert set(site) == first
    made = sorted(path for path, o in site.items() if not o.kept)
    pages = [path for path in made if not path.startswith("site/search/")]
    # the role's page and its unit's matrix show the duty's title; nothing in English does
    assert pages == ["site/zh/roles/cs-agent.html", "site/zh/units/cs-frontline.html"]
    index = [path for path in made if path.startswith("site/search/")]
    assert index and all(path.startswith("site/search/zh/") for path in index)
    assert "site/search/zh/meta.js" not in index
    assert len(index) < len([p for p in site if p.startswith("site/search/zh/")])
    assert "接听、记录并解答客户咨询" in (out / "site/zh/roles/cs-agent.html").read_text(encoding="utf-8")


def test_a_removed_role_leaves_no_page_behind(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    assert (out / "site/en/roles/cs-trainer.html").is_file()
    (project / "specs/roles/cs-trainer.yaml").unlink()
    edit(project, "specs/processes/complaint-handling.yaml", "    consulted: [cs-trainer]\n", "")
    edit(project, "specs/roles/cs-team-lead.yaml", "dotted_to: [cs-trainer]\n", "")
    build(project, out)
    assert not list(out.glob("site/*/roles/cs-trainer.html"))
    assert "cs-trainer" not in "".join(
        p.read_text(encoding="utf-8") for p in (out / "site/search").rglob("d*.js")
    )
    assert broken_links(out / "site") == [] or all("chart.html" in p for p in broken_links(out / "site"))


def test_no_site_and_site_false_write_no_site(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    assert (out / "site/index.html").is_file()
    build(project, out, "--no-site")  # nothing changed in the specs, yet the site goes
    assert _files(out / "site") == [] and (out / "jd").is_dir()  # (folders stay: they may hold others' files)
    build(project, out)  # and comes back
    assert (out / "site/index.html").is_file()
    edit(project, "orgc.yaml", "languages: [zh, en]", "languages: [zh, en]\nsite: false")
    build(project, out)
    assert _files(out / "site") == []
    built = tmp_path / "fresh"
    build(project, built)
    assert not (built / "site").exists() and (built / "org.json").is_file()


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_site_in_orgc_yaml_must_be_true_or_false(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    edit(project, "orgc.yaml", "languages: [zh, en]", "languages: [zh, en]\nsite: no-thanks")
    result = run_cli("check", project, "--format", "json", "--today", TODAY)
    found = [d for d in json.loads(result.output)["diagnostics"] if d["file"] == "orgc.yaml"]
    assert [(d["code"], d["line"]) for d in found] == [("E102", 2)]


def test_a_wide_unit_matrix_is_listed_in_long_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orgc.render.site import unit_page

    build(ROOT, tmp_path / "grid")
    grid = (tmp_path / "grid/site/zh/units/cs-frontline.html").read_text(encoding="utf-8")
    monkeypatch.setattr(unit_page, "GRID_MAX_COLUMNS", 3)
    build(ROOT, tmp_path / "long")
    long = (tmp_path / "long/site/zh/units/cs-frontline.html").read_text(encoding="utf-8")
    assert '<table class="matrix grid"' in grid and '<table class="matrix long"' in long
    # one line per filled cell of the grid: the same letters, said once per party
    filled = len(re.findall(r"<td>[ARCI/]+</td>", grid))
    lines = re.findall(r'<tr data-party="([a-z0-9-]+)">.*?<td>([ARCI/]+)</td></tr>', long)
    assert len(lines) == filled > 10
    assert {party for party, _ in lines} >= {"cs-team-lead", "cs-agent"}
