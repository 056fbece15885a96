from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsp_client import Client

from helpers import GOOD


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the good project, for one module's server."""
    root = tmp_path_factory.mktemp("lsp") / "good"
    shutil.copytree(GOOD, root)
    return root


@pytest.fixture(scope="module")
def client(project: Path) -> Iterator[Client]:
    """One `orgc lsp` for a module's tests, on its own copy of the good project."""
    started = Client(project)
    try:
        yield started
    finally:
        started.close()
