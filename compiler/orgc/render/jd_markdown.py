"""``jd/<lang>/<role>.md``: the job description as Markdown, from the jd.md.j2 template."""

from __future__ import annotations

from ..model.entities import Role
from . import templating
from .context import OutputFile, RenderContext
from .jd_model import JobDescription, job_description


def render_role(ctx: RenderContext, role: Role, lang: str) -> OutputFile:
    jd = job_description(ctx, role, lang)
    return OutputFile(f"jd/{lang}/{role.id}.md", render_markdown(ctx, jd).encode("utf-8"))


def render_markdown(ctx: RenderContext, jd: JobDescription) -> str:
    text = templating.render(ctx.template_dirs, "jd.md.j2", jd=jd)
    return text.rstrip("\n") + "\n"
