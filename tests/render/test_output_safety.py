"""What a title, a template or a reference document can do to the outputs: nothing but be text.

The renderers' own tests hold the common payloads (``=1+2``, ``<script>``, Markdown
markup, quotes in DOT and Mermaid). Here: the rest of the formula starters and line
breaks in CSV/XLSX, payloads aimed at each chart format's own syntax, user templates
trying to leave the sandbox or the templates folder, and reference DOCX files that
are zip bombs, carry a DOCTYPE where a quick look would miss it, or are not Word files.
"""

from __future__ import annotations

import csv
import io
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from helpers import copy_good, edit, render_context, run_cli
from orgc.render import raci
from orgc.render.chart import formats as chart
from orgc.render.outputs import render_all
from orgc.writers import templating
from orgc.writers.docx import package
from orgc.writers.docx.package import ReferenceDocxError
from orgc.writers.escape import one_line

AGENT = "specs/roles/cs-agent.yaml"
TITLE = "title: {zh: 客服专员, en: Customer service agent}"
SECRET = "orgc-secret-4711"


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    return '"' + escaped.replace("\n", "\\n") + '"'


def _with_title(tmp_path: Path, title: str) -> Path:
    """The good tree with ``title`` as cs-agent's title, and in the organisation's name."""
    project = copy_good(tmp_path / "project")
    edit(project, AGENT, TITLE, f"title: {{zh: {_quoted(title)}, en: {_quoted(title)}}}")
    org = "name: {zh: 某公司客服中心, en: Acme customer service}"
    edit(project, "specs/org.yaml", org, f"name: {{zh: {_quoted('某公司 ' + title)}, en: {_quoted(title)}}}")
    return project


# -- spreadsheets ----------------------------------------------------------------------------------

FORMULAS = ["－1+2", "＠SUM(A1)", "\r=1+2", "\t+cmd|' /C calc'!A0", '=HYPERLINK("http://x")', "+1", "@x"]


@pytest.mark.parametrize("title", FORMULAS)
def test_formula_looking_titles_stay_text_in_csv_and_xlsx(tmp_path: Path, title: str) -> None:
    files = {f.path: f.data for f in raci.render(render_context(_with_title(tmp_path, title)))}
    rows = list(csv.reader(io.StringIO(files["raci/raci.csv"].decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row if title.strip("\r\t") in cell]
    assert cells, rows[0]
    for cell in cells:
        assert cell[0] not in "=+-@\t\r＝＋－＠", cell
    book = openpyxl.load_workbook(io.BytesIO(files["raci/raci.xlsx"]))
    shown = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in shown)
    payload = [c for c in shown if title in str(c.value)]
    assert payload and all(
        c.data_type == "s" and c.quotePrefix for c in payload if str(c.value).startswith(title)
    )
    with zipfile.ZipFile(io.BytesIO(files["raci/raci.xlsx"])) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode("utf-8")


# -- the chart formats and Markdown ------------------------------------------------------------------

PAYLOADS = {
    "mermaid-directive": '%%{init: {"securityLevel": "loose"}}%% click r1 call alert(1)',
    "mermaid-close": 'x"]\n  evil["y',
    "svg-cdata": "]]><script>alert(1)</script><![CDATA[",
    "svg-foreign": '<foreignObject><a href="javascript:alert(1)">x</a></foreignObject>',
    "dot-escape": 'a\\" -> "b" [label="pwned"]; "c\\',
    "dot-html": "<<b>bold</b>>",
    "markdown-link": "[click](javascript:alert(1)) ![img](http://x/y.png) <img src=x onerror=alert(1)> <!--",
}


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_hostile_titles_in_every_chart_format_and_markdown(tmp_path: Path, name: str) -> None:
    payload = PAYLOADS[name]
    ctx = render_context(_with_title(tmp_path, payload))
    files = {f.path: f.data.decode("utf-8") for f in chart.render(ctx)}

    svg = ET.fromstring(files["org-chart.svg"])  # well-formed, so no tag of the payload became markup
    for element in svg.iter():
        assert element.tag.split("}")[-1] not in ("script", "foreignObject", "a", "iframe")
        assert not any(attr.lower().startswith("on") or "href" in attr for attr in element.attrib)

    mermaid = files["org-chart.mmd"]
    assert "%%{" not in mermaid  # a directive could change Mermaid's security level
    front, body = mermaid.split("\nflowchart TD\n")
    assert front.startswith("---\n") and front.endswith("\n---") and front.count("\n") == 2, front
    (title,) = yaml.safe_load(front.strip("-\n")).values()  # the org name: one quoted YAML string
    assert title.startswith("某公司 " + one_line(payload)[:20])
    for line in body.splitlines():
        node = r'r_\w+\["[^"]*"\]|r_\w+ -\.?-?[->]+ r_\w+|class r_\w+ \w+|classDef .*|%% generated by orgc .*'
        assert re.fullmatch(f"  ({node})", line), line

    dot = files["org-chart.dot"]
    assert re.sub(r"\\.", "", dot).count('"') % 2 == 0
    assert "pwned" not in re.sub(r'"(?:[^"\\]|\\.)*"', "", dot)  # only ever inside a quoted string

    markdown = next(f for f in render_all(ctx, jobs=1) if f.path == "jd/zh/cs-agent.md").data.decode("utf-8")
    title_line = markdown.splitlines()[0].replace("<br>", " ")  # a line break in a title is written as <br>
    assert not re.search(r"(?<!\\)[<>\[\]`]", title_line.lstrip("# ")), title_line


# -- user templates ----------------------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ jd.__class__.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].environ }}",
    "{{ self._TemplateReference__context }}",
    "{% set x = [].append(1) %}{{ x }}",
    "{{ jd.title.format.__globals__ }}",
]


def _template_dirs(project: Path) -> tuple[Path, ...]:
    return render_context(project).template_dirs


@pytest.mark.parametrize("source", ESCAPES)
def test_a_template_cannot_run_code(tmp_path: Path, source: str) -> None:
    project = copy_good(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "jd.md.j2").write_text("first line\n" + source + "\n", encoding="utf-8")
    with pytest.raises(templating.TemplateProblem) as caught:
        templating.render(_template_dirs(project), "jd.md.j2", jd=object())
    assert re.search(r"templates/jd\.md\.j2:2: ", str(caught.value)), caught.value


def test_a_template_cannot_read_a_file_outside_its_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    project = copy_good(tmp_path / "project")
    templates = project / "templates"
    templates.mkdir()
    (templates / "leak.j2").symlink_to(secret)
    for include in ("leak.j2", "../../secret.txt", str(secret), "/etc/passwd"):
        (templates / "jd.md.j2").write_text(f"{{% include '{include}' %}}\n", encoding="utf-8")
        templating.environment.cache_clear()
        with pytest.raises(templating.TemplateProblem) as caught:
            templating.render(_template_dirs(project), "jd.md.j2", jd=object())
        assert SECRET not in str(caught.value)


def test_a_templates_folder_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    (tmp_path / "elsewhere").mkdir()
    (project / "orgc.yaml").write_text("languages: [zh, en]\ntemplates: ../elsewhere\n", encoding="utf-8")
    with pytest.raises(templating.TemplateProblem, match="outside the project"):
        _template_dirs(project)


def test_a_template_syntax_error_is_located(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "jd.md.j2").write_text("# {{ jd.title }}\n\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(templating.TemplateProblem, match=r"jd\.md\.j2:3: "):
        templating.render(_template_dirs(project), "jd.md.j2", jd=object())


def test_orgc_build_reports_a_bad_template_as_a_user_error(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    (project / "templates").mkdir()
    (project / "templates" / "jd.md.j2").write_text("{{ ''.__class__ }}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "orgc", "build", str(project)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "jd.md.j2:1" in done.stderr and "internal error" not in done.stderr
    assert not (project / "out").exists()


# -- reference documents -------------------------------------------------------------------------------


def _reference_parts() -> dict[str, bytes]:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _styles_with(prefix: bytes, encoding: str = "utf-8") -> bytes:
    styles = _reference_parts()["word/styles.xml"].decode("utf-8")
    head, rest = styles.split("?>", 1)
    text = head.replace("UTF-8", encoding.upper()) + "?>" + prefix.decode() + rest
    return text.encode(encoding)


DOCTYPE = b'<!DOCTYPE w:styles [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
REFUSED_REFERENCES = {
    "doctype": lambda: {"word/styles.xml": _styles_with(DOCTYPE)},
    # past the first 4 KB, where a quick look at the head of the part ended
    "doctype-after-a-long-comment": lambda: {
        "word/styles.xml": _styles_with(b"<!--" + b"x" * 5000 + b"-->" + DOCTYPE)
    },
    "doctype-in-utf-16": lambda: {"word/styles.xml": _styles_with(DOCTYPE, "utf-16")},
    "external-entity": lambda: {
        "word/styles.xml": _styles_with(b'<!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    },
    "not-xml": lambda: {"word/document.xml": b"this is not xml"},
    "bomb": lambda: {"word/media/bomb.bin": bytes(21 * 1024 * 1024)},
}


@pytest.mark.parametrize("name", sorted(REFUSED_REFERENCES))
def test_a_hostile_reference_docx_is_refused(tmp_path: Path, name: str) -> None:
    parts = _reference_parts() | REFUSED_REFERENCES[name]()
    path = _zip(parts, tmp_path / "reference.docx")
    with pytest.raises(ReferenceDocxError):
        package.prepare(path, "SimSun", "Calibri")


def test_a_bomb_that_lies_about_its_size_stops_at_the_size_it_declares(tmp_path: Path) -> None:
    path = _zip(
        _reference_parts() | {"word/bomb.xml": b"<a>" + b" " * (64 * 1024 * 1024) + b"</a>"},
        tmp_path / "r.docx",
    )
    data = bytearray(path.read_bytes())
    # declare the bomb 1 KB big in the central directory (field at offset 24 of its entry)
    entry = data.rindex(b"PK\x01\x02", 0, data.rindex(b"word/bomb.xml") + 1)
    data[entry + 24 : entry + 28] = struct.pack("<I", 1024)
    path.write_bytes(bytes(data))
    with pytest.raises(ReferenceDocxError):
        package.prepare(path, "SimSun", "Calibri")


@pytest.mark.parametrize("make", ["pipe", "folder", "garbage"])
def test_a_reference_that_is_not_a_file_or_not_a_zip(tmp_path: Path, make: str) -> None:
    path = tmp_path / "reference.docx"
    if make == "pipe":
        os.mkfifo(path)  # opening it to read would wait forever
    elif make == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"PK\x03\x04" + os.urandom(256))
    with pytest.raises(ReferenceDocxError):
        package.prepare(path, "SimSun", "Calibri")


def test_orgc_build_refuses_a_hostile_reference_with_exit_2_and_keeps_out(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    run = [sys.executable, "-m", "orgc", "build", str(project)]
    assert subprocess.run(run, capture_output=True, check=False).returncode == 0
    before = {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()}
    (project / "templates").mkdir()
    parts = _reference_parts() | REFUSED_REFERENCES["doctype-after-a-long-comment"]()
    _zip(parts, project / "templates" / "reference.docx")
    done = subprocess.run(run, capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "DOCTYPE" in done.stderr and "internal error" not in done.stderr
    assert {p: p.read_bytes() for p in (project / "out").rglob("*") if p.is_file()} == before
    assert [p.name for p in project.iterdir() if "staging" in p.name] == []


# -- the reports themselves ------------------------------------------------------------------------------


@pytest.mark.parametrize("messages", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_value_cannot_write_a_line_of_its_own_into_a_report(
    tmp_path: Path, messages: str, fmt: str
) -> None:
    # a GitHub workflow command smuggled in an id: in CI it would add a fake annotation
    project = copy_good(tmp_path / "project")
    edit(project, AGENT, "id: cs-agent", 'id: "cs\\n::error::pwned\\r\\u202e\\u200b"')
    result = run_cli("check", project, "--format", fmt, "--messages", messages, "--today", "2026-06-01")
    assert result.exit_code == 1
    for line in result.stdout.splitlines():
        assert not line.startswith("::error::pwned"), line
        assert fmt == "github" or not line.startswith("::"), line
    assert "\u202e" not in result.stdout and "\u200b" not in result.stdout
    assert "\\u200b" in result.stdout.replace("%5Cu200b", "\\u200b")  # the invisible character is named
