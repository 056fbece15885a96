"""A hostile orgc.yaml, template or reference.docx cannot inject markup, run unbounded or crash the build."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from helpers import copy_good, run_cli, write

AGENT = "specs/roles/cs-agent.yaml"


def build(project: Path, *options: str):  # type: ignore[no-untyped-def]
    return run_cli("build", project, "--jobs", "1", "--messages", "en", *options)


@pytest.mark.parametrize("font", ['SimSun" w:hint="eastAsia', "Sim&Sun", "Sim<Sun>", "'"])
def test_a_font_name_is_text_in_the_docx_never_markup(tmp_path: Path, font: str) -> None:
    project = copy_good(tmp_path / "project")
    quoted = font.replace("'", "''")
    write(project, "orgc.yaml", f"languages: [zh, en]\nfonts: {{east_asian: '{quoted}'}}\n")
    result = build(project)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(project / "out/jd/zh/cs-agent.docx") as docx:
        styles = docx.read("word/styles.xml").decode("utf-8")
    fonts = etree.fromstring(styles.encode("utf-8")).iter("{*}rFonts")
    east_asian = {
        f.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") for f in fonts
    }
    assert east_asian - {None} == {font}  # an injected attribute would have cut the name short


def test_addresses_and_mentions_in_titles_do_not_become_links_or_pings(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    text = "坐席 @hr-team @org/leads https://evil.example www.evil.example boss@evil.example"
    with open(project / AGENT, encoding="utf-8") as handle:
        spec = handle.read()
    write(project, AGENT, spec.replace("title: {zh: 客服专员", f"title: {{zh: '{text}'", 1))
    assert build(project).exit_code == 0
    markdown = [project / "out/jd/zh/cs-agent.md", *sorted((project / "out/raci").glob("*.md"))]
    shown = [path for path in markdown if "坐席" in path.read_text(encoding="utf-8")]
    assert len(shown) >= 2
    for path in shown:
        body = path.read_text(encoding="utf-8")
        assert not re.search(r"(?i)\bhttps?://|\bwww\.|@[\w-]", body), path
        assert text in body.replace("\u2060", "")  # the reader sees the title as written


@pytest.mark.parametrize(
    ("template", "says"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "took more than 5 s",
        ),
        ("{{ 10**100000000 }}", "a power too large to compute"),
        ('{{ "x" * 10**8 }}', "repeated beyond the size of a document"),
        ("{% for i in range(5000) %}{{ 'x' * 1000 }}{% endfor %}", "more than 4 MB of text for one file"),
        ("{{ range(10**9) | list }}", "OverflowError"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "includes or calls itself without end"),
        ('{% include "jd.md.j2" %}', "includes or calls itself without end"),
        ("line one\n{{ 1 / 0 }}", "jd.md.j2:2: ZeroDivisionError"),
        (b"\xff\xfe not utf-8 {{ jd }}", "not UTF-8 text"),
    ],
    ids=["loops", "power", "repeat", "output", "range", "recursion", "self-include", "division", "encoding"],
)
def test_a_user_template_is_bounded_and_its_faults_are_located(
    tmp_path: Path, template: str | bytes, says: str
) -> None:
    project = copy_good(tmp_path / "project")
    assert build(project).exit_code == 0
    before = sorted(p.relative_to(project).as_posix() for p in (project / "out").rglob("*"))
    write(project, "templates/jd.md.j2", template)
    result = build(project)
    assert result.exit_code == 2, result.output
    assert "template" in result.stderr and says in result.stderr, result.stderr
    assert "internal error" not in result.stderr
    assert sorted(p.relative_to(project).as_posix() for p in (project / "out").rglob("*")) == before


_OPENED: list[str] | None = None


def _record_opens(event: str, args: tuple) -> None:  # type: ignore[type-arg]
    if _OPENED is not None and event in ("open", "os.scandir", "os.listdir") and args and args[0] is not None:
        _OPENED.append(str(args[0]))


sys.addaudithook(_record_opens)


@pytest.mark.parametrize("where", ["absolute", "dot-dot", "proc", "link"])
def test_a_templates_folder_outside_the_project_is_refused_unread(tmp_path: Path, where: str) -> None:
    global _OPENED
    outside = tmp_path / "outside"
    write(outside, "jd.md.j2", "{{ jd }}")
    project = copy_good(tmp_path / "project")
    setting = {"absolute": str(outside), "dot-dot": "../outside", "proc": "/proc/self/fdinfo"}.get(where)
    if setting:
        write(project, "orgc.yaml", f"languages: [zh, en]\ntemplates: '{setting}'\n")
    else:
        (project / "templates").symlink_to(outside, target_is_directory=True)
    _OPENED = []
    try:
        result = build(project)
    finally:
        opened, _OPENED = _OPENED, None
    assert result.exit_code == 2, result.output
    assert "is outside the project or reached through a link" in result.stderr
    assert "internal error" not in result.stderr
    assert not [path for path in opened if path.startswith((str(outside), "/proc/self/fdinfo"))]
    assert not (project / "out").exists()


@pytest.mark.parametrize("epoch", ["1e20", "100000000000000000000", "yesterday"])
def test_a_malformed_source_date_epoch_is_a_located_refusal(
    tmp_path: Path, epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_good(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = build(project)
    assert result.exit_code == 2, result.output
    assert f"SOURCE_DATE_EPOCH={epoch} is not a date" in result.stderr
    assert "internal error" not in result.stderr
    assert not (project / "out").exists()


def _reference_with_logo(folder: Path, logo: bytes) -> Path:
    """A reference.docx whose header holds a logo, beside the fields and link an attacker adds."""
    import docx
    from docx.oxml import parse_xml
    from test_render_jd import _png

    folder.mkdir(parents=True, exist_ok=True)
    picture = folder / "logo.png"
    picture.write_bytes(logo or _png())
    reference = docx.Document()
    paragraph = reference.sections[0].header.paragraphs[0]
    paragraph.add_run().add_picture(str(picture))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for xml in (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText> INCLUDEPICTURE "\\\\\\\\evil.example\\\\share\\\\pixel.png" \\\\d </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
        f'<w:fldSimple {w} w:instr=" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "><w:r><w:t>x</w:t></w:r></w:fldSimple>',
        f'<w:hyperlink {w} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'r:id="rId99"><w:r><w:t>click</w:t></w:r></w:hyperlink>',
    ):
        paragraph._p.append(parse_xml(xml))
    path = folder / "templates" / "reference.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    reference.save(path)
    return path


def test_a_reference_header_brings_its_logo_and_nothing_active(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    _reference_with_logo(project, b"")
    assert build(project).exit_code == 0
    with zipfile.ZipFile(project / "out/jd/zh/cs-agent.docx") as docx_file:
        header = docx_file.read("word/header1.xml").decode("utf-8")
    assert "<w:drawing>" in header or "<w:drawing " in header
    for active in ("INCLUDEPICTURE", "DDEAUTO", "fldChar", "fldSimple", "hyperlink", "rId99", "evil.example"):
        assert active not in header, active


def test_a_reference_header_picture_is_bounded(tmp_path: Path) -> None:
    from test_render_jd import _png

    project = copy_good(tmp_path / "project")
    _reference_with_logo(project, _png() + b"\0" * (2 * 1024 * 1024))  # trailing bytes: still a PNG
    result = build(project)
    assert result.exit_code == 2
    assert "may be at most 1 MB" in result.stderr
    assert not (project / "out").exists()


def test_a_linked_reference_docx_is_refused(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    elsewhere = _reference_with_logo(tmp_path / "elsewhere", b"")
    (project / "templates").mkdir()
    (project / "templates/reference.docx").symlink_to(elsewhere)
    result = build(project)
    assert result.exit_code == 2
    assert "reference.docx is a link" in result.stderr


def test_a_doctype_in_an_upper_case_xml_part_is_refused(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    path = _reference_with_logo(project, b"")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/extra.XML", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>')
    result = build(project)
    assert result.exit_code == 2
    assert "contains a DOCTYPE in word/extra.XML" in result.stderr
