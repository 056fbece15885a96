"""The built-in JD Markdown written in Python (render/jd/markdown_text.py) is, byte for byte, what
templates/jd.md.j2 renders: for every role of the repository's own organisation, of the fixtures
and of generated organisations of both shapes, and for job descriptions made to take every
branch of the template with hostile text in every field. A project's own jd.md.j2 is still
rendered by Jinja."""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest

from helpers import FIXTURES, ROOT, copy_good, materialise, render_context, run_cli, write
from orgc.render.context import RenderContext
from orgc.render.jd import markdown_text
from orgc.render.jd.markdown import render_markdown, render_role
from orgc.render.jd.model import (
    AuthorityRow,
    DutyView,
    Field,
    JobDescription,
    KpiRow,
    Person,
    StepView,
    job_description,
)
from orgc.resources import data_dir
from orgc.writers import templating

LANGUAGES = ("zh", "en")


def by_template(jd: JobDescription) -> str:
    """What the built-in template renders, through Jinja."""
    return templating.render((data_dir("templates"),), "jd.md.j2", jd=jd)


def assert_same(jd: JobDescription, what: object) -> None:
    assert markdown_text.render(jd) == by_template(jd), what


# -- real organisations --------------------------------------------------------------------------


def fixture(name: str) -> Path:
    return FIXTURES / name


PROJECTS = {
    "specs": lambda tmp: ROOT,
    "good": lambda tmp: fixture("good"),
    "handbook": lambda tmp: fixture("handbook"),
    "chart": lambda tmp: fixture("chart/project"),
    "chart-hostile": lambda tmp: fixture("chart/hostile"),
    "raci": lambda tmp: fixture("raci/project"),
    "relative": lambda tmp: fixture("relative/project"),
    "chinese-values": lambda tmp: materialise(fixture("chinese-values/zh"), tmp / "project"),
    "generated-local": lambda tmp: generated(tmp, "local"),
    "generated-wide": lambda tmp: generated(tmp, "wide"),
}


def generated(tmp: Path, shape: str) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import Generator

    Generator(300, seed=7, shape=shape).write(tmp / shape)
    return tmp / shape


@pytest.mark.parametrize("name", list(PROJECTS))
def test_every_role_of_an_organisation_is_the_template_s_bytes(
    name: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ctx: RenderContext = render_context(PROJECTS[name](tmp_path_factory.mktemp(name)))  # type: ignore[assignment]
    assert len(ctx.org.roles) >= 5 and set(ctx.languages) <= set(LANGUAGES)
    assert templating.is_builtin(ctx.template_dirs, "jd.md.j2")  # so a build writes markdown_text's
    for role in ctx.org.roles.values():
        for lang in ctx.languages:
            jd = job_description(ctx, role, lang)
            assert_same(jd, (role.id, lang))
            written = render_role(ctx, role, lang).data  # what a build writes, through the switch
            assert written == (by_template(jd).rstrip("\n") + "\n").encode("utf-8"), (role.id, lang)


# -- every branch of the template ----------------------------------------------------------------

# Markdown-special and hostile text: each is put into every field of a job description, those the
# template escapes and those it prints as they are.
HOSTILE = [
    "客服专员",
    "Customer service agent",
    "| a | b |",
    "line one\nline two\r\nthree\u2028four",
    "1. not a list",
    "2026.1 is a date",
    "# not a heading",
    "- not an item",
    "+ > = quote",
    "  leading and trailing  ",
    "*bold* _em_ ~strike~ 3~5年 $x$ `code` \\ back",
    "<script>alert(1)</script> &amp; &#35; & plain",
    "@hr-team www.example.com https://example.com mailto:a@b.example",
    "tab\there",
    "含、顿号，和逗号",
    "commas, in, English",
    "{{ jd.title }} {% raw %}",
    "",
]


def sample(lang: str, text: str) -> JobDescription:
    """A job description with every part filled, from ``text``; duties of every combination of
    tasks, frequency, deliverables and measures; lists of one item and of several."""
    several = (text, f"{text} 2", "三、四")

    def person(n: int) -> Person:
        return Person(f"r{n}", f"{text} {n}", n)

    duties = tuple(
        DutyView(
            title=f"{text} duty {n}",
            tasks=several[: n % 3],
            frequency=text if has_frequency else "",
            deliverables=several[:2] if has_deliverables else (),
            measures=several[:1] if has_measures else (),
            letters="A/R",
            shared_from=text,
        )
        for n, (has_frequency, has_deliverables, has_measures) in enumerate(
            itertools.product((False, True), repeat=3)
        )
        for _ in (0, 1)  # the same switches with and without tasks
    )
    return JobDescription(
        lang=lang,
        role_id="r2",
        code=text,
        title=text,
        org_name=text,
        version=text,
        effective=text,
        basics=(Field(text, text), Field("职位名称", text), Field(text, "")),
        supervisor=person(1),
        role=person(2),
        reports=(person(3), person(4)),
        dotted=(person(5), person(6)),
        purpose=text,
        duties=duties,
        accountabilities=several,
        challenges=several[:1],
        steps=(StepView(text, text, "A/R", text, several), StepView(text, text, "R", "", ())),
        kpis=(KpiRow(text, text, text, text, text), KpiRow("", "", "", "", "")),
        authority=(AuthorityRow(text, text, text), AuthorityRow("", "", "")),
        internal=several,
        external=several[:1],
        qualifications=(Field(text, text, several), Field(text, "")),
        career=several,
        environment=text,
        signoff=several,
    )


def emptied(jd: JobDescription, name: str) -> JobDescription:
    """``jd`` with one part empty: "", (), or no supervisor."""
    return replace(jd, **{name: None if name == "supervisor" else type(getattr(jd, name))()})


OPTIONAL = [f.name for f in fields(JobDescription) if f.name not in ("lang", "role_id", "role")]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_every_field_is_the_template_s_bytes(lang: str, text: str) -> None:
    assert_same(sample(lang, text), text)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", OPTIONAL)
def test_each_part_left_empty_is_the_template_s_bytes(lang: str, name: str) -> None:
    for text in ("x", "| 1. *x*\ny"):
        assert_same(emptied(sample(lang, text), name), (name, text))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_everything_empty_and_each_supervisor_is_the_template_s_bytes(lang: str) -> None:
    full = sample(lang, "x")
    nothing = full
    for name in OPTIONAL:
        nothing = emptied(nothing, name)
    assert markdown_text.render(nothing).count("\n## ") == 9  # no environment, no sign-off
    outside = Person("", "总经理 | *CEO*", 0)
    for jd in (nothing, full):
        for supervisor, reports in itertools.product((None, outside, full.supervisor), ((), full.reports)):
            assert_same(replace(jd, supervisor=supervisor, reports=reports), (supervisor, reports))


def test_the_samples_reach_every_section_and_line_of_the_template() -> None:
    """Each label the template prints is in the full sample's text; "none" in each of the six
    places that print it when the sample has nothing."""
    source = (data_dir("templates") / "jd.md.j2").read_text(encoding="utf-8")
    keys = set(re.findall(r'label\("([\w.]+)"\)', source)) | set(re.findall(r'\("(jd\.\w+)", jd\.', source))
    assert {"jd.accountabilities", "jd.challenges", "jd.legend", "frequency", "jd.signed_on"} <= keys
    full = sample("en", "x")
    text = markdown_text.render(full)
    assert [key for key in keys - {"none"} if full.label(key) not in text] == []
    nothing = full
    for name in OPTIONAL:
        nothing = emptied(nothing, name)
    assert markdown_text.render(nothing).count(full.label("none")) == 6


# -- a project's own template ----------------------------------------------------------------------

OWN = "{{ jd.title }} — {{ jd.lang }}, from the project's own template\n"


def test_a_project_s_own_template_is_rendered_by_jinja(tmp_path: Path) -> None:
    project = copy_good(tmp_path / "project")
    write(project, "templates/jd.md.j2", OWN)
    ctx: RenderContext = render_context(project)  # type: ignore[assignment]
    assert not templating.is_builtin(ctx.template_dirs, "jd.md.j2")
    role = ctx.org.roles["cs-agent"]
    jd = job_description(ctx, role, "en")
    assert render_markdown(ctx, jd) == f"{jd.title} — en, from the project's own template\n"
    result = run_cli("build", project, "--jobs", "1", "--messages", "en")
    assert result.exit_code == 0, result.output
    zh = job_description(ctx, role, "zh").title
    assert (project / "out/jd/zh/cs-agent.md").read_text(encoding="utf-8") == (
        f"{zh} — zh, from the project's own template\n"
    )


@pytest.mark.parametrize("other", ["handbook.css", "jd.md.j2/inside.txt"], ids=["another-file", "a-folder"])
def test_a_templates_folder_without_its_own_jd_md_gets_the_built_in_bytes(tmp_path: Path, other: str) -> None:
    """The loader reads jd.md.j2 from the first folder that holds it as a file; a folder that does
    not (a templates folder with other files, or a folder named jd.md.j2) is not an override."""
    project = copy_good(tmp_path / "project")
    write(project, f"templates/{other}", "p { color: red }\n")
    ctx: RenderContext = render_context(project)  # type: ignore[assignment]
    assert len(ctx.template_dirs) == 2 and templating.is_builtin(ctx.template_dirs, "jd.md.j2")
    jd = job_description(ctx, ctx.org.roles["cs-agent"], "zh")
    through_jinja = templating.render(ctx.template_dirs, "jd.md.j2", jd=jd)  # the sandbox, as before
    assert render_markdown(ctx, jd) == through_jinja.rstrip("\n") + "\n"


def test_a_copy_of_orgc_s_own_template_is_orgc_s_own_until_it_is_changed(tmp_path: Path) -> None:
    """A project that copied jd.md.j2 as it is (orgc's own repository, with orgc installed from it,
    is one) gets the Python path; one changed byte, even while the process runs, gets Jinja."""
    project = copy_good(tmp_path / "project")
    own = (templating.builtin_folder() / "jd.md.j2").read_text(encoding="utf-8")
    write(project, "templates/jd.md.j2", own)
    ctx: RenderContext = render_context(project)  # type: ignore[assignment]
    assert len(ctx.template_dirs) == 2 and templating.is_builtin(ctx.template_dirs, "jd.md.j2")
    write(project, "templates/jd.md.j2", own + "{# the project's #}\n")
    assert not templating.is_builtin(ctx.template_dirs, "jd.md.j2")
