"""``jd/<lang>/<role>.md``: the job description as Markdown, from the jd.md.j2 template."""

from __future__ import annotations

from collections.abc import Iterator

from . import templating
from .context import OutputFile, RenderContext
from .jd_model import job_description, letters_by_party


def render(ctx: RenderContext) -> Iterator[OutputFile]:
    letters = letters_by_party(ctx)
    for lang in ctx.languages:
        for role in ctx.graph.roles():
            jd = job_description(ctx, role, lang, letters.get(role.id, {}))
            yield OutputFile(f"jd/{lang}/{role.id}.md", render_markdown(ctx, jd).encode("utf-8"))


def render_markdown(ctx: RenderContext, jd: object) -> str:
    text = templating.render(ctx.template_dirs, "jd.md.j2", jd=jd)
    return text.rstrip("\n") + "\n"
