"""Jinja environments: user templates are sandboxed (they can format text, not read files or run code).

The built-in templates are ours and run in a plain environment, which renders a
job description about 40% faster than the sandbox; as soon as a project has a
templates folder of its own, every template of that build runs in the sandbox.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import escape


class TemplateProblem(Exception):
    """A user template that cannot be used: its file and line, and what is wrong (exit code 2)."""


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


@cache
def environment(template_dirs: Sequence[Path]) -> Environment:
    """The environment for these folders: sandboxed unless they are only the built-in templates."""
    from ..resources import data_dir

    trusted = tuple(template_dirs) == (data_dir("templates"),)
    kind = Environment if trusted else ImmutableSandboxedEnvironment
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
    """``name`` rendered; any fault of the template becomes a located TemplateProblem."""
    try:
        return environment(tuple(template_dirs)).get_template(name).render(**context)
    except TemplateError as exc:
        raise TemplateProblem(_located(exc, name)) from None


def _located(exc: TemplateError, name: str) -> str:
    """``template file:line: what`` for a syntax error, an unknown name, an unsafe access, a missing file."""
    where = getattr(exc, "filename", None) or name
    line = getattr(exc, "lineno", None)
    if line is None:  # an error while rendering: the template's line is in the traceback
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".j2", name))]
        if frames:
            where, line = frames[-1].filename, frames[-1].lineno
    what = exc.message if exc.message else type(exc).__name__
    return f"template {where}{f':{line}' if line else ''}: {what}"
