"""The package's layout: its modules import one another without cycles."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "compiler" / "orgc"

# Known cycles inside render/, being untangled there; each pair is allowed to import both ways.
ALLOWED_CYCLES = {
    frozenset({"orgc.render.outputs", "orgc.render.chart"}),
    frozenset({"orgc.render.outputs", "orgc.render.raci"}),
    frozenset({"orgc.render.outputs", "orgc.render.org_json"}),
    frozenset({"orgc.render.outputs", "orgc.render.handbook"}),
    frozenset({"orgc.render.handbook.book", "orgc.render.handbook.sections"}),
}


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


def allowed(importer: str, target: str) -> bool:
    """Whether the import goes between the two sides of an allowed pair (or their submodules)."""

    def within(module: str, side: str) -> bool:
        return module == side or module.startswith(side + ".")

    return any(
        (within(importer, a) and within(target, b)) or (within(importer, b) and within(target, a))
        for a, b in map(sorted, ALLOWED_CYCLES)
    )


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle outside the allowance, as the modules walked (the first again last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if allowed(module, target):
                continue
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
