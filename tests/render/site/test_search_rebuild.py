"""The search index after an edit: the bytes a build from nothing writes, made from the last
build's index; and what it takes to make it: only the shards an edit changed are written again."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import ROOT, TODAY, copy_good, edit, published_tree, run_cli, write
from orgc.incremental import fragment_store
from orgc.incremental import index as build_index
from orgc.incremental.fragments import Fragments
from orgc.render import outputs
from orgc.render.context import OutputFile
from orgc.render.site import search_index
from orgc.render.site.search_docs import Doc, Initials, grams, initials
from orgc.render.site.search_files import fnv

Edit = Callable[[Path], None]


def build(project: Path, out: Path, *options: str) -> None:
    result = run_cli(
        "build", project, "-o", out, "--today", TODAY, "--messages", "en", "--jobs", "1", *options
    )
    assert result.exit_code == 0, result.output


def index_of(out: Path) -> dict[str, bytes]:
    return {path: data for path, data in published_tree(out).items() if path.startswith("site/search/")}


@pytest.fixture
def made_anew(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages whose index a build made from the organisation alone (not from the last one)."""
    seen: list[str] = []
    original = search_index._made

    def made(ctx, lang, documents):  # type: ignore[no-untyped-def]
        seen.append(lang)
        return original(ctx, lang, documents)

    monkeypatch.setattr(search_index, "_made", made)
    return seen


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[OutputFile]:
    """Every output file of the builds in this test that was made, not kept."""
    seen: list[OutputFile] = []
    original = outputs.render_all

    def recording(ctx, jobs=None) -> Iterator[OutputFile]:  # type: ignore[no-untyped-def]
        for output in original(ctx, jobs):
            if not output.kept:
                seen.append(output)
            yield output

    monkeypatch.setattr(outputs, "render_all", recording)
    return seen


# 3,000 characters no document of the project holds: with them the index needs more gram shards
LARGE = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))
PURPOSE = "zh: 解答客户咨询并处理投诉"


def _large_role(project: Path) -> None:
    agent = (project / "specs/roles/cs-agent.yaml").read_text(encoding="utf-8")
    role = agent.replace("id: cs-agent", "id: cs-writer").replace("zh: 客服专员", "zh: 文案专员")
    write(project, "specs/roles/cs-writer.yaml", role.replace(PURPOSE, f"zh: {LARGE}"))


def _remove_trainer(project: Path) -> None:
    (project / "specs/roles/cs-trainer.yaml").unlink()
    edit(project, "specs/processes/complaint-handling.yaml", "    consulted: [cs-trainer]\n", "")
    edit(project, "specs/roles/cs-team-lead.yaml", "dotted_to: [cs-trainer]\n", "")


EDITS: dict[str, Edit] = {
    "duty text": lambda p: edit(
        p, "specs/roles/cs-agent.yaml", "接听并解答客户咨询", "接听、记录并解答客户咨询"
    ),
    "role title": lambda p: edit(p, "specs/roles/cs-agent.yaml", "zh: 客服专员", "zh: 在线客服专员"),
    "role added": lambda p: write(
        p,
        "specs/roles/cs-agent-senior.yaml",
        (p / "specs/roles/cs-agent.yaml")
        .read_text(encoding="utf-8")
        .replace("id: cs-agent", "id: cs-agent-senior")
        .replace("zh: 客服专员", "zh: 高级客服专员"),
    ),
    "role removed": _remove_trainer,
    # the agent comes before the supervisor in org-chart order: documents change places, not text
    "role moved": lambda p: edit(
        p, "specs/roles/cs-agent.yaml", "reports_to: cs-team-lead", "reports_to: cs-director"
    ),
    "unit renamed": lambda p: edit(p, "specs/org.yaml", "zh: 一线服务组", "zh: 一线客服组"),
    "process edited": lambda p: edit(
        p, "specs/processes/complaint-handling.yaml", "zh: 处理并回复客户", "zh: 处理并书面回复客户"
    ),
    "policy edited": lambda p: edit(
        p, "specs/policies/complaint-policy.yaml", "规范投诉处理", "规范投诉的受理与处理"
    ),
    "kpi renamed": lambda p: edit(p, "specs/kpis/service.yaml", "zh: 平均处理时长", "zh: 平均通话处理时长"),
    "shared block": lambda p: edit(
        p, "specs/duties/frontline-common.yaml", "每月固定2天进行接线支援", "每月固定3天进行接线支援"
    ),
    "more shards, a role added": _large_role,
    "more shards, a role's text": lambda p: edit(p, "specs/roles/cs-agent.yaml", PURPOSE, f"zh: {LARGE}"),
}


@pytest.mark.parametrize("name", EDITS)
def test_the_index_after_an_edit_is_the_index_of_a_clean_build(
    name: str, tmp_path: Path, made_anew: list[str]
) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    before = index_of(out)
    assert made_anew == ["zh", "en"]
    made_anew.clear()
    EDITS[name](project)
    build(project, out)
    assert made_anew == []  # both languages made from the last build's index
    build(project, tmp_path / "clean")
    assert index_of(out) == index_of(tmp_path / "clean")
    assert index_of(out) != before
    if name.startswith("more shards"):
        assert before["site/search/zh/meta.js"] != index_of(out)["site/search/zh/meta.js"]


def test_fewer_shards_after_text_is_taken_out(tmp_path: Path, made_anew: list[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    edit(project, "specs/roles/cs-agent.yaml", PURPOSE, f"zh: {LARGE}")
    build(project, out)
    before = index_of(out)
    made_anew.clear()
    edit(project, "specs/roles/cs-agent.yaml", f"zh: {LARGE}", PURPOSE)
    build(project, out)
    assert made_anew == []
    build(project, tmp_path / "clean")
    assert index_of(out) == index_of(tmp_path / "clean")
    assert before["site/search/zh/meta.js"] != index_of(out)["site/search/zh/meta.js"]


def test_an_edit_the_index_does_not_show_writes_none_of_it(
    tmp_path: Path, made_anew: list[str], written: list[OutputFile]
) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    made_anew.clear()
    written.clear()
    edit(project, "orgc.yaml", "max: 15", "max: 20")  # every role may be reached; none shows it
    build(project, out)
    assert made_anew == []
    assert not [o.path for o in written if o.path.startswith("site/search/")]


def test_an_index_file_changed_by_hand_is_written_again(tmp_path: Path, made_anew: list[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    clean = index_of(out)
    (out / "site/search/zh/d0.js").write_text("changed by hand\n", encoding="utf-8")
    made_anew.clear()
    EDITS["duty text"](project)
    build(project, out)
    assert made_anew == ["zh"]  # the last build's zh index is not all there: made anew
    build(project, tmp_path / "clean")
    assert index_of(out) == index_of(tmp_path / "clean") != clean


def test_without_the_last_build_s_pieces_the_index_is_made_anew(tmp_path: Path, made_anew: list[str]) -> None:
    project = copy_good(tmp_path / "project")
    out = tmp_path / "out"
    build(project, out)
    for name in (*fragment_store.FILES, fragment_store.OWNERS):
        (out / build_index.FOLDER / name).unlink(missing_ok=True)
    made_anew.clear()
    EDITS["role added"](project)
    build(project, out)
    assert made_anew == ["zh", "en"]
    build(project, tmp_path / "clean")
    assert index_of(out) == index_of(tmp_path / "clean")


@pytest.mark.slow
def test_a_one_duty_edit_writes_the_shards_of_the_changed_bigrams_and_of_the_role(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: list[OutputFile], made_anew: list[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    project, out = tmp_path / "org", tmp_path / "out"
    Generator(300, seed=3, shape="wide").write(project)
    build(project, out, "--lang", "zh")
    before = index_of(out)
    role = project / "specs/roles/r42.yaml"
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("(岗位代号", "(修订·岗位代号", 1), encoding="utf-8")
    written.clear()
    made_anew.clear()
    build(project, out, "--lang", "zh")
    after = index_of(out)
    assert made_anew == []
    made = sorted(
        o.path.removeprefix("site/search/zh/") for o in written if o.path.startswith("site/search/")
    )
    number, old = _entry(before, "r42")
    _, new = _entry(after, "r42")
    shards = int(before["site/search/zh/meta.js"].split(b'"gramShards":')[1].split(b"}")[0])
    assert shards >= 8
    changed = _bigrams(_text(old)) ^ _bigrams(_text(new))
    assert changed  # what the edit took out of the role's text and put in
    expected = {f"g{fnv(gram) % shards}.js" for gram in changed}
    assert made == sorted([*expected, f"d{number // 32}.js"])
    assert len(expected) < shards
    build(project, tmp_path / "clean", "--lang", "zh")
    assert after == index_of(tmp_path / "clean")


def _entry(index: dict[str, bytes], doc_id: str) -> tuple[int, list[object]]:
    """A document's number and entry, read from the document shards as search.js reads them."""
    import json

    for path, data in index.items():
        name = path.rsplit("/", 1)[1]
        if name.startswith("d"):
            _, shard, docs = json.loads("[" + data.decode()[len("orgcSearch.docs(") : -3] + "]")
            for place, doc in enumerate(docs):
                if doc[1] == doc_id:
                    return shard * 32 + place, doc
    raise AssertionError(doc_id)


def _text(entry: list) -> str:  # type: ignore[type-arg]
    _kind, doc_id, title, unit, keys, lines = entry
    return " ".join([title, doc_id, *keys, unit, *lines])


def _bigrams(text: str) -> set[str]:
    """What search.js looks up: NFKC, lower case, two neighbouring characters of a word."""
    words = unicodedata.normalize("NFKC", text).lower().split()
    return {word[i : i + 2] for word in words for i in range(len(word) - 1)}


TITLES = [
    "客服专员",
    "数据分析员5769",
    "银行行长",
    "重庆重量2号",
    "abc中国〇一二三",
    "一行 二行",
    "长长久久ab长",
    "重复Ａ重（全角）",
    "乐队,音乐",
    "㐀丂",
    "English only",
]


def test_the_initials_of_a_title_are_those_pypinyin_gives_the_whole_title() -> None:
    pytest.importorskip("pypinyin")
    from pypinyin import Style, lazy_pinyin

    def whole(title: str) -> str:
        if not any("\u4e00" <= c <= "\u9fff" for c in title):
            return ""
        letters = lazy_pinyin(title, style=Style.FIRST_LETTER, errors="ignore")
        return "".join(x for x in letters if x.isascii() and x.isalnum()).lower()

    convert = Initials()
    assert [convert(t) for t in TITLES] == [whole(t) for t in TITLES]
    assert convert("银行行长") == "yhhz" == initials("银行行长")  # 行 read by the words it is in
    assert convert("客服专员") == "kfzy"


@pytest.mark.parametrize(
    "lines",
    [
        ("质量 趋势", "做出判断"),
        ("ΟΔΟΣ", "ΣΑΣ"),  # a final sigma at a line's end stays final when the lines are joined
        ("e", "\u0301x"),  # a combining accent starting a line does not join the line before
        ("全角\u3000空格", "ＡＢＣ", "ﬁ"),
    ],
)
def test_the_bigrams_of_a_document_are_those_of_each_of_its_lines(lines: tuple[str, ...]) -> None:
    doc = Doc("r", "x", "", "", (), lines)
    _, anywhere = grams(doc)
    each: set[str] = set().union(*(_bigrams(line) for line in lines))
    assert anywhere == each | _bigrams("x")


def test_a_piece_of_bytes_is_kept_as_it_is_and_a_damaged_one_is_made_again() -> None:
    kept, made = "搜索".encode() * 5000, b"made"
    first = Fragments()
    assert first.data(lambda: kept, "x") == kept
    ((key, stored),) = first.used
    assert Fragments({key: stored}).data(lambda: made, "x") == kept
    for damaged in (b"not a piece", stored[:-1], stored[:1], b""):
        assert Fragments({key: damaged}).data(lambda: made, "x") == made
    assert Fragments({key: stored}).data(lambda: made, "y") == made
    text = Fragments()
    text.piece(lambda: "x", "x")
    assert Fragments(dict(text.used)).data(lambda: made, "x") == made  # a text piece is not bytes
