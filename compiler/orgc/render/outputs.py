"""Every output of ``orgc build``, rendered in one process or several.

Work is split into tasks: one per whole-organisation output (org.json, the whole
matrix, chart, handbook), one per group of units (their matrices), one per chunk of roles
(their JDs in every language) and one per volume of a split handbook, which prints the JDs
the role tasks made and starts once they are made. Worker processes are forked, so they
share the checked organisation without copying it.
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
import queue
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..model.entities import Role
from . import org_json, raci
from .chart import formats as chart
from .chart.nodes import chart_nodes
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
KEPT_SLICE = 1024  # kept files published between two looks at the workers' results
# A volume waits for the JDs its roles' tasks make when there are at least this many; fewer (after
# an edit) it makes itself, a few milliseconds each, and starts at once: it is then the longest task.
AWAIT_FROM = CHUNK


def whole_renderers() -> tuple[WholeRenderer, ...]:
    # the longest first, so that no worker is left with a long task at the end
    return (handbook.render, raci.render_whole, org_json.render, chart.render)


def render_all(ctx: RenderContext, jobs: int | None = None) -> Iterator[OutputFile]:
    """Every output file; ``jobs`` > 1 renders in that many forked processes.

    A volume of a split handbook that prints many JDs being made waits for them: it takes the JDs
    the roles' tasks made with the roles' JD files (``handbook.MadeJd``) instead of making them
    again, and starts before any task not yet started once the last of them is made (``_Schedule``).
    """
    kept, roles = _untouched_first(ctx)
    volume_files, volume_tasks = _untouched_volumes(ctx)
    matrix_files, matrices = _untouched_units(ctx, lambda unit: [raci.unit_path(unit)])
    page_files, pages = _untouched_units(ctx, lambda unit: site.unit_paths(ctx, unit))
    kept += volume_files + matrix_files + page_files
    schedule = _Schedule(ctx, volume_tasks, roles)
    # The volumes that wait for no JD, and the whole-organisation outputs, first: each is one
    # long task, and started last they would leave the other workers idle at the end. Then the
    # roles, whose volumes start as soon as their JDs are made: when the roles are a few chunks
    # that wait for many, before anything else, as such a volume is then the longest task.
    first = [("volume", (task, {})) for task in volume_tasks if task not in schedule.awaited]
    first += [("whole", index) for index in range(len(whole_renderers()))]
    chunks = [("roles", roles[i : i + CHUNK]) for i in range(0, len(roles), CHUNK)]
    workers = jobs or os.cpu_count() or 1
    tasks = [*chunks, *first] if len(chunks) <= workers else [*first, *chunks]
    tasks += [("site", task) for task in site.tasks(ctx, pages)]
    # Units' matrices in groups: a large organisation's come to a few hundred megabytes, too much
    # to hold at once in a worker and again in this process.
    tasks += [("units", matrices[i : i + UNIT_CHUNK]) for i in range(0, len(matrices), UNIT_CHUNK)]
    schedule.pending.extend(tasks)
    workers = min(workers, len(tasks) + len(schedule.awaited))

    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from kept
        while (task := schedule.next()) is not None:
            yield from schedule.taken(_run(ctx, task))
        return
    shared_indexes(ctx)
    global _SHARED
    _SHARED = ctx
    pool = multiprocessing.get_context("fork").Pool(workers)
    finished: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()
    running = 0

    def hand_out() -> None:
        """One task more than workers in hand, so that none waits for this process."""
        nonlocal running
        while running <= workers and (task := schedule.next()) is not None:
            pool.apply_async(
                _run_in_worker,
                (task,),
                callback=lambda files: finished.put((True, files)),
                error_callback=lambda problem: finished.put((False, problem)),
            )
            running += 1

    def take(ok: bool, result: Any) -> list[OutputFile]:
        """A task's files; the tasks it makes ready (a volume whose JDs are made) are handed out
        before this process publishes them."""
        nonlocal running
        running -= 1
        if not ok:
            raise result
        files = list(schedule.taken(result))
        hand_out()
        return files

    try:
        hand_out()
        # The kept files are published by this process while the workers render, a slice at a
        # time: results that come meanwhile are taken between slices, so that no worker waits.
        for start in range(0, len(kept), KEPT_SLICE):
            yield from kept[start : start + KEPT_SLICE]
            while not finished.empty():
                yield from take(*finished.get())
        while running:
            yield from take(*finished.get())
    finally:
        # Closed and joined, never terminated (as leaving `with Pool` would): terminate() kills
        # workers that may hold the task queue's lock and can then wait for it for good, which
        # a failed task (a full disk, a bad template) made a build hang on a loaded machine.
        pool.close()
        pool.join()
        _SHARED = None


class _Schedule:
    """The tasks in the order they start: a volume waiting for JDs being made goes before every
    task not yet started once the last of them is made."""

    def __init__(self, ctx: RenderContext, volume_tasks: list[tuple[str, str]], roles: list[str]) -> None:
        made_now = handbook.in_volumes(ctx).intersection(roles)
        self.pending: deque[tuple[str, Any]] = deque()
        self.ready: deque[tuple[str, Any]] = deque()
        # volume task -> the JDs (role, language) it waits for, and what of them is made
        self.awaited: dict[tuple[str, str], set[tuple[str, str]]] = {}
        self.made: dict[tuple[str, str], dict[str, handbook.MadeJd]] = {}
        self.volume_of: dict[tuple[str, str], tuple[str, str]] = {}
        for task in volume_tasks:
            unit, lang = task
            jds = {(role, lang) for role in made_now.intersection(handbook.volume_roles(ctx, unit))}
            if len(jds) >= AWAIT_FROM:
                self.awaited[task] = jds
                self.made[task] = {}
                self.volume_of.update(dict.fromkeys(jds, task))

    def next(self) -> tuple[str, Any] | None:
        if self.ready:
            return self.ready.popleft()
        return self.pending.popleft() if self.pending else None

    def taken(self, files: Iterable[OutputFile | handbook.MadeJd]) -> Iterator[OutputFile]:
        """The files of a task done; the JDs made for volumes are held until their volume starts
        (the JDs of 10,000 roles are some 80 MB: each is let go of once handed over)."""
        for file in files:
            if not isinstance(file, handbook.MadeJd):
                yield file
                continue
            jd = (file.role_id, file.lang)
            task = self.volume_of.pop(jd, None)
            if task is None:
                continue
            self.made[task][file.role_id] = file
            waiting = self.awaited[task]
            waiting.discard(jd)
            if not waiting:
                self.ready.append(("volume", (task, self.made.pop(task))))


def _untouched_first(ctx: RenderContext) -> tuple[list[OutputFile], list[str]]:
    """The last build's JD files of the roles no change can reach, and the other roles, to look at."""

    def paths_of(role_id: str) -> list[str]:
        paths = [module.jd_path(role_id, lang) for lang in ctx.languages for module in (jd_markdown, jd_docx)]
        return paths + site.role_paths(ctx, role_id)

    return _untouched([role.id for role in ctx.graph.roles()], paths_of, ctx.reuse.untouched)


def _untouched_units(
    ctx: RenderContext, paths_of: Callable[[str], list[str]]
) -> tuple[list[OutputFile], list[str]]:
    """The last build's files of each unit (``paths_of``) no change can reach, and the other units."""
    return _untouched(
        list(ctx.org.units), paths_of, lambda unit, paths: ctx.reuse.untouched_units((unit,), paths)
    )


def _untouched(
    ids: list[str],
    paths_of: Callable[[str], list[str]],
    untouched: Callable[[str, list[str]], list[str] | None],
) -> tuple[list[OutputFile], list[str]]:
    """The last build's files (``paths_of``) of the roles or units ``untouched`` gives keys for, kept
    as they are, and the others' ids."""
    kept: list[OutputFile] = []
    others: list[str] = []
    for entity in ids:
        paths = paths_of(entity)
        keys = untouched(entity, paths)
        if keys is not None:
            kept += (OutputFile(path, b"", key, kept=True) for path, key in zip(paths, keys, strict=True))
        else:
            others.append(entity)
    return kept, others


def _untouched_volumes(ctx: RenderContext) -> tuple[list[OutputFile], list[tuple[str, str]]]:
    """The last build's volumes of a split handbook that no change can reach (with the pieces they
    were made of, for the next build), and the other volumes' tasks."""
    kept: list[OutputFile] = []
    others: list[tuple[str, str]] = []
    for task in handbook.volume_tasks(ctx):
        file = handbook.untouched_volume(ctx, task)
        if file is not None:
            kept.append(file)
        else:
            others.append(task)
    return kept, others


def shared_indexes(ctx: RenderContext) -> None:
    """Make the indexes that several tasks read, before forking, so that no two workers make them
    (each is kept on the context, or once per process: making them again costs nothing)."""
    ctx.letters, ctx.step_order, raci.matrix_index(ctx), ctx.assignment_cells  # each is cached on the context
    handbook.in_volumes(ctx)
    chart_nodes(ctx, ctx.org.default_language)
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
