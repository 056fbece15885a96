"""``jd/<lang>/<role>.md``: the job description as Markdown, from the jd.md.j2 template."""

from __future__ import annotations

from ...model.entities import Role
from ...writers import templating
from ..context import OutputFile, RenderContext
from .model import JobDescription, job_description


def render_role(ctx: RenderContext, role: Role, lang: str) -> OutputFile:
    return jd_file(ctx, job_description(ctx, role, lang))


def jd_file(ctx: RenderContext, jd: JobDescription) -> OutputFile:
    return OutputFile(jd_path(jd.role_id, jd.lang), render_markdown(ctx, jd).encode("utf-8"))


def jd_path(role_id: str, lang: str) -> str:
    return f"jd/{lang}/{role_id}.md"


def render_markdown(ctx: RenderContext, jd: JobDescription) -> str:
    text = templating.render(ctx.template_dirs, "jd.md.j2", jd=jd)
    return text.rstrip("\n") + "\n"
