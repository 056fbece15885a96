"""Every output of ``orgc build``, in a fixed order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .context import OutputFile, RenderContext

Renderer = Callable[[RenderContext], Iterator[OutputFile]]


def renderers() -> list[tuple[str, Renderer]]:
    """(name, renderer) pairs; imported lazily so `orgc check` never pays for them."""
    from . import jd_docx, jd_markdown, org_json

    found: list[tuple[str, Renderer]] = [
        ("job descriptions (Markdown)", jd_markdown.render),
        ("job descriptions (DOCX)", jd_docx.render),
        ("org.json", org_json.render),
    ]
    for module_name, title in (
        ("raci", "responsibility matrices"),
        ("chart", "org chart"),
        ("handbook", "handbook"),
    ):
        module = _optional(module_name)
        if module is not None:
            found.append((title, module.render))
    return found


def _optional(name: str):  # type: ignore[no-untyped-def]
    import importlib

    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{name}":
            raise
        return None


def render_all(ctx: RenderContext) -> Iterator[OutputFile]:
    for _name, renderer in renderers():
        yield from renderer(ctx)
