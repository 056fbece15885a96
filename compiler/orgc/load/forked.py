"""Reading many spec files on several cores: a part of them in each forked process.

At 10,000 roles, reading, parsing and validating the spec files is most of a check
(libyaml and the schema validator hold the interpreter's lock, so threads would not
help). The files are split into contiguous parts; this process does the first, a
forked process each other one, and their results come back pickled through a pipe, in
order. Nothing but results crosses: a worker writes no file, and one that fails or is
killed only leaves its part to this process, which then does it itself. A forked worker
is used only on Linux (where forking a single-threaded interpreter is safe and cheap)
and for enough files to be worth it.

``Aside`` runs one call the same way, in a forked process while this one goes on: a build
runs the rules there while it makes the indexes its outputs share.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_PER_WORKER = 250  # below this many files a part, forking costs more than it saves


def workers_for(jobs: int | None) -> int:
    """How many processes may read: ``jobs``, or (None) the cores this process may run on."""
    if jobs is not None:
        return max(jobs, 1)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def map_forked(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """``[function(item) for item in items]``, in order, with parts done by forked processes.

    ``function`` must not raise (return a problem as a value) and its results must pickle.
    """
    parts = min(jobs, len(items) // MIN_PER_WORKER) if sys.platform == "linux" else 1
    if parts <= 1:
        return [function(item) for item in items]
    size = -(-len(items) // parts)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    workers = [_start(function, chunk) for chunk in chunks[1:]]
    results = [function(item) for item in chunks[0]]
    for worker, chunk in zip(workers, chunks[1:], strict=True):
        found = _collect(worker)
        results += found if found is not None and len(found) == len(chunk) else [function(i) for i in chunk]
    return results


def _start(function: Callable[[Item], Result], chunk: Sequence[Item]) -> tuple[int, int] | None:
    """A forked process doing ``chunk``: (its pid, the pipe its results come through)."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the worker: its results, then out at once, without running any exit handler
        status = 1
        try:
            os.close(read)
            data = pickle.dumps([function(item) for item in chunk], protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(write, view) :]
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(worker: tuple[int, int] | None) -> list | None:  # type: ignore[type-arg]
    """The results of a worker; None when it failed, and its part is to be done here."""
    if worker is None:
        return None
    pid, read = worker
    chunks = []
    try:
        while block := os.read(read, 1 << 20):
            chunks.append(block)
    finally:
        os.close(read)
        _, status = os.waitpid(pid, 0)
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        found = pickle.loads(b"".join(chunks))  # our own child's bytes, through our own pipe
    except Exception:  # anything wrong with them: the part is done again here
        return None
    return found if isinstance(found, list) else None


class Aside(Generic[Result]):
    """``function()`` begun in a forked process (on Linux), its result taken by ``result()``.

    Where the process could not be forked, was killed, or ``function`` raised there or gave what
    does not pickle, ``result()`` calls ``function`` here (where it raises as it would have).
    """

    def __init__(self, function: Callable[[], Result]) -> None:
        self._function = function
        self._worker = _start(lambda _: function(), [None]) if sys.platform == "linux" else None

    def result(self) -> Result:
        """The result, waiting for the forked process; call it once."""
        found = _collect(self._worker)
        self._worker = None
        return found[0] if found is not None and len(found) == 1 else self._function()
