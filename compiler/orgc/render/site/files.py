"""A page of the site as an output file: kept where the last build wrote one showing the same."""

from __future__ import annotations

from collections.abc import Callable

from ..context import OutputFile, RenderContext
from . import links


def page_file(
    ctx: RenderContext, page: str, shown: tuple[object, ...], make: Callable[[], bytes]
) -> OutputFile:
    """``page`` (a path in the site), which shows ``shown`` and nothing else; ``make`` renders it."""
    path = links.output_path(page)
    key = ctx.reuse.key("site", page, *shown)
    if ctx.reuse.kept((path,), key):
        return OutputFile(path, b"", key, kept=True)
    return OutputFile(path, make(), key)
