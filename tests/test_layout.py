"""The package's layout holds: the renderers know nothing of how a build reuses the last one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "compiler" / "orgc"


def _imported_modules(source: str, package: tuple[str, ...]) -> list[str]:
    """Every module a module of ``package`` imports, anywhere in it (in functions and TYPE_CHECKING
    blocks too), as a dotted name inside orgc ("incremental.index") or as written for other packages."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name.removeprefix("orgc.") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [f"{module}.{alias.name}" for alias in node.names]
            found += [name.removeprefix("orgc.") for name in (names if not node.module else [module, *names])]
    return found


def test_render_never_imports_incremental() -> None:
    modules = sorted((PACKAGE / "render").rglob("*.py"))
    assert len(modules) > 10
    leaks = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in modules
        for name in _imported_modules(path.read_text(encoding="utf-8"), _package_of(path))
        if _is_incremental(name)
    ]
    assert leaks == [], "render/ asks ctx.reuse (render.context.Reuse); incremental/ implements it"


def test_the_check_sees_every_kind_of_import() -> None:
    cases = {
        "from ...incremental import plan": True,
        "from ...incremental.fragments import Fragments": True,
        "def f():\n    from ... import incremental": True,
        "import typing\nif typing.TYPE_CHECKING:\n    from ...incremental.plan import Kept": True,
        "import orgc.incremental.index": True,
        "from ..context import Reuse": False,
        "from ...writers.docx.deflate import Packed": False,
    }
    for source, leaks in cases.items():
        names = _imported_modules(source, ("orgc", "render", "handbook"))
        assert any(map(_is_incremental, names)) == leaks, source


def _package_of(path: Path) -> tuple[str, ...]:
    return path.relative_to(PACKAGE.parent).parts[:-1]  # ("orgc", "render", "handbook")


def _is_incremental(name: str) -> bool:
    return name == "incremental" or name.startswith("incremental.")


def test_render_has_no_import_cycles() -> None:
    """No module under render/ imports, even inside a function, a module that imports it back."""
    graph = {}
    for path in sorted((PACKAGE / "render").rglob("*.py")):
        name = ".".join((*_package_of(path)[1:], path.stem)).removesuffix(".__init__")
        graph[name] = set(_imported_modules(path.read_text(encoding="utf-8"), _package_of(path)))
    for name in graph:
        graph[name] = {other for other in graph if other != name and other in graph[name]}
    cycles = sorted(f"{a} <-> {b}" for a in graph for b in graph[a] if a < b and _reaches(graph, b, a))
    assert cycles == []


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name == goal:
            return True
        if name not in seen:
            seen.add(name)
            todo += graph[name]
    return False
