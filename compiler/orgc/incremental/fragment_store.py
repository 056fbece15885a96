"""``out/.orgc/fragments.bin``: the pieces of whole-organisation outputs the last build used.

See ``fragments.py`` for what a piece is. The file is trusted as the documents cache is:
a checksum, one setting (orgc's code, the templates, the fonts), and used only when its own
stamp is the one the build index recorded after writing it.

Its body is the setting on a line, then each piece as its key's length and its own, the key
and the piece: pieces are compressed bytes (tens of megabytes at 10,000 roles), which a
binary file holds as they are, where JSON needed them in base64, a third larger, and the
time to encode and decode them on every rebuild. After the pieces, in the same layout, each
output's own entry: ``@`` and its path, then the keys of the pieces it used, a line each. A
build that keeps an output without making it again (a volume no change reached) carries
its pieces with it by that entry.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .index import FOLDER, BuildIndex, Stamp, read_cache, write_cache

FILE = "fragments.bin"
FORMAT = 4  # pieces stored as fragments._stored gives them, and each output's, as above
_ENTRY = struct.Struct("<HI")  # the length of a piece's key, and of the piece
_OWNER = "@"  # an output's entry: its path after this; piece keys never start with it


@dataclass(frozen=True)
class Stored:
    """The pieces a build used, by key, and the keys each output used, by path."""

    pieces: Mapping[str, bytes] = field(default_factory=dict)
    owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def load(out_dir: Path, index: BuildIndex | None, setting: str) -> Stored:
    """The pieces the last build into ``out_dir`` used; none when there are none to trust."""
    if index is None or index.setting != setting:
        return Stored()
    body = read_cache(out_dir, index, FILE, FORMAT)
    return (decoded(body, setting) or Stored()) if body is not None else Stored()


def save(out_dir: Path, used: Stored, setting: str, previous: Stored) -> Stamp | None:
    """Write the pieces this build used; the file's stamp, for the index to record.

    When they are the ones the last build left, the file is left as it is.
    """
    path = out_dir / FOLDER / FILE
    if used.pieces and used.pieces.keys() == previous.pieces.keys() and used.owners == previous.owners:
        stamp = Stamp.of(path)
        if stamp is not None:
            return stamp
    if not used.pieces:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return None
    with contextlib.suppress(OSError):  # where an earlier orgc kept them, base64 in JSON
        (out_dir / FOLDER / "fragments.json").unlink(missing_ok=True)
    return write_cache(out_dir, FILE, FORMAT, encoded(setting, used))


def encoded(setting: str, stored: Stored) -> bytes:
    """The body of the file holding ``stored`` for ``setting``."""
    parts = [setting.encode("utf-8"), b"\n"]
    pack = _ENTRY.pack
    owners = (
        (_OWNER + path, "\n".join(keys).encode("ascii")) for path, keys in sorted(stored.owners.items())
    )
    for key, piece in (*sorted(stored.pieces.items()), *owners):
        name = key.encode("utf-8")
        parts += (pack(len(name), len(piece)), name, piece)
    return b"".join(parts)


def decoded(body: bytes | memoryview, setting: str) -> Stored | None:
    """What an ``encoded`` body holds; None when it is for another setting or is not one."""
    view = memoryview(body)
    head = setting.encode("utf-8") + b"\n"
    if view[: len(head)] != head:
        return None
    pieces: dict[str, bytes] = {}
    owners: dict[str, tuple[str, ...]] = {}
    position, end, size = len(head), len(view), _ENTRY.size
    entry = _ENTRY.unpack_from
    try:
        while position < end:
            name_size, piece_size = entry(view, position)
            start = position + size + name_size
            position = start + piece_size
            key = bytes(view[start - name_size : start]).decode("utf-8")
            if key.startswith(_OWNER):
                owners[key[1:]] = tuple(bytes(view[start:position]).decode("ascii").split("\n"))
            else:
                pieces[key] = bytes(view[start:position])
    except (struct.error, UnicodeDecodeError):
        return None
    return Stored(pieces, owners) if position == end else None
