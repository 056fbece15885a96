"""The language server sits beside the commands: it uses the pipeline and the model, and no stage uses it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "compiler" / "orgc"


def _imports_lsp(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and (node.module == "lsp" or node.module.startswith(("lsp.", "orgc.lsp")))
        ):
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.module is None
            and any(a.name == "lsp" for a in node.names)
        ):
            return True
        if isinstance(node, ast.Import) and any(a.name.startswith("orgc.lsp") for a in node.names):
            return True
    return False


def test_only_the_lsp_command_imports_the_server() -> None:
    users = sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if not path.is_relative_to(PACKAGE / "lsp") and _imports_lsp(path)
    )
    assert users == ["commands/lsp.py"]
