"""Where the schemas and built-in templates live: inside the wheel, or in the source tree."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
_SOURCE_TREE = _PACKAGE.parent.parent


def data_dir(name: str) -> Path:
    """``schema`` or ``templates``: shipped as ``orgc/_data/<name>`` in the wheel."""
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _SOURCE_TREE / name


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema by file name, e.g. ``role.schema.json``."""
    return json.loads((data_dir("schema") / name).read_text(encoding="utf-8"))


def schema_names() -> list[str]:
    return sorted(p.name for p in data_dir("schema").glob("*.schema.json"))
