"""``jd/<lang>/<role>.md``: the job description as Markdown, from the jd.md.j2 template.

orgc's own jd.md.j2 is written by markdown_text, the same bytes without Jinja's cost (a
quarter of a millisecond a JD); a project's own jd.md.j2 is rendered by Jinja, in the sandbox.
"""

from __future__ import annotations

from ...model.entities import Role
from ...writers import templating
from ..context import OutputFile, RenderContext
from . import markdown_text
from .model import JobDescription, job_description

TEMPLATE = "jd.md.j2"


def render_role(ctx: RenderContext, role: Role, lang: str) -> OutputFile:
    return jd_file(ctx, job_description(ctx, role, lang))


def jd_file(ctx: RenderContext, jd: JobDescription) -> OutputFile:
    return OutputFile(jd_path(jd.role_id, jd.lang), render_markdown(ctx, jd).encode("utf-8"))


def jd_path(role_id: str, lang: str) -> str:
    return f"jd/{lang}/{role_id}.md"


def render_markdown(ctx: RenderContext, jd: JobDescription) -> str:
    if templating.is_builtin(ctx.template_dirs, TEMPLATE):
        text = markdown_text.render(jd)
    else:
        text = templating.render(ctx.template_dirs, TEMPLATE, jd=jd)
    return text.rstrip("\n") + "\n"
