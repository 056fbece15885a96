"""``out/.orgc/fragments-NNN.bin``: the pieces of whole-organisation outputs the last build used.

See ``fragments.py`` for what a piece is. The files are trusted as the documents cache is:
a checksum, one setting (orgc's code, the templates, the fonts), and used only when their
own stamps are the ones the build index recorded after writing them; without every one of
them, no piece is.

Each file's body is the setting on a line, then each piece as its key's length and its own,
the key and the piece: pieces are compressed bytes (tens of megabytes at 10,000 roles), which
a binary file holds as they are, where JSON needed them in base64, a third larger, and the time
to encode and decode them on every rebuild. The pieces are spread over ``SHARDS`` files by their
keys, so that a rebuild after an edit (a few dozen pieces changed) writes the few files that
hold them, not the whole store (46 MB at 10,000 roles). ``OWNERS``, in the same layout, holds
each output's own entry: ``@`` and its path, then the keys of the pieces it used, a line each.
A build that keeps an output without making it again (a volume no change reached) carries
its pieces with it by that entry.
"""

from __future__ import annotations

import contextlib
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .index import FOLDER, BuildIndex, Stamp, read_cache, write_cache

SHARDS = 256
FILES = tuple(f"fragments-{shard:03}.bin" for shard in range(SHARDS))
OWNERS = "fragments-owners.bin"
FORMAT = 5  # 5: pieces spread over FILES, the outputs' entries in OWNERS
_ENTRY = struct.Struct("<HI")  # the length of a piece's key, and of the piece
_OWNER = "@"  # an output's entry: its path after this; piece keys never start with it
_EARLIER = ("fragments.json", "fragments.bin")  # where earlier orgc kept them all


@dataclass(frozen=True)
class Stored:
    """The pieces a build used, by key, and the keys each output used, by path."""

    pieces: Mapping[str, bytes] = field(default_factory=dict)
    owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def shard_of(key: str) -> int:
    """Which of ``FILES`` holds the piece with ``key``."""
    return zlib.crc32(key.encode("utf-8")) % SHARDS


def load(out_dir: Path, index: BuildIndex | None, setting: str) -> Stored:
    """The pieces the last build into ``out_dir`` used; none when there are none to trust."""
    if index is None or index.setting != setting or OWNERS not in index.caches:
        return Stored()
    pieces: dict[str, bytes] = {}
    for name in FILES:
        if name not in index.caches:  # the last build had no piece for this file
            continue
        found = _read(out_dir, index, name, setting)
        if found is None:
            return Stored()
        pieces.update(found.pieces)
    found = _read(out_dir, index, OWNERS, setting)
    return Stored(pieces, found.owners) if found is not None else Stored()


def _read(out_dir: Path, index: BuildIndex, name: str, setting: str) -> Stored | None:
    body = read_cache(out_dir, index, name, FORMAT)
    return decoded(body, setting) if body is not None else None


def save(out_dir: Path, used: Stored, setting: str, previous: Stored) -> dict[str, Stamp]:
    """Write the pieces this build used; the files' stamps, for the index to record.

    A file that holds the same as the last build's (``previous``) is left as it is, one that
    would hold nothing is removed. A file that could not be written is left out: the next
    build then takes over no piece.
    """
    shards: list[dict[str, bytes]] = [{} for _ in FILES]
    for key, piece in used.pieces.items():
        shards[shard_of(key)][key] = piece
    held: list[set[str]] = [set() for _ in FILES]
    for key in previous.pieces:
        held[shard_of(key)].add(key)
    files = {
        name: (Stored(pieces), pieces.keys() == held_keys)
        for name, pieces, held_keys in zip(FILES, shards, held, strict=True)
        if pieces
    }
    if used.pieces:
        files[OWNERS] = (Stored({}, used.owners), used.owners == previous.owners)
    folder = out_dir / FOLDER
    for name in (*_EARLIER, *FILES, OWNERS):
        if name not in files:
            with contextlib.suppress(OSError):
                (folder / name).unlink(missing_ok=True)
    stamps = {}
    for name, (stored, same) in files.items():
        # ``previous`` holds pieces only when every file of it was the one the index recorded
        stamp = Stamp.of(folder / name) if same and previous.pieces else None
        if stamp is None:
            stamp = write_cache(out_dir, name, FORMAT, encoded(setting, stored))
        if stamp is not None:
            stamps[name] = stamp
    return stamps


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
