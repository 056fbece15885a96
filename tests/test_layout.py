"""The package's layout holds: no import cycles, and the renderers know nothing of how a build reuses the last one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "compiler" / "orgc"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, modules: set[str]) -> set[str]:
    """The package's modules ``path`` imports, at module level or inside functions."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # `from package import x` imports the submodule x when there is one, else a name of package
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imported(path, modules) for path in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle, as the modules walked (the first again last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_a_cycle_is_found_and_named() -> None:
    graph = {"orgc.a": {"orgc.b"}, "orgc.b": {"orgc.c"}, "orgc.c": {"orgc.a"}, "orgc.d": {"orgc.a"}}
    assert find_cycle(graph) == ["orgc.a", "orgc.b", "orgc.c", "orgc.a"]


def test_relative_imports_are_resolved() -> None:
    graph = import_graph()
    assert "orgc.diff.json_out" in graph["orgc.commands.diff"]  # from ..diff import json_out
    assert "orgc.diff.renames" in graph["orgc.diff.compare"]  # from . import facts, renames


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
