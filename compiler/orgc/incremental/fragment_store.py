"""``out/.orgc/fragments.json``: the pieces of whole-organisation outputs the last build used.

See ``fragments.py`` for what a piece is. The file is trusted as the documents
cache is: JSON with a checksum, for one setting (orgc's code, the templates, the fonts),
and used only when its own stamp is the one the build index recorded after writing it.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Mapping
from pathlib import Path

import orjson

from .index import FOLDER, BuildIndex, Stamp, read_cache, write_cache

FILE = "fragments.json"
FORMAT = 2  # pieces stored as fragments._stored gives them


def load(out_dir: Path, index: BuildIndex | None, setting: str) -> dict[str, bytes]:
    """key -> stored piece, from the last build into ``out_dir``; empty when there is none to trust."""
    if index is None or index.setting != setting:
        return {}
    body = read_cache(out_dir, index, FILE, FORMAT)
    if body is None:
        return {}
    try:
        content = orjson.loads(body)
        if content["setting"] != setting:
            return {}
        return {str(key): base64.b64decode(piece) for key, piece in content["pieces"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def save(
    out_dir: Path, used: Mapping[str, bytes], setting: str, previous: Mapping[str, bytes]
) -> Stamp | None:
    """Write the pieces this build used; the file's stamp, for the index to record.

    When they are the ones the last build left, the file is left as it is.
    """
    path = out_dir / FOLDER / FILE
    if used and used.keys() == previous.keys():
        stamp = Stamp.of(path)
        if stamp is not None:
            return stamp
    if not used:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return None
    content = {
        "setting": setting,
        "pieces": {key: base64.b64encode(piece).decode("ascii") for key, piece in sorted(used.items())},
    }
    return write_cache(out_dir, FILE, FORMAT, orjson.dumps(content))
