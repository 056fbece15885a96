"""``out/.orgc/fragments.bin``: the pieces of whole-organisation outputs the last build used.

See ``fragments.py`` for what a piece is. The file is trusted as the documents cache is:
a checksum, one setting (orgc's code, the templates, the fonts), and used only when its own
stamp is the one the build index recorded after writing it.

Its body is the setting on a line, then each piece as its key's length and its own, the key
and the piece: pieces are compressed bytes (tens of megabytes at 10,000 roles), which a
binary file holds as they are, where JSON needed them in base64, a third larger, and the
time to encode and decode them on every rebuild.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Mapping
from pathlib import Path

from .index import FOLDER, BuildIndex, Stamp, read_cache, write_cache

FILE = "fragments.bin"
FORMAT = 3  # pieces stored as fragments._stored gives them, in the binary layout above
_ENTRY = struct.Struct("<HI")  # the length of a piece's key, and of the piece


def load(out_dir: Path, index: BuildIndex | None, setting: str) -> dict[str, bytes]:
    """key -> stored piece, from the last build into ``out_dir``; empty when there is none to trust."""
    if index is None or index.setting != setting:
        return {}
    body = read_cache(out_dir, index, FILE, FORMAT)
    return (decoded(body, setting) or {}) if body is not None else {}


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
    with contextlib.suppress(OSError):  # where an earlier orgc kept them, base64 in JSON
        (out_dir / FOLDER / "fragments.json").unlink(missing_ok=True)
    return write_cache(out_dir, FILE, FORMAT, encoded(setting, used))


def encoded(setting: str, pieces: Mapping[str, bytes]) -> bytes:
    """The body of the file holding ``pieces`` for ``setting``."""
    parts = [setting.encode("utf-8"), b"\n"]
    pack = _ENTRY.pack
    for key, piece in sorted(pieces.items()):
        name = key.encode("utf-8")
        parts += (pack(len(name), len(piece)), name, piece)
    return b"".join(parts)


def decoded(body: bytes | memoryview, setting: str) -> dict[str, bytes] | None:
    """The pieces an ``encoded`` body holds; None when it is for another setting or is not one."""
    view = memoryview(body)
    head = setting.encode("utf-8") + b"\n"
    if view[: len(head)] != head:
        return None
    pieces = {}
    position, end, size = len(head), len(view), _ENTRY.size
    entry = _ENTRY.unpack_from
    try:
        while position < end:
            name_size, piece_size = entry(view, position)
            start = position + size + name_size
            position = start + piece_size
            pieces[bytes(view[start - name_size : start]).decode("utf-8")] = bytes(view[start:position])
    except (struct.error, UnicodeDecodeError):
        return None
    return pieces if position == end else None
