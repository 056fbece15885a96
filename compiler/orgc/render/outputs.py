"""Every output of ``orgc build``, rendered in one process or several.

Work is split into tasks: one per whole-organisation output (org.json, the whole
matrix, chart, handbook), one per group of units (their matrices), one per chunk of roles
(their JDs in every language) and, once those are done, one per volume of a split handbook,
which prints the JDs the role tasks made. Worker processes are forked, so they share the
checked organisation without copying it.
Results are taken as they come, so that the files of quick tasks are published while
the long ones run; nothing depends on their order (the manifest, the build index and
``build --check``'s report are sorted).

A job description is rendered only when what it shows changed: its view model
(everything the document shows) is given to ``ctx.reuse``, and where the last build
wrote a file showing the same that is still intact, that file is kept.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..model.entities import Role
from . import org_json, raci
from .chart import formats as chart
from .context import OutputFile, RenderContext
from .handbook import book as handbook
from .jd import docx as jd_docx
from .jd import markdown as jd_markdown
from .jd import model as jd_model
from .site import tasks as site
from .style import docx_base

WholeRenderer = Callable[[RenderContext], Iterator[OutputFile]]
CHUNK = 64
UNIT_CHUNK = 8


def whole_renderers() -> tuple[WholeRenderer, ...]:
    # the longest first, so that no worker is left with a long task at the end
    return (handbook.render, raci.render_workbook, raci.render_table, org_json.render, chart.render)


def render_all(ctx: RenderContext, jobs: int | None = None) -> Iterator[OutputFile]:
    """Every output file; ``jobs`` > 1 renders in that many forked processes.

    In two rounds: everything but the volumes of a split handbook that print a JD being made,
    then those volumes, which take the JDs the first round made with the roles' JD files
    (``handbook.MadeJd``) instead of making them again. A volume none of whose JDs is made (after
    an edit elsewhere) needs nothing from the first round and is one of its first tasks.
    """
    kept, roles = _untouched_first(ctx)
    volume_files, volume_tasks = _untouched_volumes(ctx)
    matrix_files, matrices = _untouched_units(ctx, lambda unit: [raci.unit_path(unit)])
    page_files, pages = _untouched_units(ctx, lambda unit: site.unit_paths(ctx, unit))
    kept += volume_files + matrix_files + page_files
    made_now = handbook.in_volumes(ctx).intersection(roles)
    waiting = [task for task in volume_tasks if made_now.intersection(handbook.volume_roles(ctx, task[0]))]
    # The volumes that wait for no JD, and the whole-organisation outputs, first: each is one
    # long task, and started last they would leave the other workers idle at the end.
    tasks: list[tuple[str, Any]] = [("volume", (task, {})) for task in volume_tasks if task not in waiting]
    tasks += [("whole", index) for index in range(len(whole_renderers()))]
    tasks += [("site", task) for task in site.tasks(ctx, pages)]
    # Units' matrices in groups: a large organisation's come to a few hundred megabytes, too much
    # to hold at once in a worker and again in this process.
    tasks += [("units", matrices[i : i + UNIT_CHUNK]) for i in range(0, len(matrices), UNIT_CHUNK)]
    tasks += [("roles", roles[i : i + CHUNK]) for i in range(0, len(roles), CHUNK)]
    made: dict[tuple[str, str], handbook.MadeJd] = {}

    def volumes() -> Iterator[tuple[str, Any]]:
        """The volume tasks, each with its roles' JDs, let go of once handed over: the JDs of
        10,000 roles are some 80 MB."""
        for unit, lang in waiting:
            roles = handbook.volume_roles(ctx, unit)
            yield "volume", ((unit, lang), {r: made.pop((r, lang)) for r in roles if (r, lang) in made})

    def taken(files: Iterable[OutputFile | handbook.MadeJd]) -> Iterator[OutputFile]:
        for file in files:
            if isinstance(file, handbook.MadeJd):
                made[file.role_id, file.lang] = file
            else:
                yield file

    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from kept
        for task in tasks:
            yield from taken(_run(ctx, task))
        for task in volumes():
            yield from _run(ctx, task)
        return
    _index_once(ctx)
    global _SHARED
    _SHARED = ctx
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        results = pool.imap_unordered(_run_in_worker, tasks)
        yield from kept  # published by this process while the workers render
        for files in results:
            yield from taken(files)
        for files in pool.imap_unordered(_run_in_worker, volumes()):
            yield from taken(files)
    finally:
        # Closed and joined, never terminated (as leaving `with Pool` would): terminate() kills
        # workers that may hold the task queue's lock and can then wait for it for good, which
        # a failed task (a full disk, a bad template) made a build hang on a loaded machine.
        pool.close()
        pool.join()
        _SHARED = None


def _untouched_first(ctx: RenderContext) -> tuple[list[OutputFile], list[str]]:
    """The last build's JD files of the roles no change can reach, and the other roles, to look at."""
    kept: list[OutputFile] = []
    others: list[str] = []
    for role in ctx.graph.roles():
        paths = [module.jd_path(role.id, lang) for lang in ctx.languages for module in (jd_markdown, jd_docx)]
        paths += site.role_paths(ctx, role.id)
        keys = ctx.reuse.untouched(role.id, paths)
        if keys is not None:
            kept += (OutputFile(path, b"", key, kept=True) for path, key in zip(paths, keys, strict=True))
        else:
            others.append(role.id)
    return kept, others


def _untouched_units(
    ctx: RenderContext, paths_of: Callable[[str], list[str]]
) -> tuple[list[OutputFile], list[str]]:
    """The last build's files of each unit (``paths_of``) no change can reach, and the other units."""
    kept: list[OutputFile] = []
    others: list[str] = []
    for unit in ctx.org.units:
        paths = paths_of(unit)
        keys = ctx.reuse.untouched_units((unit,), paths)
        if keys is not None:
            kept += (OutputFile(path, b"", key, kept=True) for path, key in zip(paths, keys, strict=True))
        else:
            others.append(unit)
    return kept, others


def _untouched_volumes(ctx: RenderContext) -> tuple[list[OutputFile], list[tuple[str, str]]]:
    """The last build's volumes of a split handbook that no change can reach (with the pieces they
    were made of, for the next build), and the other volumes' tasks."""
    kept: list[OutputFile] = []
    others: list[tuple[str, str]] = []
    for task in handbook.volume_tasks(ctx):
        path, part = handbook.volume_path(*task), handbook.volume_scope(ctx, task[0])
        keys = ctx.reuse.untouched_units(part.units, [path], part.roles)
        pieces = ctx.reuse.carried(path) if keys is not None else None
        if keys is not None and pieces is not None:
            kept.append(OutputFile(path, b"", keys[0], kept=True, fragments=pieces))
        else:
            others.append(task)
    return kept, others


def _index_once(ctx: RenderContext) -> None:
    """Build the indexes that several tasks read before forking, so that no two workers build them."""
    ctx.letters, ctx.step_order, raci.matrix_index(ctx)  # each is cached on the context
    handbook.in_volumes(ctx)
    docx_base(ctx)  # the Word package's shared parts (and python-docx, which reads them: 0.5 s)


_SHARED: RenderContext | None = None  # set before forking; read by the workers


def _run_in_worker(task: tuple[str, Any]) -> list[OutputFile | handbook.MadeJd]:
    assert _SHARED is not None
    return list(_run(_SHARED, task))


def _run(ctx: RenderContext, task: tuple[str, Any]) -> Iterator[OutputFile | handbook.MadeJd]:
    kind, arg = task
    if kind == "whole":
        yield from whole_renderers()[arg](ctx)
    elif kind == "volume":  # a volume of a split handbook, and its roles' JDs as made with their files
        yield from handbook.render_volume(ctx, *arg)
    elif kind == "units":
        yield from raci.render_units(ctx, arg)
    elif kind == "site":
        yield from site.run(ctx, arg)
    else:  # roles a change may reach: the others were taken by _untouched_first
        in_volumes = handbook.in_volumes(ctx)
        for lang in ctx.languages:
            for role_id in arg:
                yield from _role_files(ctx, ctx.org.roles[role_id], lang, role_id in in_volumes)


def _role_files(
    ctx: RenderContext, role: Role, lang: str, in_volume: bool
) -> Iterator[OutputFile | handbook.MadeJd]:
    """A role's JD files and page in ``lang``, each kept where it shows what the last build's
    did; and, when a volume of the handbook prints it, its JD as the volume prints it."""
    jd = jd_model.job_description(ctx, role, lang)
    content = ctx.reuse.key(jd)
    path = jd_markdown.jd_path(role.id, lang)
    if ctx.reuse.kept((path,), content):
        yield OutputFile(path, b"", content, kept=True)
    else:
        yield OutputFile(path, jd_markdown.jd_file(ctx, jd).data, content)
    path = jd_docx.jd_path(role.id, lang)
    sections = None  # the Word file's sections, which its volume prints too: only when it is made
    if ctx.reuse.kept((path,), content):
        yield OutputFile(path, b"", content, kept=True)
    else:
        sections = jd_docx.jd_sections(jd)
        yield OutputFile(path, jd_docx.jd_file(ctx, jd, sections).data, content)
    yield from site.role_files(ctx, role, jd)
    if in_volume:
        yield handbook.made_jd(jd, content, sections)
