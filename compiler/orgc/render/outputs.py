"""Every output of ``orgc build``, produced in a fixed order, optionally by several processes.

Work is split into tasks: one per whole-organisation output (org.json, matrices,
chart, handbook) and one per chunk of roles (their JDs in every language). Worker
processes are forked, so they share the checked organisation without copying it;
results come back in task order, so the output never depends on scheduling.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from typing import Any

from ..model.entities import Role
from .context import OutputFile, RenderContext

WholeRenderer = Callable[[RenderContext], Iterator[OutputFile]]
RoleRenderer = Callable[[RenderContext, Role, str], OutputFile]
CHUNK = 64


def role_renderers() -> tuple[RoleRenderer, ...]:
    from . import jd_docx, jd_markdown

    return (jd_markdown.render_role, jd_docx.render_role)


def whole_renderers() -> tuple[WholeRenderer, ...]:
    from . import chart, handbook, org_json, raci

    return (org_json.render, raci.render, chart.render, handbook.render)


def render_all(ctx: RenderContext, jobs: int | None = None) -> Iterator[OutputFile]:
    """Every output file; ``jobs`` > 1 renders in that many forked processes."""
    roles = [role.id for role in ctx.graph.roles()]
    tasks: list[tuple[str, Any]] = [("roles", roles[i : i + CHUNK]) for i in range(0, len(roles), CHUNK)]
    tasks += [("whole", index) for index in range(len(whole_renderers()))]
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            yield from _run(ctx, task)
        return
    global _CONTEXT
    _CONTEXT = ctx
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for files in pool.imap(_run_in_worker, tasks):
                yield from files
    finally:
        _CONTEXT = None


_CONTEXT: RenderContext | None = None  # set before forking; read by the workers


def _run_in_worker(task: tuple[str, Any]) -> list[OutputFile]:
    assert _CONTEXT is not None
    return list(_run(_CONTEXT, task))


def _run(ctx: RenderContext, task: tuple[str, Any]) -> Iterator[OutputFile]:
    kind, arg = task
    if kind == "whole":
        yield from whole_renderers()[arg](ctx)
        return
    renderers = role_renderers()
    for lang in ctx.languages:
        for role_id in arg:
            role = ctx.org.roles[role_id]
            for render_role in renderers:
                yield render_role(ctx, role, lang)
