"""Jinja environments: user templates are sandboxed (they can format text, not read files or run code).

The built-in templates are ours and run in a plain environment, which renders a
job description about 40% faster than the sandbox; as soon as a project has a
templates folder of its own, every template of that build runs in the sandbox.
"""

from __future__ import annotations

import math
import os
import posixpath
import signal
import stat
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..i18n import Message, verbatim
from ..resources import data_dir
from . import escape


class TemplateProblem(Exception):
    """A user template that cannot be used: its file and line, and what is wrong (exit code 2).

    ``message`` says it in either language (the template engine's own words as it wrote them);
    ``str()`` in English.
    """

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message

    def __reduce__(self) -> tuple[type[TemplateProblem], tuple[Message]]:  # raised in render workers
        return type(self), (self.message,)


class _ConfinedLoader(FileSystemLoader):
    """Templates from the template folders only: a link to a file elsewhere is not followed.

    FileSystemLoader already refuses '..' in a template name; a link inside a template
    folder (``evil.j2 -> /proc/self/environ``) would still be read and put into the output.
    """

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not any(real.startswith(os.path.join(os.path.realpath(d), "")) for d in self.searchpath):
            raise TemplateNotFound(f"{template} (a link to a file outside the template folders)")
        return source, filename, uptodate


# A user template renders one file: these bound what a hostile one can cost. A job description
# is a few kilobytes of Markdown and takes about a millisecond.
MAX_OUTPUT_CHARS = 4 * 1024 * 1024
MAX_SECONDS_PER_FILE = 5.0
MAX_SECONDS_PER_PROCESS = 120.0
MAX_POWER_BITS = 1 << 16  # 10**100000000 would take minutes to compute, and more to print


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with '*' and '**' refused where their result would be huge ("x" * 10**8)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: object, operator: str, left: object, right: object) -> object:
        if operator == "**" and _huge_power(left, right):
            raise _TooLarge(Message("template.huge-power"))
        if operator == "*" and _huge_repeat(left, right):
            raise _TooLarge(Message("template.huge-repeat"))
        return super().call_binop(context, operator, left, right)  # type: ignore[arg-type]


class _TooLarge(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


def _huge_power(base: object, exponent: object) -> bool:
    if not (isinstance(base, int | float) and isinstance(exponent, int | float)):
        return False
    return abs(base) > 1 and exponent > 0 and exponent * math.log2(abs(base)) > MAX_POWER_BITS


def _huge_repeat(left: object, right: object) -> bool:
    sized, count = (left, right) if isinstance(right, int) else (right, left)
    return isinstance(count, int) and hasattr(sized, "__len__") and len(sized) * count > MAX_OUTPUT_CHARS  # type: ignore[arg-type]


@cache
def builtin_folder() -> Path:
    """orgc's own templates (in the wheel, or the source tree)."""
    return data_dir("templates")


def is_builtin(template_dirs: Sequence[Path], name: str) -> bool:
    """Whether ``name`` would be read from orgc's own templates: no folder before them holds a
    file of that name, or the one that does holds the very bytes of orgc's own (a project that
    copied them, orgc's own repository when orgc is installed from it). The loader's own test (a
    file, or a link to one), looked at on every call as the loader does, so a template added or
    changed while a process runs is used at once."""
    builtin = builtin_folder()
    for folder in template_dirs:
        if folder == builtin:
            return True
        path = posixpath.join(folder, name)
        try:
            found = os.stat(path)
        except OSError:
            continue
        if stat.S_ISREG(found.st_mode):
            return _same_bytes(path, str(builtin / name), found.st_size, found.st_mtime_ns, found.st_ino)
    return False


@lru_cache(maxsize=64)
def _same_bytes(path: str, builtin: str, size: int, mtime_ns: int, inode: int) -> bool:
    """Whether ``path`` (as its stamp says it is now) holds the bytes of ``builtin``."""
    try:
        with open(path, "rb") as mine, open(builtin, "rb") as theirs:
            return mine.read() == theirs.read()
    except OSError:
        return False


@cache
def environment(template_dirs: Sequence[Path]) -> Environment:
    """The environment for these folders: sandboxed unless they are only the built-in templates."""
    trusted = tuple(template_dirs) == (builtin_folder(),)
    kind = Environment if trusted else _BoundedSandbox
    env = kind(
        loader=_ConfinedLoader([str(d) for d in template_dirs]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape.markdown
    return env


def render(template_dirs: Sequence[Path], name: str, **context: object) -> str:
    """``name`` rendered; any fault of the template becomes a located TemplateProblem.

    A user template is bounded: it may write at most MAX_OUTPUT_CHARS and take at most
    MAX_SECONDS_PER_FILE (and MAX_SECONDS_PER_PROCESS over a whole build's worker).
    """
    env = environment(tuple(template_dirs))
    try:
        template = env.get_template(name)
        if not env.sandboxed:
            return template.render(**context)
        with _time_limit():
            return _bounded(template.generate(**context))
    except TemplateError as exc:
        raise TemplateProblem(located(exc, name, verbatim(exc.message or type(exc).__name__))) from None
    except UnicodeDecodeError:
        raise TemplateProblem(Message("template.not-utf8", name=name)) from None
    except RecursionError as exc:
        raise TemplateProblem(located(exc, name, Message("template.endless"))) from None
    except (_TooLarge, _TimeUp) as exc:
        raise TemplateProblem(located(exc, name, exc.message)) from None
    except Exception as exc:  # a user template's own fault (1/0, an overflow): theirs to fix, not ours
        raise TemplateProblem(located(exc, name, verbatim(f"{type(exc).__name__}: {exc}"))) from None


def _bounded(chunks: Iterator[str]) -> str:
    parts, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise _TooLarge(Message("template.too-much-text", limit=MAX_OUTPUT_CHARS // 1048576))
        parts.append(chunk)
    return "".join(parts)


class _TimeUp(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


_spent = 0.0  # seconds of user templates in this process


@contextmanager
def _time_limit() -> Iterator[None]:
    """Stop a template that runs too long, where a timer can interrupt it (the main thread)."""
    global _spent
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    budget = min(MAX_SECONDS_PER_FILE, MAX_SECONDS_PER_PROCESS - _spent)
    if budget <= 0:
        raise _TimeUp(Message("template.time-in-all", seconds=MAX_SECONDS_PER_PROCESS))

    def time_up(_signum: int, _frame: object) -> None:
        raise _TimeUp(Message("template.time-per-file", seconds=MAX_SECONDS_PER_FILE))

    previous = signal.signal(signal.SIGALRM, time_up)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _spent += time.monotonic() - started


def located(exc: BaseException, name: str, what: Message) -> Message:
    """``template file:line: what`` for a syntax error, an unknown name, an unsafe access, a missing file."""
    where = getattr(exc, "filename", None) or name
    line = getattr(exc, "lineno", None)
    if line is None:  # an error while rendering: the template's line is in the traceback
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".j2", name))]
        if frames:
            where, line = frames[-1].filename, frames[-1].lineno
    return Message("template.located", where=f"{where}{f':{line}' if line else ''}", what=what)
