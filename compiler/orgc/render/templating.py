"""One sandboxed Jinja environment: user templates can format text, not read files or run code."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import escape


@cache
def environment(template_dirs: Sequence[Path]) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape.markdown
    return env


def render(template_dirs: Sequence[Path], name: str, **context: object) -> str:
    return environment(tuple(template_dirs)).get_template(name).render(**context)
