"""``assets/``: the site's stylesheet and scripts, copied from the templates (a project's own
``templates/site/`` file of the same name is taken instead)."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import OutputFile, RenderContext
from . import links

# Every page loads these (shell.STYLES, shell.SCRIPTS); another page kind may ship more.
FILES = ("site.css", "site.js", "search.js")


def render(ctx: RenderContext, names: tuple[str, ...] = FILES) -> Iterator[OutputFile]:
    for name in names:
        data = read(ctx, name)
        path = links.output_path(links.asset(name))
        key = ctx.reuse.key("asset", data)
        if ctx.reuse.kept((path,), key):
            yield OutputFile(path, b"", key, kept=True)
        else:
            yield OutputFile(path, data, key)


def read(ctx: RenderContext, name: str) -> bytes:
    """The asset ``name`` from the first template folder that has ``site/<name>``."""
    for folder in ctx.template_dirs:
        found = folder / "site" / name
        if found.is_file():
            return found.read_bytes()
    raise FileNotFoundError(f"templates/site/{name}")
