"""``orgc lsp``: a Language Server Protocol server over stdio, for editors."""

from __future__ import annotations

from ..lsp.server import serve


def run() -> None:
    serve()
