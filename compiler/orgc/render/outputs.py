"""Every output of ``orgc build``, rendered in one process or several.

Work is split into tasks: one per whole-organisation output (org.json, the whole
matrix, chart, handbook), one per group of units (their matrices) and one per chunk of
roles (their JDs in every language). Worker processes are forked, so they share the
checked organisation without copying it.
Results are taken as they come, so that the files of quick tasks are published while
the long ones run; nothing depends on their order (the manifest, the build index and
``build --check``'s report are sorted).

A job description is rendered only when what it shows changed: its view model
(everything the document shows) is hashed, and where the last build wrote a
file with the same hash that is still intact, that file is kept.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .context import OutputFile, RenderContext

WholeRenderer = Callable[[RenderContext, "Reuse"], Iterator[OutputFile]]
CHUNK = 64
UNIT_CHUNK = 8


@dataclass(frozen=True)
class Reuse:
    """What the last build left that may be kept: path -> content fingerprint, and the common setting.

    ``affected`` names the roles whose job descriptions a change since then can reach
    (see ``affected.py``); None means any role's. ``fragments`` are the pieces of
    whole-organisation outputs the last build used (``fragments.py``).
    """

    setting: str = ""
    kept: Mapping[str, str] = field(default_factory=dict)
    affected: frozenset[str] | None = None
    fragments: Mapping[str, bytes] = field(default_factory=dict)

    def untouched(self, role_id: str, paths: list[str]) -> bool:
        """Whether the last build's files for a role stand as they are, without looking at the role."""
        return (
            self.affected is not None and role_id not in self.affected and all(p in self.kept for p in paths)
        )

    def all_kept(self, paths: tuple[str, ...], content: str) -> bool:
        """Whether the last build wrote every one of ``paths`` from this content, and they are intact."""
        return all(self.kept.get(path) == content for path in paths)


def whole_renderers() -> tuple[WholeRenderer, ...]:
    from . import org_json, raci
    from .chart import formats as chart
    from .handbook import book as handbook

    # the longest first, so that no worker is left with a long task at the end
    return (handbook.render, raci.render_workbook, raci.render_table, org_json.render, chart.render)


def render_all(
    ctx: RenderContext, jobs: int | None = None, reuse: Reuse | None = None
) -> Iterator[OutputFile]:
    """Every output file; ``jobs`` > 1 renders in that many forked processes."""
    reuse = reuse or Reuse()
    kept, roles = _untouched_first(ctx, reuse)
    # The whole-organisation outputs first: each is one long task, and started last they would
    # leave the other workers idle at the end.
    tasks: list[tuple[str, Any]] = [("whole", index) for index in range(len(whole_renderers()))]
    # Units' matrices in groups: a large organisation's come to a few hundred megabytes, too much
    # to hold at once in a worker and again in this process.
    units = list(ctx.org.units)
    tasks += [("units", units[i : i + UNIT_CHUNK]) for i in range(0, len(units), UNIT_CHUNK)]
    tasks += [("roles", roles[i : i + CHUNK]) for i in range(0, len(roles), CHUNK)]
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from kept
        for task in tasks:
            yield from _run(ctx, reuse, task)
        return
    _index_once(ctx)
    global _SHARED
    _SHARED = (ctx, reuse)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.imap_unordered(_run_in_worker, tasks)
            yield from kept  # published by this process while the workers render
            for files in results:
                yield from files
    finally:
        _SHARED = None


def _untouched_first(ctx: RenderContext, reuse: Reuse) -> tuple[list[OutputFile], list[str]]:
    """The last build's JD files of the roles no change can reach, and the other roles, to look at."""
    from .jd import docx as jd_docx
    from .jd import markdown as jd_markdown

    kept: list[OutputFile] = []
    others: list[str] = []
    for role in ctx.graph.roles():
        paths = [module.jd_path(role.id, lang) for lang in ctx.languages for module in (jd_markdown, jd_docx)]
        if reuse.untouched(role.id, paths):
            kept += (OutputFile(path, b"", reuse.kept[path], kept=True) for path in paths)
        else:
            others.append(role.id)
    return kept, others


def _index_once(ctx: RenderContext) -> None:
    """Build the indexes that several tasks read before forking, so that no two workers build them."""
    from .raci import matrix_index

    ctx.letters, ctx.step_order, matrix_index(ctx)  # each is cached on the context


_SHARED: tuple[RenderContext, Reuse] | None = None  # set before forking; read by the workers


def _run_in_worker(task: tuple[str, Any]) -> list[OutputFile]:
    assert _SHARED is not None
    return list(_run(*_SHARED, task))


def _run(ctx: RenderContext, reuse: Reuse, task: tuple[str, Any]) -> Iterator[OutputFile]:
    kind, arg = task
    if kind == "whole":
        yield from whole_renderers()[arg](ctx, reuse)
        return
    if kind == "units":
        from .raci import render_units

        yield from render_units(ctx, reuse, arg)
        return
    from ..incremental.index import fingerprint
    from .jd import docx as jd_docx
    from .jd import markdown as jd_markdown
    from .jd.model import job_description

    for lang in ctx.languages:
        for role_id in arg:  # roles a change may reach: the others were taken by _untouched_first
            jd = job_description(ctx, ctx.org.roles[role_id], lang)
            content = fingerprint(reuse.setting, repr(jd))
            for module in (jd_markdown, jd_docx):
                path = module.jd_path(role_id, lang)
                if reuse.kept.get(path) == content:
                    yield OutputFile(path, b"", content, kept=True)
                else:
                    rendered = module.jd_file(ctx, jd)
                    yield OutputFile(path, rendered.data, content)
