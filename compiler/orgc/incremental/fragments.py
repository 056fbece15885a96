"""Pieces of a whole-organisation output kept from the last build, by the fingerprint of what they show.

A piece is a part of a document made from a small part of the organisation: in the handbook,
one unit's responsibility matrix, one process's steps, the org chart or the position index.
It is looked up by the fingerprint of everything it is made from; when the last build made a
piece from the same inputs, that piece is taken as it is, otherwise it is made. Either way the output that used
it carries it back (``OutputFile.fragments``), and the pieces a build used are what the next
one may take (``fragment_store``).

Pieces are kept compressed: those of a large handbook are tens of megabytes of XML. A large piece
is compressed on its own (``render.context.piece_of``) and goes into the document's stream as it is,
never decompressed or compressed again; a small one is given back as text, to be compressed
with what surrounds it, since on its own it would compress far worse (most of a handbook's
pieces are a few kilobytes of table markup much like their neighbours'). A part of an output
that is not a document (a file of the site's search index) is kept as bytes (``data``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping

from ..render.context import PACK_FROM, piece_of
from ..writers.docx.deflate import Packed
from .index import fingerprint, shown_text

__all__ = ["PACK_FROM", "Fragments"]


class Fragments:
    """Where one output's pieces come from: the last build's, or made now (``render.context.Pieces``)."""

    def __init__(self, previous: Mapping[str, bytes] | None = None) -> None:
        self._previous = previous or {}
        self._used: dict[str, bytes] = {}

    def piece(self, make: Callable[[], str | Packed], *shown: object, packed: bool = False) -> str | Packed:
        """The piece made by ``make``, which shows ``shown`` (everything it depends on)."""
        # a piece packed on its own is other bytes in the document than the same text compressed
        # with its neighbours: the two are kept apart
        key = fingerprint(*map(shown_text, shown), *(("packed",) if packed else ()))
        stored = self._previous.get(key)
        value = _restored(stored) if stored is not None else None
        if value is None:
            value = piece_of(make(), packed)
            stored = _stored(value)
        self._used[key] = stored
        return value

    def data(self, make: Callable[[], bytes], *shown: object) -> bytes:
        """The bytes made by ``make``, which show ``shown``, as they are."""
        key = fingerprint(*map(shown_text, shown), "data")
        stored = self._previous.get(key)
        value = _restored_data(stored) if stored is not None else None
        if value is None:
            value = make()
            stored = _DATA + zlib.compress(value, 1)
        self._used[key] = stored
        return value

    @property
    def used(self) -> tuple[tuple[str, bytes], ...]:
        """key -> the piece as stored, for every piece asked for, in the order first asked."""
        return tuple(self._used.items())


_PACKED, _TEXT, _DATA = b"P", b"T", b"D"  # how a piece is stored: Packed.dumps(), text or bytes through zlib


def _stored(piece: str | Packed) -> bytes:
    if isinstance(piece, Packed):
        return _PACKED + piece.dumps()
    return _TEXT + zlib.compress(piece.encode("utf-8"), 1)


def _restored(stored: bytes) -> str | Packed | None:
    """A piece as the last build stored it; None for anything that is not one."""
    kind, body = stored[:1], stored[1:]
    if kind == _PACKED:
        return Packed.loads(body)
    if kind == _TEXT:
        try:
            return zlib.decompress(body).decode("utf-8")
        except (zlib.error, UnicodeDecodeError):
            return None
    return None


def _restored_data(stored: bytes) -> bytes | None:
    """Bytes as the last build stored them (``Fragments.data``); None for anything else."""
    if stored[:1] != _DATA:
        return None
    try:
        return zlib.decompress(stored[1:])
    except zlib.error:
        return None
